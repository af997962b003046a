/* ikediag - what the IKEv2 message reader and its payload checkers share
 * while one message is read: the walk's state and its finding recorder.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_WALK_H
#define IKD_V2_WALK_H

#include "core/byte_reader.h"
#include "ikev2/message_view.h"

typedef struct {
    ikd_v2_message *msg;
    size_t captured;    /* findings never point past this */
    size_t message_end; /* where the message ends by its own header length */
} ikd_v2_walk;

/* Records a finding, its byte span clamped to the captured bytes and marked
 * as IKEv2's (IKD_FINDING_ARG_VERSION), so its text names IKEv2 numbers. */
void ikd_v2_flag(ikd_v2_walk *w, ikd_finding_id id, size_t offset, size_t length, uint32_t a0, uint32_t a1,
                 uint32_t a2, uint32_t a3);

#endif
