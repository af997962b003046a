/* ikediag - ICMP and ICMPv6 errors that quote an IKE message (port
 * unreachable, administratively prohibited, fragmentation needed, time
 * exceeded): tied to the SA and the message they quote by its cookies, never
 * counted as a message of the SA; what a host answered instead of the peer.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV1_ICMP_H
#define IKD_IKEV1_ICMP_H

#include "ikev1/event.h"

/* An ICMP error's type and code (version 4 or 6) sorted; IKD_ICMP_NONE for
 * what is not an error about a datagram. */
ikd_icmp_kind ikd_icmp_kind_of(uint8_t version, uint8_t type, uint8_t code);

/* A quoted message (transport IKD_TRANSPORT_ICMP_QUOTE): fills ann. */
void ikd_v1_on_icmp_quote(const ikd_v1_context *ctx, const ikd_packet *packet, ikd_annotation *ann);

/* The strongest ICMP explanation for the SA's silence after `step`: errors
 * quoting that step, port unreachable first; reassembly timeouts are left to
 * the IP-fragment verdict. NULL when no such error came. */
const ikd_icmp_seen *ikd_v1_icmp_reason(const ikd_v1_sa *v1, ikd_step step, ikd_icmp_kind *kind);

/* The stuck verdict for an ICMP kind, IKD_FINDING_COUNT for none. */
ikd_finding_id ikd_icmp_verdict_of(ikd_icmp_kind kind);

/* The quoted message in one finding argument ({N:quoted}): its SA's conn-id
 * (0: none in the capture), its step, and whether only the initiator cookie
 * tied it to the SA. */
static inline uint32_t ikd_icmp_pack_quoted(uint32_t conn_id, ikd_step step, bool cookie_only)
{
    return (conn_id & 0xffffffu) | ((uint32_t)step & 0x7fu) << 24 | (cookie_only ? 1u << 31 : 0);
}

static inline void ikd_icmp_unpack_quoted(uint32_t arg, uint32_t *conn_id, ikd_step *step, bool *cookie_only)
{
    *conn_id = arg & 0xffffffu;
    *step = (ikd_step)(arg >> 24 & 0x7fu);
    *cookie_only = arg >> 31;
}

#endif
