/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - scep/scep_attributes: the SCEP attributes of real
 * PKI messages from the lab (captures/scep-granted and scep-rejected, micromdm's
 * scepclient and scepserver; tests/unit/data/README.md), every attribute
 * asserted; truncated, bit-flipped and non-PKCS#7 input refused without a crash. */
#include "test_data.h"
#include "scep/scep_attributes.h"

#include <glib.h>
#include <string.h>

static GBytes *load(const char *name)
{
    return ikd_test_data("scep", name);
}

static ikd_scep_read_status read_file(const char *name, ikd_scep_attributes *out)
{
    GBytes *der = load(name);
    gsize len;
    const uint8_t *bytes = g_bytes_get_data(der, &len);
    ikd_scep_read_status status = ikd_scep_read_attributes(bytes, len, out);
    g_bytes_unref(der);
    return status;
}

static const uint8_t granted_nonce[16] = { 0xd5, 0x22, 0x57, 0x4c, 0x00, 0x51, 0x01, 0x80,
                                           0xb1, 0x4c, 0x60, 0xdd, 0x51, 0x50, 0x9f, 0x42 };
static const uint8_t rejected_nonce[16] = { 0xcc, 0xc6, 0xe2, 0xba, 0x94, 0xc7, 0xc6, 0x7a,
                                            0x3c, 0xd7, 0x55, 0xe2, 0xc1, 0x13, 0xb6, 0xe3 };

static void test_pkcs_req(void)
{
    ikd_scep_attributes a;
    g_assert_cmpint(read_file("granted-pkcsreq.der", &a), ==, IKD_SCEP_READ_OK);
    g_assert_cmpint(a.message_type, ==, IKD_SCEP_PKCS_REQ);
    g_assert_cmpint(a.pki_status, ==, IKD_SCEP_NO_VALUE);
    g_assert_cmpint(a.fail_info, ==, IKD_SCEP_NO_VALUE);
    g_assert_cmpstr(a.transaction_id, ==, "eVJ6SKeCipc12IlkMl9mw/AgQSM=");
    g_assert_cmpmem(a.sender_nonce, a.sender_nonce_len, granted_nonce, sizeof granted_nonce);
    g_assert_cmpuint(a.recipient_nonce_len, ==, 0);
    g_assert_true(a.has_content);
    g_assert_cmpuint(a.certificates, ==, 1); /* the client's self-signed signer certificate */
    g_assert_false(a.nonce_cut);
}

static void test_cert_rep_success(void)
{
    ikd_scep_attributes a;
    g_assert_cmpint(read_file("granted-certrep.der", &a), ==, IKD_SCEP_READ_OK);
    g_assert_cmpint(a.message_type, ==, IKD_SCEP_CERT_REP);
    g_assert_cmpint(a.pki_status, ==, IKD_SCEP_SUCCESS);
    g_assert_cmpint(a.fail_info, ==, IKD_SCEP_NO_VALUE);
    g_assert_cmpstr(a.transaction_id, ==, "eVJ6SKeCipc12IlkMl9mw/AgQSM=");
    g_assert_cmpmem(a.recipient_nonce, a.recipient_nonce_len, granted_nonce, sizeof granted_nonce);
    g_assert_true(a.has_content); /* the issued certificate, encrypted to the client */
    g_assert_cmpstr(a.signer_issuer, ==, "OU=SCEP CA,O=ikediag lab,C=XX");
}

static void test_cert_rep_failure(void)
{
    ikd_scep_attributes a;
    g_assert_cmpint(read_file("rejected-certrep.der", &a), ==, IKD_SCEP_READ_OK);
    g_assert_cmpint(a.message_type, ==, IKD_SCEP_CERT_REP);
    g_assert_cmpint(a.pki_status, ==, IKD_SCEP_FAILURE);
    g_assert_cmpint(a.fail_info, ==, IKD_SCEP_BAD_REQUEST);
    g_assert_cmpstr(a.transaction_id, ==, "5f6Fq7G7sFx59pkuk9zXLbiGchw=");
    g_assert_cmpmem(a.recipient_nonce, a.recipient_nonce_len, rejected_nonce, sizeof rejected_nonce);
    g_assert_cmpstr(ikd_scep_fail_info_name(a.fail_info), ==, "badRequest");
}

/* A bare certificate (GetCACert's answer) is not a PKCS#7 message. */
static void test_certificate_is_not_pkcs7(void)
{
    ikd_scep_attributes a;
    g_assert_cmpint(read_file("getcacert.der", &a), ==, IKD_SCEP_READ_NOT_PKCS7);
    g_assert_cmpint(a.message_type, ==, IKD_SCEP_NO_VALUE);
    g_assert_cmpstr(a.transaction_id, ==, "");
}

/* Every prefix of a real message: refused or read, never a crash (ASan runs catch overreads). */
static void test_truncated(void)
{
    GBytes *der = load("granted-certrep.der");
    gsize len;
    const uint8_t *bytes = g_bytes_get_data(der, &len);
    guint ok = 0;
    for (gsize cut = 0; cut < len; cut++) {
        uint8_t *copy = g_memdup2(bytes, cut);
        ikd_scep_attributes a;
        if (ikd_scep_read_attributes(copy, cut, &a) == IKD_SCEP_READ_OK)
            ok++;
        g_free(copy);
    }
    g_bytes_unref(der);
    g_assert_cmpuint(ok, ==, 0); /* DER has lengths: no prefix is a whole message */
}

/* Each byte flipped in turn (hand-made damage to a real message): whatever is read is bounded. */
static void test_bit_flips(void)
{
    GBytes *der = load("rejected-certrep.der");
    gsize len = 0;
    const uint8_t *bytes = g_bytes_get_data(der, &len);
    uint8_t *copy = g_memdup2(bytes, len);
    for (gsize i = 0; i < len; i++) {
        copy[i] ^= 0x55;
        ikd_scep_attributes a;
        (void)ikd_scep_read_attributes(copy, len, &a);
        g_assert_cmpuint(strlen(a.transaction_id), <, sizeof a.transaction_id);
        g_assert_cmpuint(a.sender_nonce_len, <=, IKD_SCEP_NONCE_MAX);
        copy[i] ^= 0x55;
    }
    g_free(copy);
    g_bytes_unref(der);
}

static void test_garbage(void)
{
    ikd_scep_attributes a;
    static const uint8_t junk[] = { 0x30, 0x03, 0x02, 0x01, 0x00 };
    g_assert_cmpint(ikd_scep_read_attributes(junk, sizeof junk, &a), ==, IKD_SCEP_READ_NOT_PKCS7);
    g_assert_cmpint(ikd_scep_read_attributes(NULL, 0, &a), ==, IKD_SCEP_READ_NOT_PKCS7);
    static const uint8_t text[] = "Renewal\nSHA-1\n";
    g_assert_cmpint(ikd_scep_read_attributes(text, sizeof text - 1, &a), ==, IKD_SCEP_READ_NOT_PKCS7);
}

static void test_names(void)
{
    g_assert_cmpstr(ikd_scep_message_type_name(IKD_SCEP_CERT_POLL), ==, "CertPoll");
    g_assert_cmpstr(ikd_scep_message_type_name(19), ==, "PKCSReq");
    g_assert_null(ikd_scep_message_type_name(4));
    g_assert_cmpstr(ikd_scep_status_name(IKD_SCEP_PENDING), ==, "PENDING");
    g_assert_null(ikd_scep_status_name(1));
    g_assert_cmpstr(ikd_scep_fail_info_name(IKD_SCEP_BAD_TIME), ==, "badTime");
    g_assert_null(ikd_scep_fail_info_name(5));
    g_assert_nonnull(strstr(ikd_scep_fail_info_advice(IKD_SCEP_BAD_TIME), "NTP"));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/scep/attributes/pkcs_req", test_pkcs_req);
    g_test_add_func("/scep/attributes/cert_rep_success", test_cert_rep_success);
    g_test_add_func("/scep/attributes/cert_rep_failure", test_cert_rep_failure);
    g_test_add_func("/scep/attributes/certificate_is_not_pkcs7", test_certificate_is_not_pkcs7);
    g_test_add_func("/scep/attributes/truncated", test_truncated);
    g_test_add_func("/scep/attributes/bit_flips", test_bit_flips);
    g_test_add_func("/scep/attributes/garbage", test_garbage);
    g_test_add_func("/scep/attributes/names", test_names);
    return g_test_run();
}
