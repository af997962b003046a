/* ikediag - Wireshark expert infos made from the engine's findings catalogue.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_EXPERT_ITEMS_H
#define IKEDIAG_EXPERT_ITEMS_H

#include <epan/packet.h>

#include "core/findings.h"

/* Registers one expert info per catalogue row, plus the fields that carry each
 * finding's Cisco message and causes. Call once from proto_register. */
void ikediag_expert_register(int proto);

/* Adds one finding under parent: an expert item over the bytes it is about
 * (message_start is where the message begins in tvb), with the Cisco text and
 * causes beneath it. Works with a NULL tree too. */
void ikediag_expert_add(proto_tree *parent, packet_info *pinfo, tvbuff_t *tvb, gint message_start,
                        gint message_length, const ikd_finding *finding);

#endif
