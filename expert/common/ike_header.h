/* ikediag - the 28-byte header IKEv1 (RFC 2408 3.1) and IKEv2 (RFC 7296 3.1)
 * share, and the checks of its length against what arrived, which mean the
 * same in both versions.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKE_HEADER_H
#define IKD_IKE_HEADER_H

#include "common/packet.h"
#include "core/findings.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Where each field sits. */
enum {
    IKD_HDR_SPI_I = 0,
    IKD_HDR_SPI_R = 8,
    IKD_HDR_NEXT_PAYLOAD = 16,
    IKD_HDR_VERSION = 17,
    IKD_HDR_EXCHANGE = 18,
    IKD_HDR_FLAGS = 19,
    IKD_HDR_MESSAGE_ID = 20,
    IKD_HDR_LENGTH = 24,
    IKD_IKE_HEADER_LEN = 28,
};

/* Major versions (RFC 2408 3.1, RFC 7296 3.1). */
enum { IKD_IKEV1_MAJOR = 1, IKD_IKEV2_MAJOR = 2 };

typedef struct {
    uint8_t spi_i[8]; /* IKEv1: the initiator cookie */
    uint8_t spi_r[8]; /* IKEv1: the responder cookie */
    uint8_t next_payload;
    uint8_t major;
    uint8_t minor;
    uint8_t exchange;
    uint8_t flags;
    uint32_t message_id;
    uint32_t length; /* as the header says */
    uint8_t captured; /* how many of the 28 header bytes were captured: fields past it are 0 */
} ikd_ike_header;

/* What of the message can be read, once its length was checked. */
typedef struct {
    size_t end;         /* where reading stops, never past the captured bytes; 0: nothing after the header can be trusted */
    size_t message_end; /* where the message ends by its own header length */
    bool incomplete;    /* bytes of the message are missing (snap length, a short datagram,
                           the rest in the next TCP segment) */
    bool capture_truncated; /* the snap length cut the message */
} ikd_ike_extent;

/* The major version of the message in bytes, 0 when too few were captured
 * to tell. */
uint8_t ikd_ike_major_version(const uint8_t *bytes, size_t captured);

/* Reads the header; false, with the finding that says why (header too short,
 * or cut by the snap length) and *extent set, when fewer than 28 bytes were
 * captured. The fields those bytes hold are read all the same (a snap length
 * of 64 bytes leaves 22 bytes of the message: the SPIs, the first payload,
 * the version, the exchange and the flags); header->captured says how far. */
bool ikd_ike_header_read(const uint8_t *bytes, size_t captured, size_t reported, ikd_ike_header *header,
                         ikd_ike_extent *extent, ikd_finding_list *out);

/* Compares the header's length with what arrived (the datagram's reported
 * length, the captured bytes) and fills *extent. A TCP segment need not
 * align with messages, so only datagrams are held to their length. */
void ikd_ike_header_check_length(const ikd_ike_header *header, const uint8_t *bytes, size_t captured,
                                 size_t reported, ikd_transport transport, ikd_ike_extent *extent,
                                 ikd_finding_list *out);

#endif
