/* ikediag - phase-1 proposals: the initiator's offer kept per SA, the
 * responder's choice checked against it and for weak cryptography, the offer
 * walked against the router's policy, a refused offer listed.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_PHASE1_PROPOSALS_H
#define IKD_PHASE1_PROPOSALS_H

#include "ikev1/event.h"

/* MM1/AM1: keeps the offer, flags one made only of weak algorithms and walks
 * it against the router's policy;
 * MM2/AM2: checks the choice. Anything else: nothing. */
void ikd_v1_read_phase1_proposals(const ikd_v1_event *ev);

/* A refused phase-1 offer, transform by transform, as IOS's debug shows it,
 * after a note when the offer holds only weak algorithms. */
void ikd_v1_list_refused_offer(const ikd_v1_event *ev);

#endif
