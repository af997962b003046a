/* ikediag - SCEP operations named in HTTP requests.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scep/operation.h"

#include <string.h>

ikd_scep_op ikd_scep_op_of(const char *value)
{
    if (!value)
        return IKD_SCEP_OP_NONE;
    /* RFC 8894 spells them with this case; servers match them case-insensitively. */
    if (g_ascii_strcasecmp(value, "GetCACaps") == 0)
        return IKD_SCEP_OP_GET_CA_CAPS;
    if (g_ascii_strcasecmp(value, "GetCACert") == 0)
        return IKD_SCEP_OP_GET_CA_CERT;
    if (g_ascii_strcasecmp(value, "GetNextCACert") == 0)
        return IKD_SCEP_OP_GET_NEXT_CA_CERT;
    if (g_ascii_strcasecmp(value, "PKIOperation") == 0)
        return IKD_SCEP_OP_PKI_OPERATION;
    return IKD_SCEP_OP_OTHER;
}

const char *ikd_scep_op_name(ikd_scep_op op)
{
    switch (op) {
    case IKD_SCEP_OP_GET_CA_CAPS: return "GetCACaps";
    case IKD_SCEP_OP_GET_CA_CERT: return "GetCACert";
    case IKD_SCEP_OP_GET_NEXT_CA_CERT: return "GetNextCACert";
    case IKD_SCEP_OP_PKI_OPERATION: return "PKIOperation";
    case IKD_SCEP_OP_OTHER: return "(unknown operation)";
    case IKD_SCEP_OP_NONE: break;
    }
    return "(none)";
}

GBytes *ikd_scep_decode_get_message(const char *value, size_t max_len)
{
    if (!value || !value[0] || strlen(value) > 4 * max_len)
        return NULL;
    char *unescaped = g_uri_unescape_string(value, NULL);
    if (!unescaped)
        return NULL;
    /* base64 only: GLib's decoder skips anything else silently, so check first */
    for (const char *c = unescaped; *c; c++)
        if (!g_ascii_isalnum(*c) && !strchr("+/=\r\n", *c)) {
            g_free(unescaped);
            return NULL;
        }
    gsize len = 0;
    guchar *der = g_base64_decode(unescaped, &len);
    g_free(unescaped);
    if (!der || len == 0 || len > max_len) {
        g_free(der);
        return NULL;
    }
    return g_bytes_new_take(der, len);
}

void ikd_scep_capabilities_text(const uint8_t *body, size_t len, char *out, size_t size)
{
    size_t at = 0, line_start = 1; /* line_start: the next printable byte begins a capability */
    out[0] = '\0';
    for (size_t i = 0; i < len && at + 3 < size; i++) {
        uint8_t b = body[i];
        if (b == '\n' || b == '\r') {
            line_start = 1;
            continue;
        }
        if (line_start && at > 0) {
            out[at++] = ',';
            out[at++] = ' ';
        }
        line_start = 0;
        if (at + 1 < size)
            out[at++] = g_ascii_isprint(b) ? (char)b : '?';
    }
    out[at < size ? at : size - 1] = '\0';
}
