/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - common/exchange: one message's copies in its step
 * record, resends told by the first copy's hash, back-off gaps kept out of
 * line once the message is resent. The packets carry only what a record
 * reads (frame, time, hash); no bytes are needed. */
#include "common/exchange.h"

#include <glib.h>
#include <string.h>

static ikd_packet copy_at(uint32_t frame, double time, uint64_t hash)
{
    ikd_packet p;
    memset(&p, 0, sizeof p);
    p.frame = frame;
    p.time = time;
    p.transport = IKD_TRANSPORT_UDP;
    p.hash = hash;
    return p;
}

static bool feed(ikd_step_record *r, uint32_t frame, double time, uint64_t hash, ikd_annotation *ann)
{
    const ikd_packet p = copy_at(frame, time, hash);
    ikd_annotation_reset(ann);
    return ikd_step_record_copy(r, &p, ann, 1);
}

/* The first copy: its hash, no gaps, not a resend. */
static void test_first_copy(void)
{
    ikd_step_record r;
    memset(&r, 0, sizeof r);
    ikd_annotation *ann = g_new(ikd_annotation, 1);
    g_assert_false(feed(&r, 7, 10.0, 0x1234, ann));
    g_assert_cmpuint(r.copies, ==, 1);
    g_assert_cmpuint(r.resends, ==, 0);
    g_assert_cmphex(ikd_step_record_hash(&r), ==, 0x1234);
    g_assert_null(ikd_step_record_gaps(&r));
    g_assert_cmpuint(ann->findings.count, ==, 0);
    ikd_step_record_release(&r);
    g_free(ann);
}

/* Two byte-identical resends 1 s then 2 s later: two gaps, the hash still
 * the first copy's, a retransmission finding naming the first frame. A
 * different message taking the same step is counted, not called a resend. */
static void test_resends_keep_hash_and_gaps(void)
{
    ikd_step_record r;
    memset(&r, 0, sizeof r);
    ikd_annotation *ann = g_new(ikd_annotation, 1);
    feed(&r, 7, 10.0, 0xabcd, ann);
    g_assert_true(feed(&r, 9, 11.0, 0xabcd, ann));
    g_assert_cmpuint(ann->result.retransmission, ==, 1);
    g_assert_cmpuint(ann->result.original_frame, ==, 7);
    g_assert_true(ikd_findings_has(&ann->findings, IKD_F_RETRANSMISSION));
    g_assert_true(feed(&r, 12, 13.0, 0xabcd, ann));
    g_assert_false(feed(&r, 14, 13.5, 0xef01, ann));
    g_assert_cmpuint(r.copies, ==, 4);
    g_assert_cmpuint(r.resends, ==, 2);
    g_assert_cmpuint(r.last_frame, ==, 14);
    g_assert_cmphex(ikd_step_record_hash(&r), ==, 0xabcd);
    g_assert_cmpuint(r.gap_count, ==, 2);
    const float *gaps = ikd_step_record_gaps(&r);
    g_assert_nonnull(gaps);
    g_assert_cmpfloat_with_epsilon(gaps[0], 1.0, 1e-6);
    g_assert_cmpfloat_with_epsilon(gaps[1], 2.0, 1e-6);
    ikd_step_record_release(&r);
    g_free(ann);
}

/* Releasing frees the gaps and keeps the hash: a later copy of the same
 * bytes is still a resend. */
static void test_release_keeps_hash(void)
{
    ikd_step_record r;
    memset(&r, 0, sizeof r);
    ikd_annotation *ann = g_new(ikd_annotation, 1);
    feed(&r, 7, 10.0, 0x5555, ann);
    feed(&r, 8, 11.0, 0x5555, ann);
    ikd_step_record_release(&r);
    g_assert_cmpuint(r.gap_count, ==, 0);
    g_assert_null(ikd_step_record_gaps(&r));
    g_assert_cmphex(ikd_step_record_hash(&r), ==, 0x5555);
    g_assert_true(feed(&r, 9, 12.0, 0x5555, ann));
    ikd_step_record_release(&r);
    g_free(ann);
}

/* More resends than IKD_MAX_GAPS: the first IKD_MAX_GAPS gaps are kept,
 * every resend is still counted. */
static void test_gaps_bounded(void)
{
    ikd_step_record r;
    memset(&r, 0, sizeof r);
    ikd_annotation *ann = g_new(ikd_annotation, 1);
    feed(&r, 1, 0.0, 0x77, ann);
    for (uint32_t n = 1; n <= IKD_MAX_GAPS + 5; n++)
        g_assert_true(feed(&r, 1 + n, n * 0.5, 0x77, ann));
    g_assert_cmpuint(r.resends, ==, IKD_MAX_GAPS + 5);
    g_assert_cmpuint(r.gap_count, ==, IKD_MAX_GAPS);
    g_assert_cmpfloat_with_epsilon(ikd_step_record_gaps(&r)[IKD_MAX_GAPS - 1], 0.5, 1e-6);
    g_assert_cmphex(ikd_step_record_hash(&r), ==, 0x77);
    ikd_step_record_release(&r);
    g_free(ann);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/exchange/first_copy", test_first_copy);
    g_test_add_func("/exchange/resends_keep_hash_and_gaps", test_resends_keep_hash_and_gaps);
    g_test_add_func("/exchange/release_keeps_hash", test_release_keeps_hash);
    g_test_add_func("/exchange/gaps_bounded", test_gaps_bounded);
    return g_test_run();
}
