/* ikediag - informational exchanges.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/informational.h"

#include "ikev1/decrypted.h"
#include "ikev1/dpd.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/phase1_proposals.h"
#include "ikev1/quick_mode_proposals.h"
#include "ikev1/ra_config_refusal.h"

#include <glib.h>

/* The request a clear error notification answers: the other peer's latest
 * phase-1 message. */
static ikd_step_record *latest_phase1_from(ikd_v1_records *records, ikd_v1_sa *v1, int peer)
{
    for (int n = IKD_MAIN_MODE_STEPS; n >= 1; n--) {
        bool from_initiator = n % 2 == 1;
        if (ikd_v1_step_const(v1, n)->copies && from_initiator == (peer == 0))
            return ikd_v1_step(records, v1, n);
    }
    return NULL;
}

/* An error notification before phase 1 completed ends it. */
static void note_phase1_rejection(const ikd_v1_event *ev, const ikd_message *m, uint16_t notify_type)
{
    ikd_v1_sa *v1 = ev->sa;
    if (notify_type == IKD_NOTIFY_NO_PROPOSAL_CHOSEN && ev->peer == 1)
        ikd_v1_list_refused_offer(ev);
    ikd_v1_sa_rare *rare = ikd_v1_rare(ev->ctx->records, v1);
    rare->reject_notify = notify_type;
    rare->reject_sender = (int8_t)ev->peer;
    rare->reject_frame = ev->packet->frame;
    ikd_sa_mark_deleted(&v1->sa, ev->packet->frame);
    ikd_step_record *request = latest_phase1_from(ev->ctx->records, v1, 1 - ev->peer);
    if (request && !m->encrypted)
        ikd_step_record_link_answer(request, ev->packet, ev->ann); /* an encrypted refusal is linked already */
}

/* The quick mode an informational refuses (NULL for none), with its offers;
 * the notify that says why is kept with it. */
static void list_refused_quick_mode(const ikd_v1_event *ev, ikd_quick_mode *qm, uint16_t notify_type)
{
    if (!qm)
        return;
    if (!qm->reject_notify && notify_type <= IKD_NOTIFY_LAST_ERROR)
        qm->reject_notify = notify_type;
    ikd_v1_list_refused_phase2_offer(qm, ev->ann);
}

/* The quick mode chose this SPI (not 0: reserved, and "not read" here), on either side. */
static bool chose_spi(const ikd_quick_mode *qm, uint32_t spi)
{
    const ikd_qm_decrypted *d = ikd_v1_qm_decrypted_const(qm);
    return spi && d->chosen_known && (d->chosen.spi == spi || d->initiator_spi == spi);
}

static bool same_peers(const ikd_sa *a, const ikd_sa *b)
{
    return (ikd_address_equal(&a->peer[0], &b->peer[0]) && ikd_address_equal(&a->peer[1], &b->peer[1])) ||
           (ikd_address_equal(&a->peer[0], &b->peer[1]) && ikd_address_equal(&a->peer[1], &b->peer[0]));
}

/* A phase-2 SA is deleted under whichever ISAKMP SA is current: its own, or
 * a later one between the same peers (after a re-authentication). So the
 * quick mode with this SPI is sought in the DELETE's SA first, then in the
 * newest SA between the same peers; in one SA, the latest to choose it. */
static ikd_quick_mode *phase2_sa_with_spi(const ikd_v1_event *ev, uint32_t spi)
{
    ikd_quick_mode *found = NULL;
    const ikd_sa *found_in = NULL;
    const ikd_key_chains *spis = ev->ctx->phase2_spis;
    for (const ikd_key_chain_node *n = ikd_key_chains_newest(spis, spi); n; n = ikd_key_chains_older(spis, n)) {
        const ikd_sa *sa = ikd_sa_store_by_conn_id(ev->ctx->store, n->tag);
        ikd_quick_mode *qm = n->item;
        if (!sa || !ikd_v1_sa_of_const(sa) || !chose_spi(qm, spi))
            continue; /* dropped since, or it chose another SPI when its QM2 was read again */
        if (sa == &ev->sa->sa)
            return qm;
        if (same_peers(sa, &ev->sa->sa) && (!found_in || sa->index > found_in->index)) {
            found = qm;
            found_in = sa;
        }
    }
    return found;
}

static void note_phase2_deletes(const ikd_v1_event *ev, const ikd_message *m)
{
    if (m->delete_protocol != IKD_PROTO_ESP && m->delete_protocol != IKD_PROTO_AH)
        return;
    for (uint32_t i = 0; i < m->delete_spis_read; i++) {
        ikd_quick_mode *qm = phase2_sa_with_spi(ev, m->delete_spis[i]);
        ikd_qm_decrypted *d = qm ? ikd_v1_qm_decrypted(qm) : NULL; /* qm: it has a chosen SPI */
        if (d && !d->deleted_frame) {
            d->deleted_frame = ev->packet->frame;
            d->deleted_by = ev->packet->src;
        }
    }
}

static void note_delete(const ikd_v1_event *ev, const ikd_message *m)
{
    note_phase2_deletes(ev, m);
    ikd_sa *sa = &ev->sa->sa;
    ikd_findings_add(&ev->ann->findings, IKD_F_SA_DELETED, 0, 0, ikd_sa_role_of(sa, ev->peer), m->delete_spi_count,
                     m->delete_protocol, 0);
    if (m->delete_protocol == IKD_PROTO_ISAKMP) {
        ikd_sa_mark_deleted(sa, ev->packet->frame);
        ev->sa->isakmp_deleted_by = ev->peer;
    }
}

/* Notifications and deletes of a readable informational: m is the message
 * itself, or what Wireshark decrypted of it; refused the quick mode it was
 * taken to refuse (on_encrypted_informational), or NULL. */
static void on_notifications(const ikd_v1_event *ev, const ikd_message *m, ikd_quick_mode *refused)
{
    ikd_v1_sa *v1 = ev->sa;
    for (uint32_t i = 0; i < m->notify_count; i++) {
        ikd_finding_id id = ikd_finding_for_notify(m->notify_types[i]);
        if (id == IKD_FINDING_COUNT)
            continue;
        ikd_findings_add(&ev->ann->findings, id, m->notify_offsets[i], 0, ikd_sa_role_of(&v1->sa, ev->peer),
                         m->notify_types[i], 0, 0);
        bool phase1_done = ikd_sa_established(&v1->sa);
        if (phase1_done)
            list_refused_quick_mode(ev, refused, m->notify_types[i]);
        if (!phase1_done && v1->mode && !ikd_v1_rare_const(v1)->reject_notify)
            note_phase1_rejection(ev, m, m->notify_types[i]);
    }
    if (m->has_delete)
        note_delete(ev, m);
}

/* An encrypted informational can still be placed: answering a quick mode
 * that got no QM2, it is almost always a rejection of that quick mode,
 * which is returned (NULL when it answers none). */
static ikd_quick_mode *on_encrypted_informational(const ikd_v1_event *ev)
{
    ikd_v1_sa *v1 = ev->sa;
    ikd_quick_mode *qm = ikd_v1_newest_awaiting_qm2(v1, ev->peer);
    if (qm) {
        /* Not linked as QM1's answer: a QM2 may still follow (a notify
         * such as RESPONDER-LIFETIME travels the same way). The verdict
         * decides once the capture is complete. */
        qm->rejected_by_info = ev->packet->frame;
        return qm;
    }
    /* Keys exist from MM4/AM2 on: an encrypted informational before phase 1
     * completes is a peer refusing the other's authentication (bad hash,
     * authentication failed, payload malformed after a wrong-key decrypt). */
    ikd_step_record *refused = NULL;
    if (v1->mode == IKD_EX_MAIN && ev->peer == 1 && ikd_v1_step_const(v1, 5)->copies &&
        !ikd_v1_step_const(v1, 6)->copies)
        refused = ikd_v1_step(ev->ctx->records, v1, 5);
    else if (v1->mode == IKD_EX_AGGRESSIVE && ev->peer == 0 && ikd_v1_step_const(v1, 2)->copies &&
             !ikd_v1_step_const(v1, 3)->copies)
        refused = ikd_v1_step(ev->ctx->records, v1, 2);
    if (refused) {
        ikd_step_record_link_answer(refused, ev->packet, ev->ann);
        ikd_v1_sa_rare *rare = ikd_v1_rare(ev->ctx->records, v1);
        if (!rare->phase1_informationals++)
            rare->refusal_frame = ev->packet->frame;
    }
    return NULL;
}

static bool carries_error(const ikd_message *m)
{
    for (uint32_t i = 0; i < m->notify_count; i++)
        if (m->notify_types[i] && m->notify_types[i] <= IKD_NOTIFY_LAST_ERROR)
            return true;
    return false;
}

/* Readable, the informational taken for a refusal of a quick mode carries
 * no error (a DPD probe, a status notify, a delete): it refused nothing,
 * and a QM2 may still come, or QM1 goes unanswered. Returns the quick mode
 * it refuses after all, or NULL. */
static ikd_quick_mode *unmark_non_refusal(ikd_quick_mode *refused, const ikd_message *content)
{
    if (!refused || carries_error(content))
        return refused;
    refused->rejected_by_info = 0;
    return NULL;
}

void ikd_v1_on_informational(const ikd_v1_event *ev)
{
    ev->ann->result.step = IKD_STEP_INFO;
    if (!ev->msg->encrypted) {
        on_notifications(ev, ev->msg, NULL);
        ikd_v1_on_dpd(ev, ev->msg);
        return;
    }
    ikd_quick_mode *refused = on_encrypted_informational(ev);
    ikd_message *inner = g_new(ikd_message, 1);
    const ikd_message *content = ikd_v1_readable_content(ev, inner);
    if (content) {
        refused = unmark_non_refusal(refused, content);
        on_notifications(ev, content, refused);
        ikd_v1_on_dpd(ev, content);
    } else {
        ikd_v1_dpd_unreadable(ev);
        ikd_v1_ra_note_unread_informational(ev);
    }
    g_free(inner);
}
