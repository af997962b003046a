/* ikediag - transaction exchanges: XAUTH and mode-config steps.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/transaction.h"

#include "core/interned.h"
#include "ikev1/decrypted.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/ra_attributes.h"
#include "ikev1/remote_access.h"

#include <string.h>

/* Wireshark's decryption of the message, its attribute payload read into
 * *cfg; false when there is none readable. */
static bool read_cfg(const ikd_v1_event *ev, ikd_cfg_payload *cfg)
{
    ikd_message *inner = g_new(ikd_message, 1);
    const ikd_message *content = ikd_v1_readable_content(ev, inner);
    bool found = false;
    for (uint32_t i = 0; content && i < content->payload_count && !found; i++) {
        const ikd_payload_ref *pl = &content->payloads[i];
        if (pl->type != IKD_PL_ATTR || pl->offset < IKD_ISAKMP_HEADER_LEN || pl->length < 4)
            continue;
        size_t start = pl->offset - IKD_ISAKMP_HEADER_LEN;
        if (start + pl->length > ev->packet->decrypted_len)
            continue;
        found = ikd_cfg_payload_read(ev->packet->decrypted + start + 4, pl->length - 4u, cfg);
    }
    g_free(inner);
    return found;
}

static bool has_xauth_attribute(const ikd_cfg_payload *cfg)
{
    for (uint32_t i = 0; i < cfg->count; i++)
        if (ikd_cfg_attribute_is_xauth(cfg->attributes[i].type))
            return true;
    return false;
}

/* What a read message is: its type, XAUTH when it carries XAUTH
 * attributes, else what its exchange began as (an empty ACK answers XAUTH's SET). */
static ikd_txn_step read_step(const ikd_txn *t, int k, const ikd_cfg_payload *cfg)
{
    if (cfg->cfg_type < IKD_CFG_REQUEST || cfg->cfg_type > IKD_CFG_ACK)
        return IKD_TXN_UNKNOWN;
    int offset = cfg->cfg_type - IKD_CFG_REQUEST;
    bool xauth = has_xauth_attribute(cfg);
    if (!xauth && k == 1 && t->kind != IKD_TXN_UNKNOWN)
        xauth = ikd_txn_step_is_xauth(t->kind);
    return (ikd_txn_step)((xauth ? IKD_TXN_XAUTH_REQUEST : IKD_TXN_CFG_REQUEST) + offset);
}

static bool xauth_expected(const ikd_v1_sa *v1)
{
    const ikd_transform *chosen = ikd_v1_chosen(v1);
    return chosen ? ikd_auth_is_xauth(chosen->auth) : v1->xauth_announced;
}

/* The counting rule, for an exchange whose first message was not read: the
 * server's first exchange asks for XAUTH credentials, its second sends the
 * status (without XAUTH, its first pushes mode-config); the client's first
 * pulls mode-config. Anything later cannot be told apart. */
static ikd_txn_step inferred_kind(const ikd_v1_sa *v1, const ikd_v1_ra *ra, const ikd_txn *t)
{
    int server = ikd_v1_ra_server(v1);
    uint32_t n = ra->started[t->starter];
    if (t->starter != server)
        return n == 1 ? IKD_TXN_CFG_REQUEST : IKD_TXN_UNKNOWN;
    if (!xauth_expected(v1))
        return n == 1 ? IKD_TXN_CFG_SET : IKD_TXN_UNKNOWN;
    return n == 1 ? IKD_TXN_XAUTH_REQUEST : n == 2 ? IKD_TXN_XAUTH_SET : IKD_TXN_UNKNOWN;
}

/* Which of the exchange's two messages this is (0: its first), counted and linked. */
static int place(const ikd_v1_event *ev, ikd_txn *t, bool *resend)
{
    const ikd_packet *p = ev->packet;
    int k = ev->peer == t->starter ? 0 : 1;
    *resend = ikd_step_record_copy(&t->steps[k], p, ev->ann, 2);
    ikd_sa_add_retransmissions(&ev->sa->sa, *resend);
    if (k == 1)
        ikd_step_record_link_answer(&t->steps[0], p, ev->ann);
    else
        ikd_step_record_link_earlier_answer(&t->steps[0], &t->steps[1]);
    ikd_message_index_remember(ev->ctx->messages, p->frame, p->pdu, k == 0 ? &t->steps[0] : NULL); /* the reply: none */
    return k;
}

void ikd_v1_on_transaction(const ikd_v1_event *ev)
{
    ikd_v1_sa *v1 = ev->sa;
    ev->ann->result.step = IKD_STEP_TXN;
    v1->sa.capabilities |= IKD_CAP_MODE_CFG;
    if (ev->peer != 0 && ev->peer != 1)
        return;
    ikd_v1_ra *ra = ikd_v1_ra_of(ev->ctx->records, v1);
    ikd_txn *t = ikd_v1_ra_txn(ra, ev->msg->message_id, ev->peer);
    bool resend;
    int k = place(ev, t, &resend);
    ikd_cfg_payload *cfg = g_new(ikd_cfg_payload, 1);
    bool read = !resend && read_cfg(ev, cfg);
    ikd_txn_step step = read ? read_step(t, k, cfg) : IKD_TXN_UNKNOWN;
    bool inferred = false;
    if (k == 0 && step != IKD_TXN_UNKNOWN && t->kind != step) {
        t->kind = step;
        t->inferred = false;
        ra->xauth_requests += step == IKD_TXN_XAUTH_REQUEST;
    } else if (step == IKD_TXN_UNKNOWN) {
        if (k == 0 && t->kind == IKD_TXN_UNKNOWN && t->steps[0].copies == 1) {
            t->kind = inferred_kind(v1, ra, t);
            t->inferred = true;
            ra->xauth_requests += t->kind == IKD_TXN_XAUTH_REQUEST;
        }
        step = k == 0 ? t->kind : ikd_txn_answer_of(t->kind);
        inferred = t->inferred;
    }
    ev->ann->result.txn_step = (uint8_t)step;
    ev->ann->result.txn_inferred = inferred && step != IKD_TXN_UNKNOWN;
    if (read)
        ikd_v1_ra_read_attributes(ev, ra, t, step, cfg);
    g_free(cfg);
    /* Who is connecting, on every message of the session once known. */
    memcpy(ev->ann->ra_group, ra->group, sizeof ra->group);
    memcpy(ev->ann->ra_user, ra->user, sizeof ra->user);
}
