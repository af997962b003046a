/* ikediag - without keys: a client that refused the server's mode-config
 * reply. After an answered mode-config REQUEST a satisfied client goes on
 * with quick mode at once; one that sends encrypted informationals instead
 * (an error notify, a DELETE) and falls silent refused the reply, most
 * often because it carried no address (vpnc: ATTRIBUTES-NOT-SUPPORTED, then
 * a DELETE; lab capture ikev1-vpnc-pool-exhausted).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_RA_CONFIG_REFUSAL_H
#define IKD_RA_CONFIG_REFUSAL_H

#include "core/findings.h"
#include "ikev1/event.h"
#include "ikev1/ikev1_sa.h"

/* An informational nobody could read (no keys): counted when it follows the
 * answer to the SA's latest exchange, an unread mode-config REQUEST. */
void ikd_v1_ra_note_unread_informational(const ikd_v1_event *ev);

/* True, with the finding's arguments and the frame to attach it to, when
 * the SA ends that way: no quick mode, only the client spoke after the
 * reply (informationals), nothing after its last one. */
bool ikd_v1_ra_config_probably_refused(const ikd_v1_sa *v1, double capture_end, uint32_t args[IKD_FINDING_ARGS],
                                       uint32_t *frame);

#endif
