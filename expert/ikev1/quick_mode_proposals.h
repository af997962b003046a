/* ikediag - phase-2 proposals, when Wireshark decrypted the quick mode:
 * QM1's offer kept with its quick mode, QM2's choice checked against it and
 * for weak cryptography, a refused offer listed in transform-set words.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_QUICK_MODE_PROPOSALS_H
#define IKD_QUICK_MODE_PROPOSALS_H

#include "ikev1/event.h"

/* A decrypted quick-mode message: its proxy identities go to the
 * annotation (every copy); a first copy's offer (QM1) or choice (QM2) and
 * the proxies are kept with qm. */
void ikd_v1_read_phase2_proposals(const ikd_v1_event *ev, ikd_quick_mode *qm, bool resend);

/* A refused quick mode, proposal by proposal, in transform-set words. */
void ikd_v1_list_refused_phase2_offer(const ikd_quick_mode *qm, ikd_annotation *ann);

#endif
