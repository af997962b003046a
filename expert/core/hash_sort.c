/* ikediag - entries sorted by hash (hash_sort.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/hash_sort.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* A byte of the hash a pass, lowest first (LSD radix). qsort's comparisons
 * of random hashes were most of the peer grouping's cost: 80 M
 * instructions of 106 M on a flood of 100k SAs each between its own peers
 * (callgrind). */
void ikd_sort_by_hash(ikd_hashed_entry *entries, ikd_hashed_entry *scratch, uint32_t n)
{
    ikd_hashed_entry *from = entries, *to = scratch;
    for (unsigned shift = 0; shift < 32; shift += 8) {
        uint32_t start[257] = { 0 };
        for (uint32_t i = 0; i < n; i++)
            start[((from[i].hash >> shift) & 0xff) + 1]++;
        for (int digit = 0; digit < 256; digit++)
            start[digit + 1] += start[digit];
        for (uint32_t i = 0; i < n; i++)
            to[start[(from[i].hash >> shift) & 0xff]++] = from[i];
        ikd_hashed_entry *t = from;
        from = to;
        to = t;
    }
    /* Four passes: the sorted entries are back in `entries`. */
}

/* Canonical addresses (ikd_address_canonical) compare as bytes. */
static int compare_addresses(const void *a, const void *b)
{
    return memcmp(a, b, sizeof(ikd_address));
}

/* Distinct addresses among the entries of one hash whose addresses differ. */
static uint32_t count_collided(const ikd_hashed_entry *run, uint32_t len, ikd_address_at address_at, const void *ctx)
{
    ikd_address *spelt = g_new(ikd_address, len);
    for (uint32_t k = 0; k < len; k++)
        spelt[k] = ikd_address_canonical(address_at(run[k].index, ctx));
    qsort(spelt, len, sizeof *spelt, compare_addresses);
    uint32_t distinct = 1;
    for (uint32_t k = 1; k < len; k++)
        distinct += compare_addresses(&spelt[k - 1], &spelt[k]) != 0;
    g_free(spelt);
    return distinct;
}

uint32_t ikd_count_distinct_addresses(const ikd_hashed_entry *entries, uint32_t n, ikd_address_at address_at,
                                      const void *ctx)
{
    uint32_t distinct = 0;
    for (uint32_t start = 0, end; start < n; start = end) {
        const ikd_address *first = NULL; /* asked for only when another entry shares its hash */
        bool collided = false;
        for (end = start + 1; end < n && entries[end].hash == entries[start].hash; end++) {
            first = first ? first : address_at(entries[start].index, ctx);
            collided = collided || !ikd_address_equal(first, address_at(entries[end].index, ctx));
        }
        distinct += collided ? count_collided(entries + start, end - start, address_at, ctx) : 1;
    }
    return distinct;
}
