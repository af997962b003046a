/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - IKEv2 remote access: the configuration payload and
 * the EAP identity of decrypted IKE_AUTH messages, fed through the engine
 * (shapes of captures/ikev2-eap-ok and ikev2-cp-no-pool, whose .log files
 * are the ground truth), the SA's record, the messages' annotations, the
 * verdicts, and the session the SA feeds. Initiator 192.0.2.10 (the
 * client), responder 192.0.2.1. */
#include "engine.h"
#include "common/cfg_attributes.h"
#include "ikev2/ikev2_sa.h"
#include "ikev2_run.h"
#include "report/ikev2_text.h"
#include "report/sessions.h"

#include <glib.h>
#include <string.h>

static const uint8_t pool_address[4] = { 198, 51, 100, 100 };
static const uint8_t wins[4] = { 203, 0, 113, 54 };

/* Each message starts a clean annotation (the engine clears it without freeing). */
static void send_sealed(run *t, double time, ikv2b_msg *inner)
{
    ikd_annotation_clear(&t->ann);
    feed_sealed(t, time, inner);
}

static ikv2b_msg *auth_msg(bool from_initiator, uint32_t id)
{
    return old_msg(IKD_V2_EX_AUTH, from_initiator, !from_initiator, id);
}

static GByteArray *id_body(uint8_t type, const void *data, size_t len)
{
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, type);
    ikb_fill(b, 0, 3);
    ikb_bytes(b, data, len);
    return b;
}

static GByteArray *cp_body(uint8_t cfg_type, const ikb_cfg_attr *attrs, size_t n)
{
    GByteArray *b = g_byte_array_new();
    ikb_cfg_body(b, cfg_type, 0, attrs, n); /* identifier 0: IKEv2's three reserved bytes */
    return b;
}

/* An EAP packet (RFC 3748 4): code, identifier, length, then type and data
 * for a Request or Response. */
static GByteArray *eap_body(uint8_t code, uint8_t type, const char *data, uint16_t claimed_extra)
{
    GByteArray *b = g_byte_array_new();
    size_t n = data ? strlen(data) : 0;
    ikb_u8(b, code);
    ikb_u8(b, 1);
    ikb_u16(b, (uint16_t)((type ? 5 : 4) + n + claimed_extra));
    if (type)
        ikb_u8(b, type);
    if (n)
        ikb_bytes(b, data, n);
    return b;
}

static void begin(run *t)
{
    feed_clear(t, 0.0, ikv2b_sa_init_request());
    feed_clear(t, 0.01, ikv2b_sa_init_response());
}

/* The client's first IKE_AUTH: its identity, an address request (and DNS),
 * a child; AUTH unless it authenticates by EAP. */
static void client_request(run *t, bool eap)
{
    static const ikb_cfg_attr ask[] = { { 1, false, NULL, 0 }, { 3, false, NULL, 0 } };
    static const uint8_t client_address[4] = { 192, 0, 2, 10 };
    ikv2b_msg *req = auth_msg(true, 1);
    if (eap)
        add(req, IKD_V2_PL_IDI, id_body(1, client_address, 4));
    else
        add(req, IKD_V2_PL_IDI, id_body(3, "client1@lab.example", 19));
    if (!eap)
        add(req, IKD_V2_PL_AUTH, auth_body());
    add(req, IKD_V2_PL_CP, cp_body(IKD_CFG_REQUEST, ask, G_N_ELEMENTS(ask)));
    add_child(req, OLD_SPI_I);
    send_sealed(t, 0.02, req);
}

/* EAP-Identity, then Success (the method's own rounds left out), then AUTH both ways. */
static void eap_rounds(run *t)
{
    ikv2b_msg *m = auth_msg(false, 1);
    add(m, IKD_V2_PL_AUTH, auth_body());
    add(m, IKD_V2_PL_EAP, eap_body(1, 1, NULL, 0));
    send_sealed(t, 0.03, m);
    m = auth_msg(true, 2);
    add(m, IKD_V2_PL_EAP, eap_body(2, 1, "alice", 0));
    send_sealed(t, 0.04, m);
    g_assert_cmpstr(t->ann.ra_user, ==, "alice");
    g_assert_cmpuint(t->ann.result.eap_code, ==, 2);
    g_assert_cmpuint(t->ann.result.eap_type, ==, 1);
    m = auth_msg(false, 2);
    add(m, IKD_V2_PL_EAP, eap_body(3, 0, NULL, 0));
    send_sealed(t, 0.05, m);
    g_assert_cmpuint(t->ann.result.eap_code, ==, 3);
    g_assert_cmpstr(t->ann.ra_user, ==, "");
    m = auth_msg(true, 3);
    add(m, IKD_V2_PL_AUTH, auth_body());
    send_sealed(t, 0.06, m);
}

static void test_eap_and_address(void)
{
    static const ikb_cfg_attr reply[] = { { 1, false, pool_address, 4 }, { 4, false, wins, 4 } };
    run t = { .engine = ikd_engine_new() };
    begin(&t);
    client_request(&t, true);
    g_assert_cmpuint(t.ann.result.cp_type, ==, IKD_CFG_REQUEST);
    g_assert_cmpstr(t.ann.ra_attributes, ==, "INTERNAL_IP4_ADDRESS: (empty)\nINTERNAL_IP4_DNS: (empty)\n");
    eap_rounds(&t);
    ikv2b_msg *m = auth_msg(false, 3);
    add(m, IKD_V2_PL_AUTH, auth_body());
    add(m, IKD_V2_PL_CP, cp_body(IKD_CFG_REPLY, reply, G_N_ELEMENTS(reply)));
    add_child(m, OLD_SPI_R);
    send_sealed(&t, 0.07, m);
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_READY);
    g_assert_cmpuint(t.ann.result.cp_type, ==, IKD_CFG_REPLY);
    g_assert_cmpuint(t.ann.rare.ra_address.bytes[3], ==, 100);
    g_assert_cmpstr(t.ann.ra_attributes, ==,
                    "INTERNAL_IP4_ADDRESS: 198.51.100.100\nINTERNAL_IP4_NBNS: 203.0.113.54\n"
                    "requested but not sent: INTERNAL_IP4_DNS\n");
    const ikd_v2_sa *v2 = sa_at(&t, 0);
    g_assert_cmpuint(ikd_v2_ra_seen(v2)->request_frame, ==, 3);
    g_assert_true(ikd_v2_ra_seen(v2)->wants_address);
    g_assert_cmpuint(ikd_v2_ra_seen(v2)->reply_frame, ==, 8);
    g_assert_cmpuint(ikd_v2_ra_seen(v2)->address_frame, ==, 8);
    g_assert_cmpuint(ikd_v2_ra_seen(v2)->no_address_frame, ==, 0);
    g_assert_cmpstr(ikd_v2_ra_seen(v2)->eap_identity, ==, "alice");
    g_assert_cmpuint(ikd_v2_ra_seen(v2)->eap_identity_frame, ==, 5);
    g_assert_cmpint(ikd_v2_ra_client(v2), ==, 0);
    g_assert_cmpstr(ikd_v2_ra_user(v2), ==, "alice"); /* not the IDi 192.0.2.10 */
    g_assert_null(v2->sa.verdict);
    GString *line = g_string_new(NULL);
    ikd_v2_remote_access_lines(v2, line);
    g_assert_cmpstr(line->str, ==, "        remote access: the initiator is the client, user alice "
                                   "(EAP identity, EAP Success), address 198.51.100.100\n");
    g_string_free(line, TRUE);
    /* The session: the responder (the server) is local, the user and address are the client's. */
    GPtrArray *sessions = ikd_sessions_collect(t.engine, NULL);
    g_assert_cmpuint(sessions->len, ==, 1);
    const ikd_session *s = g_ptr_array_index(sessions, 0);
    g_assert_cmpuint(s->local.bytes[3], ==, 1);
    g_assert_cmpuint(s->remote.bytes[3], ==, 10);
    g_assert_cmpstr(s->user, ==, "alice");
    g_assert_true(s->address_known);
    g_assert_cmpuint(s->address.bytes[3], ==, 100);
    g_assert_cmpint(ikd_session_status_of(&s->counts), ==, IKD_SESSION_UP_ACTIVE);
    g_ptr_array_unref(sessions);
    ikd_annotation_clear(&t.ann);
    ikd_engine_free(t.engine);
}

/* strongSwan without a pool: IKE_AUTH answered with AUTH and
 * N(INTERNAL_ADDRESS_FAILURE), no CP, no child; the IKE SA stays up. */
static void test_address_failure(void)
{
    run t = { .engine = ikd_engine_new() };
    begin(&t);
    client_request(&t, false);
    ikv2b_msg *m = auth_msg(false, 1);
    add(m, IKD_V2_PL_AUTH, auth_body());
    add(m, IKD_V2_PL_NOTIFY, ikv2b_notify(0, 0, IKD_V2_N_INTERNAL_ADDRESS_FAILURE, 0));
    send_sealed(&t, 0.03, m);
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_READY);
    g_assert_null(t.ann.ra_attributes);
    const ikd_v2_sa *v2 = sa_at(&t, 0);
    g_assert_cmpuint(ikd_v2_ra_seen(v2)->address_failure_frame, ==, 4);
    g_assert_false(ikd_v2_ra_seen(v2)->address_known);
    g_assert_cmpstr(ikd_v2_ra_user(v2), ==, "client1@lab.example"); /* no EAP: the IDi */
    g_assert_cmpuint(v2->sa.verdict->id, ==, IKD_F_V2_RA_ADDRESS_FAILURE);
    g_assert_cmpint(v2->sa.verdict_evidence, ==, IKD_EVIDENCE_CONCLUSIVE);
    char text[512];
    g_assert_cmpstr(render(v2->sa.verdict, text, sizeof text), ==,
                    "SA 1: the client's address request (CP CFG_REQUEST, frame 3) answered with "
                    "INTERNAL_ADDRESS_FAILURE (frame 4), IKE SA up without a child SA — no address to assign: the "
                    "address pool is exhausted or none is configured for this client");
    GPtrArray *sessions = ikd_sessions_collect(t.engine, NULL);
    const ikd_session *s = g_ptr_array_index(sessions, 0);
    g_assert_cmpstr(s->user, ==, "client1@lab.example");
    g_assert_false(s->address_known);
    g_assert_cmpint(ikd_session_status_of(&s->counts), ==, IKD_SESSION_UP_IDLE);
    g_ptr_array_unref(sessions);
    ikd_engine_free(t.engine);
}

/* A CFG_REPLY without the address asked for, and no notify: the child is up, the address missing. */
static void test_reply_without_address(void)
{
    static const ikb_cfg_attr dns_only[] = { { 3, false, wins, 4 } };
    run t = { .engine = ikd_engine_new() };
    begin(&t);
    client_request(&t, false);
    ikv2b_msg *m = auth_msg(false, 1);
    add(m, IKD_V2_PL_AUTH, auth_body());
    add(m, IKD_V2_PL_CP, cp_body(IKD_CFG_REPLY, dns_only, 1));
    add_child(m, OLD_SPI_R);
    send_sealed(&t, 0.03, m);
    g_assert_cmpstr(t.ann.ra_attributes, ==, "INTERNAL_IP4_DNS: 203.0.113.54\n"
                                             "requested but not sent: INTERNAL_IP4_ADDRESS\n");
    const ikd_v2_sa *v2 = sa_at(&t, 0);
    g_assert_cmpuint(ikd_v2_ra_seen(v2)->no_address_frame, ==, 4);
    g_assert_cmpuint(v2->sa.verdict->id, ==, IKD_F_V2_RA_NO_ADDRESS);
    ikd_annotation_clear(&t.ann);
    ikd_engine_free(t.engine);
}

/* Site to site with keys: no CP, no EAP, so no user, and the initiator stays local. */
static void test_site_to_site(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    const ikd_v2_sa *v2 = sa_at(&t, 0);
    g_assert_cmpint(ikd_v2_ra_client(v2), ==, -1);
    g_assert_cmpstr(ikd_v2_ra_user(v2), ==, "");
    GString *line = g_string_new(NULL);
    ikd_v2_remote_access_lines(v2, line);
    g_assert_cmpstr(line->str, ==, "");
    g_string_free(line, TRUE);
    GPtrArray *sessions = ikd_sessions_collect(t.engine, NULL);
    const ikd_session *s = g_ptr_array_index(sessions, 0);
    g_assert_cmpuint(s->local.bytes[3], ==, 10);
    g_assert_null(s->user); /* none read */
    g_ptr_array_unref(sessions);
    ikd_engine_free(t.engine);
}

/* Hostile payloads: a CP too short for its header, a cut attribute list, an
 * EAP identity with control bytes and an EAP length past the payload. */
static void test_malformed(void)
{
    run t = { .engine = ikd_engine_new() };
    begin(&t);
    ikv2b_msg *m = auth_msg(true, 1);
    GByteArray *stub = g_byte_array_new();
    ikb_u8(stub, 1);
    ikb_u8(stub, 0);
    add(m, IKD_V2_PL_CP, stub);
    send_sealed(&t, 0.02, m);
    g_assert_cmpuint(t.ann.result.cp_type, ==, 0);
    g_assert_null(t.ann.ra_attributes);
    g_assert_cmpuint(ikd_v2_ra_seen(sa_at(&t, 0))->request_frame, ==, 0);
    m = auth_msg(false, 1);
    GByteArray *cut = g_byte_array_new();
    static const uint8_t overrun[] = { 2, 0, 0, 0, 0, 1, 0, 4, 198, 51, 100, 100, 0, 3, 0, 40, 1, 2 };
    ikb_bytes(cut, overrun, sizeof overrun);
    add(m, IKD_V2_PL_CP, cut);
    send_sealed(&t, 0.03, m);
    g_assert_cmpstr(t.ann.ra_attributes, ==, "INTERNAL_IP4_ADDRESS: 198.51.100.100\n"
                                             "(the attribute list ends inside an attribute)\n");
    m = auth_msg(true, 2);
    add(m, IKD_V2_PL_EAP, eap_body(2, 1, "bob\x01\n", 40));
    send_sealed(&t, 0.04, m);
    g_assert_cmpstr(t.ann.ra_user, ==, "bob? ");
    m = auth_msg(true, 3);
    GByteArray *shorter = eap_body(2, 1, "carol", 0);
    shorter->data[3] = 7; /* the EAP length covers "ca" only */
    add(m, IKD_V2_PL_EAP, shorter);
    send_sealed(&t, 0.05, m);
    g_assert_cmpstr(t.ann.ra_user, ==, "ca");
    g_assert_cmpstr(ikd_v2_ra_seen(sa_at(&t, 0))->eap_identity, ==, "bob? "); /* the first identity stays */
    ikd_annotation_clear(&t.ann);
    ikd_engine_free(t.engine);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ikev2_remote_access/eap_and_address", test_eap_and_address);
    g_test_add_func("/ikev2_remote_access/address_failure", test_address_failure);
    g_test_add_func("/ikev2_remote_access/reply_without_address", test_reply_without_address);
    g_test_add_func("/ikev2_remote_access/site_to_site", test_site_to_site);
    g_test_add_func("/ikev2_remote_access/malformed", test_malformed);
    return g_test_run();
}
