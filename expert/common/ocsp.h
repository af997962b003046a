/* ikediag - an OCSP exchange (RFC 6960) a peer made during the negotiation,
 * read with GnuTLS's OCSP API (never by hand: the bodies are hostile): the
 * certificate a request asks about, and what the response says of it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_OCSP_H
#define IKD_OCSP_H

#include "common/certificate.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* RFC 6960 4.2.1 CertStatus, and "no single response names the certificate". */
typedef enum {
    IKD_OCSP_GOOD = 0,
    IKD_OCSP_REVOKED = 1,
    IKD_OCSP_UNKNOWN = 2,
    IKD_OCSP_NOT_ANSWERED = 3,
} ikd_ocsp_cert_status;

typedef struct {
    uint8_t response_status;    /* OCSPResponseStatus: 0 successful, 1 malformedRequest, 3 tryLater, ... */
    uint8_t cert_status;        /* ikd_ocsp_cert_status (NOT_ANSWERED unless successful) */
    int8_t reason;              /* CRLReason of a revocation (RFC 5280 5.3.1), -1: none given */
    int64_t revoked_at;         /* seconds since 1970 UTC, -1: not revoked */
    uint32_t singles;           /* single responses it holds */
    bool serial_only;           /* matched by serial number only (a CertID hash other than SHA-1) */
} ikd_ocsp_answer;

/* Reads a DER OCSPResponse and looks for the certificate's status in it (by
 * serial number and issuer name hash). False (and *out zeroed) when GnuTLS
 * cannot read it. */
bool ikd_ocsp_read_response(const uint8_t *data, size_t len, const ikd_cert_info *cert, ikd_ocsp_answer *out);

/* Whether a DER OCSPRequest asks about the certificate: 1 yes, 0 only
 * about others, -1 unreadable. */
int ikd_ocsp_request_asks(const uint8_t *data, size_t len, const ikd_cert_info *cert);

/* "tryLater (the responder is busy)", "unauthorized (...)": a response
 * status in words. */
const char *ikd_ocsp_response_status_text(int status);

/* "good", "revoked", "unknown", "no status for the certificate": an
 * ikd_ocsp_cert_status in words, "?" for another value. */
const char *ikd_ocsp_cert_status_name(int status);

/* "keyCompromise", "superseded", ...: a CRLReason's name, "" for none. */
const char *ikd_ocsp_reason_text(int reason);

/* A revocation time as IOS prints times, "10:22:18 UTC Dec 2 2026"; "" for -1. */
void ikd_ocsp_time_text(int64_t t, char *buf, size_t size);

/* "revoked on 10:22:18 UTC Dec 2 2026 (keyCompromise)", "good", "unknown
 * to the responder", "tryLater (...)": what the answer says. */
const char *ikd_ocsp_answer_text(const ikd_ocsp_answer *a, char *buf, size_t size);

#endif
