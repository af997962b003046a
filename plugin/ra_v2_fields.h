/* ikediag - IKEv2 remote-access fields: the CP payload's type
 * (ikediag.ra.cp) and the EAP message (ikediag.ra.eap) of a decrypted
 * message. The user, address and attributes share IKEv1's ikediag.ra.* fields.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_RA_V2_FIELDS_H
#define IKEDIAG_RA_V2_FIELDS_H

#include "ws_compat.h"

#include <epan/packet.h>

#include "common/annotation.h"

void ikediag_ra_v2_fields_register(int proto);
void ikediag_ra_v2_render(const ikd_message_result *result, proto_tree *tree, tvbuff_t *tvb, gint start);

#endif
