/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/ikev2 after IKE_AUTH: the life of an
 * established IKEv2 SA fed through the engine. IKE SA rekey (CREATE_CHILD_SA
 * with an IKE proposal and 8-byte SPI, RFC 7296 1.3.2 and 2.18) linking the
 * old and new SA, child SA rekey (N(REKEY_SA), 1.3.3) and the Delete of the
 * old child by SPI (1.4.1, protocol ESP), Delete of the IKE SA (protocol
 * IKE), liveness checks (empty INFORMATIONAL requests, 1.4) answered and
 * unanswered, and a capture stopping right after one unanswered check.
 *
 * The packets are hand-crafted to RFC 7296 shapes (not copied from a
 * capture); encrypted exchanges carry their plaintext in ikd_packet.decrypted
 * as Wireshark's decryption hands it over. The sequence follows
 * captures/ikev2-rekey-dpd (its .log is the ground truth): the initiator
 * sends the liveness checks and both rekeys, then deletes. Initiator
 * 192.0.2.10, responder 192.0.2.1. */
#include "engine.h"
#include "ikev2/child_sa.h"
#include "ikev2/ikev2_sa.h"
#include "ikev2_builder.h"
#include "report/finding_text.h"

#include <glib.h>
#include <string.h>

typedef struct {
    ikd_engine *engine;
    uint32_t frame;
    ikd_annotation ann;
} run;

static const uint8_t new_spi_i[8] = { 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8 };
static const uint8_t new_spi_r[8] = { 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8 };

/* Child SPIs as in the capture: the first child's, then the rekeyed one's. */
enum {
    OLD_SPI_I = 0xc82e0fca, OLD_SPI_R = 0xc0378e1a,
    NEW_SPI_I = 0xe224b2c3, NEW_SPI_R = 0xf442a122,
};

/* The I flag names the original initiator (RFC 7296 3.1): its messages go
 * from 192.0.2.10. */
static void feed_bytes(run *t, double time, const GByteArray *b, const GByteArray *plain)
{
    static const ikd_address ini_addr = { 4, { 192, 0, 2, 10 } }, resp_addr = { 4, { 192, 0, 2, 1 } };
    bool from_initiator = (b->data[19] & IKD_V2_FLAG_INITIATOR) != 0;
    const ikd_packet p = { .frame = ++t->frame, .time = time, .src = from_initiator ? ini_addr : resp_addr,
                           .dst = from_initiator ? resp_addr : ini_addr, .src_port = 4500, .dst_port = 4500,
                           .transport = IKD_TRANSPORT_UDP, .bytes = b->data, .captured_len = b->len,
                           .reported_len = b->len, .decrypted = plain ? plain->data : NULL,
                           .decrypted_len = plain ? plain->len : 0 };
    memset(&t->ann, 0, sizeof t->ann);
    ikd_engine_feed(t->engine, &p, &t->ann);
}

static void feed_clear(run *t, double time, ikv2b_msg *m)
{
    feed_bytes(t, time, m->b, NULL);
    ikv2b_free(m);
}

/* An encrypted message whose plaintext is inner's payload chain (none: an
 * empty INFORMATIONAL), ending with a zero pad length. salt changes the
 * ciphertext bytes: a retransmission keeps it, a new message does not. */
static void feed_sealed_salted(run *t, double time, ikv2b_msg *inner, uint8_t salt)
{
    GByteArray *plain;
    ikv2b_msg *outer = ikv2b_seal(inner, salt, &plain);
    feed_bytes(t, time, outer->b, plain);
    g_byte_array_free(plain, TRUE);
    ikv2b_free(outer);
}

static void feed_sealed(run *t, double time, ikv2b_msg *inner)
{
    feed_sealed_salted(t, time, inner, (uint8_t)(0x20 + t->frame));
}

static void add(ikv2b_msg *m, uint8_t type, GByteArray *body)
{
    ikv2b_add(m, type, body);
    g_byte_array_free(body, TRUE);
}

/* A message of the IKE SA (spi_i, spi_r); the builder's SPIi is replaced. */
static ikv2b_msg *msg(const uint8_t spi_i[8], const uint8_t spi_r[8], uint8_t exchange, bool initiator,
                      bool response, uint32_t id)
{
    uint8_t flags = (initiator ? IKD_V2_FLAG_INITIATOR : 0) | (response ? IKD_V2_FLAG_RESPONSE : 0);
    ikv2b_msg *m = ikv2b_new(exchange, flags, id, spi_r);
    memcpy(m->b->data, spi_i, 8);
    return m;
}

static ikv2b_msg *old_msg(uint8_t exchange, bool initiator, bool response, uint32_t id)
{
    return msg(ikv2b_spi_i, ikv2b_spi_r, exchange, initiator, response, id);
}

static void put_u32(uint8_t *at, uint32_t v)
{
    at[0] = (uint8_t)(v >> 24);
    at[1] = (uint8_t)(v >> 16);
    at[2] = (uint8_t)(v >> 8);
    at[3] = (uint8_t)v;
}

/* One proposal whose SPI is spi (spi_size bytes). */
static GByteArray *sa_body(uint8_t protocol, const uint8_t *spi, uint8_t spi_size)
{
    static const ikv2b_transform esp[] = { { IKD_V2_TT_ENCR, 12, 128 }, { IKD_V2_TT_INTEG, 12, 0 },
                                           { IKD_V2_TT_ESN, 0, 0 } };
    static const ikv2b_transform ike[] = { { IKD_V2_TT_ENCR, 12, 128 }, { IKD_V2_TT_PRF, 5, 0 },
                                           { IKD_V2_TT_INTEG, 12, 0 }, { IKD_V2_TT_DH, 14, 0 } };
    GByteArray *sa = g_byte_array_new();
    if (protocol == IKD_V2_PROTO_IKE)
        ikv2b_proposal(sa, true, 1, protocol, spi_size, ike, G_N_ELEMENTS(ike));
    else
        ikv2b_proposal(sa, true, 1, protocol, spi_size, esp, G_N_ELEMENTS(esp));
    memcpy(sa->data + 8, spi, spi_size); /* after the proposal's 8-byte header */
    return sa;
}

static GByteArray *esp_sa(uint32_t spi)
{
    uint8_t b[4];
    put_u32(b, spi);
    return sa_body(IKD_V2_PROTO_ESP, b, 4);
}

static const uint8_t net_a[4] = { 198, 51, 100, 0 }, net_a_end[4] = { 198, 51, 100, 255 };
static const uint8_t net_b[4] = { 203, 0, 113, 0 }, net_b_end[4] = { 203, 0, 113, 255 };

static void add_child(ikv2b_msg *m, uint32_t spi)
{
    add(m, IKD_V2_PL_SA, esp_sa(spi));
    add(m, IKD_V2_PL_TSI, ikv2b_ts_ipv4(net_a, net_a_end, 0, 65535));
    add(m, IKD_V2_PL_TSR, ikv2b_ts_ipv4(net_b, net_b_end, 0, 65535));
}

static GByteArray *auth_body(void)
{
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, IKD_V2_AUTH_PSK);
    ikb_fill(b, 0, 3);
    ikb_fill(b, 0xaa, 32);
    return b;
}

/* A Delete payload (RFC 7296 3.11): IKE with no SPI, or ESP SPIs. */
static GByteArray *delete_body(uint8_t protocol, uint32_t spi)
{
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, protocol);
    ikb_u8(b, protocol == IKD_V2_PROTO_IKE ? 0 : 4);
    ikb_u16(b, protocol == IKD_V2_PROTO_IKE ? 0 : 1);
    if (protocol != IKD_V2_PROTO_IKE)
        ikb_u32(b, spi);
    return b;
}

/* IKE_SA_INIT, then IKE_AUTH with a PSK and a child (SPIs as in the
 * capture): established at frame 4, t = 0.03. */
static void establish(run *t)
{
    feed_clear(t, 0.0, ikv2b_sa_init_request());
    feed_clear(t, 0.01, ikv2b_sa_init_response());
    ikv2b_msg *req = old_msg(IKD_V2_EX_AUTH, true, false, 1);
    add(req, IKD_V2_PL_AUTH, auth_body());
    add_child(req, OLD_SPI_I);
    feed_sealed(t, 0.02, req);
    ikv2b_msg *answer = old_msg(IKD_V2_EX_AUTH, false, true, 1);
    add(answer, IKD_V2_PL_AUTH, auth_body());
    add_child(answer, OLD_SPI_R);
    feed_sealed(t, 0.03, answer);
    g_assert_cmpint(t->ann.result.state, ==, IKD_IOS_V2_READY);
}

/* An empty INFORMATIONAL request from the initiator (a liveness check),
 * answered by an empty response unless answered is false. */
static void liveness(run *t, double time, uint32_t id, bool answered)
{
    feed_sealed(t, time, old_msg(IKD_V2_EX_INFORMATIONAL, true, false, id));
    if (answered)
        feed_sealed(t, time + 0.001, old_msg(IKD_V2_EX_INFORMATIONAL, false, true, id));
}

static const ikd_v2_sa *sa_at(run *t, uint32_t index)
{
    return ikd_v2_sa_of_const(ikd_engine_sa(t->engine, index));
}

/* The finding's detail text as the catalogue renders it. */
static const char *render(const ikd_finding *f, char *buf, size_t size)
{
    return ikd_finding_render(ikd_finding_lookup(f->id)->detail, f, buf, size);
}

/* The verdicts attached to one frame. */
static ikd_finding_list verdicts_at(run *t, uint32_t frame)
{
    ikd_finding_list list;
    ikd_engine_verdicts(t->engine, frame, 0, &list);
    return list;
}

/* Delete(IKE) from the initiator, answered empty (RFC 7296 1.4.1). */
static void delete_ike(run *t, const uint8_t spi_i[8], const uint8_t spi_r[8], uint32_t id, double time)
{
    ikv2b_msg *req = msg(spi_i, spi_r, IKD_V2_EX_INFORMATIONAL, true, false, id);
    add(req, IKD_V2_PL_DELETE, delete_body(IKD_V2_PROTO_IKE, 0));
    feed_sealed(t, time, req);
    feed_sealed(t, time + 0.001, msg(spi_i, spi_r, IKD_V2_EX_INFORMATIONAL, false, true, id));
}

static void test_ike_sa_deleted(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    delete_ike(&t, ikv2b_spi_i, ikv2b_spi_r, 2, 30.0);
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_DELETE);
    g_assert_cmpuint(ikd_engine_sa_count(t.engine), ==, 1);
    const ikd_v2_sa *v2 = sa_at(&t, 0);
    g_assert_cmpint(v2->status, ==, IKD_IOS_V2_DELETE);
    g_assert_true(v2->sa.deleted);
    g_assert_cmpuint(v2->sa.deleted_frame, ==, 5);
    g_assert_cmpuint(v2->deleted_by, ==, 0);
    g_assert_cmpuint(v2->sa.established_frame, ==, 4);
    g_assert_false(v2->sa.has_verdict);
    g_assert_false(v2->sa.abandoned);
    ikd_finding_list notes = verdicts_at(&t, 6);
    g_assert_cmpuint(notes.count, ==, 1);
    g_assert_cmpuint(notes.items[0].id, ==, IKD_F_V2_DELETED);
    char text[512];
    g_assert_cmpstr(render(&notes.items[0], text, sizeof text), ==,
                    "SA 1 deleted by the initiator (INFORMATIONAL with Delete)");
    ikd_engine_free(t.engine);
}

/* As in the capture at 22 s: CREATE_CHILD_SA with N(REKEY_SA) naming the
 * old child's SPI, then an INFORMATIONAL whose request and response each
 * delete the old child by their own inbound SPI (RFC 7296 1.4.1). */
static void test_child_rekey_then_delete(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    ikv2b_msg *req = old_msg(IKD_V2_EX_CREATE_CHILD_SA, true, false, 2);
    GByteArray *rekey = ikv2b_notify(IKD_V2_PROTO_ESP, 4, IKD_V2_N_REKEY_SA, 0);
    put_u32(rekey->data + 4, OLD_SPI_I);
    add(req, IKD_V2_PL_NOTIFY, rekey);
    add(req, IKD_V2_PL_SA, esp_sa(NEW_SPI_I));
    add(req, IKD_V2_PL_NONCE, ikv2b_nonce(32));
    add(req, IKD_V2_PL_KE, ikv2b_ke(14, 256));
    add(req, IKD_V2_PL_TSI, ikv2b_ts_ipv4(net_a, net_a_end, 0, 65535));
    add(req, IKD_V2_PL_TSR, ikv2b_ts_ipv4(net_b, net_b_end, 0, 65535));
    feed_sealed(&t, 12.0, req);
    ikv2b_msg *answer = old_msg(IKD_V2_EX_CREATE_CHILD_SA, false, true, 2);
    add(answer, IKD_V2_PL_SA, esp_sa(NEW_SPI_R));
    add(answer, IKD_V2_PL_NONCE, ikv2b_nonce(32));
    add(answer, IKD_V2_PL_KE, ikv2b_ke(14, 256));
    add(answer, IKD_V2_PL_TSI, ikv2b_ts_ipv4(net_a, net_a_end, 0, 65535));
    add(answer, IKD_V2_PL_TSR, ikv2b_ts_ipv4(net_b, net_b_end, 0, 65535));
    feed_sealed(&t, 12.003, answer); /* frame 6 */
    const ikd_v2_sa *v2 = sa_at(&t, 0);
    g_assert_cmpuint(ikd_v2_child_count(v2), ==, 2);
    const ikd_v2_child *old = ikd_v2_child_at(v2, 0), *fresh = ikd_v2_child_at(v2, 1);
    g_assert_cmpuint(old->rekeyed_frame, ==, 6);
    g_assert_cmpuint(old->deleted_frame, ==, 0);
    g_assert_cmpuint(fresh->rekeys_spi, ==, OLD_SPI_I);
    g_assert_cmpuint(fresh->request_frame, ==, 5);
    g_assert_cmpuint(fresh->frame, ==, 6);
    g_assert_cmpuint(fresh->spi[0], ==, NEW_SPI_I);
    g_assert_cmpuint(fresh->spi[1], ==, NEW_SPI_R);
    g_assert_cmpuint(ikd_v2_children_up(v2), ==, 2);

    ikv2b_msg *del = old_msg(IKD_V2_EX_INFORMATIONAL, true, false, 3);
    add(del, IKD_V2_PL_DELETE, delete_body(IKD_V2_PROTO_ESP, OLD_SPI_I));
    feed_sealed(&t, 12.02, del); /* frame 7 */
    ikv2b_msg *del_answer = old_msg(IKD_V2_EX_INFORMATIONAL, false, true, 3);
    add(del_answer, IKD_V2_PL_DELETE, delete_body(IKD_V2_PROTO_ESP, OLD_SPI_R));
    feed_sealed(&t, 12.021, del_answer);
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_READY);
    v2 = sa_at(&t, 0);
    g_assert_cmpuint(ikd_v2_child_at(v2, 0)->deleted_frame, ==, 7);
    g_assert_cmpuint(ikd_v2_child_at(v2, 1)->deleted_frame, ==, 0);
    g_assert_cmpint(v2->status, ==, IKD_IOS_V2_READY);
    g_assert_false(v2->sa.deleted);
    g_assert_cmpuint(v2->liveness_checks, ==, 0); /* a request with a Delete is no liveness check */
    g_assert_false(v2->sa.has_verdict);
    ikd_engine_free(t.engine);
}

/* As in the capture at 22 s and 30 s: the initiator rekeys the IKE SA, deletes
 * the old one, runs a liveness check on the new one, deletes it. */
static void test_ike_sa_rekey_linked(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    liveness(&t, 5.0, 2, true);
    ikv2b_msg *req = old_msg(IKD_V2_EX_CREATE_CHILD_SA, true, false, 3);
    add(req, IKD_V2_PL_SA, sa_body(IKD_V2_PROTO_IKE, new_spi_i, 8));
    add(req, IKD_V2_PL_NONCE, ikv2b_nonce(32));
    add(req, IKD_V2_PL_KE, ikv2b_ke(14, 256));
    feed_sealed(&t, 22.0, req); /* frame 7 */
    ikv2b_msg *answer = old_msg(IKD_V2_EX_CREATE_CHILD_SA, false, true, 3);
    add(answer, IKD_V2_PL_SA, sa_body(IKD_V2_PROTO_IKE, new_spi_r, 8));
    add(answer, IKD_V2_PL_NONCE, ikv2b_nonce(32));
    add(answer, IKD_V2_PL_KE, ikv2b_ke(14, 256));
    feed_sealed(&t, 22.005, answer); /* frame 8 */
    const ikd_v2_sa *old = sa_at(&t, 0);
    g_assert_true(old->rekey_seen);
    g_assert_cmpmem(old->rekey_spi[0], 8, new_spi_i, 8);
    g_assert_cmpmem(old->rekey_spi[1], 8, new_spi_r, 8);
    g_assert_cmpuint(old->rekey_frame, ==, 8);
    g_assert_cmpint(old->status, ==, IKD_IOS_V2_READY);
    g_assert_cmpuint(ikd_v2_child_count(old), ==, 1); /* an IKE rekey is no child */

    delete_ike(&t, ikv2b_spi_i, ikv2b_spi_r, 4, 22.01); /* frames 9, 10 */
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_DELETE);
    /* The new SA's message IDs start at 0 (RFC 7296 2.18). */
    feed_sealed(&t, 27.0, msg(new_spi_i, new_spi_r, IKD_V2_EX_INFORMATIONAL, true, false, 0)); /* frame 11 */
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_READY);
    g_assert_cmpuint(ikd_sa_number(t.ann.result.conn_id), ==, 2);
    feed_sealed(&t, 27.001, msg(new_spi_i, new_spi_r, IKD_V2_EX_INFORMATIONAL, false, true, 0));
    delete_ike(&t, new_spi_i, new_spi_r, 1, 30.0); /* frames 13, 14 */

    g_assert_cmpuint(ikd_engine_sa_count(t.engine), ==, 2);
    old = sa_at(&t, 0);
    const ikd_v2_sa *fresh = sa_at(&t, 1);
    g_assert_cmpint(old->status, ==, IKD_IOS_V2_DELETE);
    g_assert_cmpuint(old->sa.deleted_frame, ==, 9);
    g_assert_cmpuint(old->rekeyed_to, ==, fresh->sa.conn_id);
    g_assert_cmpuint(old->rekey_of, ==, 0);
    g_assert_cmpuint(fresh->rekey_of, ==, old->sa.conn_id);
    g_assert_cmpuint(fresh->rekeyed_to, ==, 0);
    g_assert_true(fresh->began_mid_sa);
    g_assert_false(fresh->sa.established_before_capture);
    g_assert_cmpuint(fresh->sa.established_frame, ==, 8); /* up at the rekey's response */
    g_assert_cmpfloat_with_epsilon(fresh->sa.established_time, 22.005, 1e-9);
    g_assert_cmpuint(fresh->sa.first_frame, ==, 11);
    g_assert_true(fresh->sa.began_before_capture); /* its set-up was in the old SA: not from its first message */
    g_assert_cmpint(fresh->status, ==, IKD_IOS_V2_DELETE);
    g_assert_cmpuint(fresh->sa.deleted_frame, ==, 13);
    g_assert_cmpuint(fresh->liveness_checks, ==, 1);
    g_assert_cmpuint(fresh->liveness_answered, ==, 1);
    g_assert_cmpuint(ikd_sa_number(fresh->sa.conn_id), ==, 2); /* the Tunnel-id */
    g_assert_cmpmem(fresh->sa.spi_i, 8, new_spi_i, 8);
    g_assert_cmpmem(fresh->sa.spi_r, 8, new_spi_r, 8);
    g_assert_false(old->sa.has_verdict);
    g_assert_false(fresh->sa.has_verdict);
    g_assert_false(old->sa.abandoned);
    ikd_engine_free(t.engine);
}

/* Liveness checks every 5 s, each answered: counted, no verdict. */
static void test_liveness_answered(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    liveness(&t, 5.0, 2, true);
    liveness(&t, 10.0, 3, true);
    liveness(&t, 15.0, 4, true);
    ikd_engine_note_frame(t.engine, 99, 60.0);
    const ikd_v2_sa *v2 = sa_at(&t, 0);
    g_assert_cmpint(v2->status, ==, IKD_IOS_V2_READY);
    g_assert_cmpuint(v2->liveness_checks, ==, 3);
    g_assert_cmpuint(v2->liveness_answered, ==, 3);
    g_assert_cmpuint(ikd_v2_exchange_count(v2), ==, 5);
    g_assert_true(ikd_v2_exchange_at(v2, 4)->liveness);
    g_assert_false(v2->sa.has_verdict);
    g_assert_false(v2->sa.abandoned);
    ikd_engine_free(t.engine);
}

/* One check answered, then the peer goes silent: the next check resent
 * three times (same ciphertext) and never answered. */
static void test_liveness_unanswered_peer_dead(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    liveness(&t, 5.0, 2, true);
    feed_sealed_salted(&t, 10.0, old_msg(IKD_V2_EX_INFORMATIONAL, true, false, 3), 0x99);
    feed_sealed_salted(&t, 14.0, old_msg(IKD_V2_EX_INFORMATIONAL, true, false, 3), 0x99);
    feed_sealed_salted(&t, 21.0, old_msg(IKD_V2_EX_INFORMATIONAL, true, false, 3), 0x99); /* frame 9 */
    ikd_engine_note_frame(t.engine, 99, 40.0);
    const ikd_v2_sa *v2 = sa_at(&t, 0);
    g_assert_cmpint(v2->status, ==, IKD_IOS_V2_READY);
    g_assert_cmpuint(v2->liveness_checks, ==, 2);
    g_assert_cmpuint(v2->liveness_answered, ==, 1);
    g_assert_cmpuint(v2->sa.retransmissions, ==, 2);
    g_assert_true(v2->sa.has_verdict);
    g_assert_cmpuint(v2->sa.verdict.id, ==, IKD_F_V2_STUCK_PEER_DEAD);
    g_assert_cmpint(v2->sa.verdict_evidence, ==, IKD_EVIDENCE_STRONG);
    g_assert_cmpuint(v2->sa.verdict.arg[1], ==, 1);
    g_assert_cmpuint(v2->sa.verdict.arg[2], ==, IKD_ROLE_INITIATOR);
    g_assert_cmpuint(v2->sa.verdict.arg[3], ==, 1);
    g_assert_cmpuint(v2->sa.verdict.arg[4], ==, 3);
    char text[512];
    g_assert_cmpstr(render(&v2->sa.verdict, text, sizeof text), ==,
                    "SA 1: 1 INFORMATIONAL requests from the initiator never answered (1 of them read as empty liveness "
                    "checks), the last sent as 3 copies — peer dead: it rebooted, lost the SA, or the path is down");
    ikd_finding_list at_last = verdicts_at(&t, 9);
    g_assert_cmpuint(at_last.count, ==, 1);
    g_assert_cmpuint(at_last.items[0].id, ==, IKD_F_V2_STUCK_PEER_DEAD);
    ikd_engine_free(t.engine);
}

/* The capture stops 2 s after a first, unanswered liveness check: the
 * answer may still be on its way (RFC 7296 2.1), too short to tell. */
static void test_liveness_capture_too_short(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    liveness(&t, 5.0, 2, true);
    liveness(&t, 10.0, 3, false); /* frame 7 */
    ikd_engine_note_frame(t.engine, 99, 12.0);
    const ikd_v2_sa *v2 = sa_at(&t, 0);
    g_assert_cmpint(v2->status, ==, IKD_IOS_V2_READY);
    g_assert_cmpuint(v2->liveness_checks, ==, 2);
    g_assert_cmpuint(v2->liveness_answered, ==, 1);
    g_assert_true(v2->sa.has_verdict);
    g_assert_cmpuint(v2->sa.verdict.id, ==, IKD_F_CAPTURE_TOO_SHORT);
    g_assert_cmpint(v2->sa.verdict_evidence, ==, IKD_EVIDENCE_WEAK);
    char text[512];
    g_assert_cmpstr(render(&v2->sa.verdict, text, sizeof text), ==,
                    "SA 1 is in READY when the capture stops, 2.0 s after INFORMATIONAL (1 copy): too short to "
                    "tell a lost or refused message from an answer still on its way");
    ikd_engine_free(t.engine);
}

/* The same check with the capture running 60 s on: one copy and no resend
 * long before the end says nothing (the sender gave up or the SA ended
 * silently): no verdict. */
static void test_liveness_single_copy_long_ago(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    liveness(&t, 5.0, 2, false);
    ikd_engine_note_frame(t.engine, 99, 65.0);
    const ikd_v2_sa *v2 = sa_at(&t, 0);
    g_assert_cmpint(v2->status, ==, IKD_IOS_V2_READY);
    g_assert_cmpuint(v2->liveness_checks, ==, 1);
    g_assert_cmpuint(v2->liveness_answered, ==, 0);
    g_assert_false(v2->sa.has_verdict);
    ikd_engine_free(t.engine);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ikev2_lifecycle/ike_sa_deleted", test_ike_sa_deleted);
    g_test_add_func("/ikev2_lifecycle/child_rekey_then_delete", test_child_rekey_then_delete);
    g_test_add_func("/ikev2_lifecycle/ike_sa_rekey_linked", test_ike_sa_rekey_linked);
    g_test_add_func("/ikev2_lifecycle/liveness_answered", test_liveness_answered);
    g_test_add_func("/ikev2_lifecycle/liveness_unanswered_peer_dead", test_liveness_unanswered_peer_dead);
    g_test_add_func("/ikev2_lifecycle/liveness_capture_too_short", test_liveness_capture_too_short);
    g_test_add_func("/ikev2_lifecycle/liveness_single_copy_long_ago", test_liveness_single_copy_long_ago);
    return g_test_run();
}
