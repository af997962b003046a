/* ikediag - IKEv2 (RFC 7296). Today: each message read and checked by the
 * reader (message.c and the payload checkers; the view in message_view.h),
 * with Wireshark's decryption of its SK payload read the same way; the
 * message recognised (ike_version 2, encrypted). The IKEv2 analysis
 * (IKE_SA_INIT, IKE_AUTH, CREATE_CHILD_SA, INFORMATIONAL, `show crypto
 * ikev2 sa`) grows here on that view: proposals, one file per exchange,
 * verdicts, over the version-neutral SA model of common/.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV2_H
#define IKD_IKEV2_H

#include "common/annotation.h"
#include "common/packet.h"

/* ann is filled from scratch. */
void ikd_v2_feed(const ikd_packet *packet, ikd_annotation *ann);

#endif
