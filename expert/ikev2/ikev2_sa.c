/* ikediag - the IKEv2 SA record.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/ikev2_sa.h"

#include <string.h>

ikd_v2_sa *ikd_v2_sa_of(ikd_sa *sa)
{
    return sa && sa->ike_version == IKD_IKEV2_MAJOR ? (ikd_v2_sa *)sa : NULL;
}

const ikd_v2_sa *ikd_v2_sa_of_const(const ikd_sa *sa)
{
    return sa && sa->ike_version == IKD_IKEV2_MAJOR ? (const ikd_v2_sa *)sa : NULL;
}

const ikd_icmp_seen *ikd_v2_icmp_seen(const ikd_v2_sa *v2)
{
    static const ikd_icmp_seen none[IKD_ICMP_KINDS];
    return v2->icmp ? v2->icmp : none;
}

const ikd_v2_ra *ikd_v2_ra_seen(const ikd_v2_sa *v2)
{
    static const ikd_v2_ra none;
    return v2->ra ? v2->ra : &none;
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

void ikd_v2_sa_destroy(ikd_v2_records *records, ikd_v2_sa *v2)
{
    ikd_keyed_items_clear(&v2->exchange_by_id);
    for (guint i = 0; i < v2->exchanges->len; i++) {
        ikd_v2_exchange *x = g_ptr_array_index(v2->exchanges, i);
        ikd_step_record_release(&x->request);
        ikd_step_record_release(&x->response);
        ikd_record_slab_free(&records->exchanges, x);
    }
    g_ptr_array_free(v2->exchanges, TRUE);
    g_ptr_array_free(v2->children, TRUE);
    if (v2->child_by_spi)
        g_hash_table_destroy(v2->child_by_spi);
    if (v2->open_rekeys)
        g_ptr_array_free(v2->open_rekeys, TRUE);
    g_free(v2->icmp);
    g_free(v2->ra);
    ikd_record_slab_free(&records->sas, v2);
}

ikd_v2_sa *ikd_v2_sa_create(ikd_sa_store *store, ikd_v2_records *records, const ikd_ike_header *h,
                            const ikd_packet *packet)
{
    ikd_v2_sa *v2 = ikd_record_slab_new0(&records->sas);
    ikd_sa *sa = &v2->sa;
    sa->ike_version = IKD_IKEV2_MAJOR;
    v2->exchanges = g_ptr_array_new();
    v2->children = g_ptr_array_new_with_free_func(g_free);
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
    return ikd_keyed_items_find(&sa->exchange_by_id, sa->exchanges->pdata, sa->exchanges->len,
                                exchange_key(requester, message_id), key_of_exchange);
}

ikd_v2_exchange *ikd_v2_add_exchange(ikd_v2_records *records, ikd_v2_sa *sa, int requester, uint32_t message_id,
                                     uint8_t exchange)
{
    ikd_v2_exchange *x = ikd_record_slab_new0(&records->exchanges);
    x->requester = requester;
    x->message_id = message_id;
    x->exchange = exchange;
    g_ptr_array_add(sa->exchanges, x);
    ikd_keyed_items_file(&sa->exchange_by_id, sa->exchanges->pdata, sa->exchanges->len, key_of_exchange);
    return x;
}

uint32_t ikd_v2_exchange_count(const ikd_v2_sa *sa)
{
    return sa->exchanges->len;
}

const ikd_v2_exchange *ikd_v2_exchange_at(const ikd_v2_sa *sa, uint32_t index)
{
    return index < sa->exchanges->len ? g_ptr_array_index(sa->exchanges, index) : NULL;
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
