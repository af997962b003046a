/* ikediag - checks on the bodies of IKEv1 payloads other than SA.
 *
 * Each checker gets a reader over exactly the payload's body (the bytes after
 * its generic header) and flags what disagrees with RFC 2407/2408/2409 and
 * the NAT-T and mode-config specifications.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/payload_checks.h"

#include "ikev1/ikev1_names.h"
#include "ikev1/sa_payload.h"

uint16_t ikd_payload_min_length(uint8_t type)
{
    switch (ikd_payload_canonical(type)) {
    case IKD_PL_SA:
        return 12; /* DOI, situation */
    case IKD_PL_PROPOSAL:
    case IKD_PL_TRANSFORM:
    case IKD_PL_ID:     /* type, protocol, port */
    case IKD_PL_ATTR:   /* type, reserved, identifier */
    case IKD_PL_NATOA:  /* ID type, 3 reserved */
    case IKD_PL_CISCO_FRAG:
        return 8;
    case IKD_PL_NOTIFY:
    case IKD_PL_DELETE:
        return 12; /* DOI, protocol, SPI size, type or count */
    case IKD_PL_NONE:
        return 4;
    default:
        return 5; /* a generic header and at least one byte of data */
    }
}

static void check_id(ikd_walk *w, ikd_reader *body, size_t payload_offset)
{
    uint8_t id_type;
    if (!ikd_read_u8(body, &id_type) || !ikd_reader_skip(body, 3))
        return;
    size_t data_len = ikd_reader_remaining(body);
    size_t want = 0;
    switch (id_type) {
    case IKD_ID_IPV4_ADDR: want = 4; break;
    case IKD_ID_IPV4_ADDR_SUBNET: case IKD_ID_IPV4_ADDR_RANGE: want = 8; break;
    case IKD_ID_IPV6_ADDR: want = 16; break;
    case IKD_ID_IPV6_ADDR_SUBNET: case IKD_ID_IPV6_ADDR_RANGE: want = 32; break;
    case IKD_ID_FQDN: case IKD_ID_USER_FQDN: case IKD_ID_DER_ASN1_DN: case IKD_ID_DER_ASN1_GN:
    case IKD_ID_KEY_ID: case IKD_ID_LIST: break;
    default:
        ikd_flag(w, IKD_F_ID_TYPE, payload_offset + 4, 1, id_type, 0, 0, 0);
        return;
    }
    if (want && data_len != want)
        ikd_flag(w, IKD_F_ID_LENGTH, payload_offset + 8, data_len, id_type, (uint32_t)data_len,
                 (uint32_t)want, 0);
}

static void check_nonce(ikd_walk *w, ikd_reader *body, size_t payload_offset)
{
    size_t n = ikd_reader_remaining(body);
    if (n < 8 || n > 256)
        ikd_flag(w, IKD_F_NONCE_LENGTH, payload_offset, n + 4, (uint32_t)n, 0, 0, 0);
}

static bool doi_is_known(uint32_t doi)
{
    return doi == IKD_DOI_ISAKMP || doi == IKD_DOI_IPSEC || doi == IKD_DOI_GDOI;
}

/* SPI sizes each protocol may carry; Notify may also send none at all. */
static bool spi_size_fits(uint8_t protocol, uint8_t spi_size, bool may_be_empty)
{
    if (may_be_empty && spi_size == 0)
        return true;
    switch (protocol) {
    case IKD_PROTO_ISAKMP: return spi_size == 0 || spi_size == 16;
    case IKD_PROTO_AH:
    case IKD_PROTO_ESP: return spi_size == 4;
    case IKD_PROTO_IPCOMP: return spi_size == 2 || spi_size == 4;
    default: return true; /* flagged as an unknown protocol instead */
    }
}

static bool protocol_is_known(uint8_t protocol)
{
    return protocol >= IKD_PROTO_ISAKMP && protocol <= IKD_PROTO_IPCOMP;
}

/* The fixed fields notification and delete payloads begin with. */
typedef struct {
    uint32_t doi;
    uint8_t protocol;
    uint8_t spi_size;
    uint16_t type_or_count; /* notify message type, or the number of SPIs deleted */
} notify_or_delete_header;

static bool read_notify_or_delete(ikd_reader *body, notify_or_delete_header *h)
{
    return ikd_read_u32(body, &h->doi) && ikd_read_u8(body, &h->protocol) && ikd_read_u8(body, &h->spi_size) &&
           ikd_read_u16(body, &h->type_or_count);
}

static void note_notify(ikd_message *msg, uint16_t type, size_t payload_offset)
{
    if (msg->notify_count < IKD_MAX_NOTIFIES) {
        msg->notify_types[msg->notify_count] = type;
        msg->notify_offsets[msg->notify_count] = (uint32_t)payload_offset;
        msg->notify_count++;
    }
}

/* The header, and the SPIs of an AH or ESP delete as far as `spis` holds them. */
static void note_delete(ikd_message *msg, const notify_or_delete_header *h, ikd_reader *spis)
{
    msg->has_delete = true;
    msg->delete_protocol = h->protocol;
    msg->delete_spi_count = h->type_or_count;
    msg->delete_spis_read = 0;
    if (h->spi_size != 4)
        return;
    ikd_reader r = *spis;
    for (uint32_t i = 0; i < h->type_or_count && i < IKD_MAX_DELETE_SPIS; i++)
        if (ikd_read_u32(&r, &msg->delete_spis[i]))
            msg->delete_spis_read = i + 1;
}

static void check_notify(ikd_walk *w, ikd_reader *body, size_t payload_offset)
{
    notify_or_delete_header h;
    if (!read_notify_or_delete(body, &h))
        return;
    uint32_t doi = h.doi;
    uint8_t protocol = h.protocol, spi_size = h.spi_size;
    note_notify(w->msg, h.type_or_count, payload_offset);
    if (!doi_is_known(doi))
        ikd_flag(w, IKD_F_DOI, payload_offset + 4, 4, doi, IKD_PL_NOTIFY, 0, 0);
    /* Protocol 0 is common in notifications that concern no SA in particular. */
    if (protocol != 0 && !protocol_is_known(protocol))
        ikd_flag(w, IKD_F_PROTOCOL_ID, payload_offset + 8, 1, protocol, IKD_PL_NOTIFY, 0, 0);
    if (spi_size > ikd_reader_remaining(body))
        ikd_flag(w, IKD_F_NOTIFY_SPI, payload_offset + 9, 1, spi_size,
                 (uint32_t)(ikd_reader_remaining(body) + 12), 0, 0);
    else if (!spi_size_fits(protocol, spi_size, true))
        ikd_flag(w, IKD_F_SPI_SIZE, payload_offset + 9, 1, protocol, spi_size, IKD_PL_NOTIFY, 0);
}

static void check_delete(ikd_walk *w, ikd_reader *body, size_t payload_offset)
{
    notify_or_delete_header h;
    if (!read_notify_or_delete(body, &h))
        return;
    uint32_t doi = h.doi;
    uint8_t protocol = h.protocol, spi_size = h.spi_size;
    uint16_t count = h.type_or_count;
    note_delete(w->msg, &h, body);
    if (!doi_is_known(doi))
        ikd_flag(w, IKD_F_DOI, payload_offset + 4, 4, doi, IKD_PL_DELETE, 0, 0);
    if (!protocol_is_known(protocol))
        ikd_flag(w, IKD_F_PROTOCOL_ID, payload_offset + 8, 1, protocol, IKD_PL_DELETE, 0, 0);
    else if (!spi_size_fits(protocol, spi_size, false) ||
             (protocol == IKD_PROTO_ISAKMP && spi_size != 16))
        ikd_flag(w, IKD_F_SPI_SIZE, payload_offset + 9, 1, protocol, spi_size, IKD_PL_DELETE, 0);
    uint64_t need = 12u + (uint64_t)spi_size * count;
    uint64_t have = ikd_reader_remaining(body) + 12u;
    if (need != have)
        ikd_flag(w, IKD_F_DELETE_SPI, payload_offset, (size_t)have, count, spi_size, (uint32_t)need,
                 (uint32_t)have);
}

static void check_nat_oa(ikd_walk *w, ikd_reader *body, size_t payload_offset, uint8_t type)
{
    uint8_t id_type;
    const uint8_t *reserved;
    if (!ikd_read_u8(body, &id_type) || !ikd_read_bytes(body, 3, &reserved))
        return;
    if (!ikd_bytes_all_zero(reserved, 3))
        ikd_flag(w, IKD_F_RESERVED_NOT_ZERO, payload_offset + 5, 3, type, 0, 0, 0);
    size_t data_len = ikd_reader_remaining(body);
    size_t want = id_type == 1 ? 4 : id_type == 5 ? 16 : 0;
    if (!want)
        ikd_flag(w, IKD_F_ID_TYPE, payload_offset + 4, 1, id_type, 0, 0, 0);
    else if (data_len != want)
        ikd_flag(w, IKD_F_ID_LENGTH, payload_offset + 8, data_len, id_type, (uint32_t)data_len,
                 (uint32_t)want, 0);
}

static void check_mode_config(ikd_walk *w, ikd_reader *body, size_t payload_offset)
{
    uint8_t cfg_type, reserved;
    uint16_t identifier;
    if (!ikd_read_u8(body, &cfg_type) || !ikd_read_u8(body, &reserved) || !ikd_read_u16(body, &identifier))
        return;
    if (reserved)
        ikd_flag(w, IKD_F_RESERVED_NOT_ZERO, payload_offset + 5, 1, IKD_PL_ATTR, 0, 0, 0);
    ikd_check_attributes(w, body);
}

static void read_cisco_fragment(ikd_walk *w, ikd_reader *body)
{
    uint8_t flags;
    ikd_message *msg = w->msg;
    if (ikd_read_u16(body, &msg->fragment_id) && ikd_read_u8(body, &msg->fragment_number) &&
        ikd_read_u8(body, &flags)) {
        msg->has_fragment = true;
        msg->fragment_last = (flags & 1) != 0;
    }
}

void ikd_read_cut_payload(ikd_walk *w, uint8_t type, ikd_reader *captured, size_t payload_offset)
{
    notify_or_delete_header h;
    switch (type) {
    case IKD_PL_CISCO_FRAG: read_cisco_fragment(w, captured); break;
    case IKD_PL_NOTIFY:
        if (read_notify_or_delete(captured, &h))
            note_notify(w->msg, h.type_or_count, payload_offset);
        break;
    case IKD_PL_DELETE:
        if (read_notify_or_delete(captured, &h))
            note_delete(w->msg, &h, captured);
        break;
    default: break;
    }
}

void ikd_check_payload_body(ikd_walk *w, uint8_t type, ikd_reader *body, size_t payload_offset)
{
    switch (type) {
    case IKD_PL_CISCO_FRAG: read_cisco_fragment(w, body); break;
    case IKD_PL_SA: ikd_check_sa_body(w, body, payload_offset); break;
    case IKD_PL_ID: check_id(w, body, payload_offset); break;
    case IKD_PL_NONCE: check_nonce(w, body, payload_offset); break;
    case IKD_PL_NOTIFY: check_notify(w, body, payload_offset); break;
    case IKD_PL_DELETE: check_delete(w, body, payload_offset); break;
    case IKD_PL_ATTR: check_mode_config(w, body, payload_offset); break;
    case IKD_PL_NATOA:
    case IKD_PL_NATOA_DRAFT: check_nat_oa(w, body, payload_offset, type); break;
    /* 15 and 16 are NAT-D/NAT-OA only in early-draft NAT-T (GDOI reuses the
     * numbers for SAK/SAT), so their bodies are left alone. */
    default: break;
    }
}
