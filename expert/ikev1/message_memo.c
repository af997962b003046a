/* ikediag - first messages read once (message_memo.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/message_memo.h"

#include "common/ike_header.h"
#include "core/keyed_items.h"
#include "ikev1/ikev1_names.h"

#include <stddef.h>
#include <string.h>

/* A typical MM1 is 100 to 600 bytes (strongSwan's with five vendor IDs 236,
 * Cisco's with several policies about 400); longer ones are read as before. */
enum { MEMO_SLOT_BITS = IKD_TEMPLATE_SLOT_BITS, MEMO_SLOTS = 1 << MEMO_SLOT_BITS, MEMO_MAX_BYTES = 1024 };

typedef struct {
    uint16_t len; /* 0: empty */
    uint8_t transport;
    uint8_t cookies_zero; /* bit 0: the initiator's, bit 1: the responder's */
    uint8_t after_cookies[MEMO_MAX_BYTES - IKD_HDR_NEXT_PAYLOAD];
    ikd_message view;
} memo_slot;

static memo_slot memo[MEMO_SLOTS];
/* Template ids: a count of the templates remembered, above the slot's index
 * (so that templates in the memo at the same time differ in their low bits). */
static uint64_t templates_remembered;

static bool worth_remembering(const uint8_t *bytes, size_t captured_len, size_t reported_len)
{
    return bytes && captured_len == reported_len && captured_len >= IKD_IKE_HEADER_LEN &&
           captured_len <= MEMO_MAX_BYTES && bytes[IKD_HDR_NEXT_PAYLOAD] == IKD_PL_SA &&
           bytes[IKD_HDR_VERSION] == (IKD_IKEV1_MAJOR << 4) && bytes[IKD_HDR_EXCHANGE] == IKD_EX_MAIN &&
           !(bytes[IKD_HDR_FLAGS] & IKD_FLAG_ENCRYPTION);
}

/* The view's readable parts: the fields, and of each array what its count
 * makes readable (the whole view is 1,764 bytes, an MM1's view about 300). */
static void copy_view(ikd_message *to, const ikd_message *from)
{
    memcpy(to, from, offsetof(ikd_message, payloads));
    uint32_t payloads = from->payload_count < IKD_MAX_PAYLOADS ? from->payload_count : IKD_MAX_PAYLOADS;
    memcpy(to->payloads, from->payloads, payloads * sizeof from->payloads[0]);
    memcpy(to->notify_types, from->notify_types, sizeof from->notify_types);
    memcpy(to->notify_offsets, from->notify_offsets, sizeof from->notify_offsets);
    memcpy(to->delete_spis, from->delete_spis, sizeof from->delete_spis);
    uint32_t findings = from->findings.count < IKD_MAX_FINDINGS ? from->findings.count : IKD_MAX_FINDINGS;
    memcpy(to->findings.items, from->findings.items, findings * sizeof from->findings.items[0]);
    to->findings.count = from->findings.count;
    to->findings.dropped = from->findings.dropped;
}

void ikd_message_read_remembered(const uint8_t *bytes, size_t captured_len, size_t reported_len,
                                 ikd_transport transport, ikd_message *msg)
{
    if (!worth_remembering(bytes, captured_len, reported_len)) {
        ikd_message_read(bytes, captured_len, reported_len, transport, msg);
        return;
    }
    uint8_t cookies_zero = (uint8_t)(ikd_cookie_is_zero(bytes + IKD_HDR_SPI_I) |
                                     ikd_cookie_is_zero(bytes + IKD_HDR_SPI_R) << 1);
    /* The bytes after the cookies (the header's fields first), and the zero
     * cookies, tell the templates apart. */
    size_t tail = captured_len - IKD_HDR_NEXT_PAYLOAD;
    size_t index = ikd_memo_slot(bytes + IKD_HDR_NEXT_PAYLOAD, tail, cookies_zero, MEMO_SLOT_BITS);
    memo_slot *slot = &memo[index];
    if (slot->len == captured_len && slot->transport == transport && slot->cookies_zero == cookies_zero &&
        !memcmp(slot->after_cookies, bytes + IKD_HDR_NEXT_PAYLOAD, tail)) {
        copy_view(msg, &slot->view);
        memcpy(msg->icookie, bytes + IKD_HDR_SPI_I, 8);
        memcpy(msg->rcookie, bytes + IKD_HDR_SPI_R, 8);
        return;
    }
    ikd_message_read(bytes, captured_len, reported_len, transport, msg);
    slot->len = (uint16_t)captured_len;
    slot->transport = (uint8_t)transport;
    slot->cookies_zero = cookies_zero;
    memcpy(slot->after_cookies, bytes + IKD_HDR_NEXT_PAYLOAD, tail);
    msg->template_id = ++templates_remembered << MEMO_SLOT_BITS | index;
    copy_view(&slot->view, msg);
}
