/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/ikev1/offer_pool: offers kept once, told
 * apart by every field of every transform (and not by padding bytes),
 * counted, and gone with their last holder. Run under ASan/LSan in CI,
 * where an offer freed early or never shows. */
#include "ikev1/offer_pool.h"

#include <glib.h>
#include <string.h>

/* Two transforms, their padding bytes set to `fill` (as a copy may leave them). */
static void two_transforms(ikd_transform_entry out[2], int fill)
{
    memset(out, fill, 2 * sizeof out[0]);
    for (int i = 0; i < 2; i++) {
        out[i].proposal_number = 1;
        out[i].protocol = 1;
        out[i].transform_number = (uint8_t)(i + 1);
        out[i].transform_id = 1;
        out[i].attributes.encryption = 7;
        out[i].attributes.key_length = (uint16_t)(128 * (i + 1));
        out[i].attributes.hash = 2;
        out[i].attributes.auth = 1;
        out[i].attributes.group = 14;
        out[i].attributes.life_seconds = 86400;
        out[i].attributes.life_kilobytes = 0;
    }
}

static void test_same_held_once(void)
{
    ikd_v1_offer_pool *pool = ikd_v1_offer_pool_new();
    ikd_transform_entry x[2], y[2];
    two_transforms(x, 0);
    two_transforms(y, 0xa5); /* other padding: the same offer */
    const ikd_v1_offer *a = ikd_v1_offer_hold(pool, x, 2, false);
    const ikd_v1_offer *b = ikd_v1_offer_hold(pool, y, 2, false);
    g_assert_true(a == b);
    g_assert_cmpuint(a->holders, ==, 2);
    g_assert_cmpuint(a->count, ==, 2);
    g_assert_cmpuint(a->entries[1].attributes.key_length, ==, 256);
    g_assert_cmpuint(ikd_v1_offer_pool_size(pool), ==, 1);
    ikd_v1_offer_release(a);
    g_assert_cmpuint(ikd_v1_offer_pool_size(pool), ==, 1);
    ikd_v1_offer_release(b);
    g_assert_cmpuint(ikd_v1_offer_pool_size(pool), ==, 0);
    ikd_v1_offer_release(NULL);
    ikd_v1_offer_pool_free(pool);
}

/* Each field of a transform, the count and `dropped` tell offers apart:
 * each variant held right after the base offer (compared with the offer
 * held last, before any hash), and found again by its hash after others. */
static void test_every_field_counts(void)
{
    ikd_v1_offer_pool *pool = ikd_v1_offer_pool_new();
    ikd_transform_entry base[2];
    two_transforms(base, 0);
    const ikd_v1_offer *held[16], *base_offer = ikd_v1_offer_hold(pool, base, 2, false);
    unsigned n = 0;
    held[n++] = base_offer;
    held[n++] = ikd_v1_offer_hold(pool, base, 2, true);
    g_assert_true(ikd_v1_offer_hold(pool, base, 2, false) == base_offer);
    held[n++] = ikd_v1_offer_hold(pool, base, 1, false);
    for (int field = 0; field < 11; field++) {
        g_assert_true(ikd_v1_offer_hold(pool, base, 2, false) == base_offer);
        ikd_transform_entry t[2];
        two_transforms(t, 0);
        ikd_transform *a = &t[1].attributes;
        switch (field) {
        case 0: t[1].proposal_number++; break;
        case 1: t[1].protocol++; break;
        case 2: t[1].transform_number++; break;
        case 3: t[1].transform_id++; break;
        case 4: a->encryption++; break;
        case 5: a->key_length++; break;
        case 6: a->hash++; break;
        case 7: a->auth++; break;
        case 8: a->group++; break;
        case 9: a->life_seconds++; break;
        default: a->life_kilobytes++; break;
        }
        held[n++] = ikd_v1_offer_hold(pool, t, 2, false);
    }
    g_assert_cmpuint(n, ==, 14);
    g_assert_cmpuint(ikd_v1_offer_pool_size(pool), ==, n);
    g_assert_cmpuint(base_offer->holders, ==, 13);
    for (unsigned i = 0; i < n; i++)
        for (unsigned j = i + 1; j < n; j++)
            g_assert_true(held[i] != held[j]);
    for (unsigned i = 0; i < n; i++) {
        ikd_transform_entry copy[2];
        memcpy(copy, held[i]->entries, held[i]->count * sizeof copy[0]);
        g_assert_true(ikd_v1_offer_hold(pool, copy, held[i]->count, held[i]->dropped) == held[i]);
    }
    for (unsigned i = 0; i < n; i++) {
        ikd_v1_offer_release(held[i]);
        ikd_v1_offer_release(held[i]);
    }
    for (unsigned k = 0; k < 12; k++)
        ikd_v1_offer_release(base_offer);
    g_assert_cmpuint(ikd_v1_offer_pool_size(pool), ==, 0);
    ikd_v1_offer_pool_free(pool);
}

/* The offer held last, released by its last holder, is not handed out
 * again: held anew, it is made anew; an offer between two others is still
 * found by its transforms. */
static void test_last_released(void)
{
    ikd_v1_offer_pool *pool = ikd_v1_offer_pool_new();
    ikd_transform_entry x[2];
    two_transforms(x, 0);
    const ikd_v1_offer *first = ikd_v1_offer_hold(pool, x, 2, false);
    const ikd_v1_offer *other = ikd_v1_offer_hold(pool, x, 1, false);
    g_assert_true(ikd_v1_offer_hold(pool, x, 2, false) == first);
    g_assert_cmpuint(first->holders, ==, 2);
    ikd_v1_offer_release(other);
    const ikd_v1_offer *again = ikd_v1_offer_hold(pool, x, 1, false);
    g_assert_cmpuint(again->holders, ==, 1);
    g_assert_cmpuint(again->count, ==, 1);
    ikd_v1_offer_release(again); /* the offer held last, gone */
    const ikd_v1_offer *third = ikd_v1_offer_hold(pool, x, 1, false);
    g_assert_cmpuint(third->holders, ==, 1);
    g_assert_cmpuint(ikd_v1_offer_pool_size(pool), ==, 2);
    ikd_v1_offer_release(third);
    ikd_v1_offer_release(first);
    ikd_v1_offer_release(first);
    g_assert_cmpuint(ikd_v1_offer_pool_size(pool), ==, 0);
    ikd_v1_offer_pool_free(pool);
}

/* A pool freed while an offer is still held frees it too (the engine frees
 * its SAs first; this is the shape a leak check would catch otherwise). */
static void test_free_with_offers(void)
{
    ikd_v1_offer_pool *pool = ikd_v1_offer_pool_new();
    ikd_transform_entry x[2];
    two_transforms(x, 0);
    ikd_v1_offer_hold(pool, x, 2, false);
    ikd_v1_offer_hold(pool, x, 0, false);
    g_assert_cmpuint(ikd_v1_offer_pool_size(pool), ==, 2);
    ikd_v1_offer_pool_free(pool);
    ikd_v1_offer_pool_free(NULL);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/offer_pool/same_held_once", test_same_held_once);
    g_test_add_func("/offer_pool/every_field_counts", test_every_field_counts);
    g_test_add_func("/offer_pool/last_released", test_last_released);
    g_test_add_func("/offer_pool/free_with_offers", test_free_with_offers);
    return g_test_run();
}
