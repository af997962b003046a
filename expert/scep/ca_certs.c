/* ikediag - GetCACert answers read with GnuTLS.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scep/ca_certs.h"

#include <glib.h>
#include <gnutls/crypto.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs7.h>
#include <stdio.h>
#include <string.h>

/* Upper-case hex in groups of eight digits, the way IOS prints fingerprints
 * ("Certificate Request Fingerprint MD5: 45C423D0 65B51004 ..."). */
static void grouped_hex(char *out, size_t size, const unsigned char *digest, size_t len)
{
    size_t at = 0;
    out[0] = '\0';
    for (size_t i = 0; i < len && at + 4 < size; i++) {
        if (i > 0 && i % 4 == 0)
            out[at++] = ' ';
        at += (size_t)snprintf(out + at, size - at, "%02X", digest[i]);
    }
}

static void fingerprint(gnutls_digest_algorithm_t algorithm, const gnutls_datum_t *der, char *out, size_t size)
{
    unsigned char digest[32];
    size_t len = sizeof digest;
    out[0] = '\0';
    if (gnutls_fingerprint(algorithm, der, digest, &len) == 0)
        grouped_hex(out, size, digest, len);
}

static bool read_one(const unsigned char *der, size_t len, ikd_scep_ca_cert *out)
{
    ikd_cert_info info;
    memset(out, 0, sizeof *out);
    if (len > G_MAXUINT32 || !ikd_cert_parse(der, len, &info))
        return false;
    g_strlcpy(out->subject, info.subject, sizeof out->subject);
    g_strlcpy(out->issuer, info.issuer, sizeof out->issuer);
    out->is_ca = info.is_ca;
    GDateTime *end = info.not_after >= 0 ? g_date_time_new_from_unix_utc(info.not_after) : NULL;
    if (end) {
        gchar *text = g_date_time_format(end, "%Y-%m-%d %H:%M:%S UTC");
        g_strlcpy(out->not_after, text ? text : "", sizeof out->not_after);
        g_free(text);
        g_date_time_unref(end);
    }
    gnutls_datum_t d = { (unsigned char *)der, (unsigned)len };
    fingerprint(GNUTLS_DIG_MD5, &d, out->md5, sizeof out->md5);
    fingerprint(GNUTLS_DIG_SHA1, &d, out->sha1, sizeof out->sha1);
    return true;
}

static uint32_t read_bundle(const uint8_t *body, size_t len, ikd_scep_ca_cert *out, uint32_t max)
{
    gnutls_pkcs7_t p7;
    uint32_t n = 0;
    if (gnutls_pkcs7_init(&p7) < 0)
        return 0;
    gnutls_datum_t d = { (unsigned char *)body, (unsigned)len };
    if (gnutls_pkcs7_import(p7, &d, GNUTLS_X509_FMT_DER) >= 0) {
        int count = gnutls_pkcs7_get_crt_count(p7);
        for (int i = 0; i < count && n < max; i++) {
            gnutls_datum_t crt = { NULL, 0 };
            if (gnutls_pkcs7_get_crt_raw2(p7, (unsigned)i, &crt) < 0)
                continue;
            if (read_one(crt.data, crt.size, &out[n]))
                n++;
            gnutls_free(crt.data);
        }
    }
    gnutls_pkcs7_deinit(p7);
    return n;
}

uint32_t ikd_scep_read_ca_certs(const uint8_t *body, size_t len, ikd_scep_ca_cert *out, uint32_t max)
{
    if (!body || len == 0 || len > G_MAXUINT32 || max == 0)
        return 0;
    if (read_one(body, len, &out[0]))
        return 1;
    return read_bundle(body, len, out, max);
}
