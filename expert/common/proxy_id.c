/* ikediag - proxy identities in IOS's words.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/proxy_id.h"

#include "core/text_buf.h"

#include <string.h>

int ikd_mask_prefix_length(const ikd_address *mask)
{
    size_t bytes = mask->family == 6 ? 16 : 4;
    int length = 0;
    bool ended = false;
    for (size_t i = 0; i < bytes; i++) {
        for (int bit = 7; bit >= 0; bit--) {
            bool set = (mask->bytes[i] >> bit) & 1;
            if (set && ended)
                return -1;
            ended |= !set;
            length += set;
        }
    }
    return length;
}

/* The block's address part: "a/mask" for IPv4, "a/len" for IPv6, "a-b" for a range. */
static void add_block(ikd_text *text, const ikd_proxy_id *id)
{
    char first[IKD_ADDRESS_TEXT], second[IKD_ADDRESS_TEXT];
    ikd_address_format(&id->first, first, sizeof first);
    bool v6 = id->first.family == 6;
    switch ((ikd_proxy_kind)id->kind) {
    case IKD_PROXY_ADDRESS:
        ikd_text_printf(text, "%s/%s", first, v6 ? "128" : "255.255.255.255");
        break;
    case IKD_PROXY_SUBNET:
        if (v6)
            ikd_text_printf(text, "%s/%d", first, ikd_mask_prefix_length(&id->second));
        else
            ikd_text_printf(text, "%s/%s", first, ikd_address_format(&id->second, second, sizeof second));
        break;
    case IKD_PROXY_RANGE:
        ikd_text_printf(text, "%s-%s", first, ikd_address_format(&id->second, second, sizeof second));
        break;
    case IKD_PROXY_NONE: break;
    }
}

const char *ikd_proxy_id_format(const ikd_proxy_id *id, char *buf, size_t size)
{
    ikd_text text;
    ikd_text_init(&text, buf, size);
    if (id->kind == IKD_PROXY_NONE)
        return buf;
    add_block(&text, id);
    ikd_text_printf(&text, "/%u/%u", id->protocol, id->port);
    return buf;
}

bool ikd_proxy_id_equal(const ikd_proxy_id *a, const ikd_proxy_id *b)
{
    if (a->kind != b->kind || a->protocol != b->protocol || a->port != b->port)
        return false;
    if (!ikd_address_equal(&a->first, &b->first))
        return false;
    return a->kind == IKD_PROXY_ADDRESS || ikd_address_equal(&a->second, &b->second);
}
