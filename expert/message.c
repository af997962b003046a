/* ikediag - ISAKMP header and payload chain.
 *
 * Reads the header, checks it, then walks the clear-text payload chain with a
 * bounds-checked cursor, handing each payload body to payload_checks.c.
 * Checks that need to know which payloads a message carries (is this an
 * initiator's first message?) run after the walk.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "message.h"

#include "ikev1_names.h"
#include "message_walk.h"

#include <stdlib.h>
#include <string.h>

enum {
    OFF_RCOOKIE = 8,
    OFF_NEXT = 16,
    OFF_VERSION = 17,
    OFF_EXCHANGE = 18,
    OFF_FLAGS = 19,
    OFF_MESSAGE_ID = 20,
    OFF_LENGTH = 24,
    CIPHER_BLOCK_MIN = 8, /* DES/3DES; AES bodies are multiples of 16, hence of 8 too */
};

void ikd_flag(ikd_walk *w, ikd_finding_id id, size_t offset, size_t length, uint32_t a0,
              uint32_t a1, uint32_t a2, uint32_t a3)
{
    if (offset > w->captured)
        offset = w->captured;
    if (length > w->captured - offset)
        length = w->captured - offset;
    ikd_findings_add(&w->msg->findings, id, offset, length, a0, a1, a2, a3);
}

bool ikd_cookie_is_zero(const uint8_t cookie[8])
{
    return ikd_bytes_all_zero(cookie, 8);
}

bool ikd_message_has_payload(const ikd_message *msg, uint8_t canonical_type)
{
    for (uint32_t i = 0; i < msg->payload_count; i++)
        if (ikd_payload_canonical(msg->payloads[i].type) == canonical_type)
            return true;
    return false;
}

static void read_header(ikd_reader *r, ikd_message *msg)
{
    const uint8_t *cookie;
    uint8_t version;
    /* The caller made sure all 28 bytes are there; each read still checks. */
    if (!ikd_read_bytes(r, 8, &cookie))
        return;
    memcpy(msg->icookie, cookie, 8);
    if (!ikd_read_bytes(r, 8, &cookie))
        return;
    memcpy(msg->rcookie, cookie, 8);
    if (!ikd_read_u8(r, &msg->next_payload) || !ikd_read_u8(r, &version) ||
        !ikd_read_u8(r, &msg->exchange) || !ikd_read_u8(r, &msg->flags) ||
        !ikd_read_u32(r, &msg->message_id) || !ikd_read_u32(r, &msg->length))
        return;
    msg->major = version >> 4;
    msg->minor = version & 0x0f;
    msg->header_read = true;
}

/* Bytes after the message in its datagram: zeros are padding, anything else
 * is garbage a strict receiver rejects. Only the captured ones can be seen. */
static void flag_trailing_datagram_bytes(ikd_walk *w, size_t reported_len)
{
    const ikd_message *msg = w->msg;
    size_t extra = reported_len - msg->length;
    size_t seen = w->captured > msg->length ? w->captured - msg->length : 0;
    if (seen == extra && ikd_bytes_all_zero(w->bytes + msg->length, seen))
        ikd_flag(w, IKD_F_DATAGRAM_PADDING, msg->length, extra, msg->length, (uint32_t)reported_len,
                 (uint32_t)extra, 0);
    else
        ikd_flag(w, IKD_F_DATAGRAM_EXCEEDS_LENGTH, msg->length, extra, msg->length, (uint32_t)reported_len, 0, 0);
}

/* Compares the header's length with what arrived. Returns where to stop
 * reading (never past the captured bytes), or 0 when nothing after the header
 * can be trusted. */
static size_t check_lengths(ikd_walk *w, size_t reported_len, ikd_transport transport)
{
    ikd_message *msg = w->msg;
    if (msg->length < IKD_ISAKMP_HEADER_LEN) {
        ikd_flag(w, IKD_F_LENGTH_BELOW_HEADER, OFF_LENGTH, 4, msg->length, 0, 0, 0);
        return 0;
    }
    /* A TCP segment need not align with messages, so only UDP (and rebuilt
     * fragments) can be held to the datagram's length. */
    if (transport != IKD_TRANSPORT_TCP) {
        if (msg->length > reported_len)
            ikd_flag(w, IKD_F_LENGTH_EXCEEDS_DATAGRAM, OFF_LENGTH, 4, msg->length,
                     (uint32_t)reported_len, 0, 0);
        else if (msg->length < reported_len)
            flag_trailing_datagram_bytes(w, reported_len);
    }
    size_t present = msg->length < reported_len ? msg->length : reported_len;
    msg->incomplete = present < msg->length;
    w->message_end = msg->length;
    if (w->captured < present) {
        msg->capture_truncated = msg->incomplete = true;
        ikd_flag(w, IKD_F_CAPTURE_TRUNCATED, 0, w->captured, (uint32_t)w->captured,
                 (uint32_t)present, 0, 0);
        return w->captured;
    }
    return present;
}

static void check_header_fields(ikd_walk *w)
{
    ikd_message *msg = w->msg;
    if (ikd_cookie_is_zero(msg->icookie))
        ikd_flag(w, IKD_F_ICOOKIE_ZERO, 0, 8, 0, 0, 0, 0);
    if (ikd_exchange_is_private(msg->exchange))
        ikd_flag(w, IKD_F_PRIVATE_EXCHANGE, OFF_EXCHANGE, 1, msg->exchange, 0, 0, 0);
    else if (!ikd_exchange_is_known(msg->exchange))
        ikd_flag(w, IKD_F_EXCHANGE_TYPE, OFF_EXCHANGE, 1, msg->exchange, 0, 0, 0);
    if (msg->flags & ~IKD_FLAGS_DEFINED)
        ikd_flag(w, IKD_F_FLAGS, OFF_FLAGS, 1, msg->flags, msg->flags & ~IKD_FLAGS_DEFINED, 0, 0);

    bool needs_unique_id = msg->exchange == IKD_EX_QUICK || msg->exchange == IKD_EX_NEW_GROUP ||
                           msg->exchange == IKD_EX_TRANSACTION ||
                           (msg->exchange == IKD_EX_INFORMATIONAL && msg->encrypted);
    if (ikd_exchange_is_phase1(msg->exchange) && msg->message_id != 0)
        ikd_flag(w, IKD_F_MESSAGE_ID_PHASE1, OFF_MESSAGE_ID, 4, msg->exchange, msg->message_id, 0, 0);
    else if (needs_unique_id && msg->message_id == 0)
        ikd_flag(w, IKD_F_MESSAGE_ID_ZERO, OFF_MESSAGE_ID, 4, msg->exchange, 0, 0, 0);
}

/* Only the initiator's first message (MM1, AM1) and clear-text notifications
 * may go out before the responder has picked its cookie. */
static bool only_after_responder_reply(const ikd_message *msg)
{
    if (msg->encrypted || msg->exchange == IKD_EX_QUICK || msg->exchange == IKD_EX_NEW_GROUP ||
        msg->exchange == IKD_EX_TRANSACTION)
        return true;
    if (msg->exchange == IKD_EX_MAIN) {
        /* Payloads that only MM3 and later carry. */
        static const uint8_t later[] = { IKD_PL_KE, IKD_PL_ID, IKD_PL_CERT, IKD_PL_CERTREQ, IKD_PL_HASH,
                                         IKD_PL_SIG, IKD_PL_NONCE, IKD_PL_NATD };
        for (size_t i = 0; i < sizeof later; i++)
            if (ikd_message_has_payload(msg, later[i]))
                return true;
    }
    if (msg->exchange == IKD_EX_AGGRESSIVE)
        return ikd_message_has_payload(msg, IKD_PL_HASH) || ikd_message_has_payload(msg, IKD_PL_SIG);
    return false;
}

/* A responder answers with exactly one transform, so an SA payload offering
 * several is an initiator's first message; so is AM1 (SA, KE, nonce, ID and
 * no authentication yet). */
static bool is_initiators_first_message(const ikd_message *msg)
{
    bool offer = msg->sa.transforms > 1 || msg->sa.proposals > 1;
    if (msg->exchange == IKD_EX_MAIN)
        return offer;
    if (msg->exchange == IKD_EX_AGGRESSIVE)
        return offer || (ikd_message_has_payload(msg, IKD_PL_SA) && ikd_message_has_payload(msg, IKD_PL_KE) &&
                         ikd_message_has_payload(msg, IKD_PL_ID) && !ikd_message_has_payload(msg, IKD_PL_HASH) &&
                         !ikd_message_has_payload(msg, IKD_PL_SIG));
    return false;
}

static void check_cookies_against_payloads(ikd_walk *w)
{
    ikd_message *msg = w->msg;
    bool rcookie_zero = ikd_cookie_is_zero(msg->rcookie);
    if (rcookie_zero && only_after_responder_reply(msg))
        ikd_flag(w, IKD_F_RCOOKIE_ZERO, OFF_RCOOKIE, 8, msg->exchange, 0, 0, 0);
    else if (!rcookie_zero && is_initiators_first_message(msg))
        ikd_flag(w, IKD_F_RCOOKIE_IN_FIRST, OFF_RCOOKIE, 8, msg->exchange, msg->sa.transforms, 0, 0);
}

static void note_payload(ikd_message *msg, uint8_t type, size_t offset, uint16_t length)
{
    msg->payloads_seen++;
    if (msg->payload_count >= IKD_MAX_PAYLOADS)
        return;
    ikd_payload_ref *p = &msg->payloads[msg->payload_count++];
    p->type = type;
    p->offset = (uint32_t)offset;
    p->length = length;
}

/* Checks one payload whose generic header has been read and whose whole
 * length is present. */
static void check_payload(ikd_walk *w, uint8_t type, uint8_t reserved, uint16_t length,
                          size_t offset, ikd_reader *body)
{
    if (reserved != 0)
        ikd_flag(w, IKD_F_RESERVED_NOT_ZERO, offset + 1, 1, type, 0, 0, 0);
    if (type == IKD_PL_PROPOSAL || type == IKD_PL_TRANSFORM)
        ikd_flag(w, IKD_F_MISPLACED_PAYLOAD, offset, length, type, 0, 0, 0);
    else if (!ikd_payload_is_known(type))
        ikd_flag(w, IKD_F_UNKNOWN_PAYLOAD, offset, length, type, 0, 0, 0);
    else if (length < ikd_payload_min_length(type))
        ikd_flag(w, IKD_F_PAYLOAD_TOO_SHORT, offset, length, type, length,
                 ikd_payload_min_length(type), 0);
    else
        ikd_check_payload_body(w, type, body, offset);
}

static void walk_payloads(ikd_walk *w, const uint8_t *bytes, size_t end)
{
    ikd_message *msg = w->msg;
    ikd_reader r = ikd_reader_make(bytes + IKD_ISAKMP_HEADER_LEN, end - IKD_ISAKMP_HEADER_LEN,
                                   IKD_ISAKMP_HEADER_LEN);
    uint8_t type = msg->next_payload;
    while (type != IKD_PL_NONE) {
        size_t offset = ikd_reader_offset(&r);
        size_t left = ikd_reader_remaining(&r);
        uint8_t next, reserved;
        uint16_t length;
        ikd_reader body;
        if (!ikd_read_u8(&r, &next) || !ikd_read_u8(&r, &reserved) || !ikd_read_u16(&r, &length)) {
            if (!msg->incomplete)
                ikd_flag(w, IKD_F_CHAIN_CUT, offset, left, type, (uint32_t)left, 0, 0);
            return;
        }
        note_payload(msg, type, offset, length);
        if (length < 4) {
            /* The chain cannot be followed past a payload shorter than its header. */
            ikd_flag(w, IKD_F_PAYLOAD_TOO_SHORT, offset, 4, type, length, 4, 0);
            return;
        }
        if (!ikd_reader_sub(&r, length - 4u, &body)) {
            /* Missing bytes excuse a payload only if it would fit the message's own length. */
            size_t room = w->message_end > offset ? w->message_end - offset : 0;
            if (!msg->incomplete || length > room)
                ikd_flag(w, IKD_F_PAYLOAD_OVERRUN, offset, left, type, length, (uint32_t)room, 0);
            return;
        }
        check_payload(w, type, reserved, length, offset, &body);
        type = next;
    }
    if (ikd_reader_remaining(&r) && !msg->incomplete)
        ikd_flag(w, IKD_F_TRAILING_BYTES, ikd_reader_offset(&r), ikd_reader_remaining(&r),
                 (uint32_t)ikd_reader_remaining(&r), 0, 0, 0);
}

void ikd_message_read(const uint8_t *bytes, size_t captured_len, size_t reported_len,
                      ikd_transport transport, ikd_message *msg)
{
    memset(msg, 0, sizeof *msg);
    if (!bytes)
        captured_len = 0;
    if (reported_len < captured_len)
        reported_len = captured_len;
    ikd_walk w = { msg, bytes, captured_len, false, 0 };

    if (captured_len < IKD_ISAKMP_HEADER_LEN) {
        if (reported_len >= IKD_ISAKMP_HEADER_LEN) {
            msg->capture_truncated = msg->incomplete = true;
            ikd_flag(&w, IKD_F_CAPTURE_TRUNCATED, 0, captured_len, (uint32_t)captured_len,
                     (uint32_t)reported_len, 0, 0);
        } else {
            ikd_flag(&w, IKD_F_HEADER_SHORT, 0, captured_len, (uint32_t)captured_len, 0, 0, 0);
        }
        return;
    }
    ikd_reader r = ikd_reader_make(bytes, captured_len, 0);
    read_header(&r, msg);

    if (msg->major == 2) {
        /* IKEv2: the header is read and its length checked; the rest of the
         * analysis is IKEv1 only for now. */
        check_lengths(&w, reported_len, transport);
        return;
    }
    if (msg->major != 1) {
        ikd_flag(&w, IKD_F_MAJOR_VERSION, OFF_VERSION, 1, msg->major, 0, 0, 0);
        return;
    }
    if (msg->minor != 0)
        ikd_flag(&w, IKD_F_MINOR_VERSION, OFF_VERSION, 1, msg->minor, 0, 0, 0);

    msg->encrypted = (msg->flags & IKD_FLAG_ENCRYPTION) != 0;
    size_t end = check_lengths(&w, reported_len, transport);
    check_header_fields(&w);

    if (end && msg->encrypted) {
        size_t body = end - IKD_ISAKMP_HEADER_LEN;
        if (!msg->incomplete && body % CIPHER_BLOCK_MIN)
            ikd_flag(&w, IKD_F_ENCRYPTED_LENGTH, IKD_ISAKMP_HEADER_LEN, body, (uint32_t)body, 0, 0, 0);
    } else if (end) {
        walk_payloads(&w, bytes, end);
    }
    check_cookies_against_payloads(&w);
}

void ikd_message_read_decrypted(const ikd_message *outer, const uint8_t *plaintext, size_t len, ikd_message *inner)
{
    memset(inner, 0, sizeof *inner);
    if (!plaintext || len > UINT32_MAX - IKD_ISAKMP_HEADER_LEN)
        return;
    size_t total = IKD_ISAKMP_HEADER_LEN + len;
    uint8_t *buf = malloc(total);
    if (!buf)
        return;
    uint32_t total32 = (uint32_t)total, id = outer->message_id;
    memcpy(buf, outer->icookie, 8);
    memcpy(buf + 8, outer->rcookie, 8);
    buf[OFF_NEXT] = outer->next_payload;
    buf[OFF_VERSION] = (uint8_t)(outer->major << 4 | outer->minor);
    buf[OFF_EXCHANGE] = outer->exchange;
    buf[OFF_FLAGS] = (uint8_t)(outer->flags & ~IKD_FLAG_ENCRYPTION);
    for (int i = 0; i < 4; i++) {
        buf[OFF_MESSAGE_ID + i] = (uint8_t)(id >> (24 - 8 * i));
        buf[OFF_LENGTH + i] = (uint8_t)(total32 >> (24 - 8 * i));
    }
    memcpy(buf + IKD_ISAKMP_HEADER_LEN, plaintext, len);
    ikd_message_read(buf, total, total, IKD_TRANSPORT_UDP, inner);
    free(buf);
    /* Drop what only the clear header copy could cause, and the padding. */
    ikd_finding_list kept = { .count = 0 };
    for (uint32_t i = 0; i < inner->findings.count; i++) {
        const ikd_finding *f = &inner->findings.items[i];
        if (f->id != IKD_F_TRAILING_BYTES && f->id != IKD_F_RCOOKIE_ZERO && f->id != IKD_F_MESSAGE_ID_ZERO)
            ikd_findings_add_args(&kept, (ikd_finding_id)f->id, f->offset, f->length, f->arg);
    }
    kept.dropped = inner->findings.dropped;
    inner->findings = kept;
    inner->encrypted = true;
}
