/* ikediag - tokens and messages of pasted IOS configuration.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/ios_config_text.h"

#include "ikev1/ios_policy.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

void ikd_ios_vsay(ikd_ios_messages *m, bool error, const char *fmt, va_list ap)
{
    if (error)
        m->errors++;
    if (!m->out)
        return;
    if (m->shown >= IKD_IOS_MAX_MESSAGES) {
        m->hidden++;
        return;
    }
    m->shown++;
    g_string_append_printf(m->out, "line %u: ", m->line);
    g_string_append_vprintf(m->out, fmt, ap);
    if (error && m->skip_priority)
        g_string_append_printf(m->out, "; policy %u skipped", m->skip_priority);
    g_string_append_c(m->out, '\n');
}

void ikd_ios_say(ikd_ios_messages *m, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ikd_ios_vsay(m, error, fmt, ap);
    va_end(ap);
}

const char *ikd_ios_quote(ikd_ios_quoted *q, ikd_span t)
{
    size_t o = 0;
    size_t n = t.n < IKD_IOS_QUOTE_MAX ? t.n : IKD_IOS_QUOTE_MAX;
    q->s[o++] = '\'';
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)t.p[i];
        if (ch >= 0x20 && ch < 0x7f && ch != '\\' && ch != '\'')
            q->s[o++] = (char)ch;
        else
            o += (size_t)snprintf(q->s + o, sizeof q->s - o, "\\x%02x", ch);
    }
    if (t.n > n) {
        memcpy(q->s + o, "...", 3);
        o += 3;
    }
    q->s[o++] = '\'';
    q->s[o] = '\0';
    return q->s;
}

bool ikd_ios_is_blank(char ch)
{
    return ch == ' ' || ch == '\t' || ch == '\v' || ch == '\f';
}

bool ikd_ios_next_token(ikd_span *rest, ikd_span *tok)
{
    while (rest->n && ikd_ios_is_blank(*rest->p)) {
        rest->p++;
        rest->n--;
    }
    if (!rest->n)
        return false;
    tok->p = rest->p;
    while (rest->n && !ikd_ios_is_blank(*rest->p)) {
        rest->p++;
        rest->n--;
    }
    tok->n = (size_t)(rest->p - tok->p);
    return true;
}

/* IOS keywords are case-insensitive. A NUL inside t never matches. */
bool ikd_ios_is_word(ikd_span t, const char *word)
{
    size_t n = strlen(word);
    return t.n == n && g_ascii_strncasecmp(t.p, word, n) == 0;
}

/* Decimal digits only, at most 10 of them, no sign, no overflow. */
bool ikd_ios_parse_number(ikd_span t, uint32_t *out)
{
    uint64_t v = 0;
    if (t.n == 0 || t.n > 10)
        return false;
    for (size_t i = 0; i < t.n; i++) {
        if (t.p[i] < '0' || t.p[i] > '9')
            return false;
        v = v * 10 + (uint64_t)(t.p[i] - '0');
    }
    if (v > UINT32_MAX)
        return false;
    *out = (uint32_t)v;
    return true;
}

/* Copies t into dst (size bytes with the NUL), bytes outside printable ASCII
 * as '?'. Returns false if t did not fit. */
bool ikd_ios_copy_printable(char *dst, size_t size, ikd_span t)
{
    size_t n = t.n < size - 1 ? t.n : size - 1;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)t.p[i];
        dst[i] = ch >= 0x20 && ch < 0x7f ? (char)ch : '?';
    }
    dst[n] = '\0';
    return n == t.n;
}


/* A dotted quad: four decimal numbers 0-255, nothing else. */
bool ikd_ios_parse_ipv4(ikd_span t, ikd_address *out)
{
    unsigned part = 0, value = 0, digits = 0;
    memset(out, 0, sizeof *out);
    for (size_t i = 0; i <= t.n; i++) {
        char ch = i < t.n ? t.p[i] : '.';
        if (ch >= '0' && ch <= '9' && digits < 3) {
            value = value * 10 + (unsigned)(ch - '0');
            digits++;
        } else if (ch == '.' && digits && value <= 255 && part < 4) {
            out->bytes[part++] = (uint8_t)value;
            value = digits = 0;
        } else {
            return false;
        }
    }
    out->family = 4;
    return part == 4;
}
