/* ikediag - addresses: equality and RFC 5952 text.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/address.h"

#include "core/text_buf.h"

#include <string.h>

bool ikd_address_equal(const ikd_address *a, const ikd_address *b)
{
    if (a->family != b->family)
        return false;
    /* Constant lengths: the compiler compares in place (a call to memcmp
     * was most of an SA's peer lookup, every message). */
    return a->family == 6 ? !memcmp(a->bytes, b->bytes, 16) : !memcmp(a->bytes, b->bytes, 4);
}

ikd_address ikd_address_canonical(const ikd_address *a)
{
    ikd_address out;
    memset(&out, 0, sizeof out);
    out.family = a->family;
    memcpy(out.bytes, a->bytes, a->family == 6 ? 16 : a->family == 4 ? 4 : 0);
    return out;
}

_Static_assert(sizeof(ikd_address_pair) == 2 * (1 + 16), "a pair is hashed as bytes: no padding");

ikd_address_pair ikd_address_pair_of(const ikd_address *a, const ikd_address *b)
{
    ikd_address x = ikd_address_canonical(a), y = ikd_address_canonical(b);
    bool x_first = memcmp(&x, &y, sizeof x) <= 0;
    return (ikd_address_pair){ x_first ? x : y, x_first ? y : x };
}

/* The longest run of two or more zero groups, which RFC 5952 writes "::". */
static int longest_zero_run(const uint16_t groups[8], int *run_length)
{
    int best = -1;
    *run_length = 1;
    for (int i = 0; i < 8;) {
        int j = i;
        while (j < 8 && groups[j] == 0)
            j++;
        if (j - i > *run_length) {
            best = i;
            *run_length = j - i;
        }
        i = j > i ? j : i + 1;
    }
    return best;
}

/* Numbers written by hand: printf was most of the cost of drawing the SA
 * tables, and a division by a base known only at run time most of what was
 * left (callgrind). A byte in decimal; a group in lower-case hex without
 * leading zeros (RFC 5952 4.1). Each returns its length. */
static size_t put_decimal_byte(char *out, unsigned value)
{
    size_t n = value >= 100 ? 3 : value >= 10 ? 2 : 1;
    for (size_t i = n; i-- > 0; value /= 10)
        out[i] = (char)('0' + value % 10);
    return n;
}

static size_t put_hex_group(char *out, unsigned value)
{
    size_t n = value >= 0x1000 ? 4 : value >= 0x100 ? 3 : value >= 0x10 ? 2 : 1;
    for (size_t i = n; i-- > 0; value >>= 4)
        out[i] = "0123456789abcdef"[value & 0xf];
    return n;
}

const char *ikd_address_format(const ikd_address *a, char *buf, size_t size)
{
    char text[48]; /* an IPv6 address is at most 39 characters */
    size_t n = 0;
    if (a->family == 4) {
        for (int i = 0; i < 4; i++) {
            if (i)
                text[n++] = '.';
            n += put_decimal_byte(text + n, a->bytes[i]);
        }
    } else if (a->family == 6) {
        uint16_t groups[8];
        for (int i = 0; i < 8; i++)
            groups[i] = (uint16_t)(a->bytes[2 * i] << 8 | a->bytes[2 * i + 1]);
        int run_length;
        int run = longest_zero_run(groups, &run_length);
        for (int i = 0; i < 8; i++) {
            if (i == run) {
                text[n++] = ':';
                text[n++] = ':';
                i += run_length - 1;
                continue;
            }
            if (i != 0 && i != run + run_length)
                text[n++] = ':';
            n += put_hex_group(text + n, groups[i]);
        }
    } else {
        text[n++] = '?';
    }
    ikd_text t;
    ikd_text_init(&t, buf, size);
    ikd_text_put(&t, text, n);
    return buf;
}

void ikd_address_pack(const ikd_address *a, uint32_t words[4])
{
    uint8_t b[16] = { 0 };
    if (a->family == 6) {
        memcpy(b, a->bytes, 16);
    } else if (a->family == 4) {
        b[10] = b[11] = 0xff;
        memcpy(b + 12, a->bytes, 4);
    }
    for (int i = 0; i < 4; i++)
        words[i] = (uint32_t)b[4 * i] << 24 | (uint32_t)b[4 * i + 1] << 16 | (uint32_t)b[4 * i + 2] << 8 | b[4 * i + 3];
}

ikd_address ikd_address_unpack(const uint32_t words[4])
{
    static const uint8_t mapped[12] = { 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff };
    static const uint8_t zero[16] = { 0 };
    ikd_address a = { 6, { 0 } };
    for (int i = 0; i < 16; i++)
        a.bytes[i] = (uint8_t)(words[i / 4] >> (24 - 8 * (i % 4)));
    if (!memcmp(a.bytes, zero, 16)) {
        a.family = 0;
    } else if (!memcmp(a.bytes, mapped, 12)) {
        a.family = 4;
        memmove(a.bytes, a.bytes + 12, 4);
        memset(a.bytes + 4, 0, 12);
    }
    return a;
}
