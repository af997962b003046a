/* ikediag - phase 1 (main mode and aggressive mode): which step a message
 * is, what each side is believed to have received, and the Cisco states that
 * follow.
 *
 * How each side's state is inferred (cisco-ike-facts.md 1.6): a peer is in
 * the state of the last message it is known to have received. A message seen
 * on the wire is assumed delivered, until its sender's peer repeats the
 * message it answered: then the answer was lost on the way, and the state of
 * the side that missed it goes back. The SA's state is the less advanced of
 * the two sides; both are kept.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_PHASE1_H
#define IKD_PHASE1_H

#include "ikev1/event.h"

/* What tells one phase-1 message from another. */
typedef struct {
    bool encrypted;
    bool has_ke;
    bool has_sa;
} ikd_phase1_shape;

ikd_phase1_shape ikd_phase1_shape_of(const ikd_message *msg);

/* The phase-1 step a message of this shape from `peer` is. */
ikd_step ikd_v1_phase1_step(const ikd_v1_sa *v1, ikd_phase1_shape shape, int peer);

/* Places a phase-1 message of this shape. readable: the message's own
 * payloads can be read here (not a message pieced together from fragments). */
void ikd_v1_on_phase1(const ikd_v1_event *ev, ikd_phase1_shape shape, bool readable);

#endif
