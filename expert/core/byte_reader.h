/* ikediag - bounds-checked cursor over untrusted bytes.
 *
 * Every read from a capture goes through one of these functions. A read that
 * would pass the end fails, leaves the cursor where it was and returns false;
 * nothing here ever touches memory outside [data, data + len).
 *
 * They are inline: called for every field of every message, as calls into
 * another file they were a tenth of the engine's instructions (callgrind,
 * 3k healthy SAs through tshark).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_BYTE_READER_H
#define IKD_BYTE_READER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct ikd_reader {
    const uint8_t *data; /* first byte this reader may see */
    size_t len;          /* bytes it may see */
    size_t pos;          /* next byte to read, 0..len */
    size_t base;         /* offset of data[0] within the whole message, for findings */
} ikd_reader;

static inline ikd_reader ikd_reader_make(const uint8_t *data, size_t len, size_t base)
{
    ikd_reader r = { data, data ? len : 0, 0, base };
    return r;
}

static inline size_t ikd_reader_remaining(const ikd_reader *r)
{
    return r->len - r->pos;
}

/* Offset of the next byte within the whole message. */
static inline size_t ikd_reader_offset(const ikd_reader *r)
{
    return r->base + r->pos;
}

/* The one place that decides whether n more bytes exist; written so that a
 * huge n cannot overflow. */
static inline bool ikd_reader_has(const ikd_reader *r, size_t n)
{
    return n <= r->len - r->pos;
}

static inline bool ikd_read_u8(ikd_reader *r, uint8_t *out)
{
    if (!ikd_reader_has(r, 1))
        return false;
    *out = r->data[r->pos];
    r->pos += 1;
    return true;
}

/* network order */
static inline bool ikd_read_u16(ikd_reader *r, uint16_t *out)
{
    if (!ikd_reader_has(r, 2))
        return false;
    const uint8_t *p = r->data + r->pos;
    *out = (uint16_t)((p[0] << 8) | p[1]);
    r->pos += 2;
    return true;
}

/* network order */
static inline bool ikd_read_u32(ikd_reader *r, uint32_t *out)
{
    if (!ikd_reader_has(r, 4))
        return false;
    const uint8_t *p = r->data + r->pos;
    *out = ((uint32_t)p[0] << 24) | ((uint32_t)p[1] << 16) | ((uint32_t)p[2] << 8) | p[3];
    r->pos += 4;
    return true;
}

static inline bool ikd_read_bytes(ikd_reader *r, size_t n, const uint8_t **out)
{
    if (!ikd_reader_has(r, n))
        return false;
    *out = r->data ? r->data + r->pos : NULL; /* NULL + 0 is undefined behaviour */
    r->pos += n;
    return true;
}

static inline bool ikd_reader_skip(ikd_reader *r, size_t n)
{
    if (!ikd_reader_has(r, n))
        return false;
    r->pos += n;
    return true;
}

/* Carves the next n bytes into *sub (whose offsets stay message-relative) and
 * advances past them. */
static inline bool ikd_reader_sub(ikd_reader *r, size_t n, ikd_reader *sub)
{
    if (!ikd_reader_has(r, n))
        return false;
    *sub = ikd_reader_make(r->data ? r->data + r->pos : NULL, n, r->base + r->pos);
    r->pos += n;
    return true;
}

bool ikd_bytes_all_zero(const uint8_t *p, size_t n);

#endif
