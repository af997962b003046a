/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - floods of half-open SAs (expert/flood.h): bursts
 * summarised as one verdict, the bound on the SA table dropping the oldest
 * unanswered SAs first, and -z isakmp,sa,summary's collapsed table. */
#include "engine.h"
#include "ikev1_builder.h"
#include "report/flood_text.h"

#include <glib.h>
#include <string.h>

static const uint8_t zero[8];

/* One message, from (198.51.100.src) or to 192.0.2.1 (the responder), on
 * UDP 500, and what the engine says of it (the caller clears ann). */
static void feed_noted(ikd_engine *e, const ikb_msg *m, uint32_t frame, double time, int src, bool from_responder,
                       ikd_annotation *ann)
{
    ikd_address peer = { 4, { 198, 51, 100, (uint8_t)src } }, responder = { 4, { 192, 0, 2, 1 } };
    uint8_t *copy = g_memdup2(m->bytes->data, m->bytes->len);
    const ikd_packet p = { .frame = frame, .time = time, .src = from_responder ? responder : peer,
                           .dst = from_responder ? peer : responder, .src_port = 500, .dst_port = 500,
                           .transport = IKD_TRANSPORT_UDP, .bytes = copy, .captured_len = m->bytes->len,
                           .reported_len = m->bytes->len };
    ikd_engine_feed(e, &p, ann);
    g_free(copy);
}

static void feed(ikd_engine *e, const ikb_msg *m, uint32_t frame, double time, int src, bool from_responder)
{
    ikd_annotation ann;
    feed_noted(e, m, frame, time, src, from_responder, &ann);
    ikd_annotation_clear(&ann);
}

/* MM1 of the n-th SA (its own initiator cookie). */
static ikb_msg *mm1_of(uint32_t n)
{
    uint8_t ic[8] = { 0x1c, 0, 0, 0, (uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n };
    return ikb_with_cookies(ikb_canned_mm1(), ic, zero);
}

static void feed_mm1(ikd_engine *e, uint32_t n, uint32_t frame, double time, int src)
{
    ikb_msg *m = mm1_of(n);
    feed(e, m, frame, time, src, false);
    ikb_msg_free(m);
}

static void assert_verdicts(ikd_engine *e, uint32_t frame, uint32_t count, ikd_finding_id id,
                            const uint32_t args[IKD_FINDING_ARGS])
{
    ikd_finding_list out;
    ikd_engine_verdicts(e, frame, 0, &out);
    g_assert_cmpuint(out.count, ==, count);
    if (!count)
        return;
    const ikd_finding *f = &out.items[out.count - 1]; /* the SA's own verdict, if any, comes first */
    g_assert_cmpuint(f->id, ==, id);
    for (int k = 0; k < IKD_FINDING_ARGS; k++)
        g_assert_cmpuint(f->arg[k], ==, args[k]);
}

/* 150 MM1s, one a second, from 120 sources: one burst, one verdict on its
 * first message, none of the SAs' own MM_NO_STATE verdicts. */
static void test_one_burst(void)
{
    ikd_engine *e = ikd_engine_new();
    for (uint32_t i = 0; i < 150; i++)
        feed_mm1(e, i, i + 1, 1000.0 + i, 1 + (int)(i % 120));
    uint32_t n = 0;
    const ikd_burst *b = ikd_engine_bursts(e, &n);
    g_assert_cmpuint(n, ==, 1);
    g_assert_cmpuint(b[0].sas, ==, 150);
    g_assert_cmpuint(b[0].sources, ==, 120);
    g_assert_cmpuint(b[0].first_frame, ==, 1);
    g_assert_cmpuint(b[0].step, ==, IKD_STEP_MM1);
    const uint32_t args[IKD_FINDING_ARGS] = { 150, 120, 149000, IKD_STEP_MM1, 0 };
    assert_verdicts(e, 1, 1, IKD_F_FLOOD_BURST, args);
    assert_verdicts(e, 2, 0, 0, NULL);
    assert_verdicts(e, 150, 0, 0, NULL);
    for (uint32_t i = 0; i < ikd_engine_sa_count(e); i++) {
        const ikd_sa *sa = ikd_engine_sa(e, i);
        g_assert_cmpuint(sa->burst, ==, 1);
        g_assert_nonnull(sa->verdict);
        g_assert_cmpuint(sa->verdict->id, ==, IKD_F_FLOOD_BURST);
    }
    GString *out = g_string_new(NULL);
    ikd_text_show_isakmp_sa_summary(e, NULL, out);
    g_assert_cmpstr(out->str, ==,
                    "IPv4 Crypto ISAKMP SA\n"
                    "dst             src             state          conn-id slot status\n"
                    "\n"
                    "IPv6 Crypto ISAKMP SA\n"
                    "\n"
                    "! 150 SAs in MM_NO_STATE not listed: 150 MM1s from 120 sources to 192.0.2.1 in 149.0 s, "
                    "none answered (an IKE scan or DoS, or the responder is down)\n");
    g_string_free(out, TRUE);
    ikd_engine_free(e);
}

/* 99 MM1s are no burst: each SA keeps its own verdict. */
static void test_below_threshold(void)
{
    ikd_engine *e = ikd_engine_new();
    for (uint32_t i = 0; i < IKD_BURST_MIN_SAS - 1; i++)
        feed_mm1(e, i, i + 1, 1000.0 + i, 1 + (int)i);
    uint32_t n = 1;
    ikd_engine_bursts(e, &n);
    g_assert_cmpuint(n, ==, 0);
    const ikd_sa *first = ikd_engine_sa(e, 0);
    g_assert_cmpuint(first->burst, ==, 0);
    g_assert_nonnull(first->verdict);
    g_assert_cmpuint(first->verdict->id, ==, IKD_F_CAPTURE_TOO_SHORT); /* one copy each: its own verdict */
    ikd_engine_free(e);
}

/* A pause longer than IKD_BURST_GAP_SECONDS between two runs of 100: two bursts. */
static void test_gap_splits_bursts(void)
{
    ikd_engine *e = ikd_engine_new();
    for (uint32_t i = 0; i < 200; i++)
        feed_mm1(e, i, i + 1, 1000.0 + i + (i >= 100 ? IKD_BURST_GAP_SECONDS : 0), 1 + (int)(i % 100));
    uint32_t n = 0;
    const ikd_burst *b = ikd_engine_bursts(e, &n);
    g_assert_cmpuint(n, ==, 2);
    const uint32_t first[IKD_FINDING_ARGS] = { 100, 100, 99000, IKD_STEP_MM1, 0 };
    assert_verdicts(e, 1, 1, IKD_F_FLOOD_BURST, first);
    assert_verdicts(e, 101, 1, IKD_F_FLOOD_BURST, first);
    g_assert_cmpfloat(b[1].first_time, ==, 1000.0 + 100 + IKD_BURST_GAP_SECONDS);
    g_assert_cmpuint(ikd_engine_sa(e, 100)->burst, ==, 2);
    ikd_engine_free(e);
}

/* Five MM1s, a pause, then 100: the short run is no burst (its SAs keep
 * their own verdicts), and the burst after it is the first. */
static void test_short_run_then_burst(void)
{
    ikd_engine *e = ikd_engine_new();
    for (uint32_t i = 0; i < 105; i++)
        feed_mm1(e, i, i + 1, 1000.0 + i + (i >= 5 ? IKD_BURST_GAP_SECONDS : 0), 1 + (int)(i % 50));
    uint32_t n = 0;
    const ikd_burst *b = ikd_engine_bursts(e, &n);
    g_assert_cmpuint(n, ==, 1);
    g_assert_cmpuint(b[0].sas, ==, 100);
    g_assert_cmpuint(b[0].sources, ==, 50);
    g_assert_cmpuint(b[0].first_frame, ==, 6);
    for (uint32_t i = 0; i < 105; i++)
        g_assert_cmpuint(ikd_engine_sa(e, i)->burst, ==, i < 5 ? 0 : 1);
    g_assert_cmpuint(ikd_engine_sa(e, 0)->verdict->id, ==, IKD_F_CAPTURE_TOO_SHORT);
    const uint32_t args[IKD_FINDING_ARGS] = { 100, 50, 99000, IKD_STEP_MM1, 0 };
    assert_verdicts(e, 6, 1, IKD_F_FLOOD_BURST, args);
    g_assert_true(ikd_engine_sa(e, 104)->verdict == ikd_engine_sa(e, 5)->verdict);
    ikd_engine_free(e);
}

/* A bound of 32 SAs: an answered SA first, then 40 MM1s. Past the bound the
 * two oldest half-open SAs go at a time (32 / 16), never the answered one:
 * 10 dropped (SAs 1002..1011), one finding on the message that first went over. */
static void test_eviction_oldest_unanswered_first(void)
{
    ikd_engine *e = ikd_engine_new();
    ikd_engine_set_max_sas(e, 32);
    const uint8_t ic[8] = { 0xaa, 1, 2, 3, 4, 5, 6, 7 }, rc[8] = { 0xbb, 1, 2, 3, 4, 5, 6, 7 };
    ikb_msg *mm1 = ikb_with_cookies(ikb_canned_mm1(), ic, zero), *mm2 = ikb_with_cookies(ikb_canned_mm2(), ic, rc);
    feed(e, mm1, 1, 1000.0, 200, false);
    feed(e, mm2, 2, 1000.1, 200, true);
    ikb_msg_free(mm1);
    ikb_msg_free(mm2);
    for (uint32_t i = 0; i < 40; i++)
        feed_mm1(e, i, i + 3, 1001.0 + i, 1 + (int)i);
    g_assert_cmpuint(ikd_engine_sas_dropped(e), ==, 10);
    g_assert_cmpuint(ikd_engine_sa_count(e), ==, 31);
    g_assert_cmpuint(ikd_engine_sa(e, 0)->conn_id, ==, 1001);
    g_assert_cmpuint(ikd_engine_sa(e, 1)->conn_id, ==, 1012);
    g_assert_cmpuint(ikd_engine_sa(e, 1)->index, ==, 1);
    g_assert_null(ikd_engine_sa_by_conn_id(e, 1002));
    g_assert_null(ikd_engine_sa_by_conn_id(e, 1011));
    g_assert_cmpuint(ikd_engine_sa_by_conn_id(e, 1041)->conn_id, ==, 1041);
    g_assert_cmpuint(ikd_engine_response_in(e, 1, 0), ==, 2);
    const uint32_t args[IKD_FINDING_ARGS] = { 10, 32, 0, 0, 0 };
    assert_verdicts(e, 34, 2, IKD_F_SAS_DROPPED, args); /* SA 1033's MM1 made 33; its own verdict too */
    ikd_engine_free(e);
}

/* 40 answered SAs, then a bound of 32: none is half-open, none dropped (the
 * search for some starts after them from then on); then each of 10 MM1s
 * makes a half-open SA. The first goes at once; with too few to drop, the
 * next pass waits for a sixteenth of the bound (2) more SAs, so they go in
 * twos and the tenth is still there; the answered ones all stay. */
static void test_bound_full_of_answered_sas(void)
{
    ikd_engine *e = ikd_engine_new();
    uint32_t frame = 0;
    for (uint32_t n = 0; n < 40; n++) {
        const uint8_t ic[8] = { 0xaa, 0, 0, 0, 0, 0, 0, (uint8_t)n }, rc[8] = { 0xbb, 0, 0, 0, 0, 0, 0, (uint8_t)n };
        ikb_msg *mm1 = ikb_with_cookies(ikb_canned_mm1(), ic, zero);
        ikb_msg *mm2 = ikb_with_cookies(ikb_canned_mm2(), ic, rc);
        feed(e, mm1, ++frame, 1000.0 + n, 100 + (int)n, false);
        feed(e, mm2, ++frame, 1000.1 + n, 100 + (int)n, true);
        ikb_msg_free(mm1);
        ikb_msg_free(mm2);
    }
    ikd_engine_set_max_sas(e, 32);
    for (uint32_t i = 0; i < 10; i++)
        feed_mm1(e, i, ++frame, 2000.0 + i, 1 + (int)i);
    g_assert_cmpuint(ikd_engine_sas_dropped(e), ==, 9);
    g_assert_cmpuint(ikd_engine_sa_count(e), ==, 41);
    g_assert_cmpuint(ikd_engine_sa(e, 39)->conn_id, ==, 1040);
    g_assert_null(ikd_engine_sa_by_conn_id(e, 1041));
    g_assert_null(ikd_engine_sa_by_conn_id(e, 1049));
    g_assert_nonnull(ikd_engine_sa_by_conn_id(e, 1050));
    g_assert_cmpuint(ikd_engine_response_in(e, 79, 0), ==, 80);
    ikd_engine_free(e);
}

/* MM1 of the n-th SA sent again (from the address flooded_engine gave it):
 * the conn-id its annotation names (0: none), and the bound the note that
 * its SA was dropped names (0: no such note). */
static uint32_t resend_mm1(ikd_engine *e, uint32_t n, uint32_t frame, double time, uint32_t *dropped_note_bound)
{
    ikb_msg *m = mm1_of(n);
    ikd_annotation ann;
    feed_noted(e, m, frame, time, 1 + (int)(n % 200), false, &ann);
    *dropped_note_bound = 0;
    for (uint32_t k = 0; k < ann.findings.count; k++)
        if (ann.findings.items[k].id == IKD_F_DROPPED_SA_MESSAGE)
            *dropped_note_bound = ann.findings.items[k].arg[0];
    uint32_t conn_id = ann.result.conn_id;
    ikd_annotation_clear(&ann);
    ikb_msg_free(m);
    return conn_id;
}

/* An engine bounded at max_sas that was fed count MM1s, 10 ms apart. */
static ikd_engine *flooded_engine(uint32_t max_sas, uint32_t count)
{
    ikd_engine *e = ikd_engine_new();
    ikd_engine_set_max_sas(e, max_sas);
    for (uint32_t i = 0; i < count; i++)
        feed_mm1(e, i, i + 1, 1000.0 + i * 0.01, 1 + (int)(i % 200));
    return e;
}

/* A bound of 32 and 40 MM1s: two at a time go from the 33rd on, 8 in all
 * (SAs 1001..1008). Each MM1 is then sent again, as an initiator resends
 * it: a dropped SA's copy is noted and shown without an SA, not made a new
 * SA (which would be dropped again, counted again, and push out an older
 * SA: on a real capture every SA left was one a resend had made); the
 * others are their SAs' retransmissions. */
static void test_dropped_sa_resent(void)
{
    ikd_engine *e = flooded_engine(32, 40);
    g_assert_cmpuint(ikd_engine_sas_dropped(e), ==, 8);
    g_assert_cmpuint(ikd_engine_sa_count(e), ==, 32);
    for (uint32_t i = 0; i < 40; i++) {
        uint32_t note = 0;
        uint32_t conn_id = resend_mm1(e, i, 41 + i, 1002.0 + i * 0.01, &note);
        g_assert_cmpuint(conn_id, ==, i < 8 ? 0 : 1001 + i);
        g_assert_cmpuint(note, ==, i < 8 ? 32 : 0);
    }
    g_assert_cmpuint(ikd_engine_sas_dropped(e), ==, 8);
    g_assert_cmpuint(ikd_engine_sa_count(e), ==, 32);
    g_assert_cmpuint(ikd_engine_sa(e, 0)->conn_id, ==, 1009);
    g_assert_cmpuint(ikd_engine_sa(e, 0)->messages, ==, 2);
    const uint32_t args[IKD_FINDING_ARGS] = { 8, 32, 0, 0, 0 };
    assert_verdicts(e, 33, 1, IKD_F_SAS_DROPPED, args); /* SA 1033's own verdict is on its copy */
    ikd_engine_free(e);
}

/* What is remembered of dropped SAs is bounded too: two generations of
 * max(bound / 2, 64) SPIs. A bound of 32 and 300 MM1s drop 268 SAs, two at
 * a time; the SPIs of the last 268 - 256 = 12 in the newer generation, the
 * 64 before them in the older; the first 192 dropped are forgotten, and a
 * copy of one of those is taken for a new SA, as before any drop. */
static void test_dropped_spis_bounded(void)
{
    ikd_engine *e = flooded_engine(32, 300);
    g_assert_cmpuint(ikd_engine_sas_dropped(e), ==, 268);
    uint32_t note = 0;
    g_assert_cmpuint(resend_mm1(e, 267, 301, 1004.0, &note), ==, 0); /* the last dropped (SA 1268) */
    g_assert_cmpuint(note, ==, 32);
    g_assert_cmpuint(resend_mm1(e, 192, 302, 1004.1, &note), ==, 0); /* the oldest remembered */
    g_assert_cmpuint(note, ==, 32);
    g_assert_cmpuint(resend_mm1(e, 191, 303, 1004.2, &note), ==, 1301); /* forgotten: a new SA */
    g_assert_cmpuint(note, ==, 0);
    ikd_engine_free(e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/flood/one_burst", test_one_burst);
    g_test_add_func("/flood/below_threshold", test_below_threshold);
    g_test_add_func("/flood/gap_splits_bursts", test_gap_splits_bursts);
    g_test_add_func("/flood/short_run_then_burst", test_short_run_then_burst);
    g_test_add_func("/flood/eviction_oldest_unanswered_first", test_eviction_oldest_unanswered_first);
    g_test_add_func("/flood/bound_full_of_answered_sas", test_bound_full_of_answered_sas);
    g_test_add_func("/flood/dropped_sa_resent", test_dropped_sa_resent);
    g_test_add_func("/flood/dropped_spis_bounded", test_dropped_spis_bounded);
    return g_test_run();
}
