/* ikediag - whether anyone reads a frame's results while it is dissected.
 *
 * A frame's IKE messages are fed to the engine as Wireshark dissects the
 * frame, so that its tree, columns, expert items and taps show what the
 * engine said of them. When nobody looks (tshark's single pass printing
 * only tables, drawn from the engine when the capture ends) they are
 * deferred and fed in runs instead (ikd_engine_defer), which keeps the
 * engine's code in the processor's cache.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_FRAME_READERS_H
#define IKEDIAG_FRAME_READERS_H

#include <epan/packet.h>

/* A tap listener that reads each frame's results as they come (a statistics
 * table, a text table with a filter): no frame is deferred from then on.
 * Every listener of ikediag's taps is ikediag's own and says so; the tap's
 * data is not a public interface (a listener from elsewhere, a Lua script's,
 * would not see deferred frames). */
void ikediag_frame_reader_registered(void);

/* Whether this frame's messages may be deferred: tshark's single pass
 * (single_pass: ikediag_single_pass), no columns, none of ikediag's fields
 * or expert items wanted (ikediag_items_wanted), no frame reader; decided at
 * the first frame of the single pass, for the rest of the file. */
gboolean ikediag_frame_may_defer(packet_info *pinfo, proto_tree *tree, gboolean single_pass);

/* Whether a frame of the file being read was deferred: its results reached
 * no tap, though in a single pass every frame reaches the taps. */
gboolean ikediag_frames_were_deferred(void);

/* A new capture file. */
void ikediag_frame_readers_reset(void);

#endif
