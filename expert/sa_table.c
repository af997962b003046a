/* ikediag - the SA table: finding the SA a message belongs to.
 *
 * IKEv1 SAs are named by the cookie pair, but the responder cookie is zero in
 * the initiator's first message (and in clear notifications answering it).
 * So, as strongSwan's SA manager does, look up by initiator cookie, then
 * prefer the SA with the same responder cookie, else bind an SA still waiting
 * for its responder cookie (RFC 2408 2.5.3).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "engine_internal.h"
#include "ikev1_names.h"
#include "text_buf.h"

#include <stdio.h>
#include <string.h>

bool ikd_address_equal(const ikd_address *a, const ikd_address *b)
{
    size_t n = a->family == 6 ? 16 : 4;
    return a->family == b->family && !memcmp(a->bytes, b->bytes, n);
}

const char *ikd_address_format(const ikd_address *a, char *buf, size_t size)
{
    if (a->family == 4) {
        snprintf(buf, size, "%u.%u.%u.%u", a->bytes[0], a->bytes[1], a->bytes[2], a->bytes[3]);
        return buf;
    }
    if (a->family != 6) {
        snprintf(buf, size, "?");
        return buf;
    }
    /* RFC 5952: lowercase, longest run of two or more zero groups as "::". */
    uint16_t g[8];
    for (int i = 0; i < 8; i++)
        g[i] = (uint16_t)(a->bytes[2 * i] << 8 | a->bytes[2 * i + 1]);
    int best = -1, best_len = 1;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && g[j] == 0)
            j++;
        if (j - i > best_len) {
            best = i;
            best_len = j - i;
        }
        i = j > i ? j : i + 1;
    }
    ikd_text text;
    ikd_text_init(&text, buf, size);
    for (int i = 0; i < 8; i++) {
        if (i == best) {
            ikd_text_add(&text, "::");
            i += best_len - 1;
            continue;
        }
        const char *sep = (i == 0 || i == best + best_len) ? "" : ":";
        ikd_text_printf(&text, "%s%x", sep, g[i]);
    }
    return buf;
}

static guint64 cookie_key(const uint8_t cookie[8])
{
    guint64 k = 0;
    for (int i = 0; i < 8; i++)
        k = k << 8 | cookie[i];
    return k;
}

ikd_sa *ikd_sa_find(ikd_engine *engine, const ikd_message *msg)
{
    guint64 key = cookie_key(msg->icookie);
    GPtrArray *list = g_hash_table_lookup(engine->by_icookie, &key);
    if (!list || !list->len)
        return NULL;
    bool rzero = ikd_cookie_is_zero(msg->rcookie);
    if (rzero)
        return g_ptr_array_index(list, list->len - 1); /* MM1 again, or a notify answering it */
    for (guint i = list->len; i-- > 0;) {
        ikd_sa *sa = g_ptr_array_index(list, i);
        if (sa->rcookie_known && !memcmp(sa->rcookie, msg->rcookie, 8))
            return sa;
    }
    for (guint i = list->len; i-- > 0;) {
        ikd_sa *sa = g_ptr_array_index(list, i);
        if (!sa->rcookie_known) {
            memcpy(sa->rcookie, msg->rcookie, 8);
            sa->rcookie_known = true;
            return sa;
        }
    }
    return NULL;
}

/* A responder's MM2 is the only clear main-mode message with a one-transform
 * SA and no key exchange: it tells the roles of an SA whose MM1 we missed. */
static bool looks_like_mm2(const ikd_message *msg)
{
    return msg->exchange == IKD_EX_MAIN && !msg->encrypted && msg->sa.transforms == 1 &&
           !ikd_message_has_payload(msg, IKD_PL_KE);
}

ikd_sa *ikd_sa_create(ikd_engine *engine, const ikd_message *msg, const ikd_packet *packet)
{
    ikd_sa *sa = g_new0(ikd_sa, 1);
    sa->conn_id = 1001 + engine->sas->len;
    memcpy(sa->icookie, msg->icookie, 8);
    memcpy(sa->rcookie, msg->rcookie, 8);
    sa->rcookie_known = !ikd_cookie_is_zero(msg->rcookie);
    bool phase1 = msg->exchange == IKD_EX_MAIN || msg->exchange == IKD_EX_AGGRESSIVE;
    int sender = 0;
    if (phase1 && !sa->rcookie_known) {
        sa->roles_known = true;
    } else if (looks_like_mm2(msg)) {
        sa->roles_known = true;
        sender = 1;
    }
    sa->peer[sender] = packet->src;
    sa->port[sender] = packet->src_port;
    sa->peer[1 - sender] = packet->dst;
    sa->port[1 - sender] = packet->dst_port;
    sa->mode = phase1 ? msg->exchange : 0;
    sa->first_frame = packet->frame;
    sa->first_time = packet->time;
    if (!phase1 && (msg->exchange == IKD_EX_QUICK || msg->encrypted)) {
        /* Keys exist, so phase 1 finished before the capture began. */
        sa->established_before_capture = true;
        sa->state_initiator = sa->state_responder = IKD_IOS_QM_IDLE;
    }
    g_ptr_array_add(engine->sas, sa);

    guint64 key = cookie_key(msg->icookie);
    GPtrArray *list = g_hash_table_lookup(engine->by_icookie, &key);
    if (!list) {
        guint64 *k = g_new(guint64, 1);
        *k = key;
        list = g_ptr_array_new();
        g_hash_table_insert(engine->by_icookie, k, list);
    }
    g_ptr_array_add(list, sa);
    return sa;
}

int ikd_sa_peer_index(const ikd_sa *sa, const ikd_packet *packet)
{
    bool from0 = ikd_address_equal(&packet->src, &sa->peer[0]);
    bool from1 = ikd_address_equal(&packet->src, &sa->peer[1]);
    if (from0 && from1) /* both peers on one address: ports tell them apart */
        return packet->dst_port == sa->port[1] && packet->src_port != sa->port[1] ? 0 : 1;
    if (from0 || from1)
        return from0 ? 0 : 1;
    /* The source was translated on the way (capture spans a NAT): try the destination. */
    if (ikd_address_equal(&packet->dst, &sa->peer[1]))
        return 0;
    if (ikd_address_equal(&packet->dst, &sa->peer[0]))
        return 1;
    return -1;
}

ikd_qm_node *ikd_sa_quick_mode(ikd_sa *sa, uint32_t message_id, int32_t *index)
{
    for (uint32_t i = sa->qm_count; i-- > 0;) {
        if (sa->qm[i].message_id == message_id) {
            *index = (int32_t)i;
            return &sa->qm[i];
        }
    }
    if (sa->qm_count == sa->qm_capacity) {
        sa->qm_capacity = sa->qm_capacity ? sa->qm_capacity * 2 : 4;
        sa->qm = g_renew(ikd_qm_node, sa->qm, sa->qm_capacity);
    }
    ikd_qm_node *node = &sa->qm[sa->qm_count];
    memset(node, 0, sizeof *node);
    node->message_id = message_id;
    node->initiator_peer = -1;
    *index = (int32_t)sa->qm_count++;
    return node;
}

void ikd_sa_free(ikd_sa *sa)
{
    if (!sa)
        return;
    g_free(sa->qm);
    g_free(sa);
}

ikd_ios_state ikd_sa_state(const ikd_sa *sa)
{
    return sa->state_initiator < sa->state_responder ? sa->state_initiator : sa->state_responder;
}

const char *ikd_sa_status(const ikd_sa *sa)
{
    return sa->deleted || sa->abandoned ? "ACTIVE (deleted)" : "ACTIVE";
}

const char *ikd_sa_capabilities(const ikd_sa *sa, char *buf, size_t size)
{
    /* The order IOS prints them in. */
    snprintf(buf, size, "%s%s%s%s%s", sa->capabilities & IKD_CAP_MODE_CFG ? "C" : "",
             sa->capabilities & IKD_CAP_DPD ? "D" : "", sa->capabilities & IKD_CAP_FRAG ? "F" : "",
             sa->capabilities & IKD_CAP_NAT_T ? "N" : "", sa->capabilities & IKD_CAP_XAUTH ? "X" : "");
    return buf;
}

const char *ikd_sa_weakness_text(const ikd_sa *sa, char *buf, size_t size)
{
    char encr[24], hash[24], group[16], phase2[64];
    const ikd_transform *t = &sa->chosen;
    const char *parts[5];
    size_t n = 0;
    snprintf(group, sizeof group, "group %u", t->group);
    if (sa->weaknesses & IKD_WEAK_ENCRYPTION)
        parts[n++] = ikd_encryption_text(t->encryption, t->key_length, encr, sizeof encr);
    if (sa->weaknesses & IKD_WEAK_HASH)
        parts[n++] = ikd_hash_text(t->hash, hash, sizeof hash);
    if (sa->weaknesses & IKD_WEAK_GROUP)
        parts[n++] = group;
    if (sa->weaknesses & IKD_WEAK_AGGRESSIVE_PSK)
        parts[n++] = "aggressive mode with psk";
    if (sa->weaknesses & (IKD_WEAK_P2_ENCRYPTION | IKD_WEAK_P2_NULL | IKD_WEAK_P2_HASH))
        parts[n++] = ikd_phase2_ios_text(&sa->chosen_phase2, phase2, sizeof phase2); /* the transform set */
    ikd_text text;
    ikd_text_init(&text, buf, size);
    for (size_t i = 0; i < n; i++)
        ikd_text_printf(&text, "%s%s", i ? ", " : "", parts[i]);
    return buf;
}
