/* ikediag - the IKEv2 message handler.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/ikev2.h"

#include "common/ike_header.h"


void ikd_v2_feed(const ikd_v2_context *ctx, const ikd_packet *p, ikd_annotation *ann)
{
    size_t captured = p->bytes ? p->captured_len : 0;
    size_t reported = p->reported_len < captured ? captured : p->reported_len;
    bool fragment = p->transport == IKD_TRANSPORT_IP_FRAGMENT;
    if (fragment) {
        /* The rest of the datagram is in other frames: nothing is missing yet. */
        ikd_findings_add(&ann->findings, IKD_F_IP_FRAGMENT, 0, 0, 0, (uint32_t)captured, (uint32_t)reported, 0);
        reported = captured;
    }
    ikd_ike_header header;
    ikd_ike_extent extent;
    if (!ikd_ike_header_read(p->bytes, captured, reported, &header, &extent, &ann->findings))
        return;
    ann->result.ike_version = header.major;
    ann->result.message_id = header.message_id;
    if (fragment)
        return; /* the first IP fragment of a datagram: its message is placed once it is whole */
    ikd_ike_header_check_length(&header, p->bytes, captured, reported, p->transport, &extent, &ann->findings);
    ikd_v2_track(ctx, &header, p, ann);
}
