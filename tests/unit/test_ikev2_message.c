/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/ikev2: ikd_v2_message_read() on well-formed
 * messages and on one malformation at a time, the decrypted-payload reader,
 * and ikd_v2_feed().
 *
 * Each test starts from a canned valid message (ikev2_builder.c), changes one
 * thing, and asserts the exact finding list: ids, byte spans and arguments,
 * in order. The messages are built by hand: every test that breaks one is a
 * malformed-input test, and says what it breaks. Every read goes through
 * read(), which checks the invariants that hold for any input. */
#include "core/findings.h"
#include "ikev2/ikev2.h"
#include "ikev2/ikev2_names.h"
#include "ikev2/message.h"
#include "ikev2/sa_payload.h"
#include "ikev2_builder.h"
#include "report/finding_text.h"

#include <glib.h>
#include <string.h>

/* --- Reading and asserting ------------------------------------------------------ */

static void check_invariants(const ikd_v2_message *msg, size_t captured)
{
    const ikd_finding_list *l = &msg->findings;
    g_assert_cmpuint(l->count, <=, IKD_MAX_FINDINGS);
    for (uint32_t i = 0; i < l->count; i++) {
        const ikd_finding *f = &l->items[i];
        g_assert_cmpuint(f->id, <, IKD_FINDING_COUNT);
        g_assert_cmpuint((uint64_t)f->offset + f->length, <=, captured);
        char text[256];
        ikd_finding_render(ikd_finding_lookup((ikd_finding_id)f->id)->detail, f, text, sizeof text);
        g_assert_cmpuint(strlen(text), >, 0);
    }
    g_assert_cmpuint(msg->payload_count, <=, msg->payloads_seen);
    g_assert_cmpuint(msg->sa.proposal_count, <=, IKD_V2_MAX_PROPOSALS);
    g_assert_cmpuint(msg->sa.transform_count, <=, IKD_V2_MAX_TRANSFORMS);
}

/* Reads an exact-size heap copy, so that AddressSanitizer sees any read
 * past the captured bytes. */
static void read_cut(const ikv2b_msg *m, size_t captured, ikd_v2_message *msg)
{
    uint8_t *copy = g_memdup2(m->b->data, captured);
    ikd_v2_message_read(copy, captured, m->b->len, IKD_TRANSPORT_UDP, msg);
    check_invariants(msg, captured);
    g_free(copy);
}

static void read(const ikv2b_msg *m, ikd_v2_message *msg)
{
    read_cut(m, m->b->len, msg);
}

typedef struct {
    ikd_finding_id id;
    uint32_t offset, length;
    uint32_t a0, a1, a2, a3;
} expected;

static void assert_findings(const ikd_v2_message *msg, const expected *e, size_t n)
{
    for (uint32_t i = 0; i < msg->findings.count; i++)
        g_test_message("finding %u: %s", i, ikd_finding_lookup((ikd_finding_id)msg->findings.items[i].id)->name);
    g_assert_cmpuint(msg->findings.count, ==, n);
    for (size_t i = 0; i < n; i++) {
        const ikd_finding *f = &msg->findings.items[i];
        g_assert_cmpstr(ikd_finding_lookup((ikd_finding_id)f->id)->name, ==, ikd_finding_lookup(e[i].id)->name);
        g_assert_cmpuint(f->offset, ==, e[i].offset);
        g_assert_cmpuint(f->length, ==, e[i].length);
        g_assert_cmpuint(f->arg[0], ==, e[i].a0);
        g_assert_cmpuint(f->arg[1], ==, e[i].a1);
        g_assert_cmpuint(f->arg[2], ==, e[i].a2);
        g_assert_cmpuint(f->arg[3], ==, e[i].a3);
        g_assert_cmpuint(f->arg[IKD_FINDING_ARG_VERSION], ==, IKD_FINDING_IKEV2);
    }
}

/* One finding, then nothing else. */
static void assert_one(const ikd_v2_message *msg, ikd_finding_id id, uint32_t offset, uint32_t length, uint32_t a0,
                       uint32_t a1, uint32_t a2, uint32_t a3)
{
    const expected e = { id, offset, length, a0, a1, a2, a3 };
    assert_findings(msg, &e, 1);
}

static void assert_clean(const ikd_v2_message *msg)
{
    assert_findings(msg, NULL, 0);
}

static char *detail_of(const ikd_v2_message *msg, uint32_t i, char *buf, size_t size)
{
    const ikd_finding *f = &msg->findings.items[i];
    return ikd_finding_render(ikd_finding_lookup((ikd_finding_id)f->id)->detail, f, buf, size);
}

/* Offsets in the canned SA_INIT request: header 28, SA payload 28 (4 + the
 * 44-byte proposal 1 + the 36-byte proposal 2 = 84), KE at 112. */
enum {
    SA_AT = 28,
    P1_AT = 32,
    P1_T1_AT = 40, /* ENCR AES-CBC with its key length, 12 bytes */
    P1_T2_AT = 52, /* PRF */
    P2_AT = 76,
    KE_AT = 112,
    NONCE_AT = KE_AT + 8 + 256,
    INIT_SK_AT = 28,
};

/* --- Well-formed messages: no finding, and the view later stages use ----------- */

static void test_sa_init_request_view(void)
{
    ikv2b_msg *m = ikv2b_sa_init_request();
    ikd_v2_message msg;
    read(m, &msg);
    assert_clean(&msg);
    g_assert_true(msg.header_read);
    g_assert_cmpuint(msg.exchange, ==, IKD_V2_EX_SA_INIT);
    g_assert_true(msg.initiator);
    g_assert_false(msg.response);
    g_assert_cmpuint(msg.message_id, ==, 0);
    g_assert_cmpuint(msg.payload_count, ==, 5);
    g_assert_cmpuint(msg.payloads[0].type, ==, IKD_V2_PL_SA);
    g_assert_cmpuint(msg.payloads[1].offset, ==, KE_AT);
    g_assert_true(msg.sa.present);
    g_assert_cmpuint(msg.sa.proposal_count, ==, 2);
    g_assert_cmpuint(msg.sa.transform_count, ==, 7);
    g_assert_cmpuint(msg.sa.proposals[1].number, ==, 2);
    g_assert_cmpuint(msg.sa.proposals[1].first_transform, ==, 4);
    g_assert_cmpuint(ikd_v2_proposal_transform(&msg, 0, IKD_V2_TT_ENCR)->key_length, ==, 128);
    g_assert_cmpuint(ikd_v2_proposal_transform(&msg, 1, IKD_V2_TT_DH)->id, ==, 19);
    g_assert_null(ikd_v2_proposal_transform(&msg, 1, IKD_V2_TT_INTEG));
    g_assert_true(ikd_v2_sa_offers(&msg, IKD_V2_TT_DH, 19));
    g_assert_false(ikd_v2_sa_offers(&msg, IKD_V2_TT_DH, 2));
    g_assert_true(msg.has_ke);
    g_assert_cmpuint(msg.ke_group, ==, 14);
    g_assert_cmpuint(msg.ke_data_length, ==, 256);
    g_assert_cmpuint(msg.nonce_length, ==, 32);
    g_assert_cmpuint(msg.notify_count, ==, 2);
    g_assert_cmpuint(msg.notifies[1].type, ==, 16389);
    g_assert_cmpuint(msg.notifies[1].data_length, ==, 20);
    g_assert_nonnull(ikd_v2_message_notify(&msg, 16388));
    g_assert_false(msg.has_sk);
    ikv2b_free(m);
}

static void test_sa_init_response_view(void)
{
    ikv2b_msg *m = ikv2b_sa_init_response();
    ikd_v2_message msg;
    read(m, &msg);
    assert_clean(&msg); /* its one proposal keeps the offer's number 2 */
    g_assert_true(msg.response);
    g_assert_cmpuint(msg.sa.proposal_count, ==, 1);
    g_assert_cmpuint(msg.ke_group, ==, 19);
    ikv2b_free(m);
}

typedef struct {
    unsigned transforms;
    unsigned last_proposal;
} visit_count;

static void count_transform(void *context, const ikd_v2_proposal *p, const ikd_v2_transform *t)
{
    visit_count *c = context;
    (void)t;
    c->transforms++;
    c->last_proposal = p->number;
}

static void test_sa_visit(void)
{
    ikv2b_msg *m = ikv2b_sa_init_request();
    ikd_v2_message msg;
    read(m, &msg);
    visit_count c = { 0, 0 };
    ikd_v2_sa_visit(&msg, count_transform, &c);
    g_assert_cmpuint(c.transforms, ==, 7);
    g_assert_cmpuint(c.last_proposal, ==, 2);
    ikv2b_free(m);
}

static void test_auth_request_view(void)
{
    ikv2b_msg *m = ikv2b_auth_request();
    ikd_v2_message msg;
    read(m, &msg);
    assert_clean(&msg);
    g_assert_true(msg.has_sk);
    g_assert_cmpuint(msg.sk_next_payload, ==, IKD_V2_PL_IDI);
    g_assert_cmpuint(msg.sk_offset, ==, 28);
    g_assert_cmpuint(msg.sk_length, ==, 68);
    ikv2b_free(m);
}

/* --- Header (each test below changes a well-formed message: malformed input) ----- */

static void test_minor_version(void)
{
    ikv2b_msg *m = ikv2b_sa_init_request();
    ikb_set_u8(m->b, 17, 0x21);
    ikd_v2_message msg;
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_MINOR_VERSION, 17, 1, 1, 0, 0, 0);
    ikv2b_free(m);
}

static void test_exchange_type(void)
{
    ikv2b_msg *m = ikv2b_sa_init_request();
    ikb_set_u8(m->b, 18, 5); /* IKEv1 informational */
    ikd_v2_message msg;
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_EXCHANGE_TYPE, 18, 1, 5, 0, 0, 0);
    ikb_set_u8(m->b, 18, 241);
    read(m, &msg);
    assert_one(&msg, IKD_F_PRIVATE_EXCHANGE, 18, 1, 241, 0, 0, 0);
    ikb_set_u8(m->b, 18, IKD_V2_EX_INTERMEDIATE); /* known: no exchange finding */
    read(m, &msg);
    g_assert_false(ikd_findings_has(&msg.findings, IKD_F_V2_EXCHANGE_TYPE));
    ikv2b_free(m);
}

static void test_flags(void)
{
    ikv2b_msg *m = ikv2b_sa_init_request();
    ikb_set_u8(m->b, 19, IKD_V2_FLAG_INITIATOR | 0x01);
    ikd_v2_message msg;
    read(m, &msg);
    assert_one(&msg, IKD_F_FLAGS, 19, 1, 0x09, 0x01, 0, 0);
    ikb_set_u8(m->b, 19, IKD_V2_FLAG_INITIATOR | IKD_V2_FLAG_VERSION);
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_VERSION_FLAG, 19, 1, 0x18, 0, 0, 0);
    ikb_set_u8(m->b, 19, 0); /* a request without I */
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_SA_INIT_FLAGS, 19, 1, 0, 0, 0, 0);
    ikv2b_free(m);
}

static void test_spis(void)
{
    ikv2b_msg *m = ikv2b_sa_init_request();
    memset(m->b->data, 0, 8);
    ikd_v2_message msg;
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_SPI_I_ZERO, 0, 8, 0, 0, 0, 0);
    memcpy(m->b->data, ikv2b_spi_i, 8);
    memcpy(m->b->data + 8, ikv2b_spi_r, 8);
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_SPI_R_IN_SA_INIT, 8, 8, 0, 0, 0, 0);
    ikv2b_free(m);

    m = ikv2b_auth_request();
    memset(m->b->data + 8, 0, 8);
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_SPI_R_ZERO, 8, 8, IKD_V2_EX_AUTH, 0, 0, 0);
    ikb_set_u8(m->b, 18, IKD_V2_EX_INFORMATIONAL); /* outside any SA: allowed */
    read(m, &msg);
    assert_clean(&msg);
    ikv2b_free(m);
}

static void test_message_ids(void)
{
    ikv2b_msg *m = ikv2b_sa_init_request();
    ikb_set_u32(m->b, 20, 1);
    ikd_v2_message msg;
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_MESSAGE_ID_SA_INIT, 20, 4, 1, 0, 0, 0);
    ikv2b_free(m);
    m = ikv2b_auth_request();
    ikb_set_u32(m->b, 20, 0);
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_MESSAGE_ID_ZERO, 20, 4, IKD_V2_EX_AUTH, 0, 0, 0);
    ikb_set_u8(m->b, 18, IKD_V2_EX_CREATE_CHILD_SA); /* the responder's first request may be 0 */
    read(m, &msg);
    assert_clean(&msg);
    ikv2b_free(m);
}

static void test_header_cut(void)
{
    /* Malformed input: 20 of the header's 28 bytes. */
    ikv2b_msg *m = ikv2b_sa_init_request();
    ikd_v2_message msg;
    uint8_t *copy = g_memdup2(m->b->data, 20);
    ikd_v2_message_read(copy, 20, 20, IKD_TRANSPORT_UDP, &msg);
    g_free(copy);
    g_assert_false(msg.header_read);
    g_assert_cmpuint(msg.exchange, ==, IKD_V2_EX_SA_INIT);
    g_assert_cmpuint(msg.findings.count, ==, 1);
    g_assert_cmpuint(msg.findings.items[0].id, ==, IKD_F_HEADER_SHORT);
    /* The shared header check's finding is tagged IKEv2's, for its texts. */
    g_assert_cmpuint(msg.findings.items[0].arg[IKD_FINDING_ARG_VERSION], ==, IKD_FINDING_IKEV2);
    ikv2b_free(m);
}

static void test_snap_length_cut_encrypted(void)
{
    /* A capture cut inside the SK payload: still known as encrypted. */
    ikv2b_msg *m = ikv2b_auth_request();
    ikd_v2_message msg;
    read_cut(m, 40, &msg);
    g_assert_true(msg.has_sk);
    g_assert_cmpuint(msg.sk_offset, ==, 28);
    g_assert_cmpuint(msg.sk_length, ==, 68);
    g_assert_cmpuint(msg.sk_next_payload, ==, IKD_V2_PL_IDI);
    g_assert_cmpuint(msg.findings.count, ==, 1);
    g_assert_cmpuint(msg.findings.items[0].id, ==, IKD_F_CAPTURE_TRUNCATED);
    ikv2b_free(m);
}

static void test_snap_length_cut(void)
{
    /* A capture cut inside the SA payload: nothing but the cut is said. */
    ikv2b_msg *m = ikv2b_sa_init_request();
    ikd_v2_message msg;
    read_cut(m, 90, &msg);
    g_assert_true(msg.capture_truncated);
    g_assert_cmpuint(msg.findings.count, ==, 1);
    g_assert_cmpuint(msg.findings.items[0].id, ==, IKD_F_CAPTURE_TRUNCATED);
    ikv2b_free(m);
}

/* --- Payload chain --------------------------------------------------------------- */

/* An auth request whose SK payload is preceded by one payload of this type,
 * flags byte and body length: built by hand (malformed-input tests). */
static ikv2b_msg *auth_with_leading(uint8_t type, uint8_t flags, size_t body_len)
{
    ikv2b_msg *m = ikv2b_new(IKD_V2_EX_AUTH, IKD_V2_FLAG_INITIATOR, 1, ikv2b_spi_r);
    GByteArray *body = g_byte_array_new(), *sk = g_byte_array_new();
    ikb_fill(body, 0x01, body_len);
    ikb_fill(sk, 0xc3, 64);
    ikv2b_add_flags(m, type, flags, body);
    ikv2b_add(m, IKD_V2_PL_SK, sk);
    ikb_set_u8(m->b, m->next_at, IKD_V2_PL_IDI);
    ikv2b_finish(m);
    g_byte_array_free(body, TRUE);
    g_byte_array_free(sk, TRUE);
    return m;
}

static void test_unknown_payloads(void)
{
    ikv2b_msg *m = auth_with_leading(50, 0, 4);
    ikd_v2_message msg;
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_UNKNOWN_PAYLOAD, 28, 8, 50, 0, 0, 0);
    g_assert_true(msg.has_sk); /* skipped, and the chain goes on */
    ikv2b_free(m);
    m = auth_with_leading(50, 0x80, 4);
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_CRITICAL_PAYLOAD, 28, 8, 50, 0, 0, 0);
    ikv2b_free(m);
    m = auth_with_leading(IKD_V2_PL_VID, 0x80, 4); /* known: the critical bit is no matter */
    read(m, &msg);
    assert_clean(&msg);
    ikv2b_free(m);
}

static void test_payload_reserved(void)
{
    ikv2b_msg *m = auth_with_leading(IKD_V2_PL_VID, 0x01, 4);
    ikd_v2_message msg;
    read(m, &msg);
    assert_one(&msg, IKD_F_RESERVED_NOT_ZERO, 29, 1, IKD_V2_PL_VID, 0, 0, 0);
    char text[200];
    g_assert_cmpstr(detail_of(&msg, 0, text, sizeof text), ==, "reserved not zero on payload 43 (Vendor ID)");
    ikv2b_free(m);
}

static void test_payload_lengths(void)
{
    ikv2b_msg *m = ikv2b_sa_init_request();
    ikb_set_u16(m->b, KE_AT + 2, 6); /* shorter than KE's fixed fields: the chain goes wrong after it */
    ikd_v2_message msg;
    read(m, &msg);
    g_assert_cmpuint(msg.findings.items[0].id, ==, IKD_F_PAYLOAD_TOO_SHORT);
    char text[200];
    g_assert_cmpstr(detail_of(&msg, 0, text, sizeof text), ==, "payload 34 (KE) says 6 bytes; it needs at least 8");
    ikb_set_u16(m->b, KE_AT + 2, 3); /* below the generic header: the walk stops */
    read(m, &msg);
    assert_one(&msg, IKD_F_PAYLOAD_TOO_SHORT, KE_AT, 4, IKD_V2_PL_KE, 3, 4, 0);
    ikb_set_u16(m->b, KE_AT + 2, 400); /* past the message's end */
    read(m, &msg);
    assert_one(&msg, IKD_F_PAYLOAD_OVERRUN, KE_AT, 356, IKD_V2_PL_KE, 400, 356, 0);
    ikv2b_free(m);
}

static void test_chain_cut_and_trailing(void)
{
    ikv2b_msg *m = ikv2b_sa_init_request();
    size_t last = m->next_at;
    ikb_set_u8(m->b, last, IKD_V2_PL_VID); /* the last notify announces one more payload */
    ikd_v2_message msg;
    read(m, &msg);
    assert_one(&msg, IKD_F_CHAIN_CUT, m->b->len, 0, IKD_V2_PL_VID, 0, 0, 0);
    ikb_set_u8(m->b, last, 0);
    ikv2b_raw(m, "\0\0\0", 3);
    ikv2b_finish(m);
    read(m, &msg);
    assert_one(&msg, IKD_F_TRAILING_BYTES, m->b->len - 3, 3, 3, 0, 0, 0);
    ikv2b_free(m);
}

/* --- SA payload: proposals and transforms ---------------------------------------- */

/* An SA_INIT request whose SA payload holds exactly the body given. */
static ikv2b_msg *sa_init_with_sa(const GByteArray *sa, uint8_t flags)
{
    ikv2b_msg *m = ikv2b_new(IKD_V2_EX_SA_INIT, flags, 0, flags & IKD_V2_FLAG_RESPONSE ? ikv2b_spi_r : ikv2b_spi_zero);
    ikv2b_add(m, IKD_V2_PL_SA, sa);
    GByteArray *nonce = ikv2b_nonce(32);
    ikv2b_add(m, IKD_V2_PL_NONCE, nonce);
    g_byte_array_free(nonce, TRUE);
    ikv2b_finish(m);
    return m;
}

static const ikv2b_transform aes_sha[] = {
    { IKD_V2_TT_ENCR, 12, 256 }, { IKD_V2_TT_PRF, 2, 0 }, { IKD_V2_TT_INTEG, 2, 0 }, { IKD_V2_TT_DH, 14, 0 },
};

static void test_sa_empty(void)
{
    GByteArray *sa = g_byte_array_new();
    ikv2b_msg *m = sa_init_with_sa(sa, IKD_V2_FLAG_INITIATOR);
    ikd_v2_message msg;
    read(m, &msg);
    assert_one(&msg, IKD_F_SA_EMPTY, 28, 4, 0, 0, 0, 0);
    g_byte_array_free(sa, TRUE);
    ikv2b_free(m);
}

static void test_substructure_markers(void)
{
    ikv2b_msg *m = ikv2b_sa_init_request();
    ikb_set_u8(m->b, P1_AT, IKD_V2_PL_TRANSFORM); /* a proposal says a transform follows */
    ikd_v2_message msg;
    read(m, &msg);
    assert_one(&msg, IKD_F_SA_CHAIN, P1_AT, 1, IKD_V2_PL_PROPOSAL, 3, IKD_V2_PL_PROPOSAL, 0);
    char text[200];
    g_assert_cmpstr(detail_of(&msg, 0, text, sizeof text), ==,
                    "a Proposal substructure payload inside the SA says next payload 3; only 2 or 0 may follow");
    ikb_set_u8(m->b, P1_AT, 2);
    ikb_set_u8(m->b, P1_T1_AT, 0); /* the first transform claims to be the last */
    read(m, &msg);
    const expected e[] = {
        { IKD_F_SA_TRAILING, P1_T2_AT, 24, 24, IKD_V2_PL_TRANSFORM, 0, 0 },
        { IKD_F_TRANSFORM_COUNT, P1_AT + 7, 1, 1, 4, 1, 0 },
    };
    assert_findings(&msg, e, G_N_ELEMENTS(e));
    ikv2b_free(m);
}

static void test_proposal_numbering(void)
{
    GByteArray *sa = g_byte_array_new();
    ikv2b_proposal(sa, false, 2, IKD_V2_PROTO_IKE, 0, aes_sha, G_N_ELEMENTS(aes_sha)); /* offers start at 1 */
    ikv2b_proposal(sa, true, 4, IKD_V2_PROTO_IKE, 0, aes_sha, G_N_ELEMENTS(aes_sha));  /* and do not skip */
    ikv2b_msg *m = sa_init_with_sa(sa, IKD_V2_FLAG_INITIATOR);
    ikd_v2_message msg;
    read(m, &msg);
    const expected e[] = {
        { IKD_F_V2_PROPOSAL_NUMBERING, 36, 1, 2, 1, 0, 0 },
        { IKD_F_V2_PROPOSAL_NUMBERING, 36 + 44, 1, 4, 3, 0, 0 },
    };
    assert_findings(&msg, e, G_N_ELEMENTS(e));
    ikv2b_free(m);
    g_byte_array_free(sa, TRUE);
    sa = g_byte_array_new();
    ikv2b_proposal(sa, true, 0, IKD_V2_PROTO_IKE, 0, aes_sha, G_N_ELEMENTS(aes_sha)); /* a choice of "0" */
    m = sa_init_with_sa(sa, IKD_V2_FLAG_RESPONSE);
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_PROPOSAL_NUMBERING, 36, 1, 0, 1, 0, 0);
    ikv2b_free(m);
    g_byte_array_free(sa, TRUE);
}

static void test_protocol_and_spi(void)
{
    GByteArray *sa = g_byte_array_new();
    ikv2b_proposal(sa, false, 1, 4, 4, aes_sha, G_N_ELEMENTS(aes_sha));                   /* protocol 4 */
    ikv2b_proposal(sa, false, 2, IKD_V2_PROTO_IKE, 8, aes_sha, G_N_ELEMENTS(aes_sha));    /* IKE SPI in SA_INIT */
    ikv2b_proposal(sa, true, 3, IKD_V2_PROTO_ESP, 0, aes_sha + 2, 1);                     /* ESP without SPI */
    ikv2b_msg *m = sa_init_with_sa(sa, IKD_V2_FLAG_INITIATOR);
    ikd_v2_message msg;
    read(m, &msg);
    const expected e[] = {
        { IKD_F_PROTOCOL_ID, 37, 1, 4, IKD_V2_PL_PROPOSAL, 0, 0 },
        { IKD_F_SPI_SIZE, 38 + 48, 1, IKD_V2_PROTO_IKE, 8, IKD_V2_PL_PROPOSAL, 0 },
        { IKD_F_SPI_SIZE, 38 + 48 + 52, 1, IKD_V2_PROTO_ESP, 0, IKD_V2_PL_PROPOSAL, 0 },
    };
    assert_findings(&msg, e, G_N_ELEMENTS(e));
    char text[200];
    g_assert_cmpstr(detail_of(&msg, 1, text, sizeof text), ==,
                    "IKE with an SPI of 8 bytes in a Proposal substructure payload");
    g_assert_cmpuint(msg.sa.proposals[1].spi_size, ==, 8);
    g_assert_cmpuint(msg.sa.proposals[1].spi[0], ==, 0x5a);
    ikv2b_free(m);
    g_byte_array_free(sa, TRUE);
}

static void test_transforms(void)
{
    const ikv2b_transform bad[] = {
        { 13, 1, 0 },                 /* no such transform type */
        { IKD_V2_TT_ENCR, 12, 0 },    /* AES-CBC without its key length */
        { IKD_V2_TT_ENCR, 3, 192 },   /* 3DES has one key length */
        { IKD_V2_TT_PRF, 2, 128 },    /* PRFs take none */
        { IKD_V2_TT_DH, 31, 0 },
    };
    GByteArray *sa = g_byte_array_new();
    ikv2b_proposal(sa, true, 1, IKD_V2_PROTO_IKE, 0, bad, G_N_ELEMENTS(bad));
    ikv2b_msg *m = sa_init_with_sa(sa, IKD_V2_FLAG_INITIATOR);
    ikd_v2_message msg;
    read(m, &msg);
    const expected e[] = {
        { IKD_F_V2_TRANSFORM_TYPE, 44, 1, 13, 1, 0, 0 },
        { IKD_F_V2_KEY_LENGTH_MISSING, 48, 8, 12, 1, 0, 0 },
        { IKD_F_V2_KEY_LENGTH_MISPLACED, 56, 8, IKD_V2_TT_ENCR, 3, 192, 0 },
        { IKD_F_V2_KEY_LENGTH_MISPLACED, 68, 8, IKD_V2_TT_PRF, 2, 128, 0 },
    };
    assert_findings(&msg, e, G_N_ELEMENTS(e));
    ikv2b_free(m);
    g_byte_array_free(sa, TRUE);
}

static void test_transform_attributes(void)
{
    ikv2b_msg *m = ikv2b_sa_init_request();
    ikb_set_u16(m->b, P1_T1_AT + 8, 14); /* Key Length as TLV: 128 bytes of value that are not there */
    ikd_v2_message msg;
    read(m, &msg);
    const expected e[] = {
        { IKD_F_V2_KEY_LENGTH_FORM, P1_T1_AT + 8, 4, 128, 0, 0, 0 },
        { IKD_F_ATTRIBUTE_OVERRUN, P1_T1_AT + 8, 4, 14, 132, 4, 0 },
        { IKD_F_V2_KEY_LENGTH_MISSING, P1_T1_AT, 8, 12, 1, 0, 0 },
    };
    assert_findings(&msg, e, G_N_ELEMENTS(e));
    ikb_set_u16(m->b, P1_T1_AT + 8, 0x8000 | 4); /* an IKEv1 attribute (group) */
    read(m, &msg);
    const expected e2[] = {
        { IKD_F_V2_TRANSFORM_ATTRIBUTE, P1_T1_AT + 8, 4, 4, IKD_V2_TT_ENCR, 0, 0 },
        { IKD_F_V2_KEY_LENGTH_MISSING, P1_T1_AT, 8, 12, 1, 0, 0 },
    };
    assert_findings(&msg, e2, G_N_ELEMENTS(e2));
    ikv2b_free(m);
}

/* --- KE, nonce, notify, delete ------------------------------------------------------ */

static void test_ke_group(void)
{
    ikv2b_msg *m = ikv2b_sa_init_request();
    ikb_set_u16(m->b, KE_AT + 4, 2); /* group 2: not offered, and 256 bytes do not fit it */
    ikd_v2_message msg;
    read(m, &msg);
    const expected e[] = {
        { IKD_F_V2_KE_LENGTH, KE_AT + 8, 256, 2, 128, 256, 0 },
        { IKD_F_V2_KE_GROUP_NOT_OFFERED, KE_AT + 4, 2, 2, 0, 0, 0 },
    };
    assert_findings(&msg, e, G_N_ELEMENTS(e));
    ikb_set_u16(m->b, KE_AT + 4, 40000); /* a group whose size is unknown: only "not offered" */
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_KE_GROUP_NOT_OFFERED, KE_AT + 4, 2, 40000, 0, 0, 0);
    ikb_set_u16(m->b, KE_AT + 4, 14);
    ikb_set_u16(m->b, KE_AT + 6, 1);
    read(m, &msg);
    assert_one(&msg, IKD_F_RESERVED_NOT_ZERO, KE_AT + 6, 2, IKD_V2_PL_KE, 0, 0, 0);
    ikv2b_free(m);

    m = ikv2b_sa_init_response(); /* chose group 19, sends a KE of 21 */
    ikb_set_u16(m->b, 28 + 4 + 36 + 4, 21);
    read(m, &msg);
    const expected e2[] = {
        { IKD_F_V2_KE_LENGTH, 68 + 8, 64, 21, 132, 64, 0 },
        { IKD_F_V2_KE_GROUP_NOT_CHOSEN, 68 + 4, 2, 21, 19, 0, 0 },
    };
    assert_findings(&msg, e2, G_N_ELEMENTS(e2));
    ikv2b_free(m);
}

static void test_nonce_length(void)
{
    ikv2b_msg *m = auth_with_leading(IKD_V2_PL_NONCE, 0, 15);
    ikd_v2_message msg;
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_NONCE_LENGTH, 28, 19, 15, 0, 0, 0);
    ikv2b_free(m);
    m = auth_with_leading(IKD_V2_PL_NONCE, 0, 257);
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_NONCE_LENGTH, 28, 261, 257, 0, 0, 0);
    ikv2b_free(m);
    m = auth_with_leading(IKD_V2_PL_NONCE, 0, 16);
    read(m, &msg);
    assert_clean(&msg);
    ikv2b_free(m);
}

/* An INFORMATIONAL request in clear (as sent outside any SA) with one payload. */
static ikv2b_msg *informational_with(uint8_t type, const GByteArray *body)
{
    ikv2b_msg *m = ikv2b_new(IKD_V2_EX_INFORMATIONAL, IKD_V2_FLAG_INITIATOR, 2, ikv2b_spi_r);
    ikv2b_add(m, type, body);
    ikv2b_finish(m);
    return m;
}

static void test_notify(void)
{
    struct {
        uint8_t protocol, spi_size;
        size_t data_len;
        ikd_finding_id id; /* IKD_FINDING_COUNT: none */
    } cases[] = {
        { 0, 0, 2, IKD_FINDING_COUNT },
        { IKD_V2_PROTO_ESP, 4, 0, IKD_FINDING_COUNT },   /* REKEY_SA names the Child SA */
        { IKD_V2_PROTO_IKE, 8, 0, IKD_FINDING_COUNT },   /* an IKE SPI, as some stacks send */
        { IKD_V2_PROTO_ESP, 0, 0, IKD_FINDING_COUNT },   /* protocol without SPI: tolerated */
        { 0, 4, 0, IKD_F_SPI_SIZE },                     /* an SPI without a protocol */
        { IKD_V2_PROTO_ESP, 8, 0, IKD_F_SPI_SIZE },
        { 4, 0, 0, IKD_F_PROTOCOL_ID },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        GByteArray *n = ikv2b_notify(cases[i].protocol, cases[i].spi_size, 16393, cases[i].data_len);
        ikv2b_msg *m = informational_with(IKD_V2_PL_NOTIFY, n);
        ikd_v2_message msg;
        read(m, &msg);
        g_assert_cmpuint(msg.notify_count, ==, 1);
        g_assert_cmpuint(msg.notifies[0].type, ==, 16393);
        g_assert_cmpuint(msg.notifies[0].data_offset, ==, 36 + cases[i].spi_size);
        if (cases[i].id == IKD_FINDING_COUNT)
            assert_clean(&msg);
        else
            g_assert_true(msg.findings.count == 1 && msg.findings.items[0].id == cases[i].id);
        ikv2b_free(m);
        g_byte_array_free(n, TRUE);
    }
    GByteArray *n = ikv2b_notify(IKD_V2_PROTO_ESP, 4, 16393, 0);
    g_byte_array_set_size(n, 6); /* the SPI is cut: 4 bytes announced, 2 there */
    ikv2b_msg *m = informational_with(IKD_V2_PL_NOTIFY, n);
    ikd_v2_message msg;
    read(m, &msg);
    assert_one(&msg, IKD_F_NOTIFY_SPI, 33, 1, 4, 10, 0, 0);
    ikv2b_free(m);
    g_byte_array_free(n, TRUE);
}

static GByteArray *delete_body(uint8_t protocol, uint8_t spi_size, uint16_t count, size_t spi_bytes)
{
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, protocol);
    ikb_u8(b, spi_size);
    ikb_u16(b, count);
    ikb_fill(b, 0x33, spi_bytes);
    return b;
}

static void test_delete(void)
{
    GByteArray *d = delete_body(IKD_V2_PROTO_IKE, 0, 0, 0);
    ikv2b_msg *m = informational_with(IKD_V2_PL_DELETE, d);
    ikd_v2_message msg;
    read(m, &msg);
    assert_clean(&msg);
    g_assert_true(msg.has_delete);
    g_assert_cmpuint(msg.delete_protocol, ==, IKD_V2_PROTO_IKE);
    ikv2b_free(m);
    g_byte_array_free(d, TRUE);

    d = delete_body(IKD_V2_PROTO_ESP, 4, 2, 8);
    m = informational_with(IKD_V2_PL_DELETE, d);
    read(m, &msg);
    assert_clean(&msg);
    g_assert_cmpuint(msg.delete_spi_count, ==, 2);
    ikv2b_free(m);
    g_byte_array_free(d, TRUE);

    d = delete_body(IKD_V2_PROTO_IKE, 4, 1, 4); /* the IKE SA has no SPI in a Delete */
    m = informational_with(IKD_V2_PL_DELETE, d);
    read(m, &msg);
    assert_one(&msg, IKD_F_SPI_SIZE, 33, 1, IKD_V2_PROTO_IKE, 4, IKD_V2_PL_DELETE, 0);
    ikv2b_free(m);
    g_byte_array_free(d, TRUE);

    d = delete_body(IKD_V2_PROTO_ESP, 4, 2, 4); /* two SPIs announced, one sent */
    m = informational_with(IKD_V2_PL_DELETE, d);
    read(m, &msg);
    assert_one(&msg, IKD_F_DELETE_SPI, 28, 12, 2, 4, 16, 12);
    ikv2b_free(m);
    g_byte_array_free(d, TRUE);

    d = delete_body(0, 0, 0, 0);
    m = informational_with(IKD_V2_PL_DELETE, d);
    read(m, &msg);
    assert_one(&msg, IKD_F_PROTOCOL_ID, 32, 1, 0, IKD_V2_PL_DELETE, 0, 0);
    ikv2b_free(m);
    g_byte_array_free(d, TRUE);
}

/* --- Traffic selectors -------------------------------------------------------------- */

static const uint8_t net_lo[4] = { 192, 0, 2, 0 }, net_hi[4] = { 192, 0, 2, 255 };

static void test_traffic_selectors(void)
{
    GByteArray *ts = ikv2b_ts_ipv4(net_lo, net_hi, 0, 65535);
    ikv2b_msg *m = informational_with(IKD_V2_PL_TSI, ts);
    ikd_v2_message msg;
    read(m, &msg);
    assert_clean(&msg);
    ikv2b_free(m);
    g_byte_array_free(ts, TRUE);

    ts = ikv2b_ts_ipv4(net_lo, net_hi, 65535, 0); /* OPAQUE ports */
    m = informational_with(IKD_V2_PL_TSR, ts);
    read(m, &msg);
    assert_clean(&msg);
    ikv2b_free(m);
    g_byte_array_free(ts, TRUE);

    ts = ikv2b_ts_ipv4(net_hi, net_lo, 500, 400); /* both ranges upside down */
    m = informational_with(IKD_V2_PL_TSI, ts);
    read(m, &msg);
    const expected e[] = {
        { IKD_F_V2_TS_PORT_RANGE, 40, 4, 1, IKD_V2_PL_TSI, 500, 400 },
        { IKD_F_V2_TS_ADDRESS_RANGE, 44, 8, 1, IKD_V2_PL_TSI, 0, 0 },
    };
    assert_findings(&msg, e, G_N_ELEMENTS(e));
    ikv2b_free(m);
    g_byte_array_free(ts, TRUE);

    ts = ikv2b_ts_ipv4(net_lo, net_hi, 0, 65535);
    ikb_set_u8(ts, 0, 2); /* two announced, one there */
    m = informational_with(IKD_V2_PL_TSI, ts);
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_TS_COUNT, 32, 1, IKD_V2_PL_TSI, 2, 1, 0);
    ikb_set_u8(m->b, 36, 1); /* type 1 */
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_TS_TYPE, 36, 1, 1, IKD_V2_PL_TSI, 0, 0);
    ikb_set_u8(m->b, 36, IKD_V2_TS_IPV6); /* IPv6 in 16 bytes */
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_TS_LENGTH, 36, 4, IKD_V2_TS_IPV6, 16, 40, 0);
    ikv2b_free(m);
    g_byte_array_free(ts, TRUE);
}

/* --- SK and SKF ------------------------------------------------------------------------ */

static void test_sk_placement(void)
{
    ikv2b_msg *m = ikv2b_auth_request();
    ikv2b_raw(m, "\1\2\3\4", 4); /* bytes after SK, inside the length */
    ikv2b_finish(m);
    ikd_v2_message msg;
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_SK_NOT_LAST, 96, 4, 4, IKD_V2_PL_SK, 0, 0);
    ikv2b_free(m);

    m = ikv2b_auth_request();
    ikb_set_u16(m->b, 30, 20); /* 16 bytes of IV, data and ICV cannot be */
    g_byte_array_set_size(m->b, 48);
    ikv2b_finish(m);
    read(m, &msg);
    assert_one(&msg, IKD_F_PAYLOAD_TOO_SHORT, 28, 20, IKD_V2_PL_SK, 20, 21, 0);
    ikv2b_free(m);

    m = ikv2b_auth_request();
    ikb_set_u8(m->b, 18, IKD_V2_EX_SA_INIT);
    ikb_set_u32(m->b, 20, 0);
    memset(m->b->data + 8, 0, 8);
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_SK_IN_SA_INIT, 28, 68, IKD_V2_PL_SK, 0, 0, 0);
    ikv2b_free(m);

    m = auth_with_leading(IKD_V2_PL_IDI, 0, 8);
    g_byte_array_set_size(m->b, 40); /* IDi only, in clear */
    ikb_set_u8(m->b, 28, 0);
    ikv2b_finish(m);
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_NOT_ENCRYPTED, 28, 0, IKD_V2_EX_AUTH, 0, 0, 0);
    ikv2b_free(m);
}

/* An IKE_AUTH fragment: SKF with this number, total and next payload. */
static ikv2b_msg *fragment(uint16_t number, uint16_t total, uint8_t next)
{
    ikv2b_msg *m = ikv2b_new(IKD_V2_EX_AUTH, IKD_V2_FLAG_INITIATOR, 1, ikv2b_spi_r);
    GByteArray *skf = g_byte_array_new();
    ikb_u16(skf, number);
    ikb_u16(skf, total);
    ikb_fill(skf, 0xc3, 48);
    ikv2b_add(m, IKD_V2_PL_SKF, skf);
    ikb_set_u8(m->b, m->next_at, next);
    ikv2b_finish(m);
    g_byte_array_free(skf, TRUE);
    return m;
}

static void test_skf(void)
{
    ikd_v2_message msg;
    ikv2b_msg *m = fragment(1, 3, IKD_V2_PL_IDI);
    read(m, &msg);
    assert_clean(&msg);
    g_assert_true(msg.has_skf);
    g_assert_cmpuint(msg.fragment_number, ==, 1);
    g_assert_cmpuint(msg.fragment_total, ==, 3);
    g_assert_cmpuint(msg.sk_next_payload, ==, IKD_V2_PL_IDI);
    ikv2b_free(m);
    m = fragment(3, 3, 0);
    read(m, &msg);
    assert_clean(&msg);
    ikv2b_free(m);

    const struct { uint16_t number, total; } bad[] = { { 0, 3 }, { 4, 3 }, { 1, 0 } };
    for (size_t i = 0; i < G_N_ELEMENTS(bad); i++) {
        m = fragment(bad[i].number, bad[i].total, 0);
        read(m, &msg);
        assert_one(&msg, IKD_F_V2_SKF_NUMBER, 32, 4, bad[i].number, bad[i].total, 0, 0);
        ikv2b_free(m);
    }
    m = fragment(2, 3, IKD_V2_PL_IDI);
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_SKF_NEXT_PAYLOAD, 28, 1, 2, IKD_V2_PL_IDI, 0, 0);
    ikv2b_free(m);
}

static void test_skf_not_alone(void)
{
    /* Malformed input: a Vendor ID before the fragment. */
    ikv2b_msg *m = ikv2b_new(IKD_V2_EX_AUTH, IKD_V2_FLAG_INITIATOR, 1, ikv2b_spi_r);
    GByteArray *vid = ikv2b_nonce(16), *skf = g_byte_array_new();
    ikv2b_add(m, IKD_V2_PL_VID, vid);
    ikb_u16(skf, 1);
    ikb_u16(skf, 2);
    ikb_fill(skf, 0xc3, 48);
    ikv2b_add(m, IKD_V2_PL_SKF, skf);
    ikv2b_finish(m);
    ikd_v2_message msg;
    read(m, &msg);
    assert_one(&msg, IKD_F_V2_SKF_NOT_ALONE, 48, 56, 1, 0, 0, 0);
    ikv2b_free(m);
    g_byte_array_free(vid, TRUE);
    g_byte_array_free(skf, TRUE);
}

/* --- Decrypted payloads ----------------------------------------------------------------- */

/* Real: Wireshark's decryption of frame 3 of captures/ikev2-psk-ok.pcapng (the
 * strongSwan IKE_AUTH request): IDi N IDr AUTH N SA TSi TSr N N N N N, then
 * 11 bytes of padding and the pad-length byte. */
static const char real_plaintext_hex[] =
    "2900000c01000000c000020a24000008000040002700000c01000000c000020129000028020000009a5c69577c94b116"
    "b049cd719c62a8c4c3ee7ea6f2be9fcac39cd1e145ac47e3210000080000400a2c00002c0000002801030403eb38e535"
    "0300000c0100000c800e0080030000080300000c00000008050000002d00001801000000070000100000ffffc6336400"
    "c63364ff2900001801000000070000100000ffffcb007100cb0071ff290000080000400c290000080000400f29000008"
    "000040142900000800004021000000080000402448bf9056d81aae27254ee90b"    ;

static GByteArray *from_hex(const char *hex)
{
    GByteArray *b = g_byte_array_new();
    for (size_t i = 0; hex[i] && hex[i + 1]; i += 2) {
        char pair[3] = { hex[i], hex[i + 1], 0 };
        ikb_u8(b, (uint8_t)strtoul(pair, NULL, 16));
    }
    return b;
}

static void read_inner(const GByteArray *plain, uint8_t first, ikd_v2_message *inner)
{
    ikv2b_msg *m = ikv2b_auth_request();
    ikb_set_u8(m->b, 28, first);
    ikd_v2_message outer;
    read(m, &outer);
    uint8_t *copy = g_memdup2(plain->data, plain->len);
    ikd_v2_message_read_decrypted(&outer, copy, plain->len, inner);
    check_invariants(inner, plain->len);
    g_free(copy);
    ikv2b_free(m);
}

static void test_decrypted_real(void)
{
    GByteArray *plain = from_hex(real_plaintext_hex);
    g_assert_cmpuint(plain->len, ==, 224);
    ikd_v2_message inner;
    read_inner(plain, IKD_V2_PL_IDI, &inner);
    assert_clean(&inner);
    g_assert_true(inner.decrypted);
    g_assert_cmpuint(inner.exchange, ==, IKD_V2_EX_AUTH);
    const uint8_t types[] = { 35, 41, 36, 39, 41, 33, 44, 45, 41, 41, 41, 41, 41 };
    g_assert_cmpuint(inner.payload_count, ==, sizeof types);
    for (size_t i = 0; i < sizeof types; i++)
        g_assert_cmpuint(inner.payloads[i].type, ==, types[i]);
    g_assert_cmpuint(inner.sa.proposal_count, ==, 1);
    g_assert_cmpuint(inner.sa.proposals[0].protocol, ==, IKD_V2_PROTO_ESP);
    g_assert_cmpuint(inner.sa.proposals[0].spi_size, ==, 4);
    g_assert_cmpuint(ikd_v2_proposal_transform(&inner, 0, IKD_V2_TT_ENCR)->key_length, ==, 128);
    g_assert_nonnull(ikd_v2_message_notify(&inner, 16384)); /* INITIAL_CONTACT */
    g_byte_array_free(plain, TRUE);
}

static void test_decrypted_malformed(void)
{
    /* Malformed input: the real plaintext with a broken inner payload, and
     * with a pad length larger than the plaintext. */
    GByteArray *plain = from_hex(real_plaintext_hex);
    ikb_set_u8(plain, 1, 0x01); /* IDi's reserved bits */
    ikd_v2_message inner;
    read_inner(plain, IKD_V2_PL_IDI, &inner);
    assert_one(&inner, IKD_F_RESERVED_NOT_ZERO, 1, 1, IKD_V2_PL_IDI, 0, 0, 0);
    ikb_set_u8(plain, 1, 0);
    ikb_set_u8(plain, plain->len - 1, 250);
    read_inner(plain, IKD_V2_PL_IDI, &inner);
    /* Walked whole, bytes after the chain not judged: a pad length that
     * does not fit says nothing about the sender's payloads. */
    g_assert_cmpuint(inner.payload_count, ==, 13);
    assert_clean(&inner);
    g_byte_array_free(plain, TRUE);
}

/* --- The handler ------------------------------------------------------------------------ */

static void destroy_v2(ikd_sa *sa, void *records)
{
    ikd_v2_sa_destroy(records, ikd_v2_sa_of(sa));
}

static void test_feed(void)
{
    ikv2b_msg *m = ikv2b_auth_request();
    GByteArray *plain = from_hex(real_plaintext_hex);
    ikb_set_u8(plain, 1, 0x01);
    ikd_packet p = { .frame = 3, .transport = IKD_TRANSPORT_UDP_ENCAP, .bytes = m->b->data,
                     .captured_len = m->b->len, .reported_len = m->b->len,
                     .decrypted = plain->data, .decrypted_len = plain->len };
    ikd_annotation ann;
    memset(&ann, 0, sizeof ann);
    ikd_v2_records records;
    ikd_v2_records_init(&records);
    ikd_sa_store store;
    ikd_message_index messages;
    ikd_sa_store_init(&store, destroy_v2, &records);
    ikd_message_index_init(&messages);
    ikd_key_chains rekeys;
    ikd_key_chains_init(&rekeys);
    ikd_v2_message views[2];
    const ikd_v2_context ctx = { &store, &messages, &rekeys, &records, views };
    ikd_v2_feed(&ctx, &p, &ann);
    g_assert_cmpuint(ann.result.ike_version, ==, 2);
    g_assert_cmpuint(ann.result.step, ==, IKD_STEP_IKE_AUTH); /* and placed by the tracker */
    g_assert_cmpuint(ikd_sa_store_count(&store), ==, 1);
    g_assert_cmpuint(records.sas.live, ==, 1);
    g_assert_cmpuint(records.exchanges.live, ==, 1);
    g_assert_cmpuint(ann.result.message_id, ==, 1);
    g_assert_true(ann.result.encrypted);
    /* The inner finding points at the SK payload that hid it. */
    g_assert_cmpuint(ann.findings.count, ==, 1);
    g_assert_cmpuint(ann.findings.items[0].id, ==, IKD_F_RESERVED_NOT_ZERO);
    g_assert_cmpuint(ann.findings.items[0].offset, ==, 28);
    g_assert_cmpuint(ann.findings.items[0].length, ==, 68);
    g_assert_cmpuint(ann.findings.items[0].arg[0], ==, IKD_V2_PL_IDI);
    ikd_annotation_clear(&ann);
    ikd_key_chains_clear(&rekeys);
    ikd_message_index_clear(&messages);
    ikd_sa_store_clear(&store);
    g_assert_cmpuint(records.sas.live, ==, 0); /* the SA and its exchange went back */
    g_assert_cmpuint(records.exchanges.live, ==, 0);
    ikd_v2_records_clear(&records);
    g_byte_array_free(plain, TRUE);
    ikv2b_free(m);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ikev2/view/sa_init_request", test_sa_init_request_view);
    g_test_add_func("/ikev2/view/sa_init_response", test_sa_init_response_view);
    g_test_add_func("/ikev2/view/sa_visit", test_sa_visit);
    g_test_add_func("/ikev2/view/auth_request", test_auth_request_view);
    g_test_add_func("/ikev2/header/minor_version", test_minor_version);
    g_test_add_func("/ikev2/header/exchange_type", test_exchange_type);
    g_test_add_func("/ikev2/header/flags", test_flags);
    g_test_add_func("/ikev2/header/spis", test_spis);
    g_test_add_func("/ikev2/header/message_ids", test_message_ids);
    g_test_add_func("/ikev2/header/cut", test_header_cut);
    g_test_add_func("/ikev2/header/snap_length", test_snap_length_cut);
    g_test_add_func("/ikev2/header/snap_length_encrypted", test_snap_length_cut_encrypted);
    g_test_add_func("/ikev2/chain/unknown", test_unknown_payloads);
    g_test_add_func("/ikev2/chain/reserved", test_payload_reserved);
    g_test_add_func("/ikev2/chain/lengths", test_payload_lengths);
    g_test_add_func("/ikev2/chain/cut_and_trailing", test_chain_cut_and_trailing);
    g_test_add_func("/ikev2/sa/empty", test_sa_empty);
    g_test_add_func("/ikev2/sa/markers", test_substructure_markers);
    g_test_add_func("/ikev2/sa/numbering", test_proposal_numbering);
    g_test_add_func("/ikev2/sa/protocol_and_spi", test_protocol_and_spi);
    g_test_add_func("/ikev2/sa/transforms", test_transforms);
    g_test_add_func("/ikev2/sa/attributes", test_transform_attributes);
    g_test_add_func("/ikev2/ke/group", test_ke_group);
    g_test_add_func("/ikev2/nonce/length", test_nonce_length);
    g_test_add_func("/ikev2/notify", test_notify);
    g_test_add_func("/ikev2/delete", test_delete);
    g_test_add_func("/ikev2/ts", test_traffic_selectors);
    g_test_add_func("/ikev2/sk/placement", test_sk_placement);
    g_test_add_func("/ikev2/skf/numbers", test_skf);
    g_test_add_func("/ikev2/skf/not_alone", test_skf_not_alone);
    g_test_add_func("/ikev2/decrypted/real", test_decrypted_real);
    g_test_add_func("/ikev2/decrypted/malformed", test_decrypted_malformed);
    g_test_add_func("/ikev2/feed", test_feed);
    return g_test_run();
}
