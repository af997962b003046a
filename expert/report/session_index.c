/* ikediag - the SAs between each two addresses (report/session_index.h).
 * An SA's two addresses never change (a late start may swap which is the
 * initiator: the pair stays the same), so each SA is filed once; SAs
 * dropped under a flood move the others' places, so a drop files them all
 * again.
 *
 * One block a pair, found with a key on the stack: a GBytes key and a
 * GArray a pair, and a GBytes made and freed for every lookup, cost about
 * 200 bytes a pair and 5% of `-2` with every table on a flood of 100k MM1s
 * (perf, massif).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/session_index.h"

#include "common/exchange.h"

#include <string.h>

typedef struct {
    ikd_address_pair key;
    uint32_t len, room;          /* SA indices, ascending; room 0: the one is in place */
    union {
        uint32_t one;
        uint32_t *many;
    } sas;
} pair_group;

struct ikd_session_index {
    const ikd_engine *engine; /* not owned: the engine the index was built from */
    uint32_t filed;           /* SAs filed so far, in order */
    uint32_t dropped;         /* the engine's dropped SAs when they were */
    GHashTable *by_pair;      /* set of pair_group, by key */
};

static guint group_hash(gconstpointer p)
{
    uint64_t h = ikd_bytes_hash((const uint8_t *)&((const pair_group *)p)->key, sizeof(ikd_address_pair));
    return (guint)(h ^ h >> 32);
}

static gboolean group_equal(gconstpointer a, gconstpointer b)
{
    return !memcmp(&((const pair_group *)a)->key, &((const pair_group *)b)->key, sizeof(ikd_address_pair));
}

static void group_free(gpointer p)
{
    pair_group *g = p;
    if (g->room)
        g_free(g->sas.many);
    g_free(g);
}

ikd_session_index *ikd_session_index_new(void)
{
    ikd_session_index *index = g_new0(ikd_session_index, 1);
    index->by_pair = g_hash_table_new_full(group_hash, group_equal, group_free, NULL);
    return index;
}

void ikd_session_index_free(ikd_session_index *index)
{
    if (!index)
        return;
    g_hash_table_destroy(index->by_pair);
    g_free(index);
}

static void group_add(pair_group *g, uint32_t sa_index)
{
    if (!g->len) {
        g->sas.one = sa_index;
    } else {
        if (!g->room) {
            uint32_t one = g->sas.one;
            g->room = 4;
            g->sas.many = g_new(uint32_t, g->room);
            g->sas.many[0] = one;
        } else if (g->len == g->room) {
            g->room *= 2;
            g->sas.many = g_renew(uint32_t, g->sas.many, g->room);
        }
        g->sas.many[g->len] = sa_index;
    }
    g->len++;
}

static void catch_up(ikd_session_index *index, const ikd_engine *engine)
{
    uint32_t count = ikd_engine_sa_count_peek(engine), dropped = ikd_engine_sas_dropped(engine);
    if (index->engine != engine || count < index->filed || dropped != index->dropped) {
        g_hash_table_remove_all(index->by_pair);
        index->engine = engine;
        index->filed = 0;
        index->dropped = dropped;
    }
    for (; index->filed < count; index->filed++) {
        pair_group probe;
        probe.key = ikd_sa_address_pair(ikd_engine_sa_peek_at(engine, index->filed));
        pair_group *g = g_hash_table_lookup(index->by_pair, &probe);
        if (!g) {
            g = g_new0(pair_group, 1);
            g->key = probe.key;
            g_hash_table_add(index->by_pair, g);
        }
        group_add(g, index->filed);
    }
}

ikd_session *ikd_session_of_indexed(ikd_session_index *index, const ikd_engine *engine, const ikd_sa *sa)
{
    catch_up(index, engine);
    pair_group probe;
    probe.key = ikd_sa_address_pair(sa);
    const pair_group *g = g_hash_table_lookup(index->by_pair, &probe);
    if (!g)
        return NULL;
    return ikd_session_of_among(engine, sa, g->room ? g->sas.many : &g->sas.one, g->len);
}
