/* ikediag - remote-access verdicts.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/ra_verdicts.h"

#include "common/exchange.h"
#include "core/keyed_items.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/ra_config_refusal.h"
#include "ikev1/remote_access.h"

/* An unanswered prompt or request is judged only once the sender resent it,
 * or the capture ran on this long after it (a user typing takes a while). */
enum { COPIES_FOR_A_VERDICT = 2 };
#define PROMPT_WAIT_SECONDS 30.0

typedef struct {
    ikd_attached_findings *board;
    ikd_finding *verdict;
    ikd_evidence *evidence;
} outcome;

static bool give(const outcome *o, uint32_t frame, uint32_t pdu, ikd_finding_id id, const uint32_t args[],
                 ikd_evidence evidence)
{
    *o->verdict = ikd_attach_finding(o->board, frame, pdu, id, args);
    *o->evidence = evidence;
    return true;
}

/* The verdict, on the last copy of the message it is about. */
static bool give_on_last_copy(const outcome *o, const ikd_step_record *r, ikd_finding_id id, const uint32_t args[],
                              ikd_evidence evidence)
{
    return give(o, ikd_step_record_last_frame(r), ikd_step_record_last_pdu(r), id, args, evidence);
}

/* The SA's last exchange of this kind, or NULL. */
static const ikd_txn *last_of_kind(const ikd_v1_ra *ra, ikd_txn_step kind)
{
    for (uint32_t i = ikd_v1_ra_txn_count(ra); i-- > 0;)
        if (ikd_v1_ra_txn_at(ra, i)->kind == kind)
            return ikd_v1_ra_txn_at(ra, i);
    return NULL;
}

static bool xauth_unanswered(const outcome *o, const ikd_v1_sa *v1, double capture_end)
{
    const ikd_v1_ra *ra = ikd_v1_ra_seen(v1);
    const ikd_txn *t = last_of_kind(ra, IKD_TXN_XAUTH_REQUEST);
    if (!t || t->steps[1].copies || t != ikd_v1_ra_txn_at(ra, ikd_v1_ra_txn_count(ra) - 1))
        return false;
    const ikd_step_record *r = &t->steps[0];
    if (r->copies < COPIES_FOR_A_VERDICT && capture_end - r->first_time < PROMPT_WAIT_SECONDS)
        return false;
    const uint32_t args[IKD_FINDING_ARGS] = { v1->sa.conn_id, r->first_frame, r->copies,
                                              ikd_elapsed_ms(r->first_time, capture_end), 0 };
    return give_on_last_copy(o, r, IKD_F_RA_XAUTH_UNANSWERED, args,
                             r->copies >= COPIES_FOR_A_VERDICT ? IKD_EVIDENCE_STRONG : IKD_EVIDENCE_WEAK);
}

/* Without keys: the status exchange (counted, not read) was the SA's last
 * message. After a successful XAUTH the client goes on within milliseconds
 * (mode-config, quick mode), so an SA that ends there probably failed; a
 * capture stopped right there looks the same, hence "probable" and weak. */
static bool probable_xauth_failure(const outcome *o, const ikd_v1_sa *v1, double capture_end)
{
    const ikd_v1_ra *ra = ikd_v1_ra_seen(v1);
    const ikd_txn *t = last_of_kind(ra, IKD_TXN_XAUTH_SET);
    if (!t || !t->inferred || ra->xauth != IKD_XAUTH_UNKNOWN || !t->steps[1].copies || ikd_v1_quick_mode_count(v1))
        return false;
    const ikd_step_record *ack = &t->steps[1];
    if (v1->sa.last_frame != ikd_step_record_last_frame(ack))
        return false;
    const uint32_t args[IKD_FINDING_ARGS] = { v1->sa.conn_id, t->steps[0].first_frame,
                                              ikd_elapsed_ms(ikd_step_record_last_time(ack), capture_end), 0, 0 };
    return give_on_last_copy(o, ack, IKD_F_RA_XAUTH_PROBABLE_FAILURE, args, IKD_EVIDENCE_WEAK);
}

/* Without keys: the client answered the mode-config reply with informationals and silence. */
static bool probable_config_refusal(const outcome *o, const ikd_v1_sa *v1, double capture_end)
{
    uint32_t args[IKD_FINDING_ARGS] = { 0 }, frame = 0;
    if (!ikd_v1_ra_config_probably_refused(v1, capture_end, args, &frame))
        return false;
    return give(o, frame, 0, IKD_F_RA_CFG_PROBABLE_REFUSAL, args, IKD_EVIDENCE_WEAK);
}

static bool config_unanswered(const outcome *o, const ikd_v1_sa *v1)
{
    const ikd_v1_ra *ra = ikd_v1_ra_seen(v1);
    for (uint32_t i = 0; i < ikd_v1_ra_txn_count(ra); i++) {
        const ikd_txn *t = ikd_v1_ra_txn_at(ra, i);
        const ikd_step_record *r = &t->steps[0];
        bool config = t->kind == IKD_TXN_CFG_REQUEST || t->kind == IKD_TXN_CFG_SET;
        if (!config || t->steps[1].copies || r->copies < COPIES_FOR_A_VERDICT)
            continue;
        const uint32_t args[IKD_FINDING_ARGS] = { v1->sa.conn_id, ikd_sa_role_of(&v1->sa, t->starter), t->kind,
                                                  r->first_frame, r->copies };
        return give_on_last_copy(o, r, IKD_F_RA_CFG_UNANSWERED, args, IKD_EVIDENCE_STRONG);
    }
    return false;
}

/* The first exchange read as XAUTH under a method without XAUTH: a note. */
static void note_unexpected_xauth(ikd_attached_findings *board, const ikd_v1_sa *v1)
{
    const ikd_transform *chosen = ikd_v1_chosen(v1);
    if (!chosen || ikd_auth_is_xauth(chosen->auth))
        return;
    const ikd_v1_ra *ra = ikd_v1_ra_seen(v1);
    for (uint32_t i = 0; i < ikd_v1_ra_txn_count(ra); i++) {
        const ikd_txn *t = ikd_v1_ra_txn_at(ra, i);
        if (!t->inferred && ikd_txn_step_is_xauth(t->kind)) {
            const uint32_t args[IKD_FINDING_ARGS] = { v1->sa.conn_id, t->steps[0].first_frame, chosen->auth, 0,
                                                      0 };
            ikd_attach_finding(board, t->steps[0].first_frame, t->steps[0].first_pdu, IKD_F_RA_XAUTH_UNEXPECTED,
                               args);
            return;
        }
    }
}

/* XAUTH negotiated in phase 1, and quick mode came with no transaction at all. */
static bool xauth_not_started(const outcome *o, const ikd_v1_sa *v1)
{
    const ikd_transform *chosen = ikd_v1_chosen(v1);
    if (!chosen || !ikd_auth_is_xauth(chosen->auth) || ikd_v1_ra_txn_count(ikd_v1_ra_seen(v1)) ||
        !ikd_v1_quick_mode_count(v1))
        return false;
    const ikd_step_record *qm1 = &ikd_v1_quick_mode_at(v1, 0)->steps[0];
    if (!qm1->copies)
        return false;
    const uint32_t args[IKD_FINDING_ARGS] = { v1->sa.conn_id, chosen->auth, IKD_STEP_QM1, 0, 0 };
    return give(o, qm1->first_frame, qm1->first_pdu, IKD_F_RA_XAUTH_NOT_STARTED, args, IKD_EVIDENCE_STRONG);
}

bool ikd_v1_ra_verdict(ikd_attached_findings *board, ikd_v1_sa *v1, double capture_end, ikd_finding *verdict,
                       ikd_evidence *evidence)
{
    outcome o = { board, verdict, evidence };
    const ikd_v1_ra *ra = ikd_v1_ra_seen(v1);
    if (!ra)
        return xauth_not_started(&o, v1);
    note_unexpected_xauth(board, v1);
    if (ra->xauth == IKD_XAUTH_FAIL) {
        const uint32_t args[IKD_FINDING_ARGS] = { v1->sa.conn_id, ra->user_id, ra->xauth_status_frame,
                                                  ra->xauth_requests, 0 };
        return give(&o, ra->xauth_status_frame, 0, IKD_F_RA_XAUTH_FAILED, args, IKD_EVIDENCE_CONCLUSIVE);
    }
    if (xauth_unanswered(&o, v1, capture_end) || probable_xauth_failure(&o, v1, capture_end))
        return true;
    if (ra->no_address_frame) {
        const uint32_t args[IKD_FINDING_ARGS] = { v1->sa.conn_id, ra->no_address_frame, 0, 0, 0 };
        return give(&o, ra->no_address_frame, 0, IKD_F_RA_NO_ADDRESS, args, IKD_EVIDENCE_CONCLUSIVE);
    }
    return config_unanswered(&o, v1) || probable_config_refusal(&o, v1, capture_end) || xauth_not_started(&o, v1);
}

bool ikd_v1_ra_group_verdict(ikd_attached_findings *board, const ikd_v1_sa *v1, ikd_finding *verdict,
                             ikd_evidence *evidence)
{
    const ikd_v1_ra *ra = ikd_v1_ra_seen(v1);
    if (!ra || !ra->group_id || v1->mode != IKD_EX_AGGRESSIVE || ikd_v1_highest_step(v1) != 1)
        return false;
    outcome o = { board, verdict, evidence };
    const ikd_step_record *am1 = ikd_v1_step_const(v1, 1);
    const ikd_sa *sa = &v1->sa;
    /* NO-PROPOSAL-CHOSEN is about the transforms: the phase-1 verdict says so better. */
    if (ikd_v1_rare_const(v1)->reject_notify == IKD_NOTIFY_NO_PROPOSAL_CHOSEN)
        return false;
    if (ikd_v1_rare_const(v1)->reject_notify) {
        const uint32_t args[IKD_FINDING_ARGS] = { sa->conn_id, ra->group_id, ikd_v1_rare_const(v1)->reject_notify, 0, 0 };
        return give(&o, sa->last_frame, sa->last_pdu, IKD_F_RA_GROUP_REFUSED, args, IKD_EVIDENCE_CONCLUSIVE);
    }
    if (am1->copies < COPIES_FOR_A_VERDICT)
        return false;
    const uint32_t args[IKD_FINDING_ARGS] = { sa->conn_id, ra->group_id, am1->copies, 0, 0 };
    return give_on_last_copy(&o, am1, IKD_F_RA_GROUP_UNANSWERED, args, IKD_EVIDENCE_STRONG);
}

/* The client's address: the peer that is not the server. */
static const ikd_address *client_of(const ikd_v1_sa *v1)
{
    return &v1->sa.peer[1 - ikd_v1_ra_server(v1)];
}

/* Earlier still held the address when later got it. */
static bool held_at(const ikd_v1_sa *earlier, uint32_t frame)
{
    const ikd_v1_ra *ra = ikd_v1_ra_seen(earlier);
    return ra->address_frame < frame && (!earlier->sa.deleted || ikd_sa_deleted_frame(&earlier->sa) > frame);
}

/* An assigned address as a table key (the group is checked address by address). */
static uint64_t address_key(const ikd_address *a)
{
    uint32_t words[4];
    ikd_address_pack(a, words);
    return ikd_bytes_hash((const uint8_t *)words, sizeof words);
}

bool ikd_v1_ra_address_assigned(const ikd_v1_sa *v1)
{
    const ikd_v1_ra *ra = ikd_v1_ra_seen(v1);
    return ra && ra->address_known;
}

/* The SAs with an assigned address grouped by that address (address key ->
 * GPtrArray of them): comparing each with every SA of the store was
 * quadratic in a head-end's clients, at every judgement. */
static GHashTable *ra_sas_by_address(const GPtrArray *with_address)
{
    GHashTable *groups = g_hash_table_new_full(ikd_key64_hash, g_direct_equal, NULL, (GDestroyNotify)g_ptr_array_unref);
    for (guint i = 0; i < with_address->len; i++) {
        const ikd_v1_sa *v1 = g_ptr_array_index(with_address, i);
        gpointer key = ikd_key64(address_key(&ikd_v1_ra_seen(v1)->address));
        GPtrArray *group = g_hash_table_lookup(groups, key);
        if (!group) {
            group = g_ptr_array_new();
            g_hash_table_insert(groups, key, group);
        }
        g_ptr_array_add(group, (gpointer)v1);
    }
    return groups;
}

void ikd_v1_ra_shared_addresses(const GPtrArray *with_address, ikd_attached_findings *board)
{
    GHashTable *groups = ra_sas_by_address(with_address);
    for (guint i = 0; i < with_address->len; i++) {
        const ikd_v1_sa *later = g_ptr_array_index(with_address, i);
        const ikd_v1_ra *ra = ikd_v1_ra_seen(later);
        const GPtrArray *group = g_hash_table_lookup(groups, ikd_key64(address_key(&ra->address)));
        for (guint j = 0; j < group->len; j++) {
            const ikd_v1_sa *earlier = g_ptr_array_index(group, j);
            if (earlier == later || !ikd_address_equal(&ikd_v1_ra_seen(earlier)->address, &ra->address) ||
                ikd_address_equal(client_of(earlier), client_of(later)) || !held_at(earlier, ra->address_frame))
                continue;
            uint32_t args[IKD_FINDING_ARGS] = { 0, 0, 0, 0, earlier->sa.conn_id };
            ikd_address_pack(&ra->address, args);
            ikd_attach_finding(board, ra->address_frame, 0, IKD_F_RA_ADDRESS_TWICE, args);
            break;
        }
    }
    g_hash_table_destroy(groups);
}
