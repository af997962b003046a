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

/* Room for up to n records of the frame being analysed, zeroed; they stay
 * where they are until the store is closed. ikediag_frame_store_commit
 * keeps the first `used` of the last reserve's records for `frame`; the
 * others are handed out again by the next reserve. */
ikediag_pdu_result *ikediag_frame_store_reserve(guint n);
void ikediag_frame_store_commit(guint32 frame, guint used);

/* The records kept for a frame; FALSE when it has none. */
gboolean ikediag_frame_store_get(guint32 frame, ikediag_frame_result *out);

#endif
