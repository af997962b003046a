/* ikediag - SAs by their pair of addresses.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/peer_pairs.h"

#include <string.h>

struct ikd_peer_pairs {
    GHashTable *lists; /* pair_key -> GPtrArray of ikd_sa* (not owned) */
};

typedef struct {
    uint8_t bytes[34]; /* both families, then the lower and the higher address */
} pair_key;

static pair_key pair_of(const ikd_sa *sa)
{
    pair_key k;
    memset(&k, 0, sizeof k);
    const ikd_address *low = &sa->peer[0], *high = &sa->peer[1];
    if (memcmp(low->bytes, high->bytes, 16) > 0) {
        const ikd_address *t = low;
        low = high;
        high = t;
    }
    k.bytes[0] = low->family;
    k.bytes[1] = high->family;
    memcpy(k.bytes + 2, low->bytes, 16);
    memcpy(k.bytes + 18, high->bytes, 16);
    return k;
}

static guint pair_hash(gconstpointer p)
{
    const pair_key *k = p;
    /* djb2 alone left keys that differ only in an address's last bytes
     * clustered: building the pairs of a million-SA flood took 7 s,
     * nearly all in GLib's probing (callgrind). Mixed at the end. */
    guint64 h = 5381;
    for (size_t i = 0; i < sizeof k->bytes; i++)
        h = h * 33 + k->bytes[i];
    h ^= h >> 29;
    h *= G_GUINT64_CONSTANT(0xbf58476d1ce4e5b9);
    return (guint)(h ^ (h >> 32));
}

static gboolean pair_equal(gconstpointer a, gconstpointer b)
{
    return !memcmp(a, b, sizeof(pair_key));
}

static void free_list(gpointer p)
{
    g_ptr_array_free(p, TRUE);
}

ikd_peer_pairs *ikd_peer_pairs_build(const ikd_sa_store *store)
{
    ikd_peer_pairs *pairs = g_new(ikd_peer_pairs, 1);
    pairs->lists = g_hash_table_new_full(pair_hash, pair_equal, g_free, free_list);
    for (uint32_t i = 0; i < ikd_sa_store_count(store); i++) {
        ikd_sa *sa = ikd_sa_store_at(store, i);
        pair_key k = pair_of(sa);
        GPtrArray *list = g_hash_table_lookup(pairs->lists, &k);
        if (!list) {
            list = g_ptr_array_new();
            g_hash_table_insert(pairs->lists, g_memdup2(&k, sizeof k), list);
        }
        g_ptr_array_add(list, sa);
    }
    return pairs;
}

void ikd_peer_pairs_free(ikd_peer_pairs *pairs)
{
    if (!pairs)
        return;
    g_hash_table_destroy(pairs->lists);
    g_free(pairs);
}

const GPtrArray *ikd_peer_pairs_of(const ikd_peer_pairs *pairs, const ikd_sa *sa)
{
    pair_key k = pair_of(sa);
    return g_hash_table_lookup(pairs->lists, &k);
}
