/* ikediag - IKEv2 (RFC 7296): the header read and its length checked as for
 * IKEv1, then the message placed in its SA and exchange (tracker.h). The
 * rest of the IKEv2 analysis (reader and sanity checks, proposals,
 * verdicts, `show crypto ikev2 sa`) grows here over the version-neutral SA
 * model of common/.
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
