/* ikediag - the phase-1 offers of a capture's IKEv1 SAs, each kept once
 * (offer_pool.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/offer_pool.h"

#include <glib.h>
#include <string.h>

struct ikd_v1_offer_pool {
    GHashTable *offers; /* ikd_v1_offer*, a set, hashed and compared by its transforms */
    /* The offer last held: an SA's MM1 mostly offers what the one before
     * offered, found so without hashing it. */
    ikd_v1_offer *last;
};

/* Field by field: a transform's padding bytes are whatever the copy left. */
static guint32 mix(guint32 h, guint32 word)
{
    return (h ^ word) * 0x01000193u; /* FNV-1a's prime, a word at a time */
}

static guint offer_hash(gconstpointer key)
{
    const ikd_v1_offer *o = key;
    guint32 h = mix(0x811c9dc5u, (guint32)o->count << 1 | o->dropped);
    for (unsigned i = 0; i < o->count; i++) {
        const ikd_transform_entry *e = &o->entries[i];
        const ikd_transform *t = &e->attributes;
        h = mix(h, (guint32)e->proposal_number | (guint32)e->protocol << 8 | (guint32)e->transform_number << 16 |
                       (guint32)e->transform_id << 24);
        h = mix(h, (guint32)t->encryption | (guint32)t->key_length << 16);
        h = mix(h, (guint32)t->hash | (guint32)t->auth << 16);
        h = mix(h, t->group);
        h = mix(h, t->life_seconds);
        h = mix(h, t->life_kilobytes);
    }
    return h;
}

static bool same_entry(const ikd_transform_entry *a, const ikd_transform_entry *b)
{
    const ikd_transform *x = &a->attributes, *y = &b->attributes;
    return a->proposal_number == b->proposal_number && a->protocol == b->protocol &&
           a->transform_number == b->transform_number && a->transform_id == b->transform_id &&
           x->encryption == y->encryption && x->key_length == y->key_length && x->hash == y->hash &&
           x->auth == y->auth && x->group == y->group && x->life_seconds == y->life_seconds &&
           x->life_kilobytes == y->life_kilobytes;
}

static gboolean same_offer(gconstpointer pa, gconstpointer pb)
{
    const ikd_v1_offer *a = pa, *b = pb;
    if (a->count != b->count || a->dropped != b->dropped)
        return FALSE;
    for (unsigned i = 0; i < a->count; i++)
        if (!same_entry(&a->entries[i], &b->entries[i]))
            return FALSE;
    return TRUE;
}

ikd_v1_offer_pool *ikd_v1_offer_pool_new(void)
{
    ikd_v1_offer_pool *pool = g_new(ikd_v1_offer_pool, 1);
    pool->offers = g_hash_table_new_full(offer_hash, same_offer, g_free, NULL);
    pool->last = NULL;
    return pool;
}

void ikd_v1_offer_pool_free(ikd_v1_offer_pool *pool)
{
    if (!pool)
        return;
    g_hash_table_destroy(pool->offers);
    g_free(pool);
}

const ikd_v1_offer *ikd_v1_offer_hold(ikd_v1_offer_pool *pool, const ikd_transform_entry *entries, unsigned count,
                                      bool dropped)
{
    count = MIN(count, (unsigned)UINT8_MAX);
    const ikd_v1_offer probe = { entries, (uint8_t)count, dropped, 0, pool };
    ikd_v1_offer *offer = pool->last && same_offer(pool->last, &probe) ? pool->last
                                                                       : g_hash_table_lookup(pool->offers, &probe);
    if (!offer) {
        offer = g_malloc(sizeof *offer + count * sizeof offer->room[0]);
        /* The header first: a struct's tail padding may overlap its flexible array. */
        *offer = (ikd_v1_offer){ offer->room, (uint8_t)count, dropped, 0, pool };
        if (count)
            memcpy(offer->room, entries, count * sizeof offer->room[0]);
        g_hash_table_add(pool->offers, offer);
    }
    offer->holders++;
    pool->last = offer;
    return offer;
}

void ikd_v1_offer_release(const ikd_v1_offer *held)
{
    if (!held)
        return;
    ikd_v1_offer *offer = (ikd_v1_offer *)held; /* the pool's own (g_malloc'd above): const to its holders only */
    ikd_v1_offer_pool *pool = offer->pool;
    if (--offer->holders)
        return;
    if (pool->last == offer)
        pool->last = NULL;
    g_hash_table_remove(pool->offers, offer); /* frees it */
}

unsigned ikd_v1_offer_pool_size(const ikd_v1_offer_pool *pool)
{
    return g_hash_table_size(pool->offers);
}
