/* ikediag - what the engine said of each IKE message, kept for the passes
 * after the first (the GUI, tshark -2) and for the taps.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_FRAME_STORE_H
#define IKEDIAG_FRAME_STORE_H

#include "ikediag.h"

/* Opens an empty store (init routine) / frees it (cleanup routine). */
void ikediag_frame_store_open(void);
void ikediag_frame_store_close(void);

/* Keeps a frame's records (count of them, at most IKEDIAG_MAX_PDUS_PER_FRAME);
 * a frame kept again replaces what was kept before. */
void ikediag_frame_store_keep(guint32 frame, const ikediag_pdu_result *records, guint count);

/* Holds the frame's records (in the packet scope) for this frame's taps
 * only: the single pass, where no later pass reads them (pass_mode.h). */
void ikediag_frame_store_hold(guint32 frame, const ikediag_pdu_result *records, guint count);

/* The records kept for a frame, copied into scope; FALSE when it has none. */
gboolean ikediag_frame_store_get(guint32 frame, wmem_allocator_t *scope, ikediag_frame_result *out);

#endif
