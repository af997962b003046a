/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - common/peer_pairs: SAs grouped by their two
 * addresses in either order, each group in conn-id order; an SA the
 * grouping has not seen is in no group. The SAs are bare records made here:
 * only their addresses and SPIs matter. */
#include "common/peer_pairs.h"

#include <glib.h>
#include <string.h>

static void destroy(ikd_sa *sa)
{
    g_free(sa);
}

static ikd_address v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    ikd_address x;
    memset(&x, 0, sizeof x);
    x.family = 4;
    x.bytes[0] = a, x.bytes[1] = b, x.bytes[2] = c, x.bytes[3] = d;
    return x;
}

/* A new SA from `from` to `to`, its initiator SPI `n`, added to the store. */
static ikd_sa *add(ikd_sa_store *store, ikd_address from, ikd_address to, uint8_t n)
{
    ikd_sa *sa = g_new0(ikd_sa, 1);
    sa->destroy = destroy;
    sa->ike_version = 1;
    sa->spi_i[7] = n;
    sa->peer[0] = from;
    sa->peer[1] = to;
    ikd_sa_store_add(store, sa);
    return sa;
}

static bool drop_second(const ikd_sa *sa, void *ctx)
{
    return sa == ctx;
}

static void test_groups(void)
{
    ikd_sa_store store;
    ikd_sa_store_init(&store);
    const ikd_address a = v4(192, 0, 2, 1), b = v4(198, 51, 100, 7), c = v4(203, 0, 113, 9);
    ikd_sa *ab = add(&store, a, b, 1);
    ikd_sa *ac = add(&store, a, c, 2);
    ikd_sa *ba = add(&store, b, a, 3); /* the same pair, the other way round */
    ikd_sa *ab2 = add(&store, a, b, 4);
    ikd_peer_pairs *pairs = ikd_peer_pairs_build(&store);

    ikd_sa_group g = ikd_peer_pairs_of(pairs, ba);
    g_assert_cmpuint(g.len, ==, 3);
    g_assert_true(g.sas[0] == ab); /* conn-id order */
    g_assert_true(g.sas[1] == ba);
    g_assert_true(g.sas[2] == ab2);
    ikd_sa_group same = ikd_peer_pairs_of(pairs, ab2);
    g_assert_true(same.sas == g.sas && same.len == 3);
    g = ikd_peer_pairs_of(pairs, ac);
    g_assert_cmpuint(g.len, ==, 1);
    g_assert_true(g.sas[0] == ac);

    /* An SA made after the grouping is in no group. */
    ikd_sa *later = add(&store, a, b, 5);
    g_assert_cmpuint(ikd_peer_pairs_of(pairs, later).len, ==, 0);
    ikd_peer_pairs_free(pairs);

    /* After a removal the SAs move down a place: a new grouping sees them there. */
    ikd_sa_store_remove(&store, drop_second, ac);
    pairs = ikd_peer_pairs_build(&store);
    g = ikd_peer_pairs_of(pairs, later);
    g_assert_cmpuint(g.len, ==, 4);
    g_assert_true(g.sas[3] == later);
    ikd_sa_group all = ikd_sa_group_all(&store);
    g_assert_cmpuint(all.len, ==, 4);
    g_assert_true(all.sas[0] == ab && all.sas[3] == later);
    ikd_peer_pairs_free(pairs);
    ikd_sa_store_clear(&store);
}

/* No SA at all: an empty grouping. */
static void test_empty(void)
{
    ikd_sa_store store;
    ikd_sa_store_init(&store);
    ikd_peer_pairs *pairs = ikd_peer_pairs_build(&store);
    g_assert_cmpuint(ikd_sa_group_all(&store).len, ==, 0);
    ikd_peer_pairs_free(pairs);
    ikd_sa_store_clear(&store);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/peer_pairs/groups", test_groups);
    g_test_add_func("/peer_pairs/empty", test_empty);
    return g_test_run();
}
