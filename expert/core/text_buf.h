/* ikediag - text into fixed-size buffers: appended without ever writing past
 * the end (what does not fit is dropped, the text stays NUL-terminated), and
 * split into lines short enough for a display that cuts long labels.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_TEXT_BUF_H
#define IKEDIAG_TEXT_BUF_H

#include <glib.h>
#include <stddef.h>

typedef struct {
    char *buf;
    size_t size;
    size_t used;
} ikd_text;

/* Starts an empty text in buf (size may be 0: then nothing is ever written). */
void ikd_text_init(ikd_text *t, char *buf, size_t size);
/* Appends the first n bytes of text. */
void ikd_text_put(ikd_text *t, const char *text, size_t n);
/* Appends a string. */
void ikd_text_add(ikd_text *t, const char *text);
/* Appends printf-style text. */
void ikd_text_printf(ikd_text *t, const char *fmt, ...) G_GNUC_PRINTF(2, 3);

/* names[i] for each bit i set in bits (i < count), joined by ", ", into buf. */
const char *ikd_bit_names(unsigned bits, const char *const *names, size_t count, char *buf, size_t size);

/* How many bytes of text make its next line of at most max bytes: up to and
 * including the end of a sentence (". ") if one ends within max, otherwise
 * up to the last space within max, otherwise max. The line's trailing space
 * is counted, so text + the result is where the following line starts. */
size_t ikd_text_line_length(const char *text, size_t max);

#endif
