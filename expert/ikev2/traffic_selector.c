/* ikediag - IKEv2 traffic selectors (RFC 7296 3.13.1): a count, then that
 * many selectors, each an address range and a port range for one IP
 * protocol.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/traffic_selector.h"

#include "ikev2/ikev2_names.h"

#include <string.h>

enum { SELECTOR_HEADER = 8, IPV4_LEN = 16, IPV6_LEN = 40, OPAQUE_START = 65535 };

/* The selector's length for its type, 0 when this reader does not know the
 * type's layout (Fibre Channel, RFC 4595, is known but not read). */
static size_t selector_length(uint8_t ts_type)
{
    return ts_type == IKD_V2_TS_IPV4 ? IPV4_LEN : ts_type == IKD_V2_TS_IPV6 ? IPV6_LEN : 0;
}

/* The address range of an IPv4 or IPv6 selector: start and end, compared
 * as big-endian numbers. */
static bool addresses_ordered(ikd_reader *r, size_t address_len)
{
    const uint8_t *start, *end;
    if (!ikd_read_bytes(r, address_len, &start) || !ikd_read_bytes(r, address_len, &end))
        return true;
    return memcmp(start, end, address_len) <= 0;
}

/* One selector; false when the rest of the payload cannot be read. */
static bool check_selector(ikd_v2_walk *w, uint8_t type, ikd_reader *body, uint32_t index)
{
    size_t offset = ikd_reader_offset(body), left = ikd_reader_remaining(body);
    uint8_t ts_type = 0, protocol;
    uint16_t length, start_port = 0, end_port = 0;
    if (!ikd_read_u8(body, &ts_type) || !ikd_read_u8(body, &protocol) || !ikd_read_u16(body, &length)) {
        ikd_v2_flag(w, IKD_F_V2_TS_LENGTH, offset, left, ts_type, (uint32_t)left, SELECTOR_HEADER, 0);
        return false;
    }
    size_t want = selector_length(ts_type);
    if (!want && ts_type != IKD_V2_TS_FC) {
        ikd_v2_flag(w, IKD_F_V2_TS_TYPE, offset, 1, ts_type, type, 0, 0);
        return false;
    }
    ikd_reader selector;
    if ((want && length != want) || length < SELECTOR_HEADER) {
        ikd_v2_flag(w, IKD_F_V2_TS_LENGTH, offset, 4, ts_type, length, (uint32_t)(want ? want : SELECTOR_HEADER), 0);
        return false;
    }
    if (!ikd_reader_sub(body, length - 4u, &selector)) {
        ikd_v2_flag(w, IKD_F_PAYLOAD_OVERRUN, offset, left, type, length, (uint32_t)left, 0);
        return false;
    }
    if (!want)
        return true;
    (void)(ikd_read_u16(&selector, &start_port) && ikd_read_u16(&selector, &end_port));
    /* Start 65535, end 0 is RFC 7296's OPAQUE port, not an empty range. */
    if (start_port > end_port && !(start_port == OPAQUE_START && end_port == 0))
        ikd_v2_flag(w, IKD_F_V2_TS_PORT_RANGE, offset + 4, 4, index, type, start_port, end_port);
    if (!addresses_ordered(&selector, (want - SELECTOR_HEADER) / 2))
        ikd_v2_flag(w, IKD_F_V2_TS_ADDRESS_RANGE, offset + SELECTOR_HEADER, want - SELECTOR_HEADER, index, type, 0,
                    0);
    return true;
}

void ikd_v2_check_traffic_selectors(ikd_v2_walk *w, uint8_t type, ikd_reader *body, size_t payload_offset)
{
    uint8_t announced;
    const uint8_t *reserved;
    if (!ikd_read_u8(body, &announced) || !ikd_read_bytes(body, 3, &reserved))
        return;
    if (!ikd_bytes_all_zero(reserved, 3))
        ikd_v2_flag(w, IKD_F_RESERVED_NOT_ZERO, payload_offset + 5, 3, type, 0, 0, 0);
    uint32_t count = 0;
    while (ikd_reader_remaining(body)) {
        if (!check_selector(w, type, body, count + 1))
            return; /* its finding says why; the count cannot be trusted past it */
        count++;
    }
    if (count != announced)
        ikd_v2_flag(w, IKD_F_V2_TS_COUNT, payload_offset + 4, 1, type, announced, count, 0);
}
