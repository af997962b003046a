/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/ikev1/phase1_proposals: the initiator's offer
 * an SA keeps, fed through the engine: an MM1 sent again with another offer
 * replacing it (fewer, more, one again), more transforms than are kept,
 * and SAs that offered the same sharing one offer. Run under ASan/UBSan in
 * CI, where a transform written past what is held, or an offer freed while
 * an SA holds it, shows. */
#include "engine.h"
#include "ikev1/ikev1_sa.h"
#include "ikev1_builder.h"

#include <glib.h>
#include <string.h>

enum { MANY = IKD_MAX_OFFERS + 4 };

/* Transforms 1..n, alternating the builder's two MM1 transforms'
 * attributes, in a proposal numbered `proposal` (so that no MM1 is the
 * same bytes as one before it, which would be a resend). */
static ikb_msg *mm1_offering(size_t n, uint8_t proposal)
{
    ikb_transform transforms[MANY];
    for (size_t i = 0; i < n; i++) {
        transforms[i] = ikb_mm1_transforms[i % 2];
        transforms[i].number = (uint8_t)(i + 1);
    }
    const ikb_proposal p = { proposal, 1 /* ISAKMP */, 0, NULL, transforms, n, NULL, 0 };
    return ikb_mm1_with(&p, 1);
}

/* Feeds an MM1 offering n transforms in proposal `proposal`, from the
 * builder's initiator cookie with its first byte `cookie`. */
static const ikd_v1_sa *feed_mm1(ikd_engine *engine, uint32_t frame, size_t n, uint8_t proposal, uint8_t cookie)
{
    ikb_msg *m = mm1_offering(n, proposal);
    m->bytes->data[0] = cookie;
    ikd_packet p = { .frame = frame, .time = frame * 0.5, .src = { 4, { 192, 0, 2, 10 } },
                     .dst = { 4, { 192, 0, 2, 1 } }, .src_port = 500, .dst_port = 500,
                     .transport = IKD_TRANSPORT_UDP, .bytes = m->bytes->data, .captured_len = m->bytes->len,
                     .reported_len = m->bytes->len };
    ikd_annotation ann;
    ikd_engine_feed(engine, &p, &ann);
    ikd_annotation_clear(&ann);
    ikb_msg_free(m);
    return ikd_v1_sa_of_const(ikd_engine_sa(engine, ikd_engine_sa_count(engine) - 1));
}

/* Feeds an MM1 offering n transforms (all from one initiator cookie) and
 * checks the SA's offer: the first IKD_MAX_OFFERS kept, the rest noted as dropped. */
static void offer(ikd_engine *engine, uint32_t frame, size_t n)
{
    const ikd_v1_sa *v1 = feed_mm1(engine, frame, n, (uint8_t)frame, 0x11);
    g_assert_cmpuint(ikd_engine_sa_count(engine), ==, 1);
    g_assert_cmpint(ikd_v1_offers_dropped(v1), ==, n > IKD_MAX_OFFERS);
    g_assert_cmpuint(ikd_v1_offer_count(v1), ==, MIN(n, (size_t)IKD_MAX_OFFERS));
    for (uint32_t i = 0; i < ikd_v1_offer_count(v1); i++) {
        g_assert_cmpuint(ikd_v1_offers(v1)[i].transform_number, ==, i + 1);
        g_assert_cmpuint(ikd_v1_offers(v1)[i].attributes.encryption, ==, i % 2 ? 5u /* 3DES */ : 7u /* AES */);
    }
}

static void test_offers_replaced(void)
{
    ikd_engine *engine = ikd_engine_new();
    const size_t counts[] = { 1, 1, 3, 2, 1, MANY, 1, 2 }; /* the first MM1 sent again, changed each time */
    for (uint32_t i = 0; i < G_N_ELEMENTS(counts); i++)
        offer(engine, i + 1, counts[i]);
    ikd_engine_free(engine);
}

/* SAs that offered the same transforms hold one offer; another offer (its
 * proposal numbered otherwise) is its own, and stays when an SA sharing the
 * first one offers anew. */
static void test_same_offer_shared(void)
{
    ikd_engine *engine = ikd_engine_new();
    const ikd_v1_sa *a = feed_mm1(engine, 1, 3, 1, 0x21);
    const ikd_v1_sa *b = feed_mm1(engine, 2, 3, 1, 0x22);
    const ikd_v1_sa *c = feed_mm1(engine, 3, 3, 2, 0x23);
    g_assert_cmpuint(ikd_engine_sa_count(engine), ==, 3);
    g_assert_true(a->offer == b->offer);
    g_assert_true(c->offer != a->offer);
    g_assert_cmpuint(a->offer->holders, ==, 2);
    g_assert_cmpuint(c->offer->holders, ==, 1);
    feed_mm1(engine, 4, 3, 2, 0x22); /* b's MM1 again, with c's offer */
    g_assert_cmpuint(ikd_engine_sa_count(engine), ==, 3);
    g_assert_true(b->offer == c->offer);
    g_assert_cmpuint(a->offer->holders, ==, 1);
    g_assert_cmpuint(c->offer->holders, ==, 2);
    g_assert_cmpuint(ikd_v1_offers(a)[2].transform_number, ==, 3);
    ikd_engine_free(engine);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/phase1_offers/replaced", test_offers_replaced);
    g_test_add_func("/phase1_offers/same_offer_shared", test_same_offer_shared);
    return g_test_run();
}
