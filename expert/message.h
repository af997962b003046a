/* ikediag - read-only view of one ISAKMP message, and the sanity checks that
 * need nothing but the message itself.
 *
 * ikd_message_read() never fails: whatever the bytes, it fills in what it
 * could read and lists what is wrong with them as findings.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_MESSAGE_H
#define IKD_MESSAGE_H

#include "findings.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How the message reached us; it changes which length checks make sense. */
typedef enum {
    IKD_TRANSPORT_UDP,         /* UDP 500, or any UDP port without encapsulation */
    IKD_TRANSPORT_UDP_ENCAP,   /* NAT-T, UDP 4500 after the non-ESP marker */
    IKD_TRANSPORT_TCP,         /* a TCP segment may hold part of a message, or several */
    IKD_TRANSPORT_REASSEMBLED, /* rebuilt from Cisco IKE fragments */
} ikd_transport;

enum { IKD_MAX_PAYLOADS = 48, IKD_MAX_NOTIFIES = 4 };

typedef struct {
    uint8_t type;    /* as on the wire */
    uint32_t offset; /* of its generic header, from the message start */
    uint16_t length; /* from its generic header */
} ikd_payload_ref;

/* The shape of the first SA payload: enough to tell an offer from a choice. */
typedef struct {
    uint16_t proposals;
    uint16_t transforms; /* in all its proposals */
} ikd_sa_shape;

typedef struct {
    bool header_read; /* the 28 header bytes were there */
    uint8_t icookie[8];
    uint8_t rcookie[8];
    uint8_t next_payload;
    uint8_t major;
    uint8_t minor;
    uint8_t exchange;
    uint8_t flags;
    uint32_t message_id;
    uint32_t length; /* as the header says */

    bool encrypted;         /* E flag (IKEv1): the payloads are not readable */
    bool capture_truncated; /* the snap length cut the message */
    bool incomplete;        /* bytes of the message are missing (snap length, a short
                               datagram, the rest in the next TCP segment) */

    ikd_payload_ref payloads[IKD_MAX_PAYLOADS]; /* clear-text chain, in order */
    uint32_t payload_count; /* stored */
    uint32_t payloads_seen; /* walked, may exceed IKD_MAX_PAYLOADS */
    ikd_sa_shape sa;

    /* Details later stages need, from the clear-text payloads. */
    uint16_t notify_types[IKD_MAX_NOTIFIES];
    uint32_t notify_offsets[IKD_MAX_NOTIFIES];
    uint32_t notify_count;
    bool has_delete;
    uint8_t delete_protocol;
    uint16_t delete_spi_count;
    bool has_fragment; /* Cisco fragment payload (132) */
    uint16_t fragment_id;
    uint8_t fragment_number;
    bool fragment_last;

    ikd_finding_list findings;
} ikd_message;

/* bytes: the message as captured (captured_len bytes); reported_len: how long
 * it was on the wire (larger when the capture's snap length cut it). */
void ikd_message_read(const uint8_t *bytes, size_t captured_len, size_t reported_len,
                      ikd_transport transport, ikd_message *msg);

/* Reads the plaintext Wireshark decrypted from an encrypted message (the
 * payloads after the header, padding included) as if it had been sent in
 * clear under outer's header. Padding after the last payload is not a finding. */
void ikd_message_read_decrypted(const ikd_message *outer, const uint8_t *plaintext, size_t len, ikd_message *inner);

bool ikd_cookie_is_zero(const uint8_t cookie[8]);
/* True if a payload of this type (draft numbers folded in) was seen. */
bool ikd_message_has_payload(const ikd_message *msg, uint8_t canonical_type);

#endif
