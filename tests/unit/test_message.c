/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/message: ikd_message_read() on valid messages
 * and on one malformation at a time.
 *
 * Each test starts from a canned valid message (ikev1_builder.c), changes one
 * thing, and asserts the exact finding list: ids, byte spans and arguments,
 * in order. Every read goes through run(), which also checks the invariants
 * that must hold for any input (every finding inside the captured bytes). */
#include "core/findings.h"
#include "ikev1_builder.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/message.h"
#include "report/finding_text.h"

#include <glib.h>
#include <string.h>

/* --- Reading and asserting ------------------------------------------------------ */

/* What must hold whatever the bytes were. */
static void check_invariants(const ikd_message *msg, size_t captured)
{
    const ikd_finding_list *l = &msg->findings;
    g_assert_cmpuint(l->count, <=, IKD_MAX_FINDINGS);
    if (l->dropped)
        g_assert_cmpuint(l->count, ==, IKD_MAX_FINDINGS);
    for (uint32_t i = 0; i < l->count; i++) {
        const ikd_finding *f = &l->items[i];
        g_assert_cmpuint(f->id, <, IKD_FINDING_COUNT);
        g_assert_cmpuint(f->id, !=, IKD_F_FINDINGS_DROPPED); /* the plugin's, never the engine's */
        g_assert_cmpuint((uint64_t)f->offset + f->length, <=, captured);
    }
    g_assert_cmpuint(msg->payload_count, <=, IKD_MAX_PAYLOADS);
    g_assert_cmpuint(msg->payload_count, <=, msg->payloads_seen);
    for (uint32_t i = 0; i < msg->payload_count; i++) /* a payload is noted once its header was read */
        g_assert_cmpuint((uint64_t)msg->payloads[i].offset + 4, <=, captured);
}

/* Reads an exact-size heap copy of the bytes, so that AddressSanitizer and
 * valgrind see any read past the captured bytes. */
static void read_raw(const uint8_t *data, size_t captured, size_t reported, ikd_transport t, ikd_message *msg)
{
    uint8_t *copy = data && captured ? g_memdup2(data, captured) : NULL;
    memset(msg, 0xa5, sizeof *msg); /* ikd_message_read must initialise everything it reports */
    ikd_message_read(data ? copy : NULL, captured, reported, t, msg);
    check_invariants(msg, data ? captured : 0); /* NULL bytes: nothing was captured */
    g_free(copy);
}

static ikd_message last;

static ikd_message *run_ex(const ikb_msg *m, size_t captured, size_t reported, ikd_transport t)
{
    g_assert(captured <= m->bytes->len); /* fatal: the copy would read past the bytes */
    read_raw(m->bytes->data, captured, reported, t, &last);
    return &last;
}

/* The whole message, as one UDP datagram, fully captured. */
static ikd_message *run(const ikb_msg *m)
{
    return run_ex(m, m->bytes->len, m->bytes->len, IKD_TRANSPORT_UDP);
}

typedef struct {
    ikd_finding_id id;
    uint32_t offset;
    uint32_t length;
    uint32_t arg[IKD_FINDING_ARGS];
} want;

/* One expected finding: id (without IKD_F_), byte span, then its arguments. */
#define F(id_, offset_, length_, ...) { IKD_F_##id_, (uint32_t)(offset_), (uint32_t)(length_), { __VA_ARGS__ } }

static void describe(GString *s, unsigned id, uint32_t offset, uint32_t length, const uint32_t *arg)
{
    const ikd_finding_info *fi = ikd_finding_lookup((ikd_finding_id)id);
    g_string_append_printf(s, "%s @%u+%u (", fi ? fi->name : "?", offset, length);
    for (size_t i = 0; i < IKD_FINDING_ARGS; i++)
        g_string_append_printf(s, i ? ", %u" : "%u", arg[i]);
    g_string_append(s, ")\n");
}

/* Compares the whole list as text, so a failure shows both lists. */
static void expect_list(const ikd_message *msg, const want *w, size_t n)
{
    GString *expected = g_string_new(NULL);
    GString *got = g_string_new(NULL);
    for (size_t i = 0; i < n; i++)
        describe(expected, w[i].id, w[i].offset, w[i].length, w[i].arg);
    for (uint32_t i = 0; i < msg->findings.count; i++) {
        const ikd_finding *f = &msg->findings.items[i];
        describe(got, f->id, f->offset, f->length, f->arg);
    }
    g_string_append_printf(expected, "dropped %u\n", 0u);
    g_string_append_printf(got, "dropped %u\n", msg->findings.dropped);
    g_assert_cmpstr(got->str, ==, expected->str);
    g_string_free(expected, TRUE);
    g_string_free(got, TRUE);
}

#define EXPECT(msg, ...)                                         \
    do {                                                         \
        const want want_[] = { __VA_ARGS__ };                    \
        expect_list((msg), want_, G_N_ELEMENTS(want_));          \
    } while (0)
#define EXPECT_NONE(msg) expect_list((msg), NULL, 0)

/* The detail text of finding i of the last message. */
static const char *detail_of(const ikd_message *msg, uint32_t i)
{
    static char buf[256];
    g_assert(i < msg->findings.count);
    const ikd_finding *f = &msg->findings.items[i];
    return ikd_finding_render(ikd_finding_lookup((ikd_finding_id)f->id)->detail, f, buf, sizeof buf);
}

static void set_bytes(ikb_msg *m, size_t offset, const void *p, size_t n)
{
    g_assert(offset + n <= m->bytes->len);
    memcpy(m->bytes->data + offset, p, n);
}

/* Sets the type of payload index (in the previous payload's, or the header's,
 * next-payload field). */
static void set_type(ikb_msg *m, size_t index, uint8_t type)
{
    m->type[index] = type;
    ikb_finish(m);
}

/* Cuts the datagram (not the header length) to n bytes. */
static void cut(ikb_msg *m, size_t n)
{
    g_byte_array_set_size(m->bytes, (guint)n);
}

/* Appends bytes and patches the header length to cover them. */
static void append_inside(ikb_msg *m, const void *p, size_t n)
{
    ikb_bytes(m->bytes, p, n);
    ikb_set_u32(m->bytes, 24, m->bytes->len);
}

/* Header field offsets. */
enum { H_RCOOKIE = 8, H_NEXT = 16, H_VERSION = 17, H_EXCHANGE = 18, H_FLAGS = 19, H_MSGID = 20, H_LENGTH = 24 };

/* MM1 as ikb_canned_mm1() lays it out (checked by /message/layout/mm1). Inside
 * a proposal: +4 number, +5 protocol, +6 SPI size, +7 transform count; inside
 * a transform: +4 number, +5 transform ID, +6 reserved2. */
enum {
    MM1_SA = 28,      /* SA payload, 96 bytes: +4 DOI, +8 situation */
    MM1_PROP = 40,    /* proposal 1, ISAKMP, no SPI, 84 bytes */
    MM1_T1 = 48,      /* transform 1 (AES), 40 bytes */
    MM1_T1_LIFE = 80, /* its life-duration TLV, 8 bytes */
    MM1_T2 = 88,      /* transform 2 (3DES), 36 bytes */
    MM1_VID = 124,    /* NAT-T vendor ID, 20 bytes */
    MM1_LEN = 144,
};

/* --- Canned messages are valid ----------------------------------------------- */

static void test_valid(gconstpointer data)
{
    const ikb_canned *c = data;
    ikb_msg *m = c->build();
    ikd_message *msg = run(m);
    EXPECT_NONE(msg);
    g_assert_true(msg->header_read);
    g_assert_false(msg->capture_truncated);
    g_assert_cmpuint(msg->length, ==, m->bytes->len);
    /* The engine walked the same chain the builder made (clear IKEv1 only). */
    if (msg->major == 1 && !msg->encrypted) {
        g_assert_cmpuint(msg->payload_count, ==, m->count);
        for (size_t i = 0; i < m->count; i++) {
            g_assert_cmpuint(msg->payloads[i].type, ==, m->type[i]);
            g_assert_cmpuint(msg->payloads[i].offset, ==, m->offset[i]);
        }
    }
    /* Every transport accepts a whole, exact message. */
    EXPECT_NONE(run_ex(m, m->bytes->len, m->bytes->len, IKD_TRANSPORT_UDP_ENCAP));
    EXPECT_NONE(run_ex(m, m->bytes->len, m->bytes->len, IKD_TRANSPORT_TCP));
    EXPECT_NONE(run_ex(m, m->bytes->len, m->bytes->len, IKD_TRANSPORT_REASSEMBLED));
    ikb_msg_free(m);
}

/* --- What the reader fills in ----------------------------------------------------- */

static void test_layout_mm1(void)
{
    ikb_msg *m = ikb_canned_mm1();
    g_assert_cmpuint(m->bytes->len, ==, MM1_LEN);
    g_assert_cmpuint(m->offset[0], ==, MM1_SA);
    g_assert_cmpuint(m->offset[1], ==, MM1_VID);
    g_assert_cmpuint(ikb_get_u16(m->bytes, MM1_SA + 2), ==, MM1_VID - MM1_SA);
    g_assert_cmpuint(ikb_get_u16(m->bytes, MM1_PROP + 2), ==, MM1_VID - MM1_PROP);
    g_assert_cmpuint(ikb_get_u16(m->bytes, MM1_T1 + 2), ==, MM1_T2 - MM1_T1);
    g_assert_cmpuint(ikb_get_u16(m->bytes, MM1_T2 + 2), ==, MM1_VID - MM1_T2);
    g_assert_cmpuint(ikb_get_u16(m->bytes, MM1_T1_LIFE), ==, 12);    /* life duration, TLV */
    g_assert_cmpuint(ikb_get_u16(m->bytes, MM1_T1_LIFE + 2), ==, 4); /* 4-byte value */
    g_assert_cmpuint(m->bytes->data[MM1_T1], ==, 3);                 /* another transform follows */
    g_assert_cmpuint(m->bytes->data[MM1_T2], ==, 0);

    ikd_message *msg = run(m);
    EXPECT_NONE(msg);
    g_assert_true(msg->header_read);
    g_assert_cmpmem(msg->icookie, 8, ikb_icookie, 8);
    g_assert_cmpmem(msg->rcookie, 8, ikb_zero_cookie, 8);
    g_assert_cmpuint(msg->next_payload, ==, IKD_PL_SA);
    g_assert_cmpuint(msg->major, ==, 1);
    g_assert_cmpuint(msg->minor, ==, 0);
    g_assert_cmpuint(msg->exchange, ==, IKD_EX_MAIN);
    g_assert_cmpuint(msg->flags, ==, 0);
    g_assert_cmpuint(msg->message_id, ==, 0);
    g_assert_cmpuint(msg->length, ==, MM1_LEN);
    g_assert_false(msg->encrypted);
    g_assert_cmpuint(msg->payload_count, ==, 2);
    g_assert_cmpuint(msg->payloads_seen, ==, 2);
    g_assert_cmpuint(msg->payloads[0].type, ==, IKD_PL_SA);
    g_assert_cmpuint(msg->payloads[0].offset, ==, MM1_SA);
    g_assert_cmpuint(msg->payloads[0].length, ==, 96);
    g_assert_cmpuint(msg->payloads[1].type, ==, IKD_PL_VID);
    g_assert_cmpuint(msg->payloads[1].offset, ==, MM1_VID);
    g_assert_cmpuint(msg->payloads[1].length, ==, 20);
    g_assert_cmpuint(msg->sa.proposals, ==, 1);
    g_assert_cmpuint(msg->sa.transforms, ==, 2);
    g_assert_true(ikd_message_has_payload(msg, IKD_PL_SA));
    g_assert_false(ikd_message_has_payload(msg, IKD_PL_KE));
    g_assert_false(ikd_cookie_is_zero(msg->icookie));
    g_assert_true(ikd_cookie_is_zero(msg->rcookie));
    ikb_msg_free(m);
}

static void test_layout_encrypted(void)
{
    ikb_msg *m = ikb_canned_qm1();
    ikd_message *msg = run(m);
    EXPECT_NONE(msg);
    g_assert_true(msg->encrypted);
    g_assert_cmpuint(msg->exchange, ==, IKD_EX_QUICK);
    g_assert_cmpuint(msg->message_id, ==, 0x9d3c51e7);
    g_assert_cmpuint(msg->next_payload, ==, IKD_PL_HASH);
    g_assert_cmpuint(msg->payload_count, ==, 0); /* nothing readable */
    ikb_msg_free(m);
}

/* Draft NAT-D numbers count as NAT-D for ikd_message_has_payload. */
static void test_layout_canonical_types(void)
{
    ikb_msg *m = ikb_canned_mm3();
    set_type(m, 2, IKD_PL_NATD_DRAFT);
    set_type(m, 3, IKD_PL_NATD_DRAFT_OLD);
    ikd_message *msg = run(m);
    EXPECT_NONE(msg);
    g_assert_cmpuint(msg->payloads[2].type, ==, 130);
    g_assert_cmpuint(msg->payloads[3].type, ==, 15);
    g_assert_true(ikd_message_has_payload(msg, IKD_PL_NATD));
    g_assert_true(ikd_message_has_payload(msg, IKD_PL_NONCE));
    g_assert_false(ikd_message_has_payload(msg, IKD_PL_NATOA));
    ikb_msg_free(m);
}

/* More payloads than IKD_MAX_PAYLOADS: the first 48 are stored, all counted. */
static void test_layout_payload_limit(void)
{
    static const uint8_t vid[16] = { 0xaf, 0xca, 0xd7, 0x13, 0x68, 0xa1, 0xf1, 0xc9,
                                     0x6b, 0x86, 0x96, 0xfc, 0x77, 0x57, 0x01, 0x00 }; /* DPD */
    ikb_msg *m = ikb_canned_mm2();
    for (int i = 0; i < 49; i++)
        ikb_add(m, IKD_PL_VID, vid, sizeof vid);
    ikb_finish(m);
    ikd_message *msg = run(m);
    EXPECT_NONE(msg);
    g_assert_cmpuint(msg->payload_count, ==, IKD_MAX_PAYLOADS);
    g_assert_cmpuint(msg->payloads_seen, ==, 51);
    g_assert_cmpuint(msg->payloads[47].offset, ==, m->offset[47]);
    ikb_msg_free(m);
}

/* --- Header and lengths -------------------------------------------------------- */

/* Fewer than 28 bytes on the wire: not even a header. */
static void test_header_short(void)
{
    ikb_msg *m = ikb_canned_mm1();
    EXPECT(run_ex(m, 27, 27, IKD_TRANSPORT_UDP), F(HEADER_SHORT, 0, 27, 27));
    g_assert_false(last.header_read);
    g_assert_false(last.capture_truncated);
    EXPECT(run_ex(m, 1, 1, IKD_TRANSPORT_UDP), F(HEADER_SHORT, 0, 1, 1));
    EXPECT(run_ex(m, 0, 0, IKD_TRANSPORT_UDP), F(HEADER_SHORT, 0, 0, 0));
    EXPECT(run_ex(m, 27, 27, IKD_TRANSPORT_TCP), F(HEADER_SHORT, 0, 27, 27));
    ikb_msg_free(m);
}

/* The wire had a whole header but the snap length cut it: a capture note,
 * not a malformed message. */
static void test_header_capture_truncated(void)
{
    ikb_msg *m = ikb_canned_mm1();
    EXPECT(run_ex(m, 20, MM1_LEN, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 20, 20, MM1_LEN));
    g_assert_true(last.capture_truncated);
    g_assert_false(last.header_read);
    EXPECT(run_ex(m, 0, 28, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 0, 0, 28));
    /* 27 of 27 is short; 27 of 28 is truncated */
    EXPECT(run_ex(m, 27, 28, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 27, 27, 28));
    ikb_msg_free(m);
}

/* A header cut by the snap length still gives the fields whose bytes were
 * captured, and none that were not (a field is read whole or not at all). */
static void test_header_capture_truncated_fields(void)
{
    ikb_msg *m = ikb_canned_mm5();
    ikb_set_u32(m->bytes, H_MSGID, 0x01020304);
    EXPECT(run_ex(m, 22, 92, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 22, 22, 92));
    g_assert_cmpuint(last.header_bytes, ==, 22);
    g_assert_false(last.header_read);
    g_assert_cmpmem(last.icookie, 8, m->bytes->data, 8);
    g_assert_cmpmem(last.rcookie, 8, m->bytes->data + H_RCOOKIE, 8);
    g_assert_cmpuint(last.major, ==, 1);
    g_assert_cmpuint(last.exchange, ==, IKD_EX_MAIN);
    g_assert_true(last.encrypted);
    g_assert_cmpuint(last.message_id, ==, 0); /* only 2 of its 4 bytes were captured */
    EXPECT(run_ex(m, 24, 92, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 24, 24, 92));
    g_assert_cmpuint(last.message_id, ==, 0x01020304);
    /* 3 bytes: not even the initiator cookie, and nothing read out of place */
    EXPECT(run_ex(m, 3, 92, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 3, 3, 92));
    g_assert_cmpuint(last.major, ==, 0);
    g_assert_cmpuint(last.next_payload, ==, 0);
    g_assert_false(last.encrypted);
    ikb_msg_free(m);
}

/* A notification or Cisco fragment payload cut by the snap length still
 * gives its type or its number, and nothing is checked past the cut. */
static void test_cut_payload_fields(void)
{
    ikb_msg *m = ikb_canned_info_nopc();
    const size_t len = m->bytes->len;
    /* the notify payload starts at 28: its type ends at 40 */
    EXPECT(run_ex(m, 40, len, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 40, 40, len));
    g_assert_cmpuint(last.notify_count, ==, 1);
    g_assert_cmpuint(last.notify_types[0], ==, 14);
    EXPECT(run_ex(m, 39, len, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 39, 39, len));
    g_assert_cmpuint(last.notify_count, ==, 0);
    ikb_msg_free(m);

    ikb_msg *d = ikb_canned_delete();
    EXPECT(run_ex(d, 40, d->bytes->len, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 40, 40, d->bytes->len));
    g_assert_true(last.has_delete);
    g_assert_cmpuint(last.delete_protocol, ==, IKD_PROTO_ISAKMP);
    g_assert_cmpuint(last.delete_spi_count, ==, 1);
    ikb_msg_free(d);
}

/* NULL bytes are treated as nothing captured. */
static void test_header_null_bytes(void)
{
    ikd_message msg;
    read_raw(NULL, 100, MM1_LEN, IKD_TRANSPORT_UDP, &msg);
    EXPECT(&msg, F(CAPTURE_TRUNCATED, 0, 0, 0, MM1_LEN));
    read_raw(NULL, 0, 0, IKD_TRANSPORT_UDP, &msg);
    EXPECT(&msg, F(HEADER_SHORT, 0, 0, 0));
}

/* Snap length inside the payloads: one note, and no overrun or chain-cut
 * findings about the bytes that were not captured. */
static void test_header_capture_truncated_body(void)
{
    ikb_msg *m = ikb_canned_mm3();
    const size_t len = m->bytes->len;
    /* cut inside the nonce payload (288..324) */
    EXPECT(run_ex(m, 300, len, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 300, 300, len));
    g_assert_true(last.capture_truncated);
    g_assert_true(last.header_read);
    g_assert_cmpuint(last.payload_count, ==, 2); /* KE, and the nonce's header */
    /* cut inside the nonce's generic header, and exactly before it */
    EXPECT(run_ex(m, 290, len, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 290, 290, len));
    EXPECT(run_ex(m, 288, len, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 288, 288, len));
    /* exactly the header */
    EXPECT(run_ex(m, 28, len, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 28, 28, len));
    ikb_msg_free(m);

    /* An encrypted body cut by the snap length is not judged for its length. */
    m = ikb_canned_mm5();
    EXPECT(run_ex(m, 60, 92, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 60, 60, 92));
    ikb_msg_free(m);
}

/* A VID that overruns, in a capture cut before the VID's end: the overrun
 * cannot be told from the cut and is not reported. */
static void test_header_capture_truncated_suppresses_overrun(void)
{
    ikb_msg *m = ikb_canned_mm1();
    /* The VID fits the message (it ends at byte 144) but not the 130 captured
     * bytes: only the capture is short. */
    EXPECT(run_ex(m, 130, MM1_LEN, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 130, 130, MM1_LEN));
    /* A VID of 200 bytes would end past the message's own length whatever the
     * capture held: an overrun either way, with the 20 bytes the message has left. */
    ikb_set_u16(m->bytes, MM1_VID + 2, 200);
    EXPECT(run_ex(m, 130, MM1_LEN, IKD_TRANSPORT_UDP), F(CAPTURE_TRUNCATED, 0, 130, 130, MM1_LEN),
           F(PAYLOAD_OVERRUN, MM1_VID, 6, IKD_PL_VID, 200, 20));
    /* fully captured, the same bytes are an overrun */
    EXPECT(run(m), F(PAYLOAD_OVERRUN, MM1_VID, 20, IKD_PL_VID, 200, 20));
    ikb_msg_free(m);
}

/* Snap length cutting only bytes past the ISAKMP length: nothing is missing. */
static void test_header_capture_cut_after_message(void)
{
    ikb_msg *m = ikb_canned_mm1();
    static const uint8_t pad[8] = { 0 };
    ikb_bytes(m->bytes, pad, sizeof pad); /* 8 bytes after the message */
    EXPECT(run_ex(m, MM1_LEN + 2, MM1_LEN + 8, IKD_TRANSPORT_UDP),
           F(DATAGRAM_EXCEEDS_LENGTH, MM1_LEN, 2, MM1_LEN, MM1_LEN + 8)); /* span cut to the capture */
    g_assert_false(last.capture_truncated);
    ikb_msg_free(m);
}

/* Header says less than its own 28 bytes. Nothing after the header can be
 * trusted, so nothing else is reported.
 * CURRENTLY FAILS: the engine also walks an empty chain and reports
 * CHAIN_CUT @28+0 (1, 0): "next payload 1 (SA) announced, but only 0 bytes
 * remain", although 116 bytes follow. */
static void test_header_length_below_header(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u32(m->bytes, H_LENGTH, 20);
    EXPECT(run(m), F(LENGTH_BELOW_HEADER, H_LENGTH, 4, 20));
    ikb_msg_free(m);
}

/* The same, with no payload announced: the one case that passes today. */
static void test_header_length_below_header_no_payload(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u32(m->bytes, H_LENGTH, 0);
    ikb_set_u8(m->bytes, H_NEXT, 0);
    EXPECT(run(m), F(LENGTH_BELOW_HEADER, H_LENGTH, 4, 0));
    ikb_msg_free(m);

    m = ikb_canned_mm5(); /* encrypted: no chain to walk */
    ikb_set_u32(m->bytes, H_LENGTH, 27);
    EXPECT(run(m), F(LENGTH_BELOW_HEADER, H_LENGTH, 4, 27));
    ikb_msg_free(m);
}

static void test_header_length_exceeds_datagram(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u32(m->bytes, H_LENGTH, MM1_LEN + 4);
    EXPECT(run(m), F(LENGTH_EXCEEDS_DATAGRAM, H_LENGTH, 4, MM1_LEN + 4, MM1_LEN));
    EXPECT(run_ex(m, MM1_LEN, MM1_LEN, IKD_TRANSPORT_UDP_ENCAP),
           F(LENGTH_EXCEEDS_DATAGRAM, H_LENGTH, 4, MM1_LEN + 4, MM1_LEN));
    EXPECT(run_ex(m, MM1_LEN, MM1_LEN, IKD_TRANSPORT_REASSEMBLED),
           F(LENGTH_EXCEEDS_DATAGRAM, H_LENGTH, 4, MM1_LEN + 4, MM1_LEN));
    ikb_msg_free(m);
}

/* A datagram cut in transit: the length finding, and the VID that the cut
 * left overrunning (both are true of the bytes that arrived). */
static void test_header_length_exceeds_datagram_cut(void)
{
    ikb_msg *m = ikb_canned_mm1();
    cut(m, 140);
    /* The VID would fit the message's own length: the short datagram is the
     * one problem, so it is the one finding. */
    EXPECT(run(m), F(LENGTH_EXCEEDS_DATAGRAM, H_LENGTH, 4, MM1_LEN, 140));
    ikb_msg_free(m);
}

static void test_header_datagram_exceeds_length(void)
{
    static const uint8_t junk[4] = { 0xde, 0xad, 0xbe, 0xef };
    ikb_msg *m = ikb_canned_mm1();
    ikb_bytes(m->bytes, junk, sizeof junk); /* the header length still says 144 */
    EXPECT(run(m), F(DATAGRAM_EXCEEDS_LENGTH, MM1_LEN, 4, MM1_LEN, MM1_LEN + 4));
    ikb_msg_free(m);
}

/* Over TCP a segment need not end where the message does: neither length
 * comparison applies. */
static void test_header_tcp_skips_datagram_length(void)
{
    static const uint8_t next_message[4] = { 0x5a, 0x1e, 0x8f, 0x21 };
    ikb_msg *m = ikb_canned_mm1();
    ikb_bytes(m->bytes, next_message, sizeof next_message);
    EXPECT_NONE(run_ex(m, m->bytes->len, m->bytes->len, IKD_TRANSPORT_TCP));
    ikb_msg_free(m);

    m = ikb_canned_mm1();
    ikb_set_u32(m->bytes, H_LENGTH, MM1_LEN + 4);
    EXPECT_NONE(run_ex(m, MM1_LEN, MM1_LEN, IKD_TRANSPORT_TCP));
    ikb_msg_free(m);
}

/* A TCP segment holding only the first part of a message (message.h: "a TCP
 * segment may hold part of a message"): the rest is in the next segment, so
 * nothing is wrong with the bytes here.
 * CURRENTLY FAILS: the engine walks the segment as if it were the whole
 * message and reports PAYLOAD_OVERRUN @288+12 (10, 36, 12) for MM3 and
 * ENCRYPTED_LENGTH @28+60 (60) for MM5. */
static void test_header_tcp_partial_message(void)
{
    ikb_msg *m = ikb_canned_mm3(); /* 372 bytes, the segment ends inside the nonce */
    EXPECT_NONE(run_ex(m, 300, 300, IKD_TRANSPORT_TCP));
    ikb_msg_free(m);

    m = ikb_canned_mm5(); /* 92 bytes, 88 in this segment */
    EXPECT_NONE(run_ex(m, 88, 88, IKD_TRANSPORT_TCP));
    ikb_msg_free(m);
}

static void test_header_major_version(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, H_VERSION, 0x30);
    EXPECT(run(m), F(MAJOR_VERSION, H_VERSION, 1, 3));
    ikb_set_u8(m->bytes, H_VERSION, 0x00);
    EXPECT(run(m), F(MAJOR_VERSION, H_VERSION, 1, 0));
    ikb_msg_free(m);
}

static void test_header_minor_version(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, H_VERSION, 0x11);
    EXPECT(run(m), F(MINOR_VERSION, H_VERSION, 1, 1));
    g_assert_cmpstr(detail_of(&last, 0), ==, "version 1.1; IKEv1 is 1.0");
    ikb_msg_free(m);
}

static void test_header_exchange_type(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, H_EXCHANGE, 7);
    EXPECT(run(m), F(EXCHANGE_TYPE, H_EXCHANGE, 1, 7));
    ikb_set_u8(m->bytes, H_EXCHANGE, 0);
    EXPECT(run(m), F(EXCHANGE_TYPE, H_EXCHANGE, 1, 0));
    ikb_set_u8(m->bytes, H_EXCHANGE, 239);
    EXPECT(run(m), F(EXCHANGE_TYPE, H_EXCHANGE, 1, 239));
    ikb_msg_free(m);
}

static void test_header_private_exchange(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, H_EXCHANGE, 240);
    EXPECT(run(m), F(PRIVATE_EXCHANGE, H_EXCHANGE, 1, 240));
    ikb_set_u8(m->bytes, H_EXCHANGE, 255);
    EXPECT(run(m), F(PRIVATE_EXCHANGE, H_EXCHANGE, 1, 255));
    ikb_msg_free(m);
}

static void test_header_flags(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, H_FLAGS, 0x0a); /* commit (defined) + 0x08 (reserved) */
    EXPECT(run(m), F(FLAGS, H_FLAGS, 1, 0x0a, 0x08));
    g_assert_cmpstr(detail_of(&last, 0), ==, "flags 0xa: bits 0x8 are reserved and must be zero");
    ikb_set_u8(m->bytes, H_FLAGS, 0xf8);
    EXPECT(run(m), F(FLAGS, H_FLAGS, 1, 0xf8, 0xf8));
    ikb_set_u8(m->bytes, H_FLAGS, 0x06); /* commit + auth-only: defined */
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

static void test_header_icookie_zero(void)
{
    ikb_msg *m = ikb_canned_mm1();
    set_bytes(m, 0, ikb_zero_cookie, 8);
    EXPECT(run(m), F(ICOOKIE_ZERO, 0, 8, 0));
    ikb_msg_free(m);
}

/* --- IKEv2 ----------------------------------------------------------------------------- */

/* An IKEv2 message: its exchange type 34, flags 0x08 and payload types would
 * all be findings in IKEv1; none is reported. */
static void test_ikev2_no_ikev1_findings(void)
{
    ikb_msg *m = ikb_canned_ikev2();
    ikd_message *msg = run(m);
    EXPECT_NONE(msg);
    g_assert_true(msg->header_read);
    g_assert_cmpuint(msg->major, ==, 2);
    g_assert_cmpuint(msg->exchange, ==, 34);
    g_assert_cmpuint(msg->payload_count, ==, 0);
    /* not even with IKEv1-illegal values everywhere */
    set_bytes(m, 0, ikb_zero_cookie, 8);
    ikb_set_u32(m->bytes, H_MSGID, 7);
    ikb_set_u8(m->bytes, m->offset[1] + 1, 0x80); /* critical bit */
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

/* The header length is still held to the datagram. */
static void test_ikev2_length_checked(void)
{
    ikb_msg *m = ikb_canned_ikev2();
    const size_t len = m->bytes->len;
    ikb_set_u32(m->bytes, H_LENGTH, (uint32_t)len + 4);
    EXPECT(run(m), F(LENGTH_EXCEEDS_DATAGRAM, H_LENGTH, 4, len + 4, len));
    ikb_set_u32(m->bytes, H_LENGTH, 20);
    EXPECT(run(m), F(LENGTH_BELOW_HEADER, H_LENGTH, 4, 20));
    ikb_msg_free(m);
}

/* --- Cookies ---------------------------------------------------------------------------- */

static void zero_rcookie(ikb_msg *m)
{
    set_bytes(m, H_RCOOKIE, ikb_zero_cookie, 8);
}

static void set_rcookie(ikb_msg *m)
{
    set_bytes(m, H_RCOOKIE, ikb_rcookie, 8);
}

/* Messages that can only follow the responder's first reply. */
static void test_rcookie_zero_mm3(void)
{
    ikb_msg *m = ikb_canned_mm3();
    zero_rcookie(m);
    EXPECT(run(m), F(RCOOKIE_ZERO, H_RCOOKIE, 8, IKD_EX_MAIN));
    g_assert_cmpstr(detail_of(&last, 0), ==,
                    "responder cookie is zero, but this Identity Protection (Main Mode) message can only "
                    "follow the responder's reply");
    ikb_msg_free(m);
}

static void test_rcookie_zero_qm(void)
{
    ikb_msg *m = ikb_canned_qm1();
    zero_rcookie(m);
    EXPECT(run(m), F(RCOOKIE_ZERO, H_RCOOKIE, 8, IKD_EX_QUICK));
    ikb_msg_free(m);
    m = ikb_canned_natoa(); /* a clear quick mode too */
    zero_rcookie(m);
    EXPECT(run(m), F(RCOOKIE_ZERO, H_RCOOKIE, 8, IKD_EX_QUICK));
    ikb_msg_free(m);
}

static void test_rcookie_zero_encrypted_mm5(void)
{
    ikb_msg *m = ikb_canned_mm5();
    zero_rcookie(m);
    EXPECT(run(m), F(RCOOKIE_ZERO, H_RCOOKIE, 8, IKD_EX_MAIN));
    ikb_msg_free(m);
}

/* AM2 carries the responder's HASH. */
static void test_rcookie_zero_am2(void)
{
    ikb_msg *m = ikb_canned_am2();
    zero_rcookie(m);
    EXPECT(run(m), F(RCOOKIE_ZERO, H_RCOOKIE, 8, IKD_EX_AGGRESSIVE));
    ikb_msg_free(m);
}

static void test_rcookie_zero_mode_config(void)
{
    ikb_msg *m = ikb_canned_modecfg();
    zero_rcookie(m);
    EXPECT(run(m), F(RCOOKIE_ZERO, H_RCOOKIE, 8, IKD_EX_TRANSACTION));
    ikb_msg_free(m);
}

/* The initiator's first messages may not carry a responder cookie. */
static void test_rcookie_set_mm1(void)
{
    ikb_msg *m = ikb_canned_mm1();
    set_rcookie(m);
    EXPECT(run(m), F(RCOOKIE_IN_FIRST, H_RCOOKIE, 8, IKD_EX_MAIN, 2));
    g_assert_cmpstr(detail_of(&last, 0), ==,
                    "this Identity Protection (Main Mode) message is an initiator's first message "
                    "(2 transforms offered) yet carries a responder cookie");
    ikb_msg_free(m);
}

/* AM1 is recognised by its payloads even with a single transform. */
static void test_rcookie_set_am1(void)
{
    ikb_msg *m = ikb_canned_am1();
    set_rcookie(m);
    EXPECT(run(m), F(RCOOKIE_IN_FIRST, H_RCOOKIE, 8, IKD_EX_AGGRESSIVE, 1));
    ikb_msg_free(m);
}

/* A clear notification may precede any SA (NO-PROPOSAL-CHOSEN to an MM1). */
static void test_rcookie_zero_info_ok(void)
{
    ikb_msg *m = ikb_canned_info_nopc();
    EXPECT_NONE(run(m));
    set_rcookie(m);
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

/* --- Message IDs ----------------------------------------------------------------------------- */

static void test_message_id_phase1(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u32(m->bytes, H_MSGID, 0x12345678);
    EXPECT(run(m), F(MESSAGE_ID_PHASE1, H_MSGID, 4, IKD_EX_MAIN, 0x12345678));
    g_assert_cmpstr(detail_of(&last, 0), ==,
                    "Identity Protection (Main Mode) message with message ID 0x12345678; phase 1 uses 0");
    ikb_msg_free(m);

    m = ikb_canned_am2();
    ikb_set_u32(m->bytes, H_MSGID, 1);
    EXPECT(run(m), F(MESSAGE_ID_PHASE1, H_MSGID, 4, IKD_EX_AGGRESSIVE, 1));
    ikb_msg_free(m);
}

static void test_message_id_quick_zero(void)
{
    ikb_msg *m = ikb_canned_qm1();
    ikb_set_u32(m->bytes, H_MSGID, 0);
    EXPECT(run(m), F(MESSAGE_ID_ZERO, H_MSGID, 4, IKD_EX_QUICK, 0));
    ikb_msg_free(m);
}

static void test_message_id_transaction_zero(void)
{
    ikb_msg *m = ikb_canned_modecfg();
    ikb_set_u32(m->bytes, H_MSGID, 0);
    EXPECT(run(m), F(MESSAGE_ID_ZERO, H_MSGID, 4, IKD_EX_TRANSACTION, 0));
    ikb_msg_free(m);
}

/* MM5 turned into an encrypted informational (a DPD or delete) with ID 0. */
static void test_message_id_encrypted_informational_zero(void)
{
    ikb_msg *m = ikb_canned_mm5();
    ikb_set_u8(m->bytes, H_EXCHANGE, IKD_EX_INFORMATIONAL);
    EXPECT(run(m), F(MESSAGE_ID_ZERO, H_MSGID, 4, IKD_EX_INFORMATIONAL, 0));
    ikb_set_u32(m->bytes, H_MSGID, 0x7c1e5a93);
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

/* A clear informational may use 0 (and any other ID). */
static void test_message_id_clear_informational_zero_ok(void)
{
    ikb_msg *m = ikb_canned_info_nopc();
    EXPECT_NONE(run(m));
    ikb_set_u32(m->bytes, H_MSGID, 0x7c1e5a93);
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

/* --- Encrypted body ----------------------------------------------------------------------- */

static void test_encrypted_length(void)
{
    ikb_msg *m = ikb_canned_mm5();
    cut(m, 28 + 60);
    ikb_finish(m);
    EXPECT(run(m), F(ENCRYPTED_LENGTH, 28, 60, 60));
    ikb_msg_free(m);

    m = ikb_canned_qm1();
    append_inside(m, "x", 1);
    EXPECT(run(m), F(ENCRYPTED_LENGTH, 28, 161, 161));
    ikb_msg_free(m);
}

/* --- Payload chain ------------------------------------------------------------------------ */

/* Length below the generic header: the chain cannot go on. */
static void test_chain_length_below_4(void)
{
    ikb_msg *m = ikb_canned_mm3();
    ikb_set_u16(m->bytes, m->offset[0] + 2, 3);
    EXPECT(run(m), F(PAYLOAD_TOO_SHORT, m->offset[0], 4, IKD_PL_KE, 3, 4));
    ikb_set_u16(m->bytes, m->offset[0] + 2, 0);
    EXPECT(run(m), F(PAYLOAD_TOO_SHORT, m->offset[0], 4, IKD_PL_KE, 0, 4));
    ikb_msg_free(m);
}

/* Length below the payload type's minimum: reported, the chain goes on. */
static void test_chain_length_below_minimum(void)
{
    ikb_msg *m = ikb_canned_mm3();
    ikb_resize_body(m, 1, 0, 0); /* a nonce payload with no nonce */
    EXPECT(run(m), F(PAYLOAD_TOO_SHORT, m->offset[1], 4, IKD_PL_NONCE, 4, 5));
    g_assert_cmpstr(detail_of(&last, 0), ==, "payload 10 (Nonce) says 4 bytes; it needs at least 5");
    g_assert_cmpuint(last.payload_count, ==, 4);
    ikb_msg_free(m);

    m = ikb_canned_info_nopc();
    ikb_resize_body(m, 0, 4, 0); /* DOI only */
    EXPECT(run(m), F(PAYLOAD_TOO_SHORT, m->offset[0], 8, IKD_PL_NOTIFY, 8, 12));
    ikb_msg_free(m);

    m = ikb_canned_am1();
    ikb_resize_body(m, 3, 3, 0); /* ID without its port */
    EXPECT(run(m), F(PAYLOAD_TOO_SHORT, m->offset[3], 7, IKD_PL_ID, 7, 8));
    ikb_msg_free(m);
}

static void test_chain_overrun(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u16(m->bytes, MM1_VID + 2, 21);
    EXPECT(run(m), F(PAYLOAD_OVERRUN, MM1_VID, 20, IKD_PL_VID, 21, 20));
    g_assert_cmpstr(detail_of(&last, 0), ==, "payload 13 (Vendor ID) says 21 bytes but only 20 remain");
    ikb_msg_free(m);
}

/* The last payload announces another, and the message ends. */
static void test_chain_cut(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, MM1_VID, IKD_PL_VID);
    EXPECT(run(m), F(CHAIN_CUT, MM1_LEN, 0, IKD_PL_VID, 0));
    ikb_msg_free(m);
}

/* Only 2 bytes of the next generic header fit in the ISAKMP length. */
static void test_chain_cut_partial_header(void)
{
    ikb_msg *m = ikb_canned_mm3();
    const size_t natd2 = m->offset[3];
    cut(m, natd2 + 2);
    ikb_set_u32(m->bytes, H_LENGTH, m->bytes->len);
    EXPECT(run(m), F(CHAIN_CUT, natd2, 2, IKD_PL_NATD, 2));
    ikb_msg_free(m);
}

static void test_chain_trailing_bytes(void)
{
    static const uint8_t junk[4] = { 0 };
    ikb_msg *m = ikb_canned_mm1();
    append_inside(m, junk, sizeof junk);
    EXPECT(run(m), F(TRAILING_BYTES, MM1_LEN, 4, 4));
    ikb_msg_free(m);
}

/* Unknown types are reported and stepped over (MM2: the responder cookie is
 * set, so the cookie rules have nothing to add). */
static void test_chain_unknown_payload(void)
{
    ikb_msg *m = ikb_canned_mm2();
    const size_t vid = m->offset[1];
    set_type(m, 1, 50);
    EXPECT(run(m), F(UNKNOWN_PAYLOAD, vid, 20, 50));
    g_assert_cmpstr(detail_of(&last, 0), ==, "payload type 50 (reserved payload type)");
    set_type(m, 1, 22); /* first number after NAT-OA */
    EXPECT(run(m), F(UNKNOWN_PAYLOAD, vid, 20, 22));
    set_type(m, 1, 127);
    EXPECT(run(m), F(UNKNOWN_PAYLOAD, vid, 20, 127));
    ikb_msg_free(m);
}

static void test_chain_unknown_private_payload(void)
{
    ikb_msg *m = ikb_canned_mm2();
    const size_t vid = m->offset[1];
    set_type(m, 1, 200);
    EXPECT(run(m), F(UNKNOWN_PAYLOAD, vid, 20, 200));
    g_assert_cmpstr(detail_of(&last, 0), ==, "payload type 200 (private-use payload type)");
    set_type(m, 1, 128);
    EXPECT(run(m), F(UNKNOWN_PAYLOAD, vid, 20, 128));
    ikb_msg_free(m);
}

/* The private numbers peers really use: NAT-D/NAT-OA drafts, Cisco
 * fragmentation; and 15/16, the numbers early IOS used for NAT-D/NAT-OA. */
static void test_chain_known_private_payloads(void)
{
    ikb_msg *m = ikb_canned_mm3();
    set_type(m, 2, IKD_PL_NATD_DRAFT); /* 130 */
    set_type(m, 3, IKD_PL_NATD_DRAFT);
    EXPECT_NONE(run(m));
    set_type(m, 3, IKD_PL_CISCO_FRAG); /* 132, 20-byte body */
    EXPECT_NONE(run(m));
    set_type(m, 2, IKD_PL_NATD_DRAFT_OLD); /* 15 */
    set_type(m, 3, IKD_PL_NATD_DRAFT_OLD);
    EXPECT_NONE(run(m));
    set_type(m, 3, IKD_PL_NATOA_DRAFT_OLD); /* 16: body not checked */
    EXPECT_NONE(run(m));
    ikb_msg_free(m);

    m = ikb_canned_natoa();
    set_type(m, 3, IKD_PL_NATOA_DRAFT); /* 131 */
    set_type(m, 4, IKD_PL_NATOA_DRAFT);
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

static void test_chain_misplaced_proposal(void)
{
    ikb_msg *m = ikb_canned_mm2();
    const size_t vid = m->offset[1];
    set_type(m, 1, IKD_PL_PROPOSAL);
    EXPECT(run(m), F(MISPLACED_PAYLOAD, vid, 20, IKD_PL_PROPOSAL));
    g_assert_cmpstr(detail_of(&last, 0), ==, "a Proposal payload in the message's own payload chain");
    ikb_msg_free(m);
}

static void test_chain_misplaced_transform(void)
{
    ikb_msg *m = ikb_canned_mm2();
    const size_t vid = m->offset[1];
    set_type(m, 1, IKD_PL_TRANSFORM);
    EXPECT(run(m), F(MISPLACED_PAYLOAD, vid, 20, IKD_PL_TRANSFORM));
    ikb_msg_free(m);
}

/* --- Reserved fields ---------------------------------------------------------------------- */

/* The IOS log line "reserved not zero on payload 5!" for a clear AM1 ID. */
static void test_reserved_id_payload(void)
{
    ikb_msg *m = ikb_canned_am1();
    const size_t id = m->offset[3];
    ikb_set_u8(m->bytes, id + 1, 0x01);
    EXPECT(run(m), F(RESERVED_NOT_ZERO, id + 1, 1, IKD_PL_ID));
    g_assert_cmpstr(detail_of(&last, 0), ==, "reserved not zero on payload 5 (ID)");
    char buf[256];
    ikd_finding_render(ikd_finding_lookup(IKD_F_RESERVED_NOT_ZERO)->cisco, &last.findings.items[0], buf,
                       sizeof buf);
    g_assert_true(g_str_has_prefix(buf, "ISAKMP: reserved not zero on payload 5! / "));
    ikb_msg_free(m);
}

static void test_reserved_sa_payload(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, MM1_SA + 1, 0x80);
    EXPECT(run(m), F(RESERVED_NOT_ZERO, MM1_SA + 1, 1, IKD_PL_SA));
    ikb_msg_free(m);
}

static void test_reserved_proposal(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, MM1_PROP + 1, 0x01);
    EXPECT(run(m), F(RESERVED_NOT_ZERO, MM1_PROP + 1, 1, IKD_PL_PROPOSAL));
    ikb_msg_free(m);
}

static void test_reserved_transform(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, MM1_T2 + 1, 0x01);
    EXPECT(run(m), F(RESERVED_NOT_ZERO, MM1_T2 + 1, 1, IKD_PL_TRANSFORM));
    ikb_msg_free(m);
}

static void test_reserved_transform_reserved2(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u16(m->bytes, MM1_T1 + 6, 0x0100);
    EXPECT(run(m), F(RESERVED_NOT_ZERO, MM1_T1 + 6, 2, IKD_PL_TRANSFORM));
    ikb_set_u16(m->bytes, MM1_T1 + 6, 0x0001);
    EXPECT(run(m), F(RESERVED_NOT_ZERO, MM1_T1 + 6, 2, IKD_PL_TRANSFORM));
    ikb_msg_free(m);
}

/* NAT-OA: ID type, then three reserved bytes. */
static void test_reserved_nat_oa(void)
{
    ikb_msg *m = ikb_canned_natoa();
    const size_t oa = m->offset[3];
    ikb_set_u8(m->bytes, oa + 6, 0x01);
    EXPECT(run(m), F(RESERVED_NOT_ZERO, oa + 5, 3, IKD_PL_NATOA));
    set_type(m, 3, IKD_PL_NATOA_DRAFT); /* the draft number names itself */
    EXPECT(run(m), F(RESERVED_NOT_ZERO, oa + 5, 3, IKD_PL_NATOA_DRAFT));
    ikb_msg_free(m);
}

/* Mode-config: type, reserved, identifier. */
static void test_reserved_mode_config(void)
{
    ikb_msg *m = ikb_canned_modecfg();
    const size_t attr = m->offset[1];
    ikb_set_u8(m->bytes, attr + 5, 0xff);
    EXPECT(run(m), F(RESERVED_NOT_ZERO, attr + 5, 1, IKD_PL_ATTR));
    ikb_msg_free(m);
}

/* The generic reserved byte of several payloads in one message. */
static void test_reserved_several(void)
{
    ikb_msg *m = ikb_canned_mm3();
    for (size_t i = 0; i < m->count; i++)
        ikb_set_u8(m->bytes, m->offset[i] + 1, (uint8_t)(i + 1));
    EXPECT(run(m), F(RESERVED_NOT_ZERO, m->offset[0] + 1, 1, IKD_PL_KE),
           F(RESERVED_NOT_ZERO, m->offset[1] + 1, 1, IKD_PL_NONCE),
           F(RESERVED_NOT_ZERO, m->offset[2] + 1, 1, IKD_PL_NATD),
           F(RESERVED_NOT_ZERO, m->offset[3] + 1, 1, IKD_PL_NATD));
    ikb_msg_free(m);
}

/* --- SA payload ---------------------------------------------------------------------------- */

static void test_sa_doi(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u32(m->bytes, MM1_SA + 4, 0);
    EXPECT(run(m), F(DOI, MM1_SA + 4, 4, 0, IKD_PL_SA));
    g_assert_cmpstr(detail_of(&last, 0), ==, "DOI 0 in a SA payload; IPsec is 1");
    ikb_set_u32(m->bytes, MM1_SA + 4, 3);
    EXPECT(run(m), F(DOI, MM1_SA + 4, 4, 3, IKD_PL_SA));
    ikb_msg_free(m);
}

/* GDOI SA payloads hold KEK/TEK payloads, not proposals: not checked. */
static void test_sa_doi_gdoi_silent(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u32(m->bytes, MM1_SA + 4, 2);
    ikb_set_u8(m->bytes, MM1_PROP + 5, 9); /* would be a PROTOCOL_ID under IPsec */
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

static void test_sa_situation(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u32(m->bytes, MM1_SA + 8, 2); /* SIT_SECRECY */
    EXPECT(run(m), F(SITUATION, MM1_SA + 8, 4, 2));
    g_assert_cmpstr(detail_of(&last, 0), ==,
                    "situation 0x2; peers only use SIT_IDENTITY_ONLY (0x1), so the proposals were not checked");
    ikb_msg_free(m);
}

/* The proposal says a transform (3) follows it. */
static void test_sa_chain_proposal_next(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, MM1_PROP, IKD_PL_TRANSFORM);
    EXPECT(run(m), F(SA_CHAIN, MM1_PROP, 1, IKD_PL_PROPOSAL, IKD_PL_TRANSFORM, IKD_PL_PROPOSAL));
    g_assert_cmpstr(detail_of(&last, 0), ==,
                    "a Proposal payload inside the SA says next payload 3; only 2 or 0 may follow");
    ikb_msg_free(m);
}

/* Transform 1 says a proposal follows: the chain stops there, so the
 * proposal holds one readable transform of the two it announces. */
static void test_sa_chain_transform_next(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, MM1_T1, IKD_PL_PROPOSAL);
    EXPECT(run(m), F(SA_CHAIN, MM1_T1, 1, IKD_PL_TRANSFORM, IKD_PL_PROPOSAL, IKD_PL_TRANSFORM),
           F(TRANSFORM_COUNT, MM1_PROP + 7, 1, 1, 2, 1));
    ikb_msg_free(m);
}

/* The last proposal or transform announces another, and its parent ends. */
static void test_sa_chain_cut(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, MM1_PROP, IKD_PL_PROPOSAL);
    EXPECT(run(m), F(CHAIN_CUT, MM1_PROP, 1, IKD_PL_PROPOSAL, 0));
    ikb_msg_free(m);

    m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, MM1_T2, IKD_PL_TRANSFORM);
    EXPECT(run(m), F(CHAIN_CUT, MM1_T2, 1, IKD_PL_TRANSFORM, 0));
    ikb_msg_free(m);
}

/* Bytes after the last proposal, inside the SA payload. */
static void test_sa_trailing(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_resize_body(m, 0, 96 - 4 + 4, 0);
    EXPECT(run(m), F(SA_TRAILING, MM1_VID, 4, 4, IKD_PL_PROPOSAL));
    g_assert_cmpstr(detail_of(&last, 0), ==, "4 bytes follow the last Proposal payload inside its parent");
    ikb_msg_free(m);

    /* Fewer bytes than a proposal header, after "no more proposals"... */
    m = ikb_canned_mm1();
    ikb_resize_body(m, 0, 96 - 4 + 3, 0);
    EXPECT(run(m), F(SA_TRAILING, MM1_VID, 3, 3, IKD_PL_PROPOSAL));
    /* ...and after "another proposal follows" */
    ikb_set_u8(m->bytes, MM1_PROP, IKD_PL_PROPOSAL);
    EXPECT(run(m), F(SA_TRAILING, MM1_VID, 3, 3, IKD_PL_PROPOSAL));
    ikb_msg_free(m);
}

/* Bytes after the last transform, inside the proposal. */
static void test_sa_trailing_in_proposal(void)
{
    static const uint8_t junk[4] = { 0 };
    const ikb_proposal p = { 1, IKD_PROTO_ISAKMP, 0, NULL, ikb_mm1_transforms, 2, junk, sizeof junk };
    ikb_msg *m = ikb_mm1_with(&p, 1);
    EXPECT(run(m), F(SA_TRAILING, MM1_VID, 4, 4, IKD_PL_TRANSFORM));
    ikb_msg_free(m);
}

static void test_sa_transform_count(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, MM1_PROP + 7, 3);
    EXPECT(run(m), F(TRANSFORM_COUNT, MM1_PROP + 7, 1, 1, 3, 2));
    g_assert_cmpstr(detail_of(&last, 0), ==, "proposal 1 announces 3 transforms but carries 2");
    ikb_set_u8(m->bytes, MM1_PROP + 7, 1);
    EXPECT(run(m), F(TRANSFORM_COUNT, MM1_PROP + 7, 1, 1, 1, 2));
    ikb_msg_free(m);
}

/* An MM1 offering two proposals, one transform each; the second proposal
 * starts at 88. */
static ikb_msg *two_proposals(uint8_t first, uint8_t second)
{
    const ikb_proposal p[2] = {
        { first, IKD_PROTO_ISAKMP, 0, NULL, &ikb_mm1_transforms[0], 1, NULL, 0 },
        { second, IKD_PROTO_ISAKMP, 0, NULL, &ikb_mm1_transforms[1], 1, NULL, 0 },
    };
    return ikb_mm1_with(p, 2);
}

static void test_sa_proposal_numbering(void)
{
    ikb_msg *m = two_proposals(1, 2);
    EXPECT_NONE(run(m));
    g_assert_cmpuint(last.sa.proposals, ==, 2);
    g_assert_cmpuint(last.sa.transforms, ==, 2);
    ikb_msg_free(m);

    m = two_proposals(1, 1); /* equal: one proposal over two protocols */
    EXPECT_NONE(run(m));
    ikb_msg_free(m);

    m = two_proposals(2, 1);
    EXPECT(run(m), F(PROPOSAL_NUMBERING, 88 + 4, 1, 1, 2));
    g_assert_cmpstr(detail_of(&last, 0), ==, "proposal number 1 follows proposal number 2");
    ikb_msg_free(m);
}

static void test_sa_transform_numbering(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, MM1_T2 + 4, 1);
    EXPECT(run(m), F(TRANSFORM_NUMBERING, MM1_T2 + 4, 1, 1, 1));
    ikb_msg_free(m);
}

static void test_sa_protocol_id(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, MM1_PROP + 5, 9);
    EXPECT(run(m), F(PROTOCOL_ID, MM1_PROP + 5, 1, 9, IKD_PL_PROPOSAL));
    g_assert_cmpstr(detail_of(&last, 0), ==, "protocol ID 9 in a Proposal payload");
    ikb_msg_free(m);
}

/* ESP with a 3-byte SPI, in the clear quick-mode layout (proposal at 64). */
static void test_sa_spi_size_esp(void)
{
    static const uint8_t spi[3] = { 0xc1, 0x2a, 0x5e };
    const ikb_proposal p = { 1, IKD_PROTO_ESP, 3, spi, &ikb_esp_transform, 1, NULL, 0 };
    ikb_msg *m = ikb_qm_clear_with(&p, 1);
    const size_t prop = m->offset[1] + 12;
    EXPECT(run(m), F(SPI_SIZE, prop + 6, 1, IKD_PROTO_ESP, 3, IKD_PL_PROPOSAL));
    g_assert_cmpstr(detail_of(&last, 0), ==, "ESP with an SPI of 3 bytes in a Proposal payload");
    ikb_msg_free(m);

    /* AH 4 and IPComp 2 are right */
    const ikb_proposal ah = { 1, IKD_PROTO_AH, 4, NULL, &ikb_esp_transform, 1, NULL, 0 };
    const ikb_proposal ipcomp = { 1, IKD_PROTO_IPCOMP, 2, NULL, &ikb_esp_transform, 1, NULL, 0 };
    m = ikb_qm_clear_with(&ah, 1);
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
    m = ikb_qm_clear_with(&ipcomp, 1);
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

/* ISAKMP SPIs are empty or the 16 bytes of the two cookies. */
static void test_sa_spi_size_isakmp(void)
{
    const ikb_proposal p8 = { 1, IKD_PROTO_ISAKMP, 8, NULL, ikb_mm1_transforms, 2, NULL, 0 };
    ikb_msg *m = ikb_mm1_with(&p8, 1);
    EXPECT(run(m), F(SPI_SIZE, MM1_PROP + 6, 1, IKD_PROTO_ISAKMP, 8, IKD_PL_PROPOSAL));
    ikb_msg_free(m);

    const ikb_proposal p16 = { 1, IKD_PROTO_ISAKMP, 16, NULL, ikb_mm1_transforms, 2, NULL, 0 };
    m = ikb_mm1_with(&p16, 1);
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

/* An SPI size that runs past the proposal. */
static void test_sa_spi_overruns_proposal(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, MM1_PROP + 6, 200);
    EXPECT(run(m), F(SPI_SIZE, MM1_PROP + 6, 1, IKD_PROTO_ISAKMP, 200, IKD_PL_PROPOSAL),
           F(PAYLOAD_TOO_SHORT, MM1_PROP, 84, IKD_PL_PROPOSAL, 84, 208));
    ikb_msg_free(m);
}

static void test_sa_transform_id(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u8(m->bytes, MM1_T1 + 5, 2);
    EXPECT(run(m), F(TRANSFORM_ID, MM1_T1 + 5, 1, 2));
    ikb_msg_free(m);
}

/* The life-duration TLV claims 200 bytes; 8 are left in the transform. */
static void test_sa_attribute_overrun_tlv(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u16(m->bytes, MM1_T1_LIFE + 2, 200);
    EXPECT(run(m), F(ATTRIBUTE_OVERRUN, MM1_T1_LIFE, 8, 12, 204, 8));
    g_assert_cmpstr(detail_of(&last, 0), ==, "attribute type 12 needs 204 bytes but only 8 remain");
    ikb_msg_free(m);
}

/* 1 to 3 bytes after transform 1's attributes: less than an attribute
 * header. Transform 1 ends at 88, its last attribute at 88 - extra. */
static void test_sa_attribute_overrun_short_tail(void)
{
    static const uint8_t tails[3][3] = { { 0x80 }, { 0x80, 0x0b }, { 0x80, 0x0e, 0x00 } };
    static const uint32_t names[3] = { 0, 11, 14 }; /* the type, once 2 bytes exist */
    for (size_t n = 1; n <= 3; n++) {
        ikb_transform t[2] = { ikb_mm1_transforms[0], ikb_mm1_transforms[1] };
        t[0].extra = tails[n - 1];
        t[0].extra_len = n;
        const ikb_proposal p = { 1, IKD_PROTO_ISAKMP, 0, NULL, t, 2, NULL, 0 };
        ikb_msg *m = ikb_mm1_with(&p, 1);
        EXPECT(run(m), F(ATTRIBUTE_OVERRUN, MM1_T2, n, names[n - 1], 4, n));
        ikb_msg_free(m);
    }
}

static void test_sa_proposal_too_short(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u16(m->bytes, MM1_PROP + 2, 4);
    EXPECT(run(m), F(PAYLOAD_TOO_SHORT, MM1_PROP, 4, IKD_PL_PROPOSAL, 4, 8));
    ikb_msg_free(m);
}

/* Transform 2 says 40 bytes; 36 are left in the proposal. */
static void test_sa_transform_overrun(void)
{
    ikb_msg *m = ikb_canned_mm1();
    ikb_set_u16(m->bytes, MM1_T2 + 2, 40);
    EXPECT(run(m), F(PAYLOAD_OVERRUN, MM1_T2, 36, IKD_PL_TRANSFORM, 40, 36),
           F(TRANSFORM_COUNT, MM1_PROP + 7, 1, 1, 2, 1));
    ikb_msg_free(m);
}

/* --- Notification ------------------------------------------------------------------------------- */

/* Notify at 28: +4 DOI, +8 protocol, +9 SPI size, +10 type, +12 SPI (16). */
enum { N_DOI = 32, N_PROTOCOL = 36, N_SPI_SIZE = 37 };

static void test_notify_spi_too_big(void)
{
    ikb_msg *m = ikb_canned_info_nopc();
    ikb_set_u8(m->bytes, N_SPI_SIZE, 17);
    EXPECT(run(m), F(NOTIFY_SPI, N_SPI_SIZE, 1, 17, 28));
    g_assert_cmpstr(detail_of(&last, 0), ==, "SPI size 17 does not fit a 28-byte notification payload");
    ikb_msg_free(m);
}

/* An ESP notification with a 3-byte SPI (the payload holds 16 bytes). */
static void test_notify_spi_size_esp(void)
{
    ikb_msg *m = ikb_canned_info_nopc();
    ikb_set_u8(m->bytes, N_PROTOCOL, IKD_PROTO_ESP);
    ikb_set_u8(m->bytes, N_SPI_SIZE, 3);
    EXPECT(run(m), F(SPI_SIZE, N_SPI_SIZE, 1, IKD_PROTO_ESP, 3, IKD_PL_NOTIFY));
    ikb_set_u8(m->bytes, N_SPI_SIZE, 4);
    EXPECT_NONE(run(m));
    ikb_set_u8(m->bytes, N_SPI_SIZE, 0); /* notifications may carry no SPI */
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

static void test_notify_protocol_and_doi(void)
{
    ikb_msg *m = ikb_canned_info_nopc();
    ikb_set_u8(m->bytes, N_PROTOCOL, 9);
    EXPECT(run(m), F(PROTOCOL_ID, N_PROTOCOL, 1, 9, IKD_PL_NOTIFY));
    ikb_set_u8(m->bytes, N_PROTOCOL, 0); /* "no SA in particular" */
    EXPECT_NONE(run(m));
    ikb_set_u32(m->bytes, N_DOI, 7);
    EXPECT(run(m), F(DOI, N_DOI, 4, 7, IKD_PL_NOTIFY));
    ikb_set_u32(m->bytes, N_DOI, 0); /* ISAKMP DOI */
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

/* --- Delete ---------------------------------------------------------------------------------------- */

/* Delete at 28, same layout as Notify with a count instead of a type. */
enum { D_PAYLOAD = 28, D_COUNT = 38 };

static void test_delete_length_mismatch(void)
{
    ikb_msg *m = ikb_canned_delete();
    ikb_set_u16(m->bytes, D_COUNT, 2);
    EXPECT(run(m), F(DELETE_SPI, D_PAYLOAD, 28, 2, 16, 44, 28));
    g_assert_cmpstr(detail_of(&last, 0), ==, "2 SPIs of 16 bytes need a 44-byte payload; it says 28");
    ikb_set_u16(m->bytes, D_COUNT, 0);
    EXPECT(run(m), F(DELETE_SPI, D_PAYLOAD, 28, 0, 16, 12, 28));
    ikb_msg_free(m);
}

static void test_delete_spi_size(void)
{
    ikb_msg *m = ikb_canned_delete();
    ikb_set_u8(m->bytes, N_SPI_SIZE, 4);
    EXPECT(run(m), F(SPI_SIZE, N_SPI_SIZE, 1, IKD_PROTO_ISAKMP, 4, IKD_PL_DELETE),
           F(DELETE_SPI, D_PAYLOAD, 28, 1, 4, 16, 28));
    ikb_msg_free(m);

    /* Deleting 4 ESP SPIs of 4 bytes: right */
    m = ikb_canned_delete();
    ikb_set_u8(m->bytes, N_PROTOCOL, IKD_PROTO_ESP);
    ikb_set_u8(m->bytes, N_SPI_SIZE, 4);
    ikb_set_u16(m->bytes, D_COUNT, 4);
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

static void test_delete_protocol_and_doi(void)
{
    ikb_msg *m = ikb_canned_delete();
    ikb_set_u8(m->bytes, N_PROTOCOL, 9);
    EXPECT(run(m), F(PROTOCOL_ID, N_PROTOCOL, 1, 9, IKD_PL_DELETE));
    ikb_set_u8(m->bytes, N_PROTOCOL, 0); /* unlike Notify, a Delete names its protocol */
    EXPECT(run(m), F(PROTOCOL_ID, N_PROTOCOL, 1, 0, IKD_PL_DELETE));
    ikb_msg_free(m);

    m = ikb_canned_delete();
    ikb_set_u32(m->bytes, N_DOI, 9);
    EXPECT(run(m), F(DOI, N_DOI, 4, 9, IKD_PL_DELETE));
    ikb_msg_free(m);
}

/* --- Nonce --------------------------------------------------------------------------------------- */

static void test_nonce_length(void)
{
    ikb_msg *m = ikb_canned_am1();
    const size_t nonce = m->offset[2];
    ikb_resize_body(m, 2, 7, 0x5a);
    EXPECT(run(m), F(NONCE_LENGTH, nonce, 11, 7));
    g_assert_cmpstr(detail_of(&last, 0), ==, "nonce of 7 bytes; IKEv1 nonces are 8 to 256 bytes");
    ikb_resize_body(m, 2, 257, 0x5a);
    EXPECT(run(m), F(NONCE_LENGTH, nonce, 261, 257));
    ikb_resize_body(m, 2, 1, 0x5a);
    EXPECT(run(m), F(NONCE_LENGTH, nonce, 5, 1));
    ikb_msg_free(m);
}

static void test_nonce_length_limits_ok(void)
{
    ikb_msg *m = ikb_canned_am1();
    ikb_resize_body(m, 2, 8, 0x5a);
    EXPECT_NONE(run(m));
    ikb_resize_body(m, 2, 256, 0x5a);
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

/* --- Identification ------------------------------------------------------------------------------ */

static void test_id_type(void)
{
    ikb_msg *m = ikb_canned_am1();
    const size_t id = m->offset[3];
    ikb_set_u8(m->bytes, id + 4, 13);
    EXPECT(run(m), F(ID_TYPE, id + 4, 1, 13));
    g_assert_cmpstr(detail_of(&last, 0), ==, "ID type 13 (unknown ID type)");
    ikb_set_u8(m->bytes, id + 4, 0);
    EXPECT(run(m), F(ID_TYPE, id + 4, 1, 0));
    ikb_set_u8(m->bytes, id + 4, 2); /* ID_FQDN: any length */
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

static void test_id_length(void)
{
    ikb_msg *m = ikb_canned_am1();
    const size_t id = m->offset[3];
    ikb_resize_body(m, 3, 4 + 5, 0x01); /* ID_IPV4_ADDR with 5 address bytes */
    EXPECT(run(m), F(ID_LENGTH, id + 8, 5, 1, 5, 4));
    g_assert_cmpstr(detail_of(&last, 0), ==, "ID_IPV4_ADDR with 5 bytes of data; it takes 4");
    ikb_resize_body(m, 3, 4 + 3, 0);
    EXPECT(run(m), F(ID_LENGTH, id + 8, 3, 1, 3, 4));
    ikb_resize_body(m, 3, 4 + 8, 0);
    ikb_set_u8(m->bytes, id + 4, 4); /* ID_IPV4_ADDR_SUBNET: 8 bytes, right */
    EXPECT_NONE(run(m));
    ikb_set_u8(m->bytes, id + 4, 5); /* ID_IPV6_ADDR: 16 */
    EXPECT(run(m), F(ID_LENGTH, id + 8, 8, 5, 8, 16));
    ikb_msg_free(m);
}

/* NAT-OA carries only IPv4 or IPv6 addresses. */
static void test_nat_oa_id(void)
{
    ikb_msg *m = ikb_canned_natoa();
    const size_t oa = m->offset[3];
    ikb_set_u8(m->bytes, oa + 4, 2); /* ID_FQDN */
    EXPECT(run(m), F(ID_TYPE, oa + 4, 1, 2));
    ikb_msg_free(m);

    m = ikb_canned_natoa();
    ikb_resize_body(m, 3, 4 + 16, 0); /* ID_IPV4_ADDR with 16 bytes */
    EXPECT(run(m), F(ID_LENGTH, oa + 8, 16, 1, 16, 4));
    ikb_set_u8(m->bytes, oa + 4, 5); /* now an IPv6 NAT-OA: right */
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

/* --- Mode-config ---------------------------------------------------------------------------------- */

/* APPLICATION_VERSION (at 72, 13 bytes to the payload's end) says 10 bytes. */
static void test_mode_config_attribute_overrun(void)
{
    ikb_msg *m = ikb_canned_modecfg();
    const size_t app_version = m->offset[1] + 8 + 12;
    g_assert_cmpuint(ikb_get_u16(m->bytes, app_version), ==, 7);
    ikb_set_u16(m->bytes, app_version + 2, 10);
    EXPECT(run(m), F(ATTRIBUTE_OVERRUN, app_version, 13, 7, 14, 13));
    ikb_set_u16(m->bytes, app_version + 2, 9); /* exactly to the end: the TV after it is swallowed */
    EXPECT_NONE(run(m));
    ikb_msg_free(m);
}

/* --- Many findings ---------------------------------------------------------------------------------- */

/* MM2 with 41 vendor IDs, each with its reserved byte set: 32 findings are
 * kept, 9 dropped. */
static void test_findings_dropped(void)
{
    static const uint8_t vid[16] = { 0x12, 0xf5, 0xf2, 0x8c, 0x45, 0x71, 0x68, 0xa9,
                                     0x70, 0x2d, 0x9f, 0xe2, 0x74, 0xcc, 0x01, 0x00 }; /* Cisco Unity */
    ikb_msg *m = ikb_canned_mm2();
    for (int i = 0; i < 40; i++)
        ikb_add(m, IKD_PL_VID, vid, sizeof vid);
    ikb_finish(m);
    for (size_t i = 1; i < m->count; i++)
        ikb_set_u8(m->bytes, m->offset[i] + 1, 1);
    ikd_message *msg = run(m);
    g_assert_cmpuint(msg->findings.count, ==, IKD_MAX_FINDINGS);
    g_assert_cmpuint(msg->findings.dropped, ==, 41 - IKD_MAX_FINDINGS);
    for (uint32_t i = 0; i < IKD_MAX_FINDINGS; i++) {
        const ikd_finding *f = &msg->findings.items[i];
        g_assert_cmpuint(f->id, ==, IKD_F_RESERVED_NOT_ZERO);
        g_assert_cmpuint(f->offset, ==, m->offset[i + 1] + 1);
        g_assert_cmpuint(f->length, ==, 1);
        g_assert_cmpuint(f->arg[0], ==, IKD_PL_VID);
    }
    ikb_msg_free(m);
}

/* --- Robustness ---------------------------------------------------------------------------------------- */

/* Every datagram length 0..len, every snap length 0..len, on every transport:
 * no crash, findings inside the captured bytes (run_ex checks). */
static void test_robust_truncate(gconstpointer data)
{
    const ikb_canned *c = data;
    ikb_msg *m = c->build();
    const size_t len = m->bytes->len;
    for (int t = IKD_TRANSPORT_UDP; t <= IKD_TRANSPORT_REASSEMBLED; t++) {
        for (size_t n = 0; n <= len; n++) {
            run_ex(m, n, n, (ikd_transport)t);
            g_assert_false(last.capture_truncated);
            run_ex(m, n, len, (ikd_transport)t);
            g_assert_true(last.capture_truncated == (n < len));
            if (g_test_failed()) {
                g_test_message("transport %d, %zu of %zu bytes", t, n, len);
                goto out;
            }
        }
    }
out:
    ikb_msg_free(m);
}

/* Every single byte inverted, on every transport. */
static void test_robust_mutate(gconstpointer data)
{
    const ikb_canned *c = data;
    ikb_msg *m = c->build();
    const size_t len = m->bytes->len;
    for (size_t i = 0; i < len; i++) {
        m->bytes->data[i] ^= 0xff;
        for (int t = IKD_TRANSPORT_UDP; t <= IKD_TRANSPORT_REASSEMBLED; t++)
            run_ex(m, len, len, (ikd_transport)t);
        run_ex(m, len / 2, len, IKD_TRANSPORT_UDP);
        m->bytes->data[i] ^= 0xff;
        if (g_test_failed()) {
            g_test_message("byte %zu inverted", i);
            break;
        }
    }
    EXPECT_NONE(run(m)); /* restored */
    ikb_msg_free(m);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    /* A failed expectation fails its test and the others still run. */
    g_test_set_nonfatal_assertions();

    for (size_t i = 0; i < ikb_canned_valid_count; i++) {
        const ikb_canned *c = &ikb_canned_valid[i];
        char *path = g_strdup_printf("/message/valid/%s", c->name);
        g_test_add_data_func(path, c, test_valid);
        g_free(path);
    }
    g_test_add_func("/message/layout/mm1", test_layout_mm1);
    g_test_add_func("/message/layout/encrypted", test_layout_encrypted);
    g_test_add_func("/message/layout/canonical_types", test_layout_canonical_types);
    g_test_add_func("/message/layout/payload_limit", test_layout_payload_limit);

    g_test_add_func("/message/header/short", test_header_short);
    g_test_add_func("/message/header/capture_truncated", test_header_capture_truncated);
    g_test_add_func("/message/header/null_bytes", test_header_null_bytes);
    g_test_add_func("/message/header/capture_truncated_body", test_header_capture_truncated_body);
    g_test_add_func("/message/header/capture_truncated_fields", test_header_capture_truncated_fields);
    g_test_add_func("/message/header/cut_payload_fields", test_cut_payload_fields);
    g_test_add_func("/message/header/capture_truncated_suppresses_overrun",
                    test_header_capture_truncated_suppresses_overrun);
    g_test_add_func("/message/header/capture_cut_after_message", test_header_capture_cut_after_message);
    g_test_add_func("/message/header/length_below_header", test_header_length_below_header);
    g_test_add_func("/message/header/length_below_header_no_payload", test_header_length_below_header_no_payload);
    g_test_add_func("/message/header/length_exceeds_datagram", test_header_length_exceeds_datagram);
    g_test_add_func("/message/header/length_exceeds_datagram_cut", test_header_length_exceeds_datagram_cut);
    g_test_add_func("/message/header/datagram_exceeds_length", test_header_datagram_exceeds_length);
    g_test_add_func("/message/header/tcp_skips_datagram_length", test_header_tcp_skips_datagram_length);
    g_test_add_func("/message/header/tcp_partial_message", test_header_tcp_partial_message);
    g_test_add_func("/message/header/major_version", test_header_major_version);
    g_test_add_func("/message/header/minor_version", test_header_minor_version);
    g_test_add_func("/message/header/exchange_type", test_header_exchange_type);
    g_test_add_func("/message/header/private_exchange", test_header_private_exchange);
    g_test_add_func("/message/header/flags", test_header_flags);
    g_test_add_func("/message/header/icookie_zero", test_header_icookie_zero);

    g_test_add_func("/message/ikev2/no_ikev1_findings", test_ikev2_no_ikev1_findings);
    g_test_add_func("/message/ikev2/length_checked", test_ikev2_length_checked);

    g_test_add_func("/message/rcookie_zero/mm3", test_rcookie_zero_mm3);
    g_test_add_func("/message/rcookie_zero/quick_mode", test_rcookie_zero_qm);
    g_test_add_func("/message/rcookie_zero/mm5_encrypted", test_rcookie_zero_encrypted_mm5);
    g_test_add_func("/message/rcookie_zero/am2", test_rcookie_zero_am2);
    g_test_add_func("/message/rcookie_zero/mode_config", test_rcookie_zero_mode_config);
    g_test_add_func("/message/rcookie_zero/informational_ok", test_rcookie_zero_info_ok);
    g_test_add_func("/message/rcookie_in_first/mm1", test_rcookie_set_mm1);
    g_test_add_func("/message/rcookie_in_first/am1", test_rcookie_set_am1);

    g_test_add_func("/message/message_id/phase1_nonzero", test_message_id_phase1);
    g_test_add_func("/message/message_id/quick_mode_zero", test_message_id_quick_zero);
    g_test_add_func("/message/message_id/transaction_zero", test_message_id_transaction_zero);
    g_test_add_func("/message/message_id/encrypted_informational_zero",
                    test_message_id_encrypted_informational_zero);
    g_test_add_func("/message/message_id/clear_informational_zero_ok",
                    test_message_id_clear_informational_zero_ok);
    g_test_add_func("/message/encrypted_length", test_encrypted_length);

    g_test_add_func("/message/chain/length_below_4", test_chain_length_below_4);
    g_test_add_func("/message/chain/length_below_minimum", test_chain_length_below_minimum);
    g_test_add_func("/message/chain/overrun", test_chain_overrun);
    g_test_add_func("/message/chain/cut", test_chain_cut);
    g_test_add_func("/message/chain/cut_partial_header", test_chain_cut_partial_header);
    g_test_add_func("/message/chain/trailing_bytes", test_chain_trailing_bytes);
    g_test_add_func("/message/chain/unknown_payload", test_chain_unknown_payload);
    g_test_add_func("/message/chain/unknown_private_payload", test_chain_unknown_private_payload);
    g_test_add_func("/message/chain/known_private_payloads", test_chain_known_private_payloads);
    g_test_add_func("/message/chain/misplaced_proposal", test_chain_misplaced_proposal);
    g_test_add_func("/message/chain/misplaced_transform", test_chain_misplaced_transform);

    g_test_add_func("/message/reserved_not_zero/id_payload", test_reserved_id_payload);
    g_test_add_func("/message/reserved_not_zero/sa_payload", test_reserved_sa_payload);
    g_test_add_func("/message/reserved_not_zero/proposal", test_reserved_proposal);
    g_test_add_func("/message/reserved_not_zero/transform", test_reserved_transform);
    g_test_add_func("/message/reserved_not_zero/transform_reserved2", test_reserved_transform_reserved2);
    g_test_add_func("/message/reserved_not_zero/nat_oa", test_reserved_nat_oa);
    g_test_add_func("/message/reserved_not_zero/mode_config", test_reserved_mode_config);
    g_test_add_func("/message/reserved_not_zero/several", test_reserved_several);

    g_test_add_func("/message/sa/doi", test_sa_doi);
    g_test_add_func("/message/sa/doi_gdoi_silent", test_sa_doi_gdoi_silent);
    g_test_add_func("/message/sa/situation", test_sa_situation);
    g_test_add_func("/message/sa/chain_proposal_next", test_sa_chain_proposal_next);
    g_test_add_func("/message/sa/chain_transform_next", test_sa_chain_transform_next);
    g_test_add_func("/message/sa/chain_cut", test_sa_chain_cut);
    g_test_add_func("/message/sa/trailing", test_sa_trailing);
    g_test_add_func("/message/sa/trailing_in_proposal", test_sa_trailing_in_proposal);
    g_test_add_func("/message/sa/transform_count", test_sa_transform_count);
    g_test_add_func("/message/sa/proposal_numbering", test_sa_proposal_numbering);
    g_test_add_func("/message/sa/transform_numbering", test_sa_transform_numbering);
    g_test_add_func("/message/sa/protocol_id", test_sa_protocol_id);
    g_test_add_func("/message/sa/spi_size_esp", test_sa_spi_size_esp);
    g_test_add_func("/message/sa/spi_size_isakmp", test_sa_spi_size_isakmp);
    g_test_add_func("/message/sa/spi_overruns_proposal", test_sa_spi_overruns_proposal);
    g_test_add_func("/message/sa/transform_id", test_sa_transform_id);
    g_test_add_func("/message/sa/attribute_overrun_tlv", test_sa_attribute_overrun_tlv);
    g_test_add_func("/message/sa/attribute_overrun_short_tail", test_sa_attribute_overrun_short_tail);
    g_test_add_func("/message/sa/proposal_too_short", test_sa_proposal_too_short);
    g_test_add_func("/message/sa/transform_overrun", test_sa_transform_overrun);

    g_test_add_func("/message/notify/spi_too_big", test_notify_spi_too_big);
    g_test_add_func("/message/notify/spi_size_esp", test_notify_spi_size_esp);
    g_test_add_func("/message/notify/protocol_and_doi", test_notify_protocol_and_doi);
    g_test_add_func("/message/delete/length_mismatch", test_delete_length_mismatch);
    g_test_add_func("/message/delete/spi_size", test_delete_spi_size);
    g_test_add_func("/message/delete/protocol_and_doi", test_delete_protocol_and_doi);
    g_test_add_func("/message/nonce/length", test_nonce_length);
    g_test_add_func("/message/nonce/length_limits_ok", test_nonce_length_limits_ok);
    g_test_add_func("/message/id/type", test_id_type);
    g_test_add_func("/message/id/length", test_id_length);
    g_test_add_func("/message/nat_oa/id", test_nat_oa_id);
    g_test_add_func("/message/mode_config/attribute_overrun", test_mode_config_attribute_overrun);
    g_test_add_func("/message/findings_dropped", test_findings_dropped);

    for (size_t i = 0; i < ikb_canned_valid_count; i++) {
        const ikb_canned *c = &ikb_canned_valid[i];
        char *path = g_strdup_printf("/message/robustness/truncate/%s", c->name);
        g_test_add_data_func(path, c, test_robust_truncate);
        g_free(path);
        path = g_strdup_printf("/message/robustness/mutate/%s", c->name);
        g_test_add_data_func(path, c, test_robust_mutate);
        g_free(path);
    }
    return g_test_run();
}
