/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - common/certificate: real X.509 certificates made by
 * strongSwan's pki (tests/unit/data/README.md) read through GnuTLS, every
 * field asserted; truncated and garbage DER refused without a crash. */
#include "common/certificate.h"

#include <glib.h>
#include <string.h>

static GBytes *load(const char *name)
{
    char *path = g_build_filename(IKEDIAG_TEST_DATA, name, NULL);
    gchar *data = NULL;
    gsize len = 0;
    g_assert_true(g_file_get_contents(path, &data, &len, NULL));
    g_free(path);
    return g_bytes_new_take(data, len);
}

static void parse(const char *name, ikd_cert_info *out)
{
    GBytes *der = load(name);
    gsize len;
    const uint8_t *bytes = g_bytes_get_data(der, &len);
    g_assert_true(ikd_cert_parse(bytes, len, out));
    g_bytes_unref(der);
}

static void test_gateway_certificate(void)
{
    ikd_cert_info c;
    parse("gw-2026-2027.der", &c);
    g_assert_cmpstr(c.subject, ==, "CN=gw.lab.example,O=ikediag test,C=XX");
    g_assert_cmpstr(c.issuer, ==, "CN=ikediag test CA,O=ikediag test,C=XX");
    g_assert_cmpstr(c.serial, ==, "0A1B2C");
    g_assert_cmpint(c.not_before, ==, 1767225600);  /* 2026-01-01 00:00:00 UTC */
    g_assert_cmpint(c.not_after, ==, 1830297599);   /* 2027-12-31 23:59:59 UTC */
    g_assert_cmpint(c.key_kind, ==, IKD_CERT_KEY_RSA);
    g_assert_cmpuint(c.key_bits, ==, 2048);
    g_assert_cmpstr(c.key, ==, "RSA 2048 bits");
    g_assert_cmpstr(c.signature, ==, "RSA-SHA256");
    g_assert_cmpint(c.signature_hash, ==, IKD_CERT_HASH_SHA2);
    g_assert_cmpstr(c.alt_names, ==, "DNS:gw.lab.example, IP:192.0.2.1, email:ops@lab.example");
    g_assert_false(c.has_key_usage);
    g_assert_cmpstr(c.extended_key_usage, ==, "serverAuth, clientAuth");
    g_assert_cmpstr(c.crl_points, ==, "http://198.51.100.7/ca.crl");
    g_assert_cmpstr(c.ocsp, ==, "http://198.51.100.7/ocsp");
    g_assert_false(c.is_ca);
    g_assert_cmpstr(c.sha1, ==, "f297f9ef6e896afc1f47c9c6ccb674bc297527ec");
}

static void test_ca_certificate(void)
{
    ikd_cert_info c;
    parse("test-ca.der", &c);
    g_assert_cmpstr(c.subject, ==, c.issuer);
    g_assert_true(c.is_ca);
    g_assert_cmpstr(c.serial, ==, "01");
}

static void test_weak_expired_certificate(void)
{
    ikd_cert_info c;
    parse("old-rsa1024-sha1-2020.der", &c);
    g_assert_cmpuint(c.key_bits, ==, 1024);
    g_assert_cmpint(c.signature_hash, ==, IKD_CERT_HASH_SHA1);
    g_assert_cmpstr(c.signature, ==, "RSA-SHA1");
    g_assert_cmpstr(c.alt_names, ==, "");
    g_assert_cmpstr(c.crl_points, ==, "");
}

static void test_validity(void)
{
    ikd_cert_info c;
    parse("gw-2026-2027.der", &c);
    g_assert_cmpint(ikd_cert_validity_at(&c, 1767225599.0), ==, -1);
    g_assert_cmpint(ikd_cert_validity_at(&c, 1767225600.0), ==, 0);
    g_assert_cmpint(ikd_cert_validity_at(&c, 1830297599.0), ==, 0);
    g_assert_cmpint(ikd_cert_validity_at(&c, 1830297600.0), ==, 1);
}

/* Every prefix of a real certificate, and the same bytes with one flipped:
 * refused or read, never a crash (ASan watches in the sanitizer build). */
static void test_truncated_and_damaged(void)
{
    GBytes *der = load("gw-2026-2027.der");
    gsize len;
    const uint8_t *bytes = g_bytes_get_data(der, &len);
    ikd_cert_info c;
    for (gsize cut = 0; cut < len; cut++)
        g_assert_false(ikd_cert_parse(bytes, cut, &c));
    guint8 *copy = g_memdup2(bytes, len);
    for (gsize i = 0; i < len; i++) {
        copy[i] ^= 0x5a;
        (void)ikd_cert_parse(copy, len, &c);
        copy[i] ^= 0x5a;
    }
    g_free(copy);
    g_assert_false(ikd_cert_parse((const uint8_t *)"\x30\x03\x02\x01\x00", 5, &c));
    g_assert_cmpstr(c.subject, ==, "");
    g_assert_cmpint(c.not_after, ==, -1);
    g_bytes_unref(der);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/certificate/gateway", test_gateway_certificate);
    g_test_add_func("/certificate/ca", test_ca_certificate);
    g_test_add_func("/certificate/weak_expired", test_weak_expired_certificate);
    g_test_add_func("/certificate/validity", test_validity);
    g_test_add_func("/certificate/truncated_and_damaged", test_truncated_and_damaged);
    return g_test_run();
}
