/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - common/crl, common/revocation, common/cert_refusal and
 * common/cert_absent: CRLs made by GnuTLS in the test (a CA and its CRL
 * signed on the spot), read back; TCP/HTTP segments of a CRL fetch tied to
 * the SA whose certificate names the URL; the refusal verdicts they lead
 * to; chains and CERTREQ matching; a signature without a certificate. */
#include "test_data.h"
#include "common/cert_notes.h"
#include "common/crl.h"
#include "common/revocation.h"
#include "common/sa_store.h"
#include "core/interned.h"
#include "report/finding_text.h"

#include <glib.h>
#include <gnutls/abstract.h>
#include <gnutls/x509.h>
#include <string.h>

enum { CA_BITS = 2048, LISTED_SERIAL = 0x0A1B2C };

static GBytes *load(const char *name)
{
    return ikd_test_data(NULL, name);
}

/* The initiator's CERT payload (X.509 signature) carrying data/<file>, in frame 5. */
static void send_cert(ikd_sa *sa, const char *file)
{
    GBytes *der = load(file);
    gsize len;
    const uint8_t *bytes = g_bytes_get_data(der, &len);
    GByteArray *body = g_byte_array_new();
    const guint8 encoding = IKD_CERT_ENCODING_X509_SIGNATURE;
    g_byte_array_append(body, &encoding, 1);
    g_byte_array_append(body, bytes, (guint)len);
    const ikd_packet p = { .frame = 5, .time = 1800000000.0 };
    ikd_annotation ann;
    memset(&ann, 0, sizeof ann);
    ikd_cert_note(sa, 0, body->data, body->len, &p, &ann, 28, 100);
    g_byte_array_free(body, TRUE);
    g_bytes_unref(der);
}

/* A CA named like the one that issued gw-2026-2027.der, made now, and a
 * CRL it signs listing `serial` (3 bytes; 0: an empty CRL), as DER. */
static GByteArray *make_crl(uint32_t serial)
{
    gnutls_x509_privkey_t key;
    gnutls_x509_crt_t ca;
    gnutls_x509_crl_t crl;
    g_assert_cmpint(gnutls_x509_privkey_init(&key), ==, 0);
    g_assert_cmpint(gnutls_x509_privkey_generate(key, GNUTLS_PK_RSA, CA_BITS, 0), ==, 0);
    g_assert_cmpint(gnutls_x509_crt_init(&ca), ==, 0);
    g_assert_cmpint(gnutls_x509_crt_set_dn(ca, "CN=ikediag test CA,O=ikediag test,C=XX", NULL), ==, 0);
    g_assert_cmpint(gnutls_x509_crt_set_key(ca, key), ==, 0);
    g_assert_cmpint(gnutls_x509_crt_set_version(ca, 3), ==, 0);
    g_assert_cmpint(gnutls_x509_crt_set_serial(ca, "\x01", 1), ==, 0);
    g_assert_cmpint(gnutls_x509_crt_set_activation_time(ca, 1767225600), ==, 0);
    g_assert_cmpint(gnutls_x509_crt_set_expiration_time(ca, 1830297599), ==, 0);
    g_assert_cmpint(gnutls_x509_crt_set_basic_constraints(ca, 1, -1), ==, 0);
    g_assert_cmpint(gnutls_x509_crt_sign2(ca, ca, key, GNUTLS_DIG_SHA256, 0), ==, 0);
    g_assert_cmpint(gnutls_x509_crl_init(&crl), ==, 0);
    g_assert_cmpint(gnutls_x509_crl_set_version(crl, 2), ==, 0);
    g_assert_cmpint(gnutls_x509_crl_set_this_update(crl, 1780000000), ==, 0);
    g_assert_cmpint(gnutls_x509_crl_set_next_update(crl, 1790000000), ==, 0);
    if (serial) {
        const unsigned char bytes[3] = { (unsigned char)(serial >> 16), (unsigned char)(serial >> 8),
                                         (unsigned char)serial };
        g_assert_cmpint(gnutls_x509_crl_set_crt_serial(crl, bytes, sizeof bytes, 1780000000), ==, 0);
    }
    g_assert_cmpint(gnutls_x509_crl_sign2(crl, ca, key, GNUTLS_DIG_SHA256, 0), ==, 0);
    gnutls_datum_t der = { NULL, 0 };
    g_assert_cmpint(gnutls_x509_crl_export2(crl, GNUTLS_X509_FMT_DER, &der), ==, 0);
    GByteArray *out = g_byte_array_new();
    g_byte_array_append(out, der.data, der.size);
    gnutls_free(der.data);
    gnutls_x509_crl_deinit(crl);
    gnutls_x509_crt_deinit(ca);
    gnutls_x509_privkey_deinit(key);
    return out;
}

static void test_crl_read_and_lookup(void)
{
    GByteArray *crl = make_crl(LISTED_SERIAL);
    ikd_crl_info info;
    g_assert_true(ikd_crl_read(crl->data, crl->len, &info));
    g_assert_cmpstr(info.issuer, ==, "CN=ikediag test CA,O=ikediag test,C=XX");
    g_assert_cmpuint(info.revoked, ==, 1);
    g_assert_cmpint(ikd_crl_lists_serial(crl->data, crl->len, "0A1B2C"), ==, 1);
    g_assert_cmpint(ikd_crl_lists_serial(crl->data, crl->len, "0A1B2D"), ==, 0);
    g_assert_cmpint(ikd_crl_lists_serial(crl->data, crl->len, ""), ==, 0);
    /* cut short, or not a CRL at all: unreadable, never a crash */
    g_assert_false(ikd_crl_read(crl->data, crl->len / 2, &info));
    g_assert_cmpstr(info.issuer, ==, "");
    g_assert_cmpint(ikd_crl_lists_serial(crl->data, crl->len - 1, "0A1B2C"), ==, -1);
    static const uint8_t html[] = "<html>404 Not Found</html>";
    g_assert_false(ikd_crl_read(html, sizeof html - 1, &info));
    g_assert_false(ikd_crl_read(NULL, 0, &info));
    g_byte_array_free(crl, TRUE);
    GByteArray *empty = make_crl(0);
    g_assert_true(ikd_crl_read(empty->data, empty->len, &info));
    g_assert_cmpuint(info.revoked, ==, 0);
    g_assert_cmpint(ikd_crl_lists_serial(empty->data, empty->len, "0A1B2C"), ==, 0);
    g_byte_array_free(empty, TRUE);
}

static ikd_address v4(uint8_t a, uint8_t b, uint8_t c, uint8_t d)
{
    ikd_address out = { 4, { a, b, c, d } };
    return out;
}

static void test_url_names_server(void)
{
    const ikd_address crl = v4(198, 51, 100, 7), other = v4(198, 51, 100, 8);
    g_assert_true(ikd_url_names_server("http://198.51.100.7/ca.crl", &crl, 80));
    g_assert_true(ikd_url_names_server("HTTP://198.51.100.7:8080/ca.crl", &crl, 8080));
    g_assert_true(ikd_url_names_server("http://198.51.100.7:8080", &crl, 8080));
    g_assert_false(ikd_url_names_server("http://198.51.100.7:8080/ca.crl", &crl, 80));
    g_assert_false(ikd_url_names_server("http://198.51.100.7/ca.crl", &other, 80));
    g_assert_false(ikd_url_names_server("http://crl.lab.example/ca.crl", &crl, 80)); /* a name: no DNS here */
    g_assert_false(ikd_url_names_server("ldap://198.51.100.7/cn=CA", &crl, 80));
    g_assert_false(ikd_url_names_server("http://198.51.100.7:80x/ca.crl", &crl, 80));
    g_assert_false(ikd_url_names_server("http://", &crl, 80));
    g_assert_false(ikd_url_names_server(NULL, &crl, 80));
    const ikd_address v6 = { 6, { 0x20, 0x01, 0x0d, 0xb8, [15] = 7 } };
    g_assert_true(ikd_url_names_server("http://[2001:db8::7]:8080/ca.crl", &v6, 8080));
}

/* An SA between 192.0.2.10 (initiator) and 192.0.2.1 (responder) in a
 * store, the initiator having sent gw-2026-2027.der (CRL
 * http://198.51.100.7/ca.crl, OCSP http://198.51.100.7/ocsp) in frame 5. */
typedef struct {
    ikd_sa_store store;
    ikd_sa *sa;
} fixture;

static void destroy_plain_sa(ikd_sa *sa, void *ctx G_GNUC_UNUSED)
{
    g_free(sa);
}

static void fixture_set_up(fixture *f, gconstpointer data)
{
    (void)data;
    ikd_sa_store_init(&f->store, destroy_plain_sa, NULL);
    f->sa = g_new0(ikd_sa, 1);
    f->sa->roles_known = true;
    f->sa->conn_id = 1001;
    f->sa->spi_i[0] = 1;
    f->sa->peer[0] = v4(192, 0, 2, 10);
    f->sa->peer[1] = v4(192, 0, 2, 1);
    f->sa->last_time = 100.0;
    ikd_sa_store_add(&f->store, f->sa);
    send_cert(f->sa, "gw-2026-2027.der");
}

static void fixture_tear_down(fixture *f, gconstpointer data)
{
    (void)data;
    ikd_sa_store_clear(&f->store);
}

/* A segment from the responder to the CRL server (or back). */
static const ikd_fetch *segment(fixture *f, uint32_t frame, bool to_server, bool syn, bool ack)
{
    ikd_tcp_segment seg = {
        .frame = frame, .time = 101.0, .stream = 3, .syn = syn, .ack = ack,
        .src = to_server ? f->sa->peer[1] : v4(198, 51, 100, 7), .dst = to_server ? v4(198, 51, 100, 7) : f->sa->peer[1],
        .src_port = to_server ? 40000 : 80, .dst_port = to_server ? 80 : 40000,
    };
    const ikd_sa *sa = NULL;
    const ikd_fetch *fetch = ikd_revocation_note(&f->store, &seg, &sa);
    g_assert_true(!fetch || sa == f->sa);
    return fetch;
}

static ikd_finding refusal(const ikd_sa *sa)
{
    ikd_finding out = { .id = IKD_FINDING_COUNT, .arg = { 1001 } };
    ikd_finding_id id;
    g_assert_true(ikd_cert_refusal_verdict(sa, 1, 0, &id, out.arg));
    out.id = (uint16_t)id;
    return out;
}

static const char *render(const ikd_finding *f, char *buf, size_t size)
{
    return ikd_finding_render(ikd_finding_lookup((ikd_finding_id)f->id)->detail, f, buf, size);
}

static void test_fetch_without_answer(fixture *f, gconstpointer data)
{
    (void)data;
    const ikd_fetch *fetch = segment(f, 7, true, true, false);
    g_assert_nonnull(fetch);
    g_assert_cmpint(fetch->kind, ==, IKD_FETCH_CRL);
    g_assert_cmpstr(fetch->url, ==, "http://198.51.100.7/ca.crl");
    g_assert_cmpuint(fetch->by, ==, 1);
    g_assert_true(segment(f, 9, true, true, false) == fetch);
    g_assert_true(segment(f, 12, true, true, false) == fetch);
    g_assert_cmpuint(fetch->attempts, ==, 3);
    g_assert_cmpuint(ikd_fetch_count(f->sa), ==, 1);
    ikd_finding v = refusal(f->sa);
    g_assert_cmpint(v.id, ==, IKD_F_STUCK_CRL_FETCH_FAILED);
    char buf[512];
    g_assert_cmpstr(render(&v, buf, sizeof buf), ==,
                    "SA 1001: the responder refused the initiator's authentication after its revocation check "
                    "failed: the CRL fetch from http://198.51.100.7/ca.crl: no answer to 3 connection attempts "
                    "(frame 7) — CRL fetch failed: revocation check could not complete");
    /* the server refusing the connection is a failure too */
    ikd_tcp_segment rst = { .frame = 13, .time = 101.5, .stream = 3, .rst = true, .ack = true,
                            .src = v4(198, 51, 100, 7), .dst = f->sa->peer[1], .src_port = 80, .dst_port = 40000 };
    const ikd_sa *sa;
    ikd_revocation_note(&f->store, &rst, &sa);
    char outcome[128];
    g_assert_cmpstr(ikd_fetch_outcome_text(fetch, outcome, sizeof outcome), ==, "connection refused");
}

static void answer(fixture *f, uint32_t frame, uint16_t status, const uint8_t *body, size_t len)
{
    ikd_tcp_segment seg = { .frame = frame, .time = 101.2, .stream = 3, .ack = true, .response_code = status,
                            .body = body, .body_len = len, .src = v4(198, 51, 100, 7), .dst = f->sa->peer[1],
                            .src_port = 80, .dst_port = 40000 };
    const ikd_sa *sa;
    g_assert_nonnull(ikd_revocation_note(&f->store, &seg, &sa));
}

static const ikd_fetch *request(fixture *f, const char *uri)
{
    ikd_tcp_segment get = { .frame = 8, .time = 101.1, .stream = 3, .ack = true, .request_uri = uri,
                            .src = f->sa->peer[1], .dst = v4(198, 51, 100, 7), .src_port = 40000, .dst_port = 80 };
    const ikd_sa *sa = NULL;
    return ikd_revocation_note(&f->store, &get, &sa);
}

static void test_crl_lists_certificate(fixture *f, gconstpointer data)
{
    (void)data;
    const ikd_fetch *fetch = request(f, "http://198.51.100.7/ca.crl");
    g_assert_nonnull(fetch);
    g_assert_cmpuint(fetch->request_frame, ==, 8);
    GByteArray *crl = make_crl(LISTED_SERIAL);
    answer(f, 10, 200, crl->data, crl->len);
    g_byte_array_free(crl, TRUE);
    g_assert_cmpint(fetch->crl_read, ==, 1);
    g_assert_cmpint(fetch->crl_lists_cert, ==, 1);
    char buf[512];
    g_assert_cmpstr(ikd_fetch_outcome_text(fetch, buf, sizeof buf), ==,
                    "HTTP 200, a CRL of CN=ikediag test CA,O=ikediag test,C=XX listing 1 serial number(s), among "
                    "them the certificate's");
    ikd_finding v = refusal(f->sa);
    g_assert_cmpint(v.id, ==, IKD_F_STUCK_CERT_REVOKED);
    g_assert_cmpstr(render(&v, buf, sizeof buf), ==,
                    "SA 1001: the responder fetched the CRL and refused the initiator's authentication; that CRL "
                    "lists its certificate CN=gw.lab.example,O=ikediag test,C=XX as revoked (CRL received in frame "
                    "10) — the certificate was revoked: enrol the peer again for a new one");
}

static void test_crl_without_certificate(fixture *f, gconstpointer data)
{
    (void)data;
    g_assert_nonnull(request(f, "http://198.51.100.7/ca.crl"));
    GByteArray *crl = make_crl(0x0A1B2D);
    answer(f, 10, 200, crl->data, crl->len);
    g_byte_array_free(crl, TRUE);
    /* the CRL clears it: the refusal is for another reason (sent without its issuer's certificate) */
    g_assert_cmpint(refusal(f->sa).id, ==, IKD_F_STUCK_CERT_REFUSED_NO_ISSUER);
}

static void test_answer_not_a_crl(fixture *f, gconstpointer data)
{
    (void)data;
    static const uint8_t html[] = "<html>moved</html>";
    g_assert_nonnull(request(f, "http://198.51.100.7/ca.crl"));
    answer(f, 10, 200, html, sizeof html - 1);
    ikd_finding v = refusal(f->sa);
    g_assert_cmpint(v.id, ==, IKD_F_STUCK_CERT_PROBABLY_REVOKED);
    char buf[512];
    g_assert_cmpstr(render(&v, buf, sizeof buf), ==,
                    "SA 1001: the responder checked the revocation of the initiator's certificate "
                    "CN=gw.lab.example,O=ikediag test,C=XX (answered in frame 10) and then refused its authentication "
                    "— the certificate was probably revoked");
}

static void test_http_error_and_ocsp(fixture *f, gconstpointer data)
{
    (void)data;
    const ikd_fetch *fetch = request(f, "http://198.51.100.7/ocsp");
    g_assert_nonnull(fetch);
    g_assert_cmpint(fetch->kind, ==, IKD_FETCH_OCSP);
    answer(f, 10, 404, NULL, 0);
    char buf[128];
    g_assert_cmpstr(ikd_fetch_outcome_text(fetch, buf, sizeof buf), ==, "HTTP 404");
    g_assert_cmpint(refusal(f->sa).id, ==, IKD_F_STUCK_OCSP_FETCH_FAILED);
}

/* An OCSP POST to the certificate's responder carrying data/ocsp/req.der,
 * answered (frame 10) with data/ocsp/<file> (OpenSSL's responder's). */
static const ikd_fetch *ocsp_exchange(fixture *f, const char *file)
{
    GBytes *req = ikd_test_data("ocsp", "req.der"), *resp = ikd_test_data("ocsp", file);
    gsize req_len, resp_len;
    const uint8_t *req_bytes = g_bytes_get_data(req, &req_len), *resp_bytes = g_bytes_get_data(resp, &resp_len);
    ikd_tcp_segment post = { .frame = 8, .time = 101.1, .stream = 3, .ack = true, .request_uri = "http://198.51.100.7/ocsp",
                             .body = req_bytes, .body_len = req_len, .src = f->sa->peer[1],
                             .dst = v4(198, 51, 100, 7), .src_port = 40000, .dst_port = 80 };
    const ikd_sa *sa = NULL;
    const ikd_fetch *fetch = ikd_revocation_note(&f->store, &post, &sa);
    g_assert_nonnull(fetch);
    g_assert_cmpint(fetch->kind, ==, IKD_FETCH_OCSP);
    g_assert_cmpint(fetch->ocsp_asks_cert, ==, 1);
    answer(f, 10, 200, resp_bytes, resp_len);
    g_bytes_unref(req);
    g_bytes_unref(resp);
    return fetch;
}

static void test_ocsp_revoked(fixture *f, gconstpointer data)
{
    (void)data;
    const ikd_fetch *fetch = ocsp_exchange(f, "revoked.der");
    g_assert_cmpint(fetch->ocsp_read, ==, 1);
    char buf[512];
    g_assert_cmpstr(ikd_fetch_outcome_text(fetch, buf, sizeof buf), ==,
                    "HTTP 200, OCSP: revoked on 12:00:00 UTC Jun 1 2026 (keyCompromise)");
    ikd_finding v = refusal(f->sa);
    g_assert_cmpint(v.id, ==, IKD_F_STUCK_CERT_REVOKED_OCSP);
    g_assert_cmpstr(render(&v, buf, sizeof buf), ==,
                    "SA 1001: the responder asked the OCSP responder and refused the initiator's authentication; the "
                    "OCSP responder answered that its certificate CN=gw.lab.example,O=ikediag test,C=XX is revoked on "
                    "12:00:00 UTC Jun 1 2026 (keyCompromise) (OCSP response in frame 10) — the certificate was "
                    "revoked: enrol the peer again for a new one");
}

static void test_ocsp_good_and_unknown(fixture *f, gconstpointer data)
{
    (void)data;
    const ikd_fetch *fetch = ocsp_exchange(f, "good.der");
    char buf[512];
    g_assert_cmpstr(ikd_fetch_outcome_text(fetch, buf, sizeof buf), ==, "HTTP 200, OCSP: good");
    /* good clears it: the refusal is for another reason */
    g_assert_cmpint(refusal(f->sa).id, ==, IKD_F_STUCK_CERT_REFUSED_NO_ISSUER); /* the fixture sends no issuer certificate */
    ikd_sa_store_clear(&f->store);
    fixture_set_up(f, NULL);
    ocsp_exchange(f, "unknown.der");
    ikd_finding v = refusal(f->sa);
    g_assert_cmpint(v.id, ==, IKD_F_STUCK_OCSP_FETCH_FAILED);
    g_assert_cmpstr(render(&v, buf, sizeof buf), ==,
                    "SA 1001: the responder refused the initiator's authentication after its revocation check "
                    "failed: the OCSP request to http://198.51.100.7/ocsp: HTTP 200, OCSP: unknown: the responder does "
                    "not know the certificate (frame 10) — OCSP fetch failed: revocation check could not complete");
}

static void test_ocsp_not_a_response(fixture *f, gconstpointer data)
{
    (void)data;
    static const uint8_t html[] = "<html>moved</html>";
    g_assert_nonnull(request(f, "http://198.51.100.7/ocsp"));
    answer(f, 10, 200, html, sizeof html - 1);
    g_assert_cmpint(ikd_fetch_at(f->sa, 0)->ocsp_read, ==, -1);
    char buf[128];
    g_assert_cmpstr(ikd_fetch_outcome_text(ikd_fetch_at(f->sa, 0), buf, sizeof buf), ==,
                    "HTTP 200, not an OCSP response GnuTLS can read");
    g_assert_cmpint(refusal(f->sa).id, ==, IKD_F_STUCK_CERT_PROBABLY_REVOKED);
}

static void test_not_a_fetch(fixture *f, gconstpointer data)
{
    (void)data;
    /* the initiator (who sent the certificate) does not check its own */
    ikd_tcp_segment seg = { .frame = 7, .time = 101.0, .stream = 4, .syn = true, .src = f->sa->peer[0],
                            .dst = v4(198, 51, 100, 7), .src_port = 40000, .dst_port = 80 };
    const ikd_sa *sa = NULL;
    g_assert_null(ikd_revocation_note(&f->store, &seg, &sa));
    /* another server, another port */
    seg.src = f->sa->peer[1];
    seg.dst_port = 443;
    g_assert_null(ikd_revocation_note(&f->store, &seg, &sa));
    seg.dst_port = 80;
    seg.dst = v4(198, 51, 100, 9);
    g_assert_null(ikd_revocation_note(&f->store, &seg, &sa));
    /* long after the SA went quiet */
    seg.dst = v4(198, 51, 100, 7);
    seg.time = 100.0 + IKD_FETCH_WINDOW + 1;
    g_assert_null(ikd_revocation_note(&f->store, &seg, &sa));
    /* a segment of no fetch in the middle of a stream */
    seg.time = 101.0;
    seg.syn = false;
    seg.ack = true;
    g_assert_null(ikd_revocation_note(&f->store, &seg, &sa));
    g_assert_cmpuint(ikd_fetch_count(f->sa), ==, 0);
    g_assert_cmpint(refusal(f->sa).id, ==, IKD_F_STUCK_CERT_REFUSED_NO_ISSUER);
}

static void test_fetches_bounded(fixture *f, gconstpointer data)
{
    (void)data;
    for (uint32_t i = 0; i < IKD_MAX_SA_FETCHES + 4; i++) {
        ikd_tcp_segment seg = { .frame = 7 + i, .time = 101.0, .stream = 10 + i, .syn = true, .src = f->sa->peer[1],
                                .dst = v4(198, 51, 100, 7), .src_port = (uint16_t)(40000 + i), .dst_port = 80 };
        const ikd_sa *sa = NULL;
        const ikd_fetch *fetch = ikd_revocation_note(&f->store, &seg, &sa);
        g_assert_true((fetch != NULL) == (i < IKD_MAX_SA_FETCHES));
    }
    g_assert_cmpuint(ikd_fetch_count(f->sa), ==, IKD_MAX_SA_FETCHES);
}

/* A CERTREQ body: encoding 4 (X.509 signature), then the CA names. */
static void cert_request(ikd_sa *sa, int sender, const uint8_t *names, size_t len, bool ikev2, ikd_annotation *ann)
{
    GByteArray *body = g_byte_array_new();
    const guint8 encoding = IKD_CERT_ENCODING_X509_SIGNATURE;
    g_byte_array_append(body, &encoding, 1);
    g_byte_array_append(body, names, (guint)len);
    ikd_cert_request_note(sa, sender, body->data, body->len, ikev2, ann);
    g_byte_array_free(body, TRUE);
}

/* The CAs a CERTREQ asked for are listed with its message, once per SA. */
static void test_requests_listed(fixture *f, gconstpointer data)
{
    (void)data;
    uint8_t keys[3 * 20] = { 0 };
    keys[0] = 1, keys[20] = 2, keys[40] = 1; /* the third repeats the first */
    ikd_annotation ann;
    memset(&ann, 0, sizeof ann);
    cert_request(f->sa, 1, keys, sizeof keys, true, &ann);
    g_assert_cmpuint(ann.request_count, ==, 3);
    g_assert_true(ann.requests[0] == ann.requests[2]);
    g_assert_true(ann.requests[0]->by_key);
    g_assert_cmpuint(ann.requests[1]->key_sha1[0], ==, 2);
    g_assert_cmpuint(ikd_cert_requests_from(f->sa, 1), ==, 2);
    /* an empty IKEv1 CERTREQ asks for any CA */
    memset(&ann, 0, sizeof ann);
    cert_request(f->sa, 0, NULL, 0, false, &ann);
    g_assert_cmpuint(ann.request_count, ==, 1);
    g_assert_cmpstr(ann.requests[0]->dn, ==, "");
    /* a list longer than a message keeps is cut, the SA keeps them all */
    uint8_t many[12 * 20];
    for (int i = 0; i < 12; i++)
        memset(many + 20 * i, 0x40 + i, 20);
    memset(&ann, 0, sizeof ann);
    cert_request(f->sa, 1, many, sizeof many, true, &ann);
    g_assert_cmpuint(ann.request_count, ==, IKD_MAX_MESSAGE_REQUESTS);
    g_assert_cmpuint(ikd_cert_requests_from(f->sa, 1), ==, 14);
}

/* IKEv1: a chain sent up to an intermediate counts from its top; an end
 * certificate alone whose issuer was not asked for cannot be chained. */
static void test_chain_by_name(fixture *f, gconstpointer data)
{
    (void)data;
    static const uint8_t other_ca[] = { 0x30, 0x13, 0x31, 0x11, 0x30, 0x0f, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x08,
                                        'o', 't', 'h', 'e', 'r', ' ', 'C', 'A' };
    cert_request(f->sa, 1, other_ca, sizeof other_ca, false, NULL);
    ikd_finding v = refusal(f->sa);
    g_assert_cmpint(v.id, ==, IKD_F_STUCK_CERT_CHAIN_INCOMPLETE);
    char buf[768];
    g_assert_cmpstr(render(&v, buf, sizeof buf), ==,
                    "SA 1001: the responder refused the initiator's authentication; its certificate's issuer "
                    "CN=ikediag test CA,O=ikediag test,C=XX was neither sent with it nor among the 1 CA(s) the "
                    "responder asked for in its CERTREQ — the responder cannot build the chain: if CN=ikediag test "
                    "CA,O=ikediag test,C=XX is an intermediate CA, the initiator must send its certificate (or the "
                    "responder must hold it); otherwise the responder has no trustpoint for it");
    /* the issuer sent along: the top of the chain is what was not asked for */
    send_cert(f->sa, "test-ca.der");
    g_assert_true(ikd_cert_issuer_sent(f->sa, ikd_cert_at(f->sa, 0)) == ikd_cert_at(f->sa, 1));
    g_assert_cmpint(refusal(f->sa).id, ==, IKD_F_STUCK_CERT_UNTRUSTED_ISSUER);
}

static void test_signature_without_certificate(void)
{
    ikd_sa sa = { .roles_known = true };
    ikd_annotation ann;
    memset(&ann, 0, sizeof ann);
    ikd_cert_check_signature(&sa, 0, false, &ann, 28, 100);
    g_assert_cmpuint(ann.findings.count, ==, 1);
    g_assert_cmpint(ann.findings.items[0].id, ==, IKD_F_CERT_NOT_SENT);
    char buf[512];
    g_assert_cmpstr(render(&ann.findings.items[0], buf, sizeof buf), ==,
                    "the initiator signed its authentication without sending a certificate: the responder must "
                    "already hold it (or its public key) to verify the signature");
    /* once per sender: a resend says nothing more */
    memset(&ann, 0, sizeof ann);
    ikd_cert_check_signature(&sa, 0, false, &ann, 28, 100);
    g_assert_cmpuint(ann.findings.count, ==, 0);
    /* a certificate in the message: nothing */
    ikd_cert_check_signature(&sa, 1, true, &ann, 28, 100);
    g_assert_cmpuint(ann.findings.count, ==, 0);
    /* the initiator asked for one */
    uint8_t key[20] = { 9 };
    cert_request(&sa, 0, key, sizeof key, true, NULL);
    ikd_cert_check_signature(&sa, 1, false, &ann, 28, 100);
    g_assert_cmpuint(ann.findings.count, ==, 1);
    g_assert_cmpint(ann.findings.items[0].id, ==, IKD_F_CERT_REQUEST_UNANSWERED);
    g_assert_cmpstr(render(&ann.findings.items[0], buf, sizeof buf), ==,
                    "the initiator asked for a certificate (CERTREQ for 1 CA(s)) but the responder signed its "
                    "authentication without sending one — unless the initiator holds it already, it cannot verify "
                    "the signature");
    ikd_sa_extra_free(&sa);
}

#define FIXTURE_TEST(path, fn) g_test_add(path, fixture, NULL, fixture_set_up, fn, fixture_tear_down)

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/revocation/crl_read_and_lookup", test_crl_read_and_lookup);
    g_test_add_func("/revocation/url_names_server", test_url_names_server);
    FIXTURE_TEST("/revocation/fetch_without_answer", test_fetch_without_answer);
    FIXTURE_TEST("/revocation/crl_lists_certificate", test_crl_lists_certificate);
    FIXTURE_TEST("/revocation/crl_without_certificate", test_crl_without_certificate);
    FIXTURE_TEST("/revocation/answer_not_a_crl", test_answer_not_a_crl);
    FIXTURE_TEST("/revocation/http_error_and_ocsp", test_http_error_and_ocsp);
    FIXTURE_TEST("/revocation/ocsp_revoked", test_ocsp_revoked);
    FIXTURE_TEST("/revocation/ocsp_good_and_unknown", test_ocsp_good_and_unknown);
    FIXTURE_TEST("/revocation/ocsp_not_a_response", test_ocsp_not_a_response);
    FIXTURE_TEST("/revocation/not_a_fetch", test_not_a_fetch);
    FIXTURE_TEST("/revocation/fetches_bounded", test_fetches_bounded);
    FIXTURE_TEST("/revocation/requests_listed", test_requests_listed);
    FIXTURE_TEST("/revocation/chain_by_name", test_chain_by_name);
    g_test_add_func("/revocation/signature_without_certificate", test_signature_without_certificate);
    return g_test_run();
}
