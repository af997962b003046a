/* ikediag unit tests - Dead Peer Detection and NAT-T keepalives: an
 * R-U-THERE-ACK linked to its R-U-THERE by sequence number, R-U-THEREs never
 * acknowledged, the "peer dead (DPD)" verdict and how it ends (still probing,
 * the SA deleted, the sender silent), a capture too short to tell, nothing
 * claimed without keys, and keepalives counted on the SA between their two
 * NAT-T ends (and on nothing else). Packets are fed as the plugin feeds them.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "engine.h"
#include "ikev1/dpd.h"
#include "ikev1_builder.h"
#include "report/analysis_text.h"
#include "report/cisco_text.h"
#include "report/finding_text.h"

#include <glib.h>
#include <string.h>

enum { EX_MAIN = 2, EX_INFO = 5, PL_ID = 5, PL_HASH = 8, PL_NOTIFY = 11, PL_DELETE = 12 };

static const endpoint ini_nat = { { 4, { 192, 0, 2, 10 } }, 1025 };
static const endpoint resp_nat = { { 4, { 192, 0, 2, 1 } }, 4500 };
static const endpoint other_nat = { { 4, { 198, 51, 100, 20 } }, 1025 };

typedef struct {
    ikd_engine *e;
    GPtrArray *msgs; /* ikb_msg*, freed with the test */
    uint32_t frame;
} lab;

static lab lab_new(void)
{
    lab l = { ikd_engine_new(), g_ptr_array_new_with_free_func((GDestroyNotify)ikb_msg_free), 0 };
    return l;
}

static void lab_free(lab *l)
{
    ikd_engine_free(l->e);
    g_ptr_array_free(l->msgs, TRUE);
}

static ikb_msg *keep(lab *l, ikb_msg *m)
{
    g_ptr_array_add(l->msgs, m);
    return m;
}

/* Feeds m (and what Wireshark decrypted of it, plain's payloads) as the next frame. */
static void feed(lab *l, const ikb_msg *m, const ikb_msg *plain, const endpoint *src, const endpoint *dst,
                 double time, ikd_annotation *ann)
{
    bool nat_t = src->port == 4500 || dst->port == 4500;
    ikd_packet p = { .frame = ++l->frame, .time = time, .src = src->addr, .dst = dst->addr,
                     .src_port = src->port, .dst_port = dst->port,
                     .transport = nat_t ? IKD_TRANSPORT_UDP_ENCAP : IKD_TRANSPORT_UDP, .bytes = m->bytes->data,
                     .captured_len = m->bytes->len, .reported_len = m->bytes->len };
    if (plain) {
        p.decrypted = plain->bytes->data + 28;
        p.decrypted_len = plain->bytes->len - 28;
    }
    ikd_engine_feed(l->e, &p, ann);
}

static void feed_quietly(lab *l, const ikb_msg *m, const ikb_msg *plain, const endpoint *src, const endpoint *dst,
                         double time)
{
    ikd_annotation ann;
    feed(l, m, plain, src, dst, time, &ann);
    ikd_annotation_clear(&ann);
}

/* A NAT-T keepalive: UDP 4500, the one byte 0xFF. */
static ikd_annotation keepalive(lab *l, const endpoint *src, const endpoint *dst, double time)
{
    static const uint8_t ff = 0xff;
    ikd_packet p = { .frame = ++l->frame, .time = time, .src = src->addr, .dst = dst->addr, .src_port = src->port,
                     .dst_port = dst->port, .transport = IKD_TRANSPORT_NAT_KEEPALIVE, .bytes = &ff,
                     .captured_len = 1, .reported_len = 1 };
    ikd_annotation ann;
    ikd_engine_feed(l->e, &p, &ann);
    return ann;
}

/* MM1..MM6 at t = 0..0.15; MM5 and MM6 between i5 and r5 (UDP 4500 after a NAT). */
static void establish(lab *l, const endpoint *i, const endpoint *r, const endpoint *i5, const endpoint *r5)
{
    static const uint8_t zero[8] = { 0 };
    uint8_t hashes[40];
    memset(hashes, 0x5d, sizeof hashes);
    const uint8_t *ic = ikb_icookie, *rc = ikb_rcookie;
    feed_quietly(l, keep(l, ikb_with_cookies(ikb_canned_mm1(), ic, zero)), NULL, i, r, 0.0);
    feed_quietly(l, keep(l, ikb_with_cookies(ikb_canned_mm2(), ic, rc)), NULL, r, i, 0.01);
    feed_quietly(l, keep(l, ikb_mm_ke_natd(ic, rc, hashes, 20, 2, 0x31)), NULL, i, r, 0.05);
    feed_quietly(l, keep(l, ikb_mm_ke_natd(ic, rc, hashes, 20, 2, 0x3c)), NULL, r, i, 0.1);
    feed_quietly(l, keep(l, ikb_encrypted(ic, rc, EX_MAIN, 0, PL_ID, 64, 0xa5)), NULL, i5, r5, 0.13);
    feed_quietly(l, keep(l, ikb_encrypted(ic, rc, EX_MAIN, 0, PL_ID, 64, 0x5a)), NULL, r5, i5, 0.15);
    g_assert_true(ikd_sa_established(ikd_engine_sa_peek(l->e, 1001)));
}

/* An encrypted informational as it travels (its message ID from the sequence number). */
static const ikb_msg *wire_info(lab *l, uint32_t message_id)
{
    return keep(l, ikb_encrypted(ikb_icookie, ikb_rcookie, EX_INFO, message_id, PL_HASH, 48, (uint8_t)message_id));
}

/* What Wireshark decrypted of a DPD informational: HASH, then N(type) with
 * the cookie pair as its SPI and the sequence number as its data. */
static const ikb_msg *plain_dpd(lab *l, uint16_t type, uint32_t seq)
{
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_rcookie, EX_INFO, 0, 0);
    GByteArray *b = g_byte_array_new();
    ikb_fill(b, 0x48, 20);
    ikb_add(m, PL_HASH, b->data, b->len);
    g_byte_array_set_size(b, 0);
    ikb_u32(b, 1); /* DOI IPsec */
    ikb_u8(b, 1);  /* protocol ISAKMP */
    ikb_u8(b, 16);
    ikb_u16(b, type);
    ikb_bytes(b, ikb_icookie, 8);
    ikb_bytes(b, ikb_rcookie, 8);
    ikb_u32(b, seq);
    ikb_add(m, PL_NOTIFY, b->data, b->len);
    g_byte_array_unref(b);
    ikb_finish(m);
    return keep(l, m);
}

/* What Wireshark decrypted of a delete of the ISAKMP SA. */
static const ikb_msg *plain_isakmp_delete(lab *l)
{
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_rcookie, EX_INFO, 0, 0);
    GByteArray *b = g_byte_array_new();
    ikb_fill(b, 0x48, 20);
    ikb_add(m, PL_HASH, b->data, b->len);
    g_byte_array_set_size(b, 0);
    ikb_u32(b, 1);
    ikb_u8(b, 1);
    ikb_u8(b, 16);
    ikb_u16(b, 1);
    ikb_bytes(b, ikb_icookie, 8);
    ikb_bytes(b, ikb_rcookie, 8);
    ikb_add(m, PL_DELETE, b->data, b->len);
    g_byte_array_unref(b);
    ikb_finish(m);
    return keep(l, m);
}

/* One DPD message (R-U-THERE or ACK) from src to dst; its annotation. */
static ikd_annotation dpd(lab *l, uint16_t type, uint32_t seq, const endpoint *src, const endpoint *dst, double time)
{
    ikd_annotation ann;
    /* A new message ID each time, as for every informational. */
    feed(l, wire_info(l, seq ^ type ^ (l->frame + 1) << 20), plain_dpd(l, type, seq), src, dst, time, &ann);
    return ann;
}

static const uint32_t SEQ = 0x5a3e0001;

static void expect_text(const ikd_finding *f, const char *expected)
{
    char text[512];
    ikd_finding_render(ikd_finding_lookup((ikd_finding_id)f->id)->detail, f, text, sizeof text);
    g_assert_cmpstr(text, ==, expected);
}

/* What is attached to a frame at the end of the capture. */
static ikd_finding_list verdicts_of(lab *l, uint32_t frame)
{
    ikd_finding_list list;
    ikd_engine_verdicts(l->e, frame, 0, &list);
    return list;
}

static const char *dpd_text(lab *l)
{
    static char buf[24];
    return ikd_sa_dpd_text(ikd_engine_sa_by_conn_id(l->e, 1001), buf, sizeof buf);
}

static void test_ack_matching(void)
{
    lab l = lab_new();
    establish(&l, &ini, &resp, &ini, &resp);
    ikd_annotation probe = dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ, &ini, &resp, 10.0);
    g_assert_cmpuint(probe.result.conn_id, ==, 1001);
    g_assert_cmpint(probe.result.step, ==, IKD_STEP_INFO);
    g_assert_cmpint(probe.result.dpd, ==, IKD_DPD_R_U_THERE);
    g_assert_cmphex(probe.result.dpd_seq, ==, SEQ);
    g_assert_cmpuint(probe.result.response_to, ==, 0);
    g_assert_cmpuint(probe.findings.count, ==, 0);
    /* An ACK of another number answers nothing. */
    ikd_annotation stray = dpd(&l, IKD_NOTIFY_R_U_THERE_ACK, SEQ + 7, &resp, &ini, 10.005);
    g_assert_cmpint(stray.result.dpd, ==, IKD_DPD_R_U_THERE_ACK);
    g_assert_cmpuint(stray.result.response_to, ==, 0);
    ikd_annotation ack = dpd(&l, IKD_NOTIFY_R_U_THERE_ACK, SEQ, &resp, &ini, 10.01);
    g_assert_cmpint(ack.result.dpd, ==, IKD_DPD_R_U_THERE_ACK);
    g_assert_cmphex(ack.result.dpd_seq, ==, SEQ);
    g_assert_cmpint(ack.result.sender, ==, IKD_ROLE_RESPONDER);
    g_assert_cmpuint(ack.result.response_to, ==, 7);
    g_assert_cmpfloat_with_epsilon(ack.result.since_request, 0.01, 1e-9);
    g_assert_cmpuint(ikd_engine_response_in(l.e, 7, 0), ==, 9);
    g_assert_cmpuint(ikd_engine_response_in(l.e, 8, 0), ==, 0);
    const ikd_sa *sa = ikd_engine_sa_by_conn_id(l.e, 1001);
    g_assert_cmpuint(ikd_sa_extra_const(sa)->dpd_sent, ==, 1);
    g_assert_cmpuint(ikd_sa_extra_const(sa)->dpd_acked, ==, 1);
    g_assert_cmpstr(dpd_text(&l), ==, "1/1");
    g_assert_null(sa->verdict);
    g_assert_cmpuint(verdicts_of(&l, 7).count, ==, 0);
    lab_free(&l);
}

/* One probe lost, the next acknowledged: a finding on the lost one, no verdict. */
static void test_unanswered_then_acknowledged(void)
{
    lab l = lab_new();
    establish(&l, &ini, &resp, &ini, &resp);
    dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ, &ini, &resp, 10.0);
    dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ + 1, &ini, &resp, 15.0);
    ikd_annotation ack = dpd(&l, IKD_NOTIFY_R_U_THERE_ACK, SEQ + 1, &resp, &ini, 15.02);
    g_assert_cmpuint(ack.result.response_to, ==, 8);
    ikd_finding_list lost = verdicts_of(&l, 7);
    g_assert_cmpuint(lost.count, ==, 1);
    g_assert_cmpuint(lost.items[0].id, ==, IKD_F_DPD_UNANSWERED);
    expect_text(&lost.items[0], "R-U-THERE seq 0x5a3e0001 from the initiator never acknowledged: no R-U-THERE-ACK in "
                                "the 5.0 s the capture ran on after it");
    g_assert_cmpuint(verdicts_of(&l, 8).count, ==, 0);
    g_assert_cmpuint(verdicts_of(&l, 9).count, ==, 0);
    g_assert_cmpstr(dpd_text(&l), ==, "1/2");
    g_assert_null(ikd_engine_sa_by_conn_id(l.e, 1001)->verdict);
    lab_free(&l);
}

/* strongSwan sends an unacknowledged number again in a new R-U-THERE: the
 * ACK answers the newest, the ones before it went unanswered. */
static void test_retries_share_a_number(void)
{
    lab l = lab_new();
    establish(&l, &ini, &resp, &ini, &resp);
    for (int k = 0; k < 3; k++) /* frames 7, 8, 9 */
        dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ, &ini, &resp, 10.0 + 3 * k);
    ikd_annotation ack = dpd(&l, IKD_NOTIFY_R_U_THERE_ACK, SEQ, &resp, &ini, 16.01);
    g_assert_cmpuint(ack.result.response_to, ==, 9);
    g_assert_cmpuint(ikd_engine_response_in(l.e, 7, 0), ==, 0);
    g_assert_cmpuint(ikd_engine_response_in(l.e, 9, 0), ==, 10);
    ikd_finding_list first = verdicts_of(&l, 7);
    g_assert_cmpuint(first.count, ==, 1);
    expect_text(&first.items[0], "R-U-THERE seq 0x5a3e0001 from the initiator never acknowledged: no R-U-THERE-ACK "
                                 "in the 6.0 s the capture ran on after it");
    g_assert_cmpuint(verdicts_of(&l, 8).count, ==, 1);
    g_assert_cmpuint(verdicts_of(&l, 9).count, ==, 0);
    g_assert_cmpuint(verdicts_of(&l, 10).count, ==, 0);
    g_assert_cmpstr(dpd_text(&l), ==, "1/3");
    g_assert_null(ikd_engine_sa_by_conn_id(l.e, 1001)->verdict);
    lab_free(&l);
}

/* A long-lived SA's probes, both ways, past the 16 from which they are found
 * through a table: the same answers as walking them. Retries of one number
 * are answered newest first, an ACK sent again names the probe it answered
 * before, and an unreadable informational may answer the latest probe. */
static void test_many_probes(void)
{
    lab l = lab_new();
    establish(&l, &ini, &resp, &ini, &resp);
    double t = 10.0;
    for (uint32_t k = 0; k < 10; k++, t += 10) { /* frames 7 to 46 */
        uint32_t probe = l.frame + 1;
        dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ + k, &ini, &resp, t);
        g_assert_cmpuint(dpd(&l, IKD_NOTIFY_R_U_THERE_ACK, SEQ + k, &resp, &ini, t + 0.01).result.response_to, ==,
                         probe);
        probe = l.frame + 1;
        dpd(&l, IKD_NOTIFY_R_U_THERE, 0x100 + k, &resp, &ini, t + 5);
        g_assert_cmpuint(dpd(&l, IKD_NOTIFY_R_U_THERE_ACK, 0x100 + k, &ini, &resp, t + 5.01).result.response_to, ==,
                         probe);
    }
    for (int k = 0; k < 3; k++) /* frames 47, 48, 49 */
        dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ + 50, &ini, &resp, t + 3 * k);
    g_assert_cmpuint(dpd(&l, IKD_NOTIFY_R_U_THERE_ACK, SEQ + 50, &resp, &ini, t + 6.01).result.response_to, ==, 49);
    g_assert_cmpuint(dpd(&l, IKD_NOTIFY_R_U_THERE_ACK, SEQ + 50, &resp, &ini, t + 6.02).result.response_to, ==, 48);
    /* The initiator's ACK of the responder's last number (frame 45), again. */
    g_assert_cmpuint(dpd(&l, IKD_NOTIFY_R_U_THERE_ACK, 0x109, &ini, &resp, t + 7).result.response_to, ==, 45);
    dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ + 60, &ini, &resp, t + 10); /* frame 53 */
    feed_quietly(&l, wire_info(&l, 0x7000), NULL, &resp, &ini, t + 10.01);
    ikd_engine_note_frame(l.e, 55, t + 100);
    const ikd_sa *sa = ikd_engine_sa_by_conn_id(l.e, 1001);
    g_assert_cmpuint(ikd_sa_extra_const(sa)->dpd_sent, ==, 24);
    g_assert_cmpuint(ikd_sa_extra_const(sa)->dpd_acked, ==, 22);
    ikd_finding_list lost = verdicts_of(&l, 47);
    g_assert_cmpuint(lost.count, ==, 1);
    g_assert_cmpuint(lost.items[0].id, ==, IKD_F_DPD_UNANSWERED);
    g_assert_cmpuint(verdicts_of(&l, 48).count, ==, 0);
    g_assert_cmpuint(verdicts_of(&l, 53).count, ==, 0); /* maybe answered by frame 54 */
    g_assert_null(sa->verdict);
    lab_free(&l);
}

/* Three in a row, still probing when the capture stops. */
static void test_peer_dead_still_probing(void)
{
    lab l = lab_new();
    establish(&l, &ini, &resp, &ini, &resp);
    dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ, &ini, &resp, 10.0);
    dpd(&l, IKD_NOTIFY_R_U_THERE_ACK, SEQ, &resp, &ini, 10.01);
    for (uint32_t k = 1; k <= 3; k++) /* frames 9, 10, 11: one number, as strongSwan retries */
        dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ + 1, &ini, &resp, 10.0 + 3 * k);
    ikd_engine_note_frame(l.e, 12, 21.5);
    for (uint32_t frame = 9; frame <= 11; frame++) {
        ikd_finding_list f = verdicts_of(&l, frame);
        g_assert_cmpuint(f.count, ==, frame == 11 ? 2 : 1);
        g_assert_cmpuint(f.items[0].id, ==, IKD_F_DPD_UNANSWERED);
    }
    ikd_finding_list last = verdicts_of(&l, 11);
    g_assert_cmpuint(last.items[1].id, ==, IKD_F_STUCK_PEER_DEAD);
    expect_text(&last.items[1], "SA 1001: 3 DPD R-U-THERE from the initiator unanswered over 6.0 s, still unanswered "
                                "when the capture stops — peer dead (DPD): the peer rebooted, lost its SA, or the "
                                "path is down");
    const ikd_sa *sa = ikd_engine_sa_by_conn_id(l.e, 1001);
    g_assert_nonnull(sa->verdict);
    g_assert_cmpint(sa->verdict_evidence, ==, IKD_EVIDENCE_STRONG);
    g_assert_cmpstr(dpd_text(&l), ==, "1/4");
    g_assert_cmpuint(ikd_engine_response_in(l.e, 9, 0), ==, 0);
    lab_free(&l);
}

/* One unanswered, then the prober deletes the SA. */
static void test_peer_dead_deleted(void)
{
    lab l = lab_new();
    establish(&l, &ini, &resp, &ini, &resp);
    dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ, &ini, &resp, 10.0);
    feed_quietly(&l, wire_info(&l, 0x0de1e7e0), plain_isakmp_delete(&l), &ini, &resp, 22.0);
    ikd_finding_list last = verdicts_of(&l, 8);
    g_assert_cmpuint(last.count, ==, 1);
    expect_text(&last.items[0], "SA 1001: 1 DPD R-U-THERE from the initiator unanswered over 12.0 s, then the SA was "
                                "deleted — peer dead (DPD): the peer rebooted, lost its SA, or the path is down");
    g_assert_cmpuint(verdicts_of(&l, 7).items[0].id, ==, IKD_F_DPD_UNANSWERED);
    g_assert_cmpstr(ikd_sa_status(ikd_engine_sa_by_conn_id(l.e, 1001)), ==, "ACTIVE (deleted)");
    lab_free(&l);
}

/* Two unanswered, then nothing more from the prober on this SA (its
 * keepalives do not count) while the capture runs on. */
static void test_peer_dead_silent(void)
{
    lab l = lab_new();
    establish(&l, &ini, &resp, &ini_nat, &resp_nat);
    dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ, &ini_nat, &resp_nat, 10.0);
    dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ + 1, &ini_nat, &resp_nat, 15.0);
    ikd_annotation ka = keepalive(&l, &ini_nat, &resp_nat, 17.0);
    g_assert_cmpuint(ka.result.conn_id, ==, 1001);
    ikd_engine_note_frame(l.e, 10, 26.0);
    ikd_finding_list last = verdicts_of(&l, 8);
    g_assert_cmpuint(last.count, ==, 2);
    expect_text(&last.items[1], "SA 1001: 2 DPD R-U-THERE from the initiator unanswered over 5.0 s, then the sender "
                                "went silent — peer dead (DPD): the peer rebooted, lost its SA, or the path is down");
    lab_free(&l);
}

/* Silence too short to mean anything: two probes, 5 s apart, 9 s of capture after. */
static void test_two_unanswered_not_yet_silent(void)
{
    lab l = lab_new();
    establish(&l, &ini, &resp, &ini, &resp);
    dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ, &ini, &resp, 10.0);
    dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ + 1, &ini, &resp, 15.0);
    ikd_engine_note_frame(l.e, 9, 24.0);
    ikd_finding_list last = verdicts_of(&l, 8);
    g_assert_cmpuint(last.count, ==, 2);
    g_assert_cmpuint(last.items[0].id, ==, IKD_F_DPD_UNANSWERED);
    g_assert_cmpuint(last.items[1].id, ==, IKD_F_CAPTURE_TOO_SHORT);
    lab_free(&l);
}

/* One probe, the capture stops 0.5 s later: too short, said so. */
static void test_capture_too_short(void)
{
    lab l = lab_new();
    establish(&l, &ini, &resp, &ini, &resp);
    dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ, &ini, &resp, 10.0);
    ikd_engine_note_frame(l.e, 8, 10.5);
    ikd_finding_list last = verdicts_of(&l, 7);
    g_assert_cmpuint(last.count, ==, 1);
    expect_text(&last.items[0], "SA 1001 is in QM_IDLE when the capture stops, 0.5 s after INFO (1 copy): too short "
                                "to tell a lost or refused message from an answer still on its way");
    const ikd_sa *sa = ikd_engine_sa_by_conn_id(l.e, 1001);
    g_assert_cmpint(sa->verdict_evidence, ==, IKD_EVIDENCE_WEAK);
    lab_free(&l);
}

/* The peer answered with an informational Wireshark could not read: maybe the ACK. */
static void test_unreadable_answer(void)
{
    lab l = lab_new();
    establish(&l, &ini, &resp, &ini, &resp);
    for (uint32_t k = 0; k < 3; k++) {
        dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ + k, &ini, &resp, 10.0 + 5 * k);
        feed_quietly(&l, wire_info(&l, 0x7000 + k), NULL, &resp, &ini, 10.01 + 5 * k);
    }
    ikd_engine_note_frame(l.e, 13, 40.0);
    for (uint32_t frame = 7; frame <= 12; frame++)
        g_assert_cmpuint(verdicts_of(&l, frame).count, ==, 0);
    g_assert_null(ikd_engine_sa_by_conn_id(l.e, 1001)->verdict);
    g_assert_cmpstr(dpd_text(&l), ==, "0/3");
    lab_free(&l);
}

/* Without keys no DPD is claimed: encrypted informationals only. */
static void test_no_keys(void)
{
    lab l = lab_new();
    establish(&l, &ini, &resp, &ini, &resp);
    for (uint32_t k = 0; k < 4; k++) {
        ikd_annotation ann;
        feed(&l, wire_info(&l, 0x100 + k), NULL, &ini, &resp, 10.0 + 5 * k, &ann);
        g_assert_cmpint(ann.result.dpd, ==, IKD_DPD_NONE);
    }
    ikd_engine_note_frame(l.e, 11, 60.0);
    g_assert_cmpstr(dpd_text(&l), ==, "-");
    g_assert_null(ikd_engine_sa_by_conn_id(l.e, 1001)->verdict);
    for (uint32_t frame = 7; frame <= 10; frame++)
        g_assert_cmpuint(verdicts_of(&l, frame).count, ==, 0);
    lab_free(&l);
}

/* A readable informational with no error in it (here the responder's DPD
 * probe) while a quick mode waits for QM2 refused nothing: QM1 stays
 * unanswered (one copy: no verdict), never "phase 2 rejected". */
static void test_probe_is_not_a_phase2_refusal(void)
{
    lab l = lab_new();
    establish(&l, &ini, &resp, &ini, &resp);
    feed_quietly(&l, keep(&l, ikb_encrypted(ikb_icookie, ikb_rcookie, 32, 0x1234, PL_HASH, 96, 0x71)), NULL, &ini,
                 &resp, 1.0);
    dpd(&l, IKD_NOTIFY_R_U_THERE, SEQ, &resp, &ini, 1.5);
    dpd(&l, IKD_NOTIFY_R_U_THERE_ACK, SEQ, &ini, &resp, 1.51);
    ikd_engine_note_frame(l.e, 10, 40.0);
    g_assert_cmpuint(verdicts_of(&l, 7).count, ==, 0);
    g_assert_null(ikd_engine_sa_by_conn_id(l.e, 1001)->verdict);
    lab_free(&l);
}

static void expect_nothing(const ikd_annotation *ann)
{
    g_assert_cmpuint(ann->result.conn_id, ==, 0);
    g_assert_cmpuint(ann->findings.count, ==, 0);
}

static void test_keepalives(void)
{
    lab l = lab_new();
    ikd_annotation before = keepalive(&l, &ini_nat, &resp_nat, 0.0); /* no SA yet */
    expect_nothing(&before);
    l.frame = 1;
    establish(&l, &ini, &resp, &ini_nat, &resp_nat); /* frames 2..7 */
    for (int k = 0; k < 2; k++) {
        ikd_annotation ka = keepalive(&l, &ini_nat, &resp_nat, 20.0 + 20 * k);
        g_assert_cmpuint(ka.result.conn_id, ==, 1001);
        g_assert_cmpint(ka.result.step, ==, IKD_STEP_KEEPALIVE);
        g_assert_cmpint(ka.result.sender, ==, IKD_ROLE_INITIATOR);
        g_assert_cmpint(ka.result.state, ==, IKD_IOS_QM_IDLE);
        g_assert_cmpuint(ka.findings.count, ==, 0);
    }
    /* Another pair of ends, or the SA's ends on UDP 500: not this SA's stream. */
    ikd_annotation other = keepalive(&l, &other_nat, &resp_nat, 45.0);
    expect_nothing(&other);
    ikd_annotation on_500 = keepalive(&l, &ini, &resp, 46.0);
    expect_nothing(&on_500);
    const ikd_sa *sa = ikd_engine_sa_by_conn_id(l.e, 1001);
    g_assert_cmpuint(ikd_sa_extra_const(sa)->nat_keepalives, ==, 2);
    g_assert_cmpuint(sa->messages, ==, 6);
    g_assert_cmpuint(sa->last_frame, ==, 7);
    /* Keepalives are no IKE message: the IKE end of the capture stays at MM6. */
    g_assert_cmpfloat(ikd_engine_last_time(l.e), ==, 0.15);
    GString *table = g_string_new(NULL);
    ikd_text_sa_analysis(l.e, NULL, table);
    g_assert_nonnull(strstr(table->str, " 7    6    0 -            2 0.150 s   ACTIVE "));
    g_string_free(table, TRUE);
    lab_free(&l);
}

/* Keepalives go to the newest SA between their ends (after a re-keying). */
static void test_keepalives_follow_the_newest_sa(void)
{
    lab l = lab_new();
    establish(&l, &ini, &resp, &ini_nat, &resp_nat);
    static const uint8_t zero[8] = { 0 }, ic2[8] = { 0x21, 2, 3, 4, 5, 6, 7, 8 }, rc2[8] = { 0x22, 2, 3, 4, 5, 6, 7, 8 };
    /* A second SA, started on UDP 4500 directly, as a re-authentication is. */
    feed_quietly(&l, keep(&l, ikb_with_cookies(ikb_canned_mm1(), ic2, zero)), NULL, &ini_nat, &resp_nat, 30.0);
    feed_quietly(&l, keep(&l, ikb_with_cookies(ikb_canned_mm2(), ic2, rc2)), NULL, &resp_nat, &ini_nat, 30.01);
    ikd_annotation ka = keepalive(&l, &ini_nat, &resp_nat, 31.0);
    g_assert_cmpuint(ka.result.conn_id, ==, 1002);
    g_assert_cmpuint(ikd_sa_extra_const(ikd_engine_sa_by_conn_id(l.e, 1001))->nat_keepalives, ==, 0);
    g_assert_cmpuint(ikd_sa_extra_const(ikd_engine_sa_by_conn_id(l.e, 1002))->nat_keepalives, ==, 1);
    lab_free(&l);
}

/* The newest SA between the ends is filed for them, but the keepalive goes
 * to an older one when the newest floated only after the keepalive's frame
 * (a capture out of order) or has moved to another NAT port since. */
static void test_keepalives_when_the_newest_does_not_fit(void)
{
    lab l = lab_new();
    establish(&l, &ini, &resp, &ini_nat, &resp_nat); /* frames 1..6; SA 1001 floated at frame 5 */
    static const uint8_t zero[8] = { 0 }, ic2[8] = { 0x21, 2, 3, 4, 5, 6, 7, 8 }, rc2[8] = { 0x22, 2, 3, 4, 5, 6, 7, 8 };
    feed_quietly(&l, keep(&l, ikb_with_cookies(ikb_canned_mm1(), ic2, zero)), NULL, &ini_nat, &resp_nat, 30.0);
    feed_quietly(&l, keep(&l, ikb_with_cookies(ikb_canned_mm2(), ic2, rc2)), NULL, &resp_nat, &ini_nat, 30.01);
    /* Frame 7 is SA 1002's MM1: a keepalive stamped in that frame is 1001's. */
    uint32_t next = l.frame;
    l.frame = 6;
    ikd_annotation early = keepalive(&l, &ini_nat, &resp_nat, 29.0);
    g_assert_cmpuint(early.result.conn_id, ==, 1001);
    l.frame = next;
    /* SA 1002's initiator comes from another NAT port: the old ends are 1001's again. */
    static const endpoint ini_nat2 = { { 4, { 192, 0, 2, 10 } }, 1026 };
    uint8_t hashes[40];
    memset(hashes, 0x5d, sizeof hashes);
    feed_quietly(&l, keep(&l, ikb_mm_ke_natd(ic2, rc2, hashes, 20, 2, 0x31)), NULL, &ini_nat2, &resp_nat, 30.05);
    ikd_annotation old_ends = keepalive(&l, &ini_nat, &resp_nat, 31.0);
    g_assert_cmpuint(old_ends.result.conn_id, ==, 1001);
    ikd_annotation new_ends = keepalive(&l, &ini_nat2, &resp_nat, 32.0);
    g_assert_cmpuint(new_ends.result.conn_id, ==, 1002);
    g_assert_cmpint(new_ends.result.sender, ==, IKD_ROLE_INITIATOR);
    g_assert_cmpuint(ikd_sa_extra_const(ikd_engine_sa_by_conn_id(l.e, 1001))->nat_keepalives, ==, 2);
    g_assert_cmpuint(ikd_sa_extra_const(ikd_engine_sa_by_conn_id(l.e, 1002))->nat_keepalives, ==, 1);
    lab_free(&l);
}

/* The SA's NAT mapping moves to another port and back: keepalives between
 * the ends it left belong to no SA (and stay so: the stale entry goes),
 * those between its new ends to it, and again the old ends once it is back. */
static void test_keepalives_after_the_sa_moved(void)
{
    lab l = lab_new();
    establish(&l, &ini, &resp, &ini_nat, &resp_nat); /* frames 1..6; floated at frame 5 */
    static const endpoint ini_nat2 = { { 4, { 192, 0, 2, 10 } }, 1026 };
    feed_quietly(&l, wire_info(&l, 0x1111), NULL, &ini_nat2, &resp_nat, 10.0);
    for (int k = 0; k < 2; k++) {
        ikd_annotation left = keepalive(&l, &ini_nat, &resp_nat, 20.0 + k);
        expect_nothing(&left);
    }
    ikd_annotation moved = keepalive(&l, &ini_nat2, &resp_nat, 30.0);
    g_assert_cmpuint(moved.result.conn_id, ==, 1001);
    feed_quietly(&l, wire_info(&l, 0x2222), NULL, &ini_nat, &resp_nat, 40.0);
    ikd_annotation back = keepalive(&l, &ini_nat, &resp_nat, 50.0);
    g_assert_cmpuint(back.result.conn_id, ==, 1001);
    ikd_annotation gone = keepalive(&l, &ini_nat2, &resp_nat, 51.0);
    expect_nothing(&gone);
    g_assert_cmpuint(ikd_sa_extra_const(ikd_engine_sa_by_conn_id(l.e, 1001))->nat_keepalives, ==, 2);
    lab_free(&l);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/dpd/ack_matching", test_ack_matching);
    g_test_add_func("/nat_keepalive/after_the_sa_moved", test_keepalives_after_the_sa_moved);
    g_test_add_func("/dpd/unanswered_then_acknowledged", test_unanswered_then_acknowledged);
    g_test_add_func("/dpd/retries_share_a_number", test_retries_share_a_number);
    g_test_add_func("/dpd/many_probes", test_many_probes);
    g_test_add_func("/dpd/peer_dead/still_probing", test_peer_dead_still_probing);
    g_test_add_func("/dpd/peer_dead/deleted", test_peer_dead_deleted);
    g_test_add_func("/dpd/peer_dead/silent", test_peer_dead_silent);
    g_test_add_func("/dpd/two_unanswered_not_yet_silent", test_two_unanswered_not_yet_silent);
    g_test_add_func("/dpd/capture_too_short", test_capture_too_short);
    g_test_add_func("/dpd/probe_is_not_a_phase2_refusal", test_probe_is_not_a_phase2_refusal);
    g_test_add_func("/dpd/unreadable_answer", test_unreadable_answer);
    g_test_add_func("/dpd/no_keys", test_no_keys);
    g_test_add_func("/nat_keepalive/counted_on_its_sa", test_keepalives);
    g_test_add_func("/nat_keepalive/newest_sa", test_keepalives_follow_the_newest_sa);
    g_test_add_func("/nat_keepalive/newest_does_not_fit", test_keepalives_when_the_newest_does_not_fit);
    return g_test_run();
}
