/* ikediag - IKEv2 rekeys: what a CREATE_CHILD_SA rekeys, collisions, and
 * what the new IKE SA inherits.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/rekey.h"

#include "ikev2/ikev2_names.h"

#include <string.h>

enum { IKE_SPI = 8 };

/* An SA proposal for protocol IKE with an 8-byte SPI. */
static const ikd_v2_proposal *ike_proposal(const ikd_v2_message *view)
{
    const ikd_v2_proposal *p = view->sa.present && view->sa.proposal_count ? &view->sa.proposals[0] : NULL;
    return p && p->protocol == IKD_V2_PROTO_IKE && p->spi_size == IKE_SPI ? p : NULL;
}

/* Both rekey the IKE SA, or the same child: each peer's N(REKEY_SA) names
 * the child by its own inbound SPI, so two different SPIs may be one child. */
static bool same_target(const ikd_v2_sa *v2, const ikd_v2_exchange *a, const ikd_v2_exchange *b)
{
    if (a->rekeys != b->rekeys)
        return false;
    uint32_t spi_a = ikd_v2_rekey_of(v2, a)->child_spi, spi_b = ikd_v2_rekey_of(v2, b)->child_spi;
    if (a->rekeys == IKD_V2_REKEYS_IKE || spi_a == spi_b)
        return true;
    const ikd_v2_child *c = ikd_v2_child_by_spi(v2, spi_a);
    return c && c == ikd_v2_child_by_spi(v2, spi_b);
}

/* The other peer's rekey of the same SA, requested and not yet answered
 * when x's request came: both started before either saw the other's. Only
 * the rekey requests still open are looked at; those answered since leave
 * the list here. */
static uint32_t colliding_request(ikd_v2_sa *v2, const ikd_v2_exchange *x)
{
    GPtrArray *open = ikd_v2_rare_seen(v2)->open_rekeys;
    uint32_t found = 0;
    guint kept = 0;
    for (guint i = 0; open && i < open->len; i++) {
        ikd_v2_exchange *e = g_ptr_array_index(open, i);
        if (e->response.copies) {
            e->rekey_listed = false;
            continue;
        }
        open->pdata[kept++] = e;
        if (!found && e != x && e->requester != x->requester && e->rekeys && same_target(v2, e, x))
            found = e->request.first_frame;
    }
    if (open)
        g_ptr_array_set_size(open, kept);
    return found;
}

/* x, a rekey request just read, into its SA's open rekey requests. */
static void list_open_rekey(ikd_v2_sa *v2, ikd_v2_exchange *x)
{
    if (x->rekey_listed || x->response.copies)
        return;
    ikd_v2_rare *rare = ikd_v2_rare_of(v2);
    if (!rare->open_rekeys)
        rare->open_rekeys = g_ptr_array_new();
    g_ptr_array_add(rare->open_rekeys, x);
    x->rekey_listed = true;
}

bool ikd_v2_rekey_request(ikd_v2_sa *v2, ikd_v2_exchange *x, const ikd_v2_body *m)
{
    const ikd_v2_proposal *ike = ike_proposal(m->view);
    uint32_t child_spi = ike ? 0 : ikd_v2_child_rekeyed_spi(m);
    x->rekeys = ike ? IKD_V2_REKEYS_IKE : child_spi ? IKD_V2_REKEYS_CHILD : 0;
    if (!x->rekeys)
        return false; /* a new child SA: nothing rekeyed */
    ikd_v2_rekey *r = ikd_v2_rekey_record(v2, x);
    if (ike)
        memcpy(r->new_ike_spi[0], ike->spi, IKE_SPI);
    else
        r->child_spi = child_spi;
    r->collides_with = colliding_request(v2, x);
    list_open_rekey(v2, x);
    return ike != NULL;
}

bool ikd_v2_rekey_response(ikd_v2_sa *v2, ikd_v2_exchange *x, const ikd_v2_body *m)
{
    const ikd_v2_proposal *ike = ike_proposal(m->view);
    if (!ike)
        return x->rekeys == IKD_V2_REKEYS_IKE; /* refused: no new IKE SA, and no child either */
    x->rekeys = IKD_V2_REKEYS_IKE; /* also when the request was not read */
    ikd_v2_rekey *r = ikd_v2_rekey_record(v2, x);
    memcpy(r->new_ike_spi[1], ike->spi, IKE_SPI);
    r->new_ike_answered = true;
    if (ikd_v2_ike_transforms_read(&m->view->sa, &r->new_ike) && !r->new_ike.dh && m->view->has_ke)
        r->new_ike.dh = m->view->ke_group; /* the group the rekey's KE exchange used */
    return true;
}

bool ikd_v2_rekey_made(const ikd_v2_sa *v2, const ikd_v2_exchange *x, const uint8_t spi_i[8],
                       const uint8_t spi_r[8])
{
    const ikd_v2_rekey *r = ikd_v2_rekey_of(v2, x);
    return x->rekeys == IKD_V2_REKEYS_IKE && r->new_ike_answered && !memcmp(r->new_ike_spi[0], spi_i, IKE_SPI) &&
           !memcmp(r->new_ike_spi[1], spi_r, IKE_SPI);
}

const ikd_v2_exchange *ikd_v2_rekey_that_made(const ikd_v2_sa *old, const uint8_t spi_i[8], const uint8_t spi_r[8])
{
    for (uint32_t i = 0; i < ikd_v2_exchange_count(old); i++) {
        const ikd_v2_exchange *x = ikd_v2_exchange_at(old, i);
        if (ikd_v2_rekey_made(old, x, spi_i, spi_r))
            return x;
    }
    return NULL;
}

uint64_t ikd_v2_spi_pair_key(const uint8_t spi_i[8], const uint8_t spi_r[8])
{
    uint8_t pair[2 * IKE_SPI];
    memcpy(pair, spi_i, IKE_SPI);
    memcpy(pair + IKE_SPI, spi_r, IKE_SPI);
    return ikd_bytes_hash(pair, sizeof pair);
}

void ikd_v2_inherit(ikd_v2_sa *fresh, ikd_v2_sa *old, const ikd_v2_exchange *x)
{
    bool swap = x->requester == 1;
    const ikd_v2_chosen *o = &old->chosen;
    ikd_v2_chosen *c = &fresh->chosen;
    const ikd_v2_rekey *r = ikd_v2_rekey_of(old, x);
    if (r->new_ike.known)
        c->ike = r->new_ike;
    for (int side = 0; side < 2; side++) {
        int to = swap ? 1 - side : side;
        c->init_read[to] = o->init_read[side];
        c->fragmentation[to] = o->fragmentation[side];
        c->natd_read[to] = o->natd_read[side];
        c->auth_method[to] = o->auth_method[side];
        c->eap[to] = o->eap[side];
        ikd_v2_set_identity(c, to, ikd_v2_identity(o, side));
        if (old->sa.nat_behind & 1u << side)
            fresh->sa.nat_behind |= 1u << to;
    }
    ikd_v2_children_move(fresh, old, swap);
}
