/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - scep/enrollment: SCEP enrollments followed from the
 * HTTP exchanges the plugin hands over. Granted and rejected use the lab's
 * real PKI messages (tests/unit/data/scep/); a PENDING answer, a poll and a
 * reply to the wrong request, which the lab's server cannot produce, use
 * PKI messages signed by GnuTLS in the test (a throwaway EC key). */
#include "test_data.h"
#include "scep/enrollment.h"

#include <glib.h>
#include <gnutls/abstract.h>
#include <gnutls/gnutls.h>
#include <gnutls/pkcs7.h>
#include <gnutls/x509.h>
#include <libtasn1.h>
#include <string.h>

#include "core/interned.h"
#include "report/finding_text.h"
#include "report/pki_text.h"

static GBytes *load(const char *name)
{
    return ikd_test_data("scep", name);
}

static const ikd_address client = { 4, { 192, 0, 2, 10 } };
static const ikd_address server = { 4, { 192, 0, 2, 1 } };

static void request(ikd_scep_store *s, uint32_t frame, double time, const char *op, GBytes *body, ikd_scep_frame *out)
{
    gsize len = 0;
    const uint8_t *bytes = body ? g_bytes_get_data(body, &len) : NULL;
    ikd_scep_request req = { .frame = frame, .time = time, .client = client, .server = server, .server_port = 8080,
                             .path = "/scep", .operation = op, .method = body ? "POST" : "GET",
                             .request_line = "GET /scep?operation=X HTTP/1.1", .body = bytes, .body_len = len };
    ikd_scep_request_seen(s, &req, out);
}

static void answer(ikd_scep_store *s, uint32_t frame, double time, uint32_t to, uint16_t code, GBytes *body,
                   ikd_scep_frame *out)
{
    gsize len = 0;
    const uint8_t *bytes = body ? g_bytes_get_data(body, &len) : NULL;
    ikd_scep_response resp = { .frame = frame, .time = time, .request_frame = to, .code = code,
                               .content_type = "application/x-pki-message", .body = bytes, .body_len = len };
    ikd_scep_response_seen(s, &resp, out);
}

static char *detail(const ikd_finding *f)
{
    char text[512];
    ikd_finding_render(ikd_finding_lookup((ikd_finding_id)f->id)->detail, f, text, sizeof text);
    return g_strdup(text);
}

static void test_granted(void)
{
    ikd_scep_store *s = ikd_scep_store_new();
    ikd_scep_frame f;
    GBytes *ca = load("getcacert.der"), *req = load("granted-pkcsreq.der"), *rep = load("granted-certrep.der");
    GBytes *caps = g_bytes_new_static("Renewal\nSHA-256\r\nAES\n", 21);
    request(s, 4, 100.0, "GetCACert", NULL, &f);
    g_assert_true(f.is_scep);
    g_assert_cmpstr(f.ios_debug, ==, "Client sending GetCACert request: GET /scep?operation=X HTTP/1.1");
    answer(s, 6, 100.001, 4, 200, ca, &f);
    g_assert_cmpuint(f.ca_cert_count, ==, 1);
    g_assert_cmpstr(f.ca_certs[0].subject, ==, "OU=SCEP CA,O=ikediag lab,C=XX");
    g_assert_cmpstr(f.ca_certs[0].sha1, ==, "0CA13318 326608F2 09CD0C25 137F82C5 646E1AD0");
    g_assert_cmpstr(f.ios_debug, ==, "Client received CA certificate.");
    request(s, 8, 100.002, "GetCACaps", NULL, &f);
    answer(s, 9, 100.003, 8, 200, caps, &f);
    g_assert_cmpstr(f.capabilities, ==, "Renewal, SHA-256, AES");
    request(s, 10, 100.004, "PKIOperation", req, &f);
    g_assert_cmpstr(f.summary, ==, "PKCSReq, transaction eVJ6SKeCipc12IlkMl9mw/AgQSM=");
    answer(s, 12, 100.013, 10, 200, rep, &f);
    g_assert_cmpuint(f.findings.count, ==, 1);
    g_assert_cmpuint(f.findings.items[0].id, ==, IKD_F_SCEP_GRANTED);
    g_assert_cmpstr(f.ios_debug, ==, "Client received CertRep - GRANTED.");
    g_assert_cmpuint(ikd_scep_enrollment_count(s), ==, 1);
    const ikd_scep_enrollment *e = ikd_scep_enrollment_at(s, 0);
    g_assert_cmpint(e->outcome, ==, IKD_SCEP_GRANTED);
    g_assert_cmpstr(e->url, ==, "http://192.0.2.1:8080/scep");
    g_assert_cmpuint(e->step_count, ==, 3);
    GString *steps = g_string_new(NULL);
    ikd_scep_steps_text(e, steps);
    g_assert_cmpstr(steps->str, ==, "GetCACert 4->6 (HTTP 200), GetCACaps 8->9 (HTTP 200), PKCSReq 10->12 (HTTP 200, SUCCESS)");
    g_string_free(steps, TRUE);
    ikd_finding_list late = { .count = 0 };
    ikd_scep_late_findings(s, 10, 200.0, &late);
    g_assert_cmpuint(late.count, ==, 0);
    g_bytes_unref(ca); g_bytes_unref(req); g_bytes_unref(rep); g_bytes_unref(caps);
    ikd_scep_store_free(s);
}

static void test_rejected(void)
{
    ikd_scep_store *s = ikd_scep_store_new();
    ikd_scep_frame f;
    GBytes *req = load("rejected-pkcsreq.der"), *rep = load("rejected-certrep.der");
    request(s, 10, 5.0, "PKIOperation", req, &f);
    answer(s, 12, 5.01, 10, 200, rep, &f);
    g_assert_cmpuint(f.findings.count, ==, 1);
    char *text = detail(&f.findings.items[0]);
    g_assert_cmpstr(text, ==, "SCEP enrollment 1: CertRep FAILURE for transaction 5f6Fq7G7sFx59pkuk9zXLbiGchw=, failInfo badRequest — "
                              "the CA refused the request: wrong or expired challenge password, a subject or name the CA policy refuses, or the transaction is not permitted");
    g_free(text);
    char outcome[IKD_SCEP_TEXT];
    ikd_scep_outcome_text(ikd_scep_enrollment_at(s, 0), outcome, sizeof outcome);
    g_assert_cmpstr(outcome, ==, "rejected (failInfo badRequest)");
    g_bytes_unref(req); g_bytes_unref(rep);
    ikd_scep_store_free(s);
}

/* The granted request answered by the other capture's CertRep (a hand-made
 * pairing of two real messages): another transaction, another nonce. */
static void test_reply_to_another_request(void)
{
    ikd_scep_store *s = ikd_scep_store_new();
    ikd_scep_frame f;
    GBytes *req = load("granted-pkcsreq.der"), *rep = load("rejected-certrep.der");
    request(s, 10, 5.0, "PKIOperation", req, &f);
    answer(s, 12, 5.01, 10, 200, rep, &f);
    g_assert_cmpuint(f.findings.count, ==, 3);
    g_assert_cmpuint(f.findings.items[0].id, ==, IKD_F_SCEP_TRANSACTION_MISMATCH);
    g_assert_cmpstr(ikd_interned(f.findings.items[0].arg[1]), ==, "5f6Fq7G7sFx59pkuk9zXLbiGchw=");
    g_assert_cmpuint(f.findings.items[0].arg[2], ==, 10);
    g_assert_cmpstr(ikd_interned(f.findings.items[0].arg[3]), ==, "eVJ6SKeCipc12IlkMl9mw/AgQSM=");
    g_assert_cmpuint(f.findings.items[1].id, ==, IKD_F_SCEP_NONCE_MISMATCH);
    g_assert_cmpuint(f.findings.items[2].id, ==, IKD_F_SCEP_REJECTED);
    g_bytes_unref(req); g_bytes_unref(rep);
    ikd_scep_store_free(s);
}

static void test_unanswered_and_http_error(void)
{
    ikd_scep_store *s = ikd_scep_store_new();
    ikd_scep_frame f;
    request(s, 4, 10.0, "GetCACert", NULL, &f);
    ikd_finding_list late = { .count = 0 };
    ikd_scep_late_findings(s, 4, 24.9, &late);
    g_assert_cmpuint(late.count, ==, 1);
    char *text = detail(&late.items[0]);
    g_assert_cmpstr(text, ==, "SCEP enrollment 1: GetCACert request to http://192.0.2.1:8080/scep got no HTTP answer "
                              "(the capture goes on 14.9 s after it) — CA unreachable or not answering");
    g_free(text);
    char outcome[IKD_SCEP_TEXT];
    ikd_scep_outcome_text(ikd_scep_enrollment_at(s, 0), outcome, sizeof outcome);
    g_assert_cmpstr(outcome, ==, "no answer to GetCACert (frame 4): CA unreachable or not answering");
    request(s, 30, 40.0, "GetCACaps", NULL, &f);
    answer(s, 31, 40.1, 30, 404, NULL, &f);
    g_assert_cmpuint(f.findings.count, ==, 1);
    g_assert_cmpuint(f.findings.items[0].id, ==, IKD_F_SCEP_HTTP_ERROR);
    g_assert_cmpuint(f.findings.items[0].arg[2], ==, 404);
    /* an answer to no request we know, and a request that is not SCEP */
    answer(s, 50, 41.0, 49, 200, NULL, &f);
    g_assert_false(f.is_scep);
    request(s, 51, 41.0, NULL, NULL, &f);
    g_assert_false(f.is_scep);
    ikd_scep_store_free(s);
}

/* GET PKIOperation: the message in the query, URL-encoded base64. */
static void test_get_message(void)
{
    GBytes *req = load("granted-pkcsreq.der");
    gsize len;
    const uint8_t *bytes = g_bytes_get_data(req, &len);
    gchar *b64 = g_base64_encode(bytes, len);
    gchar *escaped = g_uri_escape_string(b64, NULL, FALSE);
    ikd_scep_store *s = ikd_scep_store_new();
    ikd_scep_request r = { .frame = 3, .time = 1, .client = client, .server = server, .server_port = 80,
                           .host = "ca.example", .path = "/cgi-bin/pkiclient.exe", .operation = "PKIOperation",
                           .message = escaped, .method = "GET" };
    ikd_scep_frame f;
    ikd_scep_request_seen(s, &r, &f);
    g_assert_true(f.has_attributes);
    g_assert_cmpstr(f.attributes.transaction_id, ==, "eVJ6SKeCipc12IlkMl9mw/AgQSM=");
    g_assert_cmpstr(ikd_scep_enrollment_at(s, 0)->url, ==, "http://ca.example/cgi-bin/pkiclient.exe");
    r.frame = 5;
    r.message = "not%20base64!";
    ikd_scep_request_seen(s, &r, &f);
    g_assert_false(f.has_attributes);
    g_assert_cmpuint(f.findings.count, ==, 1);
    g_assert_cmpuint(f.findings.items[0].id, ==, IKD_F_SCEP_UNREADABLE);
    g_free(b64); g_free(escaped); g_bytes_unref(req);
    ikd_scep_store_free(s);
}

/* --- PKI messages signed in the test -------------------------------------- */

typedef struct {
    gnutls_x509_privkey_t x509_key;
    gnutls_privkey_t key;
    gnutls_x509_crt_t crt;
} signer;

static void signer_make(signer *s)
{
    g_assert_cmpint(gnutls_x509_privkey_init(&s->x509_key), ==, 0);
    g_assert_cmpint(gnutls_x509_privkey_generate(s->x509_key, GNUTLS_PK_ECDSA,
                                                 GNUTLS_CURVE_TO_BITS(GNUTLS_ECC_CURVE_SECP256R1), 0), ==, 0);
    g_assert_cmpint(gnutls_privkey_init(&s->key), ==, 0);
    g_assert_cmpint(gnutls_privkey_import_x509(s->key, s->x509_key, 0), ==, 0);
    g_assert_cmpint(gnutls_x509_crt_init(&s->crt), ==, 0);
    gnutls_x509_crt_set_version(s->crt, 3);
    gnutls_x509_crt_set_serial(s->crt, "\x01", 1);
    g_assert_cmpint(gnutls_x509_crt_set_dn(s->crt, "CN=SCEP test signer", NULL), ==, 0);
    gnutls_x509_crt_set_activation_time(s->crt, 1767225600);
    gnutls_x509_crt_set_expiration_time(s->crt, 1830297599);
    g_assert_cmpint(gnutls_x509_crt_set_key(s->crt, s->x509_key), ==, 0);
    g_assert_cmpint(gnutls_x509_crt_privkey_sign(s->crt, s->crt, s->key, GNUTLS_DIG_SHA256, 0), ==, 0);
}

static void signer_free(signer *s)
{
    gnutls_x509_crt_deinit(s->crt);
    gnutls_privkey_deinit(s->key);
    gnutls_x509_privkey_deinit(s->x509_key);
}

static void add_attr(gnutls_pkcs7_attrs_t *list, const char *oid, unsigned etype, const void *value, unsigned len)
{
    unsigned char tl[16];
    unsigned tl_len = sizeof tl;
    g_assert_cmpint(asn1_encode_simple_der(etype, value, len, tl, &tl_len), ==, ASN1_SUCCESS);
    GByteArray *der = g_byte_array_new();
    g_byte_array_append(der, tl, tl_len);
    g_byte_array_append(der, value, len);
    gnutls_datum_t d = { der->data, der->len };
    g_assert_cmpint(gnutls_pkcs7_add_attr(list, oid, &d, 0), ==, 0);
    g_byte_array_unref(der);
}

/* A PKI message: messageType, transactionID, a nonce (sender's for a
 * request, recipient's for a CertRep) and a CertRep's pkiStatus. */
static GBytes *pki_message(const signer *s, const char *type, const char *tid, const uint8_t nonce[16],
                           const char *status)
{
    gnutls_pkcs7_attrs_t attrs = NULL;
    add_attr(&attrs, "2.16.840.1.113733.1.9.2", ASN1_ETYPE_PRINTABLE_STRING, type, (unsigned)strlen(type));
    add_attr(&attrs, "2.16.840.1.113733.1.9.7", ASN1_ETYPE_PRINTABLE_STRING, tid, (unsigned)strlen(tid));
    add_attr(&attrs, status ? "2.16.840.1.113733.1.9.6" : "2.16.840.1.113733.1.9.5", ASN1_ETYPE_OCTET_STRING, nonce,
             16);
    if (status)
        add_attr(&attrs, "2.16.840.1.113733.1.9.3", ASN1_ETYPE_PRINTABLE_STRING, status, (unsigned)strlen(status));
    gnutls_pkcs7_t p7;
    g_assert_cmpint(gnutls_pkcs7_init(&p7), ==, 0);
    gnutls_datum_t content = { (unsigned char *)"envelope", 8 };
    g_assert_cmpint(gnutls_pkcs7_sign(p7, s->crt, s->key, &content, attrs, NULL, GNUTLS_DIG_SHA256,
                                      GNUTLS_PKCS7_EMBED_DATA | GNUTLS_PKCS7_INCLUDE_CERT), ==, 0);
    gnutls_datum_t out = { NULL, 0 };
    g_assert_cmpint(gnutls_pkcs7_export2(p7, GNUTLS_X509_FMT_DER, &out), ==, 0);
    GBytes *bytes = g_bytes_new(out.data, out.size);
    gnutls_free(out.data);
    gnutls_pkcs7_deinit(p7);
    gnutls_pkcs7_attrs_deinit(attrs);
    return bytes;
}

static const uint8_t nonce1[16] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
static const uint8_t nonce2[16] = { 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2 };

/* PKCSReq -> PENDING, CertPoll 60 s later -> PENDING, CertPoll 60 s later -> SUCCESS. */
static void test_pending_then_granted(void)
{
    signer client_key, ca_key;
    signer_make(&client_key);
    signer_make(&ca_key);
    ikd_scep_store *s = ikd_scep_store_new();
    ikd_scep_frame f;
    GBytes *m[6] = {
        pki_message(&client_key, "19", "T1", nonce1, NULL), pki_message(&ca_key, "3", "T1", nonce1, "3"),
        pki_message(&client_key, "20", "T1", nonce2, NULL), pki_message(&ca_key, "3", "T1", nonce2, "3"),
        pki_message(&client_key, "20", "T1", nonce1, NULL), pki_message(&ca_key, "3", "T1", nonce1, "0"),
    };
    request(s, 1, 0.0, "PKIOperation", m[0], &f);
    answer(s, 2, 0.1, 1, 200, m[1], &f);
    g_assert_cmpuint(f.findings.count, ==, 1);
    g_assert_cmpuint(f.findings.items[0].id, ==, IKD_F_SCEP_PENDING);
    char outcome[IKD_SCEP_TEXT];
    ikd_scep_outcome_text(ikd_scep_enrollment_at(s, 0), outcome, sizeof outcome);
    g_assert_cmpstr(outcome, ==, "pending at capture end (no poll seen)");
    request(s, 3, 60.0, "PKIOperation", m[2], &f);
    g_assert_cmpuint(f.findings.count, ==, 1);
    char *text = detail(&f.findings.items[0]);
    g_assert_cmpstr(text, ==, "SCEP enrollment 1: CertPoll 1 for transaction T1, 60 s after the previous request — the client polls every 60 s");
    g_free(text);
    answer(s, 4, 60.1, 3, 200, m[3], &f);
    ikd_scep_outcome_text(ikd_scep_enrollment_at(s, 0), outcome, sizeof outcome);
    g_assert_cmpstr(outcome, ==, "pending at capture end (1 polls, every 60 s)");
    request(s, 5, 120.0, "PKIOperation", m[4], &f);
    answer(s, 6, 120.1, 5, 200, m[5], &f);
    g_assert_cmpuint(f.findings.count, ==, 1);
    g_assert_cmpuint(f.findings.items[0].id, ==, IKD_F_SCEP_GRANTED);
    g_assert_cmpuint(ikd_scep_enrollment_count(s), ==, 1);
    const ikd_scep_enrollment *e = ikd_scep_enrollment_at(s, 0);
    g_assert_cmpuint(e->polls, ==, 2);
    g_assert_cmpint(e->outcome, ==, IKD_SCEP_GRANTED);
    /* a new transaction from the same client after the grant is a new enrollment */
    GBytes *again = pki_message(&client_key, "19", "T2", nonce2, NULL);
    request(s, 7, 130.0, "PKIOperation", again, &f);
    g_assert_cmpuint(f.enrollment, ==, 2);
    g_bytes_unref(again);
    for (guint i = 0; i < G_N_ELEMENTS(m); i++)
        g_bytes_unref(m[i]);
    ikd_scep_store_free(s);
    signer_free(&client_key);
    signer_free(&ca_key);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/scep/enrollment/granted", test_granted);
    g_test_add_func("/scep/enrollment/rejected", test_rejected);
    g_test_add_func("/scep/enrollment/reply_to_another_request", test_reply_to_another_request);
    g_test_add_func("/scep/enrollment/unanswered_and_http_error", test_unanswered_and_http_error);
    g_test_add_func("/scep/enrollment/get_message", test_get_message);
    g_test_add_func("/scep/enrollment/pending_then_granted", test_pending_then_granted);
    return g_test_run();
}
