/* ikediag - vendor IDs and capabilities.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/capabilities.h"

#include "common/vendor_note.h"
#include "ikev1/ikev1_names.h"

enum { BOTH_PEERS = 3 };

static void note_vendor(const ikd_v1_event *ev, const ikd_payload_ref *pl)
{
    const uint8_t *data = ev->packet->bytes + pl->offset + 4;
    ikd_v1_sa *v1 = ev->sa;
    ikd_vid_info info = ikd_vendor_note(ev->ann, &v1->sa, ev->peer, data, pl->length - 4u);
    if (info.kind == IKD_VID_DPD && ev->peer >= 0)
        v1->vid_dpd_peers |= 1u << ev->peer;
    else if (info.kind == IKD_VID_XAUTH)
        v1->xauth_announced = true;
}

static void note_nat_t(ikd_sa *sa, const ikd_v1_event *ev)
{
    if (ev->packet->transport != IKD_TRANSPORT_UDP_ENCAP)
        return;
    sa->capabilities |= IKD_CAP_NAT_T;
    if (!sa->nat_t_frame) {
        sa->nat_t_frame = ev->packet->frame;
        sa->nat_t_peer = ev->peer;
    } else if (ev->peer != sa->nat_t_peer) {
        sa->nat_t_answered = true;
    }
}

void ikd_v1_note_capabilities(const ikd_v1_event *ev)
{
    const ikd_message *m = ev->msg;
    ikd_v1_sa *v1 = ev->sa;
    ikd_sa *sa = &v1->sa;
    for (uint32_t i = 0; i < m->payload_count; i++) {
        const ikd_payload_ref *pl = &m->payloads[i];
        if (pl->type == IKD_PL_VID && pl->length >= 4 && pl->offset + pl->length <= ev->packet->captured_len)
            note_vendor(ev, pl);
    }
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
