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

/* One record and the annotation its copies are noted in. */
typedef struct {
    ikd_step_record r;
    ikd_annotation *ann;
} fixture;

static void set_up(fixture *f, gconstpointer data)
{
    (void)data;
    memset(&f->r, 0, sizeof f->r);
    f->ann = g_new(ikd_annotation, 1);
}

static void tear_down(fixture *f, gconstpointer data)
{
    (void)data;
    ikd_step_record_release(&f->r);
    g_free(f->ann);
}

static bool feed(fixture *f, uint32_t frame, double time, uint64_t hash)
{
    const ikd_packet p = copy_at(frame, time, hash);
    ikd_annotation_reset(f->ann);
    return ikd_step_record_copy(&f->r, &p, f->ann, 1);
}

/* The first copy: its hash, no gaps, not a resend. */
static void test_first_copy(fixture *f, gconstpointer data)
{
    (void)data;
    g_assert_false(feed(f, 7, 10.0, 0x1234));
    g_assert_cmpuint(f->r.copies, ==, 1);
    g_assert_cmpuint(f->r.resends, ==, 0);
    g_assert_cmphex(ikd_step_record_hash(&f->r), ==, 0x1234);
    g_assert_null(ikd_step_record_gaps(&f->r));
    g_assert_cmpuint(f->ann->findings.count, ==, 0);
}

/* Two byte-identical resends 1 s then 2 s later: two gaps, the hash still
 * the first copy's, a retransmission finding naming the first frame. A
 * different message taking the same step is counted, not called a resend. */
static void test_resends_keep_hash_and_gaps(fixture *f, gconstpointer data)
{
    (void)data;
    feed(f, 7, 10.0, 0xabcd);
    g_assert_true(feed(f, 9, 11.0, 0xabcd));
    g_assert_cmpuint(f->ann->result.retransmission, ==, 1);
    g_assert_cmpuint(f->ann->result.original_frame, ==, 7);
    g_assert_true(ikd_findings_has(&f->ann->findings, IKD_F_RETRANSMISSION));
    g_assert_true(feed(f, 12, 13.0, 0xabcd));
    g_assert_false(feed(f, 14, 13.5, 0xef01));
    g_assert_cmpuint(f->r.copies, ==, 4);
    g_assert_cmpuint(f->r.resends, ==, 2);
    g_assert_cmpuint(f->r.last_frame, ==, 14);
    g_assert_cmphex(ikd_step_record_hash(&f->r), ==, 0xabcd);
    g_assert_cmpuint(f->r.gap_count, ==, 2);
    const float *gaps = ikd_step_record_gaps(&f->r);
    g_assert_nonnull(gaps);
    g_assert_cmpfloat_with_epsilon(gaps[0], 1.0, 1e-6);
    g_assert_cmpfloat_with_epsilon(gaps[1], 2.0, 1e-6);
}

/* Releasing frees the gaps and keeps the hash: a later copy of the same
 * bytes is still a resend. */
static void test_release_keeps_hash(fixture *f, gconstpointer data)
{
    (void)data;
    feed(f, 7, 10.0, 0x5555);
    feed(f, 8, 11.0, 0x5555);
    ikd_step_record_release(&f->r);
    g_assert_cmpuint(f->r.gap_count, ==, 0);
    g_assert_null(ikd_step_record_gaps(&f->r));
    g_assert_cmphex(ikd_step_record_hash(&f->r), ==, 0x5555);
    g_assert_true(feed(f, 9, 12.0, 0x5555));
}

/* More resends than IKD_MAX_GAPS: the first IKD_MAX_GAPS gaps are kept,
 * every resend is still counted. */
static void test_gaps_bounded(fixture *f, gconstpointer data)
{
    (void)data;
    feed(f, 1, 0.0, 0x77);
    for (uint32_t n = 1; n <= IKD_MAX_GAPS + 5; n++)
        g_assert_true(feed(f, 1 + n, n * 0.5, 0x77));
    g_assert_cmpuint(f->r.resends, ==, IKD_MAX_GAPS + 5);
    g_assert_cmpuint(f->r.gap_count, ==, IKD_MAX_GAPS);
    g_assert_cmpfloat_with_epsilon(ikd_step_record_gaps(&f->r)[IKD_MAX_GAPS - 1], 0.5, 1e-6);
    g_assert_cmphex(ikd_step_record_hash(&f->r), ==, 0x77);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add("/exchange/first_copy", fixture, NULL, set_up, test_first_copy, tear_down);
    g_test_add("/exchange/resends_keep_hash_and_gaps", fixture, NULL, set_up, test_resends_keep_hash_and_gaps,
               tear_down);
    g_test_add("/exchange/release_keeps_hash", fixture, NULL, set_up, test_release_keeps_hash, tear_down);
    g_test_add("/exchange/gaps_bounded", fixture, NULL, set_up, test_gaps_bounded, tear_down);
    return g_test_run();
}
