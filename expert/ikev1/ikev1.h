/* ikediag - IKEv1 (ISAKMP): the handler the engine gives every message that
 * is not IKEv2. It reads the message, finds or makes its SA, and hands it to
 * the handler of its exchange (phase1.c, quick_mode.c, informational.c,
 * transaction.c, fragments.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV1_H
#define IKD_IKEV1_H

#include "common/annotation.h"
#include "ikev1/event.h"

/* ann is filled from scratch. */
void ikd_v1_feed(const ikd_v1_context *ctx, const ikd_packet *packet, ikd_annotation *ann);

/* The SA, its states on both sides and the ASA's, into a message's result. */
void ikd_v1_annotate_states(const ikd_v1_sa *v1, ikd_message_result *result);

#endif
