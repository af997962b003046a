/* ikediag - vendor IDs and capabilities.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/capabilities.h"

#include "common/vendor_note.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/vendor_list_memo.h"

#include <string.h>

enum { BOTH_PEERS = 3 };

static void note_kind(ikd_v1_sa *v1, int peer, ikd_vid_kind kind)
{
    if (kind == IKD_VID_DPD && peer >= 0)
        v1->vid_dpd_peers |= 1u << peer;
    else if (kind == IKD_VID_XAUTH)
        v1->xauth_announced = true;
}

static void note_remembered_vendors(const ikd_v1_event *ev, const ikd_vendor_list *known)
{
    ikd_v1_sa *v1 = ev->sa;
    for (uint32_t i = 0; i < known->count; i++) {
        ikd_vendor_note_known(ev->ann, &v1->sa, ev->peer, known->vendors[i], known->texts[i]);
        note_kind(v1, ev->peer, (ikd_vid_kind)known->kinds[i]);
    }
}

/* Notes each vendor ID payload; the first message of a template leaves its
 * list for the next ones (vendor_list_memo.h). */
static void note_vendors(const ikd_v1_event *ev)
{
    const ikd_message *m = ev->msg;
    const ikd_vendor_list *known = ikd_vendor_list_remembered(m->template_id);
    if (known) {
        note_remembered_vendors(ev, known);
        return;
    }
    ikd_v1_sa *v1 = ev->sa;
    /* Only a template's first message leaves a list: every other message
     * (aggressive mode's, a later step's) is noted without one. */
    bool remember = m->template_id && !ev->ann->vendor_count;
    ikd_vendor_list list;
    list.count = 0;
    for (uint32_t i = 0; i < m->payload_count; i++) {
        const ikd_payload_ref *pl = &m->payloads[i];
        if (pl->type != IKD_PL_VID || pl->length < 4 || pl->offset + pl->length > ev->packet->captured_len)
            continue;
        const uint8_t *data = ev->packet->bytes + pl->offset + 4;
        ikd_vid_info info = ikd_vendor_note(ev->ann, &v1->sa, ev->peer, data, pl->length - 4u);
        note_kind(v1, ev->peer, info.kind);
        if (remember && list.count < IKD_MAX_VENDORS) {
            list.kinds[list.count] = (uint8_t)info.kind;
            list.vendors[list.count] = ikd_vendor_number(info.vendor);
        }
        list.count++;
    }
    if (!remember || list.count > IKD_MAX_VENDORS)
        return;
    for (uint32_t i = 0; i < list.count; i++)
        memcpy(list.texts[i], ev->ann->vendors[i], IKD_VENDOR_TEXT);
    ikd_vendor_list_remember(m->template_id, &list);
}

static void note_nat_t(ikd_sa *sa, const ikd_v1_event *ev)
{
    if (ev->packet->transport != IKD_TRANSPORT_UDP_ENCAP)
        return;
    sa->capabilities |= IKD_CAP_NAT_T;
    ikd_sa_extra *x = ikd_sa_extra_of(sa); /* a NAT-T SA mostly has one for its keepalives anyway */
    if (!x->nat_t_frame) {
        x->nat_t_frame = ev->packet->frame;
        x->nat_t_peer = (int8_t)ev->peer;
    } else if (ev->peer != x->nat_t_peer) {
        x->nat_t_answered = true;
    }
}

void ikd_v1_note_capabilities(const ikd_v1_event *ev)
{
    const ikd_message *m = ev->msg;
    ikd_v1_sa *v1 = ev->sa;
    ikd_sa *sa = &v1->sa;
    note_vendors(ev);
    if (v1->vid_dpd_peers == BOTH_PEERS)
        sa->capabilities |= IKD_CAP_DPD;
    if (m->has_fragment || ev->packet->transport == IKD_TRANSPORT_REASSEMBLED)
        sa->capabilities |= IKD_CAP_FRAG;
    note_nat_t(sa, ev);
    /* X means XAUTH was used, not merely offered: an XAUTH method was chosen,
     * or transaction exchanges followed an XAUTH announcement. */
    const ikd_transform *chosen = ikd_v1_chosen(v1);
    if ((chosen && ikd_auth_is_xauth(chosen->auth)) ||
        (v1->xauth_announced && m->exchange == IKD_EX_TRANSACTION))
        sa->capabilities |= IKD_CAP_XAUTH;
}
