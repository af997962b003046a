/* ikediag - checks on the bodies of IKEv2 payloads (RFC 7296 3.4-3.14,
 * RFC 7383 2.5). Each checker gets a reader over exactly the payload's body
 * (the bytes after its generic header).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/payload_checks.h"

#include "ikev2/ikev2_names.h"
#include "ikev2/sa_payload.h"
#include "ikev2/traffic_selector.h"

enum {
    NONCE_MIN = 16,
    NONCE_MAX = 256,
    /* Without keys the IV and ICV sizes are unknown; the smallest an SK
     * payload can hold is an 8-byte IV (3DES, AES-GCM), the pad-length byte
     * and an 8-byte ICV (AES-GCM-8, AES-CCM-8). */
    ENCRYPTED_MIN = 8 + 1 + 8,
};

uint16_t ikd_v2_payload_min_length(uint8_t type)
{
    switch (type) {
    case IKD_V2_PL_KE:      /* group, reserved */
    case IKD_V2_PL_IDI:     /* ID type, reserved */
    case IKD_V2_PL_IDR:
    case IKD_V2_PL_AUTH:    /* method, reserved */
    case IKD_V2_PL_NOTIFY:  /* protocol, SPI size, type */
    case IKD_V2_PL_DELETE:  /* protocol, SPI size, count */
    case IKD_V2_PL_TSI:     /* count, reserved */
    case IKD_V2_PL_TSR:
    case IKD_V2_PL_CP:      /* type, reserved */
    case IKD_V2_PL_EAP:     /* code, identifier, length */
        return 8;
    case IKD_V2_PL_CERT:    /* encoding and at least one byte */
    case IKD_V2_PL_CERTREQ:
        return 5;
    case IKD_V2_PL_SK:
        return 4 + ENCRYPTED_MIN;
    case IKD_V2_PL_SKF:     /* fragment number, total */
        return 8 + ENCRYPTED_MIN;
    default:
        return 4;
    }
}

static void check_ke(ikd_v2_walk *w, ikd_reader *body, size_t payload_offset)
{
    ikd_v2_message *msg = w->msg;
    uint16_t group, reserved;
    if (!ikd_read_u16(body, &group) || !ikd_read_u16(body, &reserved))
        return;
    if (reserved)
        ikd_v2_flag(w, IKD_F_RESERVED_NOT_ZERO, payload_offset + 6, 2, IKD_V2_PL_KE, 0, 0, 0);
    size_t data = ikd_reader_remaining(body);
    if (!msg->has_ke) {
        msg->has_ke = true;
        msg->ke_group = group;
        msg->ke_data_length = (uint32_t)data;
    }
    size_t want = ikd_v2_dh_group_data_length(group);
    if (want && data != want)
        ikd_v2_flag(w, IKD_F_V2_KE_LENGTH, payload_offset + 8, data, group, (uint32_t)want, (uint32_t)data, 0);
}

static void check_nonce(ikd_v2_walk *w, ikd_reader *body, size_t payload_offset)
{
    size_t n = ikd_reader_remaining(body);
    if (!w->msg->has_nonce) {
        w->msg->has_nonce = true;
        w->msg->nonce_length = (uint32_t)n;
    }
    if (n < NONCE_MIN || n > NONCE_MAX)
        ikd_v2_flag(w, IKD_F_V2_NONCE_LENGTH, payload_offset, n + 4, (uint32_t)n, 0, 0, 0);
}

/* Notify and Delete begin alike: protocol, SPI size, then the notify type
 * or the count of SPIs. */
typedef struct {
    uint8_t protocol;
    uint8_t spi_size;
    uint16_t type_or_count;
} notify_or_delete;

static bool read_notify_or_delete(ikd_reader *body, notify_or_delete *h)
{
    return ikd_read_u8(body, &h->protocol) && ikd_read_u8(body, &h->spi_size) && ikd_read_u16(body, &h->type_or_count);
}

static void note_notify(ikd_v2_message *msg, const notify_or_delete *h, size_t payload_offset, size_t data_len)
{
    if (msg->notify_count >= IKD_V2_MAX_NOTIFIES)
        return;
    ikd_v2_notify *n = &msg->notifies[msg->notify_count++];
    n->type = h->type_or_count;
    n->protocol = h->protocol;
    n->spi_size = h->spi_size;
    n->offset = (uint32_t)payload_offset;
    n->data_offset = (uint32_t)(payload_offset + 8 + h->spi_size);
    n->data_length = (uint16_t)(data_len > UINT16_MAX ? UINT16_MAX : data_len);
}

/* RFC 7296 3.10: no SPI goes with protocol 0 or with the IKE SA (which
 * some stacks still name by its 8-byte SPI); a Child SA's is 4 bytes.
 * Protocol 2 or 3 without an SPI is tolerated: stacks send it. */
static bool notify_spi_fits(uint8_t protocol, uint8_t spi_size)
{
    switch (protocol) {
    case 0: return spi_size == 0;
    case IKD_V2_PROTO_IKE: return spi_size == 0 || spi_size == 8;
    default: return spi_size == 0 || spi_size == 4;
    }
}

static void check_notify(ikd_v2_walk *w, ikd_reader *body, size_t payload_offset)
{
    notify_or_delete h;
    if (!read_notify_or_delete(body, &h))
        return;
    size_t left = ikd_reader_remaining(body);
    note_notify(w->msg, &h, payload_offset, left >= h.spi_size ? left - h.spi_size : 0);
    if (h.protocol > IKD_V2_PROTO_ESP)
        ikd_v2_flag(w, IKD_F_PROTOCOL_ID, payload_offset + 4, 1, h.protocol, IKD_V2_PL_NOTIFY, 0, 0);
    if (h.spi_size > left)
        ikd_v2_flag(w, IKD_F_NOTIFY_SPI, payload_offset + 5, 1, h.spi_size, (uint32_t)(left + 8), 0, 0);
    else if (h.protocol <= IKD_V2_PROTO_ESP && !notify_spi_fits(h.protocol, h.spi_size))
        ikd_v2_flag(w, IKD_F_SPI_SIZE, payload_offset + 5, 1, h.protocol, h.spi_size, IKD_V2_PL_NOTIFY, 0);
}

static void note_delete(ikd_v2_message *msg, const notify_or_delete *h)
{
    if (msg->has_delete)
        return;
    msg->has_delete = true;
    msg->delete_protocol = h->protocol;
    msg->delete_spi_size = h->spi_size;
    msg->delete_spi_count = h->type_or_count;
}

/* RFC 7296 3.11: the IKE SA is named by the header (SPI size 0), a Child
 * SA by its 4-byte SPI; count x size fills the payload exactly. */
static void check_delete(ikd_v2_walk *w, ikd_reader *body, size_t payload_offset)
{
    notify_or_delete h;
    if (!read_notify_or_delete(body, &h))
        return;
    note_delete(w->msg, &h);
    bool known = h.protocol >= IKD_V2_PROTO_IKE && h.protocol <= IKD_V2_PROTO_ESP;
    if (!known)
        ikd_v2_flag(w, IKD_F_PROTOCOL_ID, payload_offset + 4, 1, h.protocol, IKD_V2_PL_DELETE, 0, 0);
    else if (h.spi_size != (h.protocol == IKD_V2_PROTO_IKE ? 0 : 4))
        ikd_v2_flag(w, IKD_F_SPI_SIZE, payload_offset + 5, 1, h.protocol, h.spi_size, IKD_V2_PL_DELETE, 0);
    uint64_t need = 8u + (uint64_t)h.spi_size * h.type_or_count;
    uint64_t have = ikd_reader_remaining(body) + 8u;
    if (need != have)
        ikd_v2_flag(w, IKD_F_DELETE_SPI, payload_offset, (size_t)have, h.type_or_count, h.spi_size,
                    (uint32_t)(need > UINT32_MAX ? UINT32_MAX : need), (uint32_t)have);
}

/* RFC 7383 2.5: fragments are numbered 1..Total, Total >= 1, and only the
 * first names the first inner payload. */
static void check_fragment(ikd_v2_walk *w, ikd_reader *body, size_t payload_offset, uint8_t next)
{
    ikd_v2_message *msg = w->msg;
    if (!ikd_read_u16(body, &msg->fragment_number) || !ikd_read_u16(body, &msg->fragment_total))
        return;
    uint16_t number = msg->fragment_number, total = msg->fragment_total;
    if (number == 0 || total == 0 || number > total)
        ikd_v2_flag(w, IKD_F_V2_SKF_NUMBER, payload_offset + 4, 4, number, total, 0, 0);
    else if (number > 1 && next != IKD_V2_PL_NONE)
        ikd_v2_flag(w, IKD_F_V2_SKF_NEXT_PAYLOAD, payload_offset, 1, number, next, 0, 0);
}

void ikd_v2_read_cut_payload(ikd_v2_walk *w, uint8_t type, uint8_t next, ikd_reader *captured,
                             size_t payload_offset)
{
    notify_or_delete h;
    switch (type) {
    case IKD_V2_PL_SKF:
        (void)(ikd_read_u16(captured, &w->msg->fragment_number) && ikd_read_u16(captured, &w->msg->fragment_total));
        break;
    case IKD_V2_PL_NOTIFY:
        if (read_notify_or_delete(captured, &h))
            note_notify(w->msg, &h, payload_offset, 0);
        break;
    case IKD_V2_PL_DELETE:
        if (read_notify_or_delete(captured, &h))
            note_delete(w->msg, &h);
        break;
    default: break;
    }
    if (type == IKD_V2_PL_SK || type == IKD_V2_PL_SKF)
        w->msg->sk_next_payload = next;
}

void ikd_v2_check_payload_body(ikd_v2_walk *w, uint8_t type, uint8_t next, ikd_reader *body,
                               size_t payload_offset)
{
    switch (type) {
    case IKD_V2_PL_SA: ikd_v2_check_sa_body(w, body, payload_offset); break;
    case IKD_V2_PL_KE: check_ke(w, body, payload_offset); break;
    case IKD_V2_PL_NONCE: check_nonce(w, body, payload_offset); break;
    case IKD_V2_PL_NOTIFY: check_notify(w, body, payload_offset); break;
    case IKD_V2_PL_DELETE: check_delete(w, body, payload_offset); break;
    case IKD_V2_PL_TSI:
    case IKD_V2_PL_TSR: ikd_v2_check_traffic_selectors(w, type, body, payload_offset); break;
    case IKD_V2_PL_SKF: check_fragment(w, body, payload_offset, next); break;
    default: break;
    }
}
