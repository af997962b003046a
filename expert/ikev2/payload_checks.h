/* ikediag - checks on the bodies of IKEv2 payloads, and what the view keeps
 * of them.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_PAYLOAD_CHECKS_H
#define IKD_V2_PAYLOAD_CHECKS_H

#include "ikev2/walk.h"

/* Smallest length (generic header included) a known payload can have. */
uint16_t ikd_v2_payload_min_length(uint8_t type);

/* Checks the body of one known payload; body covers the bytes after its
 * generic header, payload_offset is where that header starts, next is the
 * header's next-payload field. */
void ikd_v2_check_payload_body(ikd_v2_walk *w, uint8_t type, uint8_t next, ikd_reader *body,
                               size_t payload_offset);

/* A payload the capture's snap length cut: notes what later stages need
 * from the captured bytes (a notification's type, a delete's protocol, that
 * the message is encrypted, a fragment's numbers), checking nothing. */
void ikd_v2_read_cut_payload(ikd_v2_walk *w, uint8_t type, uint8_t next, ikd_reader *captured,
                             size_t payload_offset);

#endif
