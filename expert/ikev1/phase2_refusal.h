/* ikediag - a quick mode answered by an error notification instead of QM2:
 * which verdict says it best, from what the capture could read (the notify
 * type, QM1's offer and proxy identities), and the probable cause of the
 * notifications that have no verdict of their own.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_PHASE2_REFUSAL_H
#define IKD_PHASE2_REFUSAL_H

#include "ikev1/ikev1_sa.h"

#include <stdint.h>

/* The verdict for qm, refused by an informational (qm->rejected_by_info),
 * with its arguments: NO-PROPOSAL-CHOSEN names QM1's offer,
 * INVALID-ID-INFORMATION both proxy identities, another readable error its
 * notification, and an unreadable one says that keys would tell.
 * initiator/responder: the quick mode's peers' addresses, the proxies when
 * QM1 carried no ID payloads. */
ikd_finding_id ikd_v1_phase2_refusal(const ikd_quick_mode *qm, const ikd_address *initiator,
                                     const ikd_address *responder, uint32_t args[IKD_FINDING_ARGS]);

/* The probable cause of a phase-2 refusal by this notification, in words,
 * starting with "probable". */
const char *ikd_phase2_refusal_cause(uint16_t notify_type);

#endif
