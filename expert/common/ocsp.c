/* ikediag - OCSP requests and responses read with GnuTLS.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/ocsp.h"

#include <glib.h>
#include <gnutls/crypto.h>
#include <gnutls/ocsp.h>
#include <stdio.h>
#include <string.h>

enum { SHA1_LEN = 20 };

/* Whether one CertID (RFC 6960 4.1.1) names the certificate: its serial
 * number, and its issuer name hash when it is SHA-1 (the hash
 * ikd_cert_info keeps); *serial_only: the issuer was not compared. */
static bool cert_id_names(gnutls_digest_algorithm_t digest, const gnutls_datum_t *name_hash,
                          const gnutls_datum_t *serial, const ikd_cert_info *cert, bool *serial_only)
{
    char text[IKD_CERT_SHORT] = "";
    for (size_t i = 0; i < serial->size && 2 * i + 2 < sizeof text; i++)
        snprintf(text + 2 * i, 3, "%02X", serial->data[i]);
    if (!cert->serial[0] || strcmp(text, cert->serial))
        return false;
    *serial_only = digest != GNUTLS_DIG_SHA1 || !cert->has_issuer_name_sha1;
    return *serial_only || (name_hash->size == SHA1_LEN && !memcmp(name_hash->data, cert->issuer_name_sha1, SHA1_LEN));
}

/* The single responses: how many, and the certificate's status in one. */
static void read_singles(gnutls_ocsp_resp_t resp, const ikd_cert_info *cert, ikd_ocsp_answer *out)
{
    for (unsigned i = 0;; i++) {
        gnutls_digest_algorithm_t digest;
        gnutls_datum_t name_hash = { NULL, 0 }, key_hash = { NULL, 0 }, serial = { NULL, 0 };
        unsigned status = 0, reason = 0;
        time_t this_update, next_update, revoked_at;
        if (gnutls_ocsp_resp_get_single(resp, i, &digest, &name_hash, &key_hash, &serial, &status, &this_update,
                                        &next_update, &revoked_at, &reason) < 0)
            break;
        out->singles++;
        bool serial_only = false;
        if (out->cert_status == IKD_OCSP_NOT_ANSWERED && cert_id_names(digest, &name_hash, &serial, cert, &serial_only) &&
            status <= GNUTLS_OCSP_CERT_UNKNOWN) {
            out->cert_status = (uint8_t)status;
            out->serial_only = serial_only;
            if (status == GNUTLS_OCSP_CERT_REVOKED) {
                out->revoked_at = revoked_at == (time_t)-1 ? -1 : (int64_t)revoked_at;
                /* GnuTLS says unspecified when the reason is absent */
                out->reason = reason <= GNUTLS_X509_CRLREASON_AACOMPROMISE ? (int8_t)reason : -1;
            }
        }
        gnutls_free(name_hash.data);
        gnutls_free(key_hash.data);
        gnutls_free(serial.data);
    }
}

bool ikd_ocsp_read_response(const uint8_t *data, size_t len, const ikd_cert_info *cert, ikd_ocsp_answer *out)
{
    memset(out, 0, sizeof *out);
    out->cert_status = IKD_OCSP_NOT_ANSWERED;
    out->reason = -1;
    out->revoked_at = -1;
    gnutls_ocsp_resp_t resp;
    if (!data || !len || len > UINT32_MAX || gnutls_ocsp_resp_init(&resp) < 0)
        return false;
    const gnutls_datum_t d = { (unsigned char *)(uintptr_t)data, (unsigned)len };
    int status = gnutls_ocsp_resp_import(resp, &d) < 0 ? -1 : gnutls_ocsp_resp_get_status(resp);
    if (status >= 0 && status <= UINT8_MAX) {
        out->response_status = (uint8_t)status;
        if (status == GNUTLS_OCSP_RESP_SUCCESSFUL)
            read_singles(resp, cert, out);
    }
    gnutls_ocsp_resp_deinit(resp);
    if (status < 0 || status > UINT8_MAX) {
        ikd_ocsp_read_response(NULL, 0, cert, out);
        return false;
    }
    return true;
}

int ikd_ocsp_request_asks(const uint8_t *data, size_t len, const ikd_cert_info *cert)
{
    gnutls_ocsp_req_t req;
    if (!data || !len || len > UINT32_MAX || gnutls_ocsp_req_init(&req) < 0)
        return -1;
    const gnutls_datum_t d = { (unsigned char *)(uintptr_t)data, (unsigned)len };
    int asks = gnutls_ocsp_req_import(req, &d) < 0 ? -1 : 0;
    for (unsigned i = 0; asks == 0; i++) {
        gnutls_digest_algorithm_t digest;
        gnutls_datum_t name_hash = { NULL, 0 }, key_hash = { NULL, 0 }, serial = { NULL, 0 };
        if (gnutls_ocsp_req_get_cert_id(req, i, &digest, &name_hash, &key_hash, &serial) < 0)
            break;
        bool serial_only;
        asks = cert_id_names(digest, &name_hash, &serial, cert, &serial_only);
        gnutls_free(name_hash.data);
        gnutls_free(key_hash.data);
        gnutls_free(serial.data);
    }
    gnutls_ocsp_req_deinit(req);
    return asks;
}

const char *ikd_ocsp_response_status_text(int status)
{
    switch (status) {
    case GNUTLS_OCSP_RESP_SUCCESSFUL: return "successful";
    case GNUTLS_OCSP_RESP_MALFORMEDREQUEST: return "malformedRequest (the responder could not read the request)";
    case GNUTLS_OCSP_RESP_INTERNALERROR: return "internalError (the responder failed)";
    case GNUTLS_OCSP_RESP_TRYLATER: return "tryLater (the responder is busy or has no status yet)";
    case GNUTLS_OCSP_RESP_SIGREQUIRED: return "sigRequired (the responder wants signed requests)";
    case GNUTLS_OCSP_RESP_UNAUTHORIZED: return "unauthorized (the responder does not answer for this CA, or not to this client)";
    default: return "an unknown response status";
    }
}

const char *ikd_ocsp_cert_status_name(int status)
{
    switch (status) {
    case IKD_OCSP_GOOD: return "good";
    case IKD_OCSP_REVOKED: return "revoked";
    case IKD_OCSP_UNKNOWN: return "unknown";
    case IKD_OCSP_NOT_ANSWERED: return "no status for the certificate";
    default: return "?";
    }
}

const char *ikd_ocsp_reason_text(int reason)
{
    static const char *const names[] = { "unspecified",          "keyCompromise",     "cACompromise",
                                         "affiliationChanged",   "superseded",        "cessationOfOperation",
                                         "certificateHold",      "",                  "removeFromCRL",
                                         "privilegeWithdrawn",   "aACompromise" };
    return reason >= 0 && reason < (int)(sizeof names / sizeof names[0]) ? names[reason] : "";
}

void ikd_ocsp_time_text(int64_t t, char *buf, size_t size)
{
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    GDateTime *d = t >= 0 ? g_date_time_new_from_unix_utc(t) : NULL;
    if (!d) {
        snprintf(buf, size, "%s", "");
        return;
    }
    snprintf(buf, size, "%02d:%02d:%02d UTC %s %d %d", g_date_time_get_hour(d), g_date_time_get_minute(d),
             g_date_time_get_second(d), months[g_date_time_get_month(d) - 1], g_date_time_get_day_of_month(d),
             g_date_time_get_year(d));
    g_date_time_unref(d);
}

const char *ikd_ocsp_answer_text(const ikd_ocsp_answer *a, char *buf, size_t size)
{
    if (a->response_status != GNUTLS_OCSP_RESP_SUCCESSFUL) {
        snprintf(buf, size, "responder error: %s", ikd_ocsp_response_status_text(a->response_status));
        return buf;
    }
    const char *how = a->serial_only ? " (matched by serial number only)" : "";
    switch (a->cert_status) {
    case IKD_OCSP_GOOD: snprintf(buf, size, "good%s", how); break;
    case IKD_OCSP_UNKNOWN: snprintf(buf, size, "unknown: the responder does not know the certificate%s", how); break;
    case IKD_OCSP_REVOKED: {
        char when[48] = "";
        ikd_ocsp_time_text(a->revoked_at, when, sizeof when);
        const char *reason = ikd_ocsp_reason_text(a->reason);
        snprintf(buf, size, "revoked%s%s%s%s%s%s", *when ? " on " : "", when, *reason ? " (" : "", reason,
                 *reason ? ")" : "", how);
        break;
    }
    default: snprintf(buf, size, "no status for the certificate among its %u answer(s)", a->singles); break;
    }
    return buf;
}
