/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - common/ocsp: OCSP responses made by OpenSSL's
 * responder (`openssl ocsp -index ... -reqin ... -respout`, data/ocsp/, see
 * data/README.md; GnuTLS cannot make OCSP responses) for the certificate
 * data/gw-2026-2027.der, read back: good, revoked with its time and reason,
 * unknown, about another certificate; a request made by OpenSSL and one made
 * by GnuTLS in the test; hand-crafted malformed and error-status responses
 * (said so where they are). */
#include "test_data.h"
#include "common/ocsp.h"

#include <glib.h>
#include <gnutls/ocsp.h>
#include <gnutls/x509.h>
#include <string.h>

static ikd_cert_info cert_of(const char *file)
{
    GBytes *der = ikd_test_data(NULL, file);
    gsize len;
    const uint8_t *bytes = g_bytes_get_data(der, &len);
    ikd_cert_info info;
    g_assert_true(ikd_cert_parse(bytes, len, &info));
    g_bytes_unref(der);
    return info;
}

static gnutls_x509_crt_t import_crt(const char *file)
{
    GBytes *der = ikd_test_data(NULL, file);
    gsize len;
    const uint8_t *bytes = g_bytes_get_data(der, &len);
    const gnutls_datum_t d = { (unsigned char *)(uintptr_t)bytes, (unsigned)len };
    gnutls_x509_crt_t crt;
    g_assert_cmpint(gnutls_x509_crt_init(&crt), ==, 0);
    g_assert_cmpint(gnutls_x509_crt_import(crt, &d, GNUTLS_X509_FMT_DER), ==, 0);
    g_bytes_unref(der);
    return crt;
}

/* Reads data/ocsp/<file> about the certificate; the reader's verdict. */
static bool read_response(const char *file, const ikd_cert_info *cert, ikd_ocsp_answer *out)
{
    GBytes *der = ikd_test_data("ocsp", file);
    gsize len;
    const uint8_t *bytes = g_bytes_get_data(der, &len);
    bool ok = ikd_ocsp_read_response(bytes, len, cert, out);
    g_bytes_unref(der);
    return ok;
}

static void test_good_revoked_unknown(void)
{
    ikd_cert_info gw = cert_of("gw-2026-2027.der");
    g_assert_true(gw.has_issuer_name_sha1);
    ikd_ocsp_answer a;
    char buf[256];
    g_assert_true(read_response("good.der", &gw, &a));
    g_assert_cmpuint(a.response_status, ==, 0);
    g_assert_cmpuint(a.cert_status, ==, IKD_OCSP_GOOD);
    g_assert_cmpuint(a.singles, ==, 1);
    g_assert_false(a.serial_only);
    g_assert_cmpint(a.revoked_at, ==, -1);
    g_assert_cmpstr(ikd_ocsp_answer_text(&a, buf, sizeof buf), ==, "good");
    g_assert_true(read_response("revoked.der", &gw, &a));
    g_assert_cmpuint(a.cert_status, ==, IKD_OCSP_REVOKED);
    g_assert_cmpint(a.revoked_at, ==, 1780315200); /* 2026-06-01 12:00:00 UTC in the index */
    g_assert_cmpint(a.reason, ==, 1);
    g_assert_cmpstr(ikd_ocsp_answer_text(&a, buf, sizeof buf), ==, "revoked on 12:00:00 UTC Jun 1 2026 (keyCompromise)");
    g_assert_true(read_response("unknown.der", &gw, &a));
    g_assert_cmpuint(a.cert_status, ==, IKD_OCSP_UNKNOWN);
    g_assert_cmpstr(ikd_ocsp_answer_text(&a, buf, sizeof buf), ==, "unknown: the responder does not know the certificate");
}

static void test_other_certificate(void)
{
    /* same issuer, another serial: the answer says nothing of it */
    ikd_cert_info old = cert_of("old-rsa1024-sha1-2020.der");
    ikd_ocsp_answer a;
    char buf[256];
    g_assert_true(read_response("revoked.der", &old, &a));
    g_assert_cmpuint(a.cert_status, ==, IKD_OCSP_NOT_ANSWERED);
    g_assert_cmpuint(a.singles, ==, 1);
    g_assert_cmpstr(ikd_ocsp_answer_text(&a, buf, sizeof buf), ==, "no status for the certificate among its 1 answer(s)");
    /* the same serial from another issuer (its name hash altered): not it either */
    ikd_cert_info gw = cert_of("gw-2026-2027.der");
    gw.issuer_name_sha1[0] ^= 0xff;
    g_assert_true(read_response("revoked.der", &gw, &a));
    g_assert_cmpuint(a.cert_status, ==, IKD_OCSP_NOT_ANSWERED);
    /* the issuer hash unknown: the serial alone, said so */
    gw.has_issuer_name_sha1 = false;
    g_assert_true(read_response("revoked.der", &gw, &a));
    g_assert_cmpuint(a.cert_status, ==, IKD_OCSP_REVOKED);
    g_assert_true(a.serial_only);
    g_assert_cmpstr(ikd_ocsp_answer_text(&a, buf, sizeof buf), ==,
                    "revoked on 12:00:00 UTC Jun 1 2026 (keyCompromise) (matched by serial number only)");
}

static void test_requests(void)
{
    ikd_cert_info gw = cert_of("gw-2026-2027.der"), old = cert_of("old-rsa1024-sha1-2020.der");
    GBytes *req = ikd_test_data("ocsp", "req.der");
    gsize len;
    const uint8_t *bytes = g_bytes_get_data(req, &len);
    g_assert_cmpint(ikd_ocsp_request_asks(bytes, len, &gw), ==, 1);
    g_assert_cmpint(ikd_ocsp_request_asks(bytes, len, &old), ==, 0);
    g_assert_cmpint(ikd_ocsp_request_asks(bytes, len - 1, &gw), ==, -1);
    g_assert_cmpint(ikd_ocsp_request_asks(NULL, 0, &gw), ==, -1);
    g_bytes_unref(req);
    /* a request GnuTLS makes for the certificate and its issuer */
    gnutls_x509_crt_t ca = import_crt("test-ca.der"), crt = import_crt("gw-2026-2027.der");
    gnutls_ocsp_req_t r;
    gnutls_datum_t out = { NULL, 0 };
    g_assert_cmpint(gnutls_ocsp_req_init(&r), ==, 0);
    g_assert_cmpint(gnutls_ocsp_req_add_cert(r, GNUTLS_DIG_SHA1, ca, crt), ==, 0);
    g_assert_cmpint(gnutls_ocsp_req_export(r, &out), ==, 0);
    g_assert_cmpint(ikd_ocsp_request_asks(out.data, out.size, &gw), ==, 1);
    g_assert_cmpint(ikd_ocsp_request_asks(out.data, out.size, &old), ==, 0);
    gnutls_free(out.data);
    gnutls_ocsp_req_deinit(r);
    gnutls_x509_crt_deinit(crt);
    gnutls_x509_crt_deinit(ca);
}

static void test_error_statuses(void)
{
    /* hand-crafted: an OCSPResponse of its status alone (RFC 6960 4.2.1), as
     * a responder answers when it has no status to give */
    static const uint8_t try_later[] = { 0x30, 0x03, 0x0a, 0x01, 0x03 };
    static const uint8_t unauthorized[] = { 0x30, 0x03, 0x0a, 0x01, 0x06 };
    ikd_cert_info gw = cert_of("gw-2026-2027.der");
    ikd_ocsp_answer a;
    char buf[256];
    g_assert_true(ikd_ocsp_read_response(try_later, sizeof try_later, &gw, &a));
    g_assert_cmpuint(a.response_status, ==, 3);
    g_assert_cmpuint(a.cert_status, ==, IKD_OCSP_NOT_ANSWERED);
    g_assert_cmpstr(ikd_ocsp_answer_text(&a, buf, sizeof buf), ==,
                    "responder error: tryLater (the responder is busy or has no status yet)");
    g_assert_true(ikd_ocsp_read_response(unauthorized, sizeof unauthorized, &gw, &a));
    g_assert_cmpstr(ikd_ocsp_answer_text(&a, buf, sizeof buf), ==,
                    "responder error: unauthorized (the responder does not answer for this CA, or not to this client)");
    g_assert_cmpstr(ikd_ocsp_reason_text(7), ==, "");
    g_assert_cmpstr(ikd_ocsp_reason_text(-1), ==, "");
    g_assert_cmpstr(ikd_ocsp_reason_text(4), ==, "superseded");
    g_assert_cmpstr(ikd_ocsp_cert_status_name(IKD_OCSP_GOOD), ==, "good");
    g_assert_cmpstr(ikd_ocsp_cert_status_name(IKD_OCSP_REVOKED), ==, "revoked");
    g_assert_cmpstr(ikd_ocsp_cert_status_name(IKD_OCSP_UNKNOWN), ==, "unknown");
    g_assert_cmpstr(ikd_ocsp_cert_status_name(IKD_OCSP_NOT_ANSWERED), ==, "no status for the certificate");
    g_assert_cmpstr(ikd_ocsp_cert_status_name(4), ==, "?");
}

static void test_malformed(void)
{
    ikd_cert_info gw = cert_of("gw-2026-2027.der");
    ikd_ocsp_answer a;
    GBytes *der = ikd_test_data("ocsp", "revoked.der");
    gsize len;
    const uint8_t *bytes = g_bytes_get_data(der, &len);
    /* every truncation of a real response: unreadable, never a crash */
    for (gsize cut = 0; cut < len; cut++) {
        g_assert_false(ikd_ocsp_read_response(bytes, cut, &gw, &a));
        g_assert_cmpuint(a.cert_status, ==, IKD_OCSP_NOT_ANSWERED);
    }
    /* hand-crafted: an HTML page, a status of the wrong type, an unknown status */
    static const uint8_t html[] = "<html>502 Bad Gateway</html>";
    static const uint8_t not_enum[] = { 0x30, 0x03, 0x02, 0x01, 0x03 };
    static const uint8_t status_9[] = { 0x30, 0x03, 0x0a, 0x01, 0x09 };
    g_assert_false(ikd_ocsp_read_response(html, sizeof html - 1, &gw, &a));
    g_assert_false(ikd_ocsp_read_response(not_enum, sizeof not_enum, &gw, &a));
    g_assert_false(ikd_ocsp_read_response(NULL, 0, &gw, &a));
    if (ikd_ocsp_read_response(status_9, sizeof status_9, &gw, &a)) {
        char buf[128];
        g_assert_cmpstr(ikd_ocsp_answer_text(&a, buf, sizeof buf), ==, "responder error: an unknown response status");
    }
    g_bytes_unref(der);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ocsp/good_revoked_unknown", test_good_revoked_unknown);
    g_test_add_func("/ocsp/other_certificate", test_other_certificate);
    g_test_add_func("/ocsp/requests", test_requests);
    g_test_add_func("/ocsp/error_statuses", test_error_statuses);
    g_test_add_func("/ocsp/malformed", test_malformed);
    return g_test_run();
}
