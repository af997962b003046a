/* ikediag - whether a later pass will read this one's records.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_PASS_MODE_H
#define IKEDIAG_PASS_MODE_H

#include <epan/packet.h>

/* Forgets what was decided (a new capture file). */
void ikediag_pass_mode_reset(void);

/* TRUE once it is known that no pass will come after this one (tshark
 * without -2): nothing needs keeping for one, and the engine's answers are
 * dropped then. FALSE until then, and for the GUI and tshark -2 always.
 * Call it for every frame, before the frame is analysed. */
gboolean ikediag_single_pass(packet_info *pinfo);

#endif
