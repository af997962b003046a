/* ikediag - the findings table and its text templates.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/findings.h"

#include "common/cisco_state.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/ios_debug.h"
#include "ikev1/phase2.h"
#include "core/text_buf.h"
#include "ikev1/transform.h"

#include <stdio.h>
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

bool ikd_findings_has(const ikd_finding_list *list, ikd_finding_id id)
{
    for (uint32_t i = 0; i < list->count; i++)
        if (list->items[i].id == id)
            return true;
    return false;
}

/* Renders "{N}" or "{N:kind}"; returns false when the token is not one we know,
 * so the caller copies it literally. */
static bool render_token(ikd_text *s, const char *token, size_t len, const ikd_finding *f)
{
    if (len < 1 || token[0] < '0' || token[0] >= '0' + IKD_FINDING_ARGS)
        return false;
    uint32_t v = f->arg[token[0] - '0'];
    const char *kind = len > 2 && token[1] == ':' ? token + 2 : NULL;
    size_t kind_len = kind ? len - 2 : 0;
    char num[16], words[200];
    const char *text = num;
    if (len == 1)
        snprintf(num, sizeof num, "%u", (unsigned)v);
    else if (!kind)
        return false;
    else if (kind_len == 3 && !memcmp(kind, "hex", 3))
        snprintf(num, sizeof num, "0x%x", (unsigned)v);
    else if (kind_len == 7 && !memcmp(kind, "payload", 7))
        text = ikd_payload_name((uint8_t)v);
    else if (kind_len == 8 && !memcmp(kind, "exchange", 8))
        text = ikd_exchange_name((uint8_t)v);
    else if (kind_len == 8 && !memcmp(kind, "protocol", 8))
        text = ikd_protocol_name((uint8_t)v);
    else if (kind_len == 6 && !memcmp(kind, "notify", 6))
        text = ikd_notify_name((uint16_t)v);
    else if (kind_len == 6 && !memcmp(kind, "idtype", 6))
        text = ikd_id_type_name((uint8_t)v);
    else if (kind_len == 4 && !memcmp(kind, "step", 4))
        text = ikd_step_name((ikd_step)v);
    else if (kind_len == 5 && !memcmp(kind, "state", 5))
        text = ikd_ios_state_name((ikd_ios_state)v);
    else if (kind_len == 4 && !memcmp(kind, "role", 4))
        text = ikd_role_name((ikd_role)v);
    else if (kind_len == 4 && !memcmp(kind, "encr", 4))
        text = ikd_encryption_text((uint16_t)(v >> 16), (uint16_t)v, words, sizeof words);
    else if (kind_len == 4 && !memcmp(kind, "hash", 4))
        text = ikd_hash_text((uint16_t)v, words, sizeof words);
    else if (kind_len == 12 && !memcmp(kind, "p2attributes", 12))
        text = ikd_phase2_difference_names(v, words, sizeof words);
    else if (kind_len == 7 && !memcmp(kind, "p2offer", 7)) {
        /* three arguments from N on: a packed phase-2 transform */
        unsigned n = (unsigned)(token[0] - '0');
        if (n + 3 > IKD_FINDING_ARGS)
            return false;
        ikd_phase2_transform t = ikd_phase2_unpack(&f->arg[n]);
        text = ikd_phase2_ios_text(&t, words, sizeof words);
    } else if (kind_len == 8 && !memcmp(kind, "mismatch", 8))
        text = ikd_ios_mismatch_text((ikd_ios_mismatch)v);
    else if (kind_len == 10 && !memcmp(kind, "attributes", 10))
        text = ikd_attribute_names(v, words, sizeof words);
    else if (kind_len == 5 && !memcmp(kind, "offer", 5)) {
        /* four arguments from N on: a packed transform */
        unsigned n = (unsigned)(token[0] - '0');
        if (n + 4 > IKD_FINDING_ARGS)
            return false;
        ikd_transform t = ikd_transform_unpack(&f->arg[n]);
        GString *ios = g_string_new(NULL);
        ikd_ios_describe_transform(&t, ios);
        snprintf(words, sizeof words, "%s", ios->str);
        g_string_free(ios, TRUE);
        text = words;
    } else if (kind_len == 7 && !memcmp(kind, "finding", 7))
        text = ikd_finding_lookup((ikd_finding_id)v) ? ikd_finding_lookup((ikd_finding_id)v)->summary : "?";
    else if (kind_len == 6 && !memcmp(kind, "copies", 6))
        snprintf(num, sizeof num, "%u cop%s", (unsigned)v, v == 1 ? "y" : "ies");
    else if (kind_len == 2 && !memcmp(kind, "ms", 2)) /* milliseconds, shown as seconds */
        snprintf(num, sizeof num, "%u.%u s", (unsigned)(v / 1000), (unsigned)(v % 1000 / 100));
    else
        return false;
    ikd_text_add(s, text);
    return true;
}

char *ikd_finding_render(const char *template_text, const ikd_finding *f, char *buf, size_t size)
{
    ikd_text s;
    ikd_text_init(&s, buf, size);
    if (!size)
        return buf;
    const char *p = template_text ? template_text : "";
    while (*p) {
        const char *open = strchr(p, '{');
        const char *close = open ? strchr(open, '}') : NULL;
        if (!open || !close) {
            ikd_text_put(&s, p, strlen(p));
            break;
        }
        ikd_text_put(&s, p, (size_t)(open - p));
        if (!render_token(&s, open + 1, (size_t)(close - open - 1), f))
            ikd_text_put(&s, open, (size_t)(close - open + 1));
        p = close + 1;
    }
    return buf;
}
