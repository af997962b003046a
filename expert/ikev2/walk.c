/* ikediag - the IKEv2 walk's finding recorder.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/walk.h"

void ikd_v2_flag(ikd_v2_walk *w, ikd_finding_id id, size_t offset, size_t length, uint32_t a0, uint32_t a1,
                 uint32_t a2, uint32_t a3)
{
    size_t captured = w->captured;
    if (offset > captured)
        offset = captured;
    if (length > captured - offset)
        length = captured - offset;
    const uint32_t args[IKD_FINDING_ARGS] = { a0, a1, a2, a3, IKD_FINDING_IKEV2 };
    ikd_findings_add_args(&w->msg->findings, id, offset, length, args);
}
