/* ikediag - end-of-capture verdicts on IKEv2 SAs: where each stopped and
 * its probable cause, with how strongly the capture supports it (the same
 * rules as ikev1/verdicts.h: a peer's error notify is conclusive, a
 * pattern of resends strong, one copy too little to judge).
 *
 * Without keys only IKE_SA_INIT and the shape of the exchanges can be
 * read; the verdicts then say what cannot be told.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV2_VERDICTS_H
#define IKD_IKEV2_VERDICTS_H

#include "common/attached_findings.h"
#include "common/peer_pairs.h"
#include "ikev2/ikev2_sa.h"

/* Judges one SA and attaches what it finds to board. ike_end: the time of
 * the last IKE message; capture_end: of the capture's last frame. */
/* An IKEv2 SA whose IKE_SA_INIT request offered something (the SAs another
 * SA's refused offer is compared with: ikd_peer_pairs_answer). */
bool ikd_v2_made_an_offer(const ikd_sa *sa);
void ikd_v2_judge(ikd_v2_sa *v2, const ikd_sa_store *store, const ikd_peer_pairs *pairs,
                  ikd_attached_findings *board, double ike_end, double capture_end);

/* The probable cause of an AUTHENTICATION_FAILED for the refused side's
 * AUTH method (IKD_V2_AUTH_EAP for EAP, 0 when unread). */
const char *ikd_v2_auth_refusal_cause(uint8_t method);

#endif
