/* ikediag - the findings table and the per-message finding list. Templates
 * are expanded into text higher up, by report/finding_text.c.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/findings.h"

#include <string.h>

static const ikd_finding_info catalogue[IKD_FINDING_COUNT] = {
#define IKD_FINDING(id, filter, group, severity, summary, detail, cisco, causes) \
    [IKD_F_##id] = { #id, filter, IKD_GROUP_##group, IKD_SEVERITY_##severity, summary, detail, cisco, causes },
#include "core/findings.def"
#undef IKD_FINDING
};

const ikd_finding_info *ikd_finding_lookup(ikd_finding_id id)
{
    if ((unsigned)id >= IKD_FINDING_COUNT)
        return NULL;
    return &catalogue[id];
}

void ikd_findings_add_args(ikd_finding_list *list, ikd_finding_id id, size_t offset, size_t length,
                           const uint32_t args[IKD_FINDING_ARGS])
{
    if (list->count >= IKD_MAX_FINDINGS) {
        list->dropped++;
        return;
    }
    ikd_finding *f = &list->items[list->count++];
    f->id = (uint16_t)id;
    f->offset = (uint32_t)offset;
    f->length = (uint32_t)length;
    memcpy(f->arg, args, sizeof f->arg);
}

void ikd_findings_add(ikd_finding_list *list, ikd_finding_id id, size_t offset, size_t length,
                      uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    const uint32_t args[IKD_FINDING_ARGS] = { a0, a1, a2, a3, 0 };
    ikd_findings_add_args(list, id, offset, length, args);
}

void ikd_findings_add_within(ikd_finding_list *list, size_t captured, ikd_finding_id id, size_t offset,
                             size_t length, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    if (offset > captured)
        offset = captured;
    if (length > captured - offset)
        length = captured - offset;
    ikd_findings_add(list, id, offset, length, a0, a1, a2, a3);
}

ikd_finding_id ikd_finding_for_notify(uint16_t notify_type)
{
    switch (notify_type) {
#define IKD_NOTIFY_ERROR(code, id, filter, causes) \
    case code:                                     \
        return IKD_F_NOTIFY_##id;
#include "core/notify_errors.def"
#undef IKD_NOTIFY_ERROR
    default:
        return IKD_FINDING_COUNT;
    }
}

void ikd_findings_copy(ikd_finding_list *to, const ikd_finding_list *from)
{
    uint32_t n = from->count < IKD_MAX_FINDINGS ? from->count : IKD_MAX_FINDINGS;
    to->count = n;
    to->dropped = from->dropped;
    memcpy(to->items, from->items, n * sizeof from->items[0]);
}

bool ikd_findings_has(const ikd_finding_list *list, ikd_finding_id id)
{
    for (uint32_t i = 0; i < list->count; i++)
        if (list->items[i].id == id)
            return true;
    return false;
}
