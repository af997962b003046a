/* ikediag - a template's vendor IDs identified once.
 *
 * An MM1 or MM2 that repeats a remembered template (ikev1/message_memo.h)
 * carries the vendor ID payloads of the template's first message, byte for
 * byte: what they were identified as, and their texts, are remembered with
 * the template's id and noted from there. Noting five IDs one by one, each
 * through the vendor-ID memo, was a quarter of the engine's cost of a
 * flood's MM1 (callgrind: 1,030 instructions of 4,050).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_VENDOR_LIST_MEMO_H
#define IKD_VENDOR_LIST_MEMO_H

#include "common/annotation.h"
#include "common/vendor_id.h"

#include <stdint.h>

/* A message's vendor IDs in order: what each is, the vendor it names
 * (ikd_vendor_number, 0: none) and its text; a message with more IDs than
 * IKD_MAX_VENDORS is not remembered. */
typedef struct {
    uint32_t count;
    uint8_t kinds[IKD_MAX_VENDORS]; /* ikd_vid_kind */
    uint8_t vendors[IKD_MAX_VENDORS];
    char texts[IKD_MAX_VENDORS][IKD_VENDOR_TEXT];
} ikd_vendor_list;

/* The list remembered for a template, NULL when there is none (template 0
 * never has one). */
const ikd_vendor_list *ikd_vendor_list_remembered(uint64_t template_id);
/* Remembers a template's list, replacing the list of a template that was
 * in the message memo's slot before it. */
void ikd_vendor_list_remember(uint64_t template_id, const ikd_vendor_list *list);

#endif
