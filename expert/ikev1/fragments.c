/* ikediag - Cisco fragments.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/fragments.h"

#include "ikev1/ikev1_names.h"

#include <glib.h>
#include <string.h>

enum { FRAGMENT_HEADER_LEN = 8, MAX_FRAGMENT_NUMBER = 31 };

/* Reads what fragment 1 shows of the message it starts: its own header and
 * the payloads that fit (fewer when the snap length cut the fragment). */
static void read_inner_header(ikd_fragment_set *set, const ikd_packet *p, const ikd_message *m)
{
    for (uint32_t i = 0; i < m->payload_count; i++) {
        const ikd_payload_ref *pl = &m->payloads[i];
        size_t data = pl->offset + (size_t)FRAGMENT_HEADER_LEN;
        if (pl->type != IKD_PL_CISCO_FRAG || pl->length < FRAGMENT_HEADER_LEN || data > p->captured_len)
            continue;
        size_t len = pl->length - (size_t)FRAGMENT_HEADER_LEN;
        size_t captured = p->captured_len - data < len ? p->captured_len - data : len;
        ikd_message *view = g_new(ikd_message, 1);
        /* TCP: the rest is in later fragments, so no length is held against it. */
        ikd_message_read(p->bytes + data, captured, len, IKD_TRANSPORT_TCP, view);
        if (view->header_bytes >= IKD_HDR_MESSAGE_ID) {
            ikd_phase1_shape shape = ikd_phase1_shape_of(view);
            set->have_inner = true;
            set->inner_encrypted = shape.encrypted;
            set->inner_has_ke = shape.has_ke;
            set->inner_has_sa = shape.has_sa;
        }
        g_free(view);
        return;
    }
}

/* All fragments 1..last arrived. Fragment numbers come from the wire: only
 * 1..31 fit the bit set, so a set announcing more never completes. */
static bool fragment_set_complete(const ikd_fragment_set *set)
{
    return set->last_number >= 1 && set->last_number <= MAX_FRAGMENT_NUMBER &&
           set->seen == (1u << set->last_number) - 1u;
}

bool ikd_v1_fragment_completes(const ikd_v1_event *ev, ikd_phase1_shape *shape)
{
    const ikd_message *m = ev->msg;
    ikd_fragment_set *set = &ikd_v1_rare(ev->ctx->records, ev->sa)->fragments[ev->peer];
    bool done = set->active && fragment_set_complete(set);
    if (!set->active || set->id != m->fragment_id || done)
        memset(set, 0, sizeof *set); /* a new message, or the same one sent again */
    set->active = true;
    set->id = m->fragment_id;
    if (m->fragment_number >= 1 && m->fragment_number <= MAX_FRAGMENT_NUMBER)
        set->seen |= 1u << (m->fragment_number - 1);
    if (m->fragment_last)
        set->last_number = m->fragment_number;
    if (m->fragment_number == 1)
        read_inner_header(set, ev->packet, m);
    if (!fragment_set_complete(set) || !set->have_inner || ev->packet->reassembled_in_frame)
        return false;
    shape->encrypted = set->inner_encrypted;
    shape->has_ke = set->inner_has_ke;
    shape->has_sa = set->inner_has_sa;
    return true;
}
