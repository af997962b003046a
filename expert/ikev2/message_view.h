/* ikediag - the reader's view of one IKEv2 message: its header, its
 * clear-text payload chain, what later stages (SA tracking, tables,
 * verdicts) need from it, and what is wrong with it. Filled by message.c
 * and the payload checkers; read-only after that.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_MESSAGE_VIEW_H
#define IKD_V2_MESSAGE_VIEW_H

#include "core/findings.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
    IKD_V2_MAX_PAYLOADS = 48,
    IKD_V2_MAX_NOTIFIES = 16,
    IKD_V2_MAX_PROPOSALS = 16,
    IKD_V2_MAX_TRANSFORMS = 96,
    IKD_V2_MAX_SPI = 8, /* IKE SPIs in a rekey proposal; AH/ESP take 4 */
};

typedef struct {
    uint8_t type;     /* as on the wire */
    bool critical;    /* the C bit of its generic header */
    uint32_t offset;  /* of its generic header, from the message start */
    uint16_t length;  /* from its generic header */
} ikd_v2_payload_ref;

/* One transform of a proposal of the first SA payload. */
typedef struct {
    uint8_t type;        /* IKD_V2_TT_* */
    uint16_t id;         /* algorithm or group */
    uint16_t key_length; /* bits, from the Key Length attribute; 0: none */
} ikd_v2_transform;

/* One proposal of the first SA payload; its transforms are
 * transforms[first_transform .. first_transform + transform_count). */
typedef struct {
    uint8_t number;
    uint8_t protocol; /* IKD_V2_PROTO_* */
    uint8_t spi_size;
    uint8_t spi[IKD_V2_MAX_SPI]; /* the first spi_size bytes, at most 8 */
    uint16_t first_transform;
    uint16_t transform_count; /* stored; transforms_announced is the field */
    uint8_t transforms_announced;
} ikd_v2_proposal;

/* The first SA payload: an offer (a request's, any number of proposals) or
 * a choice (a response's, one proposal with one transform of each type). */
typedef struct {
    bool present;
    bool malformed;  /* the walk raised a finding: the kept shape may lack parts */
    uint32_t offset; /* of the SA payload */
    uint16_t proposal_count;   /* stored */
    uint16_t proposals_seen;   /* walked, may exceed IKD_V2_MAX_PROPOSALS */
    uint16_t transform_count;  /* stored, in all proposals */
    uint16_t transforms_seen;  /* walked */
    ikd_v2_proposal proposals[IKD_V2_MAX_PROPOSALS];
    ikd_v2_transform transforms[IKD_V2_MAX_TRANSFORMS];
} ikd_v2_sa_payload;

typedef struct {
    uint16_t type;
    uint8_t protocol;
    uint8_t spi_size;
    uint32_t offset;      /* of the Notify payload */
    uint32_t data_offset; /* of its notification data (after the SPI) */
    uint16_t data_length;
} ikd_v2_notify;

typedef struct {
    bool header_read;     /* the 28 header bytes were there */
    uint8_t header_bytes; /* how many were captured: fields past them are 0 */
    uint8_t spi_i[8];
    uint8_t spi_r[8];
    uint8_t next_payload;
    uint8_t major;
    uint8_t minor;
    uint8_t exchange;
    uint8_t flags;
    bool initiator; /* I flag: sent by the original initiator of the IKE SA */
    bool response;  /* R flag */
    uint32_t message_id;
    uint32_t length; /* as the header says */

    bool capture_truncated; /* the snap length cut the message */
    bool incomplete;        /* bytes of the message are missing */
    bool decrypted;         /* read from Wireshark's decryption of an SK payload */

    ikd_v2_payload_ref payloads[IKD_V2_MAX_PAYLOADS]; /* clear-text chain, in order */
    uint32_t payload_count; /* stored */
    uint32_t payloads_seen; /* walked, may exceed IKD_V2_MAX_PAYLOADS */

    ikd_v2_sa_payload sa;

    bool has_ke;
    uint16_t ke_group;
    uint32_t ke_data_length;

    bool has_nonce;
    uint32_t nonce_length;

    ikd_v2_notify notifies[IKD_V2_MAX_NOTIFIES];
    uint32_t notify_count; /* stored */

    bool has_delete;
    uint8_t delete_protocol;
    uint8_t delete_spi_size;
    uint16_t delete_spi_count;

    bool has_sk;             /* an Encrypted (SK) payload */
    uint8_t sk_next_payload; /* its generic header's next payload: the first inner payload */
    uint32_t sk_offset;      /* of the SK or SKF payload */
    uint16_t sk_length;

    bool has_skf; /* an Encrypted Fragment (SKF) payload, RFC 7383 */
    uint16_t fragment_number;
    uint16_t fragment_total;

    ikd_finding_list findings;
} ikd_v2_message;

/* A message's payloads and the bytes their offsets count from: the
 * message's own for the clear view, Wireshark's decryption for the inner. */
typedef struct {
    const ikd_v2_message *view;
    const uint8_t *bytes;
    size_t len;
} ikd_v2_body;

/* Questions any stage asks of a view (message_view.c). */
/* The first payload of this type, or NULL. */
const ikd_v2_payload_ref *ikd_v2_message_payload(const ikd_v2_message *msg, uint8_t type);
bool ikd_v2_message_has_payload(const ikd_v2_message *msg, uint8_t type);
/* The notification of this type, or NULL. */
const ikd_v2_notify *ikd_v2_message_notify(const ikd_v2_message *msg, uint16_t type);
/* The first error notify of the message, 0 if none. */
uint16_t ikd_v2_first_error(const ikd_v2_message *view);

#endif
