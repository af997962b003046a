/* ikediag - roles of SAs caught mid-exchange.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/late_start.h"

#include "ikev1/ikev1_names.h"

#include <string.h>

static void swap_pair(void *a, void *b, size_t size)
{
    uint8_t tmp[sizeof(ikd_fragment_set) > sizeof(ikd_address) ? sizeof(ikd_fragment_set) : sizeof(ikd_address)];
    memcpy(tmp, a, size);
    memcpy(a, b, size);
    memcpy(b, tmp, size);
}

static unsigned swap_bits(unsigned bits)
{
    return (bits & 1u) << 1 | (bits & 2u) >> 1 | (bits & ~3u);
}

/* The first message, taken for MM3 from peer 0, was MM4 from peer 1. */
static void swap_roles(ikd_v1_records *records, ikd_v1_sa *v1, ikd_message_index *index)
{
    ikd_sa *sa = &v1->sa;
    swap_pair(&sa->peer[0], &sa->peer[1], sizeof sa->peer[0]);
    swap_pair(&sa->port[0], &sa->port[1], sizeof sa->port[0]);
    sa->vendors = (uint8_t)(sa->vendors >> 4 | sa->vendors << 4);
    ikd_v1_sa_rare *rare = ikd_v1_rare_if_made(v1);
    if (rare)
        swap_pair(&rare->fragments[0], &rare->fragments[1], sizeof rare->fragments[0]);
    sa->nat_behind = swap_bits(sa->nat_behind);
    v1->vid_dpd_peers = swap_bits(v1->vid_dpd_peers);
    if (ikd_sa_nat_t_frame(sa))
        sa->extra->nat_t_peer = (int8_t)(1 - sa->extra->nat_t_peer);
    ikd_step_record_release(ikd_v1_step(records, v1, 4));
    *ikd_v1_step(records, v1, 4) = *ikd_v1_step(records, v1, 3); /* MM3's gaps, if any, go with it */
    memset(ikd_v1_step(records, v1, 3), 0, sizeof(ikd_step_record));
    const ikd_step_record *mm4 = ikd_v1_step(records, v1, 4);
    ikd_message_index_remember(index, mm4->first_frame, mm4->first_pdu, mm4);
    v1->first_step = 4;
    v1->initiator_has = 4;
    v1->responder_sent = 4;
}

int ikd_v1_check_inferred_roles(ikd_v1_records *records, ikd_v1_sa *v1, const ikd_message *msg, int peer,
                                ikd_message_index *index)
{
    if (!v1->roles_inferred || v1->roles_confirmed || !v1->first_step)
        return peer;
    bool first_from_responder = v1->mode == IKD_EX_MAIN ? v1->first_step % 2 == 0 : v1->first_step == 2;
    if (peer < 0 || peer == (first_from_responder ? 1 : 0))
        return peer; /* the same peer again: nothing new about the roles */
    v1->roles_confirmed = true; /* the other peer spoke: either way the roles are settled now */
    bool answered_key_exchange_with_mm5 = v1->mode == IKD_EX_MAIN && v1->first_step == 3 && msg->encrypted &&
                                          msg->exchange == IKD_EX_MAIN && !ikd_v1_step_const(v1, 4)->copies;
    if (!answered_key_exchange_with_mm5)
        return peer;
    swap_roles(records, v1, index);
    return 0;
}
