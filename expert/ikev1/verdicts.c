/* ikediag - end-of-capture verdicts on ISAKMP SAs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/verdicts.h"

#include "common/backoff.h"
#include "common/cert_notes.h"
#include "ikev1/dpd.h"
#include "ikev1/icmp.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/ip_fragments.h"
#include "ikev1/phase2_refusal.h"
#include "ikev1/ra_verdicts.h"
#include "ikev1/remote_access.h"

#include <string.h>

/* An SA that stopped short counts as abandoned (IOS shows it as
 * ACTIVE (deleted) until it is purged) once either peer started a new SA
 * between the same two addresses, or the capture ran on this long after it. */
enum { ABANDON_AFTER_SECONDS = 60 };

/* A verdict on an unanswered message needs the sender's retransmissions:
 * one copy may simply have been answered after the capture stopped. */
enum { COPIES_FOR_A_VERDICT = 2 };

static ikd_finding attach(ikd_attached_findings *board, uint32_t frame, uint32_t pdu, ikd_finding_id id, uint32_t a0,
                          uint32_t a1, uint32_t a2, uint32_t a3)
{
    const uint32_t args[IKD_FINDING_ARGS] = { a0, a1, a2, a3, 0 };
    return ikd_attach_finding(board, frame, pdu, id, args);
}

static void set_verdict(ikd_attached_findings *board, ikd_sa *sa, ikd_finding f, ikd_evidence evidence)
{
    const ikd_v1_sa *v1 = ikd_v1_sa_of_const(sa);
    if (v1 && v1->roles_inferred && !v1->roles_confirmed && evidence == IKD_EVIDENCE_STRONG)
        evidence = IKD_EVIDENCE_WEAK; /* which step the capture began at is a guess */
    sa->verdict = ikd_attached_findings_keep_verdict(board, f);
    sa->verdict_evidence = evidence;
}

/* An SA stopped at an unanswered message: the message, the verdict its
 * retransmissions would support, and where the SA stands. */
typedef struct {
    const ikd_step_record *unanswered;
    ikd_finding_id stuck;
    uint32_t args[IKD_FINDING_ARGS]; /* the stuck verdict's */
    ikd_ios_state state;
    ikd_step step;
    uint32_t frame, pdu; /* the message the verdict is shown on */
} verdict_case;

/* The verdict on an SA whose last message went unanswered: the stuck
 * verdict when the sender retransmitted it, else only what is known. */
static void unanswered_verdict(ikd_attached_findings *board, ikd_sa *sa, const verdict_case *c, double capture_end)
{
    const ikd_step_record *rec = c->unanswered;
    if (rec->copies >= COPIES_FOR_A_VERDICT) {
        set_verdict(board, sa, ikd_attach_finding(board, c->frame, c->pdu, c->stuck, c->args), IKD_EVIDENCE_STRONG);
        return;
    }
    const uint32_t args[IKD_FINDING_ARGS] = { sa->conn_id, c->state, c->step, rec->copies,
                                              ikd_elapsed_ms(ikd_step_record_last_time(rec), capture_end) };
    set_verdict(board, sa, ikd_attach_finding(board, c->frame, c->pdu, IKD_F_CAPTURE_TOO_SHORT, args),
                IKD_EVIDENCE_WEAK);
}

static void unanswered(ikd_attached_findings *board, const ikd_step_record *rec, ikd_step step, int phase)
{
    if (rec->copies > 1 && !rec->answer_frame)
        attach(board, ikd_step_record_last_frame(rec), ikd_step_record_last_pdu(rec), IKD_F_PEER_NOT_RESPONDING, step,
               rec->copies, ikd_elapsed_ms(rec->first_time, ikd_step_record_last_time(rec)), (uint32_t)phase);
}

/* A quick mode answered by an informational instead of QM2: the notify, when
 * it was read, is the peer's own word (conclusive); unread, the
 * informational's place says only that it probably refused. */
static void phase2_refused_verdict(ikd_attached_findings *board, ikd_v1_sa *v1, const ikd_quick_mode *qm)
{
    uint32_t args[IKD_FINDING_ARGS];
    int ini = qm->initiator_peer;
    bool peers_known = ini == 0 || ini == 1;
    ikd_finding_id id = ikd_v1_phase2_refusal(qm, peers_known ? &v1->sa.peer[ini] : NULL,
                                              peers_known ? &v1->sa.peer[1 - ini] : NULL, args);
    const ikd_step_record *qm1 = &qm->steps[0];
    ikd_finding f = ikd_attach_finding(board, ikd_step_record_last_frame(qm1), ikd_step_record_last_pdu(qm1), id, args);
    set_verdict(board, &v1->sa, f, qm->reject_notify ? IKD_EVIDENCE_CONCLUSIVE : IKD_EVIDENCE_STRONG);
}

static void quick_mode_verdicts(ikd_attached_findings *board, ikd_v1_sa *v1, double capture_end)
{
    for (uint32_t i = 0; i < ikd_v1_quick_mode_count(v1); i++) {
        const ikd_quick_mode *qm = ikd_v1_quick_mode_at(v1, i);
        const ikd_step_record *qm1 = &qm->steps[0], *qm2 = &qm->steps[1], *qm3 = &qm->steps[2];
        if (qm->rejected_by_info && !qm2->copies) {
            phase2_refused_verdict(board, v1, qm);
        } else if (qm2->copies && !qm3->copies) {
            verdict_case c = { qm2, IKD_F_STUCK_PHASE2_NO_QM3, { qm->message_id, 0, 0, 0 }, ikd_v1_sa_state(v1),
                               IKD_STEP_QM2, ikd_step_record_last_frame(qm2), ikd_step_record_last_pdu(qm2) };
            unanswered_verdict(board, &v1->sa, &c, capture_end);
        }
        unanswered(board, qm1, IKD_STEP_QM1, 2);
    }
}

/* An established SA whose peer stopped answering DPD: dead when several
 * R-U-THEREs in a row went unanswered or their sender then deleted the SA
 * or gave up; too few, too close to the end of the capture, is said so. */
static void dpd_verdict(ikd_attached_findings *board, ikd_v1_sa *v1, double capture_end)
{
    ikd_v1_dpd_unanswered(board, v1, capture_end);
    ikd_dpd_run run;
    if (!ikd_v1_dpd_last_run(v1, capture_end, &run))
        return;
    ikd_sa *sa = &v1->sa;
    if (run.end != IKD_DPD_END_TOO_SHORT) {
        const uint32_t args[IKD_FINDING_ARGS] = { sa->conn_id, run.count,
                                                  ikd_elapsed_ms(run.first->rec.first_time, run.until), run.end,
                                                  ikd_sa_role_of(sa, run.sender) };
        set_verdict(board, sa, ikd_attach_finding(board, sa->last_frame, sa->last_pdu, IKD_F_STUCK_PEER_DEAD, args),
                    IKD_EVIDENCE_STRONG);
        return;
    }
    if (sa->verdict)
        return;
    const ikd_step_record *last = &run.last->rec;
    const uint32_t args[IKD_FINDING_ARGS] = { sa->conn_id, ikd_v1_sa_state(v1), IKD_STEP_INFO, last->copies,
                                              ikd_elapsed_ms(last->first_time, capture_end) };
    set_verdict(board, sa, ikd_attach_finding(board, sa->last_frame, sa->last_pdu, IKD_F_CAPTURE_TOO_SHORT, args),
                IKD_EVIDENCE_WEAK);
}

/* A refused offer next to another offer between the same two addresses (the
 * other peer initiating, or another attempt): name what differs, from the
 * closest pair of transforms. */
static void compare_with_other_offers(ikd_attached_findings *board, const ikd_peer_pairs *pairs, const ikd_v1_sa *v1)
{
    const unsigned all = ikd_proposal_all_differences(&ikd_phase1_kind);
    const ikd_proposal_list mine = { &ikd_v1_offers(v1)->attributes, ikd_v1_offer_count(v1),
                                     sizeof(ikd_transform_entry) };
    const ikd_sa_group peers = ikd_peer_pairs_of(pairs, &v1->sa);
    for (guint j = 0; j < peers.len; j++) {
        const ikd_v1_sa *other = ikd_v1_sa_of_const(peers.sas[j]);
        if (!other || other == v1 || !ikd_v1_offer_count(other))
            continue;
        const ikd_proposal_list theirs = { &ikd_v1_offers(other)->attributes, ikd_v1_offer_count(other),
                                           sizeof(ikd_transform_entry) };
        unsigned best = ikd_proposal_closest_pair(&ikd_phase1_kind, mine, theirs).differences;
        if (best)
            attach(board, ikd_v1_rare_const(v1)->reject_frame, 0, IKD_F_PEERS_DIFFER, best, other->sa.conn_id,
                   all & ~best, 0);
        return;
    }
}

/* A refusal of an authentication whose certificate was not valid when it
 * was sent names the certificate (RFC 2408 notify types). */
static bool cert_refusal_verdict(ikd_attached_findings *board, ikd_v1_sa *v1)
{
    enum { INVALID_CERTIFICATE = 20, INVALID_CERT_AUTHORITY = 22, AUTHENTICATION_FAILED = 24, CERT_UNAVAILABLE = 28 };
    uint16_t n = ikd_v1_rare_const(v1)->reject_notify;
    if (n != INVALID_CERTIFICATE && n != INVALID_CERT_AUTHORITY && n != AUTHENTICATION_FAILED && n != CERT_UNAVAILABLE)
        return false;
    int by = ikd_v1_rare_const(v1)->reject_sender ? 1 : 0;
    ikd_finding_id id;
    uint32_t args[IKD_FINDING_ARGS] = { v1->sa.conn_id };
    if (!ikd_cert_refusal_verdict(&v1->sa, by, 1 - by, &id, args))
        return false;
    set_verdict(board, &v1->sa, ikd_attach_finding(board, v1->sa.last_frame, v1->sa.last_pdu, id, args),
                IKD_EVIDENCE_STRONG);
    return true;
}

/* A certificate verdict only when the certificate itself shows the cause
 * (its dates, its identity, a revocation check on the wire): the refusal
 * was inferred, not read. */
static bool shown_cert_verdict(ikd_attached_findings *board, ikd_v1_sa *v1, int by, uint32_t frame, uint32_t pdu)
{
    ikd_sa *sa = &v1->sa;
    ikd_finding_id id;
    uint32_t args[IKD_FINDING_ARGS] = { sa->conn_id };
    if (!sa->roles_known || !ikd_cert_refusal_verdict(sa, by, 1 - by, &id, args) || id == IKD_F_STUCK_CERT_REFUSED ||
        id == IKD_F_STUCK_CERT_REFUSED_NO_ISSUER || id == IKD_F_STUCK_CERT_UNTRUSTED_ISSUER ||
        id == IKD_F_STUCK_CERT_CHAIN_INCOMPLETE)
        return false;
    set_verdict(board, sa, ikd_attach_finding(board, frame, pdu, id, args), IKD_EVIDENCE_STRONG);
    return true;
}

/* Aggressive mode refused after AM3 with a DELETE (strongSwan's way)
 * before any quick mode: a verdict only when the certificate the deleted
 * peer sent shows what was wrong with it (its dates, its identity, a
 * revocation check on the wire). */
static bool deleted_after_am3_verdict(ikd_attached_findings *board, ikd_v1_sa *v1)
{
    ikd_sa *sa = &v1->sa;
    if (v1->mode != IKD_EX_AGGRESSIVE || !sa->deleted || ikd_v1_quick_mode_count(v1) || v1->isakmp_deleted_by < 0 ||
        v1->isakmp_deleted_by > 1)
        return false;
    return shown_cert_verdict(board, v1, v1->isakmp_deleted_by, ikd_sa_deleted_frame(sa), 0);
}

/* Refused with an error notification. */
static void rejected_verdict(ikd_attached_findings *board, const ikd_peer_pairs *pairs, ikd_v1_sa *v1)
{
    ikd_sa *sa = &v1->sa;
    if (ikd_v1_offer_count(v1) && ikd_v1_rare_const(v1)->reject_notify == IKD_NOTIFY_NO_PROPOSAL_CHOSEN)
        compare_with_other_offers(board, pairs, v1);
    ikd_role by = sa->roles_known ? ikd_sa_role_of(sa, ikd_v1_rare_const(v1)->reject_sender ? 1 : 0) : IKD_ROLE_UNKNOWN;
    if (sa->roles_known && cert_refusal_verdict(board, v1))
        return;
    set_verdict(board, sa, attach(board, sa->last_frame, sa->last_pdu, IKD_F_STUCK_PHASE1_REJECTED, sa->conn_id,
                           ikd_v1_sa_state(v1), ikd_v1_rare_const(v1)->reject_notify, by),
                IKD_EVIDENCE_CONCLUSIVE);
}

/* Where a phase 1 that was not refused outright stopped: the stuck verdict
 * for its last step (IKD_FINDING_COUNT when none applies), and its count. */
static ikd_finding_id stuck_at(const ikd_v1_sa *v1, int top, uint32_t *count_or_step)
{
    if (v1->mode == IKD_EX_MAIN) {
        static const ikd_finding_id by_step[IKD_MAIN_MODE_STEPS] = {
            IKD_F_STUCK_MM_NO_STATE, IKD_F_STUCK_NO_MM3, IKD_F_STUCK_NO_MM4,
            IKD_F_STUCK_NO_MM5,      IKD_F_STUCK_NO_MM6, IKD_FINDING_COUNT,
        };
        const ikd_step_record *rec = ikd_v1_step_const(v1, top);
        if (top == 5 && rec->on_nat_t && !ikd_sa_extra_const(&v1->sa)->nat_t_answered) {
            *count_or_step = IKD_STEP_MM5;
            return IKD_F_STUCK_NAT_T_BLOCKED;
        }
        return by_step[top - 1];
    }
    if (top < IKD_AGGRESSIVE_MODE_STEPS)
        return top == 1 ? IKD_F_STUCK_AG_NO_STATE : IKD_F_STUCK_AG_INIT_EXCH;
    return IKD_FINDING_COUNT;
}

/* An ICMP error that answered the SA's last step instead of the peer says
 * more than its silence: the strongest one is the SA's verdict. */
static bool icmp_verdict(ikd_attached_findings *board, ikd_v1_sa *v1, ikd_step step)
{
    ikd_icmp_kind kind = IKD_ICMP_NONE;
    const ikd_icmp_seen *seen = ikd_v1_icmp_reason(v1, step, &kind);
    if (!seen)
        return false;
    ikd_sa *sa = &v1->sa;
    uint32_t args[IKD_FINDING_ARGS] = { ikd_icmp_pack_quoted(sa->conn_id, step, seen->cookie_only) };
    ikd_address_pack(&seen->from, &args[1]);
    set_verdict(board, sa, ikd_attach_finding(board, sa->last_frame, sa->last_pdu, ikd_icmp_verdict_of(kind), args),
                IKD_EVIDENCE_STRONG);
    return true;
}

static void phase1_verdict(ikd_attached_findings *board, const ikd_peer_pairs *pairs, ikd_v1_sa *v1,
                           double capture_end)
{
    ikd_sa *sa = &v1->sa;
    int top = ikd_v1_highest_step(v1);
    if (!top)
        return;
    ikd_step step = (ikd_step)((v1->mode == IKD_EX_MAIN ? IKD_STEP_MM1 : IKD_STEP_AM1) + top - 1);
    const ikd_step_record *rec = ikd_v1_step_const(v1, top);
    ikd_icmp_kind icmp_kind;
    if (!ikd_v1_icmp_reason(v1, step, &icmp_kind))
        unanswered(board, rec, step, 1); /* answered by ICMP is not silence: the ICMP verdict says what answered */
    if (ikd_v1_rare_const(v1)->reject_notify) {
        rejected_verdict(board, pairs, v1);
        return;
    }
    /* Refused with an encrypted informational that the refused peer could
     * read (it stopped resending): the keys agree, the credentials do not. */
    bool refusal_understood = ikd_v1_rare_const(v1)->phase1_informationals && !v1->refused_step_resent;
    bool authenticating = (v1->mode == IKD_EX_MAIN && top == 5) || (v1->mode == IKD_EX_AGGRESSIVE && top == 2);
    /* An encrypted informational answering the certificate that showed what was wrong with it. */
    int checker = v1->mode == IKD_EX_MAIN ? 1 : 0;
    if (ikd_v1_rare_const(v1)->phase1_informationals && authenticating && shown_cert_verdict(board, v1, checker, sa->last_frame, sa->last_pdu))
        return;
    if (refusal_understood && authenticating) {
        ikd_role by = v1->mode == IKD_EX_MAIN ? IKD_ROLE_RESPONDER : IKD_ROLE_INITIATOR;
        set_verdict(board, sa, attach(board, sa->last_frame, sa->last_pdu, IKD_F_STUCK_AUTH_REJECTED, sa->conn_id,
                               ikd_v1_sa_state(v1), by, step),
                    IKD_EVIDENCE_STRONG);
        return;
    }
    if (icmp_verdict(board, v1, step))
        return;
    uint32_t count_or_step = rec->copies;
    ikd_finding_id id = stuck_at(v1, top, &count_or_step);
    if (id == IKD_FINDING_COUNT)
        return;
    uint32_t span_ms = ikd_elapsed_ms(rec->first_time, ikd_step_record_last_time(rec));
    verdict_case c = { rec, id, { sa->conn_id, count_or_step, span_ms, ikd_v1_rare_const(v1)->phase1_informationals },
                       ikd_v1_sa_state(v1), step, sa->last_frame, sa->last_pdu };
    /* An Easy VPN client's pre-shared key is its group's: name the group. */
    if (id == IKD_F_STUCK_AG_INIT_EXCH && ikd_v1_ra_seen(v1))
        c.args[4] = ikd_v1_ra_seen(v1)->group_id;
    unanswered_verdict(board, sa, &c, capture_end);
}

/* A message sent as IP fragments and never seen whole explains where the SA
 * stopped better than the silence after it: its verdict replaces the other. */
static void fragments_lost_verdict(ikd_attached_findings *board, ikd_v1_sa *v1)
{
    const ikd_ip_fragmented *lost = ikd_v1_fragments_lost(v1);
    if (!lost)
        return;
    ikd_sa *sa = &v1->sa;
    /* The receiver saying it timed out reassembling the message settles it. */
    const ikd_icmp_seen *icmp = ikd_v1_rare_const(v1)->icmp;
    const ikd_icmp_seen *timeout = icmp ? &icmp[IKD_ICMP_REASSEMBLY] : NULL;
    ikd_evidence evidence = timeout && timeout->count && timeout->step == lost->step ? IKD_EVIDENCE_CONCLUSIVE
                            : lost->copies >= COPIES_FOR_A_VERDICT        ? IKD_EVIDENCE_STRONG
                                                                          : IKD_EVIDENCE_WEAK;
    set_verdict(board, sa, attach(board, lost->last_frame, lost->last_pdu, IKD_F_STUCK_IP_FRAGMENTS_LOST, sa->conn_id,
                           lost->step, lost->copies, ikd_elapsed_ms(lost->first_time, lost->last_time)),
                evidence);
}

/* A later SA between the same peers began after this one's last message. */
static bool retried_later(const ikd_peer_pairs *pairs, const ikd_sa *sa)
{
    return ikd_peer_pairs_latest_start_after(pairs, sa) >= sa->last_time;
}

/* Keeps in *most the record with more back-off gaps. */
static void keep_more_resent(const ikd_step_record **most, const ikd_step_record *r)
{
    uint8_t gaps = ikd_step_record_gap_count(r);
    if (gaps && (!*most || gaps > ikd_step_record_gap_count(*most)))
        *most = r;
}

/* The most resent message each peer sent. */
static void most_resent(const ikd_v1_sa *v1, const ikd_step_record *most[2])
{
    for (int n = 1; n <= IKD_MAIN_MODE_STEPS; n++) {
        int peer = n % 2 == 1 ? 0 : 1;
        keep_more_resent(&most[peer], ikd_v1_step_const(v1, n));
    }
    for (uint32_t i = 0; i < ikd_v1_quick_mode_count(v1); i++) {
        const ikd_quick_mode *qm = ikd_v1_quick_mode_at(v1, i);
        for (int k = 0; k < IKD_QUICK_MODE_STEPS; k++) {
            int peer = k == 1 ? 1 - qm->initiator_peer : qm->initiator_peer;
            if (peer >= 0 && peer <= 1)
                keep_more_resent(&most[peer], &qm->steps[k]);
        }
    }
}

/* Each peer's retransmission timing, from its most resent message, against
 * known implementations' back-off patterns: a hint to who the peer is. */
static void backoff_hints(ikd_v1_sa *v1)
{
    const ikd_step_record *most[2] = { NULL, NULL };
    most_resent(v1, most);
    for (int peer = 0; peer < 2; peer++) {
        if (v1->sa.extra)
            v1->sa.extra->backoff[peer] = NULL;
        uint8_t count = most[peer] ? ikd_step_record_gap_count(most[peer]) : 0;
        if (count < 2)
            continue; /* one gap fits several implementations by chance */
        const float *seen = ikd_step_record_gaps(most[peer]);
        double gaps[IKD_MAX_GAPS];
        for (uint8_t i = 0; i < count; i++)
            gaps[i] = seen[i];
        const char *guess = ikd_backoff_guess(gaps, count);
        if (guess)
            ikd_sa_extra_of(&v1->sa)->backoff[peer] = guess;
    }
}

void ikd_v1_judge(ikd_v1_sa *v1, const ikd_peer_pairs *pairs, ikd_attached_findings *board, double ike_end,
                  double capture_end)
{
    ikd_sa *sa = &v1->sa;
    ikd_sa_forget_verdict(sa);
    backoff_hints(v1);
    ikd_finding ra_finding;
    ikd_evidence ra_evidence;
    if (ikd_sa_established(sa)) {
        if (deleted_after_am3_verdict(board, v1))
            return;
        quick_mode_verdicts(board, v1, capture_end);
        dpd_verdict(board, v1, capture_end);
        /* XAUTH and mode-config come before any quick mode: a conclusive
         * verdict on them (XAUTH refused, no address) explains what follows;
         * a weaker one does not replace a verdict already reached. */
        bool ra = ikd_v1_ra_verdict(board, v1, capture_end, &ra_finding, &ra_evidence);
        if (ra && (!sa->verdict || ra_evidence == IKD_EVIDENCE_CONCLUSIVE))
            set_verdict(board, sa, ra_finding, ra_evidence);
        return;
    }
    if (!v1->mode)
        return;
    if (ikd_v1_fragments_lost(v1))
        fragments_lost_verdict(board, v1);
    else
        phase1_verdict(board, pairs, v1, capture_end);
    if (ikd_v1_ra_group_verdict(board, v1, &ra_finding, &ra_evidence))
        set_verdict(board, sa, ra_finding, ra_evidence);
    if (retried_later(pairs, sa) || ike_end - sa->last_time >= ABANDON_AFTER_SECONDS)
        sa->abandoned = true;
}
