/* ikediag - the ISAKMP SA record.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/ikev1_sa.h"

#include "core/keyed_items.h"
#include "core/text_buf.h"
#include "ikev1/awaiting_qm2.h"
#include "ikev1/dpd_log.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/remote_access.h"

#include <stdio.h>
#include <string.h>

ikd_v1_sa *ikd_v1_sa_of(ikd_sa *sa)
{
    return sa && sa->ike_version == 1 ? (ikd_v1_sa *)sa : NULL;
}

const ikd_v1_sa *ikd_v1_sa_of_const(const ikd_sa *sa)
{
    return sa && sa->ike_version == 1 ? (const ikd_v1_sa *)sa : NULL;
}

/* One per SA and one per quick mode of the capture: kept from growing by
 * accident (expert/README.md, "Keeping it small"). An SA's record is
 * carved from the engine's slab (core/record_slab.h) at its size exactly:
 * 8 bytes more take a million SAs 8 MB further. */
G_STATIC_ASSERT(sizeof(ikd_v1_sa) <= 184 && sizeof(ikd_quick_mode) <= 104 && IKD_IOS_STATE_COUNT <= 16);
G_STATIC_ASSERT(_Alignof(ikd_v1_sa) <= 8); /* the slab's records are 8-aligned */
G_STATIC_ASSERT(IKD_MAX_OFFERS <= UINT8_MAX);

void ikd_v1_records_init(ikd_v1_records *records)
{
    ikd_record_slab_init(&records->sas, sizeof(ikd_v1_sa));
    ikd_record_slab_init(&records->laters, sizeof(struct ikd_v1_later));
    ikd_record_slab_init(&records->quick_modes, sizeof(ikd_quick_mode));
}

void ikd_v1_records_clear(ikd_v1_records *records)
{
    ikd_record_slab_clear(&records->sas);
    ikd_record_slab_clear(&records->laters);
    ikd_record_slab_clear(&records->quick_modes);
}

/* The part beyond the first message, made when first written. */
static struct ikd_v1_later *later_of(ikd_v1_records *records, ikd_v1_sa *sa)
{
    if (!sa->later)
        sa->later = ikd_record_slab_new0(&records->laters);
    return sa->later;
}

static void free_quick_mode(ikd_v1_records *records, ikd_quick_mode *qm)
{
    for (int k = 0; k < IKD_QUICK_MODE_STEPS; k++)
        ikd_step_record_release(&qm->steps[k]);
    if (qm->decrypted)
        g_free(qm->decrypted->offers);
    g_free(qm->decrypted);
    ikd_record_slab_free(&records->quick_modes, qm);
}

ikd_phase2_transform *ikd_v1_qm_add_offer(ikd_quick_mode *qm)
{
    ikd_qm_decrypted *d = ikd_v1_qm_decrypted(qm);
    if (d->offer_count >= IKD_MAX_PHASE2_OFFERS)
        return NULL;
    d->offers = g_renew(ikd_phase2_transform, d->offers, d->offer_count + 1);
    ikd_phase2_transform *t = &d->offers[d->offer_count++];
    memset(t, 0, sizeof *t);
    return t;
}

static void free_rare(ikd_v1_sa_rare *rare)
{
    if (!rare)
        return;
    for (int peer = 0; peer < 2; peer++)
        if (rare->phase1_id[peer])
            g_bytes_unref(rare->phase1_id[peer]);
    if (rare->ip_fragmented)
        g_array_free(rare->ip_fragmented, TRUE);
    ikd_dpd_log_free(rare->dpd);
    ikd_v1_ra_free(rare->ra);
    g_free(rare->icmp);
    g_free(rare);
}

/* An SA's quick modes from the second on: the slots, and how many of the
 * first ones all got a QM2 (ikd_v1_quick_modes_answered), so that a search
 * for one still waiting need not walk every rekey of a long-lived SA at
 * every informational (callgrind: 417 quick modes walked per DPD message, 38%
 * of the engine on one SA with 100k DPD and rekey messages). */
struct ikd_quick_mode_list {
    uint32_t answered;
    /* The quick modes by message ID: walking them for each new message ID
     * was quadratic in a capture of many (or a hostile one of millions). */
    ikd_keyed_items by_id;
    /* Those that may still get their QM2, once the SA has many quick modes
     * (ikd_v1_newest_awaiting_qm2); NULL before. */
    ikd_awaiting_qm2 *awaiting;
    ikd_quick_mode *slots[];
};

/* The SA's quick modes, ikd_v1_quick_mode_count of them. */
static ikd_quick_mode *const *quick_mode_slots(const ikd_v1_sa *sa)
{
    static ikd_quick_mode *const none = NULL;
    if (!sa->later)
        return &none;
    const struct ikd_v1_later *later = sa->later;
    return later->quick_mode_count <= 1 ? &later->quick_modes.one : later->quick_modes.many->slots;
}

static void free_later(ikd_v1_records *records, ikd_v1_sa *v1)
{
    struct ikd_v1_later *later = v1->later;
    if (!later)
        return;
    ikd_quick_mode *const *slots = quick_mode_slots(v1);
    for (uint32_t i = 0; i < later->quick_mode_count; i++)
        free_quick_mode(records, slots[i]);
    if (later->quick_mode_count > 1) {
        ikd_keyed_items_clear(&later->quick_modes.many->by_id);
        ikd_awaiting_qm2_free(later->quick_modes.many->awaiting);
        g_free(later->quick_modes.many);
    }
    for (int n = 0; n < IKD_MAIN_MODE_STEPS - 1; n++)
        ikd_step_record_release(&later->steps[n]);
    free_rare(later->rare);
    ikd_record_slab_free(&records->laters, later);
}

/* Frees all the SA owns but its record. */
static void release(ikd_v1_records *records, ikd_v1_sa *v1)
{
    ikd_step_record_release(&v1->step_one);
    free_later(records, v1);
    ikd_sa_extra_free(&v1->sa); /* already gone when the store frees it */
    ikd_v1_offer_release(v1->offer);
}

void ikd_v1_sa_destroy(ikd_v1_records *records, ikd_v1_sa *v1)
{
    release(records, v1);
    ikd_record_slab_free(&records->sas, v1);
}

void ikd_v1_sa_free(ikd_v1_records *records, ikd_v1_sa *v1)
{
    release(records, v1);
    g_free(v1);
}

/* A responder's MM2 is the only clear main-mode message with a one-transform
 * SA and no key exchange: it tells the roles of an SA whose MM1 we missed. */
static bool looks_like_mm2(const ikd_message *msg)
{
    return msg->exchange == IKD_EX_MAIN && !msg->encrypted && msg->sa.transforms == 1 &&
           !ikd_message_has_payload(msg, IKD_PL_KE);
}

static bool is_ike_port(uint16_t port)
{
    return port == IKD_IKE_PORT || port == IKD_NAT_T_PORT;
}

int ikd_v1_sender_by_ports(const ikd_packet *packet)
{
    bool from_ike_port = is_ike_port(packet->src_port), to_ike_port = is_ike_port(packet->dst_port);
    if (from_ike_port == to_ike_port)
        return -1;
    return from_ike_port ? 1 : 0;
}

/* AM2 is the only aggressive-mode message with an SA payload and a cookie
 * from the responder. */
static bool looks_like_am2(const ikd_message *msg)
{
    return msg->exchange == IKD_EX_AGGRESSIVE && !msg->encrypted && ikd_message_has_payload(msg, IKD_PL_SA);
}

ikd_v1_sa *ikd_v1_sa_create(ikd_sa_store *store, ikd_v1_records *records, const ikd_message *msg,
                            const ikd_packet *packet)
{
    ikd_v1_sa *v1 = ikd_record_slab_new0(&records->sas);
    ikd_sa *sa = &v1->sa;
    sa->ike_version = 1;
    v1->isakmp_deleted_by = -1;
    memcpy(sa->spi_i, msg->icookie, 8);
    memcpy(sa->spi_r, msg->rcookie, 8);
    sa->spi_r_known = !ikd_cookie_is_zero(msg->rcookie);
    bool phase1 = msg->exchange == IKD_EX_MAIN || msg->exchange == IKD_EX_AGGRESSIVE;
    int sender = 0;
    if (phase1 && !sa->spi_r_known) {
        sa->roles_known = true;
    } else if (looks_like_mm2(msg)) {
        sa->roles_known = true;
        sender = 1;
    } else if (phase1) {
        /* The capture starts mid-exchange. A responder answers from the IKE
         * port to whatever port the initiator used; when both use it, take an
         * initiator's step (MM3, MM5, AM3) unless the shape says AM2, until
         * the other peer's answer confirms or corrects it (late_start.c). */
        sa->roles_known = v1->roles_inferred = true;
        int by_ports = ikd_v1_sender_by_ports(packet);
        v1->roles_confirmed = by_ports >= 0;
        sender = by_ports >= 0 ? by_ports : looks_like_am2(msg) ? 1 : 0;
    }
    sa->peer[sender] = packet->src;
    sa->port[sender] = packet->src_port;
    sa->peer[1 - sender] = packet->dst;
    sa->port[1 - sender] = packet->dst_port;
    v1->mode = phase1 ? msg->exchange : 0;
    sa->first_frame = packet->frame;
    sa->first_time = packet->time;
    if (!phase1 && (msg->exchange == IKD_EX_QUICK || msg->encrypted)) {
        /* Keys exist, so phase 1 finished before the capture began. */
        sa->established_before_capture = true;
        v1->state_initiator = v1->state_responder = IKD_IOS_QM_IDLE;
    }
    ikd_sa_store_add(store, sa);
    return v1;
}

static uint64_t key_of_quick_mode(const void *item)
{
    return ((const ikd_quick_mode *)item)->message_id;
}

static struct ikd_quick_mode_list *sized_list(struct ikd_quick_mode_list *list, uint32_t slots)
{
    return g_realloc(list, sizeof *list + slots * sizeof list->slots[0]);
}

static void add_quick_mode(ikd_v1_records *records, ikd_v1_sa *sa, ikd_quick_mode *qm)
{
    struct ikd_v1_later *later = later_of(records, sa);
    uint32_t n = later->quick_mode_count;
    if (n == 0) {
        later->quick_modes.one = qm;
    } else if (n == 1) {
        struct ikd_quick_mode_list *many = sized_list(NULL, 2);
        many->answered = 0;
        many->by_id.table = NULL;
        many->awaiting = NULL;
        many->slots[0] = later->quick_modes.one;
        many->slots[1] = qm;
        later->quick_modes.many = many;
    } else {
        if ((n & (n - 1)) == 0) /* 2, 4, 8...: full, double it */
            later->quick_modes.many = sized_list(later->quick_modes.many, 2 * n);
        later->quick_modes.many->slots[n] = qm;
    }
    later->quick_mode_count = n + 1;
    if (n >= 1)
        ikd_keyed_items_file(&later->quick_modes.many->by_id, (void *const *)later->quick_modes.many->slots, n + 1,
                             key_of_quick_mode);
}

uint32_t ikd_v1_quick_modes_answered(ikd_v1_sa *sa)
{
    uint32_t count = ikd_v1_quick_mode_count(sa);
    if (count <= 1)
        return count == 1 && sa->later->quick_modes.one->steps[1].copies ? 1 : 0;
    struct ikd_quick_mode_list *list = sa->later->quick_modes.many;
    while (list->answered < count && list->slots[list->answered]->steps[1].copies)
        list->answered++;
    return list->answered;
}

ikd_quick_mode *ikd_v1_newest_awaiting_qm2(ikd_v1_sa *sa, int peer)
{
    ikd_quick_mode *newest;
    uint32_t count = ikd_v1_quick_mode_count(sa);
    if (count >= IKD_KEYED_ITEMS_WALKED) {
        struct ikd_quick_mode_list *list = sa->later->quick_modes.many;
        if (!list->awaiting)
            list->awaiting = ikd_awaiting_qm2_new();
        if (ikd_awaiting_qm2_newest(list->awaiting, list->slots, count, peer, &newest))
            return newest;
    }
    ikd_quick_mode *const *slots = quick_mode_slots(sa);
    for (uint32_t i = count, answered = ikd_v1_quick_modes_answered(sa); i-- > answered;)
        if (slots[i]->initiator_peer != peer && ikd_qm_awaits_qm2(slots[i]))
            return slots[i];
    return NULL;
}

ikd_quick_mode *ikd_v1_find_quick_mode(const ikd_v1_sa *sa, uint32_t message_id)
{
    static const ikd_keyed_items walked;
    uint32_t count = ikd_v1_quick_mode_count(sa);
    const ikd_keyed_items *by_id = count > 1 ? &sa->later->quick_modes.many->by_id : &walked;
    return ikd_keyed_items_find(by_id, (void *const *)quick_mode_slots(sa), count, message_id, key_of_quick_mode);
}

ikd_quick_mode *ikd_v1_quick_mode(ikd_v1_records *records, ikd_v1_sa *sa, uint32_t message_id)
{
    ikd_quick_mode *found = ikd_v1_find_quick_mode(sa, message_id);
    if (found)
        return found;
    ikd_quick_mode *qm = ikd_record_slab_new0(&records->quick_modes);
    qm->message_id = message_id;
    qm->initiator_peer = -1;
    add_quick_mode(records, sa, qm);
    return qm;
}

ikd_qm_decrypted *ikd_v1_qm_decrypted(ikd_quick_mode *qm)
{
    if (!qm->decrypted)
        qm->decrypted = g_new0(ikd_qm_decrypted, 1);
    return qm->decrypted;
}

const ikd_qm_decrypted *ikd_v1_qm_decrypted_const(const ikd_quick_mode *qm)
{
    static const ikd_qm_decrypted nothing_known;
    return qm->decrypted ? qm->decrypted : &nothing_known;
}

uint32_t ikd_v1_quick_mode_count(const ikd_v1_sa *sa)
{
    return sa->later ? sa->later->quick_mode_count : 0;
}

ikd_quick_mode *ikd_v1_quick_mode_at(const ikd_v1_sa *sa, uint32_t index)
{
    return index < ikd_v1_quick_mode_count(sa) ? quick_mode_slots(sa)[index] : NULL;
}

ikd_v1_sa_rare *ikd_v1_rare(ikd_v1_records *records, ikd_v1_sa *sa)
{
    struct ikd_v1_later *later = later_of(records, sa);
    if (!later->rare)
        later->rare = g_new0(ikd_v1_sa_rare, 1);
    return later->rare;
}

ikd_v1_sa_rare *ikd_v1_rare_if_made(ikd_v1_sa *sa)
{
    return sa->later ? sa->later->rare : NULL;
}

const ikd_v1_sa_rare *ikd_v1_rare_const(const ikd_v1_sa *sa)
{
    static const ikd_v1_sa_rare none;
    return sa->later && sa->later->rare ? sa->later->rare : &none;
}

const struct ikd_v1_ra *ikd_v1_ra_seen(const ikd_v1_sa *sa)
{
    return ikd_v1_rare_const(sa)->ra;
}

struct ikd_v1_ra *ikd_v1_ra_of(ikd_v1_records *records, ikd_v1_sa *sa)
{
    ikd_v1_sa_rare *rare = ikd_v1_rare(records, sa);
    if (!rare->ra)
        rare->ra = ikd_v1_ra_new();
    return rare->ra;
}

int ikd_v1_phase1_steps(const ikd_v1_sa *sa)
{
    return sa->mode == IKD_EX_AGGRESSIVE ? IKD_AGGRESSIVE_MODE_STEPS : IKD_MAIN_MODE_STEPS;
}

ikd_step_record *ikd_v1_step(ikd_v1_records *records, ikd_v1_sa *sa, int number)
{
    if (number < 1 || number > IKD_MAIN_MODE_STEPS)
        return NULL;
    if (number == 1)
        return &sa->step_one;
    return &later_of(records, sa)->steps[number - 2];
}

const ikd_step_record *ikd_v1_step_const(const ikd_v1_sa *sa, int number)
{
    static const ikd_step_record never_sent;
    if (number < 1 || number > IKD_MAIN_MODE_STEPS)
        return NULL;
    if (number == 1)
        return &sa->step_one;
    return sa->later ? &sa->later->steps[number - 2] : &never_sent;
}

const ikd_transform ikd_v1_no_choice;
const ikd_transform_entry ikd_v1_no_offer;

int ikd_v1_ra_server(const ikd_v1_sa *v1)
{
    const ikd_transform *chosen = ikd_v1_chosen(v1);
    bool resp_method = chosen && ikd_auth_is_xauth(chosen->auth) && (chosen->auth - IKD_AUTH_XAUTH_INIT_PSK) % 2 == 1;
    return resp_method ? 0 : 1;
}

void ikd_v1_set_chosen(ikd_v1_records *records, ikd_v1_sa *sa, const ikd_transform *chosen)
{
    struct ikd_v1_later *later = later_of(records, sa);
    later->chosen = *chosen;
    later->chosen_known = true;
}

int ikd_v1_highest_step(const ikd_v1_sa *sa)
{
    for (int n = IKD_MAIN_MODE_STEPS; n >= 1; n--)
        if (ikd_v1_step_const(sa, n)->copies)
            return n;
    return 0;
}

ikd_ios_state ikd_v1_sa_state(const ikd_v1_sa *sa)
{
    return sa->state_initiator < sa->state_responder ? sa->state_initiator : sa->state_responder;
}

const char *ikd_v1_sa_weakness_text(const ikd_v1_sa *sa, char *buf, size_t size)
{
    char encr[24], hash[24], group[16], phase2[64];
    const ikd_transform *t = ikd_v1_chosen_or_none(sa);
    unsigned weaknesses = sa->sa.weaknesses;
    const char *parts[5];
    size_t n = 0;
    snprintf(group, sizeof group, "group %u", t->group);
    if (weaknesses & IKD_WEAK_ENCRYPTION)
        parts[n++] = ikd_encryption_text(t->encryption, t->key_length, encr, sizeof encr);
    if (weaknesses & IKD_WEAK_HASH)
        parts[n++] = ikd_hash_text(t->hash, hash, sizeof hash);
    if (weaknesses & IKD_WEAK_GROUP)
        parts[n++] = group;
    if (weaknesses & IKD_WEAK_AGGRESSIVE_PSK)
        parts[n++] = "aggressive mode with psk";
    if (weaknesses & (IKD_WEAK_P2_ENCRYPTION | IKD_WEAK_P2_NULL | IKD_WEAK_P2_HASH))
        /* the transform set */
        parts[n++] = ikd_phase2_ios_text(&ikd_v1_rare_const(sa)->chosen_phase2, phase2, sizeof phase2);
    ikd_text text;
    ikd_text_init(&text, buf, size);
    for (size_t i = 0; i < n; i++)
        ikd_text_printf(&text, "%s%s", i ? ", " : "", parts[i]);
    return buf;
}
