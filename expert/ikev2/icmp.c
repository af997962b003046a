/* ikediag - ICMP and ICMPv6 errors about IKEv2 messages.
 *
 * Linux and ICMPv6 quote the whole datagram; an ICMPv4 error from a router
 * may quote only the first 8 bytes of the UDP payload, the SPIi alone. The
 * message is named by the quoted exchange type; without it, an SA that never
 * got a responder SPI can only have sent IKE_SA_INIT.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/icmp.h"

#include "common/ike_header.h"

static ikd_step quoted_step(const ikd_v2_sa *v2, const ikd_packet *p)
{
    if (p->captured_len > IKD_HDR_EXCHANGE)
        return ikd_v2_step_of(p->bytes[IKD_HDR_EXCHANGE]);
    return v2->sa.spi_r_known ? IKD_STEP_UNKNOWN : IKD_STEP_IKE_SA_INIT;
}

void ikd_v2_on_icmp_quote(const ikd_v2_context *ctx, const ikd_packet *p, ikd_annotation *ann)
{
    ikd_icmp_kind kind = ikd_icmp_kind_of(p->icmp_version, p->icmp_type, p->icmp_code);
    if (kind == IKD_ICMP_NONE)
        return;
    ann->result.ike_version = 2;
    bool spi_only = true;
    ikd_v2_sa *v2 = ikd_v2_sa_of(ikd_icmp_quoted_sa(ctx->store, p, 2, &spi_only));
    if (v2) {
        ikd_message_result *r = &ann->result;
        r->conn_id = v2->sa.conn_id;
        r->step = quoted_step(v2, p);
        r->sender = ikd_sa_role_of(&v2->sa, ikd_sa_peer_index(&v2->sa, p));
        r->state = v2->status;
        r->state_initiator = v2->machine[0];
        r->state_responder = v2->machine[1];
        ikd_v2_rare *rare = ikd_v2_rare_of(v2);
        if (!rare->icmp)
            rare->icmp = g_new0(ikd_icmp_seen, IKD_ICMP_KINDS);
        ikd_icmp_keep(rare->icmp, kind, r->step, spi_only, p);
    }
    ikd_icmp_annotate(ann, kind, spi_only, p);
}
