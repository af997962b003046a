/* ikediag - IKEv2 remote-access verdicts.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/ra_verdicts.h"

bool ikd_v2_ra_verdict(ikd_attached_findings *board, const ikd_v2_sa *v2, ikd_finding *verdict,
                       ikd_evidence *evidence)
{
    const ikd_v2_ra *ra = ikd_v2_ra_seen(v2);
    if (!ra->request_frame || !ra->wants_address || ra->address_known)
        return false;
    /* The notify names the cause; a response without it only shows the address missing. */
    uint32_t frame = ra->address_failure_frame ? ra->address_failure_frame : ra->no_address_frame;
    if (!frame)
        return false;
    const uint32_t args[IKD_FINDING_ARGS] = { ikd_sa_number(v2->sa.conn_id), ra->request_frame, frame, 0, 0 };
    *verdict = ikd_attach_finding(board, frame, 0,
                                  ra->address_failure_frame ? IKD_F_V2_RA_ADDRESS_FAILURE : IKD_F_V2_RA_NO_ADDRESS,
                                  args);
    *evidence = IKD_EVIDENCE_CONCLUSIVE;
    return true;
}
