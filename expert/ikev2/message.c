/* ikediag - IKEv2 header and payload chain.
 *
 * Reads the header (common/ike_header.c, shared with IKEv1) and checks the
 * fields RFC 7296 gives IKEv2 rules for, then walks the clear-text payload
 * chain with a bounds-checked cursor, handing each payload body to
 * payload_checks.c. The chain ends at an SK or SKF payload: its next-payload
 * field names the first payload inside the encryption. Checks that need the
 * whole message (KE against the SA, what must be encrypted) run after the
 * walk (message_checks.c).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/message.h"

#include "common/ike_header.h"
#include "ikev2/ikev2_names.h"
#include "ikev2/message_checks.h"
#include "ikev2/payload_checks.h"
#include "ikev2/walk.h"

#include <stddef.h>
#include <string.h>

enum { CRITICAL_BIT = 0x80, GENERIC_HEADER_LEN = 4 };

static void take_header(ikd_v2_message *msg, const ikd_ike_header *h)
{
    memcpy(msg->spi_i, h->spi_i, 8);
    memcpy(msg->spi_r, h->spi_r, 8);
    msg->next_payload = h->next_payload;
    msg->major = h->major;
    msg->minor = h->minor;
    msg->exchange = h->exchange;
    msg->flags = h->flags;
    msg->initiator = (h->flags & IKD_V2_FLAG_INITIATOR) != 0;
    msg->response = (h->flags & IKD_V2_FLAG_RESPONSE) != 0;
    msg->message_id = h->message_id;
    msg->length = h->length;
    msg->header_bytes = h->captured;
    msg->header_read = h->captured == IKD_IKE_HEADER_LEN;
}

/* The shared header checks (common/ike_header.c) do not know the version;
 * their findings use the first arguments only, so the tag fits. */
static void tag_as_ikev2(ikd_finding_list *findings)
{
    for (uint32_t i = 0; i < findings->count; i++)
        findings->items[i].arg[IKD_FINDING_ARG_VERSION] = IKD_FINDING_IKEV2;
}

static void note_payload(ikd_v2_message *msg, uint8_t type, uint8_t flags, size_t offset, uint16_t length)
{
    msg->payloads_seen++;
    /* Known as encrypted from its header on, even if the body is cut. */
    if ((type == IKD_V2_PL_SK || type == IKD_V2_PL_SKF) && !msg->has_sk && !msg->has_skf) {
        msg->sk_offset = (uint32_t)offset;
        msg->sk_length = length;
    }
    if (type == IKD_V2_PL_SK)
        msg->has_sk = true;
    else if (type == IKD_V2_PL_SKF)
        msg->has_skf = true;
    if (msg->payload_count >= IKD_V2_MAX_PAYLOADS)
        return;
    ikd_v2_payload_ref *p = &msg->payloads[msg->payload_count++];
    p->type = type;
    p->critical = (flags & CRITICAL_BIT) != 0;
    p->offset = (uint32_t)offset;
    p->length = length;
}

/* One payload whose generic header was read and whose whole length is
 * present. RFC 7296 3.2: an unknown payload is skipped unless critical. */
static void check_payload(ikd_v2_walk *w, uint8_t type, uint8_t next, uint8_t flags, uint16_t length,
                          size_t offset, ikd_reader *body)
{
    if (flags & ~CRITICAL_BIT)
        ikd_v2_flag(w, IKD_F_RESERVED_NOT_ZERO, offset + 1, 1, type, 0, 0, 0);
    if (!ikd_v2_payload_is_known(type)) {
        ikd_finding_id id = (flags & CRITICAL_BIT) ? IKD_F_V2_CRITICAL_PAYLOAD : IKD_F_V2_UNKNOWN_PAYLOAD;
        ikd_v2_flag(w, id, offset, length, type, 0, 0, 0);
    } else if (length < ikd_v2_payload_min_length(type)) {
        ikd_v2_flag(w, IKD_F_PAYLOAD_TOO_SHORT, offset, length, type, length, ikd_v2_payload_min_length(type), 0);
    } else {
        ikd_v2_check_payload_body(w, type, next, body, offset);
    }
}

/* The encrypted payload closes the clear-text chain: its next-payload field
 * is the first inner payload, and nothing may follow it (RFC 7296 3.14). */
static void end_at_encrypted(ikd_v2_walk *w, ikd_reader *r, uint8_t type, uint8_t next)
{
    ikd_v2_message *msg = w->msg;
    msg->sk_next_payload = next;
    size_t left = ikd_reader_remaining(r);
    if (left && !msg->incomplete)
        ikd_v2_flag(w, IKD_F_V2_SK_NOT_LAST, ikd_reader_offset(r), left, (uint32_t)left, type, 0, 0);
}

/* Reads one generic header and carves the body; false, having flagged why,
 * when the chain cannot be followed further. */
static bool next_payload(ikd_v2_walk *w, ikd_reader *r, uint8_t type, uint8_t *next, uint8_t *flags,
                         uint16_t *length, ikd_reader *body)
{
    ikd_v2_message *msg = w->msg;
    size_t offset = ikd_reader_offset(r), left = ikd_reader_remaining(r);
    if (!ikd_read_u8(r, next) || !ikd_read_u8(r, flags) || !ikd_read_u16(r, length)) {
        if (!msg->incomplete)
            ikd_v2_flag(w, IKD_F_CHAIN_CUT, offset, left, type, (uint32_t)left, 0, 0);
        return false;
    }
    note_payload(msg, type, *flags, offset, *length);
    if (*length < GENERIC_HEADER_LEN) {
        ikd_v2_flag(w, IKD_F_PAYLOAD_TOO_SHORT, offset, GENERIC_HEADER_LEN, type, *length, GENERIC_HEADER_LEN, 0);
        return false;
    }
    if (!ikd_reader_sub(r, *length - 4u, body)) {
        /* Missing bytes excuse a payload only if it would fit the message's own length. */
        size_t room = w->message_end > offset ? w->message_end - offset : 0;
        if (!msg->incomplete || *length > room)
            ikd_v2_flag(w, IKD_F_PAYLOAD_OVERRUN, offset, left, type, *length, (uint32_t)room, 0);
        else if (msg->capture_truncated)
            ikd_v2_read_cut_payload(w, type, *next, r, offset);
        return false;
    }
    return true;
}

/* Walks the chain in r starting with first; trailing: whether bytes after
 * the last payload are a finding (not so in decrypted plaintext's padding). */
static void walk_payloads(ikd_v2_walk *w, ikd_reader *r, uint8_t first, bool trailing)
{
    uint8_t type = first;
    while (type != IKD_V2_PL_NONE) {
        size_t offset = ikd_reader_offset(r);
        uint8_t next, flags;
        uint16_t length;
        ikd_reader body;
        if (!next_payload(w, r, type, &next, &flags, &length, &body))
            return;
        check_payload(w, type, next, flags, length, offset, &body);
        if (type == IKD_V2_PL_SK || type == IKD_V2_PL_SKF) {
            end_at_encrypted(w, r, type, next);
            return;
        }
        type = next;
    }
    size_t left = ikd_reader_remaining(r);
    if (trailing && left && !w->msg->incomplete)
        ikd_v2_flag(w, IKD_F_TRAILING_BYTES, ikd_reader_offset(r), left, (uint32_t)left, 0, 0, 0);
}

/* A message view with nothing read: all zero but the findings' array, which
 * only its count makes readable (IKEv1's reader does the same: a kilobyte
 * less to clear per message). */
_Static_assert(offsetof(ikd_v2_message, findings) + sizeof(ikd_finding_list) == sizeof(ikd_v2_message),
               "the findings close the message view");
static void clear_message(ikd_v2_message *msg)
{
    memset(msg, 0, offsetof(ikd_v2_message, findings));
    msg->findings.count = msg->findings.dropped = 0;
}

void ikd_v2_message_read(const uint8_t *bytes, size_t captured_len, size_t reported_len, ikd_transport transport,
                         ikd_v2_message *msg)
{
    clear_message(msg);
    if (!bytes)
        captured_len = 0;
    if (reported_len < captured_len)
        reported_len = captured_len;
    ikd_v2_walk w = { msg, captured_len, 0 };
    ikd_ike_header header;
    ikd_ike_extent extent;
    bool whole = ikd_ike_header_read(bytes, captured_len, reported_len, &header, &extent, &msg->findings);
    take_header(msg, &header);
    if (whole)
        ikd_ike_header_check_length(&header, bytes, captured_len, reported_len, transport, &extent,
                                    &msg->findings);
    tag_as_ikev2(&msg->findings);
    msg->incomplete = extent.incomplete;
    msg->capture_truncated = extent.capture_truncated;
    w.message_end = extent.message_end;
    if (!whole)
        return;
    ikd_v2_check_header(&w);
    if (extent.end) {
        ikd_reader r = ikd_reader_make(bytes + IKD_IKE_HEADER_LEN, extent.end - IKD_IKE_HEADER_LEN,
                                       IKD_IKE_HEADER_LEN);
        walk_payloads(&w, &r, msg->next_payload, true);
    }
    ikd_v2_check_message(&w);
}

/* The header fields of an inner message are its outer message's. */
static void inherit_header(const ikd_v2_message *outer, uint8_t first_payload, ikd_v2_message *inner)
{
    clear_message(inner);
    memcpy(inner->spi_i, outer->spi_i, 8);
    memcpy(inner->spi_r, outer->spi_r, 8);
    inner->next_payload = first_payload;
    inner->major = outer->major;
    inner->minor = outer->minor;
    inner->exchange = outer->exchange;
    inner->flags = outer->flags;
    inner->initiator = outer->initiator;
    inner->response = outer->response;
    inner->message_id = outer->message_id;
    inner->header_read = outer->header_read;
    inner->header_bytes = outer->header_bytes;
    inner->decrypted = true;
}

/* Walks payload_bytes of plaintext as the inner chain; trailing: bytes
 * after the last payload are padding, not a finding. */
static void walk_inner(ikd_v2_message *inner, const uint8_t *plaintext, size_t len, size_t payload_bytes,
                       bool trailing)
{
    inner->length = (uint32_t)(payload_bytes > UINT32_MAX ? UINT32_MAX : payload_bytes);
    ikd_v2_walk w = { inner, len, payload_bytes };
    ikd_reader r = ikd_reader_make(plaintext, payload_bytes, 0);
    walk_payloads(&w, &r, inner->next_payload, trailing);
    ikd_v2_check_message(&w);
}

void ikd_v2_message_read_decrypted(const ikd_v2_message *outer, const uint8_t *plaintext, size_t len,
                                   ikd_v2_message *inner)
{
    inherit_header(outer, outer->sk_next_payload, inner);
    if (!plaintext || !len)
        return;
    /* The last byte counts the padding before it; when it cannot, the whole
     * plaintext is walked and the chain says what is wrong. */
    size_t pad = plaintext[len - 1];
    bool padded = pad + 1 <= len;
    walk_inner(inner, plaintext, len, padded ? len - 1 - pad : len, padded);
}

void ikd_v2_message_read_reassembled(const ikd_v2_message *outer, uint8_t first_payload, const uint8_t *plaintext,
                                     size_t len, ikd_v2_message *inner)
{
    inherit_header(outer, first_payload, inner);
    if (plaintext && len)
        walk_inner(inner, plaintext, len, len, false);
}
