/* ikediag - text into fixed-size buffers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/text_buf.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ikd_text_init(ikd_text *t, char *buf, size_t size)
{
    t->buf = buf;
    t->size = size;
    t->used = 0;
    if (size)
        buf[0] = '\0';
}

void ikd_text_put(ikd_text *t, const char *text, size_t n)
{
    if (t->used + 1 >= t->size)
        return;
    size_t room = t->size - 1 - t->used;
    if (n > room)
        n = room;
    memcpy(t->buf + t->used, text, n);
    t->used += n;
    t->buf[t->used] = '\0';
}

void ikd_text_add(ikd_text *t, const char *text)
{
    ikd_text_put(t, text, strlen(text));
}

void ikd_text_printf(ikd_text *t, const char *fmt, ...)
{
    if (t->used + 1 >= t->size)
        return;
    va_list args;
    va_start(args, fmt);
    int n = vsnprintf(t->buf + t->used, t->size - t->used, fmt, args);
    va_end(args);
    if (n > 0)
        t->used += (size_t)n < t->size - t->used ? (size_t)n : t->size - t->used - 1;
}

const char *ikd_bit_names(unsigned bits, const char *const *names, size_t count, char *buf, size_t size)
{
    ikd_text t;
    ikd_text_init(&t, buf, size);
    for (size_t i = 0; i < count && i < sizeof bits * 8; i++)
        if (bits & (1u << i)) {
            if (t.used)
                ikd_text_add(&t, ", ");
            ikd_text_add(&t, names[i]);
        }
    return buf;
}

size_t ikd_text_line_length(const char *text, size_t max)
{
    size_t len = strlen(text);
    if (len <= max || max == 0)
        return len;
    size_t sentence = 0, space = 0;
    for (size_t i = 0; i < max; i++) {
        if (text[i] == ' ') {
            space = i + 1;
            if (i > 0 && text[i - 1] == '.')
                sentence = i + 1;
        }
    }
    if (sentence)
        return sentence;
    return space ? space : max;
}
