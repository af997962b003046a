/* ikediag - end-of-capture verdicts on remote-access SAs (Easy VPN over
 * IKEv1): XAUTH refused, unanswered, skipped or probably failed; mode-config
 * without an address or unanswered; one address handed to two clients; the
 * group refused in aggressive mode.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_RA_VERDICTS_H
#define IKD_RA_VERDICTS_H

#include "common/attached_findings.h"
#include "common/sa_store.h"
#include "ikev1/ikev1_sa.h"

/* An established SA's remote-access verdict, attached to board: true with
 * *verdict and *evidence filled when there is one. Notes that are not the
 * SA's verdict (XAUTH run without an XAUTH method) are attached as well. */
bool ikd_v1_ra_verdict(ikd_attached_findings *board, ikd_v1_sa *v1, double capture_end, ikd_finding *verdict,
                       ikd_evidence *evidence);

/* An aggressive mode stopped at AM1 that named a group: refused by a
 * notification (conclusive; not NO-PROPOSAL-CHOSEN, which is about the
 * transforms) or never answered though resent (strong). */
bool ikd_v1_ra_group_verdict(ikd_attached_findings *board, const ikd_v1_sa *v1, ikd_finding *verdict,
                             ikd_evidence *evidence);

/* Whether mode-config assigned the SA's client an address (a walk over
 * every SA collects those SAs for ikd_v1_ra_shared_addresses). */
bool ikd_v1_ra_address_assigned(const ikd_v1_sa *v1);
/* One address handed to clients of two SAs: flagged on the later
 * assignment. with_address: the SAs with an assigned address, in store
 * order (the verdicts' walk collects them: a walk of its own read every SA
 * again, a cache miss each). */
void ikd_v1_ra_shared_addresses(const GPtrArray *with_address, ikd_attached_findings *board);

#endif
