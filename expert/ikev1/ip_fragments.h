/* ikediag - IKE messages larger than the path MTU, sent as IP fragments:
 * the first fragment names its SA and step; if the whole message is never
 * seen, a fragment was lost, and that is the SA's verdict.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IP_FRAGMENTS_H
#define IKD_IP_FRAGMENTS_H

#include "ikev1/event.h"

/* A first IP fragment (transport IKD_TRANSPORT_IP_FRAGMENT): fills ann. */
void ikd_v1_on_ip_fragment(const ikd_v1_context *ctx, const ikd_packet *packet, ikd_annotation *ann);
/* A whole message of the SA: the fragmented datagram it completes, if any, arrived. */
void ikd_v1_note_whole_message(ikd_v1_sa *v1, const ikd_packet *packet);
/* The last fragmented message of the SA that never arrived whole, or NULL. */
const ikd_ip_fragmented *ikd_v1_fragments_lost(const ikd_v1_sa *v1);

#endif
