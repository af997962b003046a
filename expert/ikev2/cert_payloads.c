/* ikediag - IKEv2 CERT payloads.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/cert_payloads.h"

#include "common/cert_notes.h"
#include "ikev2/ikev2_names.h"

enum { GENERIC_HEADER = 4 };

/* The CERT and CERTREQ payloads of one view, whose offsets count in bytes. */
static void note_view(ikd_v2_sa *v2, int sender, const ikd_v2_message *view, const uint8_t *bytes, size_t len,
                      const ikd_packet *p, const ikd_v2_message *msg, ikd_annotation *ann)
{
    for (uint32_t i = 0; i < view->payload_count; i++) {
        const ikd_v2_payload_ref *ref = &view->payloads[i];
        bool cert = ref->type == IKD_V2_PL_CERT, request = ref->type == IKD_V2_PL_CERTREQ;
        if ((!cert && !request) || ref->length <= GENERIC_HEADER || (size_t)ref->offset + ref->length > len)
            continue;
        const uint8_t *body = bytes + ref->offset + GENERIC_HEADER;
        if (request)
            ikd_cert_request_note(&v2->sa, sender, body, ref->length - GENERIC_HEADER, true, ann);
        else
            ikd_cert_note(&v2->sa, sender, body, ref->length - GENERIC_HEADER, p, ann,
                          view == msg ? ref->offset : msg->sk_offset, view == msg ? ref->length : msg->sk_length);
    }
}

/* The sender's own identity (IDi from the original initiator, IDr from the
 * responder) against the certificate it sent in the same message. */
static void check_identity(ikd_v2_sa *v2, int sender, const ikd_v2_message *view, const uint8_t *bytes, size_t len,
                           const ikd_v2_message *msg, ikd_annotation *ann)
{
    const ikd_v2_payload_ref *id = ikd_v2_message_payload(view, sender == 0 ? IKD_V2_PL_IDI : IKD_V2_PL_IDR);
    if (id && id->length > GENERIC_HEADER && (size_t)id->offset + id->length <= len)
        ikd_cert_check_identity(&v2->sa, sender, bytes + id->offset + GENERIC_HEADER, id->length - GENERIC_HEADER, ann,
                                msg->sk_offset, msg->sk_length);
}

/* IKEv2 AUTH methods that sign with a key a certificate may carry (RFC
 * 7296 3.8, RFC 4754, RFC 7427). */
static bool signature_method(uint8_t method)
{
    enum { RSA_SIGNATURE = 1, DSS_SIGNATURE = 3, ECDSA_256 = 9, ECDSA_384 = 10, ECDSA_521 = 11, DIGITAL_SIGNATURE = 14 };
    return method == RSA_SIGNATURE || method == DSS_SIGNATURE || (method >= ECDSA_256 && method <= ECDSA_521) ||
           method == DIGITAL_SIGNATURE;
}

/* A signature AUTH without a certificate in the message (or before it). */
static void check_signature(ikd_v2_sa *v2, int sender, const ikd_v2_message *view, const uint8_t *bytes, size_t len,
                            const ikd_v2_message *msg, ikd_annotation *ann)
{
    const ikd_v2_payload_ref *auth = ikd_v2_message_payload(view, IKD_V2_PL_AUTH);
    if (!auth || auth->length <= GENERIC_HEADER || (size_t)auth->offset + auth->length > len ||
        !signature_method(bytes[auth->offset + GENERIC_HEADER]))
        return;
    ikd_cert_check_signature(&v2->sa, sender, ikd_v2_message_payload(view, IKD_V2_PL_CERT) != NULL, ann,
                             msg->sk_offset, msg->sk_length);
}

void ikd_v2_note_certificates(ikd_v2_sa *v2, const ikd_packet *p, const ikd_v2_message *msg,
                              const ikd_v2_message *inner, ikd_annotation *ann)
{
    if (!v2)
        return;
    int sender = (msg->flags & IKD_V2_FLAG_INITIATOR) ? 0 : 1;
    if (p->bytes)
        note_view(v2, sender, msg, p->bytes, p->captured_len, p, msg, ann);
    if (inner && p->decrypted) {
        note_view(v2, sender, inner, p->decrypted, p->decrypted_len, p, msg, ann);
        check_identity(v2, sender, inner, p->decrypted, p->decrypted_len, msg, ann);
        check_signature(v2, sender, inner, p->decrypted, p->decrypted_len, msg, ann);
    }
}
