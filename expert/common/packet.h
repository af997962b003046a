/* ikediag - one IKE message as the capture delivers it to the engine: where
 * and when it was seen, how it travelled, its bytes, and Wireshark's
 * decryption of it when there is one. The same for both IKE versions.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_PACKET_H
#define IKD_PACKET_H

#include "core/address.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How the message reached us; it changes which length checks make sense. */
typedef enum {
    IKD_TRANSPORT_UDP,         /* UDP 500, or any UDP port without encapsulation */
    IKD_TRANSPORT_UDP_ENCAP,   /* NAT-T, UDP 4500 after the non-ESP marker */
    IKD_TRANSPORT_TCP,         /* a TCP segment may hold part of a message, or several */
    IKD_TRANSPORT_REASSEMBLED, /* rebuilt from IKE fragments */
    IKD_TRANSPORT_IP_FRAGMENT, /* the first IP fragment of a datagram: the rest is in other frames, or lost */
    IKD_TRANSPORT_ICMP_QUOTE,  /* the start of a message sent earlier, quoted by an ICMP or ICMPv6 error */
    IKD_TRANSPORT_NAT_KEEPALIVE, /* not IKE: a NAT-T keepalive, UDP 4500 with the one byte 0xFF (RFC 3948) */
} ikd_transport;

typedef struct {
    uint32_t frame; /* capture frame number, increasing */
    uint32_t pdu;   /* index of the message within its frame (0, 1: a rebuilt fragment) */
    double time;    /* seconds; only differences are used */
    ikd_address src;
    ikd_address dst;
    uint16_t src_port;
    uint16_t dst_port;
    ikd_transport transport;
    const uint8_t *bytes; /* the IKE message as captured */
    size_t captured_len;
    size_t reported_len;
    bool reassembled_in_frame; /* Wireshark rebuilt a fragmented message in this frame */
    const uint8_t *decrypted;  /* Wireshark's decryption of an encrypted message's payloads, or NULL */
    size_t decrypted_len;
    bool decrypted_reassembled; /* decrypted is an IKEv2 message rebuilt from its SKF fragments (RFC 7383),
                                   joined without padding; this packet is the fragment that completed it */
    uint64_t hash; /* of the captured bytes, which tells copies apart; ikd_engine_feed fills it in */
    /* IKD_TRANSPORT_ICMP_QUOTE: src, dst, ports and bytes are the quoted
     * message's (as much of it as the error quotes, often 8 bytes); these
     * say who sent the error and what it was. */
    ikd_address icmp_from;
    uint8_t icmp_version; /* 4: ICMP, 6: ICMPv6 */
    uint8_t icmp_type;
    uint8_t icmp_code;
} ikd_packet;

/* One key for a message of the capture: its frame and its place in the frame. */
static inline uint64_t ikd_packet_key(uint32_t frame, uint32_t pdu)
{
    return (uint64_t)frame << 8 | (pdu & 0xff);
}

#endif
