/* ikediag - quick-mode ID payloads.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/proxy_ids.h"

#include "core/byte_reader.h"
#include "ikev1/ikev1_names.h"

#include <string.h>

enum { GENERIC_HEADER = 4 };

/* The address family, the kind and how many address bytes follow for each
 * address ID type; 0 bytes for the others. */
static size_t address_layout(uint8_t id_type, uint8_t *family, ikd_proxy_kind *kind)
{
    switch (id_type) {
    case IKD_ID_IPV4_ADDR: *family = 4; *kind = IKD_PROXY_ADDRESS; return 4;
    case IKD_ID_IPV4_ADDR_SUBNET: *family = 4; *kind = IKD_PROXY_SUBNET; return 8;
    case IKD_ID_IPV4_ADDR_RANGE: *family = 4; *kind = IKD_PROXY_RANGE; return 8;
    case IKD_ID_IPV6_ADDR: *family = 6; *kind = IKD_PROXY_ADDRESS; return 16;
    case IKD_ID_IPV6_ADDR_SUBNET: *family = 6; *kind = IKD_PROXY_SUBNET; return 32;
    case IKD_ID_IPV6_ADDR_RANGE: *family = 6; *kind = IKD_PROXY_RANGE; return 32;
    default: return 0;
    }
}

static bool read_address(ikd_reader *r, uint8_t family, ikd_address *out)
{
    const uint8_t *bytes;
    size_t n = family == 6 ? 16 : 4;
    if (!ikd_read_bytes(r, n, &bytes))
        return false;
    out->family = family;
    memcpy(out->bytes, bytes, n);
    return true;
}

bool ikd_v1_read_proxy_id(const uint8_t *bytes, size_t len, size_t offset, ikd_proxy_id *out)
{
    memset(out, 0, sizeof *out);
    if (!bytes || offset > len)
        return false;
    ikd_reader r = ikd_reader_make(bytes + offset, len - offset, offset);
    uint16_t payload_len, port;
    uint8_t id_type, protocol, family = 0;
    ikd_proxy_kind kind = IKD_PROXY_NONE;
    if (!ikd_reader_skip(&r, 2) || !ikd_read_u16(&r, &payload_len) || !ikd_read_u8(&r, &id_type) ||
        !ikd_read_u8(&r, &protocol) || !ikd_read_u16(&r, &port))
        return false;
    size_t need = address_layout(id_type, &family, &kind);
    if (!need || payload_len != GENERIC_HEADER + 4 + need)
        return false;
    if (!read_address(&r, family, &out->first) || (kind != IKD_PROXY_ADDRESS && !read_address(&r, family, &out->second)))
        return false;
    out->kind = (uint8_t)kind;
    out->protocol = protocol;
    out->port = port;
    return true;
}

bool ikd_v1_read_proxy_ids(const ikd_message *content, const uint8_t *plaintext, size_t len, ikd_proxy_id ids[2])
{
    int found = 0;
    for (uint32_t i = 0; i < content->payload_count && found < 2; i++) {
        const ikd_payload_ref *pl = &content->payloads[i];
        if (pl->type != IKD_PL_ID || pl->offset < IKD_ISAKMP_HEADER_LEN)
            continue;
        if (!ikd_v1_read_proxy_id(plaintext, len, pl->offset - IKD_ISAKMP_HEADER_LEN, &ids[found]))
            return false;
        found++;
    }
    return found == 2;
}
