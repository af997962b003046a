/* ikediag - the IKEv2 message handler: each message read and checked
 * (message.c), with Wireshark's decryption of its SK payload read the same
 * way, then placed in its SA and exchange (tracker.c), and what its
 * payloads tell about the negotiation noted (chosen.c) with what each peer
 * announces (announced.c: vendor IDs, capabilities, REDIRECT).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/ikev2.h"

#include "common/ike_header.h"
#include "ikev2/cert_payloads.h"
#include "ikev2/message.h"
#include "ikev2/weak_crypto.h"

#include <glib.h>
#include <string.h>

/* The first IP fragment of a datagram: only its header can be read, the
 * rest of the message is in other frames. */
static void feed_ip_fragment(const ikd_packet *p, ikd_annotation *ann)
{
    size_t captured = p->bytes ? p->captured_len : 0;
    size_t reported = p->reported_len < captured ? captured : p->reported_len;
    ikd_findings_add(&ann->findings, IKD_F_IP_FRAGMENT, 0, 0, 0, (uint32_t)captured, (uint32_t)reported, 0);
    ikd_ike_header header;
    ikd_ike_extent extent;
    if (!ikd_ike_header_read(p->bytes, captured, captured, &header, &extent, &ann->findings))
        return;
    ann->result.ike_version = header.major;
    ann->result.message_id = header.message_id;
}

/* Findings inside the decrypted payloads point at the SK payload that hid
 * them: the plaintext has no place of its own in the message's bytes. */
static void attach_inner_findings(const ikd_v2_message *outer, const ikd_v2_message *inner, size_t captured,
                                  ikd_annotation *ann)
{
    size_t offset = outer->sk_offset < captured ? outer->sk_offset : captured;
    size_t length = outer->sk_length < captured - offset ? outer->sk_length : captured - offset;
    for (uint32_t i = 0; i < inner->findings.count; i++) {
        const ikd_finding *f = &inner->findings.items[i];
        ikd_findings_add_args(&ann->findings, (ikd_finding_id)f->id, offset, length, f->arg);
    }
    ann->findings.dropped += inner->findings.dropped;
}

/* A decryption whose payload chain does not hold together (a payload
 * longer than the plaintext or shorter than its header, or of a type no
 * one sends) came from a wrong key: reported once at the SK payload and not
 * read, so nothing is learnt from garbage. Lesser faults (a reserved bit,
 * a notify's SPI size) are a sender's and stay findings of the message. */
static bool plaintext_is_garbage(const ikd_v2_message *outer, const ikd_v2_message *inner, size_t captured,
                                 ikd_annotation *ann)
{
    for (uint32_t i = 0; i < inner->findings.count; i++) {
        const ikd_finding *f = &inner->findings.items[i];
        if (f->id != IKD_F_UNKNOWN_PAYLOAD && f->id != IKD_F_PAYLOAD_TOO_SHORT && f->id != IKD_F_PAYLOAD_OVERRUN)
            continue;
        uint32_t payload = f->arg[0];
        size_t offset = outer->sk_offset < captured ? outer->sk_offset : captured;
        size_t length = outer->sk_length < captured - offset ? outer->sk_length : captured - offset;
        const uint32_t args[IKD_FINDING_ARGS] = { f->id, payload, 0, 0, IKD_FINDING_IKEV2 };
        ikd_findings_add_args(&ann->findings, IKD_F_DECRYPTED_GARBAGE, offset, length, args);
        return true;
    }
    return false;
}

/* The header fields of what the reader read, for the tracker. */
static ikd_ike_header header_of(const ikd_v2_message *msg)
{
    ikd_ike_header h = { .next_payload = msg->next_payload, .major = msg->major, .minor = msg->minor,
                         .exchange = msg->exchange, .flags = msg->flags, .message_id = msg->message_id,
                         .length = msg->length, .captured = msg->header_bytes };
    memcpy(h.spi_i, msg->spi_i, 8);
    memcpy(h.spi_r, msg->spi_r, 8);
    return h;
}

/* Wireshark's decryption of the message, read: an SK payload's plaintext,
 * or, at the fragment that completed an SKF-fragmented message, the whole
 * message rebuilt. NULL when there is none or it cannot be placed. */
static ikd_v2_message *read_inner(const ikd_v2_context *ctx, const ikd_ike_header *h, const ikd_v2_message *msg,
                                  const ikd_packet *p)
{
    if (!p->decrypted || !msg->header_read)
        return NULL;
    ikd_v2_message *inner = &ctx->views[1];
    if (msg->has_sk && !p->decrypted_reassembled) {
        ikd_v2_message_read_decrypted(msg, p->decrypted, p->decrypted_len, inner);
        return inner;
    }
    uint8_t first = msg->has_skf && p->decrypted_reassembled ? ikd_v2_fragmented_first_payload(ctx, h, p) : 0;
    if (!first)
        return NULL; /* fragment 1 unseen: where the chain starts is unknown */
    ikd_v2_message_read_reassembled(msg, first, p->decrypted, p->decrypted_len, inner);
    return inner;
}

void ikd_v2_feed(const ikd_v2_context *ctx, const ikd_packet *p, ikd_annotation *ann)
{
    if (p->transport == IKD_TRANSPORT_IP_FRAGMENT) {
        feed_ip_fragment(p, ann);
        return;
    }
    size_t captured = p->bytes ? p->captured_len : 0;
    ikd_v2_message *msg = &ctx->views[0];
    ikd_v2_message_read(p->bytes, captured, p->reported_len, p->transport, msg);
    ikd_findings_copy(&ann->findings, &msg->findings);
    ann->result.ike_version = msg->major;
    ann->result.message_id = msg->message_id;
    ann->result.encrypted = msg->has_sk || msg->has_skf;
    ikd_v2_read read = { { msg, p->bytes, captured }, { NULL, NULL, 0 } };
    const ikd_ike_header h = header_of(msg);
    ikd_v2_message *inner = read_inner(ctx, &h, msg, p);
    if (inner && plaintext_is_garbage(msg, inner, captured, ann))
        inner = NULL;
    if (inner) {
        attach_inner_findings(msg, inner, captured, ann);
        read.inner = (ikd_v2_body){ inner, p->decrypted, p->decrypted_len };
    }
    if (msg->header_read) {
        ikd_v2_sa *v2 = ikd_v2_track(ctx, &h, p, &read, ann);
        ikd_v2_chosen_note(v2, p, msg, inner);
        ikd_v2_note_certificates(v2, p, msg, inner, ann);
        int sender = msg->initiator ? 0 : 1;
        ikd_v2_note_announced(&v2->announced, &v2->sa, sender, &read.clear, p, ann);
        ikd_v2_note_announced(&v2->announced, &v2->sa, sender, &read.inner, p, ann);
        ikd_v2_note_remote_access(v2, sender, &read.inner, p, ann);
        ikd_v2_check_weak_crypto(v2, ann);
    }
}
