/* ikediag - the IKEv2 SA record.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/ikev2_sa.h"

#include <string.h>

G_STATIC_ASSERT(IKD_IOS_STATE_COUNT <= UINT8_MAX + 1); /* status and machine[] are a byte each */
/* What every IKEv2 SA costs: a field added here is paid 200,000 times on a
 * day's head-end capture (out of line, ikd_v2_rare, if few SAs fill it). */
G_STATIC_ASSERT(sizeof(ikd_v2_sa) <= 296 && sizeof(ikd_v2_exchange) <= 80);

ikd_v2_sa *ikd_v2_sa_of(ikd_sa *sa)
{
    return sa && sa->ike_version == IKD_IKEV2_MAJOR ? (ikd_v2_sa *)sa : NULL;
}

const ikd_v2_sa *ikd_v2_sa_of_const(const ikd_sa *sa)
{
    return sa && sa->ike_version == IKD_IKEV2_MAJOR ? (const ikd_v2_sa *)sa : NULL;
}

ikd_v2_rare *ikd_v2_rare_of(ikd_v2_sa *v2)
{
    if (!v2->rare)
        v2->rare = g_new0(ikd_v2_rare, 1);
    return v2->rare;
}

const ikd_v2_rare *ikd_v2_rare_seen(const ikd_v2_sa *v2)
{
    static const ikd_v2_rare none;
    return v2->rare ? v2->rare : &none;
}

const ikd_icmp_seen *ikd_v2_icmp_seen(const ikd_v2_sa *v2)
{
    static const ikd_icmp_seen none[IKD_ICMP_KINDS];
    const ikd_icmp_seen *icmp = ikd_v2_rare_seen(v2)->icmp;
    return icmp ? icmp : none;
}

const ikd_v2_ra *ikd_v2_ra_seen(const ikd_v2_sa *v2)
{
    static const ikd_v2_ra none;
    const ikd_v2_ra *ra = ikd_v2_rare_seen(v2)->ra;
    return ra ? ra : &none;
}

/* Frees the rare parts (the children with their array). */
static void rare_free(ikd_v2_rare *rare)
{
    if (!rare)
        return;
    ikd_keyed_items_clear(&rare->exchange_by_id);
    if (rare->children)
        g_ptr_array_free(rare->children, TRUE);
    if (rare->child_by_spi)
        g_hash_table_destroy(rare->child_by_spi);
    if (rare->open_rekeys)
        g_ptr_array_free(rare->open_rekeys, TRUE);
    if (rare->rekeys)
        g_hash_table_destroy(rare->rekeys);
    g_free(rare->icmp);
    g_free(rare->ra);
    g_free(rare);
}

void ikd_v2_records_init(ikd_v2_records *records)
{
    ikd_record_slab_init(&records->sas, sizeof(ikd_v2_sa));
    ikd_record_slab_init(&records->exchanges, sizeof(ikd_v2_exchange));
}

void ikd_v2_records_clear(ikd_v2_records *records)
{
    ikd_record_slab_clear(&records->sas);
    ikd_record_slab_clear(&records->exchanges);
}

/* The SA's exchanges as one array, ikd_v2_exchange_count of them. */
static ikd_v2_exchange *const *exchanges_of(const ikd_v2_sa *v2)
{
    return v2->many ? v2->many : v2->few;
}

void ikd_v2_sa_destroy(ikd_v2_records *records, ikd_v2_sa *v2)
{
    for (uint32_t i = 0; i < v2->exchange_count; i++) {
        ikd_v2_exchange *x = exchanges_of(v2)[i];
        ikd_step_record_release(&x->request);
        ikd_step_record_release(&x->response);
        ikd_record_slab_free(&records->exchanges, x);
    }
    g_free(v2->many);
    rare_free(v2->rare);
    g_free(v2->announced.redirect);
    g_free(v2->chosen.ids);
    ikd_record_slab_free(&records->sas, v2);
}

ikd_v2_sa *ikd_v2_sa_create(ikd_sa_store *store, ikd_v2_records *records, const ikd_ike_header *h,
                            const ikd_packet *packet)
{
    ikd_v2_sa *v2 = ikd_record_slab_new0(&records->sas);
    ikd_sa *sa = &v2->sa;
    sa->ike_version = IKD_IKEV2_MAJOR;
    memcpy(sa->spi_i, h->spi_i, 8);
    memcpy(sa->spi_r, h->spi_r, 8);
    sa->spi_r_known = !ikd_spi_is_zero(h->spi_r);
    /* The I flag names the original initiator in every message (RFC 7296 3.1). */
    sa->roles_known = true;
    int sender = (h->flags & IKD_V2_FLAG_INITIATOR) ? 0 : 1;
    sa->peer[sender] = packet->src;
    sa->port[sender] = packet->src_port;
    sa->peer[1 - sender] = packet->dst;
    sa->port[1 - sender] = packet->dst_port;
    sa->first_frame = packet->frame;
    sa->first_time = packet->time;
    v2->status = IKD_IOS_V2_IN_NEG;
    ikd_sa_store_add(store, sa);
    return v2;
}

/* A requester (0 or 1) and a message ID as one key. */
static uint64_t exchange_key(int requester, uint32_t message_id)
{
    return (uint64_t)(uint32_t)requester << 32 | message_id;
}

static uint64_t key_of_exchange(const void *item)
{
    const ikd_v2_exchange *x = item;
    return exchange_key(x->requester, x->message_id);
}

ikd_v2_exchange *ikd_v2_find_exchange(ikd_v2_sa *sa, int requester, uint32_t message_id)
{
    return ikd_keyed_items_find(&ikd_v2_rare_seen(sa)->exchange_by_id, (void *const *)exchanges_of(sa),
                                sa->exchange_count, exchange_key(requester, message_id), key_of_exchange);
}

/* Puts x after the SA's exchanges: in few while there is room, then in
 * many, doubled as it fills (its room is the power of two at or above the
 * count, so it needs no field of its own). */
static void append_exchange(ikd_v2_sa *v2, ikd_v2_exchange *x)
{
    uint32_t n = v2->exchange_count;
    if (n < IKD_V2_FEW_EXCHANGES) {
        v2->few[n] = x;
    } else if (n == IKD_V2_FEW_EXCHANGES) {
        v2->many = g_new(ikd_v2_exchange *, 2 * IKD_V2_FEW_EXCHANGES);
        memcpy(v2->many, v2->few, sizeof v2->few);
        v2->many[n] = x;
    } else {
        if ((n & (n - 1)) == 0) /* full: n is its room */
            v2->many = g_renew(ikd_v2_exchange *, v2->many, 2 * (size_t)n);
        v2->many[n] = x;
    }
    v2->exchange_count = n + 1;
}

ikd_v2_exchange *ikd_v2_add_exchange(ikd_v2_records *records, ikd_v2_sa *sa, int requester, uint32_t message_id,
                                     uint8_t exchange)
{
    ikd_v2_exchange *x = ikd_record_slab_new0(&records->exchanges);
    x->requester = requester;
    x->message_id = message_id;
    x->exchange = exchange;
    append_exchange(sa, x);
    if (sa->exchange_count >= IKD_KEYED_ITEMS_WALKED) /* below it, filing does nothing: no rare part for it */
        ikd_keyed_items_file(&ikd_v2_rare_of(sa)->exchange_by_id, (void *const *)exchanges_of(sa),
                             sa->exchange_count, key_of_exchange);
    return x;
}

uint32_t ikd_v2_exchange_count(const ikd_v2_sa *sa)
{
    return sa->exchange_count;
}

const ikd_v2_exchange *ikd_v2_exchange_at(const ikd_v2_sa *sa, uint32_t index)
{
    return index < sa->exchange_count ? exchanges_of(sa)[index] : NULL;
}

const ikd_v2_rekey *ikd_v2_rekey_of(const ikd_v2_sa *v2, const ikd_v2_exchange *x)
{
    static const ikd_v2_rekey none;
    GHashTable *rekeys = ikd_v2_rare_seen(v2)->rekeys;
    const ikd_v2_rekey *r = x->rekeys && rekeys ? g_hash_table_lookup(rekeys, x) : NULL;
    return r ? r : &none;
}

ikd_v2_rekey *ikd_v2_rekey_record(ikd_v2_sa *v2, const ikd_v2_exchange *x)
{
    ikd_v2_rare *rare = ikd_v2_rare_of(v2);
    if (!rare->rekeys)
        rare->rekeys = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, g_free);
    ikd_v2_rekey *r = g_hash_table_lookup(rare->rekeys, x);
    if (!r) {
        r = g_new0(ikd_v2_rekey, 1);
        g_hash_table_insert(rare->rekeys, (gpointer)x, r);
    }
    return r;
}

void ikd_v2_mark_ready(ikd_v2_sa *v2, uint32_t frame, double time)
{
    if (v2->status == IKD_IOS_V2_DELETE)
        return;
    if (v2->status == IKD_IOS_V2_IN_NEG) {
        v2->status = IKD_IOS_V2_READY;
        if (v2->began_mid_sa && !v2->auth_answered) {
            v2->sa.established_before_capture = true;
        } else if (!v2->sa.established_frame) {
            v2->sa.established_frame = frame;
            v2->sa.established_time = time;
        }
    }
    v2->machine[0] = v2->machine[1] = IKD_IOS_V2_READY;
}

void ikd_v2_mark_deleted(ikd_v2_sa *v2, int by, uint32_t frame)
{
    v2->status = IKD_IOS_V2_DELETE;
    if (v2->sa.deleted)
        return;
    ikd_sa_mark_deleted(&v2->sa, frame);
    v2->deleted_by = (uint8_t)by;
}
