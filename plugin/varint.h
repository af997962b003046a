/* ikediag - LEB128 varints: seven bits a byte, the low ones first, the top
 * bit set on every byte but the last; for the records and the frame store.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_VARINT_H
#define IKEDIAG_VARINT_H

#include <glib.h>

/* At most 10 bytes (5 for a 32-bit value); returns how many it wrote. */
static inline size_t ikediag_varint_put(guint8 *out, guint64 v)
{
    size_t n = 0;
    while (v >= 0x80) {
        out[n++] = (guint8)(v | 0x80);
        v >>= 7;
    }
    out[n++] = (guint8)v;
    return n;
}

/* Returns how many bytes it read. */
static inline size_t ikediag_varint_get(const guint8 *in, guint64 *v)
{
    size_t n = 0;
    guint64 value = 0;
    for (unsigned shift = 0;; shift += 7) {
        guint8 b = in[n++];
        value |= (guint64)(b & 0x7f) << shift;
        if (!(b & 0x80))
            break;
    }
    *v = value;
    return n;
}

#endif
