/* ikediag - IKEv2 (RFC 7296): each message read and checked by the reader
 * (message.c and the payload checkers; the view in message_view.h), with
 * Wireshark's decryption of its SK payload read the same way, then placed in
 * its SA and exchange (tracker.h). The rest of the IKEv2 analysis
 * (proposals, verdicts, `show crypto ikev2 sa`) grows here on that view,
 * over the version-neutral SA model of common/.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV2_H
#define IKD_IKEV2_H

#include "common/annotation.h"
#include "common/packet.h"
#include "ikev2/tracker.h"

/* ann is filled from scratch. */
void ikd_v2_feed(const ikd_v2_context *ctx, const ikd_packet *packet, ikd_annotation *ann);

#endif
