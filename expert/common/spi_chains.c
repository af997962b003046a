/* ikediag - long same-SPI chains indexed by responder SPI (common/spi_chains.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/spi_chains.h"

#include "core/keyed_items.h"

#include <string.h>

typedef struct {
    GHashTable *by_spi_r; /* responder SPI (key64) -> the newest SA with it */
    GPtrArray *waiting;   /* SAs without a responder SPI yet, oldest first */
} chain_index;

static void chain_index_free(gpointer p)
{
    chain_index *c = p;
    g_hash_table_destroy(c->by_spi_r);
    g_ptr_array_free(c->waiting, TRUE);
    g_free(c);
}

void ikd_spi_chains_init(ikd_spi_chains *chains)
{
    chains->indexed = NULL;
}

void ikd_spi_chains_clear(ikd_spi_chains *chains)
{
    if (chains->indexed)
        g_hash_table_destroy(chains->indexed);
    chains->indexed = NULL;
}

/* sa, newer than every SA filed before it, goes in the index. */
static void file_sa(chain_index *c, ikd_sa *sa)
{
    if (sa->spi_r_known)
        g_hash_table_insert(c->by_spi_r, ikd_key64(ikd_key64_of_bytes(sa->spi_r)), sa);
    else
        g_ptr_array_add(c->waiting, sa);
}

/* The index of the chain from newest, oldest SA filed first; NULL when the
 * chain is shorter than IKD_KEYED_ITEMS_WALKED. */
static chain_index *index_chain(ikd_sa *newest)
{
    GPtrArray *chain = g_ptr_array_new();
    for (ikd_sa *sa = newest; sa; sa = ikd_sa_older_same_spi(sa))
        g_ptr_array_add(chain, sa);
    chain_index *c = NULL;
    if (chain->len >= IKD_KEYED_ITEMS_WALKED) {
        c = g_new(chain_index, 1);
        c->by_spi_r = g_hash_table_new(ikd_key64_hash, g_direct_equal);
        c->waiting = g_ptr_array_new();
        for (guint i = chain->len; i-- > 0;)
            file_sa(c, g_ptr_array_index(chain, i));
    }
    g_ptr_array_free(chain, TRUE);
    return c;
}

static gpointer spi_i_key(const ikd_sa *sa)
{
    return ikd_key64(ikd_key64_of_bytes(sa->spi_i));
}

static chain_index *index_of(const ikd_spi_chains *chains, const ikd_sa *newest)
{
    return chains->indexed ? g_hash_table_lookup(chains->indexed, spi_i_key(newest)) : NULL;
}

void ikd_spi_chains_note_added(ikd_spi_chains *chains, ikd_sa *newest)
{
    chain_index *c = index_of(chains, newest);
    if (c) {
        file_sa(c, newest);
        return;
    }
    /* Counted while short: at most IKD_KEYED_ITEMS_WALKED steps an SA. */
    uint32_t length = 0;
    for (const ikd_sa *sa = newest; sa && length < IKD_KEYED_ITEMS_WALKED; sa = ikd_sa_older_same_spi(sa))
        length++;
    if (length < IKD_KEYED_ITEMS_WALKED)
        return;
    if (!chains->indexed)
        chains->indexed = g_hash_table_new_full(ikd_key64_hash, g_direct_equal, NULL, chain_index_free);
    g_hash_table_insert(chains->indexed, spi_i_key(newest), index_chain(newest));
}

bool ikd_spi_chains_find(ikd_spi_chains *chains, ikd_sa *newest, const uint8_t spi_r[8], ikd_sa **found)
{
    chain_index *c = index_of(chains, newest);
    if (!c)
        return false;
    gpointer key = ikd_key64(ikd_key64_of_bytes(spi_r));
    *found = g_hash_table_lookup(c->by_spi_r, key);
    if (*found)
        return true;
    if (c->waiting->len) {
        ikd_sa *sa = g_ptr_array_steal_index(c->waiting, c->waiting->len - 1);
        memcpy(sa->spi_r, spi_r, 8);
        sa->spi_r_known = true;
        g_hash_table_insert(c->by_spi_r, key, sa); /* none had it: it is the newest */
        *found = sa;
    }
    return true;
}

void ikd_spi_chains_rebuild(ikd_spi_chains *chains, ikd_chain_head newest_of, const void *ctx)
{
    if (!chains->indexed)
        return;
    GHashTableIter it;
    gpointer key, value;
    g_hash_table_iter_init(&it, chains->indexed);
    while (g_hash_table_iter_next(&it, &key, &value)) {
        ikd_sa *newest = newest_of(ctx, (uint64_t)(uintptr_t)key);
        chain_index *c = newest ? index_chain(newest) : NULL;
        if (c)
            g_hash_table_iter_replace(&it, c);
        else
            g_hash_table_iter_remove(&it);
    }
}
