/* ikediag - what the message reader and the payload checkers share while one
 * message is read: the walk's state, its finding recorder, and the data
 * attribute checker (SA transforms and mode-config both carry attributes).
 * It sits below both, so neither has to call up into the other.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_PAYLOAD_WALK_H
#define IKD_PAYLOAD_WALK_H

#include "core/byte_reader.h"
#include "ikev1/message_view.h"

typedef struct {
    ikd_message *msg;
    const uint8_t *bytes; /* the whole message as captured */
    size_t captured;      /* findings never point past this */
    bool sa_shape_taken;  /* msg->sa already describes an SA payload */
    size_t message_end;   /* where the message ends by its own header length */
} ikd_walk;

/* Records a finding, clamping its byte span to the captured bytes. */
void ikd_flag(ikd_walk *w, ikd_finding_id id, size_t offset, size_t length, uint32_t a0, uint32_t a1,
              uint32_t a2, uint32_t a3);

/* A run of TV/TLV data attributes filling r completely. */
void ikd_check_attributes(ikd_walk *w, ikd_reader *r);

#endif
