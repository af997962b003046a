/* ikediag - the reader's view of one ISAKMP message: its header, its
 * clear-text payload chain, the details later stages need, and what is wrong
 * with it. Filled by message.c and the payload checkers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_MESSAGE_VIEW_H
#define IKD_MESSAGE_VIEW_H

#include "common/packet.h"
#include "core/findings.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { IKD_MAX_PAYLOADS = 48, IKD_MAX_NOTIFIES = 4, IKD_MAX_DELETE_SPIS = 8 };

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
    bool header_read;    /* the 28 header bytes were there */
    uint8_t header_bytes; /* how many of them were captured: fields past them are 0 */
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

    uint32_t payload_count; /* stored (payloads, below) */
    uint32_t payloads_seen; /* walked, may exceed IKD_MAX_PAYLOADS */
    /* Bit n set: a stored payload's canonical type is n, so that
     * ikd_message_has_payload() need not walk the chain (it did, a dozen
     * times per message: 1,200 instructions an MM1, callgrind). */
    uint32_t payload_types[256 / 32];
    ikd_sa_shape sa;

    /* Details later stages need, from the clear-text payloads. */
    uint32_t notify_count; /* notify_types and _offsets, below */
    bool has_delete;
    uint8_t delete_protocol;
    uint16_t delete_spi_count;
    uint32_t delete_spis_read; /* delete_spis, below */
    bool has_fragment; /* Cisco fragment payload (132) */
    uint16_t fragment_id;
    uint8_t fragment_number;
    bool fragment_last;

    /* Which remembered template (message_memo.h) these bytes repeat, but for
     * the cookies; 0 when the message was read on its own. Two messages
     * with the same non-zero id have the same bytes after their cookies, so
     * what is a function of those bytes may be remembered by the id. */
    uint64_t template_id;

    /* Arrays only their counts above make readable: left as they were when
     * a message is read (clearing them was 100 instructions a message). */
    ikd_payload_ref payloads[IKD_MAX_PAYLOADS]; /* clear-text chain, in order */
    uint16_t notify_types[IKD_MAX_NOTIFIES];
    uint32_t notify_offsets[IKD_MAX_NOTIFIES];
    uint32_t delete_spis[IKD_MAX_DELETE_SPIS]; /* the first 4-byte (AH/ESP) SPIs it names */
    ikd_finding_list findings;
} ikd_message;

#endif
