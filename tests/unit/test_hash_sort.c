/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - core/hash_sort: entries sorted by hash keep the order
 * of equal hashes (checked against a sort by hash then index), and the
 * distinct addresses they name are counted as a set of the addresses counts
 * them, with real hashes and with hashes made to collide: one for every
 * address, and a few shared by many addresses (the path that spells the
 * addresses out). */
#include "core/hash_sort.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

static int by_hash_then_index(const void *pa, const void *pb)
{
    const ikd_hashed_entry *a = pa, *b = pb;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

static void test_sort_is_stable(void)
{
    GRand *rand = g_rand_new_with_seed(23);
    const uint32_t n = 5000;
    ikd_hashed_entry *entries = g_new(ikd_hashed_entry, n), *expected = g_new(ikd_hashed_entry, n),
                     *scratch = g_new(ikd_hashed_entry, n);
    for (uint32_t i = 0; i < n; i++) /* hashes over every byte, many repeated */
        entries[i] = (ikd_hashed_entry){ g_rand_boolean(rand) ? g_rand_int(rand)
                                                              : (uint32_t)g_rand_int_range(rand, 0, 40) << 24,
                                         i };
    memcpy(expected, entries, n * sizeof *entries);
    qsort(expected, n, sizeof *expected, by_hash_then_index);
    ikd_sort_by_hash(entries, scratch, n);
    g_assert_cmpmem(entries, n * sizeof *entries, expected, n * sizeof *expected);
    ikd_sort_by_hash(entries, scratch, 0); /* nothing to sort */
    g_free(entries);
    g_free(expected);
    g_free(scratch);
    g_rand_free(rand);
}

static const ikd_address *address_in(uint32_t index, const void *ctx)
{
    return &((const ikd_address *)ctx)[index];
}

/* FNV-1a over the address's canonical bytes: equal addresses, equal hashes. */
static uint32_t real_hash(const ikd_address *a)
{
    ikd_address canonical = ikd_address_canonical(a);
    const uint8_t *p = (const uint8_t *)&canonical;
    uint32_t h = 2166136261u;
    for (size_t k = 0; k < sizeof canonical; k++)
        h = (h ^ p[k]) * 16777619u;
    return h;
}

static uint32_t one_hash(const ikd_address *a)
{
    (void)a;
    return 7;
}

static uint32_t three_hashes(const ikd_address *a)
{
    return real_hash(a) % 3;
}

static guint canonical_hash(gconstpointer a)
{
    return real_hash(a);
}

static gboolean canonical_equal(gconstpointer a, gconstpointer b)
{
    return ikd_address_equal(a, b);
}

/* n addresses from small pools (so that many repeat): IPv4, with junk in
 * the bytes IPv4 leaves unused (an equal address all the same), and IPv6. */
static ikd_address *some_addresses(GRand *rand, uint32_t n)
{
    ikd_address *a = g_new0(ikd_address, n);
    for (uint32_t i = 0; i < n; i++) {
        if (g_rand_boolean(rand)) {
            a[i].family = 4;
            for (int k = 4; k < 16; k++)
                a[i].bytes[k] = (uint8_t)g_rand_int(rand);
            a[i].bytes[0] = 198, a[i].bytes[1] = 51, a[i].bytes[2] = 100;
            a[i].bytes[3] = (uint8_t)g_rand_int_range(rand, 0, 200);
        } else {
            a[i].family = 6;
            a[i].bytes[0] = 0x20, a[i].bytes[1] = 0x01, a[i].bytes[2] = 0x0d, a[i].bytes[3] = 0xb8;
            a[i].bytes[14] = (uint8_t)g_rand_int_range(rand, 0, 4);
            a[i].bytes[15] = (uint8_t)g_rand_int_range(rand, 0, 200);
        }
    }
    return a;
}

static void count_with(uint32_t (*hash)(const ikd_address *), uint32_t n)
{
    GRand *rand = g_rand_new_with_seed(n);
    ikd_address *addresses = some_addresses(rand, n);
    GHashTable *set = g_hash_table_new(canonical_hash, canonical_equal);
    ikd_hashed_entry *entries = g_new(ikd_hashed_entry, n + 1), *scratch = g_new(ikd_hashed_entry, n + 1);
    for (uint32_t i = 0; i < n; i++) {
        g_hash_table_add(set, &addresses[i]);
        entries[i] = (ikd_hashed_entry){ hash(&addresses[i]), i };
    }
    ikd_sort_by_hash(entries, scratch, n);
    g_assert_cmpuint(ikd_count_distinct_addresses(entries, n, address_in, addresses), ==, g_hash_table_size(set));
    g_hash_table_destroy(set);
    g_free(entries);
    g_free(scratch);
    g_free(addresses);
    g_rand_free(rand);
}

static void test_distinct_addresses(void)
{
    for (uint32_t n = 0; n <= 3000; n = n ? n * 10 : 3) {
        count_with(real_hash, n);
        count_with(one_hash, n);
        count_with(three_hashes, n);
    }
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/hash_sort/sort_is_stable", test_sort_is_stable);
    g_test_add_func("/hash_sort/distinct_addresses", test_distinct_addresses);
    return g_test_run();
}
