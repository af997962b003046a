/* ikediag - the Easy VPN group: AM1's ID payload of type KEY_ID, kept in
 * the SA's remote-access record (ikev1/remote_access.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_RA_GROUP_H
#define IKD_RA_GROUP_H

#include "ikev1/event.h"

/* AM1's ID payload of type KEY_ID: the group, into the SA and the annotation. */
void ikd_v1_note_group(const ikd_v1_event *ev);

#endif
