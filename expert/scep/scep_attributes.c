/* ikediag - SCEP attributes read with GnuTLS's PKCS#7 API.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scep/scep_attributes.h"

#include <glib.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs7.h>
#include <libtasn1.h>
#include <string.h>

/* id-attributes of VeriSign's SCEP arc, 2.16.840.1.113733.1.9.x (RFC 8894 3.2.1) */
#define OID_MESSAGE_TYPE "2.16.840.1.113733.1.9.2"
#define OID_PKI_STATUS "2.16.840.1.113733.1.9.3"
#define OID_FAIL_INFO "2.16.840.1.113733.1.9.4"
#define OID_SENDER_NONCE "2.16.840.1.113733.1.9.5"
#define OID_RECIPIENT_NONCE "2.16.840.1.113733.1.9.6"
#define OID_TRANSACTION_ID "2.16.840.1.113733.1.9.7"

enum { MAX_ATTRIBUTES = 64, MAX_DECIMAL_DIGITS = 4 };

/* A PrintableString's characters, or NULL. */
static const unsigned char *printable(const gnutls_datum_t *value, unsigned *len)
{
    const unsigned char *s = NULL;
    if (asn1_decode_simple_der(ASN1_ETYPE_PRINTABLE_STRING, value->data, value->size, &s, len) != ASN1_SUCCESS)
        return NULL;
    return s;
}

/* A PrintableString holding a small decimal number (how SCEP spells its numbers). */
static int decimal(const gnutls_datum_t *value)
{
    unsigned len = 0;
    const unsigned char *s = printable(value, &len);
    if (!s || len == 0 || len > MAX_DECIMAL_DIGITS)
        return IKD_SCEP_BAD_VALUE;
    int n = 0;
    for (unsigned i = 0; i < len; i++) {
        if (!g_ascii_isdigit(s[i]))
            return IKD_SCEP_BAD_VALUE;
        n = n * 10 + (s[i] - '0');
    }
    return n;
}

static void copy_id(char *dst, size_t size, const gnutls_datum_t *value)
{
    unsigned len = 0;
    const unsigned char *s = printable(value, &len);
    if (!s) {
        g_strlcpy(dst, "(not a PrintableString)", size);
        return;
    }
    size_t n = len < size - 1 ? len : size - 1;
    for (size_t i = 0; i < n; i++)
        dst[i] = g_ascii_isprint(s[i]) ? (char)s[i] : '?';
    dst[n] = '\0';
}

static void copy_nonce(uint8_t *dst, uint8_t *dst_len, bool *cut, const gnutls_datum_t *value)
{
    const unsigned char *s = NULL;
    unsigned len = 0;
    if (asn1_decode_simple_der(ASN1_ETYPE_OCTET_STRING, value->data, value->size, &s, &len) != ASN1_SUCCESS ||
        len == 0)
        return;
    if (len > IKD_SCEP_NONCE_MAX) {
        *cut = true;
        len = IKD_SCEP_NONCE_MAX;
    }
    memcpy(dst, s, len);
    *dst_len = (uint8_t)len;
}

static void take_attribute(const char *oid, const gnutls_datum_t *value, ikd_scep_attributes *out)
{
    if (strcmp(oid, OID_MESSAGE_TYPE) == 0)
        out->message_type = decimal(value);
    else if (strcmp(oid, OID_PKI_STATUS) == 0)
        out->pki_status = decimal(value);
    else if (strcmp(oid, OID_FAIL_INFO) == 0)
        out->fail_info = decimal(value);
    else if (strcmp(oid, OID_TRANSACTION_ID) == 0)
        copy_id(out->transaction_id, sizeof out->transaction_id, value);
    else if (strcmp(oid, OID_SENDER_NONCE) == 0)
        copy_nonce(out->sender_nonce, &out->sender_nonce_len, &out->nonce_cut, value);
    else if (strcmp(oid, OID_RECIPIENT_NONCE) == 0)
        copy_nonce(out->recipient_nonce, &out->recipient_nonce_len, &out->nonce_cut, value);
}

static void read_signed_attributes(gnutls_pkcs7_attrs_t attrs, ikd_scep_attributes *out)
{
    for (unsigned i = 0; i < MAX_ATTRIBUTES; i++) {
        char *oid = NULL;
        gnutls_datum_t value = { NULL, 0 };
        if (gnutls_pkcs7_get_attr(attrs, i, &oid, &value, 0) < 0)
            break;
        take_attribute(oid, &value, out);
        gnutls_free(value.data);
        /* the OID points into the list, not a copy */
    }
}

static void read_signer(gnutls_pkcs7_t p7, ikd_scep_attributes *out, ikd_scep_read_status *status)
{
    gnutls_pkcs7_signature_info_st info;
    memset(&info, 0, sizeof info);
    if (gnutls_pkcs7_get_signature_count(p7) <= 0 || gnutls_pkcs7_get_signature_info(p7, 0, &info) < 0) {
        *status = IKD_SCEP_READ_NO_SIGNER;
        return;
    }
    read_signed_attributes(info.signed_attrs, out);
    if (info.issuer_dn.size > 0)
        ikd_cert_dn_text(info.issuer_dn.data, info.issuer_dn.size, out->signer_issuer, sizeof out->signer_issuer);
    gnutls_pkcs7_signature_info_deinit(&info);
    *status = out->message_type == IKD_SCEP_NO_VALUE ? IKD_SCEP_READ_NO_MESSAGE_TYPE : IKD_SCEP_READ_OK;
}

static void clear(ikd_scep_attributes *out)
{
    memset(out, 0, sizeof *out);
    out->message_type = out->pki_status = out->fail_info = IKD_SCEP_NO_VALUE;
}

ikd_scep_read_status ikd_scep_read_attributes(const uint8_t *der, size_t len, ikd_scep_attributes *out)
{
    clear(out);
    if (!der || len == 0 || len > G_MAXUINT32)
        return IKD_SCEP_READ_NOT_PKCS7;
    gnutls_pkcs7_t p7;
    if (gnutls_pkcs7_init(&p7) < 0)
        return IKD_SCEP_READ_NOT_PKCS7;
    gnutls_datum_t d = { (unsigned char *)der, (unsigned)len };
    ikd_scep_read_status status = IKD_SCEP_READ_NOT_PKCS7;
    if (gnutls_pkcs7_import(p7, &d, GNUTLS_X509_FMT_DER) >= 0) {
        int certs = gnutls_pkcs7_get_crt_count(p7);
        out->certificates = certs > 0 ? (uint32_t)certs : 0;
        gnutls_datum_t content = { NULL, 0 };
        if (gnutls_pkcs7_get_embedded_data(p7, 0, &content) >= 0) {
            out->has_content = content.size > 0;
            gnutls_free(content.data);
        }
        read_signer(p7, out, &status);
    }
    gnutls_pkcs7_deinit(p7);
    return status;
}

const char *ikd_scep_message_type_name(int message_type)
{
    switch (message_type) {
    case IKD_SCEP_CERT_REP: return "CertRep";
    case IKD_SCEP_RENEWAL_REQ: return "RenewalReq";
    case IKD_SCEP_PKCS_REQ: return "PKCSReq";
    case IKD_SCEP_CERT_POLL: return "CertPoll";
    case IKD_SCEP_GET_CERT: return "GetCert";
    case IKD_SCEP_GET_CRL: return "GetCRL";
    default: return NULL;
    }
}

const char *ikd_scep_status_name(int pki_status)
{
    switch (pki_status) {
    case IKD_SCEP_SUCCESS: return "SUCCESS";
    case IKD_SCEP_FAILURE: return "FAILURE";
    case IKD_SCEP_PENDING: return "PENDING";
    default: return NULL;
    }
}

const char *ikd_scep_fail_info_name(int fail_info)
{
    static const char *const names[] = { "badAlg", "badMessageCheck", "badRequest", "badTime", "badCertId" };
    return fail_info >= 0 && fail_info < (int)G_N_ELEMENTS(names) ? names[fail_info] : NULL;
}

const char *ikd_scep_fail_info_advice(int fail_info)
{
    switch (fail_info) {
    case IKD_SCEP_BAD_ALG:
        return "the CA does not support an algorithm of the request (digest or cipher): compare with its GetCACaps";
    case IKD_SCEP_BAD_MESSAGE_CHECK:
        return "the request's signature or integrity check failed at the CA: wrong signing key, or the message was altered";
    case IKD_SCEP_BAD_REQUEST:
        return "the CA refused the request: wrong or expired challenge password, a subject or name the CA policy refuses, or the transaction is not permitted";
    case IKD_SCEP_BAD_TIME:
        return "the request's time was not close enough to the CA's clock: check the clocks of the client and the CA (NTP)";
    case IKD_SCEP_BAD_CERT_ID:
        return "no certificate matches what the request names (a poll or GetCert for an unknown certificate or transaction)";
    default:
        return "a failInfo RFC 8894 does not define";
    }
}
