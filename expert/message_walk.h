/* ikediag - state shared by the message reader and the payload checkers
 * while one message is being read. Internal to expert/.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_MESSAGE_WALK_H
#define IKD_MESSAGE_WALK_H

#include "byte_reader.h"
#include "message.h"

typedef struct {
    ikd_message *msg;
    const uint8_t *bytes; /* the whole message as captured */
    size_t captured;      /* findings never point past this */
    bool sa_shape_taken; /* msg->sa already describes an SA payload */
    size_t message_end;  /* where the message ends by its own header length */
} ikd_walk;

/* Records a finding, clamping its byte span to the captured bytes. */
void ikd_flag(ikd_walk *w, ikd_finding_id id, size_t offset, size_t length, uint32_t a0,
              uint32_t a1, uint32_t a2, uint32_t a3);

/* Smallest length (generic header included) a payload of this type can have. */
uint16_t ikd_payload_min_length(uint8_t type);

/* Checks the body of one payload; body covers the bytes after its 4-byte
 * generic header, payload_offset is where that header starts. */
void ikd_check_payload_body(ikd_walk *w, uint8_t type, ikd_reader *body, size_t payload_offset);

/* SA payloads: DOI, situation, proposals, transforms, attributes. */
void ikd_check_sa_body(ikd_walk *w, ikd_reader *body, size_t payload_offset);

/* A run of TV/TLV data attributes filling r completely. */
void ikd_check_attributes(ikd_walk *w, ikd_reader *r);

#endif
