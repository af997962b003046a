/* ikediag - IKE messages sent as IP fragments.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/ip_fragments.h"

#include "ikev1/ikev1_names.h"
#include "ikev1/phase1.h"

#include <glib.h>

/* Datagrams followed per SA: every later message of the SA is compared with
 * each one not yet seen whole, so a capture of endless distinct fragments
 * (an SA's phase 1 sends a few, its resends are the same) cannot make that
 * quadratic; past them a fragment is still flagged, not followed. */
enum { MAX_FRAGMENTED_DATAGRAMS = 32 };

/* The datagram this first fragment starts, as recorded before (a resend) or
 * new; NULL when the SA follows as many as it may. */
static ikd_ip_fragmented *record_of(ikd_v1_records *records, ikd_v1_sa *v1, const ikd_packet *p, ikd_step step)
{
    ikd_v1_sa_rare *rare = ikd_v1_rare(records, v1);
    if (!rare->ip_fragmented)
        rare->ip_fragmented = g_array_new(FALSE, TRUE, sizeof(ikd_ip_fragmented));
    uint64_t hash = p->hash;
    for (guint i = 0; i < rare->ip_fragmented->len; i++) {
        ikd_ip_fragmented *f = &g_array_index(rare->ip_fragmented, ikd_ip_fragmented, i);
        if (f->prefix_hash == hash && f->prefix_len == p->captured_len)
            return f;
    }
    if (rare->ip_fragmented->len >= MAX_FRAGMENTED_DATAGRAMS)
        return NULL;
    ikd_ip_fragmented fresh = { step, 0, 0, 0, p->time, p->time, hash, p->captured_len, false };
    g_array_append_val(rare->ip_fragmented, fresh);
    return &g_array_index(rare->ip_fragmented, ikd_ip_fragmented, rare->ip_fragmented->len - 1);
}

/* What the fragment's own bytes show it is, in its SA. */
static ikd_step step_of(const ikd_v1_sa *v1, const ikd_message *msg, int peer)
{
    bool tracked = v1->sa.roles_known && peer >= 0 && v1->mode && v1->mode == msg->exchange;
    return tracked ? ikd_v1_phase1_step(v1, ikd_phase1_shape_of(msg), peer) : IKD_STEP_OTHER;
}

void ikd_v1_on_ip_fragment(const ikd_v1_context *ctx, const ikd_packet *p, ikd_annotation *ann)
{
    ikd_message *msg = g_new(ikd_message, 1);
    /* Read as a TCP segment: the rest of the message is elsewhere, not missing. */
    ikd_message_read(p->bytes, p->captured_len, p->captured_len, IKD_TRANSPORT_TCP, msg);
    ann->result.ike_version = msg->major;
    ann->result.encrypted = msg->encrypted;
    ann->result.message_id = msg->message_id;
    ikd_v1_sa *v1 = msg->header_read && msg->major == IKD_IKEV1_MAJOR
                        ? ikd_v1_sa_of(ikd_sa_store_find(ctx->store, msg->icookie, msg->rcookie))
                        : NULL;
    if (v1) {
        int peer = ikd_sa_peer_index(&v1->sa, p);
        ikd_message_result *r = &ann->result;
        r->step = step_of(v1, msg, peer);
        r->sender = ikd_sa_role_of(&v1->sa, peer);
        r->conn_id = v1->sa.conn_id;
        r->state_initiator = v1->state_initiator;
        r->state_responder = v1->state_responder;
        r->state = ikd_v1_sa_state(v1);
        ikd_ip_fragmented *f = record_of(ctx->records, v1, p, r->step);
        if (f) {
            f->copies++;
            f->last_frame = p->frame;
            f->last_pdu = p->pdu;
            f->last_time = p->time;
        }
    }
    ikd_findings_add(&ann->findings, IKD_F_IP_FRAGMENT, 0, 0, ann->result.step, (uint32_t)p->captured_len,
                     (uint32_t)p->reported_len, 0);
    g_free(msg);
}

void ikd_v1_note_whole_message(ikd_v1_sa *v1, const ikd_packet *p)
{
    ikd_v1_sa_rare *rare = ikd_v1_rare_if_made(v1); /* written: not the const view */
    GArray *fragmented = rare ? rare->ip_fragmented : NULL;
    for (guint i = 0; fragmented && i < fragmented->len; i++) {
        ikd_ip_fragmented *f = &g_array_index(fragmented, ikd_ip_fragmented, i);
        if (!f->whole && p->captured_len >= f->prefix_len && ikd_message_bytes_hash(p->bytes, f->prefix_len) == f->prefix_hash)
            f->whole = true;
    }
}

const ikd_ip_fragmented *ikd_v1_fragments_lost(const ikd_v1_sa *v1)
{
    const ikd_ip_fragmented *lost = NULL;
    const GArray *fragmented = ikd_v1_rare_const(v1)->ip_fragmented;
    for (guint i = 0; fragmented && i < fragmented->len; i++) {
        const ikd_ip_fragmented *f = &g_array_index(fragmented, ikd_ip_fragmented, i);
        if (!f->whole)
            lost = f;
    }
    return lost;
}
