/* ikediag - vendor IDs identified once: a capture repeats the same few IDs in
 * every SA's first messages, and walking the catalogue and printing the text
 * for each copy was a third of the engine's time on healthy SAs (callgrind).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_VID_MEMO_H
#define IKD_VID_MEMO_H

#include "common/vendor_id.h"

/* ikd_vid_identify and, when text is not NULL, ikd_vid_text: the same
 * results, remembered for IDs of up to 32 bytes (the rest are worked out
 * each time). */
void ikd_vid_memo_lookup(const uint8_t *data, size_t len, ikd_vid_info *info, char *text, size_t size);

#endif
