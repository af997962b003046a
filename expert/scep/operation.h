/* ikediag - what an HTTP request to a SCEP server asks (RFC 8894 4): the
 * operation named in its query (operation=GetCACaps...), and the PKI
 * message of a PKIOperation: the POST body, or for GET the message=
 * parameter (URL-encoded base64), decoded here.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_SCEP_OPERATION_H
#define IKD_SCEP_OPERATION_H

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    IKD_SCEP_OP_NONE,          /* not a SCEP request */
    IKD_SCEP_OP_GET_CA_CAPS,
    IKD_SCEP_OP_GET_CA_CERT,
    IKD_SCEP_OP_GET_NEXT_CA_CERT,
    IKD_SCEP_OP_PKI_OPERATION,
    IKD_SCEP_OP_OTHER,         /* operation= with a name RFC 8894 does not define */
} ikd_scep_op;

/* The operation of a query parameter's value ("GetCACaps"; case as sent). */
ikd_scep_op ikd_scep_op_of(const char *value);
const char *ikd_scep_op_name(ikd_scep_op op);

/* A GET PKIOperation's message= value (URL-encoded base64) as DER bytes, or
 * NULL when it is not base64; free with g_bytes_unref. At most max_len bytes. */
GBytes *ikd_scep_decode_get_message(const char *value, size_t max_len);

/* A GetCACaps answer (text/plain, one capability a line) as "Renewal, SHA-256, AES",
 * printable characters only, cut to size. */
void ikd_scep_capabilities_text(const uint8_t *body, size_t len, char *out, size_t size);

#endif
