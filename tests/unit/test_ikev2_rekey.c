/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - IKEv2 rekeys fed through the engine: the new IKE SA
 * inheriting from the old one (RFC 7296 2.18: transforms from the rekey's
 * chosen proposal; identities, AUTH methods and child SAs carried over,
 * renumbered when the responder rekeyed), the old SA's end-of-capture note,
 * rekey collisions of the IKE SA (2.8.2) and of a child SA (2.8.1), and each
 * message's sender state (ikediag.state.ios). */
#include "ikev2_run.h"

#include <string.h>

/* An ID payload body (RFC 7296 3.5): ID_IPV4_ADDR. */
static GByteArray *id_ipv4(uint8_t last_octet)
{
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, 1);
    ikb_fill(b, 0, 3);
    ikb_u8(b, 192), ikb_u8(b, 0), ikb_u8(b, 2), ikb_u8(b, last_octet);
    return b;
}

static GByteArray *auth_by(uint8_t method)
{
    GByteArray *b = auth_body();
    b->data[0] = method;
    return b;
}

/* As establish(), with identities and different AUTH methods per side
 * (the initiator signs with RSA, the responder with a PSK), so that a
 * side mixed up after the rekey shows. */
static void establish_with_ids(run *t)
{
    feed_clear(t, 0.0, ikv2b_sa_init_request());
    feed_clear(t, 0.01, ikv2b_sa_init_response());
    ikv2b_msg *req = old_msg(IKD_V2_EX_AUTH, true, false, 1);
    add(req, IKD_V2_PL_IDI, id_ipv4(10));
    add(req, IKD_V2_PL_AUTH, auth_by(IKD_V2_AUTH_RSA));
    add_child(req, OLD_SPI_I);
    feed_sealed(t, 0.02, req);
    ikv2b_msg *answer = old_msg(IKD_V2_EX_AUTH, false, true, 1);
    add(answer, IKD_V2_PL_IDR, id_ipv4(1));
    add(answer, IKD_V2_PL_AUTH, auth_by(IKD_V2_AUTH_PSK));
    add_child(answer, OLD_SPI_R);
    feed_sealed(t, 0.03, answer);
    g_assert_cmpint(t->ann.result.state, ==, IKD_IOS_V2_READY);
}

/* An IKE proposal unlike IKE_SA_INIT's: AES-CBC-256, PRF SHA-512,
 * HMAC-SHA-512-256 and, unless without_dh, DH group 19. */
static GByteArray *new_ike_sa(const uint8_t spi[8], bool without_dh)
{
    static const ikv2b_transform ike[] = { { IKD_V2_TT_ENCR, 12, 256 }, { IKD_V2_TT_PRF, 7, 0 },
                                           { IKD_V2_TT_INTEG, 14, 0 }, { IKD_V2_TT_DH, 19, 0 } };
    GByteArray *sa = g_byte_array_new();
    ikv2b_proposal(sa, true, 1, IKD_V2_PROTO_IKE, 8, ike, without_dh ? 3 : 4);
    memcpy(sa->data + 8, spi, 8);
    return sa;
}

/* A CREATE_CHILD_SA rekeying the IKE SA (RFC 7296 1.3.2), sent by the
 * initiator (or the responder) with message ID id; the new SPI is spi. */
static ikv2b_msg *ike_rekey(bool by_initiator, bool response, uint32_t id, const uint8_t spi[8], bool without_dh)
{
    bool from_initiator = by_initiator != response;
    ikv2b_msg *m = old_msg(IKD_V2_EX_CREATE_CHILD_SA, from_initiator, response, id);
    add(m, IKD_V2_PL_SA, new_ike_sa(spi, without_dh));
    add(m, IKD_V2_PL_NONCE, ikv2b_nonce(32));
    add(m, IKD_V2_PL_KE, ikv2b_ke(19, 64));
    return m;
}

/* A CREATE_CHILD_SA rekeying the child named by rekeyed (RFC 7296 1.3.3). */
static ikv2b_msg *child_rekey(bool by_initiator, bool response, uint32_t id, uint32_t rekeyed, uint32_t new_spi)
{
    bool from_initiator = by_initiator != response;
    ikv2b_msg *m = old_msg(IKD_V2_EX_CREATE_CHILD_SA, from_initiator, response, id);
    if (!response) {
        GByteArray *n = ikv2b_notify(IKD_V2_PROTO_ESP, 4, IKD_V2_N_REKEY_SA, 0);
        put_u32(n->data + 4, rekeyed);
        add(m, IKD_V2_PL_NOTIFY, n);
    }
    add(m, IKD_V2_PL_NONCE, ikv2b_nonce(32));
    add_child(m, new_spi);
    return m;
}

/* The initiator rekeys the IKE SA (frames 5, 6), deletes the old one
 * (7, 8); the new one runs a liveness check (9, 10). */
static void rekey_by_initiator(run *t)
{
    establish_with_ids(t);
    feed_sealed(t, 22.0, ike_rekey(true, false, 2, new_spi_i, false));
    feed_sealed(t, 22.005, ike_rekey(true, true, 2, new_spi_r, false));
    delete_ike(t, ikv2b_spi_i, ikv2b_spi_r, 3, 22.01);
    feed_sealed(t, 27.0, msg(new_spi_i, new_spi_r, IKD_V2_EX_INFORMATIONAL, true, false, 0));
    feed_sealed(t, 27.001, msg(new_spi_i, new_spi_r, IKD_V2_EX_INFORMATIONAL, false, true, 0));
}

static void test_new_sa_inherits(void)
{
    run t = { .engine = ikd_engine_new() };
    rekey_by_initiator(&t);
    g_assert_cmpuint(ikd_engine_sa_count(t.engine), ==, 2);
    const ikd_v2_sa *old = sa_at(&t, 0), *fresh = sa_at(&t, 1);
    g_assert_cmpuint(fresh->rekey_of, ==, old->sa.conn_id);
    const ikd_v2_ike_transforms *ike = &fresh->chosen.ike;
    g_assert_true(ike->known);
    g_assert_cmpuint(ike->encr, ==, 12);
    g_assert_cmpuint(ike->encr_key_bits, ==, 256);
    g_assert_cmpuint(ike->prf, ==, 7);
    g_assert_true(ike->has_integ);
    g_assert_cmpuint(ike->integ, ==, 14);
    g_assert_cmpuint(ike->dh, ==, 19);
    g_assert_cmpuint(old->chosen.ike.encr, ==, 20); /* IKE_SA_INIT chose AES-GCM-16 with PRF SHA-256 */
    g_assert_cmpuint(old->chosen.ike.prf, ==, 5);
    g_assert_cmpuint(fresh->chosen.auth_method[0], ==, IKD_V2_AUTH_RSA);
    g_assert_cmpuint(fresh->chosen.auth_method[1], ==, IKD_V2_AUTH_PSK);
    g_assert_cmpstr(ikd_v2_identity(&fresh->chosen, 0), ==, "192.0.2.10");
    g_assert_cmpstr(ikd_v2_identity(&fresh->chosen, 1), ==, "192.0.2.1");
    /* The child moved to the new IKE SA, as it was. */
    g_assert_cmpuint(ikd_v2_child_count(old), ==, 0);
    g_assert_cmpuint(ikd_v2_child_count(fresh), ==, 1);
    const ikd_v2_child *c = ikd_v2_child_at(fresh, 0);
    g_assert_cmpuint(c->requester, ==, 0);
    g_assert_cmpuint(c->spi[0], ==, OLD_SPI_I);
    g_assert_cmpuint(c->spi[1], ==, OLD_SPI_R);
    g_assert_true(ikd_v2_child_current(c));
    ikd_engine_free(t.engine);
}

/* Without a DH transform in the chosen proposal, the group is the KE's. */
static void test_new_sa_dh_from_ke(void)
{
    run t = { .engine = ikd_engine_new() };
    establish_with_ids(&t);
    feed_sealed(&t, 22.0, ike_rekey(true, false, 2, new_spi_i, true));
    feed_sealed(&t, 22.005, ike_rekey(true, true, 2, new_spi_r, true));
    feed_sealed(&t, 27.0, msg(new_spi_i, new_spi_r, IKD_V2_EX_INFORMATIONAL, true, false, 0));
    g_assert_cmpuint(sa_at(&t, 1)->chosen.ike.dh, ==, 19);
    g_assert_cmpuint(sa_at(&t, 1)->chosen.ike.prf, ==, 7);
    ikd_engine_free(t.engine);
}

/* The responder rekeys: it is the new SA's original initiator (RFC 7296
 * 2.18), so every per-side fact changes index. */
static void test_rekey_by_responder_renumbers(void)
{
    run t = { .engine = ikd_engine_new() };
    establish_with_ids(&t);
    feed_sealed(&t, 22.0, ike_rekey(false, false, 0, new_spi_i, false));
    feed_sealed(&t, 22.005, ike_rekey(false, true, 0, new_spi_r, false)); /* frame 6 */
    t.roles_swapped = true; /* the new SA's I flag is 192.0.2.1's */
    feed_sealed(&t, 27.0, msg(new_spi_i, new_spi_r, IKD_V2_EX_INFORMATIONAL, true, false, 0));
    const ikd_v2_sa *fresh = sa_at(&t, 1);
    const ikd_address resp_addr = { 4, { 192, 0, 2, 1 } };
    g_assert_true(ikd_address_equal(&fresh->sa.peer[0], &resp_addr));
    g_assert_cmpuint(fresh->sa.established_frame, ==, 6);
    g_assert_cmpuint(fresh->chosen.auth_method[0], ==, IKD_V2_AUTH_PSK);
    g_assert_cmpuint(fresh->chosen.auth_method[1], ==, IKD_V2_AUTH_RSA);
    g_assert_cmpstr(ikd_v2_identity(&fresh->chosen, 0), ==, "192.0.2.1");
    g_assert_cmpstr(ikd_v2_identity(&fresh->chosen, 1), ==, "192.0.2.10");
    const ikd_v2_child *c = ikd_v2_child_at(fresh, 0);
    g_assert_nonnull(c);
    g_assert_cmpuint(c->requester, ==, 1); /* the child was the old initiator's: now the new responder's */
    g_assert_cmpuint(c->spi[0], ==, OLD_SPI_R);
    g_assert_cmpuint(c->spi[1], ==, OLD_SPI_I);
    ikd_engine_free(t.engine);
}

/* The old SA's end: rekeyed to tunnel 2 in frame 6, then deleted. */
static void test_old_sa_note_says_rekeyed(void)
{
    run t = { .engine = ikd_engine_new() };
    rekey_by_initiator(&t);
    delete_ike(&t, new_spi_i, new_spi_r, 1, 30.0); /* frames 11, 12 */
    char text[512];
    ikd_finding_list old_end = verdicts_at(&t, 8);
    g_assert_cmpuint(old_end.count, ==, 1);
    g_assert_cmpuint(old_end.items[0].id, ==, IKD_F_V2_REKEYED);
    g_assert_cmpstr(render(&old_end.items[0], text, sizeof text), ==,
                    "SA 1 rekeyed to tunnel 2 in frame 6, then deleted by the initiator (INFORMATIONAL with Delete)");
    ikd_finding_list new_end = verdicts_at(&t, 12);
    g_assert_cmpuint(new_end.count, ==, 1);
    g_assert_cmpuint(new_end.items[0].id, ==, IKD_F_V2_DELETED);
    ikd_engine_free(t.engine);
}

/* Both peers rekey the IKE SA before either saw the other's request. */
static void test_ike_rekey_collision(void)
{
    run t = { .engine = ikd_engine_new() };
    establish_with_ids(&t);
    feed_sealed(&t, 22.0, ike_rekey(true, false, 2, new_spi_i, false)); /* frame 5 */
    g_assert_cmpuint(t.ann.findings.count, ==, 0);
    static const uint8_t other_spi_i[8] = { 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8 };
    feed_sealed(&t, 22.001, ike_rekey(false, false, 0, other_spi_i, false)); /* frame 6 */
    g_assert_true(ikd_findings_has(&t.ann.findings, IKD_F_V2_IKE_REKEY_COLLISION));
    g_assert_cmpuint(t.ann.findings.count, ==, 1);
    char text[512];
    g_assert_cmpstr(render(&t.ann.findings.items[0], text, sizeof text), ==,
                    "SA 1: both peers rekeyed this IKE SA at once: the initiator's CREATE_CHILD_SA in frame 5, the "
                    "responder's in frame 6 — rekey collision (RFC 7296 2.8.2): the new IKE SA made with the lowest "
                    "nonce is redundant and the peer that made it deletes it");
    feed_sealed(&t, 22.004, ike_rekey(true, true, 2, new_spi_r, false));
    g_assert_cmpuint(t.ann.findings.count, ==, 0);
    ikd_engine_free(t.engine);
}

/* The responder rekeys after the initiator's rekey was answered: no collision. */
static void test_ike_rekeys_in_turn_no_collision(void)
{
    run t = { .engine = ikd_engine_new() };
    establish_with_ids(&t);
    feed_sealed(&t, 22.0, ike_rekey(true, false, 2, new_spi_i, false));
    feed_sealed(&t, 22.004, ike_rekey(true, true, 2, new_spi_r, false));
    static const uint8_t other_spi_i[8] = { 0xc1, 0xc2, 0xc3, 0xc4, 0xc5, 0xc6, 0xc7, 0xc8 };
    feed_sealed(&t, 22.01, ike_rekey(false, false, 0, other_spi_i, false));
    g_assert_false(ikd_findings_has(&t.ann.findings, IKD_F_V2_IKE_REKEY_COLLISION));
    g_assert_cmpuint(t.ann.findings.count, ==, 0);
    ikd_engine_free(t.engine);
}

/* Both peers rekey the same child, each naming it by its own inbound SPI. */
static void test_child_rekey_collision(void)
{
    run t = { .engine = ikd_engine_new() };
    establish_with_ids(&t);
    feed_sealed(&t, 12.0, child_rekey(false, false, 0, OLD_SPI_R, 0x11111111)); /* frame 5, the responder's */
    g_assert_cmpuint(t.ann.findings.count, ==, 0);
    feed_sealed(&t, 12.001, child_rekey(true, false, 2, OLD_SPI_I, NEW_SPI_I)); /* frame 6 */
    g_assert_true(ikd_findings_has(&t.ann.findings, IKD_F_V2_CHILD_REKEY_COLLISION));
    char text[512];
    g_assert_cmpstr(render(&t.ann.findings.items[0], text, sizeof text), ==,
                    "SA 1: both peers rekeyed the child SA with SPI 0xc82e0fca at once: the initiator's "
                    "CREATE_CHILD_SA in frame 6, the responder's in frame 5 — rekey collision (RFC 7296 2.8.1): the "
                    "new child SA made with the lowest nonce is redundant and the peer that made it deletes it");
    ikd_engine_free(t.engine);
}

/* Rekeys of two different children at once are no collision. */
static void test_different_children_no_collision(void)
{
    run t = { .engine = ikd_engine_new() };
    establish_with_ids(&t);
    feed_sealed(&t, 12.0, child_rekey(false, false, 0, 0x22222222, 0x11111111));
    feed_sealed(&t, 12.001, child_rekey(true, false, 2, OLD_SPI_I, NEW_SPI_I));
    g_assert_false(ikd_findings_has(&t.ann.findings, IKD_F_V2_CHILD_REKEY_COLLISION));
    ikd_engine_free(t.engine);
}

/* The initiator rekeys the child SA `count` times in turn from `at` on, 100 s
 * apart: each CREATE_CHILD_SA names the child before it by the initiator's
 * SPI (0x50000000 + k new, the responder's 0x60000000 + k) and is answered
 * 10 ms later; with_liveness adds an answered liveness check 50 s after
 * each. *id is the next message ID. Returns the newest child's initiator SPI. */
static uint32_t rekey_children_in_turn(run *t, uint32_t count, uint32_t *id, double at, bool with_liveness)
{
    uint32_t previous = OLD_SPI_I;
    for (uint32_t k = 0; k < count; k++, at += 100) {
        feed_sealed(t, at, child_rekey(true, false, *id, previous, 0x50000000u + k));
        feed_sealed(t, at + 0.01, child_rekey(true, true, (*id)++, 0, 0x60000000u + k));
        if (with_liveness)
            liveness(t, at + 50, (*id)++, true);
        previous = 0x50000000u + k;
    }
    return previous;
}

/* A long-lived IKE SA, past the 16 children and exchanges found by
 * walking: 30 child rekeys in turn, each naming the child before it by the
 * initiator's SPI, with liveness checks between them; a DELETE of the first
 * child's responder SPI; both peers rekeying the newest child at once (a
 * collision, found among the open rekeys only); then an IKE rekey whose new
 * SA, first seen after it, is linked to this one and takes its children,
 * which it then finds by SPI. */
static void test_long_lived(void)
{
    run t = { .engine = ikd_engine_new() };
    establish_with_ids(&t); /* frames 1..4: child 0, OLD_SPI_I / OLD_SPI_R */
    enum { REKEYS = 30 };
    uint32_t id = 2;
    uint32_t previous = rekey_children_in_turn(&t, REKEYS, &id, 100, true); /* frames 5 to 124 */
    double at = 100 + 100 * REKEYS;
    const ikd_v2_sa *old = sa_at(&t, 0);
    g_assert_cmpuint(ikd_v2_child_count(old), ==, REKEYS + 1);
    for (uint32_t k = 0; k < REKEYS; k++) /* child k rekeyed by the k-th response: four frames a round */
        g_assert_cmpuint(ikd_v2_child_at(old, k)->rekeyed_frame, ==, 4 + 4 * k + 2);
    g_assert_cmpuint(ikd_v2_child_at(old, REKEYS)->rekeyed_frame, ==, 0);
    ikv2b_msg *del = old_msg(IKD_V2_EX_INFORMATIONAL, true, false, id);
    add(del, IKD_V2_PL_DELETE, delete_body(IKD_V2_PROTO_ESP, OLD_SPI_R));
    feed_sealed(&t, at, del); /* frame 125 */
    feed_sealed(&t, at + 0.001, old_msg(IKD_V2_EX_INFORMATIONAL, false, true, id++));
    g_assert_cmpuint(ikd_v2_child_at(old, 0)->deleted_frame, ==, 125);
    g_assert_cmpuint(ikd_v2_child_at(old, 1)->deleted_frame, ==, 0);
    feed_sealed(&t, at + 10, child_rekey(false, false, 0, 0x60000000u + REKEYS - 1, 0x70000000u)); /* frame 127 */
    g_assert_false(ikd_findings_has(&t.ann.findings, IKD_F_V2_CHILD_REKEY_COLLISION));
    feed_sealed(&t, at + 10.001, child_rekey(true, false, id++, previous, 0x71000000u)); /* frame 128 */
    g_assert_true(ikd_findings_has(&t.ann.findings, IKD_F_V2_CHILD_REKEY_COLLISION));
    feed_sealed(&t, at + 20, ike_rekey(true, false, id, new_spi_i, false));
    feed_sealed(&t, at + 20.005, ike_rekey(true, true, id, new_spi_r, false));
    feed_sealed(&t, at + 25, msg(new_spi_i, new_spi_r, IKD_V2_EX_INFORMATIONAL, true, false, 0));
    g_assert_cmpuint(ikd_engine_sa_count(t.engine), ==, 2);
    const ikd_v2_sa *fresh = sa_at(&t, 1);
    g_assert_cmpuint(fresh->rekey_of, ==, old->sa.conn_id);
    g_assert_cmpuint(old->rekeyed_to, ==, fresh->sa.conn_id);
    g_assert_cmpint(fresh->status, ==, IKD_IOS_V2_READY);
    /* Every child set up and not deleted moves over, in order; the deleted
     * one and the two unanswered requests stay behind. */
    g_assert_cmpuint(ikd_v2_child_count(fresh), ==, REKEYS);
    g_assert_cmpuint(ikd_v2_child_count(old), ==, 3);
    g_assert_cmpuint(ikd_v2_child_at(fresh, 0)->spi[0], ==, 0x50000000u);
    g_assert_cmpuint(ikd_v2_child_at(fresh, REKEYS - 1)->spi[0], ==, 0x50000000u + REKEYS - 1);
    /* Found by SPI in the SA they moved to: a DELETE there of the sixth's responder SPI. */
    ikv2b_msg *del_new = msg(new_spi_i, new_spi_r, IKD_V2_EX_INFORMATIONAL, true, false, 1);
    add(del_new, IKD_V2_PL_DELETE, delete_body(IKD_V2_PROTO_ESP, 0x60000005u));
    feed_sealed(&t, at + 30, del_new);
    g_assert_cmpuint(ikd_v2_child_at(fresh, 5)->deleted_frame, ==, t.frame);
    g_assert_cmpuint(ikd_v2_child_at(fresh, 4)->deleted_frame, ==, 0);
    ikd_engine_free(t.engine);
}

/* Past the 16 children found by walking, two children end up with one SPI
 * (each peer picks its own, so one side's may equal the other's): the one
 * made first owns it, as the walk found it, though the later one filed it
 * first. The responder asks for a child (A); the initiator asks for another
 * (B) with SPI K; the initiator's answer to A gives A the same K; a DELETE
 * of K deletes A. */
static void test_children_sharing_an_spi(void)
{
    run t = { .engine = ikd_engine_new() };
    establish_with_ids(&t);
    uint32_t id = 2;
    rekey_children_in_turn(&t, 16, &id, 100, false);
    const uint32_t K = 0x7777aaaau;
    feed_sealed(&t, 2000.0, child_rekey(false, false, 0, 0, 0x12121212u)); /* A, the responder's */
    feed_sealed(&t, 2000.1, child_rekey(true, false, id, 0, K));            /* B */
    feed_sealed(&t, 2000.2, child_rekey(false, true, 0, 0, K));             /* A answered with K */
    const ikd_v2_sa *v2 = sa_at(&t, 0);
    uint32_t a = ikd_v2_child_count(v2) - 2, b = a + 1;
    g_assert_cmpuint(ikd_v2_child_at(v2, a)->spi[1], ==, 0x12121212u);
    g_assert_cmpuint(ikd_v2_child_at(v2, a)->spi[0], ==, K);
    g_assert_cmpuint(ikd_v2_child_at(v2, b)->spi[0], ==, K);
    ikv2b_msg *del = old_msg(IKD_V2_EX_INFORMATIONAL, true, false, id + 1);
    add(del, IKD_V2_PL_DELETE, delete_body(IKD_V2_PROTO_ESP, K));
    feed_sealed(&t, 2001.0, del);
    g_assert_cmpuint(ikd_v2_child_at(v2, a)->deleted_frame, ==, t.frame);
    g_assert_cmpuint(ikd_v2_child_at(v2, b)->deleted_frame, ==, 0);
    ikd_engine_free(t.engine);
}

/* ikediag.state.ios: the sender's own state after each message. */
static void test_sender_state(void)
{
    run t = { .engine = ikd_engine_new() };
    feed_clear(&t, 0.0, ikv2b_sa_init_request());
    g_assert_cmpstr(ikd_ios_state_name(t.ann.result.state_ios), ==, "I_WAIT_INIT");
    feed_clear(&t, 0.01, ikv2b_sa_init_response());
    g_assert_cmpstr(ikd_ios_state_name(t.ann.result.state_ios), ==, "R_WAIT_AUTH");
    ikv2b_msg *req = old_msg(IKD_V2_EX_AUTH, true, false, 1);
    add(req, IKD_V2_PL_AUTH, auth_body());
    feed_sealed(&t, 0.02, req);
    g_assert_cmpstr(ikd_ios_state_name(t.ann.result.state_ios), ==, "I_WAIT_AUTH");
    ikv2b_msg *answer = old_msg(IKD_V2_EX_AUTH, false, true, 1);
    add(answer, IKD_V2_PL_AUTH, auth_body());
    feed_sealed(&t, 0.03, answer);
    g_assert_cmpstr(ikd_ios_state_name(t.ann.result.state_ios), ==, "READY");
    ikd_engine_free(t.engine);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ikev2_rekey/new_sa_inherits", test_new_sa_inherits);
    g_test_add_func("/ikev2_rekey/new_sa_dh_from_ke", test_new_sa_dh_from_ke);
    g_test_add_func("/ikev2_rekey/rekey_by_responder_renumbers", test_rekey_by_responder_renumbers);
    g_test_add_func("/ikev2_rekey/old_sa_note_says_rekeyed", test_old_sa_note_says_rekeyed);
    g_test_add_func("/ikev2_rekey/ike_rekey_collision", test_ike_rekey_collision);
    g_test_add_func("/ikev2_rekey/ike_rekeys_in_turn_no_collision", test_ike_rekeys_in_turn_no_collision);
    g_test_add_func("/ikev2_rekey/child_rekey_collision", test_child_rekey_collision);
    g_test_add_func("/ikev2_rekey/different_children_no_collision", test_different_children_no_collision);
    g_test_add_func("/ikev2_rekey/sender_state", test_sender_state);
    g_test_add_func("/ikev2_rekey/long_lived", test_long_lived);
    g_test_add_func("/ikev2_rekey/children_sharing_an_spi", test_children_sharing_an_spi);
    return g_test_run();
}
