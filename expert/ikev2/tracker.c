/* ikediag - IKEv2 SA tracking.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/tracker.h"

#include "ikev2/rekey.h"

#include <string.h>

enum { PAYLOAD_SKF = 53, SKF_BODY = 4 + 4 }; /* generic header, fragment number and total (RFC 7383 2.5) */

ikd_step ikd_v2_step_of(uint8_t exchange)
{
    switch (exchange) {
    case IKD_V2_EX_SA_INIT: return IKD_STEP_IKE_SA_INIT;
    case IKD_V2_EX_AUTH: return IKD_STEP_IKE_AUTH;
    case IKD_V2_EX_CREATE_CHILD_SA: return IKD_STEP_CREATE_CHILD_SA;
    case IKD_V2_EX_INFORMATIONAL: return IKD_STEP_INFORMATIONAL;
    case IKD_V2_EX_INTERMEDIATE: return IKD_STEP_IKE_INTERMEDIATE;
    default: return IKD_STEP_OTHER;
    }
}

/* The fragment number of an SKF message, 1 for any other message: only the
 * first fragment stands for the message in the exchange records. */
static uint32_t fragment_number(const ikd_ike_header *h, const ikd_packet *p)
{
    if (h->next_payload != PAYLOAD_SKF || p->captured_len < IKD_IKE_HEADER_LEN + SKF_BODY)
        return 1;
    const uint8_t *b = p->bytes + IKD_IKE_HEADER_LEN + 4;
    return (uint32_t)b[0] << 8 | b[1];
}

static bool is_fragment(const ikd_ike_header *h, const ikd_packet *p)
{
    return h->next_payload == PAYLOAD_SKF && p->captured_len > IKD_IKE_HEADER_LEN;
}

uint8_t ikd_v2_fragmented_first_payload(const ikd_v2_context *ctx, const ikd_ike_header *h, const ikd_packet *p)
{
    if (!is_fragment(h, p))
        return 0;
    if (fragment_number(h, p) == 1)
        return p->bytes[IKD_IKE_HEADER_LEN];
    ikd_v2_sa *v2 = ikd_v2_sa_of(ikd_sa_store_find(ctx->store, h->spi_i, h->spi_r));
    bool response = (h->flags & IKD_V2_FLAG_RESPONSE) != 0;
    int sender = (h->flags & IKD_V2_FLAG_INITIATOR) ? 0 : 1;
    ikd_v2_exchange *x = v2 ? ikd_v2_find_exchange(v2, response ? 1 - sender : sender, h->message_id) : NULL;
    return x ? x->fragmented_first_payload[response] : 0;
}

/* The old SA's successor so far, when a rekey collision made two new IKE
 * SAs and the first one seen was the redundant one, deleted (RFC 7296
 * 2.8.2): the children it took over go on in the one that stays. */
static void replace_deleted_successor(const ikd_v2_context *ctx, ikd_v2_sa *old, ikd_v2_sa *fresh,
                                      const ikd_v2_exchange *made_fresh)
{
    ikd_v2_sa *first = ikd_v2_sa_of(ikd_sa_store_by_conn_id(ctx->store, old->rekeyed_to));
    const ikd_v2_exchange *made_first = first ? ikd_v2_rekey_that_made(old, first->sa.spi_i, first->sa.spi_r) : NULL;
    if (!made_first || !first->sa.deleted)
        return;
    /* Each new SA's original initiator is the peer that requested it. */
    ikd_v2_children_move(fresh, first, made_first->requester != made_fresh->requester);
    old->rekeyed_to = fresh->sa.conn_id;
}

/* The earliest IKE SA whose answered rekey announced v2's SPIs, and that
 * rekey's exchange; NULL for none. */
static ikd_v2_sa *rekeyed_into(const ikd_v2_context *ctx, const ikd_v2_sa *v2, const ikd_v2_exchange **made)
{
    ikd_v2_sa *found = NULL;
    *made = NULL;
    uint64_t key = ikd_v2_spi_pair_key(v2->sa.spi_i, v2->sa.spi_r);
    for (const ikd_key_chain_node *n = ikd_key_chains_newest(ctx->rekeys, key); n;
         n = ikd_key_chains_older(ctx->rekeys, n)) {
        ikd_v2_sa *old = ikd_v2_sa_of(ikd_sa_store_by_conn_id(ctx->store, n->tag));
        const ikd_v2_exchange *x = n->item;
        if (old && old != v2 && ikd_v2_rekey_made(old, x, v2->sa.spi_i, v2->sa.spi_r) &&
            (!found || old->sa.index <= found->sa.index)) { /* older nodes come later: the first made wins */
            found = old;
            *made = x;
        }
    }
    return found;
}

/* An SA first seen mid-way whose SPIs an earlier IKE SA's rekey announced
 * (RFC 7296 1.3.2): set up by that rekey, not before the capture, and
 * heir to what the rekey does not change (rekey.h). */
static void link_rekey(const ikd_v2_context *ctx, ikd_v2_sa *v2)
{
    const ikd_v2_exchange *x;
    ikd_v2_sa *old = rekeyed_into(ctx, v2, &x);
    if (!old)
        return;
    if (old->rekeyed_to)
        replace_deleted_successor(ctx, old, v2, x);
    else
        old->rekeyed_to = v2->sa.conn_id;
    v2->rekey_of = old->sa.conn_id;
    v2->status = IKD_IOS_V2_READY;
    v2->machine[0] = v2->machine[1] = IKD_IOS_V2_READY;
    v2->sa.established_frame = x->response.first_frame;
    v2->sa.established_time = x->response.first_time;
    /* Negotiated by the old SA's CREATE_CHILD_SA, before this SA's first
     * message: a set-up time from that message came out negative. */
    v2->sa.began_before_capture = true;
    ikd_v2_inherit(v2, old, x);
}

/* An answered IKE rekey, filed for the SA it made (link_rekey). */
static void file_ike_rekey(const ikd_v2_context *ctx, ikd_v2_sa *v2, ikd_v2_exchange *x, const ikd_v2_rekey *r)
{
    if (x->rekeys == IKD_V2_REKEYS_IKE && r->new_ike_answered)
        ikd_key_chains_add(ctx->rekeys, ikd_v2_spi_pair_key(r->new_ike_spi[0], r->new_ike_spi[1]), x, v2->sa.conn_id);
}

static ikd_v2_sa *find_or_create(const ikd_v2_context *ctx, const ikd_ike_header *h, const ikd_packet *p)
{
    ikd_v2_sa *v2 = ikd_v2_sa_of(ikd_sa_store_find(ctx->store, h->spi_i, h->spi_r));
    if (v2)
        return v2;
    v2 = ikd_v2_sa_create(ctx->store, ctx->records, h, p);
    v2->began_mid_sa = h->exchange != IKD_V2_EX_SA_INIT;
    if (v2->began_mid_sa)
        link_rekey(ctx, v2);
    return v2;
}

/* The exchange a request belongs to: a new one unless it is a resend of the
 * last request with its message ID. An IKE_SA_INIT request after a refusal
 * is a restart (COOKIE, INVALID_KE_PAYLOAD): a new attempt, same SA. */
static ikd_v2_exchange *exchange_for_request(const ikd_v2_context *ctx, ikd_v2_sa *v2, int requester,
                                             const ikd_ike_header *h, const ikd_packet *p)
{
    ikd_v2_exchange *x = ikd_v2_find_exchange(v2, requester, h->message_id);
    if (x && (ikd_step_record_hash(&x->request) == p->hash || !x->request.copies))
        return x;
    if (x && !x->refused && h->exchange != IKD_V2_EX_SA_INIT && h->exchange == x->exchange)
        return x; /* the same request again but not byte-identical (re-encrypted): counted with it */
    x = ikd_v2_add_exchange(ctx->records, v2, requester, h->message_id, h->exchange);
    if (h->exchange == IKD_V2_EX_SA_INIT)
        x->round = ++v2->init_attempts;
    else if (h->exchange == IKD_V2_EX_AUTH)
        x->round = ++v2->auth_rounds;
    return x;
}

static ikd_v2_exchange *exchange_for_response(const ikd_v2_context *ctx, ikd_v2_sa *v2, int requester,
                                              const ikd_ike_header *h)
{
    ikd_v2_exchange *x = ikd_v2_find_exchange(v2, requester, h->message_id);
    if (x)
        return x;
    /* The request was before the capture began (or lost before this capture point). */
    x = ikd_v2_add_exchange(ctx->records, v2, requester, h->message_id, h->exchange);
    if (h->exchange == IKD_V2_EX_AUTH)
        x->round = ++v2->auth_rounds;
    return x;
}

/* An exchange that only an established IKE SA runs was answered. */
static bool proves_established(const ikd_v2_sa *v2, const ikd_v2_exchange *x)
{
    if (x->exchange == IKD_V2_EX_CREATE_CHILD_SA || x->requester == 1)
        return true;
    if (v2->began_mid_sa && !v2->auth_rounds)
        return true; /* keys in use and no authentication in sight: set up before the capture, or by a rekey */
    return v2->informationals_answered >= 2; /* a failed authentication is reported once, never twice */
}

/* What the request tells about each side's state machine. */
static void on_request(ikd_v2_sa *v2, const ikd_v2_exchange *x)
{
    if (x->exchange == IKD_V2_EX_SA_INIT && x->requester == 0) {
        v2->machine[0] = IKD_IOS_I_WAIT_INIT;
    } else if ((x->exchange == IKD_V2_EX_AUTH || x->exchange == IKD_V2_EX_INTERMEDIATE) && x->requester == 0) {
        v2->machine[0] = IKD_IOS_I_WAIT_AUTH;
        v2->machine[1] = IKD_IOS_R_WAIT_AUTH;
    }
}

static void on_response(ikd_v2_sa *v2, ikd_v2_exchange *x, const ikd_ike_header *h, const ikd_packet *p)
{
    switch (x->exchange) {
    case IKD_V2_EX_SA_INIT:
        x->refused = ikd_spi_is_zero(h->spi_r);
        v2->init_refusals += x->refused && x->response.copies == 1;
        if (!x->refused)
            v2->machine[1] = IKD_IOS_R_WAIT_AUTH;
        break;
    case IKD_V2_EX_AUTH:
        v2->auth_answered = true;
        if (v2->status == IKD_IOS_V2_IN_NEG)
            v2->machine[0] = v2->machine[1] = IKD_IOS_AUTH_DONE; /* finished; whether it succeeded needs the keys */
        break;
    case IKD_V2_EX_CREATE_CHILD_SA:
    case IKD_V2_EX_INFORMATIONAL:
        if (proves_established(v2, x))
            ikd_v2_mark_ready(v2, p->frame, p->time);
        break;
    default: break;
    }
}

/* The SA's state after this message, into the result; state_ios is the
 * sender's own state-machine name. */
static void report_state(const ikd_v2_sa *v2, int sender, ikd_message_result *r)
{
    r->state = v2->status;
    r->state_initiator = v2->machine[0];
    r->state_responder = v2->machine[1];
    r->state_ios = v2->machine[sender];
}

/* Both peers rekeyed the same SA at once (RFC 7296 2.8.1-2.8.2): a note on
 * the second request, naming both requests, the initiator's first. */
static void note_collision(const ikd_v2_sa *v2, const ikd_v2_exchange *x, const ikd_v2_rekey *rekey,
                           ikd_annotation *ann)
{
    uint32_t mine = x->request.first_frame, other = rekey->collides_with;
    uint32_t by_initiator = x->requester == 0 ? mine : other, by_responder = x->requester == 0 ? other : mine;
    uint32_t tunnel = ikd_sa_number(v2->sa.conn_id);
    if (x->rekeys == IKD_V2_REKEYS_IKE)
        ikd_findings_add(&ann->findings, IKD_F_V2_IKE_REKEY_COLLISION, 0, 0, tunnel, by_initiator, by_responder, 0);
    else
        ikd_findings_add(&ann->findings, IKD_F_V2_CHILD_REKEY_COLLISION, 0, 0, tunnel, rekey->child_spi,
                         by_initiator, by_responder);
}

/* What a message just read told of its exchange's rekey: an answered IKE
 * rekey filed, a request that collides noted (its rekey record looked up
 * once for both). */
static void note_rekey(const ikd_v2_context *ctx, ikd_v2_sa *v2, ikd_v2_exchange *x, bool response,
                       ikd_annotation *ann)
{
    const ikd_v2_rekey *rekey = ikd_v2_rekey_of(v2, x);
    file_ike_rekey(ctx, v2, x, rekey);
    if (!response && rekey->collides_with)
        note_collision(v2, x, rekey, ann);
}

static void note_sa_message(ikd_v2_sa *v2, const ikd_packet *p)
{
    ikd_sa *sa = &v2->sa;
    sa->messages++;
    sa->last_frame = p->frame;
    sa->last_pdu = p->pdu;
    sa->last_time = p->time;
    if (p->transport == IKD_TRANSPORT_UDP_ENCAP && !ikd_sa_nat_t_frame(sa))
        ikd_sa_extra_of(sa)->nat_t_frame = p->frame;
}

ikd_v2_sa *ikd_v2_track(const ikd_v2_context *ctx, const ikd_ike_header *h, const ikd_packet *p,
                        const ikd_v2_read *m, ikd_annotation *ann)
{
    ikd_v2_sa *v2 = find_or_create(ctx, h, p);
    int sender = (h->flags & IKD_V2_FLAG_INITIATOR) ? 0 : 1;
    bool response = (h->flags & IKD_V2_FLAG_RESPONSE) != 0;
    int requester = response ? 1 - sender : sender;
    ikd_message_result *r = &ann->result;
    r->conn_id = v2->sa.conn_id;
    r->sender = sender == 0 ? IKD_ROLE_INITIATOR : IKD_ROLE_RESPONDER;
    r->step = ikd_v2_step_of(h->exchange);
    note_sa_message(v2, p);
    bool first_fragment = fragment_number(h, p) == 1;
    ikd_v2_exchange *x = response ? exchange_for_response(ctx, v2, requester, h)
                                  : exchange_for_request(ctx, v2, requester, h, p);
    ikd_step_record *record = response ? &x->response : &x->request;
    if (first_fragment) {
        bool resend = ikd_step_record_copy(record, p, ann, 2);
        ikd_sa_add_retransmissions(&v2->sa, resend && !response);
        v2->informationals_answered += response && x->exchange == IKD_V2_EX_INFORMATIONAL && record->copies == 1;
        if (response)
            ikd_step_record_link_answer(&x->request, p, ann);
        if (is_fragment(h, p))
            x->fragmented_first_payload[response] = p->bytes[IKD_IKE_HEADER_LEN];
        if (!resend) {
            response ? on_response(v2, x, h, p) : on_request(v2, x);
            ikd_v2_learn(v2, x, sender, response, m, p);
            x->fragments_read[response] |= m->inner.view != NULL;
            note_rekey(ctx, v2, x, response, ann);
        }
        ikd_message_index_remember(ctx->messages, p->frame, p->pdu, response ? NULL : record);
    } else if (m->inner.view && !x->fragments_read[response]) {
        /* The fragment that completed the message: its rebuilt plaintext is read once. */
        x->fragments_read[response] = true;
        ikd_v2_learn_payloads(v2, x, sender, response, m, p);
        note_rekey(ctx, v2, x, response, ann);
    }
    report_state(v2, sender, r);
    return v2;
}
