/* ikediag - vendor IDs identified once (a small direct-mapped memo).
 * Identification is a pure function of the bytes, so a remembered answer is
 * the answer; an ID that does not fit is worked out as before.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/vid_memo.h"

#include "common/annotation.h"
#include "common/exchange.h"

#include <string.h>

enum { MEMO_SLOTS = 64, MEMO_MAX_ID = 32 };

typedef struct {
    uint8_t len; /* 0: empty */
    uint8_t bytes[MEMO_MAX_ID];
    ikd_vid_info info;
    char text[IKD_VENDOR_TEXT];
} memo_slot;

static memo_slot memo[MEMO_SLOTS];

void ikd_vid_memo_lookup(const uint8_t *data, size_t len, ikd_vid_info *info, char *text, size_t size)
{
    if (!data || !len || len > MEMO_MAX_ID || size > IKD_VENDOR_TEXT) {
        ikd_vid_identify(data, len, info);
        if (text)
            ikd_vid_text(info, data, len, text, size);
        return;
    }
    memo_slot *slot = &memo[ikd_bytes_hash(data, len) % MEMO_SLOTS];
    if (slot->len != len || memcmp(slot->bytes, data, len)) {
        ikd_vid_identify(data, len, &slot->info);
        ikd_vid_text(&slot->info, data, len, slot->text, sizeof slot->text);
        memcpy(slot->bytes, data, len);
        slot->len = (uint8_t)len;
    }
    *info = slot->info;
    if (text) {
        memcpy(text, slot->text, size);
        text[size - 1] = '\0';
    }
}
