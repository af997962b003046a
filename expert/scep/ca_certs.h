/* ikediag - the CA/RA certificates of a GetCACert answer (RFC 8894 4.2.1):
 * one DER certificate (application/x-x509-ca-cert) or a degenerate PKCS#7
 * holding the CA and RA certificates (application/x-x509-ca-ra-cert), read
 * by GnuTLS. Each with its subject and its MD5 and SHA-1 fingerprints, the
 * two an engineer compares with the CA's before trusting it.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_SCEP_CA_CERTS_H
#define IKD_SCEP_CA_CERTS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/certificate.h"

enum { IKD_SCEP_MAX_CA_CERTS = 4, IKD_SCEP_FINGERPRINT_TEXT = 48 };

typedef struct {
    char subject[IKD_CERT_NAME];
    char issuer[IKD_CERT_NAME];
    char not_after[32];   /* "2027-12-02 06:31:01 UTC", "" unreadable */
    bool is_ca;
    char md5[IKD_SCEP_FINGERPRINT_TEXT];  /* "45C423D0 65B51004 1A399638 7AE6630E" */
    char sha1[IKD_SCEP_FINGERPRINT_TEXT]; /* five groups of eight hex digits */
} ikd_scep_ca_cert;

/* Reads a GetCACert body: a certificate, else a PKCS#7 bundle of them. At most
 * `max` are kept; returns how many were read (0: neither form). */
uint32_t ikd_scep_read_ca_certs(const uint8_t *body, size_t len, ikd_scep_ca_cert *out, uint32_t max);

#endif
