/* ikediag - EAP inside IKEv2.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/eap.h"

#include "core/byte_reader.h"
#include "ikev2/ikev2_names.h"

#include <stdio.h>
#include <string.h>

enum { GENERIC_HEADER = 4, EAP_TYPED_HEADER = 5, MSCHAPV2_FAILURE = 4, MSCHAPV2_HEADER = 4, MAX_ERROR_DIGITS = 5 };

/* "E=691 R=1 C=... V=3 M=...": the number after "E=", 0 if none. */
static uint16_t mschapv2_error(ikd_reader *r)
{
    const uint8_t *text;
    size_t n = ikd_reader_remaining(r);
    if (!ikd_read_bytes(r, n, &text) || n < 3 || text[0] != 'E' || text[1] != '=')
        return 0;
    uint32_t code = 0;
    for (size_t i = 2; i < n && i < 2 + MAX_ERROR_DIGITS && text[i] >= '0' && text[i] <= '9'; i++)
        code = code * 10 + (uint32_t)(text[i] - '0');
    return code <= UINT16_MAX ? (uint16_t)code : 0;
}

bool ikd_v2_eap_read(const ikd_v2_body *m, ikd_v2_eap_message *out)
{
    memset(out, 0, sizeof *out);
    const ikd_v2_payload_ref *eap = ikd_v2_message_payload(m->view, IKD_V2_PL_EAP);
    if (!eap || eap->offset > m->len)
        return false;
    size_t avail = m->len - eap->offset < eap->length ? m->len - eap->offset : eap->length;
    ikd_reader r = ikd_reader_make(m->bytes + eap->offset, avail, eap->offset);
    uint8_t identifier, opcode;
    uint16_t length;
    if (!ikd_reader_skip(&r, GENERIC_HEADER) || !ikd_read_u8(&r, &out->code) || !ikd_read_u8(&r, &identifier) ||
        !ikd_read_u16(&r, &length))
        return false;
    if (out->code != IKD_EAP_REQUEST && out->code != IKD_EAP_RESPONSE)
        return true;
    if (!ikd_read_u8(&r, &out->type))
        return false;
    if (out->code == IKD_EAP_RESPONSE && out->type == IKD_EAP_TYPE_IDENTITY) {
        /* Type-Data up to the EAP length, or to the payload's end if that is shorter. */
        size_t n = ikd_reader_remaining(&r);
        if (length >= EAP_TYPED_HEADER && (size_t)(length - EAP_TYPED_HEADER) < n)
            n = length - EAP_TYPED_HEADER;
        out->identity_len = (uint16_t)n;
        ikd_read_bytes(&r, n, &out->identity);
        return true;
    }
    if (out->type == IKD_EAP_TYPE_MSCHAPV2 && ikd_read_u8(&r, &opcode) && opcode == MSCHAPV2_FAILURE) {
        out->mschapv2_failure = true;
        if (ikd_reader_skip(&r, MSCHAPV2_HEADER - 1))
            out->mschapv2_error = mschapv2_error(&r);
    }
    return true;
}

static const char *method_name(uint8_t type)
{
    switch (type) {
    case IKD_EAP_TYPE_IDENTITY: return "Identity";
    case 2: return "Notification";
    case 3: return "Nak";
    case 4: return "MD5-Challenge";
    case 5: return "OTP";
    case 6: return "GTC";
    case 13: return "TLS";
    case 18: return "SIM";
    case 21: return "TTLS";
    case 23: return "AKA";
    case 25: return "PEAP";
    case IKD_EAP_TYPE_MSCHAPV2: return "MSCHAPv2";
    case 50: return "AKA'";
    default: return NULL;
    }
}

const char *ikd_v2_eap_text(uint8_t code, uint8_t type, char *buf, size_t size)
{
    static const char *const codes[] = { NULL, "Request", "Response", "Success", "Failure" };
    const char *name = method_name(type);
    if (code < 1 || code > 4)
        snprintf(buf, size, "code %u", code);
    else if (code >= IKD_EAP_SUCCESS)
        snprintf(buf, size, "%s", codes[code]);
    else if (name)
        snprintf(buf, size, "%s/%s", codes[code], name);
    else
        snprintf(buf, size, "%s/type %u", codes[code], type);
    return buf;
}
