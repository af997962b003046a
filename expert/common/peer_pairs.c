/* ikediag - SAs by their pair of addresses.
 *
 * The SAs are sorted by their pair's hash (then by conn-id) into one array,
 * pairs that share a hash told apart, and each SA's place and group are kept
 * by its store index: 20 bytes an SA.
 * A hash table of one GPtrArray per pair cost about 150 bytes an SA, held
 * from the verdicts to the end, and three allocations an SA to build
 * (massif and callgrind, 100k MM1s each between its own peers).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/peer_pairs.h"

#include "common/exchange.h"

#include <stdlib.h>
#include <string.h>

struct ikd_peer_pairs {
    ikd_sa **sorted;      /* every SA, grouped by pair, each group in conn-id order */
    uint32_t *position;   /* by store index: the SA's place in sorted */
    uint32_t *group_start; /* by store index: where its group begins in sorted */
    uint32_t *group_len;   /* by store index: how many SAs its group has */
    uint32_t count;
};

enum { PAIR_BYTES = 34 }; /* both families, then the lower and the higher address */

/* What is sorted: the pair's hash, then the SA's store index (equal pairs
 * keep conn-id order). 16 bytes where the pair itself took 40: with
 * qsort's copy, the grouping's peak at the end of a 1M-SA flood was 56 MB. */
typedef struct {
    uint64_t hash;
    uint32_t index;
} pair_entry;

static void pair_bytes(const ikd_sa *sa, uint8_t k[PAIR_BYTES])
{
    memset(k, 0, PAIR_BYTES);
    const ikd_address *low = &sa->peer[0], *high = &sa->peer[1];
    if (memcmp(low->bytes, high->bytes, 16) > 0) {
        const ikd_address *t = low;
        low = high;
        high = t;
    }
    k[0] = low->family;
    k[1] = high->family;
    memcpy(k + 2, low->bytes, 16);
    memcpy(k + 18, high->bytes, 16);
}

static int compare_entries(const void *pa, const void *pb)
{
    const pair_entry *a = pa, *b = pb;
    if (a->hash != b->hash)
        return a->hash < b->hash ? -1 : 1;
    return a->index < b->index ? -1 : a->index > b->index;
}

/* Two pairs with one hash (a collision): the run is sorted by the pairs
 * themselves, then by index. */
static int compare_pairs(const void *pa, const void *pb, void *store)
{
    const pair_entry *a = pa, *b = pb;
    uint8_t ka[PAIR_BYTES], kb[PAIR_BYTES];
    pair_bytes(ikd_sa_store_at(store, a->index), ka);
    pair_bytes(ikd_sa_store_at(store, b->index), kb);
    int by_pair = memcmp(ka, kb, PAIR_BYTES);
    if (by_pair)
        return by_pair;
    return a->index < b->index ? -1 : a->index > b->index;
}

static bool same_pair(const ikd_sa_store *store, const pair_entry *a, const pair_entry *b)
{
    uint8_t ka[PAIR_BYTES], kb[PAIR_BYTES];
    pair_bytes(ikd_sa_store_at(store, a->index), ka);
    pair_bytes(ikd_sa_store_at(store, b->index), kb);
    return !memcmp(ka, kb, PAIR_BYTES);
}

/* The entries from start on with start's pair: one group. */
static void file_group(ikd_peer_pairs *pairs, const ikd_sa_store *store, const pair_entry *entries, uint32_t start,
                       uint32_t end)
{
    for (uint32_t at = start; at < end; at++) {
        uint32_t index = entries[at].index;
        pairs->sorted[at] = ikd_sa_store_at(store, index);
        pairs->position[index] = at;
        pairs->group_start[index] = start;
        pairs->group_len[index] = end - start;
    }
}

ikd_peer_pairs *ikd_peer_pairs_build(const ikd_sa_store *store)
{
    return ikd_peer_pairs_build_hashed(store, ikd_bytes_hash);
}

ikd_peer_pairs *ikd_peer_pairs_build_hashed(const ikd_sa_store *store, ikd_pair_hash hash)
{
    uint32_t n = ikd_sa_store_count(store);
    ikd_peer_pairs *pairs = g_new(ikd_peer_pairs, 1);
    uint32_t room = MAX(n, 1); /* qsort wants a real array even when empty */
    pairs->count = n;
    pairs->sorted = g_new(ikd_sa *, room);
    pairs->position = g_new(uint32_t, room);
    pairs->group_start = g_new(uint32_t, room);
    pairs->group_len = g_new(uint32_t, room);
    pair_entry *entries = g_new(pair_entry, room);
    for (uint32_t i = 0; i < n; i++) {
        uint8_t k[PAIR_BYTES];
        pair_bytes(ikd_sa_store_at(store, i), k);
        entries[i] = (pair_entry){ hash(k, PAIR_BYTES), i };
    }
    qsort(entries, n, sizeof *entries, compare_entries);
    for (uint32_t start = 0, end; start < n; start = end) {
        bool collided = false;
        for (end = start + 1; end < n && entries[end].hash == entries[start].hash; end++)
            collided = collided || !same_pair(store, &entries[start], &entries[end]);
        if (collided) /* rare: sort the run by the pairs, and split it */
            g_qsort_with_data(entries + start, (gint)(end - start), sizeof *entries, compare_pairs, (void *)store);
        for (uint32_t group = start, next; group < end; group = next) {
            for (next = group + 1; next < end && (!collided || same_pair(store, &entries[group], &entries[next]));)
                next++;
            file_group(pairs, store, entries, group, next);
        }
    }
    g_free(entries);
    return pairs;
}

void ikd_peer_pairs_free(ikd_peer_pairs *pairs)
{
    if (!pairs)
        return;
    g_free(pairs->sorted);
    g_free(pairs->position);
    g_free(pairs->group_start);
    g_free(pairs->group_len);
    g_free(pairs);
}

ikd_sa_group ikd_peer_pairs_of(const ikd_peer_pairs *pairs, const ikd_sa *sa)
{
    uint32_t index = sa->index;
    /* An SA made or moved since the build is in no group. */
    if (index >= pairs->count || pairs->sorted[pairs->position[index]] != sa)
        return (ikd_sa_group){ NULL, 0 };
    return (ikd_sa_group){ pairs->sorted + pairs->group_start[index], pairs->group_len[index] };
}

ikd_sa_group ikd_sa_group_all(const ikd_sa_store *store)
{
    return (ikd_sa_group){ (ikd_sa *const *)store->sas->pdata, store->sas->len };
}

