/* ikediag - the IKEv2 SA payload: proposals and transforms.
 *
 * Proposals and transforms are substructures chained inside the SA payload
 * (RFC 7296 3.3): each says whether another of its kind follows (2 or 3,
 * 0 for the last), and the lengths must nest exactly. The first SA payload
 * of a message is kept in the view (msg->sa) for the stages above.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/sa_payload.h"

#include "ikev2/ikev2_names.h"
#include "ikev2/transform.h"

#include <string.h>

enum { SUBSTRUCTURE_MIN = 8 };

typedef struct {
    uint8_t last; /* 0: the last; else what follows */
    uint8_t reserved;
    uint16_t length;
    size_t offset;
    ikd_reader body;
} substructure;

/* Walk state of one SA payload. */
typedef struct {
    ikd_v2_walk *w;
    ikd_v2_sa_payload *keep; /* msg->sa when this is the message's first SA payload, else NULL */
    uint8_t due;     /* the proposal number expected next; 0 before the first */
} sa_walk;

/* Reads one substructure header and carves its body; false, having flagged
 * why, when the chain cannot go on. */
static bool read_substructure(ikd_v2_walk *w, ikd_reader *parent, uint8_t type, substructure *out)
{
    out->offset = ikd_reader_offset(parent);
    size_t left = ikd_reader_remaining(parent);
    if (!ikd_read_u8(parent, &out->last) || !ikd_read_u8(parent, &out->reserved) ||
        !ikd_read_u16(parent, &out->length)) {
        ikd_v2_flag(w, IKD_F_SA_TRAILING, out->offset, left, (uint32_t)left, type, 0, 0);
        return false;
    }
    if (out->length < SUBSTRUCTURE_MIN) {
        ikd_v2_flag(w, IKD_F_PAYLOAD_TOO_SHORT, out->offset, 4, type, out->length, SUBSTRUCTURE_MIN, 0);
        return false;
    }
    if (!ikd_reader_sub(parent, out->length - 4u, &out->body)) {
        ikd_v2_flag(w, IKD_F_PAYLOAD_OVERRUN, out->offset, left, type, out->length, (uint32_t)left, 0);
        return false;
    }
    if (out->reserved)
        ikd_v2_flag(w, IKD_F_RESERVED_NOT_ZERO, out->offset + 1, 1, type, 0, 0, 0);
    return true;
}

/* After one substructure: true if another of the same kind follows. */
static bool chain_continues(ikd_v2_walk *w, ikd_reader *parent, const substructure *s, uint8_t type)
{
    size_t left = ikd_reader_remaining(parent);
    if (s->last == IKD_V2_PL_NONE) {
        if (left)
            ikd_v2_flag(w, IKD_F_SA_TRAILING, ikd_reader_offset(parent), left, (uint32_t)left, type, 0, 0);
        return false;
    }
    if (s->last != type) {
        ikd_v2_flag(w, IKD_F_SA_CHAIN, s->offset, 1, type, s->last, type, 0);
        return false;
    }
    if (!left) {
        ikd_v2_flag(w, IKD_F_CHAIN_CUT, s->offset, 1, type, 0, 0, 0);
        return false;
    }
    return true;
}

static void keep_transform(ikd_v2_sa_payload *sa, ikd_v2_proposal *p, const ikd_v2_transform *t)
{
    sa->transforms_seen++;
    if (!p || sa->transform_count >= IKD_V2_MAX_TRANSFORMS)
        return;
    sa->transforms[sa->transform_count++] = *t;
    p->transform_count++;
}

/* Returns how many transforms the proposal actually holds. */
static uint32_t walk_transforms(sa_walk *s, ikd_reader *proposal, uint8_t number, ikd_v2_proposal *kept)
{
    uint32_t count = 0;
    substructure t;
    while (ikd_reader_remaining(proposal) && read_substructure(s->w, proposal, IKD_V2_PL_TRANSFORM, &t)) {
        ikd_v2_transform transform;
        count++;
        if (ikd_v2_check_transform(s->w, &t.body, t.offset, number, &transform) && s->keep)
            keep_transform(s->keep, kept, &transform);
        if (!chain_continues(s->w, proposal, &t, IKD_V2_PL_TRANSFORM))
            break;
    }
    return count;
}

/* SPI sizes by protocol (RFC 7296 3.3.1): none for the IKE SA being set up
 * by IKE_SA_INIT, its 8-byte SPI when CREATE_CHILD_SA rekeys it, 4 for AH
 * and ESP. */
static bool spi_size_fits(uint8_t exchange, uint8_t protocol, uint8_t spi_size)
{
    if (protocol == IKD_V2_PROTO_IKE)
        return exchange == IKD_V2_EX_SA_INIT ? spi_size == 0 : (spi_size == 0 || spi_size == 8);
    return spi_size == 4;
}

/* An offer numbers its proposals 1, 2, 3 ...; a choice repeats the number
 * of the proposal it took, so only its first is free (but not 0). */
static void check_number(sa_walk *s, uint8_t number, size_t offset)
{
    uint8_t due = s->due ? s->due : 1;
    bool free_first = !s->due && s->w->msg->response;
    if (free_first ? number == 0 : number != due)
        ikd_v2_flag(s->w, IKD_F_V2_PROPOSAL_NUMBERING, offset, 1, number, due, 0, 0);
    s->due = (uint8_t)(number + 1);
}

static ikd_v2_proposal *keep_proposal(sa_walk *s, uint8_t number, uint8_t protocol, uint8_t spi_size,
                                      uint8_t announced, const uint8_t *spi)
{
    if (!s->keep)
        return NULL;
    s->keep->proposals_seen++;
    if (s->keep->proposal_count >= IKD_V2_MAX_PROPOSALS)
        return NULL;
    ikd_v2_proposal *p = &s->keep->proposals[s->keep->proposal_count++];
    memset(p, 0, sizeof *p);
    p->number = number;
    p->protocol = protocol;
    p->spi_size = spi_size;
    memcpy(p->spi, spi, spi_size < IKD_V2_MAX_SPI ? spi_size : IKD_V2_MAX_SPI);
    p->first_transform = s->keep->transform_count;
    p->transforms_announced = announced;
    return p;
}

static void check_proposal(sa_walk *s, substructure *p)
{
    ikd_v2_walk *w = s->w;
    uint8_t number, protocol, spi_size, announced;
    const uint8_t *spi;
    if (!ikd_read_u8(&p->body, &number) || !ikd_read_u8(&p->body, &protocol) ||
        !ikd_read_u8(&p->body, &spi_size) || !ikd_read_u8(&p->body, &announced))
        return;
    check_number(s, number, p->offset + 4);
    bool known = protocol >= IKD_V2_PROTO_IKE && protocol <= IKD_V2_PROTO_ESP;
    if (!known)
        ikd_v2_flag(w, IKD_F_PROTOCOL_ID, p->offset + 5, 1, protocol, IKD_V2_PL_PROPOSAL, 0, 0);
    else if (!spi_size_fits(w->msg->exchange, protocol, spi_size))
        ikd_v2_flag(w, IKD_F_SPI_SIZE, p->offset + 6, 1, protocol, spi_size, IKD_V2_PL_PROPOSAL, 0);
    if (!ikd_read_bytes(&p->body, spi_size, &spi)) {
        ikd_v2_flag(w, IKD_F_PAYLOAD_TOO_SHORT, p->offset, p->length, IKD_V2_PL_PROPOSAL, p->length,
                    8u + spi_size, 0);
        return;
    }
    ikd_v2_proposal *kept = keep_proposal(s, number, protocol, spi_size, announced, spi);
    uint32_t actual = walk_transforms(s, &p->body, number, kept);
    if (actual != announced)
        ikd_v2_flag(w, IKD_F_TRANSFORM_COUNT, p->offset + 7, 1, number, announced, actual, 0);
}

void ikd_v2_check_sa_body(ikd_v2_walk *w, ikd_reader *body, size_t payload_offset)
{
    sa_walk s = { w, NULL, 0 };
    if (!w->msg->sa.present) {
        s.keep = &w->msg->sa;
        s.keep->present = true;
        s.keep->offset = (uint32_t)payload_offset;
    }
    if (!ikd_reader_remaining(body))
        ikd_v2_flag(w, IKD_F_SA_EMPTY, payload_offset, 4, 0, 0, 0, 0);
    uint32_t findings_before = w->msg->findings.count + w->msg->findings.dropped;
    substructure p;
    while (ikd_reader_remaining(body) && read_substructure(w, body, IKD_V2_PL_PROPOSAL, &p)) {
        check_proposal(&s, &p);
        if (!chain_continues(w, body, &p, IKD_V2_PL_PROPOSAL))
            break;
    }
    if (s.keep)
        s.keep->malformed = w->msg->findings.count + w->msg->findings.dropped != findings_before;
}

const ikd_v2_transform *ikd_v2_proposal_transform(const ikd_v2_message *msg, size_t p, uint8_t type)
{
    if (p >= msg->sa.proposal_count)
        return NULL;
    const ikd_v2_proposal *proposal = &msg->sa.proposals[p];
    for (size_t i = 0; i < proposal->transform_count; i++) {
        const ikd_v2_transform *t = &msg->sa.transforms[proposal->first_transform + i];
        if (t->type == type)
            return t;
    }
    return NULL;
}

typedef struct {
    uint8_t type;
    uint16_t id;
    bool found;
} transform_search;

static void match_transform(void *context, const ikd_v2_proposal *proposal, const ikd_v2_transform *t)
{
    (void)proposal;
    transform_search *search = context;
    if (t->type == search->type && t->id == search->id)
        search->found = true;
}

bool ikd_v2_sa_offers(const ikd_v2_message *msg, uint8_t type, uint16_t id)
{
    transform_search search = { type, id, false };
    ikd_v2_sa_visit(msg, match_transform, &search);
    return search.found;
}

void ikd_v2_sa_visit(const ikd_v2_message *msg, ikd_v2_transform_visitor *visit, void *context)
{
    for (size_t p = 0; p < msg->sa.proposal_count; p++) {
        const ikd_v2_proposal *proposal = &msg->sa.proposals[p];
        for (size_t i = 0; i < proposal->transform_count; i++)
            visit(context, proposal, &msg->sa.transforms[proposal->first_transform + i]);
    }
}
