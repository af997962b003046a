/* ikediag - ISAKMP header and payload chain.
 *
 * Reads the header, checks it, then walks the clear-text payload chain with a
 * bounds-checked cursor, handing each payload body to payload_checks.c. The
 * header and its length are read as both IKE versions read them
 * (common/ike_header.c).
 * Checks that need to know which payloads a message carries (is this an
 * initiator's first message?) run after the walk.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/message.h"

#include "common/ike_header.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/payload_checks.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>

enum {
    CIPHER_BLOCK_MIN = 8, /* DES/3DES; AES bodies are multiples of 16, hence of 8 too */
};

bool ikd_cookie_is_zero(const uint8_t cookie[8])
{
    uint64_t word; /* one load: byte by byte it was 100 instructions an MM1 (callgrind) */
    memcpy(&word, cookie, sizeof word);
    return word == 0;
}

bool ikd_message_has_payload(const ikd_message *msg, uint8_t canonical_type)
{
    return msg->payload_types[canonical_type / 32] >> (canonical_type % 32) & 1u;
}

const ikd_payload_ref *ikd_message_payload(const ikd_message *msg, uint8_t type)
{
    for (uint32_t i = 0; i < msg->payload_count; i++)
        if (msg->payloads[i].type == type)
            return &msg->payloads[i];
    return NULL;
}

static void take_header(ikd_message *msg, const ikd_ike_header *h)
{
    memcpy(msg->icookie, h->spi_i, 8);
    memcpy(msg->rcookie, h->spi_r, 8);
    msg->next_payload = h->next_payload;
    msg->major = h->major;
    msg->minor = h->minor;
    msg->exchange = h->exchange;
    msg->flags = h->flags;
    msg->message_id = h->message_id;
    msg->length = h->length;
    msg->header_bytes = h->captured;
    msg->header_read = h->captured == IKD_IKE_HEADER_LEN;
}

static void take_extent(ikd_walk *w, const ikd_ike_extent *extent)
{
    w->msg->incomplete = extent->incomplete;
    w->msg->capture_truncated = extent->capture_truncated;
    w->message_end = extent->message_end;
}

static void check_header_fields(ikd_walk *w)
{
    ikd_message *msg = w->msg;
    if (ikd_cookie_is_zero(msg->icookie))
        ikd_flag(w, IKD_F_ICOOKIE_ZERO, 0, 8, 0, 0, 0, 0);
    if (ikd_exchange_is_private(msg->exchange))
        ikd_flag(w, IKD_F_PRIVATE_EXCHANGE, IKD_HDR_EXCHANGE, 1, msg->exchange, 0, 0, 0);
    else if (!ikd_exchange_is_known(msg->exchange))
        ikd_flag(w, IKD_F_EXCHANGE_TYPE, IKD_HDR_EXCHANGE, 1, msg->exchange, 0, 0, 0);
    if (msg->flags & ~IKD_FLAGS_DEFINED)
        ikd_flag(w, IKD_F_FLAGS, IKD_HDR_FLAGS, 1, msg->flags, msg->flags & ~IKD_FLAGS_DEFINED, 0, 0);

    bool needs_unique_id = msg->exchange == IKD_EX_QUICK || msg->exchange == IKD_EX_NEW_GROUP ||
                           msg->exchange == IKD_EX_TRANSACTION ||
                           (msg->exchange == IKD_EX_INFORMATIONAL && msg->encrypted);
    if (ikd_exchange_is_phase1(msg->exchange) && msg->message_id != 0)
        ikd_flag(w, IKD_F_MESSAGE_ID_PHASE1, IKD_HDR_MESSAGE_ID, 4, msg->exchange, msg->message_id, 0, 0);
    else if (needs_unique_id && msg->message_id == 0)
        ikd_flag(w, IKD_F_MESSAGE_ID_ZERO, IKD_HDR_MESSAGE_ID, 4, msg->exchange, 0, 0, 0);
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
        ikd_flag(w, IKD_F_RCOOKIE_ZERO, IKD_HDR_SPI_R, 8, msg->exchange, 0, 0, 0);
    else if (!rcookie_zero && is_initiators_first_message(msg))
        ikd_flag(w, IKD_F_RCOOKIE_IN_FIRST, IKD_HDR_SPI_R, 8, msg->exchange, msg->sa.transforms, 0, 0);
}

static void note_payload(ikd_message *msg, uint8_t type, size_t offset, uint16_t length)
{
    msg->payloads_seen++;
    if (msg->payload_count >= IKD_MAX_PAYLOADS)
        return;
    ikd_payload_ref *p = &msg->payloads[msg->payload_count++];
    uint8_t canonical = (uint8_t)ikd_payload_canonical(type);
    msg->payload_types[canonical / 32] |= 1u << (canonical % 32);
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

/* The last payload the snap length cut: what its captured bytes show. */
static void read_cut_payload(ikd_walk *w, uint8_t type, ikd_reader *r, size_t offset)
{
    ikd_reader captured;
    if (ikd_reader_sub(r, ikd_reader_remaining(r), &captured))
        ikd_read_cut_payload(w, type, &captured, offset);
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
            else if (msg->capture_truncated)
                read_cut_payload(w, type, &r, offset);
            return;
        }
        check_payload(w, type, reserved, length, offset, &body);
        type = next;
    }
    if (ikd_reader_remaining(&r) && !msg->incomplete)
        ikd_flag(w, IKD_F_TRAILING_BYTES, ikd_reader_offset(&r), ikd_reader_remaining(&r),
                 (uint32_t)ikd_reader_remaining(&r), 0, 0, 0);
}

/* A message view with nothing read: all zero but the arrays (the payloads,
 * notifies, deleted SPIs and findings), which only their counts make
 * readable (1.6 kilobytes less to clear per message). */
_Static_assert(offsetof(ikd_message, findings) + sizeof(ikd_finding_list) == sizeof(ikd_message),
               "the findings close the message view");
static void clear_message(ikd_message *msg)
{
    memset(msg, 0, offsetof(ikd_message, payloads));
    msg->findings.count = msg->findings.dropped = 0;
}

void ikd_message_read(const uint8_t *bytes, size_t captured_len, size_t reported_len,
                      ikd_transport transport, ikd_message *msg)
{
    clear_message(msg);
    if (!bytes)
        captured_len = 0;
    if (reported_len < captured_len)
        reported_len = captured_len;
    ikd_walk w = { msg, bytes, captured_len, false, 0 };
    ikd_ike_header header;
    ikd_ike_extent extent;
    bool whole = ikd_ike_header_read(bytes, captured_len, reported_len, &header, &extent, &msg->findings);
    take_header(msg, &header);
    if (!whole) {
        take_extent(&w, &extent);
        msg->encrypted = msg->major == IKD_IKEV1_MAJOR && (msg->flags & IKD_FLAG_ENCRYPTION);
        return;
    }
    if (msg->major == IKD_IKEV2_MAJOR) {
        /* IKEv2 (its own reader is ikev2/): the header is read and its length checked. */
        ikd_ike_header_check_length(&header, bytes, captured_len, reported_len, transport, &extent, &msg->findings);
        take_extent(&w, &extent);
        return;
    }
    if (msg->major != IKD_IKEV1_MAJOR) {
        ikd_flag(&w, IKD_F_MAJOR_VERSION, IKD_HDR_VERSION, 1, msg->major, 0, 0, 0);
        return;
    }
    if (msg->minor != 0)
        ikd_flag(&w, IKD_F_MINOR_VERSION, IKD_HDR_VERSION, 1, msg->minor, 0, 0, 0);

    msg->encrypted = (msg->flags & IKD_FLAG_ENCRYPTION) != 0;
    ikd_ike_header_check_length(&header, bytes, captured_len, reported_len, transport, &extent, &msg->findings);
    take_extent(&w, &extent);
    size_t end = extent.end;
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
    clear_message(inner);
    if (!plaintext || len > UINT32_MAX - IKD_ISAKMP_HEADER_LEN)
        return;
    size_t total = IKD_ISAKMP_HEADER_LEN + len;
    uint8_t *buf = malloc(total);
    if (!buf)
        return;
    uint32_t total32 = (uint32_t)total, id = outer->message_id;
    memcpy(buf, outer->icookie, 8);
    memcpy(buf + 8, outer->rcookie, 8);
    buf[IKD_HDR_NEXT_PAYLOAD] = outer->next_payload;
    buf[IKD_HDR_VERSION] = (uint8_t)(outer->major << 4 | outer->minor);
    buf[IKD_HDR_EXCHANGE] = outer->exchange;
    buf[IKD_HDR_FLAGS] = (uint8_t)(outer->flags & ~IKD_FLAG_ENCRYPTION);
    for (int i = 0; i < 4; i++) {
        buf[IKD_HDR_MESSAGE_ID + i] = (uint8_t)(id >> (24 - 8 * i));
        buf[IKD_HDR_LENGTH + i] = (uint8_t)(total32 >> (24 - 8 * i));
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
