/* ikediag unit tests - capture artefacts: copies of one message (a SPAN port,
 * two capture points across a NAT), frames out of time order, and messages
 * sent as IP fragments of which one was lost. Messages are the builder's
 * canned ISAKMP messages; packets are fed to the engine as the plugin feeds
 * them.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "engine.h"
#include "ikev1/ikev1_sa.h"
#include "ikev1_builder.h"

#include <glib.h>
#include <string.h>

static const ikd_address ini_addr = { 4, { 192, 0, 2, 10 } };
static const ikd_address resp_addr = { 4, { 192, 0, 2, 1 } };
static const ikd_address nat_addr = { 4, { 203, 0, 113, 1 } };

typedef struct {
    const ikd_address *src, *dst;
    uint16_t src_port, dst_port;
} path;

static const path to_resp = { &ini_addr, &resp_addr, 500, 500 };
static const path to_ini = { &resp_addr, &ini_addr, 500, 500 };
static const path to_resp_after_nat = { &nat_addr, &resp_addr, 20000, 500 };

/* Feeds the first `captured` of the message's bytes (all when 0). */
static void feed(ikd_engine *e, const ikb_msg *m, const path *via, uint32_t frame, double time, ikd_transport t,
                 size_t captured, ikd_annotation *ann)
{
    size_t len = m->bytes->len;
    uint8_t *copy = g_memdup2(m->bytes->data, (guint)len);
    ikd_packet p = { .frame = frame, .time = time, .src = *via->src, .dst = *via->dst, .src_port = via->src_port,
                     .dst_port = via->dst_port, .transport = t, .bytes = copy,
                     .captured_len = captured ? captured : len, .reported_len = len };
    ikd_engine_feed(e, &p, ann);
    g_free(copy);
}

static bool has_finding(const ikd_annotation *ann, ikd_finding_id id, const ikd_finding **out)
{
    for (uint32_t i = 0; i < ann->findings.count; i++)
        if (ann->findings.items[i].id == id) {
            *out = &ann->findings.items[i];
            return true;
        }
    return false;
}

/* A SPAN copy 4 µs after the original is named and shown as the original,
 * never counted as a retransmission. */
static void test_span_copy(void)
{
    ikb_msg *mm1 = ikb_canned_mm1(), *mm2 = ikb_canned_mm2();
    ikd_engine *e = ikd_engine_new();
    ikd_annotation ann;
    const ikd_finding *f = NULL;
    feed(e, mm1, &to_resp, 1, 10.0, IKD_TRANSPORT_UDP, 0, &ann);
    feed(e, mm1, &to_resp, 2, 10.000004, IKD_TRANSPORT_UDP, 0, &ann);
    g_assert_true(has_finding(&ann, IKD_F_DUPLICATE_FRAME, &f));
    g_assert_cmpuint(f->arg[0], ==, 1); /* the frame it copies */
    g_assert_cmpuint(f->arg[1], ==, 4); /* µs later */
    g_assert_cmpuint(ann.findings.count, ==, 1);
    g_assert_cmpuint(ann.result.conn_id, ==, 1001);
    g_assert_cmpuint(ann.result.step, ==, IKD_STEP_MM1);
    g_assert_cmpuint(ann.result.retransmission, ==, 0);
    feed(e, mm2, &to_ini, 3, 10.01, IKD_TRANSPORT_UDP, 0, &ann);
    const ikd_sa *sa = ikd_engine_sa(e, 0);
    g_assert_cmpuint(ikd_engine_sa_count(e), ==, 1);
    g_assert_cmpuint(sa->messages, ==, 2);
    g_assert_cmpuint(ikd_sa_retransmissions(sa), ==, 0);
    ikd_engine_free(e);
    ikb_msg_free(mm1);
    ikb_msg_free(mm2);
}

/* The same message seen after a NAT (other address and port) is one message
 * seen twice; outside the window, an identical message is a retransmission;
 * a window of 0 turns the check off. */
static void test_translated_copy_and_window(void)
{
    ikb_msg *mm1 = ikb_canned_mm1();
    ikd_engine *e = ikd_engine_new();
    ikd_annotation ann;
    const ikd_finding *f = NULL;
    feed(e, mm1, &to_resp, 1, 0.0, IKD_TRANSPORT_UDP, 0, &ann);
    feed(e, mm1, &to_resp_after_nat, 2, 0.0001, IKD_TRANSPORT_UDP, 0, &ann);
    g_assert_true(has_finding(&ann, IKD_F_DUPLICATE_TRANSLATED, &f));
    g_assert_cmpuint(f->arg[0], ==, 1);
    g_assert_cmpuint(f->arg[1], ==, 100);
    feed(e, mm1, &to_resp, 3, 0.006, IKD_TRANSPORT_UDP, 0, &ann);
    g_assert_true(has_finding(&ann, IKD_F_RETRANSMISSION, &f));
    g_assert_cmpuint(ann.result.retransmission, ==, 1);
    ikd_engine_free(e);

    e = ikd_engine_new();
    ikd_engine_set_duplicate_window(e, 0);
    feed(e, mm1, &to_resp, 1, 0.0, IKD_TRANSPORT_UDP, 0, &ann);
    feed(e, mm1, &to_resp, 2, 0.000004, IKD_TRANSPORT_UDP, 0, &ann);
    g_assert_cmpuint(ann.result.retransmission, ==, 1);
    ikd_engine_free(e);
    ikb_msg_free(mm1);
}

/* A frame stamped before the frame before it is named, with how much. */
static void test_out_of_order(void)
{
    ikb_msg *mm1 = ikb_canned_mm1(), *mm2 = ikb_canned_mm2();
    ikd_engine *e = ikd_engine_new();
    ikd_annotation ann;
    const ikd_finding *f = NULL;
    ikd_engine_note_frame(e, 1, 5.0); /* a frame that is not IKE */
    feed(e, mm2, &to_ini, 2, 5.5, IKD_TRANSPORT_UDP, 0, &ann);
    g_assert_false(has_finding(&ann, IKD_F_OUT_OF_ORDER, &f));
    feed(e, mm1, &to_resp, 3, 5.25, IKD_TRANSPORT_UDP, 0, &ann);
    g_assert_true(has_finding(&ann, IKD_F_OUT_OF_ORDER, &f));
    g_assert_cmpuint(f->arg[0], ==, 250);
    ikd_engine_free(e);
    ikb_msg_free(mm1);
    ikb_msg_free(mm2);
}

/* MM3 sent four times as IP fragments, none ever whole: the SA's verdict is
 * the lost fragment, not a silent initiator; one rebuilt copy clears it. */
static void test_ip_fragments_lost(void)
{
    ikb_msg *mm1 = ikb_canned_mm1(), *mm2 = ikb_canned_mm2(), *mm3 = ikb_canned_mm3();
    ikd_engine *e = ikd_engine_new();
    ikd_annotation ann;
    const ikd_finding *f = NULL;
    feed(e, mm1, &to_resp, 1, 0.0, IKD_TRANSPORT_UDP, 0, &ann);
    feed(e, mm2, &to_ini, 2, 0.01, IKD_TRANSPORT_UDP, 0, &ann);
    for (uint32_t i = 0; i < 4; i++)
        feed(e, mm3, &to_resp, 3 + i, 0.02 + 2.0 * i, IKD_TRANSPORT_IP_FRAGMENT, 200, &ann);
    g_assert_true(has_finding(&ann, IKD_F_IP_FRAGMENT, &f));
    g_assert_cmpuint(f->arg[1], ==, 200);
    g_assert_cmpuint(f->arg[2], ==, mm3->bytes->len);
    g_assert_cmpuint(ann.result.step, ==, IKD_STEP_MM3);
    g_assert_cmpuint(ann.result.conn_id, ==, 1001);
    const ikd_sa *sa = ikd_engine_sa(e, 0);
    g_assert_nonnull(sa->verdict);
    g_assert_cmpuint(sa->verdict->id, ==, IKD_F_STUCK_IP_FRAGMENTS_LOST);
    g_assert_cmpuint(sa->verdict->arg[1], ==, IKD_STEP_MM3);
    g_assert_cmpuint(sa->verdict->arg[2], ==, 4);
    g_assert_cmpuint(sa->verdict->arg[3], ==, 6000);
    g_assert_cmpuint(sa->verdict_evidence, ==, IKD_EVIDENCE_STRONG);
    g_assert_cmpuint(sa->messages, ==, 2); /* fragments are not messages */

    feed(e, mm3, &to_resp, 7, 6.03, IKD_TRANSPORT_REASSEMBLED, 0, &ann);
    sa = ikd_engine_sa(e, 0);
    g_assert_cmpuint(sa->verdict->id, ==, IKD_F_CAPTURE_TOO_SHORT);
    ikd_engine_free(e);
    ikb_msg_free(mm1);
    ikb_msg_free(mm2);
    ikb_msg_free(mm3);
}

/* Only a byte-for-byte repeat is a retransmission: another message taking
 * the same step (here an MM1 whose vendor ID differs) is counted, not called one. */
static void test_retransmission_is_identical(void)
{
    ikb_msg *mm1 = ikb_canned_mm1(), *other = ikb_canned_mm1();
    other->bytes->data[other->bytes->len - 1] ^= 0xff; /* the last byte of its vendor ID */
    ikd_engine *e = ikd_engine_new();
    ikd_annotation ann;
    const ikd_finding *f = NULL;
    feed(e, mm1, &to_resp, 1, 0.0, IKD_TRANSPORT_UDP, 0, &ann);
    feed(e, other, &to_resp, 2, 2.0, IKD_TRANSPORT_UDP, 0, &ann);
    g_assert_false(has_finding(&ann, IKD_F_RETRANSMISSION, &f));
    g_assert_cmpuint(ann.result.step, ==, IKD_STEP_MM1);
    feed(e, mm1, &to_resp, 3, 4.0, IKD_TRANSPORT_UDP, 0, &ann);
    g_assert_true(has_finding(&ann, IKD_F_RETRANSMISSION, &f));
    g_assert_cmpuint(f->arg[1], ==, 1); /* the first resend */
    g_assert_cmpuint(f->arg[3], ==, 1); /* of frame 1 */
    const ikd_sa *sa = ikd_engine_sa(e, 0);
    g_assert_cmpuint(ikd_sa_retransmissions(sa), ==, 1);
    g_assert_cmpuint(sa->messages, ==, 3);
    ikd_engine_free(e);
    ikb_msg_free(mm1);
    ikb_msg_free(other);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/artefacts/span_copy", test_span_copy);
    g_test_add_func("/artefacts/translated_copy_and_window", test_translated_copy_and_window);
    g_test_add_func("/artefacts/out_of_order", test_out_of_order);
    g_test_add_func("/artefacts/ip_fragments_lost", test_ip_fragments_lost);
    g_test_add_func("/artefacts/retransmission_is_identical", test_retransmission_is_identical);
    return g_test_run();
}
