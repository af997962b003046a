/* ikediag - why a certificate authentication was refused, from what the
 * capture shows: the certificate's dates, its identity, the revocation
 * check the refusing peer made on the wire, its chain and issuer.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/cert_notes.h"

#include "common/revocation.h"
#include "core/interned.h"

#include <stdio.h>
#include <string.h>

static uint32_t clamp_time(int64_t t)
{
    return t < 0 ? 0 : t > UINT32_MAX ? UINT32_MAX : (uint32_t)t;
}

/* "CN=ini... is revoked on ... (keyCompromise)": the certified subject and
 * what the OCSP responder said of it. */
static uint32_t ocsp_revoked_text(const ikd_cert_record *leaf, const ikd_fetch *f)
{
    char what[IKD_CERT_NAME * 2], answer[IKD_CERT_NAME];
    snprintf(what, sizeof what, "%s is %s", leaf->info.subject, ikd_ocsp_answer_text(&f->ocsp, answer, sizeof answer));
    return ikd_intern(what);
}

/* What the refusing peer's CRL or OCSP fetch for the certificate says: the
 * verdict (arguments 3 and 4) when it explains the refusal. A CRL that
 * does not list the certificate, or OCSP good, explains nothing. */
static bool revocation_verdict(const ikd_sa *sa, int by, const ikd_cert_record *leaf, ikd_finding_id *id,
                               uint32_t args[IKD_FINDING_ARGS])
{
    const ikd_fetch *f;
    char what[IKD_CERT_NAME + 96], outcome[IKD_CERT_NAME];
    switch (ikd_revocation_outcome_of(sa, by, leaf, &f)) {
    case IKD_REVOCATION_LISTED:
        *id = f->kind == IKD_FETCH_OCSP ? IKD_F_STUCK_CERT_REVOKED_OCSP : IKD_F_STUCK_CERT_REVOKED;
        args[3] = f->kind == IKD_FETCH_OCSP ? ocsp_revoked_text(leaf, f) : ikd_intern(leaf->info.subject);
        args[4] = f->answer_frame;
        return true;
    case IKD_REVOCATION_ANSWERED:
        *id = IKD_F_STUCK_CERT_PROBABLY_REVOKED;
        args[3] = ikd_intern(leaf->info.subject);
        args[4] = f->answer_frame;
        return true;
    case IKD_REVOCATION_FAILED:
        *id = f->kind == IKD_FETCH_OCSP ? IKD_F_STUCK_OCSP_FETCH_FAILED : IKD_F_STUCK_CRL_FETCH_FAILED;
        snprintf(what, sizeof what, "%s %s: %s", f->kind == IKD_FETCH_CRL ? "the CRL fetch from" : "the OCSP request to",
                 f->url, ikd_fetch_outcome_text(f, outcome, sizeof outcome));
        args[3] = ikd_intern(what);
        args[4] = f->kind == IKD_FETCH_OCSP && f->answer_frame ? f->answer_frame : f->frame;
        return true;
    default:
        return false;
    }
}

/* A certificate valid when sent: its identity, its revocation, its chain. */
static void valid_cert_verdict(const ikd_sa *sa, int by, const ikd_cert_record *leaf, ikd_finding_id *id,
                               uint32_t args[IKD_FINDING_ARGS])
{
    if (leaf->unnamed_identity) {
        *id = IKD_F_STUCK_CERT_ID_MISMATCH;
        args[3] = leaf->unnamed_identity;
        args[4] = ikd_intern(leaf->info.subject);
        return;
    }
    if (revocation_verdict(sa, by, leaf, id, args))
        return;
    int requested = ikd_cert_issuer_requested(sa, by, leaf);
    if (requested == 0) {
        /* the top of the chain sent is what the peer did not ask for */
        const ikd_cert_record *top = leaf, *up;
        for (int depth = 0; depth < IKD_MAX_SA_CERTS && (up = ikd_cert_issuer_sent(sa, top)); depth++)
            top = up;
        *id = top == leaf ? IKD_F_STUCK_CERT_CHAIN_INCOMPLETE : IKD_F_STUCK_CERT_UNTRUSTED_ISSUER;
        args[3] = ikd_intern(top->info.issuer);
        args[4] = ikd_cert_requests_from(sa, by);
        return;
    }
    /* the issuer neither matched to a CERTREQ nor sent: it may be an
     * intermediate the peer lacks (a root and an intermediate look alike) */
    bool alone = requested < 0 && !ikd_cert_issuer_sent(sa, leaf) && strcmp(leaf->info.subject, leaf->info.issuer);
    *id = alone ? IKD_F_STUCK_CERT_REFUSED_NO_ISSUER : IKD_F_STUCK_CERT_REFUSED;
    args[3] = ikd_intern(leaf->info.subject);
    args[4] = ikd_intern(leaf->info.issuer);
}

bool ikd_is_cert_refusal(ikd_finding_id id)
{
    switch (id) {
    case IKD_F_STUCK_CERT_EXPIRED:
    case IKD_F_STUCK_CERT_NOT_YET_VALID:
    case IKD_F_STUCK_CERT_UNTRUSTED_ISSUER:
    case IKD_F_STUCK_CERT_ID_MISMATCH:
    case IKD_F_STUCK_CERT_REFUSED:
    case IKD_F_STUCK_CERT_REFUSED_NO_ISSUER:
    case IKD_F_STUCK_CERT_REVOKED:
    case IKD_F_STUCK_CERT_PROBABLY_REVOKED:
    case IKD_F_STUCK_CRL_FETCH_FAILED:
    case IKD_F_STUCK_CERT_REVOKED_OCSP:
    case IKD_F_STUCK_OCSP_FETCH_FAILED:
    case IKD_F_STUCK_CERT_CHAIN_INCOMPLETE: return true;
    default: return false;
    }
}

bool ikd_cert_refusal_verdict(const ikd_sa *sa, int by, int refused, ikd_finding_id *id,
                              uint32_t args[IKD_FINDING_ARGS])
{
    if (by < 0 || refused < 0)
        return false;
    args[1] = ikd_sa_role_of(sa, by);
    args[2] = ikd_sa_role_of(sa, refused);
    const ikd_cert_record *r = ikd_cert_invalid_when_sent(sa, refused);
    if (!r) {
        const ikd_cert_record *leaf = ikd_cert_first_sent_by(sa, refused);
        if (!leaf)
            return false;
        valid_cert_verdict(sa, by, leaf, id, args);
        return true;
    }
    bool expired = r->validity > 0;
    *id = expired ? IKD_F_STUCK_CERT_EXPIRED : IKD_F_STUCK_CERT_NOT_YET_VALID;
    args[3] = ikd_intern(r->info.subject);
    args[4] = clamp_time(expired ? r->info.not_after : r->info.not_before);
    return true;
}
