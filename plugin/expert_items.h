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

/* Whether expert items and ikediag's fields can be seen in this dissection:
 * a visible tree (packet details, -V, PDML/JSON), a filter, column or field
 * export naming an ikediag or expert field, or an expert tap (-z expert, the
 * GUI's Expert Information). */
gboolean ikediag_items_wanted(proto_tree *tree);

/* When nobody sees the items: records one finding's severity alone (the
 * packet's Expert column, the capture's highest severity) without rendering
 * its text. */
void ikediag_expert_note_severity(packet_info *pinfo, ikd_finding_id id);

/* Looks up Wireshark's expert protocol and tap; call when a file is opened:
 * Wireshark registers them after every protocol's handoff (epan_init's
 * expert_packet_init), so looked up there they were never found, and
 * neither tshark -z expert nor -Y _ws.expert asked for ikediag's items. */
void ikediag_expert_find_wireshark_ids(void);

#endif
