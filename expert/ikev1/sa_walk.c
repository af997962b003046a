/* ikediag - walking SA payloads (RFC 2408 3.4-3.6, RFC 2407 4.6.1).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/sa_walk.h"

enum { DOI_IPSEC = 1, SIT_IDENTITY_ONLY = 1 };

uint32_t ikd_sa_walk_value(const uint8_t *p, size_t len)
{
    uint64_t v = 0;
    for (size_t i = 0; i < len; i++) {
        v = (v << 8) | p[i];
        if (v > UINT32_MAX)
            return UINT32_MAX;
    }
    return (uint32_t)v;
}

bool ikd_sa_walk_open(const uint8_t *msg, size_t len, size_t payload_offset, ikd_reader *proposals)
{
    ikd_reader r = ikd_reader_make(msg, len, 0);
    uint8_t next;
    uint16_t sa_len;
    uint32_t doi, situation;
    return msg && ikd_reader_skip(&r, payload_offset) && ikd_read_u8(&r, &next) && ikd_reader_skip(&r, 1) &&
           ikd_read_u16(&r, &sa_len) && sa_len >= 12 && ikd_reader_sub(&r, sa_len - 4u, proposals) &&
           ikd_read_u32(proposals, &doi) && ikd_read_u32(proposals, &situation) && doi == DOI_IPSEC &&
           situation == SIT_IDENTITY_ONLY;
}

bool ikd_sa_walk_sub_payload(ikd_reader *parent, uint8_t *next, ikd_reader *body)
{
    uint8_t reserved;
    uint16_t length;
    return ikd_read_u8(parent, next) && ikd_read_u8(parent, &reserved) && ikd_read_u16(parent, &length) &&
           length >= 8 && ikd_reader_sub(parent, length - 4u, body);
}

bool ikd_sa_walk_attribute(ikd_reader *r, uint16_t *type, uint32_t *value)
{
    uint16_t field;
    const uint8_t *data;
    if (!ikd_read_u16(r, type) || !ikd_read_u16(r, &field))
        return false;
    if (*type & IKD_SA_ATTR_TV) { /* TV: the value is the field itself */
        *value = field;
        return true;
    }
    if (!ikd_read_bytes(r, field, &data))
        return false;
    *value = ikd_sa_walk_value(data, field);
    return true;
}

void ikd_sa_walk_life_duration(uint16_t life_type, uint32_t value, uint32_t *seconds, uint32_t *kilobytes)
{
    if (life_type == IKD_LIFE_SECONDS)
        *seconds = value;
    else if (life_type == IKD_LIFE_KILOBYTES)
        *kilobytes = value;
}
