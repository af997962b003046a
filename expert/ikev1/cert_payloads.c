/* ikediag - IKEv1 CERT payloads.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/cert_payloads.h"

#include "common/cert_notes.h"
#include "ikev1/decrypted.h"
#include "ikev1/ikev1_names.h"

#include <glib.h>

enum { GENERIC_HEADER = 4 };

/* The sender's identity against the certificate it sent: the ID payload of
 * the same message (MM5, MM6, AM2), or, for a certificate sent after its
 * identity (AM1's ID, AM3's CERT), the one kept from the earlier message.
 * at/span: where a finding goes in a decrypted message; span 0 (a clear
 * message): on the ID payload, or at 0 when the identity was kept. */
static void check_identity(const ikd_v1_event *ev, const ikd_message *view, const uint8_t *bytes, size_t len,
                           size_t base, size_t at, size_t span)
{
    ikd_v1_sa *v1 = ev->sa;
    for (uint32_t i = 0; i < view->payload_count; i++) {
        const ikd_payload_ref *ref = &view->payloads[i];
        if (ref->type != IKD_PL_ID || ref->length <= GENERIC_HEADER || ref->offset < base ||
            ref->offset - base + ref->length > len)
            continue;
        const uint8_t *body = bytes + ref->offset - base + GENERIC_HEADER;
        size_t body_len = ref->length - GENERIC_HEADER;
        ikd_cert_check_identity(&v1->sa, ev->peer, body, body_len, ev->ann, span ? at : ref->offset - base,
                                span ? span : ref->length);
        bool phase1 = ev->msg->exchange == IKD_EX_MAIN || ev->msg->exchange == IKD_EX_AGGRESSIVE;
        if (phase1 && !ikd_v1_rare_const(v1)->phase1_id[ev->peer]) /* the first: a retransmission sends the same */
            ikd_v1_rare(ev->ctx->records, v1)->phase1_id[ev->peer] = g_bytes_new(body, body_len);
        return;
    }
    GBytes *kept = ikd_v1_rare_const(v1)->phase1_id[ev->peer];
    if (kept) {
        gsize kept_len;
        const uint8_t *kept_body = g_bytes_get_data(kept, &kept_len);
        ikd_cert_check_identity(&v1->sa, ev->peer, kept_body, kept_len, ev->ann, at, span);
    }
}

/* CERT, CERTREQ, SIG and ID, in the first word of ikd_message.payload_types. */
#define CERTIFICATE_PAYLOADS (1u << IKD_PL_CERT | 1u << IKD_PL_CERTREQ | 1u << IKD_PL_SIG | 1u << IKD_PL_ID)
G_STATIC_ASSERT(IKD_PL_CERT < 32 && IKD_PL_CERTREQ < 32 && IKD_PL_SIG < 32 && IKD_PL_ID < 32);

/* The CERT payloads of a view whose offsets count from `base` bytes
 * before `bytes` (the decrypted view counts its copied header). */
static void note_all(const ikd_v1_event *ev, const ikd_message *view, const uint8_t *bytes, size_t len, size_t base,
                     size_t at, size_t span)
{
    /* Most messages carry none of these: three walks of their chain were 214
     * instructions of a flood's MM1, four payload-type lookups 100, one
     * word's bits 5 (callgrind). Without a certificate here
     * an identity kept from before has nothing new to be checked against. */
    if (!ev->ann->cert_count && !(view->payload_types[0] & CERTIFICATE_PAYLOADS))
        return;
    for (uint32_t i = 0; i < view->payload_count; i++) {
        const ikd_payload_ref *ref = &view->payloads[i];
        bool cert = ref->type == IKD_PL_CERT, request = ref->type == IKD_PL_CERTREQ;
        if ((!cert && !request) || ref->length <= GENERIC_HEADER || ref->offset < base ||
            ref->offset - base + ref->length > len)
            continue;
        size_t start = ref->offset - base;
        if (request) {
            ikd_cert_request_note(&ev->sa->sa, ev->peer, bytes + start + GENERIC_HEADER, ref->length - GENERIC_HEADER,
                                  false, ev->ann);
            continue;
        }
        ikd_cert_note(&ev->sa->sa, ev->peer, bytes + start + GENERIC_HEADER, ref->length - GENERIC_HEADER,
                      ev->packet, ev->ann, ev->msg->encrypted ? at : start, ev->msg->encrypted ? span : ref->length);
    }
    /* A signature without a certificate in the message (or before it). */
    bool has_cert = false, signs = false;
    for (uint32_t i = 0; i < view->payload_count; i++) {
        has_cert |= view->payloads[i].type == IKD_PL_CERT;
        signs |= view->payloads[i].type == IKD_PL_SIG;
    }
    if (signs)
        ikd_cert_check_signature(&ev->sa->sa, ev->peer, has_cert, ev->ann, at, ev->msg->encrypted ? span : 0);
    check_identity(ev, view, bytes, len, base, ev->msg->encrypted ? at : 0, ev->msg->encrypted ? span : 0);
}

void ikd_v1_read_certificates(const ikd_v1_event *ev)
{
    const ikd_packet *p = ev->packet;
    bool placed = ev->sa && ev->peer >= 0;
    if (placed && !ev->msg->encrypted)
        note_all(ev, ev->msg, p->bytes, p->captured_len, 0, 0, 0);
    if (!p->decrypted)
        return;
    ikd_message *inner = g_new(ikd_message, 1);
    const ikd_message *content = ikd_v1_readable_content(ev, inner);
    if (content && placed)
        note_all(ev, content, p->decrypted, p->decrypted_len, IKD_ISAKMP_HEADER_LEN, IKD_ISAKMP_HEADER_LEN,
                 p->captured_len > IKD_ISAKMP_HEADER_LEN ? p->captured_len - IKD_ISAKMP_HEADER_LEN : 0);
    g_free(inner);
}
