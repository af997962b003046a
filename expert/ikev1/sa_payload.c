/* ikediag - the SA payload: DOI, situation, proposals, transforms.
 *
 * Proposals and transforms form a chain of their own inside the SA payload
 * (RFC 2408 3.4-3.6): each must say whether another of its kind follows, and
 * the lengths must nest exactly.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/sa_payload.h"

#include "ikev1/ikev1_names.h"

typedef struct {
    uint8_t next;
    uint8_t reserved;
    uint16_t length;
    size_t offset;
    ikd_reader body;
} sub_payload;

/* Reads one proposal or transform header and carves its body. Returns false,
 * having flagged why, when the chain cannot go on. */
static bool read_sub_payload(ikd_walk *w, ikd_reader *parent, uint8_t type, sub_payload *out)
{
    out->offset = ikd_reader_offset(parent);
    size_t left = ikd_reader_remaining(parent);
    if (!ikd_read_u8(parent, &out->next) || !ikd_read_u8(parent, &out->reserved) ||
        !ikd_read_u16(parent, &out->length)) {
        ikd_flag(w, IKD_F_SA_TRAILING, out->offset, left, (uint32_t)left, type, 0, 0);
        return false;
    }
    if (out->length < 8) {
        ikd_flag(w, IKD_F_PAYLOAD_TOO_SHORT, out->offset, 4, type, out->length, 8, 0);
        return false;
    }
    if (!ikd_reader_sub(parent, out->length - 4u, &out->body)) {
        ikd_flag(w, IKD_F_PAYLOAD_OVERRUN, out->offset, left, type, out->length, (uint32_t)left, 0);
        return false;
    }
    if (out->reserved)
        ikd_flag(w, IKD_F_RESERVED_NOT_ZERO, out->offset + 1, 1, type, 0, 0, 0);
    return true;
}

/* After one sub-payload: true if another of the same type follows. */
static bool chain_continues(ikd_walk *w, ikd_reader *parent, const sub_payload *p, uint8_t type)
{
    if (p->next == IKD_PL_NONE) {
        size_t left = ikd_reader_remaining(parent);
        if (left)
            ikd_flag(w, IKD_F_SA_TRAILING, ikd_reader_offset(parent), left, (uint32_t)left, type, 0, 0);
        return false;
    }
    if (p->next != type) {
        ikd_flag(w, IKD_F_SA_CHAIN, p->offset, 1, type, p->next, type, 0);
        return false;
    }
    if (!ikd_reader_remaining(parent)) {
        ikd_flag(w, IKD_F_CHAIN_CUT, p->offset, 1, type, 0, 0, 0);
        return false;
    }
    return true;
}

/* Returns how many transforms the proposal actually holds. */
static uint32_t check_transforms(ikd_walk *w, ikd_reader *proposal, uint8_t protocol, uint8_t proposal_number)
{
    uint8_t seen[256 / 8] = { 0 };
    uint32_t count = 0;
    sub_payload t;
    while (ikd_reader_remaining(proposal)) {
        if (!read_sub_payload(w, proposal, IKD_PL_TRANSFORM, &t))
            break;
        uint8_t number, id;
        uint16_t reserved2;
        count++;
        if (ikd_read_u8(&t.body, &number) && ikd_read_u8(&t.body, &id) && ikd_read_u16(&t.body, &reserved2)) {
            if (reserved2)
                ikd_flag(w, IKD_F_RESERVED_NOT_ZERO, t.offset + 6, 2, IKD_PL_TRANSFORM, 0, 0, 0);
            if (protocol == IKD_PROTO_ISAKMP && id != IKD_TRANSFORM_KEY_IKE)
                ikd_flag(w, IKD_F_TRANSFORM_ID, t.offset + 5, 1, id, 0, 0, 0);
            if (seen[number / 8] & (1u << (number % 8)))
                ikd_flag(w, IKD_F_TRANSFORM_NUMBERING, t.offset + 4, 1, number, proposal_number, 0, 0);
            seen[number / 8] |= (uint8_t)(1u << (number % 8));
            ikd_check_attributes(w, &t.body);
        }
        if (!chain_continues(w, proposal, &t, IKD_PL_TRANSFORM))
            break;
    }
    return count;
}

static void check_proposal(ikd_walk *w, sub_payload *p, uint8_t *previous_number, bool first,
                           ikd_sa_shape *shape)
{
    uint8_t number, protocol, spi_size, announced;
    if (!ikd_read_u8(&p->body, &number) || !ikd_read_u8(&p->body, &protocol) ||
        !ikd_read_u8(&p->body, &spi_size) || !ikd_read_u8(&p->body, &announced))
        return;
    if (!first && number < *previous_number)
        ikd_flag(w, IKD_F_PROPOSAL_NUMBERING, p->offset + 4, 1, number, *previous_number, 0, 0);
    *previous_number = number;
    bool known = protocol >= IKD_PROTO_ISAKMP && protocol <= IKD_PROTO_IPCOMP;
    if (!known)
        ikd_flag(w, IKD_F_PROTOCOL_ID, p->offset + 5, 1, protocol, IKD_PL_PROPOSAL, 0, 0);
    bool spi_ok = protocol == IKD_PROTO_ISAKMP   ? (spi_size == 0 || spi_size == 16)
                  : protocol == IKD_PROTO_IPCOMP ? (spi_size == 2 || spi_size == 4)
                  : !known || spi_size == 4;
    if (!spi_ok)
        ikd_flag(w, IKD_F_SPI_SIZE, p->offset + 6, 1, protocol, spi_size, IKD_PL_PROPOSAL, 0);
    if (!ikd_reader_skip(&p->body, spi_size)) {
        ikd_flag(w, IKD_F_PAYLOAD_TOO_SHORT, p->offset, p->length, IKD_PL_PROPOSAL, p->length,
                 8u + spi_size, 0);
        return;
    }
    uint32_t actual = check_transforms(w, &p->body, protocol, number);
    if (actual != announced)
        ikd_flag(w, IKD_F_TRANSFORM_COUNT, p->offset + 7, 1, number, announced, actual, 0);
    shape->proposals++;
    shape->transforms = (uint16_t)(shape->transforms + actual);
}

void ikd_check_sa_body(ikd_walk *w, ikd_reader *body, size_t payload_offset)
{
    uint32_t doi, situation;
    if (!ikd_read_u32(body, &doi) || !ikd_read_u32(body, &situation))
        return;
    if (doi == IKD_DOI_GDOI)
        return; /* GDOI (GET VPN) SA payloads carry KEK/TEK payloads, not proposals */
    if (doi != IKD_DOI_IPSEC) {
        ikd_flag(w, IKD_F_DOI, payload_offset + 4, 4, doi, IKD_PL_SA, 0, 0);
        return;
    }
    if (situation != IKD_SIT_IDENTITY_ONLY) {
        /* Secrecy/integrity situations add labels whose layout we would have
         * to trust to find the proposals; no common stack sends them. */
        ikd_flag(w, IKD_F_SITUATION, payload_offset + 8, 4, situation, 0, 0, 0);
        return;
    }
    if (!ikd_reader_remaining(body))
        ikd_flag(w, IKD_F_SA_EMPTY, payload_offset, 12, 0, 0, 0, 0);
    ikd_sa_shape shape = { 0, 0 };
    uint8_t previous_number = 0;
    bool first = true;
    sub_payload p;
    while (ikd_reader_remaining(body) && read_sub_payload(w, body, IKD_PL_PROPOSAL, &p)) {
        check_proposal(w, &p, &previous_number, first, &shape);
        first = false;
        if (!chain_continues(w, body, &p, IKD_PL_PROPOSAL))
            break;
    }
    if (!w->sa_shape_taken) {
        w->msg->sa = shape; /* the message's first SA payload is the one that matters */
        w->sa_shape_taken = true;
    }
}
