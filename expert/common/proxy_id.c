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

/* The IPv4 mask of a prefix length (0..32). */
static void mask_of_prefix(unsigned prefix, ikd_address *mask)
{
    uint32_t bits = prefix ? 0xffffffffu << (32 - prefix) : 0;
    mask->family = 4;
    for (int i = 0; i < 4; i++)
        mask->bytes[i] = (uint8_t)(bits >> (24 - 8 * i));
}

static uint32_t ipv4_word(const ikd_address *a)
{
    return (uint32_t)a->bytes[0] << 24 | (uint32_t)a->bytes[1] << 16 | (uint32_t)a->bytes[2] << 8 | a->bytes[3];
}

void ikd_proxy_id_pack(const ikd_proxy_id *id, uint32_t words[2])
{
    words[0] = words[1] = 0;
    if (id->kind == IKD_PROXY_NONE)
        return;
    int prefix = id->kind == IKD_PROXY_ADDRESS ? 32 : id->kind == IKD_PROXY_SUBNET ? ikd_mask_prefix_length(&id->second) : -1;
    if (id->first.family != 4 || prefix < 0) {
        words[1] = (uint32_t)IKD_PROXY_PACKED_OTHER << 30;
        return;
    }
    words[0] = ipv4_word(&id->first);
    words[1] = (uint32_t)id->kind << 30 | (uint32_t)prefix << 24 | (uint32_t)id->protocol << 16 | id->port;
}

unsigned ikd_proxy_id_packed_kind(const uint32_t words[2])
{
    return words[1] >> 30;
}

bool ikd_proxy_id_unpack(const uint32_t words[2], ikd_proxy_id *id)
{
    memset(id, 0, sizeof *id);
    unsigned kind = ikd_proxy_id_packed_kind(words), prefix = (words[1] >> 24) & 0x3f;
    if ((kind != IKD_PROXY_ADDRESS && kind != IKD_PROXY_SUBNET) || prefix > 32)
        return false;
    id->kind = (uint8_t)kind;
    id->protocol = (uint8_t)(words[1] >> 16);
    id->port = (uint16_t)words[1];
    id->first.family = 4;
    for (int i = 0; i < 4; i++)
        id->first.bytes[i] = (uint8_t)(words[0] >> (24 - 8 * i));
    if (kind == IKD_PROXY_SUBNET)
        mask_of_prefix(prefix, &id->second);
    return true;
}
