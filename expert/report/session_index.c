/* ikediag - the SAs between each two addresses (report/session_index.h).
 * An SA's two addresses never change (a late start may swap which is the
 * initiator: the pair stays the same), so each SA is filed once.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/session_index.h"

#include <string.h>

struct ikd_session_index {
    const ikd_engine *engine; /* not owned: the engine the index was built from */
    uint32_t filed;           /* SAs filed so far, in order */
    GHashTable *by_pair;      /* pair key (g_bytes) -> GArray of uint32 SA indices, ascending */
};

ikd_session_index *ikd_session_index_new(void)
{
    ikd_session_index *index = g_new0(ikd_session_index, 1);
    index->by_pair = g_hash_table_new_full(g_bytes_hash, g_bytes_equal, (GDestroyNotify)g_bytes_unref,
                                           (GDestroyNotify)g_array_unref);
    return index;
}

void ikd_session_index_free(ikd_session_index *index)
{
    if (!index)
        return;
    g_hash_table_destroy(index->by_pair);
    g_free(index);
}

/* An address with only the bytes its family uses, the rest zero. */
static ikd_address canonical(const ikd_address *a)
{
    ikd_address out;
    memset(&out, 0, sizeof out);
    out.family = a->family;
    memcpy(out.bytes, a->bytes, a->family == 6 ? 16 : a->family == 4 ? 4 : 0);
    return out;
}

/* The two addresses, smaller first: the same key whichever peer is which. */
static GBytes *pair_key(const ikd_sa *sa)
{
    ikd_address pair[2] = { canonical(&sa->peer[0]), canonical(&sa->peer[1]) };
    if (memcmp(&pair[0], &pair[1], sizeof pair[0]) > 0) {
        ikd_address first = pair[1];
        pair[1] = pair[0];
        pair[0] = first;
    }
    return g_bytes_new(pair, sizeof pair);
}

static void catch_up(ikd_session_index *index, const ikd_engine *engine)
{
    uint32_t count = ikd_engine_sa_count_peek(engine);
    if (index->engine != engine || count < index->filed) {
        g_hash_table_remove_all(index->by_pair);
        index->engine = engine;
        index->filed = 0;
    }
    for (; index->filed < count; index->filed++) {
        GBytes *key = pair_key(ikd_engine_sa_peek_at(engine, index->filed));
        GArray *sas = g_hash_table_lookup(index->by_pair, key);
        if (!sas) {
            sas = g_array_new(FALSE, FALSE, sizeof(uint32_t));
            g_hash_table_insert(index->by_pair, g_bytes_ref(key), sas);
        }
        g_array_append_val(sas, index->filed);
        g_bytes_unref(key);
    }
}

ikd_session *ikd_session_of_indexed(ikd_session_index *index, const ikd_engine *engine, const ikd_sa *sa)
{
    catch_up(index, engine);
    GBytes *key = pair_key(sa);
    GArray *sas = g_hash_table_lookup(index->by_pair, key);
    g_bytes_unref(key);
    return sas ? ikd_session_of_among(engine, sa, (const uint32_t *)(void *)sas->data, sas->len) : NULL;
}
