/* ikediag - the PKI table (-z ikediag,pki): each SCEP enrollment (client,
 * CA URL, steps, outcome, times) and each certificate the IKE peers sent,
 * with what ikediag found wrong with it.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_PKI_TEXT_H
#define IKD_PKI_TEXT_H

#include <glib.h>

#include "common/cert_notes.h"
#include "engine.h"
#include "scep/enrollment.h"

/* Either may be NULL (no IKE, no SCEP). */
void ikd_text_pki(ikd_engine *engine, const ikd_scep_store *scep, GString *out);

/* One enrollment's steps, "GetCACert 4->6 (200), GetCACaps 8->9 (200), PKCSReq 10->12 CertRep SUCCESS". */
void ikd_scep_steps_text(const ikd_scep_enrollment *e, GString *out);

/* What ikediag says about one certificate an IKE peer sent: "no problem
 * found on the wire", or its problems ("expired when sent; issuer not
 * requested by the responder"), then the revocation checks seen for it
 * ("revocation check: OCSP by the responder, HTTP 200, OCSP: good"). */
void ikd_cert_verdict_text(const ikd_sa *sa, const ikd_cert_record *cert, char *out, size_t size);

#endif
