/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/ikev2/tracker: IKEv2 messages placed in their
 * SA and exchange through the engine, from the headers alone: requests and
 * responses paired by message ID and the R flag, resends, IKE_SA_INIT
 * restarts kept in one SA, and the status only what the wire proves.
 *
 * Each message is a 28-byte header and one small well-formed payload (a
 * nonce in IKE_SA_INIT requests, a COOKIE notify in refusals, an SK payload
 * of opaque bytes later on): the tracker reads only the header. Addresses
 * are TEST-NET: initiator 192.0.2.10, responder 192.0.2.1. */
#include "engine.h"
#include "ikev2/ikev2_sa.h"

#include <glib.h>
#include <string.h>

enum { SA_INIT = 34, AUTH = 35, CHILD = 36, INFO = 37 };
enum { I = 0x08, R = 0x20 };
enum { PL_NONCE = 40, PL_NOTIFY = 41, PL_SK = 46 };

static const uint8_t spi_i[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
static const uint8_t spi_r[8] = { 9, 10, 11, 12, 13, 14, 15, 16 };
static const uint8_t zero[8] = { 0 };

typedef struct {
    ikd_engine *engine;
    uint32_t frame;
    ikd_annotation ann;
} run;

/* One message: header, then a payload of `kind` whose body bytes are all `fill`. */
static GByteArray *message(const uint8_t *r_spi, uint8_t exchange, uint8_t flags, uint32_t id, uint8_t kind,
                           uint8_t fill)
{
    GByteArray *b = g_byte_array_new();
    g_byte_array_append(b, spi_i, 8);
    g_byte_array_append(b, r_spi, 8);
    uint8_t body[36];
    size_t body_len = 32;
    memset(body, fill, sizeof body);
    if (kind == PL_NOTIFY) { /* protocol 0, no SPI, COOKIE (16390), 8 bytes of cookie */
        const uint8_t head[4] = { 0, 0, 0x40, 0x06 };
        memcpy(body, head, 4);
        body_len = 12;
    }
    uint32_t len = 28 + 4 + (uint32_t)body_len;
    const uint8_t rest[12] = { kind, 0x20, exchange, flags, (uint8_t)(id >> 24), (uint8_t)(id >> 16),
                               (uint8_t)(id >> 8), (uint8_t)id, (uint8_t)(len >> 24), (uint8_t)(len >> 16),
                               (uint8_t)(len >> 8), (uint8_t)len };
    g_byte_array_append(b, rest, sizeof rest);
    const uint8_t generic[4] = { 0, 0, 0, (uint8_t)(4 + body_len) };
    g_byte_array_append(b, generic, 4);
    g_byte_array_append(b, body, (guint)body_len);
    return b;
}

/* Feeds one message at `time`, from the initiator when the I flag is set
 * and it is a request, or the responder's response to it, and so on. */
static const ikd_message_result *feed(run *t, double time, const uint8_t *r_spi, uint8_t exchange, uint8_t flags,
                                      uint32_t id, uint8_t kind, uint8_t fill)
{
    static const ikd_address ini = { 4, { 192, 0, 2, 10 } }, resp = { 4, { 192, 0, 2, 1 } };
    bool from_initiator = (flags & I) != 0;
    GByteArray *b = message(r_spi, exchange, flags, id, kind, fill);
    const ikd_packet p = { .frame = ++t->frame, .time = time, .src = from_initiator ? ini : resp,
                           .dst = from_initiator ? resp : ini, .src_port = 500, .dst_port = 500,
                           .transport = IKD_TRANSPORT_UDP, .bytes = b->data, .captured_len = b->len,
                           .reported_len = b->len };
    ikd_engine_feed(t->engine, &p, &t->ann);
    g_byte_array_unref(b);
    return &t->ann.result;
}

static void check(const ikd_message_result *r, uint32_t tunnel_id, ikd_step step, ikd_role sender,
                  ikd_ios_state status, ikd_ios_state ini_machine, ikd_ios_state resp_machine)
{
    g_assert_cmpuint(r->ike_version, ==, 2);
    g_assert_true(ikd_conn_id_is_v2(r->conn_id));
    g_assert_cmpuint(ikd_sa_number(r->conn_id), ==, tunnel_id);
    g_assert_cmpstr(ikd_step_name(r->step), ==, ikd_step_name(step));
    g_assert_cmpint(r->sender, ==, sender);
    g_assert_cmpstr(ikd_ios_state_name(r->state), ==, ikd_ios_state_name(status));
    g_assert_cmpstr(ikd_ios_state_name(r->state_initiator), ==, ikd_ios_state_name(ini_machine));
    g_assert_cmpstr(ikd_ios_state_name(r->state_responder), ==, ikd_ios_state_name(resp_machine));
}

static void test_established(void)
{
    run t = { .engine = ikd_engine_new() };
    check(feed(&t, 0.0, zero, SA_INIT, I, 0, PL_NONCE, 1), 1, IKD_STEP_IKE_SA_INIT, IKD_ROLE_INITIATOR,
          IKD_IOS_V2_IN_NEG, IKD_IOS_I_WAIT_INIT, IKD_IOS_NONE);
    const ikd_message_result *r = feed(&t, 0.01, spi_r, SA_INIT, R, 0, PL_NONCE, 2);
    check(r, 1, IKD_STEP_IKE_SA_INIT, IKD_ROLE_RESPONDER, IKD_IOS_V2_IN_NEG, IKD_IOS_I_WAIT_INIT,
          IKD_IOS_R_WAIT_AUTH);
    g_assert_cmpuint(r->response_to, ==, 1);
    check(feed(&t, 0.02, spi_r, AUTH, I, 1, PL_SK, 3), 1, IKD_STEP_IKE_AUTH, IKD_ROLE_INITIATOR,
          IKD_IOS_V2_IN_NEG, IKD_IOS_I_WAIT_AUTH, IKD_IOS_R_WAIT_AUTH);
    /* Answered, but a refused authentication is answered too. */
    check(feed(&t, 0.03, spi_r, AUTH, R, 1, PL_SK, 4), 1, IKD_STEP_IKE_AUTH, IKD_ROLE_RESPONDER,
          IKD_IOS_V2_IN_NEG, IKD_IOS_AUTH_DONE, IKD_IOS_AUTH_DONE);
    /* A CREATE_CHILD_SA answered: only an established SA runs one. */
    feed(&t, 5.0, spi_r, CHILD, I, 2, PL_SK, 5);
    check(feed(&t, 5.01, spi_r, CHILD, R, 2, PL_SK, 6), 1, IKD_STEP_CREATE_CHILD_SA, IKD_ROLE_RESPONDER,
          IKD_IOS_V2_READY, IKD_IOS_V2_READY, IKD_IOS_V2_READY);
    const ikd_v2_sa *v2 = ikd_v2_sa_of_const(ikd_engine_sa(t.engine, 0));
    g_assert_nonnull(v2);
    g_assert_cmpuint(v2->sa.established_frame, ==, 6);
    g_assert_cmpuint(ikd_engine_response_in(t.engine, 3, 0), ==, 4);
    ikd_engine_free(t.engine);
}

static void test_cookie_restart_stays_one_sa(void)
{
    run t = { .engine = ikd_engine_new() };
    feed(&t, 0.0, zero, SA_INIT, I, 0, PL_NONCE, 1);
    const ikd_message_result *r = feed(&t, 0.01, zero, SA_INIT, R, 0, PL_NOTIFY, 2); /* COOKIE, no SPIr */
    check(r, 1, IKD_STEP_IKE_SA_INIT, IKD_ROLE_RESPONDER, IKD_IOS_V2_IN_NEG, IKD_IOS_I_WAIT_INIT,
          IKD_IOS_NONE);
    /* The repeat carries the cookie: other bytes, same SPIi and message ID. */
    r = feed(&t, 0.02, zero, SA_INIT, I, 0, PL_NONCE, 3);
    check(r, 1, IKD_STEP_IKE_SA_INIT, IKD_ROLE_INITIATOR, IKD_IOS_V2_IN_NEG, IKD_IOS_I_WAIT_INIT, IKD_IOS_NONE);
    g_assert_cmpuint(r->retransmission, ==, 0);
    r = feed(&t, 0.03, spi_r, SA_INIT, R, 0, PL_NONCE, 4);
    g_assert_cmpuint(r->response_to, ==, 3);
    const ikd_v2_sa *v2 = ikd_v2_sa_of_const(ikd_engine_sa(t.engine, 0));
    g_assert_cmpuint(ikd_engine_sa_count(t.engine), ==, 1);
    g_assert_cmpuint(v2->init_attempts, ==, 2);
    g_assert_cmpuint(v2->init_refusals, ==, 1);
    ikd_engine_free(t.engine);
}

static void test_resent_request(void)
{
    run t = { .engine = ikd_engine_new() };
    feed(&t, 0.0, zero, SA_INIT, I, 0, PL_NONCE, 1);
    const ikd_message_result *r = feed(&t, 2.0, zero, SA_INIT, I, 0, PL_NONCE, 1);
    g_assert_cmpuint(r->retransmission, ==, 1);
    g_assert_cmpuint(r->original_frame, ==, 1);
    const ikd_v2_sa *v2 = ikd_v2_sa_of_const(ikd_engine_sa(t.engine, 0));
    g_assert_cmpuint(ikd_sa_retransmissions(&v2->sa), ==, 1);
    g_assert_cmpuint(v2->init_attempts, ==, 1);
    ikd_engine_free(t.engine);
}

/* The SA of a new run does IKE_SA_INIT and IKE_AUTH (frames 1 to 4, until 0.03 s):
 * one INFORMATIONAL pair more makes it READY. */
static void establish(run *t)
{
    feed(t, 0.0, zero, SA_INIT, I, 0, PL_NONCE, 1);
    feed(t, 0.01, spi_r, SA_INIT, R, 0, PL_NONCE, 2);
    feed(t, 0.02, spi_r, AUTH, I, 1, PL_SK, 3);
    feed(t, 0.03, spi_r, AUTH, R, 1, PL_SK, 4);
}

/* Both sides number their own requests from 0: the responder's liveness
 * check with message ID 0 is not the IKE_SA_INIT, and answering it proves
 * the SA up. */
static void test_responder_request(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    check(feed(&t, 10.0, spi_r, INFO, 0, 0, PL_SK, 5), 1, IKD_STEP_INFORMATIONAL, IKD_ROLE_RESPONDER,
          IKD_IOS_V2_IN_NEG, IKD_IOS_AUTH_DONE, IKD_IOS_AUTH_DONE);
    const ikd_message_result *r = feed(&t, 10.01, spi_r, INFO, I | R, 0, PL_SK, 6);
    check(r, 1, IKD_STEP_INFORMATIONAL, IKD_ROLE_INITIATOR, IKD_IOS_V2_READY, IKD_IOS_V2_READY,
          IKD_IOS_V2_READY);
    g_assert_cmpuint(r->response_to, ==, 5);
    ikd_engine_free(t.engine);
}

/* One answered INFORMATIONAL after IKE_AUTH may be a failure being reported:
 * not proof. A second one is. */
static void test_one_informational_is_not_proof(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    feed(&t, 0.04, spi_r, INFO, I, 2, PL_SK, 5);
    g_assert_cmpint(feed(&t, 0.05, spi_r, INFO, R, 2, PL_SK, 6)->state, ==, IKD_IOS_V2_IN_NEG);
    feed(&t, 5.0, spi_r, INFO, I, 3, PL_SK, 7);
    g_assert_cmpint(feed(&t, 5.01, spi_r, INFO, R, 3, PL_SK, 8)->state, ==, IKD_IOS_V2_READY);
    ikd_engine_free(t.engine);
}

/* The capture began after the SA was set up (or it was made by a rekey). */
static void test_began_mid_sa(void)
{
    run t = { .engine = ikd_engine_new() };
    feed(&t, 0.0, spi_r, INFO, I, 7, PL_SK, 1);
    check(feed(&t, 0.01, spi_r, INFO, R, 7, PL_SK, 2), 1, IKD_STEP_INFORMATIONAL, IKD_ROLE_RESPONDER,
          IKD_IOS_V2_READY, IKD_IOS_V2_READY, IKD_IOS_V2_READY);
    const ikd_v2_sa *v2 = ikd_v2_sa_of_const(ikd_engine_sa(t.engine, 0));
    g_assert_true(v2->sa.established_before_capture);
    g_assert_cmpuint(v2->sa.established_frame, ==, 0);
    ikd_engine_free(t.engine);
}

/* A long-lived SA's liveness checks from both sides, each side numbering
 * its own requests: past the few exchanges found by walking them, each
 * response still pairs with its request and each resend with its first
 * copy, and the exchanges keep their order. */
static void test_many_exchanges(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    enum { CHECKS = 30 };
    for (uint32_t k = 0; k < CHECKS; k++) {
        uint32_t request = t.frame + 1;
        feed(&t, 10.0 * (k + 1), spi_r, INFO, I, 2 + k, PL_SK, (uint8_t)(10 + k));
        const ikd_message_result *r = feed(&t, 10.0 * (k + 1) + 0.01, spi_r, INFO, R, 2 + k, PL_SK, 9);
        g_assert_cmpuint(r->response_to, ==, request);
        request = t.frame + 1;
        feed(&t, 10.0 * (k + 1) + 5, spi_r, INFO, 0, k, PL_SK, (uint8_t)(100 + k)); /* the responder's */
        r = feed(&t, 10.0 * (k + 1) + 5.01, spi_r, INFO, I | R, k, PL_SK, 8);
        g_assert_cmpuint(r->response_to, ==, request);
    }
    /* The first liveness check's request resent at the end: its first copy was frame 5. */
    const ikd_message_result *r = feed(&t, 400.0, spi_r, INFO, I, 2, PL_SK, 10);
    g_assert_cmpuint(r->retransmission, ==, 1);
    g_assert_cmpuint(r->original_frame, ==, 5);
    const ikd_v2_sa *v2 = ikd_v2_sa_of_const(ikd_engine_sa(t.engine, 0));
    g_assert_cmpuint(ikd_v2_exchange_count(v2), ==, 2 + 2 * CHECKS);
    /* The first two are kept in the SA's record, the rest in an array that grows. */
    g_assert_cmpuint(ikd_v2_exchange_at(v2, 0)->exchange, ==, SA_INIT);
    g_assert_cmpuint(ikd_v2_exchange_at(v2, 1)->exchange, ==, AUTH);
    g_assert_null(ikd_v2_exchange_at(v2, 2 + 2 * CHECKS));
    for (uint32_t k = 0; k < CHECKS; k++) {
        g_assert_cmpuint(ikd_v2_exchange_at(v2, 2 + 2 * k)->message_id, ==, 2 + k);
        g_assert_cmpint(ikd_v2_exchange_at(v2, 2 + 2 * k + 1)->requester, ==, 1);
    }
    ikd_engine_free(t.engine);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ikev2_tracker/established", test_established);
    g_test_add_func("/ikev2_tracker/cookie_restart_stays_one_sa", test_cookie_restart_stays_one_sa);
    g_test_add_func("/ikev2_tracker/resent_request", test_resent_request);
    g_test_add_func("/ikev2_tracker/responder_request", test_responder_request);
    g_test_add_func("/ikev2_tracker/one_informational_is_not_proof", test_one_informational_is_not_proof);
    g_test_add_func("/ikev2_tracker/began_mid_sa", test_began_mid_sa);
    g_test_add_func("/ikev2_tracker/many_exchanges", test_many_exchanges);
    return g_test_run();
}
