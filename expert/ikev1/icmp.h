/* ikediag - ICMP and ICMPv6 errors that quote an ISAKMP message (port
 * unreachable, administratively prohibited, fragmentation needed, time
 * exceeded): tied to the SA and the message they quote by its cookies, never
 * counted as a message of the SA; what a host answered instead of the peer.
 * What both versions share is common/icmp.h.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV1_ICMP_H
#define IKD_IKEV1_ICMP_H

#include "common/icmp.h"
#include "ikev1/event.h"

/* A quoted message (transport IKD_TRANSPORT_ICMP_QUOTE): fills ann. */
void ikd_v1_on_icmp_quote(const ikd_v1_context *ctx, const ikd_packet *packet, ikd_annotation *ann);

/* The strongest ICMP explanation for the SA's silence after `step`: errors
 * quoting that step, port unreachable first; reassembly timeouts are left to
 * the IP-fragment verdict. NULL when no such error came. */
const ikd_icmp_seen *ikd_v1_icmp_reason(const ikd_v1_sa *v1, ikd_step step, ikd_icmp_kind *kind);

/* The stuck verdict for an ICMP kind, IKD_FINDING_COUNT for none. */
ikd_finding_id ikd_icmp_verdict_of(ikd_icmp_kind kind);

#endif
