/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - floods of IKEv2 IKE_SA_INIT requests nobody answers
 * (expert/flood.h): summarised in bursts like IKEv1's MM1s, a burst of each
 * kind apart, an answered SA in neither; dropped by the SA table's bound. */
#include "engine.h"
#include "ikev2_builder.h"

#include <glib.h>
#include <string.h>

/* One message from (198.51.100.src) to 192.0.2.1, or back, on UDP 500. */
static void feed(ikd_engine *e, const GByteArray *b, uint32_t frame, double time, int src, bool from_responder)
{
    ikd_address peer = { 4, { 198, 51, 100, (uint8_t)src } }, responder = { 4, { 192, 0, 2, 1 } };
    uint8_t *copy = g_memdup2(b->data, b->len);
    const ikd_packet p = { .frame = frame, .time = time, .src = from_responder ? responder : peer,
                           .dst = from_responder ? peer : responder, .src_port = 500, .dst_port = 500,
                           .transport = IKD_TRANSPORT_UDP, .bytes = copy, .captured_len = b->len,
                           .reported_len = b->len };
    ikd_annotation ann;
    ikd_engine_feed(e, &p, &ann);
    ikd_annotation_clear(&ann);
    g_free(copy);
}

/* The n-th SA's IKE_SA_INIT request (its own SPIi), or its response. */
static void feed_init(ikd_engine *e, uint32_t n, uint32_t frame, double time, int src, bool response)
{
    ikv2b_msg *m = response ? ikv2b_sa_init_response() : ikv2b_sa_init_request();
    const uint8_t spi_i[8] = { 0x2c, 0, 0, 0, (uint8_t)(n >> 24), (uint8_t)(n >> 16), (uint8_t)(n >> 8), (uint8_t)n };
    memcpy(m->b->data, spi_i, 8);
    feed(e, m->b, frame, time, src, response);
    ikv2b_free(m);
}

/* 120 IKE_SA_INIT requests, one a second, from 100 sources; then one SA
 * answered: one burst of 120, its verdict on the first request. */
static void test_init_burst(void)
{
    ikd_engine *e = ikd_engine_new();
    uint32_t frame = 0;
    for (uint32_t i = 0; i < 120; i++)
        feed_init(e, i, ++frame, 1000.0 + i, 1 + (int)(i % 100), false);
    feed_init(e, 500, ++frame, 1200.0, 200, false);
    feed_init(e, 500, ++frame, 1200.1, 200, true);
    uint32_t n = 0;
    const ikd_burst *b = ikd_engine_bursts(e, &n);
    g_assert_cmpuint(n, ==, 1);
    g_assert_cmpuint(b[0].sas, ==, 120);
    g_assert_cmpuint(b[0].sources, ==, 100);
    g_assert_cmpuint(b[0].first_frame, ==, 1);
    g_assert_cmpuint(b[0].step, ==, IKD_STEP_IKE_SA_INIT);
    ikd_finding_list out;
    ikd_engine_verdicts(e, 1, 0, &out);
    g_assert_cmpuint(out.count, ==, 1);
    const uint32_t args[IKD_FINDING_ARGS] = { 120, 100, 119000, IKD_STEP_IKE_SA_INIT, 0 };
    g_assert_cmpuint(out.items[0].id, ==, IKD_F_FLOOD_BURST);
    for (int k = 0; k < IKD_FINDING_ARGS; k++)
        g_assert_cmpuint(out.items[0].arg[k], ==, args[k]);
    g_assert_cmpuint(ikd_engine_sa_count(e), ==, 121);
    for (uint32_t i = 0; i < ikd_engine_sa_count(e); i++)
        g_assert_cmpuint(ikd_engine_sa(e, i)->burst, ==, i < 120 ? 1 : 0);
    ikd_engine_free(e);
}

/* 100 IKEv1 MM1s, then 100 IKE_SA_INITs within the gap: two bursts, one of each. */
static void test_kinds_apart(void)
{
    ikd_engine *e = ikd_engine_new();
    uint32_t frame = 0;
    for (uint32_t i = 0; i < 100; i++) {
        const uint8_t ic[8] = { 0x1c, 0, 0, 0, 0, 0, (uint8_t)(i >> 8), (uint8_t)i };
        ikb_msg *m = ikb_with_cookies(ikb_canned_mm1(), ic, ikv2b_spi_zero);
        feed(e, m->bytes, ++frame, 1000.0 + i, 1 + (int)i, false);
        ikb_msg_free(m);
    }
    for (uint32_t i = 0; i < 100; i++)
        feed_init(e, i, ++frame, 1100.0 + i, 101 + (int)i, false);
    uint32_t n = 0;
    const ikd_burst *b = ikd_engine_bursts(e, &n);
    g_assert_cmpuint(n, ==, 2);
    g_assert_cmpuint(b[0].step, ==, IKD_STEP_MM1);
    g_assert_cmpuint(b[0].sas, ==, 100);
    g_assert_cmpuint(b[1].step, ==, IKD_STEP_IKE_SA_INIT);
    g_assert_cmpuint(b[1].sas, ==, 100);
    g_assert_cmpuint(b[1].first_frame, ==, 101);
    ikd_engine_free(e);
}

/* A bound of 32 SAs: one IKEv2 SA answered first, then 40 IKE_SA_INIT
 * requests nobody answers. As for IKEv1, the two oldest half-open SAs go at a
 * time (32 / 16), never the answered one: 10 dropped (tunnels 2..11), their
 * SPIs forgotten (a late response to one finds no SA), one finding on the
 * request that first went over. */
static void test_eviction(void)
{
    ikd_engine *e = ikd_engine_new();
    ikd_engine_set_max_sas(e, 32);
    uint32_t frame = 0;
    feed_init(e, 500, ++frame, 1000.0, 200, false);
    feed_init(e, 500, ++frame, 1000.1, 200, true);
    for (uint32_t i = 0; i < 40; i++)
        feed_init(e, i, ++frame, 1001.0 + i, 1 + (int)i, false);
    g_assert_cmpuint(ikd_engine_sas_dropped(e), ==, 10);
    g_assert_cmpuint(ikd_engine_sa_count(e), ==, 31);
    const ikd_sa *answered = ikd_engine_sa(e, 0), *oldest_kept = ikd_engine_sa(e, 1);
    g_assert_cmpuint(ikd_sa_number(answered->conn_id), ==, 1);
    g_assert_cmpuint(ikd_sa_number(oldest_kept->conn_id), ==, 12);
    g_assert_cmpuint(oldest_kept->index, ==, 1);
    g_assert_cmpuint(ikd_engine_response_in(e, 1, 0), ==, 2);
    g_assert_cmpuint(ikd_engine_response_in(e, 3, 0), ==, 0);
    ikd_finding_list out;
    ikd_engine_verdicts(e, 34, 0, &out);
    const uint32_t args[IKD_FINDING_ARGS] = { 10, 32, 0, 0, 0 };
    bool found = false;
    for (uint32_t i = 0; i < out.count; i++)
        if (out.items[i].id == IKD_F_SAS_DROPPED) {
            found = true;
            for (int k = 0; k < IKD_FINDING_ARGS; k++)
                g_assert_cmpuint(out.items[i].arg[k], ==, args[k]);
        }
    g_assert_true(found);
    /* The first dropped SA's response comes late: a new SA, not a crash. */
    feed_init(e, 0, ++frame, 1100.0, 1, true);
    g_assert_cmpuint(ikd_engine_sa_count(e), ==, 32);
    ikd_engine_free(e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/flood/ikev2/init_burst", test_init_burst);
    g_test_add_func("/flood/ikev2/kinds_apart", test_kinds_apart);
    g_test_add_func("/flood/ikev2/eviction", test_eviction);
    return g_test_run();
}
