/* ikediag - the IKEv1 message handler: read, find the SA, dispatch on the
 * exchange.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/ikev1.h"

#include "ikev1/capabilities.h"
#include "ikev1/cert_payloads.h"
#include "ikev1/decrypted.h"
#include "ikev1/fragments.h"
#include "ikev1/icmp.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/informational.h"
#include "ikev1/ip_fragments.h"
#include "ikev1/late_start.h"
#include "ikev1/message_memo.h"
#include "ikev1/phase1.h"
#include "ikev1/quick_mode.h"
#include "ikev1/transaction.h"

#include <string.h>

static void remember_without_step(const ikd_v1_event *ev)
{
    ikd_message_index_remember(ev->ctx->messages, ev->packet->frame, ev->packet->pdu, NULL);
}

static void on_other_exchange(const ikd_v1_event *ev)
{
    uint8_t exchange = ev->msg->exchange;
    remember_without_step(ev); /* first: a DPD R-U-THERE is then remembered with its ACK */
    if (exchange == IKD_EX_INFORMATIONAL)
        ikd_v1_on_informational(ev);
    else if (exchange == IKD_EX_TRANSACTION)
        ikd_v1_on_transaction(ev);
    else
        ev->ann->result.step = IKD_STEP_OTHER;
}

static void dispatch(const ikd_v1_event *ev)
{
    const ikd_message *m = ev->msg;
    bool phase1 = m->exchange == IKD_EX_MAIN || m->exchange == IKD_EX_AGGRESSIVE;
    bool tracked_phase1 = phase1 && ev->sa->sa.roles_known && ev->sa->mode == m->exchange && ev->peer >= 0;
    ikd_phase1_shape pieced;
    if (m->has_fragment && !m->encrypted) {
        /* Normally Wireshark rebuilds the message and that copy is placed; when
         * it could not, the fragment that completes the set stands for it. */
        if (tracked_phase1 && ikd_v1_fragment_completes(ev, &pieced)) {
            ikd_v1_on_phase1(ev, pieced, false);
        } else {
            ev->ann->result.step = IKD_STEP_FRAGMENT;
            remember_without_step(ev);
        }
    } else if (tracked_phase1) {
        ikd_v1_on_phase1(ev, ikd_phase1_shape_of(m), true);
    } else if (m->exchange == IKD_EX_QUICK && ev->peer >= 0 && m->header_bytes >= IKD_HDR_LENGTH) {
        ikd_v1_on_quick_mode(ev);
    } else {
        on_other_exchange(ev);
    }
    /* Informational, quick mode and transaction handlers read the decryption themselves. */
    if (m->exchange != IKD_EX_INFORMATIONAL && m->exchange != IKD_EX_QUICK && m->exchange != IKD_EX_TRANSACTION)
        ikd_v1_read_certificates(ev);
}

void ikd_v1_annotate_states(const ikd_v1_sa *v1, ikd_message_result *result)
{
    result->conn_id = v1->sa.conn_id;
    result->state_initiator = v1->state_initiator;
    result->state_responder = v1->state_responder;
    result->state = ikd_v1_sa_state(v1);
    if (!result->asa_state && ikd_sa_established(&v1->sa))
        result->asa_state = v1->mode == IKD_EX_AGGRESSIVE ? IKD_ASA_AM_ACTIVE : IKD_ASA_MM_ACTIVE;
}

static void note_arrival(ikd_sa *sa, const ikd_packet *p, int peer)
{
    if (peer >= 0)
        sa->port[peer] = p->src_port;
    sa->messages++;
    sa->last_frame = p->frame;
    sa->last_pdu = p->pdu;
    sa->last_time = p->time;
}

void ikd_v1_feed(const ikd_v1_context *ctx, const ikd_packet *p, ikd_annotation *ann)
{
    if (p->transport == IKD_TRANSPORT_IP_FRAGMENT) {
        ikd_v1_on_ip_fragment(ctx, p, ann);
        return;
    }
    if (p->transport == IKD_TRANSPORT_ICMP_QUOTE) {
        ikd_v1_on_icmp_quote(ctx, p, ann);
        return;
    }
    ikd_message msg;
    ikd_message_read_remembered(p->bytes, p->captured_len, p->reported_len, p->transport, &msg);
    ikd_findings_copy(&ann->findings, &msg.findings);
    ann->result.ike_version = msg.major;
    ann->result.encrypted = msg.encrypted;
    ann->result.message_id = msg.message_id;
    /* A header cut by the snap length still names its SA from the cookies,
     * exchange and flags in its first 20 bytes; a datagram too short to hold
     * a header, or whose header says it is shorter than one, is garbage that
     * a receiver drops, not a step of any exchange. */
    bool keyed = (msg.header_read && msg.length >= IKD_IKE_HEADER_LEN) ||
                 (msg.capture_truncated && msg.header_bytes >= IKD_HDR_MESSAGE_ID);
    if (!keyed || msg.major != IKD_IKEV1_MAJOR || ikd_cookie_is_zero(msg.icookie))
        return; /* garbage, or nothing to key an SA on */

    ikd_v1_sa *v1 = ikd_v1_sa_of(ikd_sa_store_find(ctx->store, msg.icookie, msg.rcookie));
    if (!v1)
        v1 = ikd_v1_sa_create(ctx->store, ctx->records, &msg, p);
    int peer = ikd_sa_peer_index(&v1->sa, p);
    if (ikd_exchange_is_phase1(msg.exchange))
        peer = ikd_v1_check_inferred_roles(ctx->records, v1, &msg, peer, ctx->messages);
    ann->result.sender = ikd_sa_role_of(&v1->sa, peer);
    note_arrival(&v1->sa, p, peer);
    ikd_v1_note_whole_message(v1, p);
    ikd_v1_event ev = { ctx, p, &msg, v1, peer, ann };
    ikd_v1_note_capabilities(&ev);
    dispatch(&ev);
    ikd_v1_annotate_states(v1, &ann->result);
}
