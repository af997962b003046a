/* ikediag - NAT-T keepalives tied to the SA between their two ends.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/nat_keepalive.h"

/* Which end of the SA's NAT-T flow sent the keepalive: 0 or 1, -1 when the
 * packet's addresses and ports are not the SA's (as last seen). */
static int sender_of(const ikd_sa *sa, const ikd_packet *p)
{
    for (int peer = 0; peer < 2; peer++)
        if (ikd_address_equal(&p->src, &sa->peer[peer]) && ikd_address_equal(&p->dst, &sa->peer[1 - peer]) &&
            p->src_port == sa->port[peer] && p->dst_port == sa->port[1 - peer])
            return peer;
    return -1;
}

ikd_sa *ikd_nat_keepalive_feed(ikd_sa_store *store, const ikd_packet *p, ikd_annotation *ann)
{
    /* Newest first: after a rekey the stream belongs to the SA in use. */
    for (uint32_t i = ikd_sa_store_count(store); i-- > 0;) {
        ikd_sa *sa = ikd_sa_store_at(store, i);
        int peer = sa->nat_t_frame && sa->nat_t_frame < p->frame ? sender_of(sa, p) : -1;
        if (peer < 0)
            continue;
        sa->nat_keepalives++;
        ann->result.ike_version = sa->ike_version;
        ann->result.conn_id = sa->conn_id;
        ann->result.step = IKD_STEP_KEEPALIVE;
        ann->result.sender = ikd_sa_role_of(sa, peer);
        return sa;
    }
    return NULL;
}
