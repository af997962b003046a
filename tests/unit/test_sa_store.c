/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - common/sa_store: an SA found by its SPIs is the one a
 * walk of the SAs with its initiator SPI, newest first, finds (the newest
 * with the responder SPI, else the newest still waiting for one, bound to
 * it), whether the chain is walked or, once long, indexed (spi_chains.c);
 * checked against that walk over a seeded run of random adds, finds and
 * removals. The SAs are bare records made here: only their SPIs matter. */
#include "common/sa_store.h"

#include <glib.h>
#include <string.h>

/* ctx, when given, counts the SAs the store destroyed. */
static void destroy(ikd_sa *sa, void *ctx)
{
    if (ctx)
        ++*(uint32_t *)ctx;
    g_free(sa);
}

/* What the walk knows of an SA: kept apart from the SA, which the store binds. */
typedef struct {
    ikd_sa *sa;
    uint8_t spi_i[8], spi_r[8];
    bool known;
} shadow;

static void spi(uint8_t out[8], uint8_t tag, uint32_t n)
{
    memset(out, 0, 8);
    out[0] = tag;
    out[4] = (uint8_t)(n >> 24), out[5] = (uint8_t)(n >> 16), out[6] = (uint8_t)(n >> 8), out[7] = (uint8_t)n;
}

/* The walk: the SAs in creation order, newest last. */
static shadow *walk_find(GArray *model, const uint8_t spi_i[8], const uint8_t spi_r[8])
{
    for (guint i = model->len; i-- > 0;) {
        shadow *s = &g_array_index(model, shadow, i);
        if (!memcmp(s->spi_i, spi_i, 8) && s->known && !memcmp(s->spi_r, spi_r, 8))
            return s;
    }
    for (guint i = model->len; i-- > 0;) {
        shadow *s = &g_array_index(model, shadow, i);
        if (!memcmp(s->spi_i, spi_i, 8) && !s->known) {
            memcpy(s->spi_r, spi_r, 8);
            s->known = true;
            return s;
        }
    }
    return NULL;
}

static bool doomed_by_flag(const ikd_sa *sa, void *ctx)
{
    return g_hash_table_contains(ctx, sa);
}

static void test_find_as_the_walk(void)
{
    GRand *rand = g_rand_new_with_seed(2026);
    ikd_sa_store store;
    ikd_sa_store_init(&store, destroy, NULL);
    GArray *model = g_array_new(FALSE, FALSE, sizeof(shadow));
    for (int step = 0; step < 20000; step++) {
        uint8_t spi_i[8], spi_r[8];
        /* Two initiator SPIs that thousands share, and some of their own. */
        uint32_t which = g_rand_int_range(rand, 0, 4);
        spi(spi_i, 0xa0, which < 3 ? which % 2 : (uint32_t)step);
        spi(spi_r, 0xb0, (uint32_t)g_rand_int_range(rand, 1, 3000));
        uint32_t op = g_rand_int_range(rand, 0, 100);
        if (op < 45) { /* a new SA, its responder SPI known or not */
            ikd_sa *sa = g_new0(ikd_sa, 1);
            sa->ike_version = 1;
            memcpy(sa->spi_i, spi_i, 8);
            shadow s = { sa, { 0 }, { 0 }, g_rand_boolean(rand) };
            memcpy(s.spi_i, spi_i, 8);
            if (s.known) {
                memcpy(sa->spi_r, spi_r, 8);
                memcpy(s.spi_r, spi_r, 8);
                sa->spi_r_known = true;
            }
            ikd_sa_store_add(&store, sa);
            g_array_append_val(model, s);
        } else if (op < 99) { /* a message with both SPIs */
            shadow *expected = walk_find(model, spi_i, spi_r);
            ikd_sa *found = ikd_sa_store_find(&store, spi_i, spi_r);
            g_assert_true(found == (expected ? expected->sa : NULL));
            if (found) {
                g_assert_true(found->spi_r_known);
                g_assert_cmpmem(found->spi_r, 8, spi_r, 8);
            }
        } else { /* some SAs dropped, as the flood bound does */
            GHashTable *doomed = g_hash_table_new(g_direct_hash, g_direct_equal);
            guint kept = 0;
            for (guint i = 0; i < model->len; i++) {
                shadow *s = &g_array_index(model, shadow, i);
                if (g_rand_int_range(rand, 0, 10) == 0)
                    g_hash_table_add(doomed, s->sa);
                else
                    g_array_index(model, shadow, kept++) = *s;
            }
            g_array_set_size(model, kept);
            ikd_sa_store_remove(&store, doomed_by_flag, doomed);
            g_hash_table_destroy(doomed);
        }
    }
    g_assert_nonnull(store.long_chains.indexed); /* the shared SPIs' chains were long */
    g_assert_cmpuint(g_hash_table_size(store.long_chains.indexed), ==, 2);
    g_assert_cmpuint(ikd_sa_store_count(&store), ==, model->len);
    g_array_free(model, TRUE);
    ikd_sa_store_clear(&store);
    g_rand_free(rand);
}

/* Conn-ids and Tunnel-ids: each version numbered apart, in order of
 * creation, found by number before and after an IKEv2 SA joins the store
 * (IKEv1's list is the store's own array until then) and after removals
 * (numbers keep their gaps; the next SA still gets the next number). */
static ikd_sa *bare_sa(ikd_sa_store *store, unsigned version, uint32_t n)
{
    ikd_sa *sa = g_new0(ikd_sa, 1);
    sa->ike_version = version;
    spi(sa->spi_i, 0xc0, n);
    ikd_sa_store_add(store, sa);
    return sa;
}

static bool doomed_by_conn_id(const ikd_sa *sa, void *ctx)
{
    return sa->conn_id == *(const uint32_t *)ctx;
}

static void test_numbers_by_version(void)
{
    ikd_sa_store store;
    uint32_t destroyed = 0;
    ikd_sa_store_init(&store, destroy, &destroyed);
    ikd_sa *v1a = bare_sa(&store, 1, 1), *v1b = bare_sa(&store, 1, 2);
    g_assert_cmpuint(v1a->conn_id, ==, 1001);
    g_assert_cmpuint(v1b->conn_id, ==, 1002);
    g_assert_true(ikd_sa_store_by_conn_id(&store, 1002) == v1b);
    g_assert_null(ikd_sa_store_by_conn_id(&store, 1003));
    ikd_sa *v2a = bare_sa(&store, 2, 3), *v1c = bare_sa(&store, 1, 4), *v2b = bare_sa(&store, 2, 5);
    g_assert_cmpuint(v2a->conn_id, ==, IKD_V2_CONN_ID_BASE);
    g_assert_cmpuint(v1c->conn_id, ==, 1003);
    g_assert_cmpuint(v2b->conn_id, ==, IKD_V2_CONN_ID_BASE + 1);
    g_assert_true(ikd_sa_store_by_conn_id(&store, 1001) == v1a);
    g_assert_true(ikd_sa_store_by_conn_id(&store, 1003) == v1c);
    g_assert_true(ikd_sa_store_by_conn_id(&store, IKD_V2_CONN_ID_BASE + 1) == v2b);
    g_assert_null(ikd_sa_store_by_conn_id(&store, 1004));
    uint32_t gone = 1002;
    g_assert_cmpuint(ikd_sa_store_remove(&store, doomed_by_conn_id, &gone), ==, 1);
    g_assert_cmpuint(destroyed, ==, 1);
    g_assert_null(ikd_sa_store_by_conn_id(&store, 1002));
    g_assert_true(ikd_sa_store_by_conn_id(&store, 1003) == v1c);
    ikd_sa *v1d = bare_sa(&store, 1, 6);
    g_assert_cmpuint(v1d->conn_id, ==, 1004);
    g_assert_true(ikd_sa_store_by_conn_id(&store, 1004) == v1d);
    g_assert_cmpuint(ikd_sa_store_count(&store), ==, 5);
    ikd_sa_store_clear(&store);
    g_assert_cmpuint(destroyed, ==, 6);

    /* Only IKEv1 SAs, some removed: numbered apart from then on. */
    ikd_sa_store_init(&store, destroy, NULL);
    for (uint32_t n = 1; n <= 4; n++)
        bare_sa(&store, 1, n);
    gone = 1001;
    ikd_sa_store_remove(&store, doomed_by_conn_id, &gone);
    g_assert_null(ikd_sa_store_by_conn_id(&store, 1001));
    g_assert_cmpuint(ikd_sa_store_by_conn_id(&store, 1004)->conn_id, ==, 1004);
    g_assert_cmpuint(bare_sa(&store, 1, 5)->conn_id, ==, 1005);
    g_assert_cmpuint(ikd_sa_store_by_conn_id(&store, 1005)->conn_id, ==, 1005);
    ikd_sa_store_clear(&store);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sa_store/find_as_the_walk", test_find_as_the_walk);
    g_test_add_func("/sa_store/numbers_by_version", test_numbers_by_version);
    return g_test_run();
}
