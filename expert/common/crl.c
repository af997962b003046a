/* ikediag - certificate revocation lists read with GnuTLS.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/crl.h"

#include <glib.h>
#include <gnutls/x509.h>
#include <stdio.h>
#include <string.h>

enum { MAX_SERIAL = 40 };

/* An HTTP body says nothing of its own format: DER first, then PEM. */
static gnutls_x509_crl_t import_crl(const uint8_t *data, size_t len)
{
    gnutls_x509_crl_t crl;
    if (!data || !len || len > UINT_MAX || gnutls_x509_crl_init(&crl) < 0)
        return NULL;
    const gnutls_datum_t d = { (unsigned char *)data, (unsigned)len };
    if (gnutls_x509_crl_import(crl, &d, GNUTLS_X509_FMT_DER) == 0 ||
        gnutls_x509_crl_import(crl, &d, GNUTLS_X509_FMT_PEM) == 0)
        return crl;
    gnutls_x509_crl_deinit(crl);
    return NULL;
}

bool ikd_crl_read(const uint8_t *data, size_t len, ikd_crl_info *out)
{
    memset(out, 0, sizeof *out);
    gnutls_x509_crl_t crl = import_crl(data, len);
    if (!crl)
        return false;
    gnutls_datum_t dn = { NULL, 0 };
    if (gnutls_x509_crl_get_issuer_dn3(crl, &dn, 0) == 0) {
        size_t n = dn.size < sizeof out->issuer - 1 ? dn.size : sizeof out->issuer - 1;
        for (size_t i = 0; i < n; i++)
            out->issuer[i] = g_ascii_isprint(dn.data[i]) ? (char)dn.data[i] : '?';
        gnutls_free(dn.data);
    }
    int count = gnutls_x509_crl_get_crt_count(crl);
    out->revoked = count > 0 ? (uint32_t)count : 0;
    gnutls_x509_crl_deinit(crl);
    return true;
}

static void serial_text(const unsigned char *serial, size_t len, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < len && 2 * i + 2 < size; i++)
        snprintf(out + 2 * i, 3, "%02X", serial[i]);
}

int ikd_crl_lists_serial(const uint8_t *data, size_t len, const char *serial_hex)
{
    gnutls_x509_crl_t crl = import_crl(data, len);
    if (!crl)
        return -1;
    gnutls_x509_crl_iter_t iter = NULL;
    unsigned char serial[MAX_SERIAL];
    size_t serial_len = sizeof serial;
    time_t when;
    int listed = 0;
    while (!listed && gnutls_x509_crl_iter_crt_serial(crl, &iter, serial, &serial_len, &when) == 0) {
        char text[IKD_CERT_SHORT];
        serial_text(serial, serial_len, text, sizeof text);
        listed = serial_hex && serial_hex[0] && !strcmp(text, serial_hex);
        serial_len = sizeof serial;
    }
    gnutls_x509_crl_iter_deinit(iter);
    gnutls_x509_crl_deinit(crl);
    return listed;
}
