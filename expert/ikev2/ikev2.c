/* ikediag - the IKEv2 message handler.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/ikev2.h"

#include "common/ike_header.h"


void ikd_v2_feed(const ikd_packet *p, ikd_annotation *ann)
{
    size_t captured = p->bytes ? p->captured_len : 0;
    size_t reported = p->reported_len < captured ? captured : p->reported_len;
    ikd_ike_header header;
    ikd_ike_extent extent;
    if (!ikd_ike_header_read(p->bytes, captured, reported, &header, &extent, &ann->findings))
        return;
    ann->result.ike_version = header.major;
    ann->result.message_id = header.message_id;
    ikd_ike_header_check_length(&header, p->bytes, captured, reported, p->transport, &extent, &ann->findings);
}
