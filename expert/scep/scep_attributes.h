/* ikediag - the SCEP attributes of a PKI message (RFC 8894 3.2.1): the
 * authenticated attributes of a CMS SignedData's signer, readable without
 * any key: messageType, pkiStatus, failInfo, transactionID, senderNonce,
 * recipientNonce. The content inside (a CSR, the issued certificate) is an
 * EnvelopedData encrypted to the CA or to the client: not readable here.
 *
 * Read with GnuTLS's PKCS#7 API (gnutls_pkcs7_import, its signature info's
 * signed attributes, gnutls_pkcs7_get_attr) and each value decoded by
 * libtasn1 (asn1_decode_simple_der): the bytes are hostile, no DER is
 * walked by hand here.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_SCEP_ATTRIBUTES_H
#define IKD_SCEP_ATTRIBUTES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "common/certificate.h"

/* messageType values (RFC 8894 3.2.1.2); CertPoll was GetCertInitial in the drafts. */
enum {
    IKD_SCEP_CERT_REP = 3,
    IKD_SCEP_RENEWAL_REQ = 17,
    IKD_SCEP_PKCS_REQ = 19,
    IKD_SCEP_CERT_POLL = 20,
    IKD_SCEP_GET_CERT = 21,
    IKD_SCEP_GET_CRL = 22,
};
/* pkiStatus values (3.2.1.3) */
enum { IKD_SCEP_SUCCESS = 0, IKD_SCEP_FAILURE = 2, IKD_SCEP_PENDING = 3 };
/* failInfo values (3.2.1.4) */
enum { IKD_SCEP_BAD_ALG, IKD_SCEP_BAD_MESSAGE_CHECK, IKD_SCEP_BAD_REQUEST, IKD_SCEP_BAD_TIME, IKD_SCEP_BAD_CERT_ID };

enum { IKD_SCEP_ID_MAX = 128, IKD_SCEP_NONCE_MAX = 32, IKD_SCEP_NO_VALUE = -1, IKD_SCEP_BAD_VALUE = -2 };

typedef enum {
    IKD_SCEP_READ_OK,           /* a SignedData with at least a messageType */
    IKD_SCEP_READ_NOT_PKCS7,    /* GnuTLS cannot import it as a PKCS#7 SignedData */
    IKD_SCEP_READ_NO_SIGNER,    /* a SignedData without a signer (degenerate: certificates only) */
    IKD_SCEP_READ_NO_MESSAGE_TYPE, /* signed, but without a readable messageType */
} ikd_scep_read_status;

typedef struct {
    /* numbers, or IKD_SCEP_NO_VALUE (absent) / IKD_SCEP_BAD_VALUE (present, not a decimal PrintableString) */
    int message_type;
    int pki_status;
    int fail_info;
    char transaction_id[IKD_SCEP_ID_MAX]; /* "" when absent; printable ASCII, cut to the buffer */
    uint8_t sender_nonce[IKD_SCEP_NONCE_MAX];
    uint8_t recipient_nonce[IKD_SCEP_NONCE_MAX];
    uint8_t sender_nonce_len, recipient_nonce_len; /* 0 when absent; nonces longer than the buffer are cut */
    bool nonce_cut;                 /* a nonce was longer than IKD_SCEP_NONCE_MAX */
    bool has_content;               /* the SignedData carries content (the encrypted envelope) */
    uint32_t certificates;          /* certificates carried in the SignedData */
    char signer_issuer[IKD_CERT_NAME]; /* the signer's issuer DN as the SignerInfo names it */
} ikd_scep_attributes;

/* Reads the SCEP attributes of a DER PKCS#7 SignedData (the first signer's). */
ikd_scep_read_status ikd_scep_read_attributes(const uint8_t *der, size_t len, ikd_scep_attributes *out);

/* Names: "PKCSReq", "CertRep"...; "SUCCESS", "FAILURE", "PENDING"; "badAlg"...;
 * NULL for a value RFC 8894 does not define. */
const char *ikd_scep_message_type_name(int message_type);
const char *ikd_scep_status_name(int pki_status);
const char *ikd_scep_fail_info_name(int fail_info);
/* What a failInfo means and what to check, one line. */
const char *ikd_scep_fail_info_advice(int fail_info);

#endif
