/* ikediag - Cisco IKE fragments (payload 132): a message one peer sent in
 * fragments, followed so it can be placed even when Wireshark did not
 * rebuild it (out-of-order fragments, or two fragmented messages at once).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_FRAGMENTS_H
#define IKD_FRAGMENTS_H

#include "ikev1/event.h"
#include "ikev1/phase1.h"

/* Follows one fragment; true when it completes a message Wireshark did not
 * rebuild, whose shape is then in *shape. */
bool ikd_v1_fragment_completes(const ikd_v1_event *ev, ikd_phase1_shape *shape);

#endif
