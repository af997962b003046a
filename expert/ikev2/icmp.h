/* ikediag - ICMP and ICMPv6 errors that quote an IKEv2 message: tied to the
 * SA by the quoted SPIs and to the message by the quoted exchange type,
 * never counted as a message of the SA (common/icmp.h keeps them).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV2_ICMP_H
#define IKD_IKEV2_ICMP_H

#include "ikev2/tracker.h"

/* A quoted IKEv2 message (transport IKD_TRANSPORT_ICMP_QUOTE): fills ann. */
void ikd_v2_on_icmp_quote(const ikd_v2_context *ctx, const ikd_packet *packet, ikd_annotation *ann);

#endif
