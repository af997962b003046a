/* ikediag - a certificate revocation list (RFC 5280 5) a peer fetched during
 * the negotiation, read with GnuTLS (never by hand: the body is hostile):
 * who issued it and whether it lists a certificate's serial number.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_CRL_H
#define IKD_CRL_H

#include "common/certificate.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    char issuer[IKD_CERT_NAME]; /* RFC 4514, as ikd_cert_info spells names */
    uint32_t revoked;           /* how many serial numbers it lists */
} ikd_crl_info;

/* Reads a DER (or PEM) CRL. False (and *out zeroed) when GnuTLS cannot. */
bool ikd_crl_read(const uint8_t *data, size_t len, ikd_crl_info *out);

/* Whether the CRL lists the serial number (upper-case hex, as
 * ikd_cert_info's serial): 1 yes, 0 no, -1 unreadable CRL. */
int ikd_crl_lists_serial(const uint8_t *data, size_t len, const char *serial_hex);

#endif
