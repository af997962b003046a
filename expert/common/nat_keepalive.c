/* ikediag - NAT-T keepalives tied to the SA between their two ends.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/nat_keepalive.h"

#include "common/exchange.h"

#include <string.h>

/* Which end of the SA's NAT-T flow sent the keepalive: 0 or 1, -1 when the
 * packet's addresses and ports are not the SA's (as last seen). */
static int sender_of(const ikd_sa *sa, const ikd_packet *p)
{
    for (int peer = 0; peer < 2; peer++)
        if (ikd_address_equal(&p->src, &sa->peer[peer]) && ikd_address_equal(&p->dst, &sa->peer[1 - peer]) &&
            p->src_port == sa->port[peer] && p->dst_port == sa->port[1 - peer])
            return peer;
    return -1;
}

/* Whether the keepalive belongs to sa: it floated before the keepalive's
 * frame, and the keepalive is between its ends. The peer, or -1. */
static int keepalive_sender(const ikd_sa *sa, const ikd_packet *p)
{
    return ikd_sa_nat_t_frame(sa) && ikd_sa_nat_t_frame(sa) < p->frame ? sender_of(sa, p) : -1;
}

/* One end: a canonical address (ikd_address_canonical) and a port. */
typedef struct {
    ikd_address address;
    uint8_t port[2];
} end;

typedef struct {
    end lower, higher; /* ordered by their bytes: the same key whichever sent */
} ends_key;

static end end_of(const ikd_address *a, uint16_t port)
{
    end e;
    e.address = ikd_address_canonical(a);
    e.port[0] = (uint8_t)(port >> 8);
    e.port[1] = (uint8_t)port;
    return e;
}

static ends_key key_of(const ikd_address *a, uint16_t a_port, const ikd_address *b, uint16_t b_port)
{
    end x = end_of(a, a_port), y = end_of(b, b_port);
    bool x_first = memcmp(&x, &y, sizeof x) <= 0;
    return (ends_key){ x_first ? x : y, x_first ? y : x };
}

static guint ends_hash(gconstpointer key)
{
    uint64_t h = ikd_bytes_hash(key, sizeof(ends_key));
    return (guint)(h ^ h >> 32);
}

static gboolean ends_equal(gconstpointer a, gconstpointer b)
{
    return memcmp(a, b, sizeof(ends_key)) == 0;
}

void ikd_keepalive_index_init(ikd_keepalive_index *index)
{
    index->by_ends = g_hash_table_new_full(ends_hash, ends_equal, g_free, NULL);
}

void ikd_keepalive_index_clear(ikd_keepalive_index *index)
{
    g_hash_table_destroy(index->by_ends);
    index->by_ends = NULL;
}

/* The SA a filed conn-id names, when it is still at those ends; NULL when it
 * was removed or has moved to other ports since it was filed. */
static ikd_sa *still_at(const ikd_sa_store *store, gpointer filed, const ends_key *key)
{
    ikd_sa *sa = filed ? ikd_sa_store_by_conn_id(store, GPOINTER_TO_UINT(filed)) : NULL;
    if (!sa)
        return NULL;
    ends_key now = key_of(&sa->peer[0], sa->port[0], &sa->peer[1], sa->port[1]);
    return ends_equal(&now, key) ? sa : NULL;
}

/* Files sa under key unless a newer SA still at those ends is filed there. */
static void file(ikd_keepalive_index *index, const ikd_sa_store *store, const ends_key *key, const ikd_sa *sa)
{
    const ikd_sa *filed = still_at(store, g_hash_table_lookup(index->by_ends, key), key);
    if (filed && filed->index >= sa->index)
        return; /* filed already, or a newer SA is */
    g_hash_table_replace(index->by_ends, g_memdup2(key, sizeof *key), GUINT_TO_POINTER(sa->conn_id));
}

void ikd_keepalive_index_note(ikd_keepalive_index *index, const ikd_sa_store *store, const ikd_sa *sa)
{
    if (!ikd_sa_nat_t_frame(sa))
        return;
    ends_key key = key_of(&sa->peer[0], sa->port[0], &sa->peer[1], sa->port[1]);
    file(index, store, &key, sa);
}

/* Newest first: after a rekey the stream belongs to the SA in use. The SA
 * filed under the keepalive's ends is the newest of those now at them that
 * floated (each is filed after each of its messages, and only a message
 * moves an SA's ports), so when the keepalive belongs to it, no newer SA can
 * take it. When nothing was ever filed there, no SA that floated is at those
 * ends: nothing is walked (NAT-T tunnels older than the capture, keeping
 * their mappings open before their first IKE message, walked every SA with
 * each keepalive). Only when the SA filed there has moved away since is
 * every SA walked, as before the index; when none is found that stale entry
 * goes, so the next keepalive between those ends walks nothing. */
static ikd_sa *owner_of(ikd_sa_store *store, ikd_keepalive_index *index, const ikd_packet *p, int *peer)
{
    ends_key key = key_of(&p->src, p->src_port, &p->dst, p->dst_port);
    gpointer filed_id = g_hash_table_lookup(index->by_ends, &key);
    if (!filed_id)
        return NULL;
    ikd_sa *filed = still_at(store, filed_id, &key);
    if (filed && (*peer = keepalive_sender(filed, p)) >= 0)
        return filed;
    for (uint32_t i = ikd_sa_store_count(store); i-- > 0;) {
        ikd_sa *sa = ikd_sa_store_at(store, i);
        if ((*peer = keepalive_sender(sa, p)) >= 0) {
            file(index, store, &key, sa);
            return sa;
        }
    }
    if (!filed) /* moved away or removed: nothing floated is at these ends any more */
        g_hash_table_remove(index->by_ends, &key);
    return NULL;
}

ikd_sa *ikd_nat_keepalive_feed(ikd_sa_store *store, ikd_keepalive_index *index, const ikd_packet *p,
                               ikd_annotation *ann)
{
    int peer = -1;
    ikd_sa *sa = owner_of(store, index, p, &peer);
    if (!sa)
        return NULL;
    ikd_sa_extra_of(sa)->nat_keepalives++;
    ann->result.ike_version = sa->ike_version;
    ann->result.conn_id = sa->conn_id;
    ann->result.step = IKD_STEP_KEEPALIVE;
    ann->result.sender = ikd_sa_role_of(sa, peer);
    return sa;
}
