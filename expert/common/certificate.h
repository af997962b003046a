/* ikediag - one X.509 certificate from a CERT payload, as a field engineer
 * reads it: who it names, who issued it, when it is valid, its key and
 * signature, its names and usages, where its revocation is checked.
 *
 * Parsed by GnuTLS (which libwireshark already links), never by hand: the
 * DER is hostile input and a well-kept parser is the only safe reader of it.
 * Texts are truncated to their buffers; a field GnuTLS cannot read is "".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_CERTIFICATE_H
#define IKD_CERTIFICATE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { IKD_CERT_NAME = 256, IKD_CERT_SHORT = 64, IKD_CERT_LIST = 256 };

/* The key's algorithm, as far as the checks need it. */
typedef enum {
    IKD_CERT_KEY_OTHER,
    IKD_CERT_KEY_RSA,
    IKD_CERT_KEY_DSA,
    IKD_CERT_KEY_EC,
    IKD_CERT_KEY_EDDSA,
} ikd_cert_key_kind;

/* The hash of the issuer's signature, as far as the checks need it. */
typedef enum {
    IKD_CERT_HASH_OTHER,
    IKD_CERT_HASH_MD5,
    IKD_CERT_HASH_SHA1,
    IKD_CERT_HASH_SHA2, /* SHA-224 and up, SHA-3 */
} ikd_cert_hash_kind;

/* Key usage bits (RFC 5280 4.2.1.3), only those IKE cares about. */
enum { IKD_CERT_KU_DIGITAL_SIGNATURE = 1, IKD_CERT_KU_NON_REPUDIATION = 2, IKD_CERT_KU_KEY_CERT_SIGN = 4 };

typedef struct {
    char subject[IKD_CERT_NAME];   /* RFC 4514: "CN=ini.lab.example,O=ikediag lab,C=XX" */
    char issuer[IKD_CERT_NAME];
    char serial[IKD_CERT_SHORT];   /* upper-case hex */
    int64_t not_before, not_after; /* seconds since 1970 UTC; -1 unreadable */
    ikd_cert_key_kind key_kind;
    uint32_t key_bits;
    char key[IKD_CERT_SHORT];      /* "RSA 2048 bits", "EC/ECDSA 256 bits" */
    ikd_cert_hash_kind signature_hash;
    char signature[IKD_CERT_SHORT]; /* GnuTLS's name: "RSA-SHA256", "ECDSA-SHA384" */
    char alt_names[IKD_CERT_LIST]; /* "DNS:resp.lab.example, IP:192.0.2.1, email:a@b" */
    bool has_key_usage;
    uint32_t key_usage;            /* IKD_CERT_KU_* */
    char extended_key_usage[IKD_CERT_LIST]; /* OIDs by name where known: "serverAuth, 1.3.6.1.5.5.8.2.2" */
    char crl_points[IKD_CERT_LIST];         /* CRL distribution point URIs */
    char ocsp[IKD_CERT_LIST];               /* OCSP responder URI (authority information access) */
    bool is_ca;
    char sha1[41];                 /* fingerprint, lower-case hex */
    uint8_t key_sha1[20];          /* SHA-1 of its SubjectPublicKeyInfo: how an IKEv2 CERTREQ names a CA */
    bool has_key_sha1;
    uint8_t issuer_name_sha1[20];  /* SHA-1 of its issuer's DER name: how an OCSP CertID names the issuer */
    bool has_issuer_name_sha1;
} ikd_cert_info;

/* Parses a DER X.509 certificate. False (and *out zeroed) when GnuTLS
 * cannot read it. */
bool ikd_cert_parse(const uint8_t *der, size_t len, ikd_cert_info *out);

/* A DER distinguished name (an IKEv1 CERTREQ's CA) as RFC 4514 text, the
 * form ikd_cert_info's subject and issuer take. False when unreadable. */
bool ikd_cert_dn_text(const uint8_t *der, size_t len, char *out, size_t size);

/* RFC 5280 validity against a moment (seconds since 1970): -1 not yet
 * valid, 0 valid, 1 expired. Unreadable dates count as valid. */
int ikd_cert_validity_at(const ikd_cert_info *cert, double when);

#endif
