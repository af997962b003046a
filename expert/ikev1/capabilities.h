/* ikediag - who the peers are and what they can do: each vendor ID of a
 * message identified, each peer's implementation, and the capability letters
 * of `show crypto isakmp sa detail` (D, N, X, C, F).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_CAPABILITIES_H
#define IKD_CAPABILITIES_H

#include "ikev1/event.h"

void ikd_v1_note_capabilities(const ikd_v1_event *ev);

#endif
