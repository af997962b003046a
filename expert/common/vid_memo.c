/* ikediag - vendor IDs identified once (a small direct-mapped memo).
 * Identification is a pure function of the bytes, so a remembered answer is
 * the answer; an ID that does not fit is worked out as before.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/vid_memo.h"

#include "common/annotation.h"
#include "core/keyed_items.h"

#include <string.h>

enum { MEMO_SLOT_BITS = 6, MEMO_SLOTS = 1 << MEMO_SLOT_BITS, MEMO_MAX_ID = 32 };

typedef struct {
    uint8_t len; /* 0: empty */
    uint8_t bytes[MEMO_MAX_ID];
    ikd_vid_info info;
    char text[IKD_VENDOR_TEXT];
} memo_slot;

static memo_slot memo[MEMO_SLOTS];

/* The slot of an ID: IDs are mostly MD5 prefixes, so their first and last
 * eight bytes (IDs that differ only in a trailing version or flag word) are
 * spread enough. */
static size_t slot_of(const uint8_t *data, size_t len)
{
    if (len >= 8)
        return ikd_memo_slot(data, len, 0, MEMO_SLOT_BITS);
    uint64_t key = len;
    for (size_t i = 0; i < len; i++)
        key = key << 8 ^ data[i];
    return (size_t)((key * 0x9e3779b97f4a7c15ull) >> (64 - MEMO_SLOT_BITS));
}

void ikd_vid_memo_lookup(const uint8_t *data, size_t len, ikd_vid_info *info, char *text, size_t size)
{
    if (!data || !len || len > MEMO_MAX_ID || size > IKD_VENDOR_TEXT) {
        ikd_vid_identify(data, len, info);
        if (text)
            ikd_vid_text(info, data, len, text, size);
        return;
    }
    memo_slot *slot = &memo[slot_of(data, len)];
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
