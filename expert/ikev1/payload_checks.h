/* ikediag - checks on the bodies of IKEv1 payloads.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_PAYLOAD_CHECKS_H
#define IKD_PAYLOAD_CHECKS_H

#include "ikev1/payload_walk.h"

/* Smallest length (generic header included) a payload of this type can have. */
uint16_t ikd_payload_min_length(uint8_t type);

/* Checks the body of one payload; body covers the bytes after its 4-byte
 * generic header, payload_offset is where that header starts. */
void ikd_check_payload_body(ikd_walk *w, uint8_t type, ikd_reader *body, size_t payload_offset);

/* A payload the capture's snap length cut: reads what later stages need from
 * the bytes that were captured (a notification's type, a delete's protocol,
 * a Cisco fragment's number), checking nothing, since the rest is missing. */
void ikd_read_cut_payload(ikd_walk *w, uint8_t type, ikd_reader *captured, size_t payload_offset);

#endif
