/* ikediag - end-of-capture verdicts on IKEv2 SAs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/verdicts.h"

#include "common/cert_notes.h"
#include "ikev2/child_sa.h"
#include "ikev2/eap.h"
#include "ikev2/ikev2_names.h"
#include "ikev2/ra_verdicts.h"
#include "ikev2/rekey.h"
#include "ikev2/sk_room.h"

/* A verdict on an unanswered message needs the sender's resends. */
enum { COPIES_FOR_A_VERDICT = 2 };
/* An IKE_AUTH request above this rarely crosses a 1500-byte path whole once
 * UDP, IP and NAT-T headers are added: certificates. */
enum { LARGE_IKE_AUTH = 1200 };
/* An IKE_AUTH response this small cannot hold IDr, AUTH, SA and TSi/TSr:
 * a lone notify (about 80-130 bytes with its SK overhead). */
enum { SMALL_IKE_AUTH_RESPONSE = 160 };
/* As for IKEv1: abandoned once the capture ran on this long after it. */
enum { ABANDON_AFTER_SECONDS = 60 };
/* One copy and the capture stopped within this: too short to judge; one
 * copy long before the end is a sender that gave up, which says nothing. */
#define TOO_SHORT_SECONDS 30.0
/* A refusal answered less than this before the capture stopped may still
 * have been retried after it. */
#define RETRY_SECONDS 2.0

typedef struct {
    ikd_v2_sa *v2;
    const ikd_sa_store *store;
    const ikd_peer_pairs *pairs;
    ikd_attached_findings *board;
    double ike_end, capture_end;
} judge;

const char *ikd_v2_auth_refusal_cause(uint8_t method)
{
    switch (method) {
    case IKD_V2_AUTH_PSK: return "pre-shared key mismatch (or no key for this peer's identity)";
    case IKD_V2_AUTH_EAP: return "EAP credentials refused";
    case 0: return "credentials refused: pre-shared key mismatch, identity or certificate";
    default: return "certificate or identity refused (untrusted CA, ID not matching the certificate, no matching profile)";
    }
}

static ikd_finding attach(const judge *j, ikd_finding_id id, uint32_t a1, uint32_t a2, uint32_t a3, uint32_t a4)
{
    const ikd_sa *sa = &j->v2->sa;
    const uint32_t args[IKD_FINDING_ARGS] = { ikd_sa_number(sa->conn_id), a1, a2, a3, a4 };
    return ikd_attach_finding(j->board, sa->last_frame, sa->last_pdu, id, args);
}

static void verdict(const judge *j, ikd_finding f, ikd_evidence evidence)
{
    ikd_sa *sa = &j->v2->sa;
    sa->verdict = ikd_attached_findings_keep_verdict(j->board, f);
    sa->verdict_evidence = evidence;
}

/* The last exchange of this type the original initiator requested. */
static const ikd_v2_exchange *last_of(const ikd_v2_sa *v2, uint8_t exchange)
{
    for (uint32_t i = ikd_v2_exchange_count(v2); i-- > 0;) {
        const ikd_v2_exchange *x = ikd_v2_exchange_at(v2, i);
        if (x->exchange == exchange && x->requester == 0)
            return x;
    }
    return NULL;
}

/* One copy is not enough to call a message unanswered. */
static void too_short(const judge *j, const ikd_step_record *rec, ikd_step step)
{
    const ikd_sa *sa = &j->v2->sa;
    if (j->capture_end - ikd_step_record_last_time(rec) >= TOO_SHORT_SECONDS)
        return;
    const uint32_t args[IKD_FINDING_ARGS] = { ikd_sa_number(sa->conn_id), j->v2->machine[0], step, rec->copies,
                                              ikd_elapsed_ms(ikd_step_record_last_time(rec), j->capture_end) };
    verdict(j, ikd_attach_finding(j->board, sa->last_frame, sa->last_pdu, IKD_F_CAPTURE_TOO_SHORT, args),
            IKD_EVIDENCE_WEAK);
}

/* Another SA between the same two addresses went on after this one
 * stopped (by frame and time: captures out of time order exist). */
static bool retried_later(const judge *j)
{
    const ikd_sa *sa = &j->v2->sa;
    return ikd_peer_pairs_latest_end_after(j->pairs, sa) >= sa->last_time;
}

/* Earlier refusals that a restart in the same SA overcame: notes. */
static void restart_notes(const judge *j)
{
    const ikd_v2_sa *v2 = j->v2;
    const ikd_v2_exchange *last = last_of(v2, IKD_V2_EX_SA_INIT);
    for (uint32_t i = 0; i < ikd_v2_exchange_count(v2); i++) {
        const ikd_v2_exchange *x = ikd_v2_exchange_at(v2, i);
        if (x == last || !x->refused)
            continue;
        const ikd_sa *sa = &v2->sa;
        uint32_t args[IKD_FINDING_ARGS] = { ikd_sa_number(sa->conn_id), v2->ke_refused, v2->ke_wanted, 0, 0 };
        if (x->error == IKD_V2_N_COOKIE)
            ikd_attach_finding(j->board, x->response.first_frame, x->response.first_pdu, IKD_F_V2_COOKIE_RETRIED,
                               args);
        else if (x->error == IKD_V2_N_INVALID_KE_PAYLOAD)
            ikd_attach_finding(j->board, x->response.first_frame, x->response.first_pdu,
                               IKD_F_V2_INVALID_KE_RESTARTED, args);
    }
}

/* The refusing responder's own offer, when it initiated an SA to this
 * initiator in the capture: what the two offers share nothing of. */
static void offer_difference(const judge *j)
{
    const ikd_v2_sa *v2 = j->v2;
    const ikd_v2_sa *other = ikd_v2_sa_of_const(ikd_peer_pairs_first_started_by_responder(j->pairs, &v2->sa));
    if (other)
        attach(j, IKD_F_V2_OFFER_DIFFERENCE, other->ike_offer.encr, other->ike_offer.integ_prf, other->ike_offer.dh,
               ikd_v2_offer_no_common(&v2->ike_offer, &other->ike_offer));
}

bool ikd_v2_made_an_offer(const ikd_sa *sa)
{
    const ikd_v2_sa *v2 = ikd_v2_sa_of_const(sa);
    return v2 && !ikd_v2_offer_empty(&v2->ike_offer);
}

/* The last IKE_SA_INIT was refused: the refusal's verdict. */
static void refused_verdict(const judge *j, const ikd_v2_exchange *x)
{
    ikd_v2_sa *v2 = j->v2;
    bool quiet = j->capture_end - ikd_step_record_last_time(&x->response) >= RETRY_SECONDS;
    switch (x->error) {
    case IKD_V2_N_NO_PROPOSAL_CHOSEN:
        verdict(j, attach(j, IKD_F_V2_STUCK_NO_PROPOSAL, v2->ike_offer.encr, v2->ike_offer.integ_prf, v2->ike_offer.dh,
                          v2->offered_proposals),
                IKD_EVIDENCE_CONCLUSIVE);
        offer_difference(j);
        return;
    case IKD_V2_N_INVALID_MAJOR_VERSION:
        verdict(j, attach(j, IKD_F_V2_STUCK_MAJOR_VERSION, 0, 0, 0, 0), IKD_EVIDENCE_CONCLUSIVE);
        return;
    case IKD_V2_N_INVALID_KE_PAYLOAD:
        if (!v2->ke_refused || !v2->ke_wanted) /* the request or the group unread */
            break;
        if (retried_later(j)) { /* restarted with new SPIs: that SA carries on */
            attach(j, IKD_F_V2_INVALID_KE_RESTARTED, v2->ke_refused, v2->ke_wanted, 0, 0);
            return;
        }
        verdict(j, attach(j, IKD_F_V2_STUCK_INVALID_KE, v2->ke_refused, v2->ke_wanted, 0, 0),
                quiet ? IKD_EVIDENCE_CONCLUSIVE : IKD_EVIDENCE_WEAK);
        return;
    case IKD_V2_N_REDIRECT:
        return; /* not refused but sent elsewhere: redirect_note() says where */
    case IKD_V2_N_COOKIE:
        if (retried_later(j)) {
            attach(j, IKD_F_V2_COOKIE_RETRIED, 0, 0, 0, 0);
            return;
        }
        verdict(j, attach(j, IKD_F_V2_STUCK_COOKIE, 0, 0, 0, 0), quiet ? IKD_EVIDENCE_STRONG : IKD_EVIDENCE_WEAK);
        return;
    default: break;
    }
    if (x->error)
        verdict(j, attach(j, IKD_F_V2_STUCK_INIT_REFUSED, x->error, 0, 0, IKD_FINDING_IKEV2), IKD_EVIDENCE_CONCLUSIVE);
}

/* An ICMP error that answered the request instead of the peer says more
 * than its silence, with one copy or many (as for IKEv1). */
static bool icmp_verdict(const judge *j, ikd_step step, const ikd_step_record *rec)
{
    ikd_icmp_kind kind = IKD_ICMP_NONE;
    if (!ikd_icmp_reason(ikd_v2_icmp_seen(j->v2), step, &kind))
        return false;
    verdict(j, attach(j, IKD_F_V2_STUCK_ICMP, step, j->v2->machine[0], rec->copies, kind), IKD_EVIDENCE_STRONG);
    return true;
}

/* True when IKE_SA_INIT did not complete: its verdict is the SA's. */
static bool sa_init_verdict(const judge *j)
{
    const ikd_v2_exchange *x = last_of(j->v2, IKD_V2_EX_SA_INIT);
    if (!x || (x->response.copies && !x->refused))
        return false;
    if (x->refused) {
        refused_verdict(j, x);
        return true;
    }
    const ikd_step_record *rec = &x->request;
    if (icmp_verdict(j, IKD_STEP_IKE_SA_INIT, rec))
        return true;
    if (rec->copies >= COPIES_FOR_A_VERDICT)
        verdict(j, attach(j, IKD_F_V2_STUCK_INIT_UNANSWERED, rec->copies,
                          ikd_elapsed_ms(rec->first_time, ikd_step_record_last_time(rec)), 0, 0),
                IKD_EVIDENCE_STRONG);
    else if (rec->copies)
        too_short(j, rec, IKD_STEP_IKE_SA_INIT);
    return true;
}

/* The refusal read from the peers: EAP's own words first, they say why. */
static bool refused_auth_verdict(const judge *j)
{
    const ikd_v2_sa *v2 = j->v2;
    const ikd_v2_eap *eap = &ikd_v2_ra_seen(v2)->eap;
    if (eap->mschapv2_failed && eap->mschapv2_error == IKD_MSCHAPV2_WRONG_PASSWORD) {
        verdict(j, attach(j, IKD_F_V2_STUCK_EAP_WRONG_PASSWORD, eap->rounds, 0, 0, 0), IKD_EVIDENCE_CONCLUSIVE);
        return true;
    }
    if (eap->mschapv2_failed || eap->outcome == IKD_EAP_FAILURE) {
        verdict(j, attach(j, IKD_F_V2_STUCK_EAP_FAILED, eap->rounds, eap->method, 0, 0), IKD_EVIDENCE_CONCLUSIVE);
        return true;
    }
    if (!v2->auth_failed)
        return false;
    int refused = 1 - v2->auth_failed_by;
    ikd_finding_id cert_verdict;
    uint32_t args[IKD_FINDING_ARGS] = { ikd_sa_number(v2->sa.conn_id) };
    if (ikd_cert_refusal_verdict(&v2->sa, v2->auth_failed_by, refused, &cert_verdict, args)) {
        verdict(j, attach(j, cert_verdict, args[1], args[2], args[3], args[4]), IKD_EVIDENCE_STRONG);
        return true;
    }
    uint8_t method = refused == 0 && eap->rounds ? IKD_V2_AUTH_EAP : v2->chosen.auth_method[refused];
    verdict(j, attach(j, IKD_F_V2_STUCK_AUTH_FAILED, ikd_sa_role_of(&v2->sa, v2->auth_failed_by),
                      ikd_sa_role_of(&v2->sa, refused), method, 0),
            IKD_EVIDENCE_CONCLUSIVE);
    return true;
}

/* Exchanges after the last IKE_AUTH: the SA went quiet when none, or one
 * INFORMATIONAL (a failed authentication is reported once). */
static bool quiet_after_auth(const ikd_v2_sa *v2, const ikd_v2_exchange *auth)
{
    uint32_t later = 0, informational = 0;
    bool after = false;
    for (uint32_t i = 0; i < ikd_v2_exchange_count(v2); i++) {
        const ikd_v2_exchange *x = ikd_v2_exchange_at(v2, i);
        if (after) {
            later++;
            informational += x->exchange == IKD_V2_EX_INFORMATIONAL;
        }
        after |= x == auth;
    }
    return later == 0 || (later == 1 && informational == 1);
}

/* Without keys, the size of the last IKE_AUTH response before the SA went
 * quiet. With one authentication round and known transforms, its SK
 * payload's plaintext room tells a lone notify (authentication refused)
 * from IDr and AUTH without a child (the child SA refused); with room for
 * a child, or EAP rounds, nothing is concluded from size but a short answer. */
static bool size_verdict(const judge *j)
{
    const ikd_v2_sa *v2 = j->v2;
    int32_t room = v2->auth_rounds == 1 ? ikd_v2_sk_plaintext_room(&v2->chosen.ike, v2->auth_response_sk_bytes) : -1;
    bool no_room = room >= 0 ? room < IKD_V2_ROOM_ID_AUTH : v2->auth_response_bytes <= SMALL_IKE_AUTH_RESPONSE;
    if (no_room) {
        verdict(j, attach(j, IKD_F_V2_AUTH_PROBABLY_FAILED, v2->auth_response_bytes, 0, 0, 0), IKD_EVIDENCE_WEAK);
        return true;
    }
    if (room >= 0 && room < IKD_V2_ROOM_ID_AUTH_CHILD) {
        verdict(j, attach(j, IKD_F_V2_CHILD_PROBABLY_REFUSED, v2->auth_response_bytes, (uint32_t)room, 0, 0),
                IKD_EVIDENCE_WEAK);
        return true;
    }
    return false;
}

/* True when authentication did not complete: its verdict is the SA's. */
static bool auth_verdict(const judge *j)
{
    const ikd_v2_sa *v2 = j->v2;
    if (refused_auth_verdict(j))
        return true;
    const ikd_v2_exchange *x = last_of(v2, IKD_V2_EX_AUTH);
    if (!x || v2->status != IKD_IOS_V2_IN_NEG)
        return false;
    const ikd_step_record *rec = &x->request;
    uint32_t span = ikd_elapsed_ms(rec->first_time, ikd_step_record_last_time(rec));
    if (!x->response.copies && icmp_verdict(j, IKD_STEP_IKE_AUTH, rec))
        return true;
    if (!x->response.copies && rec->copies >= COPIES_FOR_A_VERDICT) {
        bool large = v2->auth_request_bytes > LARGE_IKE_AUTH && !(v2->chosen.fragmentation[0] && v2->chosen.fragmentation[1]);
        verdict(j, large ? attach(j, IKD_F_V2_STUCK_AUTH_TOO_LARGE, v2->auth_request_bytes, rec->copies, span, 0)
                         : attach(j, IKD_F_V2_STUCK_AUTH_UNANSWERED, rec->copies, span, 0, 0),
                IKD_EVIDENCE_STRONG);
        return true;
    }
    if (!x->response.copies) {
        too_short(j, rec, IKD_STEP_IKE_AUTH);
        return true;
    }
    if (!v2->decrypted && quiet_after_auth(v2, x))
        return size_verdict(j);
    return false;
}

/* The IKE SA is up and no child is: the first refused child says why. */
static bool child_verdict(const judge *j)
{
    const ikd_v2_sa *v2 = j->v2;
    if (ikd_v2_children_up(v2))
        return false;
    for (uint32_t i = 0; i < ikd_v2_child_count(v2); i++) {
        const ikd_v2_child *c = ikd_v2_child_at(v2, i);
        if (!c->error)
            continue;
        if (c->error == IKD_V2_N_TS_UNACCEPTABLE) {
            uint32_t tsi[2], tsr[2];
            ikd_v2_ts_pack(&c->ts[0], tsi);
            ikd_v2_ts_pack(&c->ts[1], tsr);
            verdict(j, attach(j, IKD_F_V2_CHILD_TS_UNACCEPTABLE, tsi[0], tsi[1], tsr[0], tsr[1]),
                    IKD_EVIDENCE_CONCLUSIVE);
        } else if (c->error == IKD_V2_N_NO_PROPOSAL_CHOSEN) {
            verdict(j, attach(j, IKD_F_V2_CHILD_NO_PROPOSAL, 0, 0, 0, 0), IKD_EVIDENCE_CONCLUSIVE);
        } else {
            verdict(j, attach(j, IKD_F_V2_CHILD_REFUSED, c->error, 0, 0, IKD_FINDING_IKEV2), IKD_EVIDENCE_CONCLUSIVE);
        }
        return true;
    }
    return false;
}

/* The client's address request refused or left unanswered (ra_verdicts.c):
 * it explains a missing child SA better than the bare notify. */
static bool remote_access_verdict(const judge *j)
{
    ikd_finding f;
    ikd_evidence evidence;
    if (!ikd_v2_ra_verdict(j->board, j->v2, &f, &evidence))
        return false;
    verdict(j, f, evidence);
    return true;
}

/* INFORMATIONAL requests at the end of an established SA that one peer
 * sent and the other never answered: the peer is dead when the last was
 * resent or several went unanswered. */
static bool liveness_verdict(const judge *j)
{
    const ikd_v2_sa *v2 = j->v2;
    uint32_t unanswered = 0, liveness = 0;
    const ikd_v2_exchange *last = NULL;
    for (uint32_t i = ikd_v2_exchange_count(v2); i-- > 0;) {
        const ikd_v2_exchange *x = ikd_v2_exchange_at(v2, i);
        if (x->exchange != IKD_V2_EX_INFORMATIONAL || x->response.copies || (last && x->requester != last->requester))
            break;
        last = last ? last : x;
        unanswered++;
        liveness += x->liveness;
    }
    if (!last)
        return false;
    /* One request sent once is no pattern. Every request is answered (RFC
     * 7296 1.4), so on an SA known to be up and close to the end of the
     * capture it is said to be too short to tell, as for IKE_SA_INIT,
     * IKE_AUTH and IKEv1's DPD (a lone request of an SA seen mid-way has no
     * state to name). */
    if (last->request.copies < COPIES_FOR_A_VERDICT && unanswered < 2) {
        if (v2->status == IKD_IOS_V2_READY)
            too_short(j, &last->request, IKD_STEP_INFORMATIONAL);
        return j->v2->sa.verdict != NULL;
    }
    verdict(j, attach(j, IKD_F_V2_STUCK_PEER_DEAD, unanswered, ikd_sa_role_of(&v2->sa, last->requester), liveness,
                      last->request.copies),
            IKD_EVIDENCE_STRONG);
    return true;
}

/* The exchange that made the SA's successor, when the successor is between
 * the same peers (a rekey keeps the addresses); NULL when unseen. Found by
 * its conn-id, not by a walk of the peers' SAs: an SA rekeyed thousands of
 * times between two peers walked them all for each. */
static const ikd_v2_exchange *successor_made_by(const judge *j)
{
    const ikd_v2_sa *v2 = j->v2;
    const ikd_sa *next = v2->rekeyed_to ? ikd_sa_store_by_conn_id(j->store, v2->rekeyed_to) : NULL;
    if (!next || !ikd_peer_pairs_same_group(j->pairs, &v2->sa, next))
        return NULL;
    return ikd_v2_rekey_that_made(v2, next->spi_i, next->spi_r);
}

/* How a deleted SA ended: replaced by the IKE SA its rekey made, then
 * deleted (RFC 7296 2.18), or simply deleted. */
static void deleted_note(const judge *j)
{
    const ikd_v2_sa *v2 = j->v2;
    ikd_role by = ikd_sa_role_of(&v2->sa, v2->deleted_by);
    const ikd_v2_exchange *made = successor_made_by(j);
    if (made)
        attach(j, IKD_F_V2_REKEYED, ikd_sa_number(v2->rekeyed_to), made->response.first_frame, by, 0);
    else
        attach(j, IKD_F_V2_DELETED, by, 0, 0, 0);
}

/* A REDIRECT from the responder (RFC 5685), noted where it was sent; the
 * SA's verdict when nothing else ended it. */
static void redirect_note(const judge *j)
{
    const ikd_v2_sa *v2 = j->v2;
    const ikd_v2_redirect *r = v2->announced.redirect;
    if (!r || r->by != 1)
        return; /* only a gateway redirects: from the initiator it means nothing */
    uint32_t gateway[2];
    ikd_v2_redirect_pack(r, gateway);
    const uint32_t args[IKD_FINDING_ARGS] = { ikd_sa_number(v2->sa.conn_id), gateway[0], gateway[1], r->exchange,
                                              IKD_FINDING_IKEV2 };
    ikd_finding f = ikd_attach_finding(j->board, r->frame, r->pdu, IKD_F_V2_REDIRECTED, args);
    if (!v2->sa.verdict)
        verdict(j, f, IKD_EVIDENCE_CONCLUSIVE);
}

void ikd_v2_judge(ikd_v2_sa *v2, const ikd_sa_store *store, const ikd_peer_pairs *pairs,
                  ikd_attached_findings *board, double ike_end, double capture_end)
{
    ikd_sa *sa = &v2->sa;
    ikd_sa_forget_verdict(sa);
    const judge j = { v2, store, pairs, board, ike_end, capture_end };
    restart_notes(&j);
    if (sa->deleted && !v2->auth_failed)
        deleted_note(&j);
    bool stopped = sa_init_verdict(&j) || auth_verdict(&j);
    /* A rekeyed SA's children went on in its successor, judged there. */
    if (!stopped && !sa->deleted && (v2->rekeyed_to || !(remote_access_verdict(&j) || child_verdict(&j))))
        liveness_verdict(&j);
    redirect_note(&j);
    if (stopped && (retried_later(&j) || ike_end - sa->last_time >= ABANDON_AFTER_SECONDS))
        sa->abandoned = true;
}
