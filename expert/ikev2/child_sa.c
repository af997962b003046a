/* ikediag - IKEv2 child SAs.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/child_sa.h"

#include "core/byte_reader.h"
#include "ikev2/ikev2_names.h"

#include <stdio.h>
#include <string.h>

enum { GENERIC_HEADER = 4, TS_HEADER = 4, SELECTOR_HEADER = 8, DELETE_HEADER = 4, ESP_SPI = 4 };
enum { N_IPCOMP_SUPPORTED = 16387, N_USE_TRANSPORT_MODE = 16391 }; /* RFC 7296 3.10.1 */

uint32_t ikd_v2_child_count(const ikd_v2_sa *v2)
{
    const GPtrArray *children = ikd_v2_rare_seen(v2)->children;
    return children ? children->len : 0;
}

const ikd_v2_child *ikd_v2_child_at(const ikd_v2_sa *v2, uint32_t index)
{
    return index < ikd_v2_child_count(v2) ? g_ptr_array_index(ikd_v2_rare_seen(v2)->children, index) : NULL;
}

/* The SA's child at index (below ikd_v2_child_count), to change. */
static ikd_v2_child *child(const ikd_v2_sa *v2, uint32_t index)
{
    return g_ptr_array_index(ikd_v2_rare_seen(v2)->children, index);
}

/* Adds a child at the end of the SA's, making the list with the first:
 * only decrypted SAs have children, and an empty list on every other SA
 * was two allocations each. */
static void add_child(ikd_v2_sa *v2, ikd_v2_child *c)
{
    ikd_v2_rare *rare = ikd_v2_rare_of(v2);
    if (!rare->children)
        rare->children = g_ptr_array_new_with_free_func(g_free);
    g_ptr_array_add(rare->children, c);
}

uint32_t ikd_v2_children_up(const ikd_v2_sa *v2)
{
    uint32_t up = 0;
    for (uint32_t i = 0; i < ikd_v2_child_count(v2); i++)
        up += ikd_v2_child_at(v2, i)->frame && !ikd_v2_child_at(v2, i)->error;
    return up;
}

static uint32_t spi_value(const ikd_v2_proposal *p)
{
    if (p->spi_size != ESP_SPI)
        return 0;
    return (uint32_t)p->spi[0] << 24 | (uint32_t)p->spi[1] << 16 | (uint32_t)p->spi[2] << 8 | p->spi[3];
}

/* The first proposal of the message's SA payload, if it is for ESP or AH. */
static const ikd_v2_proposal *child_proposal(const ikd_v2_message *m)
{
    if (!m->sa.present || !m->sa.proposal_count)
        return NULL;
    const ikd_v2_proposal *p = &m->sa.proposals[0];
    return p->protocol == IKD_V2_PROTO_ESP || p->protocol == IKD_V2_PROTO_AH ? p : NULL;
}

bool ikd_v2_ts_read(const ikd_v2_body *m, const ikd_v2_payload_ref *ts, ikd_v2_ts *out)
{
    memset(out, 0, sizeof *out);
    if (!ts || ts->offset > m->len)
        return false;
    ikd_reader r = ikd_reader_make(m->bytes + ts->offset, m->len - ts->offset, ts->offset);
    uint8_t type, protocol;
    uint16_t length;
    if (!ikd_reader_skip(&r, GENERIC_HEADER + TS_HEADER) || !ikd_read_u8(&r, &type) ||
        !ikd_read_u8(&r, &protocol) || !ikd_read_u16(&r, &length))
        return false;
    size_t address = type == IKD_V2_TS_IPV4 ? 4 : type == IKD_V2_TS_IPV6 ? 16 : 0;
    const uint8_t *start, *end;
    if (!address || length != SELECTOR_HEADER + 2 * address || !ikd_read_u16(&r, &out->start_port) ||
        !ikd_read_u16(&r, &out->end_port) || !ikd_read_bytes(&r, address, &start) ||
        !ikd_read_bytes(&r, address, &end))
        return false;
    out->family = address == 4 ? 4 : 6;
    out->protocol = protocol;
    memcpy(out->start, start, address);
    memcpy(out->end, end, address);
    return true;
}

static void read_selectors(ikd_v2_child *c, const ikd_v2_body *m)
{
    ikd_v2_ts tsi, tsr;
    if (ikd_v2_ts_read(m, ikd_v2_message_payload(m->view, IKD_V2_PL_TSI), &tsi))
        c->ts[0] = tsi;
    if (ikd_v2_ts_read(m, ikd_v2_message_payload(m->view, IKD_V2_PL_TSR), &tsr))
        c->ts[1] = tsr;
}

static void read_transforms(ikd_v2_child *c, const ikd_v2_message *m, const ikd_v2_proposal *p)
{
    for (uint16_t i = 0; i < p->transform_count && p->first_transform + i < m->sa.transform_count; i++) {
        const ikd_v2_transform *t = &m->sa.transforms[p->first_transform + i];
        if (t->type == IKD_V2_TT_ENCR) {
            c->encryption = t->id;
            c->key_length = t->key_length;
        } else if (t->type == IKD_V2_TT_INTEG) {
            c->integrity = t->id;
        } else if (t->type == IKD_V2_TT_DH) {
            c->dh_group = t->id;
        } else if (t->type == IKD_V2_TT_ESN) {
            c->esn = t->id == 1;
        }
    }
}

uint32_t ikd_v2_child_rekeyed_spi(const ikd_v2_body *m)
{
    const ikd_v2_notify *n = ikd_v2_message_notify(m->view, IKD_V2_N_REKEY_SA);
    if (!n || n->spi_size != ESP_SPI || n->offset > m->len)
        return 0;
    ikd_reader r = ikd_reader_make(m->bytes + n->offset, m->len - n->offset, n->offset);
    uint32_t spi = 0;
    return ikd_reader_skip(&r, GENERIC_HEADER + 4) && ikd_read_u32(&r, &spi) ? spi : 0;
}

/* The first child in order with an SPI owns it in the table: filed in
 * order, a child never meets a later owner. */
static void own_spi(GHashTable *table, ikd_v2_child *c, uint32_t spi)
{
    if (spi && !g_hash_table_contains(table, GUINT_TO_POINTER(spi)))
        g_hash_table_insert(table, GUINT_TO_POINTER(spi), c);
}

/* Forgets an SA's table of children by SPI: its children changed places, or
 * an SPI's owner must be worked out again. */
static void forget_spis(ikd_v2_sa *v2)
{
    if (v2->rare && v2->rare->child_by_spi) {
        g_hash_table_destroy(v2->rare->child_by_spi);
        v2->rare->child_by_spi = NULL;
    }
}

/* A child's SPI, once known, into the SA's table when it has one. The
 * newest child's is filed in order; an SPI learnt later (a response's) that
 * another child filed already (the two peers choose their SPIs apart, so
 * they may meet) is settled by building the table again, in order, when
 * next needed. */
static void file_spi(ikd_v2_sa *v2, ikd_v2_child *c, uint32_t spi, bool newest)
{
    GHashTable *table = ikd_v2_rare_seen(v2)->child_by_spi;
    if (!spi || !table)
        return;
    ikd_v2_child *owner = g_hash_table_lookup(table, GUINT_TO_POINTER(spi));
    if (!owner || newest)
        own_spi(table, c, spi);
    else if (owner != c)
        forget_spis(v2);
}

void ikd_v2_child_request(ikd_v2_sa *v2, int requester, const ikd_v2_body *m, uint32_t frame)
{
    const ikd_v2_proposal *p = child_proposal(m->view);
    if (!p)
        return;
    ikd_v2_child *c = g_new0(ikd_v2_child, 1);
    c->request_frame = frame;
    c->requester = requester;
    c->protocol = p->protocol;
    c->spi[requester] = spi_value(p);
    c->rekeys_spi = ikd_v2_child_rekeyed_spi(m);
    c->transport = ikd_v2_message_notify(m->view, N_USE_TRANSPORT_MODE) != NULL;
    c->ipcomp = ikd_v2_message_notify(m->view, N_IPCOMP_SUPPORTED) != NULL;
    read_selectors(c, m);
    add_child(v2, c);
    file_spi(v2, c, c->spi[requester], true);
}

static ikd_v2_child *pending(ikd_v2_sa *v2, int requester)
{
    for (guint i = ikd_v2_child_count(v2); i-- > 0;) {
        ikd_v2_child *c = child(v2, i);
        if (c->requester == requester && !c->frame)
            return c;
    }
    return NULL;
}

/* The first child with this SPI on either side, or NULL. Walked while the
 * SA has few children; past them through a table (each rekey response and
 * each SPI a DELETE names walked every child the SA ever had, rekeyed and
 * deleted ones included). */
static ikd_v2_child *by_spi(ikd_v2_sa *v2, uint32_t spi)
{
    if (!spi)
        return NULL;
    if (ikd_v2_child_count(v2) < IKD_KEYED_ITEMS_WALKED) {
        for (guint i = 0; i < ikd_v2_child_count(v2); i++) {
            ikd_v2_child *c = child(v2, i);
            if (c->spi[0] == spi || c->spi[1] == spi)
                return c;
        }
        return NULL;
    }
    ikd_v2_rare *rare = v2->rare; /* made with the children */
    if (!rare->child_by_spi) {
        rare->child_by_spi = g_hash_table_new(g_direct_hash, g_direct_equal);
        for (guint i = 0; i < ikd_v2_child_count(v2); i++) {
            ikd_v2_child *c = child(v2, i);
            own_spi(rare->child_by_spi, c, c->spi[0]);
            own_spi(rare->child_by_spi, c, c->spi[1]);
        }
    }
    return g_hash_table_lookup(rare->child_by_spi, GUINT_TO_POINTER(spi));
}

const ikd_v2_child *ikd_v2_child_by_spi(const ikd_v2_sa *v2, uint32_t spi)
{
    return by_spi((ikd_v2_sa *)v2, spi);
}

bool ikd_v2_child_current(const ikd_v2_child *c)
{
    return c->frame && !c->error && !c->rekeyed_frame && !c->deleted_frame;
}

void ikd_v2_children_move(ikd_v2_sa *to, ikd_v2_sa *from, bool swap)
{
    forget_spis(to);
    forget_spis(from);
    for (guint i = 0; i < ikd_v2_child_count(from);) {
        ikd_v2_child *c = child(from, i);
        if (!c->frame || c->error || c->deleted_frame) {
            i++;
            continue;
        }
        g_ptr_array_steal_index(from->rare->children, i);
        if (swap) {
            uint32_t spi = c->spi[0];
            c->spi[0] = c->spi[1];
            c->spi[1] = spi;
            c->requester = 1 - c->requester;
        }
        add_child(to, c);
    }
}

void ikd_v2_child_response(ikd_v2_sa *v2, int requester, const ikd_v2_body *m, uint16_t error, uint32_t frame)
{
    ikd_v2_child *c = pending(v2, requester);
    const ikd_v2_proposal *p = child_proposal(m->view);
    if (!c || (!p && !error))
        return; /* no child asked for, or none in this answer (an EAP round) */
    c->frame = frame;
    c->error = error;
    if (error)
        return;
    c->spi[1 - requester] = spi_value(p);
    file_spi(v2, c, c->spi[1 - requester], false);
    read_transforms(c, m->view, p);
    read_selectors(c, m);
    /* Both sides must ask for them (RFC 7296 1.3.1, 2.22). */
    c->transport = c->transport && ikd_v2_message_notify(m->view, N_USE_TRANSPORT_MODE) != NULL;
    c->ipcomp = c->ipcomp && ikd_v2_message_notify(m->view, N_IPCOMP_SUPPORTED) != NULL;
    ikd_v2_child *old = c->rekeys_spi ? by_spi(v2, c->rekeys_spi) : NULL;
    if (old && old != c)
        old->rekeyed_frame = frame;
}

void ikd_v2_child_delete(ikd_v2_sa *v2, const ikd_v2_body *m, uint32_t frame)
{
    const ikd_v2_payload_ref *d = ikd_v2_message_payload(m->view, IKD_V2_PL_DELETE);
    if (!d || d->offset > m->len || m->view->delete_spi_size != ESP_SPI)
        return;
    ikd_reader r = ikd_reader_make(m->bytes + d->offset, m->len - d->offset, d->offset);
    if (!ikd_reader_skip(&r, GENERIC_HEADER + DELETE_HEADER))
        return;
    for (uint16_t i = 0; i < m->view->delete_spi_count; i++) {
        uint32_t spi;
        if (!ikd_read_u32(&r, &spi))
            return;
        ikd_v2_child *c = by_spi(v2, spi);
        if (c && !c->deleted_frame)
            c->deleted_frame = frame;
    }
}

/* The prefix length that makes [start, end] one IPv4 prefix, or -1. */
static int prefix_length(uint32_t start, uint32_t end)
{
    for (int len = 0; len <= 32; len++) {
        uint32_t host = len == 0 ? UINT32_MAX : len == 32 ? 0 : UINT32_MAX >> len;
        if ((start & host) == 0 && end == (start | host))
            return len;
    }
    return -1;
}

void ikd_v2_ts_pack(const ikd_v2_ts *ts, uint32_t out[2])
{
    out[0] = out[1] = 0;
    if (!ts->family)
        return;
    out[1] = (uint32_t)ts->family << 16 | (uint32_t)ts->protocol << 8 | 0xff;
    if (ts->family != 4)
        return;
    uint32_t start = (uint32_t)ts->start[0] << 24 | (uint32_t)ts->start[1] << 16 | (uint32_t)ts->start[2] << 8 | ts->start[3];
    uint32_t end = (uint32_t)ts->end[0] << 24 | (uint32_t)ts->end[1] << 16 | (uint32_t)ts->end[2] << 8 | ts->end[3];
    int len = prefix_length(start, end);
    out[0] = start;
    out[1] = (out[1] & ~0xffu) | (len < 0 ? 0xffu : (uint32_t)len);
}

const char *ikd_v2_ts_text(uint32_t address, uint32_t packed, char *buf, size_t size)
{
    unsigned family = packed >> 16 & 0xff, protocol = packed >> 8 & 0xff, len = packed & 0xff;
    char proto[24] = "";
    if (protocol)
        snprintf(proto, sizeof proto, " protocol %u", protocol);
    if (!family)
        snprintf(buf, size, "none read");
    else if (family != 4)
        snprintf(buf, size, "an IPv6 selector%s", proto);
    else if (len == 0xff)
        snprintf(buf, size, "a range from %u.%u.%u.%u%s", address >> 24, address >> 16 & 0xff, address >> 8 & 0xff,
                 address & 0xff, proto);
    else
        snprintf(buf, size, "%u.%u.%u.%u/%u%s", address >> 24, address >> 16 & 0xff, address >> 8 & 0xff,
                 address & 0xff, len, proto);
    return buf;
}
