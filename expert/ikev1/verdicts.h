/* ikediag - end-of-capture verdicts on an ISAKMP SA: where it stopped, and
 * what that usually means (cisco-ike-facts.md 2.1).
 *
 * Verdicts need the whole capture, so the engine recomputes them whenever
 * someone asks after new messages were fed. Each verdict is attached to a
 * message (frame, pdu): an SA's verdict to its last message, "peer not
 * responding" to the last copy of the unanswered message.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV1_VERDICTS_H
#define IKD_IKEV1_VERDICTS_H

#include "common/attached_findings.h"
#include "common/peer_pairs.h"
#include "ikev1/ikev1_sa.h"

/* Judges one SA (its verdict, abandoned status, back-off hints) and attaches
 * what it finds to board. ike_end: the time of the last IKE message;
 * capture_end: of the capture's last frame. */
void ikd_v1_judge(ikd_v1_sa *v1, const ikd_peer_pairs *pairs, ikd_attached_findings *board, double ike_end,
                  double capture_end);

#endif
