/* ikediag - reading pasted IOS configuration: the tokens of a line and the
 * messages about it, shared by the readers of each kind of block
 * (ios_policy.c, ios_acl.c, ios_crypto_map.c).
 *
 * Untrusted input: a span may hold any byte; nothing here reads past it, and
 * a message quotes at most IKD_IOS_QUOTE_MAX bytes of it, escaped.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IOS_CONFIG_TEXT_H
#define IKD_IOS_CONFIG_TEXT_H

#include "core/address.h"

#include <glib.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* A piece of the input: not NUL-terminated, may contain any byte. */
typedef struct {
    const char *p;
    size_t n;
} ikd_span;

enum { IKD_IOS_QUOTE_MAX = 40 };

/* A token for a message: 'text', printable ASCII kept, every other byte (and
 * ' and \) as \xNN, at most IKD_IOS_QUOTE_MAX input bytes then "...". */
typedef struct {
    char s[IKD_IOS_QUOTE_MAX * 4 + 8];
} ikd_ios_quoted;

const char *ikd_ios_quote(ikd_ios_quoted *q, ikd_span t);

bool ikd_ios_is_blank(char ch);
/* The next blank-separated token of rest (which moves past it); false at the end. */
bool ikd_ios_next_token(ikd_span *rest, ikd_span *tok);
/* IOS keywords are case-insensitive. A NUL inside t never matches. */
bool ikd_ios_is_word(ikd_span t, const char *word);
/* Decimal digits only, at most 10 of them, no sign, no overflow. */
bool ikd_ios_parse_number(ikd_span t, uint32_t *out);
/* Copies t into dst (size bytes with the NUL), bytes outside printable ASCII
 * as '?'. Returns false if t did not fit. */
bool ikd_ios_copy_printable(char *dst, size_t size, ikd_span t);

/* A dotted quad: four decimal numbers 0-255 and nothing else. */
bool ikd_ios_parse_ipv4(ikd_span t, ikd_address *out);

/* Messages about the file: "line N: ...", capped at IKD_IOS_MAX_MESSAGES
 * (the rest only counted in hidden). out may be NULL. */
typedef struct {
    GString *out;
    guint shown;
    guint hidden;
    guint errors;
    uint32_t line;          /* the line being read */
    uint32_t skip_priority; /* while a policy's sub-line is read: errors say it is skipped */
} ikd_ios_messages;

void ikd_ios_say(ikd_ios_messages *m, bool error, const char *fmt, ...) G_GNUC_PRINTF(3, 4);
void ikd_ios_vsay(ikd_ios_messages *m, bool error, const char *fmt, va_list ap) G_GNUC_PRINTF(3, 0);

#endif
