/* ikediag - bounds-checked cursor over untrusted bytes.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/byte_reader.h"

ikd_reader ikd_reader_make(const uint8_t *data, size_t len, size_t base)
{
    ikd_reader r = { data, data ? len : 0, 0, base };
    return r;
}

size_t ikd_reader_remaining(const ikd_reader *r)
{
    return r->len - r->pos;
}

size_t ikd_reader_offset(const ikd_reader *r)
{
    return r->base + r->pos;
}

/* The one place that decides whether n more bytes exist; written so that a
 * huge n cannot overflow. */
static bool has(const ikd_reader *r, size_t n)
{
    return n <= r->len - r->pos;
}

bool ikd_read_u8(ikd_reader *r, uint8_t *out)
{
    if (!has(r, 1))
        return false;
    *out = r->data[r->pos];
    r->pos += 1;
    return true;
}

bool ikd_read_u16(ikd_reader *r, uint16_t *out)
{
    if (!has(r, 2))
        return false;
    const uint8_t *p = r->data + r->pos;
    *out = (uint16_t)((p[0] << 8) | p[1]);
    r->pos += 2;
    return true;
}

bool ikd_read_u32(ikd_reader *r, uint32_t *out)
{
    if (!has(r, 4))
        return false;
    const uint8_t *p = r->data + r->pos;
    *out = ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
    r->pos += 4;
    return true;
}

bool ikd_read_bytes(ikd_reader *r, size_t n, const uint8_t **out)
{
    if (!has(r, n))
        return false;
    *out = r->data ? r->data + r->pos : NULL; /* NULL + 0 is undefined behaviour */
    r->pos += n;
    return true;
}

bool ikd_reader_skip(ikd_reader *r, size_t n)
{
    if (!has(r, n))
        return false;
    r->pos += n;
    return true;
}

bool ikd_reader_sub(ikd_reader *r, size_t n, ikd_reader *sub)
{
    if (!has(r, n))
        return false;
    *sub = ikd_reader_make(r->data ? r->data + r->pos : NULL, n, r->base + r->pos);
    r->pos += n;
    return true;
}

bool ikd_bytes_all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}
