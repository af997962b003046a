/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - common/peer_pairs: SAs grouped by their two
 * addresses in either order, each group in conn-id order; an SA the
 * grouping has not seen is in no group. The SAs are bare records made here:
 * only their addresses and SPIs matter. */
#include "common/exchange.h"
#include "common/peer_pairs.h"

#include <glib.h>
#include <string.h>

static void destroy(ikd_sa *sa, void *ctx G_GNUC_UNUSED)
{
    g_free(sa);
}

/* The hash the groupings are built with: the real one, or one under which
 * every pair collides. */
static ikd_pair_hash pair_hash = ikd_bytes_hash;

static uint64_t every_pair_collides(const uint8_t *bytes, size_t len)
{
    (void)bytes;
    (void)len;
    return 42;
}

static ikd_peer_pairs *build(const ikd_sa_store *store)
{
    return ikd_peer_pairs_build_hashed(store, pair_hash);
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
    ikd_sa_store_init(&store, destroy, NULL);
    const ikd_address a = v4(192, 0, 2, 1), b = v4(198, 51, 100, 7), c = v4(203, 0, 113, 9);
    ikd_sa *ab = add(&store, a, b, 1);
    ikd_sa *ac = add(&store, a, c, 2);
    ikd_sa *ba = add(&store, b, a, 3); /* the same pair, the other way round */
    ikd_sa *ab2 = add(&store, a, b, 4);
    ikd_peer_pairs *pairs = build(&store);

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
    g_assert_true(ikd_peer_pairs_same_group(pairs, ab2, ba));
    g_assert_false(ikd_peer_pairs_same_group(pairs, ab, ac));

    /* An SA made after the grouping is in no group. */
    ikd_sa *later = add(&store, a, b, 5);
    g_assert_cmpuint(ikd_peer_pairs_of(pairs, later).len, ==, 0);
    g_assert_false(ikd_peer_pairs_same_group(pairs, ab, later));
    ikd_peer_pairs_free(pairs);

    /* After a removal the SAs move down a place: a new grouping sees them there. */
    ikd_sa_store_remove(&store, drop_second, ac);
    pairs = build(&store);
    g = ikd_peer_pairs_of(pairs, later);
    g_assert_cmpuint(g.len, ==, 4);
    g_assert_true(g.sas[3] == later);
    ikd_sa_group all = ikd_sa_group_all(&store);
    g_assert_cmpuint(all.len, ==, 4);
    g_assert_true(all.sas[0] == ab && all.sas[3] == later);
    ikd_peer_pairs_free(pairs);
    ikd_sa_store_clear(&store);
}

/* An IPv4 and an IPv6 address whose bytes begin alike are two peers: the
 * pairs they make are one group in either order, and a pair with either of
 * them alone another. An IPv4 address is its four bytes: what lies beyond
 * them does not split a group. */
static void test_families_and_stray_bytes(void)
{
    ikd_sa_store store;
    ikd_sa_store_init(&store, destroy, NULL);
    ikd_address four = v4(192, 0, 2, 1), six = four, stray = four, other = v4(198, 51, 100, 7);
    six.family = 6;
    stray.bytes[15] = 0xff;
    ikd_sa *four_six = add(&store, four, six, 1);
    ikd_sa *six_four = add(&store, six, four, 2);
    ikd_sa *four_other = add(&store, four, other, 3);
    ikd_sa *stray_other = add(&store, other, stray, 4);
    ikd_sa *six_other = add(&store, six, other, 5);
    ikd_peer_pairs *pairs = build(&store);

    g_assert_true(ikd_peer_pairs_same_group(pairs, four_six, six_four));
    g_assert_cmpuint(ikd_peer_pairs_of(pairs, four_six).len, ==, 2);
    g_assert_true(ikd_peer_pairs_same_group(pairs, four_other, stray_other));
    g_assert_cmpuint(ikd_peer_pairs_of(pairs, four_other).len, ==, 2);
    g_assert_false(ikd_peer_pairs_same_group(pairs, four_other, six_other));
    g_assert_cmpuint(ikd_peer_pairs_of(pairs, six_other).len, ==, 1);
    ikd_peer_pairs_free(pairs);
    ikd_sa_store_clear(&store);
}

/* No SA at all: an empty grouping. */
static void test_empty(void)
{
    ikd_sa_store store;
    ikd_sa_store_init(&store, destroy, NULL);
    ikd_peer_pairs *pairs = build(&store);
    g_assert_cmpuint(ikd_sa_group_all(&store).len, ==, 0);
    ikd_peer_pairs_free(pairs);
    ikd_sa_store_clear(&store);
}

/* A test run again with a hash under which every pair collides. */
typedef struct {
    void (*run)(void);
} colliding_case;

static void when_every_hash_collides(gconstpointer data)
{
    pair_hash = every_pair_collides;
    ((const colliding_case *)data)->run();
    pair_hash = ikd_bytes_hash;
}

/* Many pairs, some SAs each: every SA's group is the same whether the
 * hashes told the pairs apart or not. */
static void test_many_pairs_either_hash(void)
{
    ikd_sa_store store;
    ikd_sa_store_init(&store, destroy, NULL);
    for (uint8_t n = 0; n < 70; n++) {
        ikd_address a = v4(192, 0, 2, (uint8_t)(n % 7)), b = v4(198, 51, 100, (uint8_t)(n % 5));
        add(&store, n % 2 ? a : b, n % 2 ? b : a, n);
    }
    ikd_peer_pairs *real = ikd_peer_pairs_build(&store);
    ikd_peer_pairs *collided = ikd_peer_pairs_build_hashed(&store, every_pair_collides);
    for (uint32_t i = 0; i < ikd_sa_store_count(&store); i++) {
        const ikd_sa *sa = ikd_sa_store_at(&store, i);
        ikd_sa_group g = ikd_peer_pairs_of(real, sa), c = ikd_peer_pairs_of(collided, sa);
        g_assert_cmpuint(g.len, ==, 2); /* 7 x 5 pairs, 70 SAs: n and n + 35, one each way */
        g_assert_cmpuint(c.len, ==, g.len);
        for (guint k = 0; k < g.len; k++)
            g_assert_true(g.sas[k] == c.sas[k]);
        g_assert_true(g.sas[0]->conn_id < g.sas[1]->conn_id);
    }
    ikd_peer_pairs_free(real);
    ikd_peer_pairs_free(collided);
    ikd_sa_store_clear(&store);
}

/* Built in steps with some SAs added out of store order or not at all
 * (end adds what was not): the same groups as built at once. */
static void test_steps_as_built(void)
{
    ikd_sa_store store;
    ikd_sa_store_init(&store, destroy, NULL);
    for (uint8_t n = 0; n < 40; n++)
        add(&store, v4(192, 0, 2, (uint8_t)(n % 3)), v4(198, 51, 100, (uint8_t)(n % 4)), n);
    ikd_peer_pairs *whole = ikd_peer_pairs_build(&store);
    ikd_peer_pairs *steps = ikd_peer_pairs_begin(&store, ikd_bytes_hash);
    for (uint32_t i = 0; i < 30; i++)
        ikd_peer_pairs_add(steps, ikd_sa_store_at(&store, i == 10 ? 25 : i)); /* 10 out of order, 30.. not at all */
    ikd_peer_pairs_end(steps);
    for (uint32_t i = 0; i < ikd_sa_store_count(&store); i++) {
        const ikd_sa *sa = ikd_sa_store_at(&store, i);
        ikd_sa_group w = ikd_peer_pairs_of(whole, sa), st = ikd_peer_pairs_of(steps, sa);
        g_assert_cmpuint(w.len, ==, i % 12 < 4 ? 4 : 3); /* 3 x 4 pairs by n % 12, 40 SAs */
        g_assert_cmpuint(st.len, ==, w.len);
        for (guint k = 0; k < w.len; k++)
            g_assert_true(w.sas[k] == st.sas[k]);
    }
    ikd_peer_pairs_free(whole);
    ikd_peer_pairs_free(steps);
    ikd_sa_store_clear(&store);
}

/* The answers made for the whole grouping at once are what a walk of each
 * SA's group finds, over a seeded run of SAs between a few addresses, with
 * frames and times in and out of order, roles known or not, and among them
 * SAs each alone between addresses of its own (which get no answer record). */
static bool counts(const ikd_sa *sa)
{
    return sa->spi_i[6] % 3 == 0;
}

static void test_answers_as_the_walk(void)
{
    GRand *rand = g_rand_new_with_seed(7);
    ikd_sa_store store;
    ikd_sa_store_init(&store, destroy, NULL);
    const ikd_address hosts[3] = { v4(192, 0, 2, 1), v4(198, 51, 100, 7), v4(203, 0, 113, 9) };
    for (uint32_t n = 0; n < 600; n++) {
        int a = g_rand_int_range(rand, 0, 3), b = g_rand_int_range(rand, 0, 3);
        uint8_t own = (uint8_t)(100 + n / 12);
        ikd_sa *sa = n % 12 ? add(&store, hosts[a], hosts[b], (uint8_t)n)
                            : add(&store, v4(192, 0, 2, own), v4(203, 0, 113, own), (uint8_t)n);
        sa->spi_i[6] = (uint8_t)g_rand_int_range(rand, 0, 256);
        sa->roles_known = g_rand_boolean(rand);
        sa->first_time = g_rand_double_range(rand, 0, 100);
        sa->last_time = sa->first_time + g_rand_double_range(rand, 0, 20);
        sa->last_frame = (uint32_t)g_rand_int_range(rand, 1, 400); /* repeats: SAs ending in one frame */
    }
    ikd_peer_pairs *pairs = build(&store);
    ikd_peer_pairs_answer(pairs, counts);
    uint32_t found_some = 0, alone = 0;
    for (uint32_t i = 0; i < ikd_sa_store_count(&store); i++) {
        const ikd_sa *sa = ikd_sa_store_at(&store, i);
        const ikd_sa_group g = ikd_peer_pairs_of(pairs, sa);
        alone += g.len == 1;
        double start_after = -G_MAXDOUBLE, end_after = -G_MAXDOUBLE;
        const ikd_sa *first = NULL;
        for (guint k = 0; k < g.len; k++) {
            const ikd_sa *o = g.sas[k];
            if (o->conn_id > sa->conn_id && o->roles_known && o->first_time > start_after)
                start_after = o->first_time;
            if (o->last_frame > sa->last_frame && o->last_time > end_after)
                end_after = o->last_time;
            if (!first && o != sa && counts(o) && !memcmp(&o->peer[0], &sa->peer[1], sizeof o->peer[0]))
                first = o;
        }
        g_assert_cmpfloat(ikd_peer_pairs_latest_start_after(pairs, sa), ==, start_after);
        g_assert_cmpfloat(ikd_peer_pairs_latest_end_after(pairs, sa), ==, end_after);
        g_assert_true(ikd_peer_pairs_first_started_by_responder(pairs, sa) == first);
        found_some += first != NULL;
    }
    g_assert_cmpuint(found_some, >, 100);
    g_assert_cmpuint(alone, ==, 50);
    /* Forgotten, the first two are walked: the same answers. */
    const ikd_sa *some = ikd_sa_store_at(&store, 10);
    double start_after = ikd_peer_pairs_latest_start_after(pairs, some);
    double end_after = ikd_peer_pairs_latest_end_after(pairs, some);
    ikd_peer_pairs_forget_answers(pairs);
    g_assert_cmpfloat(ikd_peer_pairs_latest_start_after(pairs, some), ==, start_after);
    g_assert_cmpfloat(ikd_peer_pairs_latest_end_after(pairs, some), ==, end_after);
    ikd_peer_pairs_free(pairs);
    ikd_sa_store_clear(&store);
    g_rand_free(rand);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/peer_pairs/groups", test_groups);
    static const colliding_case groups = { test_groups }, families = { test_families_and_stray_bytes },
                                answers = { test_answers_as_the_walk };
    g_test_add_data_func("/peer_pairs/groups_when_every_hash_collides", &groups, when_every_hash_collides);
    g_test_add_func("/peer_pairs/many_pairs_either_hash", test_many_pairs_either_hash);
    g_test_add_func("/peer_pairs/answers_as_the_walk", test_answers_as_the_walk);
    g_test_add_data_func("/peer_pairs/answers_when_every_hash_collides", &answers, when_every_hash_collides);
    g_test_add_func("/peer_pairs/steps_as_built", test_steps_as_built);
    g_test_add_func("/peer_pairs/empty", test_empty);
    g_test_add_func("/peer_pairs/families_and_stray_bytes", test_families_and_stray_bytes);
    g_test_add_data_func("/peer_pairs/families_when_every_hash_collides", &families, when_every_hash_collides);
    return g_test_run();
}
