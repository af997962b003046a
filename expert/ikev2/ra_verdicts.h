/* ikediag - end-of-capture verdicts on IKEv2 remote access: the client's
 * address request refused with INTERNAL_ADDRESS_FAILURE, or answered
 * without an address. Read only from decrypted CP payloads and notifies.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_RA_VERDICTS_H
#define IKD_V2_RA_VERDICTS_H

#include "common/attached_findings.h"
#include "ikev2/ikev2_sa.h"

/* The SA's remote-access verdict, attached to board: true with *verdict and
 * *evidence filled when there is one. */
bool ikd_v2_ra_verdict(ikd_attached_findings *board, const ikd_v2_sa *v2, ikd_finding *verdict,
                       ikd_evidence *evidence);

#endif
