/* ikediag - a template's vendor IDs identified once (vendor_list_memo.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/vendor_list_memo.h"

#include "ikev1/message_memo.h"

#include <string.h>

/* One entry per slot of the message memo: a template's id names its slot in
 * its low bits, so the templates remembered there at one time never share
 * an entry. */
enum { LIST_SLOTS = 1 << IKD_TEMPLATE_SLOT_BITS };

typedef struct {
    uint64_t template_id; /* 0: empty */
    ikd_vendor_list list;
} list_slot;

static list_slot lists[LIST_SLOTS];

static list_slot *slot_of(uint64_t template_id)
{
    return &lists[template_id & (LIST_SLOTS - 1)];
}

const ikd_vendor_list *ikd_vendor_list_remembered(uint64_t template_id)
{
    const list_slot *slot = slot_of(template_id);
    return template_id && slot->template_id == template_id ? &slot->list : NULL;
}

void ikd_vendor_list_remember(uint64_t template_id, const ikd_vendor_list *list)
{
    if (!template_id || list->count > IKD_MAX_VENDORS)
        return;
    list_slot *slot = slot_of(template_id);
    slot->template_id = template_id;
    slot->list.count = list->count;
    memcpy(slot->list.kinds, list->kinds, list->count);
    memcpy(slot->list.vendors, list->vendors, list->count);
    for (uint32_t i = 0; i < list->count; i++)
        memcpy(slot->list.texts[i], list->texts[i], IKD_VENDOR_TEXT);
}
