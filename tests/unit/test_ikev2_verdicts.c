/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/ikev2 payloads and verdicts: IKEv2 sequences
 * fed through the engine, encrypted exchanges with their plaintext as
 * Wireshark's decryption would hand it over, and the SA's status, records
 * and end-of-capture verdict asserted exactly. Initiator 192.0.2.10,
 * responder 192.0.2.1. */
#include "engine.h"
#include "ikev2/child_sa.h"
#include "ikev2/ikev2_sa.h"
#include "ikev2_builder.h"

#include <glib.h>
#include <string.h>

typedef struct {
    ikd_engine *engine;
    uint32_t frame;
    ikd_annotation ann;
} run;

static void feed_bytes(run *t, double time, const GByteArray *b, const GByteArray *plain)
{
    static const ikd_address ini_addr = { 4, { 192, 0, 2, 10 } }, resp_addr = { 4, { 192, 0, 2, 1 } };
    bool from_initiator = (b->data[19] & IKD_V2_FLAG_INITIATOR) != 0;
    const ikd_packet p = { .frame = ++t->frame, .time = time, .src = from_initiator ? ini_addr : resp_addr,
                           .dst = from_initiator ? resp_addr : ini_addr, .src_port = 500, .dst_port = 500,
                           .transport = IKD_TRANSPORT_UDP, .bytes = b->data, .captured_len = b->len,
                           .reported_len = b->len, .decrypted = plain ? plain->data : NULL,
                           .decrypted_len = plain ? plain->len : 0 };
    ikd_engine_feed(t->engine, &p, &t->ann);
}

static void feed_clear(run *t, double time, ikv2b_msg *m)
{
    feed_bytes(t, time, m->b, NULL);
    ikv2b_free(m);
}

/* An encrypted message whose plaintext is inner's payload chain: the SK
 * payload names inner's first payload, and the plaintext ends with a
 * zero pad length. */
static void feed_sealed(run *t, double time, ikv2b_msg *inner)
{
    GByteArray *plain;
    ikv2b_msg *outer = ikv2b_seal(inner, 0xee, &plain);
    feed_bytes(t, time, outer->b, plain);
    g_byte_array_free(plain, TRUE);
    ikv2b_free(outer);
}

static void add(ikv2b_msg *m, uint8_t type, GByteArray *body)
{
    ikv2b_add(m, type, body);
    g_byte_array_free(body, TRUE);
}

static GByteArray *auth_body(uint8_t method)
{
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, method);
    ikb_fill(b, 0, 3);
    ikb_fill(b, 0xaa, 32);
    return b;
}

static GByteArray *esp_sa(void)
{
    static const ikv2b_transform esp[] = { { IKD_V2_TT_ENCR, 12, 128 }, { IKD_V2_TT_INTEG, 12, 0 },
                                           { IKD_V2_TT_ESN, 0, 0 } };
    GByteArray *sa = g_byte_array_new();
    ikv2b_proposal(sa, true, 1, IKD_V2_PROTO_ESP, 4, esp, G_N_ELEMENTS(esp));
    return sa;
}

static const uint8_t net_a[4] = { 198, 51, 100, 0 }, net_a_end[4] = { 198, 51, 100, 127 };
static const uint8_t net_b[4] = { 203, 0, 113, 128 }, net_b_end[4] = { 203, 0, 113, 255 };

static void add_child(ikv2b_msg *m)
{
    add(m, IKD_V2_PL_SA, esp_sa());
    add(m, IKD_V2_PL_TSI, ikv2b_ts_ipv4(net_a, net_a_end, 0, 65535));
    add(m, IKD_V2_PL_TSR, ikv2b_ts_ipv4(net_b, net_b_end, 0, 65535));
}

/* IKE_SA_INIT answered, then an IKE_AUTH request with a PSK AUTH and a child. */
static void start(run *t)
{
    feed_clear(t, 0.0, ikv2b_sa_init_request());
    feed_clear(t, 0.01, ikv2b_sa_init_response());
    ikv2b_msg *req = ikv2b_new(IKD_V2_EX_AUTH, IKD_V2_FLAG_INITIATOR, 1, ikv2b_spi_r);
    add(req, IKD_V2_PL_AUTH, auth_body(IKD_V2_AUTH_PSK));
    add_child(req);
    feed_sealed(t, 0.02, req);
}

static const ikd_v2_sa *first_sa(run *t)
{
    return ikd_v2_sa_of_const(ikd_engine_sa(t->engine, 0));
}

static void test_established_with_child(void)
{
    run t = { .engine = ikd_engine_new() };
    start(&t);
    ikv2b_msg *answer = ikv2b_new(IKD_V2_EX_AUTH, IKD_V2_FLAG_RESPONSE, 1, ikv2b_spi_r);
    add(answer, IKD_V2_PL_AUTH, auth_body(IKD_V2_AUTH_PSK));
    add_child(answer);
    feed_sealed(&t, 0.03, answer);
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_READY);
    const ikd_v2_sa *v2 = first_sa(&t);
    g_assert_cmpuint(v2->sa.established_frame, ==, 4);
    g_assert_true(v2->chosen.ike.known);
    g_assert_cmpuint(v2->chosen.ike.encr, ==, 20);
    g_assert_cmpuint(v2->chosen.ike.encr_key_bits, ==, 256);
    g_assert_cmpuint(v2->chosen.ike.dh, ==, 19);
    g_assert_true(v2->nat_detection);
    g_assert_cmpuint(ikd_v2_children_up(v2), ==, 1);
    const ikd_v2_child *c = ikd_v2_child_at(v2, 0);
    g_assert_cmpuint(c->spi[0], ==, 0x5a5a5a5a);
    g_assert_cmpuint(c->spi[1], ==, 0x5a5a5a5a);
    g_assert_cmpuint(c->encryption, ==, 12);
    g_assert_cmpuint(c->ts[0].start[2], ==, 100);
    g_assert_null(v2->sa.verdict);
    ikd_engine_free(t.engine);
}

static void test_psk_refused(void)
{
    run t = { .engine = ikd_engine_new() };
    start(&t);
    ikv2b_msg *answer = ikv2b_new(IKD_V2_EX_AUTH, IKD_V2_FLAG_RESPONSE, 1, ikv2b_spi_r);
    add(answer, IKD_V2_PL_NOTIFY, ikv2b_notify(0, 0, IKD_V2_N_AUTHENTICATION_FAILED, 0));
    feed_sealed(&t, 0.03, answer);
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_DELETE);
    const ikd_v2_sa *v2 = first_sa(&t);
    g_assert_true(v2->sa.verdict);
    g_assert_cmpuint(v2->sa.verdict->id, ==, IKD_F_V2_STUCK_AUTH_FAILED);
    g_assert_cmpuint(v2->sa.verdict->arg[1], ==, IKD_ROLE_RESPONDER);
    g_assert_cmpuint(v2->sa.verdict->arg[2], ==, IKD_ROLE_INITIATOR);
    g_assert_cmpuint(v2->sa.verdict->arg[3], ==, IKD_V2_AUTH_PSK);
    g_assert_cmpint(v2->sa.verdict_evidence, ==, IKD_EVIDENCE_CONCLUSIVE);
    g_assert_cmpuint(v2->sa.established_frame, ==, 0);
    ikd_engine_free(t.engine);
}

static void test_ts_unacceptable(void)
{
    run t = { .engine = ikd_engine_new() };
    start(&t);
    ikv2b_msg *answer = ikv2b_new(IKD_V2_EX_AUTH, IKD_V2_FLAG_RESPONSE, 1, ikv2b_spi_r);
    add(answer, IKD_V2_PL_AUTH, auth_body(IKD_V2_AUTH_PSK));
    add(answer, IKD_V2_PL_NOTIFY, ikv2b_notify(0, 0, IKD_V2_N_TS_UNACCEPTABLE, 0));
    feed_sealed(&t, 0.03, answer);
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_READY);
    const ikd_v2_sa *v2 = first_sa(&t);
    g_assert_cmpuint(ikd_v2_children_up(v2), ==, 0);
    g_assert_cmpuint(v2->sa.verdict->id, ==, IKD_F_V2_CHILD_TS_UNACCEPTABLE);
    char a[64], b[64];
    g_assert_cmpstr(ikd_v2_ts_text(v2->sa.verdict->arg[1], v2->sa.verdict->arg[2], a, sizeof a), ==,
                    "198.51.100.0/25");
    g_assert_cmpstr(ikd_v2_ts_text(v2->sa.verdict->arg[3], v2->sa.verdict->arg[4], b, sizeof b), ==,
                    "203.0.113.128/25");
    ikd_engine_free(t.engine);
}

static GByteArray *mschapv2_failure(void)
{
    static const char text[] = "E=691 R=1 C=00000000000000000000000000000000 V=3 M=bad";
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, 1); /* Request */
    ikb_u8(b, 7);
    ikb_u16(b, (uint16_t)(5 + 4 + sizeof text - 1));
    ikb_u8(b, 26); /* MSCHAPv2 */
    ikb_u8(b, 4);  /* Failure */
    ikb_u8(b, 7);
    ikb_u16(b, (uint16_t)(4 + sizeof text - 1));
    ikb_bytes(b, text, sizeof text - 1);
    return b;
}

/* The responder's MSCHAPv2 failure, then the initiator's INFORMATIONAL
 * AUTHENTICATION_FAILED (captures/ikev2-eap-failure). */
static void test_eap_wrong_password(void)
{
    run t = { .engine = ikd_engine_new() };
    start(&t);
    ikv2b_msg *answer = ikv2b_new(IKD_V2_EX_AUTH, IKD_V2_FLAG_RESPONSE, 1, ikv2b_spi_r);
    add(answer, IKD_V2_PL_EAP, mschapv2_failure());
    feed_sealed(&t, 0.03, answer);
    ikv2b_msg *info = ikv2b_new(IKD_V2_EX_INFORMATIONAL, IKD_V2_FLAG_INITIATOR, 2, ikv2b_spi_r);
    add(info, IKD_V2_PL_NOTIFY, ikv2b_notify(0, 0, IKD_V2_N_AUTHENTICATION_FAILED, 0));
    feed_sealed(&t, 0.04, info);
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_DELETE);
    const ikd_v2_sa *v2 = first_sa(&t);
    g_assert_cmpuint(ikd_v2_ra_seen(v2)->eap.rounds, ==, 1);
    g_assert_cmpuint(ikd_v2_ra_seen(v2)->eap.mschapv2_error, ==, 691);
    g_assert_cmpuint(v2->sa.verdict->id, ==, IKD_F_V2_STUCK_EAP_WRONG_PASSWORD);
    g_assert_cmpint(v2->sa.verdict_evidence, ==, IKD_EVIDENCE_CONCLUSIVE);
    ikd_engine_free(t.engine);
}

/* Resent: a verdict; one copy at the end of the capture: too short. */
static void test_sa_init_unanswered(void)
{
    run t = { .engine = ikd_engine_new() };
    feed_clear(&t, 0.0, ikv2b_sa_init_request());
    g_assert_cmpuint(first_sa(&t)->sa.verdict->id, ==, IKD_F_CAPTURE_TOO_SHORT);
    g_assert_cmpint(first_sa(&t)->sa.verdict_evidence, ==, IKD_EVIDENCE_WEAK);
    feed_clear(&t, 2.0, ikv2b_sa_init_request());
    feed_clear(&t, 6.0, ikv2b_sa_init_request());
    const ikd_v2_sa *v2 = first_sa(&t);
    g_assert_cmpuint(v2->sa.verdict->id, ==, IKD_F_V2_STUCK_INIT_UNANSWERED);
    g_assert_cmpuint(v2->sa.verdict->arg[1], ==, 3);
    g_assert_cmpint(v2->sa.verdict_evidence, ==, IKD_EVIDENCE_STRONG);
    ikd_engine_free(t.engine);
}

static ikv2b_msg *refusal(uint16_t type, size_t data_len)
{
    ikv2b_msg *m = ikv2b_new(IKD_V2_EX_SA_INIT, IKD_V2_FLAG_RESPONSE, 0, ikv2b_spi_zero);
    add(m, IKD_V2_PL_NOTIFY, ikv2b_notify(0, 0, type, data_len));
    ikv2b_finish(m);
    return m;
}

static void test_invalid_ke_not_restarted(void)
{
    run t = { .engine = ikd_engine_new() };
    feed_clear(&t, 0.0, ikv2b_sa_init_request());
    ikv2b_msg *m = refusal(IKD_V2_N_INVALID_KE_PAYLOAD, 0);
    ikb_u16(m->b, 19); /* the group wanted, as notify data */
    ikb_set_u16(m->b, 28 + 2, 4 + 4 + 2);
    ikv2b_finish(m);
    feed_clear(&t, 0.01, m);
    ikd_engine_note_frame(t.engine, 99, 10.0);
    const ikd_v2_sa *v2 = first_sa(&t);
    g_assert_cmpuint(v2->ke_refused, ==, 14);
    g_assert_cmpuint(v2->ke_wanted, ==, 19);
    g_assert_cmpuint(v2->sa.verdict->id, ==, IKD_F_V2_STUCK_INVALID_KE);
    g_assert_cmpint(v2->sa.verdict_evidence, ==, IKD_EVIDENCE_CONCLUSIVE);
    ikd_engine_free(t.engine);
}

static void test_cookie_retried_is_healthy(void)
{
    run t = { .engine = ikd_engine_new() };
    feed_clear(&t, 0.0, ikv2b_sa_init_request());
    feed_clear(&t, 0.01, refusal(IKD_V2_N_COOKIE, 8));
    ikv2b_msg *retry = ikv2b_sa_init_request();
    ikb_u8(retry->b, 0); /* other bytes: a new attempt, not a resend */
    ikv2b_finish(retry);
    feed_clear(&t, 0.02, retry);
    feed_clear(&t, 0.03, ikv2b_sa_init_response());
    const ikd_v2_sa *v2 = first_sa(&t);
    g_assert_cmpuint(v2->init_refusal, ==, IKD_V2_N_COOKIE);
    g_assert_null(v2->sa.verdict);
    ikd_finding_list notes;
    ikd_engine_verdicts(t.engine, 2, 0, &notes);
    g_assert_cmpuint(notes.count, ==, 1);
    g_assert_cmpuint(notes.items[0].id, ==, IKD_F_V2_COOKIE_RETRIED);
    ikd_engine_free(t.engine);
}

/* Without keys: IKE_AUTH (64 opaque bytes) answered by an SK payload of
 * sk_body bytes (IV, ciphertext, checksum), then nothing. The builder's
 * IKE SA is AES-GCM-16: an 8-byte IV and a 16-byte checksum. */
static const ikd_v2_sa *answered_unread(run *t, size_t sk_body)
{
    feed_clear(t, 0.0, ikv2b_sa_init_request());
    feed_clear(t, 0.01, ikv2b_sa_init_response());
    feed_clear(t, 0.02, ikv2b_auth_request());
    ikv2b_msg *answer = ikv2b_new(IKD_V2_EX_AUTH, IKD_V2_FLAG_RESPONSE, 1, ikv2b_spi_r);
    GByteArray *sk = g_byte_array_new();
    ikb_fill(sk, 0x3c, sk_body);
    ikv2b_add(answer, IKD_V2_PL_SK, sk);
    g_byte_array_free(sk, TRUE);
    ikv2b_finish(answer);
    feed_clear(t, 0.03, answer);
    return first_sa(t);
}

/* 16 bytes of plaintext: a lone notify, no room for IDr and AUTH. */
static void test_unread_answer_too_small_for_auth(void)
{
    run t = { .engine = ikd_engine_new() };
    const ikd_v2_sa *v2 = answered_unread(&t, 8 + 16 + 16);
    g_assert_true(v2->sa.verdict);
    g_assert_cmpuint(v2->sa.verdict->id, ==, IKD_F_V2_AUTH_PROBABLY_FAILED);
    g_assert_cmpuint(v2->sa.verdict->arg[1], ==, 28 + 4 + 40);
    g_assert_cmpint(v2->sa.verdict_evidence, ==, IKD_EVIDENCE_WEAK);
    ikd_engine_free(t.engine);
}

/* 80 bytes: IDr, AUTH and a notify fit, a child SA does not (as in
 * captures/ikev2-ts-mismatch without its keys). */
static void test_unread_answer_without_room_for_child(void)
{
    run t = { .engine = ikd_engine_new() };
    const ikd_v2_sa *v2 = answered_unread(&t, 8 + 80 + 16);
    g_assert_true(v2->sa.verdict);
    g_assert_cmpuint(v2->sa.verdict->id, ==, IKD_F_V2_CHILD_PROBABLY_REFUSED);
    g_assert_cmpuint(v2->sa.verdict->arg[2], ==, 80);
    g_assert_cmpint(v2->sa.verdict_evidence, ==, IKD_EVIDENCE_WEAK);
    ikd_engine_free(t.engine);
}

/* 200 bytes: room for a whole successful answer; its size says nothing. */
static void test_unread_answer_with_room_for_child(void)
{
    run t = { .engine = ikd_engine_new() };
    const ikd_v2_sa *v2 = answered_unread(&t, 8 + 200 + 16);
    g_assert_null(v2->sa.verdict);
    ikd_engine_free(t.engine);
}

/* A wrong key: Wireshark hands over plaintext that does not parse. It is
 * reported once as decryption.garbage and nothing is read from it: no
 * refusal, no identity, no child. */
static void test_wrong_key_not_misread(void)
{
    run t = { .engine = ikd_engine_new() };
    start(&t);
    ikv2b_msg *answer = ikv2b_auth_request();
    answer->b->data[19] = IKD_V2_FLAG_RESPONSE; /* the responder's answer, same shape */
    GByteArray *garbage = g_byte_array_new();
    ikb_u8(garbage, 0x41); /* reserved bits set, then a length running past the end */
    ikb_u8(garbage, 0x7f);
    ikb_u16(garbage, 0x4000);
    ikb_fill(garbage, 0x99, 40);
    feed_bytes(&t, 0.03, answer->b, garbage);
    g_byte_array_free(garbage, TRUE);
    ikv2b_free(answer);
    uint32_t garbage_findings = 0;
    for (uint32_t i = 0; i < t.ann.findings.count; i++)
        garbage_findings += t.ann.findings.items[i].id == IKD_F_DECRYPTED_GARBAGE;
    g_assert_cmpuint(garbage_findings, ==, 1);
    g_assert_cmpuint(t.ann.findings.items[t.ann.findings.count - 1].arg[IKD_FINDING_ARG_VERSION], ==, IKD_FINDING_IKEV2);
    const ikd_v2_sa *v2 = first_sa(&t);
    g_assert_false(v2->auth_failed);
    g_assert_cmpstr(ikd_v2_identity(&v2->chosen, 1), ==, "");
    g_assert_null(v2->chosen.ids); /* made only for an identity read */
    g_assert_cmpuint(v2->chosen.auth_method[1], ==, 0);
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_IN_NEG);
    ikd_engine_free(t.engine);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ikev2_verdicts/established_with_child", test_established_with_child);
    g_test_add_func("/ikev2_verdicts/psk_refused", test_psk_refused);
    g_test_add_func("/ikev2_verdicts/ts_unacceptable", test_ts_unacceptable);
    g_test_add_func("/ikev2_verdicts/eap_wrong_password", test_eap_wrong_password);
    g_test_add_func("/ikev2_verdicts/sa_init_unanswered", test_sa_init_unanswered);
    g_test_add_func("/ikev2_verdicts/invalid_ke_not_restarted", test_invalid_ke_not_restarted);
    g_test_add_func("/ikev2_verdicts/cookie_retried_is_healthy", test_cookie_retried_is_healthy);
    g_test_add_func("/ikev2_verdicts/unread_answer_too_small_for_auth", test_unread_answer_too_small_for_auth);
    g_test_add_func("/ikev2_verdicts/unread_answer_without_room_for_child", test_unread_answer_without_room_for_child);
    g_test_add_func("/ikev2_verdicts/unread_answer_with_room_for_child", test_unread_answer_with_room_for_child);
    g_test_add_func("/ikev2_verdicts/wrong_key_not_misread", test_wrong_key_not_misread);
    return g_test_run();
}
