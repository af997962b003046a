/* ikediag - the SA store: SAs in conn-id order, indexed by initiator SPI.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/sa_store.h"

#include "core/byte_reader.h"
#include "core/keyed_items.h"

#include <string.h>

static void destroy_sa(const ikd_sa_store *store, ikd_sa *sa)
{
    ikd_sa_extra_free(sa);
    store->destroy(sa, store->destroy_ctx);
}

void ikd_sa_store_init(ikd_sa_store *store, ikd_sa_destroy destroy, void *destroy_ctx)
{
    store->destroy = destroy;
    store->destroy_ctx = destroy_ctx;
    store->sas = g_ptr_array_new();
    store->removed[0] = store->removed[1] = 0;
    store->by_number[0] = NULL; /* the same as sas, so far */
    store->by_number[1] = g_ptr_array_new();
    ikd_spi_set_init(&store->by_spi_i, store->sas);
    ikd_spi_chains_init(&store->long_chains);
}

void ikd_sa_store_clear(ikd_sa_store *store)
{
    ikd_spi_chains_clear(&store->long_chains);
    ikd_spi_set_clear(&store->by_spi_i);
    if (store->by_number[0])
        g_ptr_array_free(store->by_number[0], TRUE);
    g_ptr_array_free(store->by_number[1], TRUE);
    for (guint i = 0; i < store->sas->len; i++)
        destroy_sa(store, g_ptr_array_index(store->sas, i));
    g_ptr_array_free(store->sas, TRUE);
    store->sas = NULL;
}

bool ikd_spi_is_zero(const uint8_t spi[8])
{
    return ikd_bytes_all_zero(spi, 8);
}

ikd_sa *ikd_sa_store_newest_with_spi_i(const ikd_sa_store *store, const uint8_t spi_i[8])
{
    return ikd_spi_set_find(&store->by_spi_i, ikd_key64_of_bytes(spi_i));
}

void ikd_sa_store_prefetch(const ikd_sa_store *store, const uint8_t spi_i[8])
{
    ikd_spi_set_prefetch(&store->by_spi_i, ikd_key64_of_bytes(spi_i));
}

ikd_sa *ikd_sa_store_find(ikd_sa_store *store, const uint8_t spi_i[8], const uint8_t spi_r[8])
{
    ikd_sa *newest = ikd_sa_store_newest_with_spi_i(store, spi_i);
    if (!newest)
        return NULL;
    if (ikd_spi_is_zero(spi_r))
        return newest; /* the first message again, or a notify answering it */
    ikd_sa *found;
    if (ikd_spi_chains_find(&store->long_chains, newest, spi_r, &found))
        return found;
    for (ikd_sa *sa = newest; sa; sa = ikd_sa_older_same_spi(sa))
        if (sa->spi_r_known && !memcmp(sa->spi_r, spi_r, 8))
            return sa;
    for (ikd_sa *sa = newest; sa; sa = ikd_sa_older_same_spi(sa))
        if (!sa->spi_r_known) {
            memcpy(sa->spi_r, spi_r, 8);
            sa->spi_r_known = true;
            return sa;
        }
    return NULL;
}

/* The SAs of one version, in conn-id / Tunnel-id order: IKEv1's are the
 * store's own array while it holds nothing else (by_number[0] NULL). */
static const GPtrArray *numbered(const ikd_sa_store *store, bool v2)
{
    return v2 || store->by_number[0] ? store->by_number[v2] : store->sas;
}

/* IKEv1's SAs in an array of their own from now on: an IKEv2 SA joins the
 * store, or some leave it. */
static void number_v1_apart(ikd_sa_store *store)
{
    if (!store->by_number[0])
        store->by_number[0] = g_ptr_array_copy(store->sas, NULL, NULL); /* the pointers alone */
}

void ikd_sa_store_add(ikd_sa_store *store, ikd_sa *sa)
{
    bool v2 = sa->ike_version == 2;
    if (v2)
        number_v1_apart(store);
    const GPtrArray *list = numbered(store, v2);
    sa->conn_id = (v2 ? IKD_V2_CONN_ID_BASE : IKD_CONN_ID_BASE) + list->len + store->removed[v2];
    if (list != store->sas)
        g_ptr_array_add(store->by_number[v2], sa);
    sa->index = store->sas->len;
    g_ptr_array_add(store->sas, sa);
    ikd_sa_set_older_same_spi(sa, ikd_spi_set_put(&store->by_spi_i, sa)); /* replaces the older one */
    ikd_spi_chains_note_added(&store->long_chains, sa);
}

uint32_t ikd_sa_store_count(const ikd_sa_store *store)
{
    return store->sas->len;
}

ikd_sa *ikd_sa_store_at(const ikd_sa_store *store, uint32_t index)
{
    return index < store->sas->len ? g_ptr_array_index(store->sas, index) : NULL;
}

void ikd_sa_store_prefetch_ahead(const ikd_sa_store *store, uint32_t index)
{
    uint32_t ahead = index + IKD_SA_PREFETCH_AHEAD;
    if (ahead >= store->sas->len)
        return;
    const char *sa = g_ptr_array_index(store->sas, ahead);
    for (size_t line = 0; line < IKD_SA_PREFETCH_BYTES; line += 64)
        __builtin_prefetch(sa + line);
}

ikd_sa *ikd_sa_store_by_conn_id(const ikd_sa_store *store, uint32_t conn_id)
{
    bool v2 = ikd_conn_id_is_v2(conn_id);
    const GPtrArray *list = numbered(store, v2);
    uint32_t n = conn_id - (v2 ? IKD_V2_CONN_ID_BASE : IKD_CONN_ID_BASE);
    if (conn_id < IKD_CONN_ID_BASE)
        return NULL;
    if (!store->removed[v2])
        return n < list->len ? g_ptr_array_index(list, n) : NULL;
    /* SAs were removed: conn-ids still ascend, with gaps. */
    guint low = 0, high = list->len;
    while (low < high) {
        guint mid = low + (high - low) / 2;
        ikd_sa *sa = g_ptr_array_index(list, mid);
        if (sa->conn_id == conn_id)
            return sa;
        if (sa->conn_id < conn_id)
            low = mid + 1;
        else
            high = mid;
    }
    return NULL;
}

/* Drops the SAs `doomed` says so from one list, keeping the order. */
static void keep_survivors(GPtrArray *list, ikd_sa_doomed doomed, void *ctx)
{
    guint kept = 0;
    for (guint i = 0; i < list->len; i++) {
        ikd_sa *sa = g_ptr_array_index(list, i);
        if (!doomed(sa, ctx))
            list->pdata[kept++] = sa;
    }
    g_ptr_array_set_size(list, kept); /* no free function: the SAs are freed below */
}

/* The chain of SAs with one SPI without the doomed ones; NULL when none is left. */
static ikd_sa *chain_survivors(ikd_sa *newest, ikd_sa_doomed doomed, void *ctx)
{
    ikd_sa *head = NULL, *last = NULL;
    for (ikd_sa *sa = newest, *older; sa; sa = older) {
        older = ikd_sa_older_same_spi(sa); /* read before sa is linked anew */
        if (doomed(sa, ctx))
            continue;
        if (last)
            ikd_sa_set_older_same_spi(last, sa);
        else
            head = sa;
        last = sa;
    }
    if (last)
        ikd_sa_set_older_same_spi(last, NULL);
    return head;
}

static ikd_sa *chain_head(const void *store, uint64_t spi_i)
{
    uint8_t spi[8];
    uint64_t big_endian = GUINT64_TO_BE(spi_i); /* ikd_key64_of_bytes, undone */
    memcpy(spi, &big_endian, sizeof spi);
    return ikd_sa_store_newest_with_spi_i(store, spi);
}

uint32_t ikd_sa_store_remove(ikd_sa_store *store, ikd_sa_doomed doomed, void *ctx)
{
    number_v1_apart(store);
    for (int v = 0; v < 2; v++) {
        guint before = store->by_number[v]->len;
        keep_survivors(store->by_number[v], doomed, ctx);
        store->removed[v] += before - store->by_number[v]->len;
    }
    /* Each chain's new head replaces the old as the set's member, filed
     * again once the survivors have their new places (the set cannot
     * change while it is walked). */
    GPtrArray *heads = g_ptr_array_sized_new(ikd_spi_set_count(&store->by_spi_i));
    for (uint32_t i = 0; i < ikd_spi_set_capacity(&store->by_spi_i); i++) {
        ikd_sa *newest = ikd_spi_set_slot_sa(&store->by_spi_i, i);
        ikd_sa *head = newest ? chain_survivors(newest, doomed, ctx) : NULL;
        if (head)
            g_ptr_array_add(heads, head);
    }
    uint32_t gone = 0, kept = 0;
    for (guint i = 0; i < store->sas->len; i++) {
        ikd_sa *sa = g_ptr_array_index(store->sas, i);
        if (doomed(sa, ctx)) {
            destroy_sa(store, sa);
            gone++;
            continue;
        }
        sa->index = kept;
        store->sas->pdata[kept++] = sa;
    }
    store->sas->len = kept;
    ikd_spi_set_remove_all(&store->by_spi_i);
    for (guint i = 0; i < heads->len; i++)
        ikd_spi_set_put(&store->by_spi_i, g_ptr_array_index(heads, i));
    g_ptr_array_free(heads, TRUE);
    ikd_spi_chains_rebuild(&store->long_chains, chain_head, store);
    return gone;
}
