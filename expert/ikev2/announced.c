/* ikediag - what each IKEv2 peer announces: vendor IDs, capabilities, REDIRECT.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/announced.h"

#include "common/vendor_note.h"
#include "core/byte_reader.h"
#include "ikev2/ikev2_names.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

/* RFC 5685 4: the gateway identity types of REDIRECT. */
enum { GW_IPV4 = 1, GW_IPV6 = 2, GW_FQDN = 3 };

/* Capabilities in the order the analysis lists them. */
static const uint16_t support_notifies[] = {
    IKD_V2_N_FRAGMENTATION_SUPPORTED,
    IKD_V2_N_SIGNATURE_HASH_ALGORITHMS,
    IKD_V2_N_MOBIKE_SUPPORTED,
    IKD_V2_N_REDIRECT_SUPPORTED,
    IKD_V2_N_MULTIPLE_AUTH_SUPPORTED,
    IKD_V2_N_CHILDLESS_IKEV2_SUPPORTED,
    IKD_V2_N_INTERMEDIATE_EXCHANGE_SUPPORTED,
    IKD_V2_N_HTTP_CERT_LOOKUP_SUPPORTED,
    IKD_V2_N_IPCOMP_SUPPORTED,
    IKD_V2_N_EAP_ONLY_AUTHENTICATION,
};

#define SUPPORTS (sizeof support_notifies / sizeof support_notifies[0])

uint16_t ikd_v2_support_notify(unsigned bit)
{
    return bit < SUPPORTS ? support_notifies[bit] : 0;
}

static void note_vendors(ikd_sa *sa, int sender, const ikd_v2_body *m, ikd_annotation *ann)
{
    const ikd_v2_message *view = m->view;
    for (uint32_t i = 0; i < view->payload_count; i++) {
        const ikd_v2_payload_ref *pl = &view->payloads[i];
        if (pl->type != IKD_V2_PL_VID || pl->length < 4 || (size_t)pl->offset + pl->length > m->len)
            continue;
        ikd_vendor_note(ann, sa, sender, m->bytes + pl->offset + 4, pl->length - 4u);
    }
}

/* The new gateway of a REDIRECT (RFC 5685 8.1): type, length, identity. */
static void read_gateway(ikd_v2_redirect *r, const ikd_v2_body *m, const ikd_v2_notify *n)
{
    uint8_t type = 0, length = 0;
    const uint8_t *ident = NULL;
    if (n->data_offset > m->len)
        return;
    size_t avail = m->len - n->data_offset;
    ikd_reader in = ikd_reader_make(m->bytes + n->data_offset, avail < n->data_length ? avail : n->data_length, 0);
    if (!ikd_read_u8(&in, &type) || !ikd_read_u8(&in, &length) || !ikd_read_bytes(&in, length, &ident))
        return;
    if ((type == GW_IPV4 && length == 4) || (type == GW_IPV6 && length == 16)) {
        r->to.family = type == GW_IPV4 ? 4 : 6;
        memcpy(r->to.bytes, ident, length);
        return;
    }
    if (type != GW_FQDN || !length || length >= sizeof r->name)
        return;
    for (size_t i = 0; i < length; i++)
        if (!g_ascii_isgraph(ident[i]))
            return;
    memcpy(r->name, ident, length);
    r->name[length] = '\0';
}

/* The bit of a capability's notify type, 0 for any other: each notify
 * looked up once (a walk of the message's notifies for each capability was
 * 5% of the engine's instructions on healthy IKEv2 SAs, callgrind). */
static uint32_t support_bit(uint16_t type)
{
    for (unsigned bit = 0; bit < SUPPORTS; bit++)
        if (support_notifies[bit] == type)
            return 1u << bit;
    return 0;
}

static void note_notifies(ikd_v2_announced *a, int sender, const ikd_v2_body *m, const ikd_packet *p)
{
    const ikd_v2_message *view = m->view;
    for (uint32_t i = 0; i < view->notify_count; i++)
        a->supports[sender] |= support_bit(view->notifies[i].type);
    const ikd_v2_notify *redirect = ikd_v2_message_notify(view, IKD_V2_N_REDIRECT);
    if (!redirect || a->redirect)
        return;
    ikd_v2_redirect *r = a->redirect = g_new0(ikd_v2_redirect, 1);
    r->frame = p->frame;
    r->pdu = p->pdu;
    r->by = (uint8_t)sender;
    r->exchange = view->exchange;
    read_gateway(r, m, redirect);
}

void ikd_v2_note_announced(ikd_v2_announced *a, ikd_sa *sa, int sender, const ikd_v2_body *m,
                           const ikd_packet *p, ikd_annotation *ann)
{
    if (!m->view || (sender != 0 && sender != 1))
        return;
    note_vendors(sa, sender, m, ann);
    note_notifies(a, sender, m, p);
}

const char *ikd_v2_supports_text(uint32_t bits, char *buf, size_t size)
{
    size_t used = 0;
    if (size)
        buf[0] = '\0';
    for (unsigned bit = 0; bit < SUPPORTS && used < size; bit++) {
        if (!(bits & 1u << bit))
            continue;
        int n = snprintf(buf + used, size - used, "%s%s", used ? ", " : "", ikd_v2_notify_name(support_notifies[bit]));
        used += n > 0 ? (size_t)n : 0;
    }
    return buf;
}

const char *ikd_v2_redirect_gateway(const ikd_v2_redirect *r, char *buf, size_t size)
{
    if (r->to.family)
        return ikd_address_format(&r->to, buf, size);
    snprintf(buf, size, "%s", r->name);
    return buf;
}

void ikd_v2_redirect_pack(const ikd_v2_redirect *r, uint32_t out[2])
{
    const uint8_t *b = r->to.bytes;
    out[0] = r->to.family == 4 ? IKD_V2_GATEWAY_IPV4
             : r->to.family == 6 ? IKD_V2_GATEWAY_IPV6
             : r->name[0] ? IKD_V2_GATEWAY_NAME
                                   : IKD_V2_GATEWAY_UNREAD;
    out[1] = out[0] == IKD_V2_GATEWAY_IPV4 ? (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3] : 0;
}

const char *ikd_v2_redirect_packed_text(uint32_t kind, uint32_t ipv4, char *buf, size_t size)
{
    switch (kind) {
    case IKD_V2_GATEWAY_IPV4:
        snprintf(buf, size, "%u.%u.%u.%u", (unsigned)(ipv4 >> 24), (unsigned)(ipv4 >> 16 & 0xff),
                 (unsigned)(ipv4 >> 8 & 0xff), (unsigned)(ipv4 & 0xff));
        break;
    case IKD_V2_GATEWAY_IPV6: snprintf(buf, size, "an IPv6 gateway (its address is in -z ikediag,analysis)"); break;
    case IKD_V2_GATEWAY_NAME: snprintf(buf, size, "a gateway given by name (see -z ikediag,analysis)"); break;
    default: snprintf(buf, size, "a gateway not readable"); break;
    }
    return buf;
}
