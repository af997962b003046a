/* ikediag - X.509 certificates read with GnuTLS.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/certificate.h"

#include <glib.h>
#include <gnutls/crypto.h>
#include <gnutls/x509.h>
#include <stdio.h>
#include <string.h>

/* Appends "sep item" to a bounded list. */
static void list_add(char *list, size_t size, const char *item)
{
    if (list[0])
        g_strlcat(list, ", ", size);
    g_strlcat(list, item, size);
}

/* Bytes from the certificate as text: what is not printable ASCII shows as '?'. */
static void copy_printable(char *dst, size_t size, const unsigned char *data, size_t len)
{
    size_t n = len < size - 1 ? len : size - 1;
    for (size_t i = 0; i < n; i++)
        dst[i] = g_ascii_isprint(data[i]) ? (char)data[i] : '?';
    dst[n] = '\0';
}

/* GnuTLS's allocated text of a datum, copied printable and freed. */
static void copy_datum(char *dst, size_t size, gnutls_datum_t *d)
{
    copy_printable(dst, size, d->data, d->size);
    gnutls_free(d->data);
    d->data = NULL;
}

static void read_names(gnutls_x509_crt_t crt, ikd_cert_info *out)
{
    gnutls_datum_t d = { NULL, 0 };
    if (gnutls_x509_crt_get_dn3(crt, &d, 0) == 0)
        copy_datum(out->subject, sizeof out->subject, &d);
    if (gnutls_x509_crt_get_issuer_dn3(crt, &d, 0) == 0)
        copy_datum(out->issuer, sizeof out->issuer, &d);
    unsigned char serial[40];
    size_t serial_len = sizeof serial;
    if (gnutls_x509_crt_get_serial(crt, serial, &serial_len) == 0)
        for (size_t i = 0; i < serial_len && 2 * i + 2 < sizeof out->serial; i++)
            snprintf(out->serial + 2 * i, 3, "%02X", serial[i]);
}

static ikd_cert_key_kind key_kind_of(int algorithm)
{
    switch (algorithm) {
    case GNUTLS_PK_RSA: case GNUTLS_PK_RSA_PSS: return IKD_CERT_KEY_RSA;
    case GNUTLS_PK_DSA: return IKD_CERT_KEY_DSA;
    case GNUTLS_PK_ECDSA: return IKD_CERT_KEY_EC;
    case GNUTLS_PK_EDDSA_ED25519: case GNUTLS_PK_EDDSA_ED448: return IKD_CERT_KEY_EDDSA;
    default: return IKD_CERT_KEY_OTHER;
    }
}

static ikd_cert_hash_kind hash_kind_of(gnutls_digest_algorithm_t hash)
{
    switch (hash) {
    case GNUTLS_DIG_MD5: case GNUTLS_DIG_MD2: return IKD_CERT_HASH_MD5;
    case GNUTLS_DIG_SHA1: return IKD_CERT_HASH_SHA1;
    case GNUTLS_DIG_SHA224: case GNUTLS_DIG_SHA256: case GNUTLS_DIG_SHA384: case GNUTLS_DIG_SHA512:
    case GNUTLS_DIG_SHA3_224: case GNUTLS_DIG_SHA3_256: case GNUTLS_DIG_SHA3_384: case GNUTLS_DIG_SHA3_512:
        return IKD_CERT_HASH_SHA2;
    default: return IKD_CERT_HASH_OTHER;
    }
}

static void read_key_and_signature(gnutls_x509_crt_t crt, ikd_cert_info *out)
{
    unsigned bits = 0;
    int pk = gnutls_x509_crt_get_pk_algorithm(crt, &bits);
    if (pk >= 0) {
        out->key_kind = key_kind_of(pk);
        out->key_bits = bits;
        const char *name = gnutls_pk_algorithm_get_name((gnutls_pk_algorithm_t)pk);
        snprintf(out->key, sizeof out->key, "%s %u bits", name ? name : "unknown", bits);
    }
    int sign = gnutls_x509_crt_get_signature_algorithm(crt);
    if (sign >= 0) {
        const char *name = gnutls_sign_get_name((gnutls_sign_algorithm_t)sign);
        snprintf(out->signature, sizeof out->signature, "%s", name ? name : "unknown");
        out->signature_hash = hash_kind_of(gnutls_sign_get_hash_algorithm((gnutls_sign_algorithm_t)sign));
    }
}

static const char *alt_name_prefix(int type)
{
    switch (type) {
    case GNUTLS_SAN_DNSNAME: return "DNS:";
    case GNUTLS_SAN_RFC822NAME: return "email:";
    case GNUTLS_SAN_URI: return "URI:";
    case GNUTLS_SAN_IPADDRESS: return "IP:";
    default: return NULL;
    }
}

/* An IP address SAN arrives as 4 or 16 raw bytes. */
static void alt_name_text(int type, const unsigned char *data, size_t len, char *buf, size_t size)
{
    if (type == GNUTLS_SAN_IPADDRESS && len == 4) {
        snprintf(buf, size, "%u.%u.%u.%u", data[0], data[1], data[2], data[3]);
    } else if (type == GNUTLS_SAN_IPADDRESS && len == 16) {
        GString *s = g_string_new(NULL);
        for (size_t i = 0; i < 16; i += 2)
            g_string_append_printf(s, "%s%x", i ? ":" : "", (unsigned)(data[i] << 8 | data[i + 1]));
        g_strlcpy(buf, s->str, size);
        g_string_free(s, TRUE);
    } else {
        copy_printable(buf, size, data, len);
    }
}

static void read_alt_names(gnutls_x509_crt_t crt, ikd_cert_info *out)
{
    for (unsigned seq = 0; seq < 32; seq++) {
        unsigned char data[256];
        size_t len = sizeof data;
        unsigned critical = 0;
        int type = gnutls_x509_crt_get_subject_alt_name(crt, seq, data, &len, &critical);
        if (type == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
            break;
        const char *prefix = type >= 0 ? alt_name_prefix(type) : NULL;
        if (!prefix)
            continue; /* too long for the buffer, or a kind IKE identities never use */
        char text[IKD_CERT_NAME], item[IKD_CERT_NAME + 8];
        alt_name_text(type, data, len, text, sizeof text);
        snprintf(item, sizeof item, "%s%s", prefix, text);
        list_add(out->alt_names, sizeof out->alt_names, item);
    }
}

static void read_usages(gnutls_x509_crt_t crt, ikd_cert_info *out)
{
    unsigned usage = 0, critical = 0;
    if (gnutls_x509_crt_get_key_usage(crt, &usage, &critical) >= 0) {
        out->has_key_usage = true;
        out->key_usage = (usage & GNUTLS_KEY_DIGITAL_SIGNATURE ? IKD_CERT_KU_DIGITAL_SIGNATURE : 0) |
                         (usage & GNUTLS_KEY_NON_REPUDIATION ? IKD_CERT_KU_NON_REPUDIATION : 0) |
                         (usage & GNUTLS_KEY_KEY_CERT_SIGN ? IKD_CERT_KU_KEY_CERT_SIGN : 0);
    }
    static const struct { const char *oid, *name; } purposes[] = {
        { GNUTLS_KP_TLS_WWW_SERVER, "serverAuth" }, { GNUTLS_KP_TLS_WWW_CLIENT, "clientAuth" },
        { "1.3.6.1.5.5.7.3.17", "ipsecIKE" }, { "1.3.6.1.5.5.8.2.2", "iKEIntermediate" },
        { GNUTLS_KP_ANY, "anyExtendedKeyUsage" },
    };
    for (unsigned i = 0; i < 16; i++) {
        char oid[128];
        size_t len = sizeof oid;
        if (gnutls_x509_crt_get_key_purpose_oid(crt, i, oid, &len, &critical) < 0)
            break;
        const char *name = oid;
        for (size_t k = 0; k < G_N_ELEMENTS(purposes); k++)
            if (!strcmp(oid, purposes[k].oid))
                name = purposes[k].name;
        list_add(out->extended_key_usage, sizeof out->extended_key_usage, name);
    }
    unsigned ca = 0;
    out->is_ca = gnutls_x509_crt_get_basic_constraints(crt, &critical, &ca, NULL) >= 0 && ca;
}

static void read_revocation(gnutls_x509_crt_t crt, ikd_cert_info *out)
{
    for (unsigned seq = 0; seq < 8; seq++) {
        char uri[IKD_CERT_NAME];
        size_t len = sizeof uri - 1;
        unsigned reasons = 0, critical = 0;
        int type = gnutls_x509_crt_get_crl_dist_points(crt, seq, uri, &len, &reasons, &critical);
        if (type == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
            break;
        if (type != GNUTLS_SAN_URI)
            continue;
        char text[IKD_CERT_NAME];
        copy_printable(text, sizeof text, (const unsigned char *)uri, len);
        list_add(out->crl_points, sizeof out->crl_points, text);
    }
    for (unsigned seq = 0; seq < 8; seq++) {
        gnutls_datum_t d = { NULL, 0 };
        unsigned critical = 0;
        int rc = gnutls_x509_crt_get_authority_info_access(crt, seq, GNUTLS_IA_OCSP_URI, &d, &critical);
        if (rc == GNUTLS_E_REQUESTED_DATA_NOT_AVAILABLE)
            break;
        if (rc < 0)
            continue; /* another access method at this index */
        char text[IKD_CERT_NAME];
        copy_datum(text, sizeof text, &d);
        list_add(out->ocsp, sizeof out->ocsp, text);
    }
}

static void read_fingerprint(gnutls_x509_crt_t crt, ikd_cert_info *out)
{
    size_t key_len = sizeof out->key_sha1;
    out->has_key_sha1 = gnutls_x509_crt_get_key_id(crt, GNUTLS_KEYID_USE_SHA1, out->key_sha1, &key_len) == 0 &&
                        key_len == sizeof out->key_sha1;
    gnutls_datum_t issuer = { NULL, 0 };
    out->has_issuer_name_sha1 = gnutls_x509_crt_get_raw_issuer_dn(crt, &issuer) == 0 &&
                                gnutls_hash_fast(GNUTLS_DIG_SHA1, issuer.data, issuer.size, out->issuer_name_sha1) == 0;
    gnutls_free(issuer.data);
    unsigned char sha1[20];
    size_t len = sizeof sha1;
    if (gnutls_x509_crt_get_fingerprint(crt, GNUTLS_DIG_SHA1, sha1, &len) == 0 && len == sizeof sha1)
        for (size_t i = 0; i < len; i++)
            snprintf(out->sha1 + 2 * i, 3, "%02x", sha1[i]);
}

bool ikd_cert_parse(const uint8_t *der, size_t len, ikd_cert_info *out)
{
    memset(out, 0, sizeof *out);
    out->not_before = out->not_after = -1;
    gnutls_x509_crt_t crt;
    if (!der || !len || len > UINT32_MAX || gnutls_x509_crt_init(&crt) < 0)
        return false;
    const gnutls_datum_t datum = { (unsigned char *)(uintptr_t)der, (unsigned)len };
    bool ok = gnutls_x509_crt_import(crt, &datum, GNUTLS_X509_FMT_DER) >= 0;
    if (ok) {
        read_names(crt, out);
        time_t from = gnutls_x509_crt_get_activation_time(crt), until = gnutls_x509_crt_get_expiration_time(crt);
        out->not_before = from == (time_t)-1 ? -1 : (int64_t)from;
        out->not_after = until == (time_t)-1 ? -1 : (int64_t)until;
        read_key_and_signature(crt, out);
        read_alt_names(crt, out);
        read_usages(crt, out);
        read_revocation(crt, out);
        read_fingerprint(crt, out);
    } else {
        memset(out, 0, sizeof *out);
        out->not_before = out->not_after = -1;
    }
    gnutls_x509_crt_deinit(crt);
    return ok;
}

bool ikd_cert_dn_text(const uint8_t *der, size_t len, char *out, size_t size)
{
    out[0] = '\0';
    if (!der || !len || len > UINT32_MAX)
        return false;
    const gnutls_datum_t name = { (unsigned char *)(uintptr_t)der, (unsigned)len };
    gnutls_datum_t text = { NULL, 0 };
    if (gnutls_x509_rdn_get2(&name, &text, 0) != 0)
        return false;
    copy_datum(out, size, &text);
    return true;
}

int ikd_cert_validity_at(const ikd_cert_info *cert, double when)
{
    if (cert->not_before >= 0 && when < (double)cert->not_before)
        return -1;
    if (cert->not_after >= 0 && when > (double)cert->not_after)
        return 1;
    return 0;
}
