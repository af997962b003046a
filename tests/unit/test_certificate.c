/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - common/certificate: real X.509 certificates made by
 * strongSwan's pki (tests/unit/data/README.md) read through GnuTLS, every
 * field asserted; truncated and garbage DER refused without a crash. */
#include "test_data.h"
#include "common/cert_notes.h"
#include "common/certificate.h"
#include "core/interned.h"
#include "report/finding_text.h"

#include <glib.h>
#include <string.h>

static GBytes *load(const char *name)
{
    return ikd_test_data(NULL, name);
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

/* A CERT payload body: encoding 4 (X.509 signature), then the DER. */
static GByteArray *cert_payload(const char *name)
{
    GBytes *der = load(name);
    gsize len;
    const uint8_t *bytes = g_bytes_get_data(der, &len);
    GByteArray *body = g_byte_array_new();
    const guint8 encoding = IKD_CERT_ENCODING_X509_SIGNATURE;
    g_byte_array_append(body, &encoding, 1);
    g_byte_array_append(body, bytes, (guint)len);
    g_bytes_unref(der);
    return body;
}

/* The initiator (peer 0) sends the certificate at `when`; returns the findings' text. */
static char *note_at(ikd_sa *sa, const char *name, double when, ikd_annotation *ann)
{
    GByteArray *body = cert_payload(name);
    const ikd_packet p = { .frame = 5, .time = when };
    memset(ann, 0, sizeof *ann);
    ikd_cert_note(sa, 0, body->data, body->len, &p, ann, 28, 100);
    g_byte_array_free(body, TRUE);
    GString *text = g_string_new(NULL);
    for (uint32_t i = 0; i < ann->findings.count; i++) {
        char buf[512];
        const ikd_finding *f = &ann->findings.items[i];
        g_string_append_printf(text, "%s%s: %s", i ? "\n" : "", ikd_finding_lookup((ikd_finding_id)f->id)->filter,
                               ikd_finding_render(ikd_finding_lookup((ikd_finding_id)f->id)->detail, f, buf, sizeof buf));
    }
    return g_string_free(text, FALSE);
}

static ikd_sa *new_sa(void)
{
    ikd_sa *sa = g_new0(ikd_sa, 1);
    sa->roles_known = true;
    return sa;
}

static void free_sa(ikd_sa *sa)
{
    ikd_sa_extra_free(sa);
    g_free(sa);
}

static void test_expired_when_sent(void)
{
    ikd_sa *sa = new_sa();
    ikd_annotation ann;
    char *text = note_at(sa, "gw-2026-2027.der", 1830297600.0 + 86400, &ann);
    g_assert_cmpstr(text, ==, "cert.expired: the initiator's certificate CN=gw.lab.example,O=ikediag test,C=XX "
                              "(SN: 0A1B2C) had expired when this message was sent: validity period ended on "
                              "23:59:59 UTC Dec 31 2027 — renew it, and check the clock on both peers (NTP)");
    char cisco[512];
    g_assert_cmpstr(ikd_finding_render(ikd_finding_lookup(IKD_F_CERT_EXPIRED)->cisco, &ann.findings.items[0], cisco,
                                       sizeof cisco), ==,
                    "%PKI-3-CERTIFICATE_INVALID_EXPIRED: Certificate chain validation has failed. The certificate "
                    "(SN: 0A1B2C) has expired. Validity period ended on 23:59:59 UTC Dec 31 2027");
    g_assert_cmpuint(ann.findings.items[0].offset, ==, 28);
    g_assert_cmpuint(ann.cert_count, ==, 1);
    g_assert_cmpuint(ikd_cert_count(sa), ==, 1);
    g_assert_cmpuint(ikd_cert_at(sa, 0)->frame, ==, 5);
    g_free(text);
    /* The same certificate again (a resend): listed, not kept or judged twice. */
    text = note_at(sa, "gw-2026-2027.der", 1830297600.0 + 86400, &ann);
    g_assert_cmpstr(text, ==, "");
    g_assert_cmpuint(ann.cert_count, ==, 1);
    g_assert_cmpuint(ikd_cert_count(sa), ==, 1);
    g_free(text);
    free_sa(sa);
}

static void test_not_yet_valid_and_expiring(void)
{
    ikd_sa *sa = new_sa();
    ikd_annotation ann;
    char *text = note_at(sa, "gw-2026-2027.der", 1767225600.0 - 3600, &ann);
    g_assert_cmpstr(text, ==, "cert.not_yet_valid: the initiator's certificate CN=gw.lab.example,O=ikediag test,C=XX "
                              "(SN: 0A1B2C) was not yet valid when this message was sent: validity period starts on "
                              "00:00:00 UTC Jan 1 2026 — check the clock on both peers (NTP)");
    g_free(text);
    free_sa(sa);
    sa = new_sa();
    text = note_at(sa, "gw-2026-2027.der", 1830297599.0 - 11 * 86400.0 - 60, &ann);
    g_assert_cmpstr(text, ==, "cert.expiring: the initiator's certificate CN=gw.lab.example,O=ikediag test,C=XX "
                              "(SN: 0A1B2C) expires on 23:59:59 UTC Dec 31 2027, 11 days after this message — renew "
                              "it before then");
    g_free(text);
    free_sa(sa);
    sa = new_sa();
    text = note_at(sa, "gw-2026-2027.der", 1800000000.0, &ann);
    g_assert_cmpstr(text, ==, "");
    g_free(text);
    free_sa(sa);
}

static void test_weak_key_and_signature(void)
{
    ikd_sa *sa = new_sa();
    ikd_annotation ann;
    char *text = note_at(sa, "old-rsa1024-sha1-2020.der", 1590000000.0, &ann); /* May 2020: valid */
    g_assert_cmpstr(text, ==, "cert.weak_key: the initiator's certificate CN=old.lab.example,O=ikediag test,C=XX has "
                              "a 1024-bit RSA or DSA key, below 2048 bits\n"
                              "cert.weak_signature: the initiator's certificate CN=old.lab.example,O=ikediag test,C=XX "
                              "is signed with RSA-SHA1: MD5 and SHA-1 signatures can be forged");
    g_free(text);
    free_sa(sa);
}

static void test_unreadable_payload(void)
{
    ikd_sa *sa = new_sa();
    ikd_annotation ann = { 0 };
    const uint8_t body[] = { IKD_CERT_ENCODING_X509_SIGNATURE, 0x30, 0x82, 0x05, 0x00, 0x01 };
    const ikd_packet p = { .frame = 7, .time = 1.0 };
    ikd_cert_note(sa, 1, body, sizeof body, &p, &ann, 28, 40);
    g_assert_cmpuint(ann.findings.count, ==, 1);
    g_assert_cmpuint(ann.findings.items[0].id, ==, IKD_F_CERT_UNREADABLE);
    g_assert_cmpuint(ann.findings.items[0].arg[1], ==, 5);
    g_assert_cmpuint(ikd_cert_count(sa), ==, 0);
    /* Another encoding (PKCS #7 wrapped, 1) is not X.509 and is left alone. */
    const uint8_t pkcs7[] = { 1, 0x30, 0x00 };
    memset(&ann, 0, sizeof ann);
    ikd_cert_note(sa, 1, pkcs7, sizeof pkcs7, &p, &ann, 28, 40);
    g_assert_cmpuint(ann.findings.count, ==, 0);
    free_sa(sa);
}

/* The responder (peer 1) refuses the initiator (peer 0), whose certificate
 * had expired: the verdict names it; with a valid certificate, its issuer. */
static void test_refusal_verdict(void)
{
    ikd_sa *sa = new_sa();
    ikd_annotation ann;
    g_free(note_at(sa, "gw-2026-2027.der", 1830297600.0 + 86400, &ann));
    ikd_finding_id id;
    uint32_t args[IKD_FINDING_ARGS] = { 1 };
    g_assert_false(ikd_cert_refusal_verdict(sa, 0, 1, &id, args)); /* the responder sent no certificate */
    g_assert_true(ikd_cert_refusal_verdict(sa, 1, 0, &id, args));
    g_assert_cmpint(id, ==, IKD_F_STUCK_CERT_EXPIRED);
    ikd_finding f = { .id = (uint16_t)id };
    memcpy(f.arg, args, sizeof args);
    char buf[512];
    g_assert_cmpstr(ikd_finding_render(ikd_finding_lookup(id)->detail, &f, buf, sizeof buf), ==,
                    "SA 1: the responder refused the initiator's authentication, whose certificate "
                    "CN=gw.lab.example,O=ikediag test,C=XX had expired when it was sent (validity period ended on "
                    "23:59:59 UTC Dec 31 2027) — renew the certificate, and check the clock on both peers (NTP)");
    free_sa(sa);
    sa = new_sa();
    g_free(note_at(sa, "gw-2026-2027.der", 1800000000.0, &ann));
    /* sent alone, its issuer matched to no CERTREQ: it may be an intermediate the responder lacks */
    g_assert_true(ikd_cert_refusal_verdict(sa, 1, 0, &id, args));
    g_assert_cmpint(id, ==, IKD_F_STUCK_CERT_REFUSED_NO_ISSUER);
    memcpy(f.arg, args, sizeof args);
    f.id = (uint16_t)id;
    g_assert_cmpstr(ikd_finding_render(ikd_finding_lookup(id)->detail, &f, buf, sizeof buf), ==,
                    "SA 1: the responder refused the initiator's authentication; its certificate, valid when sent, "
                    "came without its issuer's (CN=ikediag test CA,O=ikediag test,C=XX) — the chain is incomplete if "
                    "that is an intermediate CA the responder does not hold; otherwise the responder probably has no "
                    "trustpoint for the issuer, or the identity does not match the certificate "
                    "(CN=gw.lab.example,O=ikediag test,C=XX), or it is revoked");
    /* with the issuer's certificate sent along, the chain is not in doubt */
    g_free(note_at(sa, "test-ca.der", 1800000000.0, &ann));
    g_assert_true(ikd_cert_refusal_verdict(sa, 1, 0, &id, args));
    g_assert_cmpint(id, ==, IKD_F_STUCK_CERT_REFUSED);
    memcpy(f.arg, args, sizeof args);
    f.id = (uint16_t)id;
    g_assert_cmpstr(ikd_finding_render(ikd_finding_lookup(id)->detail, &f, buf, sizeof buf), ==,
                    "SA 1: the responder refused the initiator's authentication; its certificate "
                    "CN=gw.lab.example,O=ikediag test,C=XX, issued by CN=ikediag test CA,O=ikediag test,C=XX, was "
                    "valid when it was sent — the responder probably has no trustpoint for that issuer, or the "
                    "identity does not match the certificate, or the certificate is revoked");
    free_sa(sa);
}

/* A CERTREQ body: encoding 4 (X.509 signature), then the CA names. */
static void request(ikd_sa *sa, int sender, const uint8_t *names, size_t len, bool ikev2)
{
    GByteArray *body = g_byte_array_new();
    const guint8 encoding = IKD_CERT_ENCODING_X509_SIGNATURE;
    g_byte_array_append(body, &encoding, 1);
    g_byte_array_append(body, names, (guint)len);
    ikd_cert_request_note(sa, sender, body->data, body->len, ikev2, NULL);
    g_byte_array_free(body, TRUE);
}

static ikd_finding_id refusal(const ikd_sa *sa, uint32_t args[IKD_FINDING_ARGS])
{
    ikd_finding_id id = IKD_FINDING_COUNT;
    g_assert_true(ikd_cert_refusal_verdict(sa, 1, 0, &id, args));
    return id;
}

/* IKEv1: the responder asked by name (DER DN) for "CN=other CA" only. */
static void test_issuer_not_requested_by_name(void)
{
    static const uint8_t other_ca[] = { 0x30, 0x13, 0x31, 0x11, 0x30, 0x0f, 0x06, 0x03, 0x55, 0x04, 0x03, 0x0c, 0x08,
                                        'o', 't', 'h', 'e', 'r', ' ', 'C', 'A' };
    ikd_sa *sa = new_sa();
    ikd_annotation ann;
    request(sa, 1, other_ca, sizeof other_ca, false);
    const ikd_ca_request *first = g_ptr_array_index(ikd_sa_extra_const(sa)->ca_requests, 0);
    g_assert_cmpstr(first->dn, ==, "CN=other CA");
    g_free(note_at(sa, "gw-2026-2027.der", 1800000000.0, &ann));
    uint32_t args[IKD_FINDING_ARGS] = { 1001 };
    /* the issuer's certificate was not sent: an intermediate missing or an untrusted CA */
    g_assert_cmpint(refusal(sa, args), ==, IKD_F_STUCK_CERT_CHAIN_INCOMPLETE);
    g_assert_cmpuint(args[3], ==, ikd_intern("CN=ikediag test CA,O=ikediag test,C=XX"));
    g_assert_cmpuint(args[4], ==, 1);
    /* with the issuer's (self-signed) certificate sent along, it is the trust that is missing */
    g_free(note_at(sa, "test-ca.der", 1800000000.0, &ann));
    g_assert_cmpint(refusal(sa, args), ==, IKD_F_STUCK_CERT_UNTRUSTED_ISSUER);
    ikd_finding f = { .id = IKD_F_STUCK_CERT_UNTRUSTED_ISSUER };
    memcpy(f.arg, args, sizeof args);
    char buf[512];
    g_assert_cmpstr(ikd_finding_render(ikd_finding_lookup(IKD_F_STUCK_CERT_UNTRUSTED_ISSUER)->detail, &f, buf,
                                       sizeof buf), ==,
                    "SA 1001: the responder refused the initiator's authentication; its certificate was issued by "
                    "CN=ikediag test CA,O=ikediag test,C=XX, which is not among the 1 CA(s) the responder asked for "
                    "in its CERTREQ — the responder has no trustpoint for that issuer");
    /* Asked for the issuer too (the gateway certificate's own issuer name, bytes 33-96 of its DER). */
    GBytes *der = load("gw-2026-2027.der");
    request(sa, 1, (const uint8_t *)g_bytes_get_data(der, NULL) + 33, 64, false);
    g_bytes_unref(der);
    g_assert_cmpint(ikd_cert_issuer_requested(sa, 1, ikd_cert_at(sa, 0)), ==, 1);
    g_assert_cmpint(refusal(sa, args), ==, IKD_F_STUCK_CERT_REFUSED);
    free_sa(sa);
}

/* IKEv2: CERTREQ names CAs by the SHA-1 of their public key; only a chain
 * that includes the issuer's certificate can be matched. */
static void test_issuer_requested_by_key(void)
{
    static const uint8_t test_ca_key[20] = { 0x50, 0x10, 0x06, 0x68, 0x50, 0x3a, 0xb5, 0x45, 0xab, 0xea,
                                             0x85, 0xbb, 0x9f, 0xf8, 0x51, 0xa9, 0x7b, 0x9f, 0xd8, 0x2b };
    static const uint8_t other_key[20] = { 1, 2, 3 };
    ikd_sa *sa = new_sa();
    ikd_annotation ann;
    request(sa, 1, other_key, sizeof other_key, true);
    g_free(note_at(sa, "gw-2026-2027.der", 1800000000.0, &ann));
    g_assert_cmpint(ikd_cert_issuer_requested(sa, 1, ikd_cert_at(sa, 0)), ==, -1); /* the CA's key is unknown */
    uint32_t args[IKD_FINDING_ARGS] = { 1 };
    g_assert_cmpint(refusal(sa, args), ==, IKD_F_STUCK_CERT_REFUSED_NO_ISSUER);
    g_free(note_at(sa, "test-ca.der", 1800000000.0, &ann)); /* the chain now holds the issuer */
    g_assert_true(ikd_cert_at(sa, 1)->info.has_key_sha1);
    g_assert_cmpmem(ikd_cert_at(sa, 1)->info.key_sha1, 20, test_ca_key, 20);
    g_assert_cmpint(ikd_cert_issuer_requested(sa, 1, ikd_cert_at(sa, 0)), ==, 0);
    g_assert_cmpint(refusal(sa, args), ==, IKD_F_STUCK_CERT_UNTRUSTED_ISSUER);
    g_assert_cmpuint(args[4], ==, 1);
    request(sa, 1, test_ca_key, sizeof test_ca_key, true);
    g_assert_cmpint(ikd_cert_issuer_requested(sa, 1, ikd_cert_at(sa, 0)), ==, 1);
    g_assert_cmpuint(ikd_cert_requests_from(sa, 1), ==, 2);
    free_sa(sa);
}

/* RFC 4945 3.1: an identity is named by the subject (DN) or an alternative
 * name of its own kind; a KEY_ID cannot be told. */
static void test_identity_against_certificate(void)
{
    ikd_cert_info c;
    parse("gw-2026-2027.der", &c);
    static const uint8_t gw_ip[] = { 192, 0, 2, 1 }, other_ip[] = { 192, 0, 2, 2 };
    g_assert_cmpint(ikd_cert_names_identity(&c, 2, (const uint8_t *)"gw.lab.example", 14), ==, 1);
    g_assert_cmpint(ikd_cert_names_identity(&c, 2, (const uint8_t *)"GW.lab.example", 14), ==, 1);
    g_assert_cmpint(ikd_cert_names_identity(&c, 2, (const uint8_t *)"vpn.lab.example", 15), ==, 0);
    g_assert_cmpint(ikd_cert_names_identity(&c, 1, gw_ip, 4), ==, 1);
    g_assert_cmpint(ikd_cert_names_identity(&c, 1, other_ip, 4), ==, 0);
    g_assert_cmpint(ikd_cert_names_identity(&c, 3, (const uint8_t *)"ops@lab.example", 15), ==, 1);
    g_assert_cmpint(ikd_cert_names_identity(&c, 11, (const uint8_t *)"group", 5), ==, -1);
    GBytes *der = load("gw-2026-2027.der");
    const uint8_t *bytes = g_bytes_get_data(der, NULL);
    g_assert_cmpint(ikd_cert_names_identity(&c, 9, bytes + 129, 63), ==, 1); /* its subject */
    g_assert_cmpint(ikd_cert_names_identity(&c, 9, bytes + 33, 64), ==, 0);  /* its issuer */
    g_bytes_unref(der);

    /* The initiator sends the certificate and the ID vpn.lab.example. */
    ikd_sa *sa = new_sa();
    ikd_annotation ann;
    g_free(note_at(sa, "gw-2026-2027.der", 1800000000.0, &ann));
    const uint8_t id[] = { 2, 0, 0, 0, 'v', 'p', 'n', '.', 'l', 'a', 'b', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e' };
    ikd_cert_check_identity(sa, 0, id, sizeof id, &ann, 28, 100);
    g_assert_cmpuint(ann.findings.count, ==, 1);
    char buf[512];
    g_assert_cmpstr(ikd_finding_render(ikd_finding_lookup(IKD_F_CERT_ID_MISMATCH)->detail, &ann.findings.items[0], buf,
                                       sizeof buf), ==,
                    "the initiator's identity vpn.lab.example (ID_FQDN) is named neither as subject nor as an "
                    "alternative name by its certificate CN=gw.lab.example,O=ikediag test,C=XX — peers that "
                    "bind identities to certificates (RFC 4945 3.1) refuse it");
    ikd_cert_check_identity(sa, 1, id, sizeof id, &ann, 28, 100); /* not the certificate's sender */
    g_assert_cmpuint(ann.findings.count, ==, 1);
    uint32_t args[IKD_FINDING_ARGS] = { 1 };
    g_assert_cmpint(refusal(sa, args), ==, IKD_F_STUCK_CERT_ID_MISMATCH);
    g_assert_cmpstr(ikd_interned(args[3]), ==, "vpn.lab.example");
    free_sa(sa);
}

static void test_key_usage_without_signature(void)
{
    ikd_sa *sa = new_sa();
    ikd_annotation ann;
    char *text = note_at(sa, "enc-only-key-usage.der", 1800000000.0, &ann);
    g_assert_cmpstr(text, ==, "cert.key_usage: the initiator's certificate CN=enc-only.lab.example,O=ikediag test,C=XX "
                              "has a key usage extension without digitalSignature or nonRepudiation: its key may not "
                              "sign IKE's AUTH payload");
    g_assert_true(ikd_cert_at(sa, 0)->info.has_key_usage);
    g_assert_cmpuint(ikd_cert_at(sa, 0)->info.key_usage, ==, 0);
    g_free(text);
    free_sa(sa);
}

/* Bounded per SA: a CERTREQ naming 100 CAs keeps 64; past 16 certificates
 * a new one is still checked but not kept. */
static void test_bounded_per_sa(void)
{
    ikd_sa *sa = new_sa();
    uint8_t hashes[100 * 20];
    for (size_t i = 0; i < sizeof hashes; i++)
        hashes[i] = (uint8_t)(i * 7 + i / 20);
    request(sa, 1, hashes, sizeof hashes, true);
    g_assert_cmpuint(ikd_cert_requests_from(sa, 1), ==, IKD_MAX_SA_CA_REQUESTS);
    GPtrArray *certs = ikd_sa_owned_list(&ikd_sa_extra_of(sa)->certs);
    for (int i = 0; i < IKD_MAX_SA_CERTS; i++)
        g_ptr_array_add(certs, g_new0(ikd_cert_record, 1));
    ikd_annotation ann;
    char *text = note_at(sa, "old-rsa1024-sha1-2020.der", 1700000000.0, &ann);
    g_assert_nonnull(strstr(text, "cert.expired: "));
    g_assert_cmpuint(ikd_cert_count(sa), ==, IKD_MAX_SA_CERTS);
    g_assert_cmpuint(ann.cert_count, ==, 0);
    g_free(text);
    free_sa(sa);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/certificate/gateway", test_gateway_certificate);
    g_test_add_func("/certificate/ca", test_ca_certificate);
    g_test_add_func("/certificate/weak_expired", test_weak_expired_certificate);
    g_test_add_func("/certificate/validity", test_validity);
    g_test_add_func("/certificate/truncated_and_damaged", test_truncated_and_damaged);
    g_test_add_func("/certificate/expired_when_sent", test_expired_when_sent);
    g_test_add_func("/certificate/not_yet_valid_and_expiring", test_not_yet_valid_and_expiring);
    g_test_add_func("/certificate/weak_key_and_signature", test_weak_key_and_signature);
    g_test_add_func("/certificate/unreadable_payload", test_unreadable_payload);
    g_test_add_func("/certificate/refusal_verdict", test_refusal_verdict);
    g_test_add_func("/certificate/issuer_not_requested_by_name", test_issuer_not_requested_by_name);
    g_test_add_func("/certificate/issuer_requested_by_key", test_issuer_requested_by_key);
    g_test_add_func("/certificate/identity_against_certificate", test_identity_against_certificate);
    g_test_add_func("/certificate/key_usage_without_signature", test_key_usage_without_signature);
    g_test_add_func("/certificate/bounded_per_sa", test_bounded_per_sa);
    return g_test_run();
}
