/* ikediag - IKEv2 traffic selector payloads, TSi and TSr (RFC 7296 3.13).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_TRAFFIC_SELECTOR_H
#define IKD_V2_TRAFFIC_SELECTOR_H

#include "ikev2/walk.h"

/* body covers the bytes after the TSi or TSr payload's generic header
 * (type says which), which starts at payload_offset. */
void ikd_v2_check_traffic_selectors(ikd_v2_walk *w, uint8_t type, ikd_reader *body, size_t payload_offset);

#endif
