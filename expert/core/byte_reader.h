/* ikediag - bounds-checked cursor over untrusted bytes.
 *
 * Every read from a capture goes through one of these functions. A read that
 * would pass the end fails, leaves the cursor where it was and returns false;
 * nothing here ever touches memory outside [data, data + len).
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

ikd_reader ikd_reader_make(const uint8_t *data, size_t len, size_t base);

size_t ikd_reader_remaining(const ikd_reader *r);
/* Offset of the next byte within the whole message. */
size_t ikd_reader_offset(const ikd_reader *r);

bool ikd_read_u8(ikd_reader *r, uint8_t *out);
bool ikd_read_u16(ikd_reader *r, uint16_t *out); /* network order */
bool ikd_read_u32(ikd_reader *r, uint32_t *out); /* network order */
bool ikd_read_bytes(ikd_reader *r, size_t n, const uint8_t **out);
bool ikd_reader_skip(ikd_reader *r, size_t n);
/* Carves the next n bytes into *sub (whose offsets stay message-relative) and
 * advances past them. */
bool ikd_reader_sub(ikd_reader *r, size_t n, ikd_reader *sub);

bool ikd_bytes_all_zero(const uint8_t *p, size_t n);

#endif
