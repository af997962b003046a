/* ikediag - the transforms of an SA payload, walked once per template
 * (transform_memo.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/transform_memo.h"

#include "core/keyed_items.h"

#include <string.h>

enum { MEMO_SLOT_BITS = 4, MEMO_SLOTS = 1 << MEMO_SLOT_BITS, MEMO_MAX_BYTES = 512, MEMO_MAX_TRANSFORMS = 16 };

typedef struct {
    uint16_t len; /* of the SA payload, its generic header included; 0: empty */
    uint8_t bytes[MEMO_MAX_BYTES];
    unsigned count;
    ikd_transform_entry entries[MEMO_MAX_TRANSFORMS];
} memo_slot;

static memo_slot memo[MEMO_SLOTS];

static void keep_entry(void *ctx, const ikd_transform_entry *entry)
{
    memo_slot *slot = ctx;
    if (slot->count < MEMO_MAX_TRANSFORMS)
        slot->entries[slot->count] = *entry;
    slot->count++;
}

unsigned ikd_sa_payload_transforms_remembered(const uint8_t *msg, size_t len, size_t payload_offset,
                                              ikd_transform_visitor visit, void *ctx)
{
    /* The walk reads nothing of the message past the SA payload: its bytes
     * are the whole key. */
    size_t sa_len = 0;
    if (msg && payload_offset + 4 <= len)
        sa_len = (size_t)msg[payload_offset + 2] << 8 | msg[payload_offset + 3];
    if (sa_len < 12 || sa_len > MEMO_MAX_BYTES || payload_offset + sa_len > len)
        return ikd_sa_payload_transforms(msg, len, payload_offset, visit, ctx);
    const uint8_t *payload = msg + payload_offset;
    memo_slot *slot = &memo[ikd_memo_slot(payload, sa_len, 0, MEMO_SLOT_BITS)];
    if (slot->len != sa_len || memcmp(slot->bytes, payload, sa_len)) {
        slot->len = 0;
        slot->count = 0;
        ikd_sa_payload_transforms(payload, sa_len, 0, keep_entry, slot);
        if (slot->count > MEMO_MAX_TRANSFORMS) /* too many to remember: walked for every visitor */
            return ikd_sa_payload_transforms(msg, len, payload_offset, visit, ctx);
        memcpy(slot->bytes, payload, sa_len);
        slot->len = (uint16_t)sa_len;
    }
    for (unsigned i = 0; visit && i < slot->count; i++)
        visit(ctx, &slot->entries[i]);
    return slot->count;
}
