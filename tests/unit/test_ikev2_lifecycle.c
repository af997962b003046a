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
#include "ikev2/rekey.h"
#include "ikev2_run.h"

#include <glib.h>
#include <string.h>

/* The SA's liveness checks (empty INFORMATIONAL requests, decrypted), and
 * in *answered (when given) how many of them a response answered. */
static uint32_t liveness_checks(const ikd_v2_sa *v2, uint32_t *answered)
{
    uint32_t checks = 0, replied = 0;
    for (uint32_t i = 0; i < ikd_v2_exchange_count(v2); i++) {
        const ikd_v2_exchange *x = ikd_v2_exchange_at(v2, i);
        checks += x->liveness;
        replied += x->liveness && x->response.copies;
    }
    if (answered)
        *answered = replied;
    return checks;
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
    g_assert_cmpuint(ikd_sa_deleted_frame(&v2->sa), ==, 5);
    g_assert_cmpuint(v2->deleted_by, ==, 0);
    g_assert_cmpuint(v2->sa.established_frame, ==, 4);
    g_assert_null(v2->sa.verdict);
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
    rekey_child(&t, 12.0, 2, NEW_SPI_I, NEW_SPI_R, true); /* frames 5 and 6 */
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
    g_assert_cmpuint(liveness_checks(v2, NULL), ==, 0); /* a request with a Delete is no liveness check */
    g_assert_null(v2->sa.verdict);
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
    const ikd_v2_exchange *rekey = ikd_v2_rekey_that_made(old, new_spi_i, new_spi_r);
    g_assert_nonnull(rekey);
    g_assert_cmpuint(rekey->rekeys, ==, IKD_V2_REKEYS_IKE);
    g_assert_cmpuint(rekey->request.first_frame, ==, 7);
    g_assert_cmpuint(rekey->response.first_frame, ==, 8);
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
    g_assert_cmpuint(ikd_sa_deleted_frame(&old->sa), ==, 9);
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
    g_assert_cmpuint(ikd_sa_deleted_frame(&fresh->sa), ==, 13);
    uint32_t answered = 0;
    g_assert_cmpuint(liveness_checks(fresh, &answered), ==, 1);
    g_assert_cmpuint(answered, ==, 1);
    g_assert_cmpuint(ikd_sa_number(fresh->sa.conn_id), ==, 2); /* the Tunnel-id */
    g_assert_cmpmem(fresh->sa.spi_i, 8, new_spi_i, 8);
    g_assert_cmpmem(fresh->sa.spi_r, 8, new_spi_r, 8);
    g_assert_null(old->sa.verdict);
    g_assert_null(fresh->sa.verdict);
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
    uint32_t answered = 0;
    g_assert_cmpuint(liveness_checks(v2, &answered), ==, 3);
    g_assert_cmpuint(answered, ==, 3);
    g_assert_cmpuint(ikd_v2_exchange_count(v2), ==, 5);
    g_assert_true(ikd_v2_exchange_at(v2, 4)->liveness);
    g_assert_null(v2->sa.verdict);
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
    uint32_t answered = 0;
    g_assert_cmpuint(liveness_checks(v2, &answered), ==, 2);
    g_assert_cmpuint(answered, ==, 1);
    g_assert_cmpuint(ikd_sa_retransmissions(&v2->sa), ==, 2);
    g_assert_true(v2->sa.verdict);
    g_assert_cmpuint(v2->sa.verdict->id, ==, IKD_F_V2_STUCK_PEER_DEAD);
    g_assert_cmpint(v2->sa.verdict_evidence, ==, IKD_EVIDENCE_STRONG);
    g_assert_cmpuint(v2->sa.verdict->arg[1], ==, 1);
    g_assert_cmpuint(v2->sa.verdict->arg[2], ==, IKD_ROLE_INITIATOR);
    g_assert_cmpuint(v2->sa.verdict->arg[3], ==, 1);
    g_assert_cmpuint(v2->sa.verdict->arg[4], ==, 3);
    char text[512];
    g_assert_cmpstr(render(v2->sa.verdict, text, sizeof text), ==,
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
    uint32_t answered = 0;
    g_assert_cmpuint(liveness_checks(v2, &answered), ==, 2);
    g_assert_cmpuint(answered, ==, 1);
    g_assert_true(v2->sa.verdict);
    g_assert_cmpuint(v2->sa.verdict->id, ==, IKD_F_CAPTURE_TOO_SHORT);
    g_assert_cmpint(v2->sa.verdict_evidence, ==, IKD_EVIDENCE_WEAK);
    char text[512];
    g_assert_cmpstr(render(v2->sa.verdict, text, sizeof text), ==,
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
    uint32_t answered = 0;
    g_assert_cmpuint(liveness_checks(v2, &answered), ==, 1);
    g_assert_cmpuint(answered, ==, 0);
    g_assert_null(v2->sa.verdict);
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
