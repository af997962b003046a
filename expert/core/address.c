/* ikediag - addresses: equality and RFC 5952 text.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/address.h"

#include "core/text_buf.h"

#include <stdio.h>
#include <string.h>

bool ikd_address_equal(const ikd_address *a, const ikd_address *b)
{
    size_t n = a->family == 6 ? 16 : 4;
    return a->family == b->family && !memcmp(a->bytes, b->bytes, n);
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

const char *ikd_address_format(const ikd_address *a, char *buf, size_t size)
{
    if (a->family == 4) {
        snprintf(buf, size, "%u.%u.%u.%u", a->bytes[0], a->bytes[1], a->bytes[2], a->bytes[3]);
        return buf;
    }
    if (a->family != 6) {
        snprintf(buf, size, "?");
        return buf;
    }
    uint16_t groups[8];
    for (int i = 0; i < 8; i++)
        groups[i] = (uint16_t)(a->bytes[2 * i] << 8 | a->bytes[2 * i + 1]);
    int run_length;
    int run = longest_zero_run(groups, &run_length);
    ikd_text text;
    ikd_text_init(&text, buf, size);
    for (int i = 0; i < 8; i++) {
        if (i == run) {
            ikd_text_add(&text, "::");
            i += run_length - 1;
            continue;
        }
        const char *separator = (i == 0 || i == run + run_length) ? "" : ":";
        ikd_text_printf(&text, "%s%x", separator, groups[i]);
    }
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
