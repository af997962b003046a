/* ikediag - the EAP message inside a decrypted IKEv2 EAP payload (RFC 3748
 * 4, RFC 7296 3.16), and the one method whose failure says why: an
 * EAP-MSCHAPv2 Failure request's "E=" code (RFC 2759 6,
 * draft-kamath-pppext-eap-mschapv2 2.5).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_EAP_H
#define IKD_V2_EAP_H

#include "ikev2/child_sa.h"

enum {
    IKD_EAP_REQUEST = 1,
    IKD_EAP_RESPONSE = 2,
    IKD_EAP_SUCCESS = 3,
    IKD_EAP_FAILURE = 4,
    IKD_EAP_TYPE_IDENTITY = 1,
    IKD_EAP_TYPE_MSCHAPV2 = 26,
    IKD_MSCHAPV2_WRONG_PASSWORD = 691, /* ERROR_AUTHENTICATION_FAILURE */
};

typedef struct {
    uint8_t code;
    uint8_t type;            /* requests and responses only */
    bool mschapv2_failure;   /* an MSCHAPv2 Failure packet (opcode 4) */
    uint16_t mschapv2_error; /* its E= code, 0 if unread */
    const uint8_t *identity; /* a Response/Identity's Type-Data (RFC 3748 5.1), inside the body */
    uint16_t identity_len;
} ikd_v2_eap_message;

/* The message's first EAP payload; false when it has none or it is cut. */
bool ikd_v2_eap_read(const ikd_v2_body *m, ikd_v2_eap_message *out);

/* "Response/Identity", "Request/MSCHAPv2", "Success", "Failure", "Request/type 254". */
const char *ikd_v2_eap_text(uint8_t code, uint8_t type, char *buf, size_t size);

#endif
