/* ikediag - IKE_SA_INIT's payloads: the offer, the choice or the refusal
 * (RFC 7296 1.2, 2.6: COOKIE, INVALID_KE_PAYLOAD, NO_PROPOSAL_CHOSEN;
 * RFC 5685: REDIRECT) and
 * NAT detection (2.23); the choice itself and fragmentation support are
 * chosen.c's.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/payloads.h"

#include "core/byte_reader.h"
#include "ikev2/ikev2_names.h"

/* The refusals a response without SPIr gives, in the order they explain it. */
static const uint16_t refusals[] = {
    IKD_V2_N_COOKIE,
    IKD_V2_N_INVALID_KE_PAYLOAD,
    IKD_V2_N_NO_PROPOSAL_CHOSEN,
    IKD_V2_N_INVALID_MAJOR_VERSION,
    IKD_V2_N_REDIRECT, /* a status notify, but it ends this attempt all the same (RFC 5685 5) */
};

static uint16_t refusal_of(const ikd_v2_message *view)
{
    for (size_t i = 0; i < sizeof refusals / sizeof refusals[0]; i++)
        if (ikd_v2_message_notify(view, refusals[i]))
            return refusals[i];
    return ikd_v2_first_error(view);
}

/* INVALID_KE_PAYLOAD's data: the 2-byte group the responder accepts. */
static uint16_t wanted_group(const ikd_v2_body *m)
{
    const ikd_v2_notify *n = ikd_v2_message_notify(m->view, IKD_V2_N_INVALID_KE_PAYLOAD);
    uint16_t group = 0;
    if (!n || n->data_length < 2 || n->data_offset > m->len)
        return 0;
    ikd_reader r = ikd_reader_make(m->bytes + n->data_offset, m->len - n->data_offset, n->data_offset);
    return ikd_read_u16(&r, &group) ? group : 0;
}

/* The chosen transforms and fragmentation support are noted by chosen.c. */
static void note_capabilities(ikd_v2_sa *v2, int sender, const ikd_v2_message *view)
{
    (void)sender;
    if (ikd_v2_message_notify(view, IKD_V2_N_NAT_DETECTION_SOURCE_IP) ||
        ikd_v2_message_notify(view, IKD_V2_N_NAT_DETECTION_DESTINATION_IP))
        v2->nat_detection = true;
}

void ikd_v2_learn_sa_init(ikd_v2_sa *v2, ikd_v2_exchange *x, int sender, bool response, const ikd_v2_body *m)
{
    const ikd_v2_message *view = m->view;
    if (!response) {
        v2->offered_proposals = (uint8_t)(view->sa.proposals_seen > 255 ? 255 : view->sa.proposals_seen);
        ikd_v2_offer_read(&view->sa, IKD_V2_PROTO_IKE, &v2->ike_offer);
        v2->ke_offered = view->has_ke ? view->ke_group : 0;
        note_capabilities(v2, sender, view);
        return;
    }
    /* Some responders (strongSwan) pick an SPIr before refusing: a response
     * with an error notify and no SA payload refused all the same. */
    uint16_t refusal = refusal_of(view);
    if (!x->refused && refusal && !view->sa.present) {
        x->refused = true;
        v2->init_refusals++;
        v2->machine[1] = IKD_IOS_NONE;
    }
    if (x->refused) {
        x->error = refusal;
        v2->init_refusal = refusal;
        if (refusal == IKD_V2_N_INVALID_KE_PAYLOAD) {
            v2->ke_wanted = wanted_group(m);
            v2->ke_refused = v2->ke_offered;
        }
        return;
    }
    note_capabilities(v2, sender, view);
}
