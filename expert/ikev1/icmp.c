/* ikediag - ICMP and ICMPv6 errors about IKE messages.
 *
 * An error quotes the start of the datagram it is about: for ICMPv4 often
 * only the IP header and 8 bytes of the UDP payload, which is the initiator
 * cookie alone; Linux and ICMPv6 quote more. The SA is found from what is
 * quoted (both cookies when there are 16 bytes), and the message from who
 * sent it (the quoted source) and when: the last step that peer had sent.
 *
 * Sorting the errors, keeping them per SA and the per-message finding are
 * common/icmp.c's; this file finds the ISAKMP SA and message quoted.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/icmp.h"

#include "common/ike_header.h"
#include "ikev1/ikev1_names.h"

#include <string.h>

enum { QUOTED_HEADER = IKD_HDR_MESSAGE_ID + 4 };

static const ikd_finding_id verdict_of[IKD_ICMP_KINDS] = {
    [IKD_ICMP_NONE] = IKD_FINDING_COUNT,
    [IKD_ICMP_PORT_UNREACHABLE] = IKD_F_STUCK_ICMP_PORT_UNREACHABLE,
    [IKD_ICMP_ADMIN_PROHIBITED] = IKD_F_STUCK_ICMP_ADMIN_PROHIBITED,
    [IKD_ICMP_FRAG_NEEDED] = IKD_F_STUCK_ICMP_FRAG_NEEDED,
    [IKD_ICMP_UNREACHABLE] = IKD_F_STUCK_ICMP_UNREACHABLE,
    [IKD_ICMP_TTL_EXCEEDED] = IKD_F_STUCK_ICMP_TTL_EXCEEDED,
    [IKD_ICMP_REASSEMBLY] = IKD_FINDING_COUNT, /* supports stuck.ip_fragments_lost instead */
};

ikd_finding_id ikd_icmp_verdict_of(ikd_icmp_kind kind)
{
    return kind > IKD_ICMP_NONE && kind < IKD_ICMP_KINDS ? verdict_of[kind] : IKD_FINDING_COUNT;
}

/* Phase-1 step n is sent by the initiator (peer 0) when odd. */
static bool sent_by(int n, int peer)
{
    return (n % 2 == 1) == (peer == 0);
}

/* The last phase-1 step the peer had sent by `time`, whole or as IP fragments. */
static ikd_step phase1_step_sent(const ikd_v1_sa *v1, int peer, double time)
{
    int best = 0;
    for (int n = 1; n <= ikd_v1_phase1_steps(v1); n++) {
        const ikd_step_record *r = ikd_v1_step_const(v1, n);
        if (sent_by(n, peer) && r->copies && r->first_time <= time)
            best = n;
    }
    ikd_step base = v1->mode == IKD_EX_AGGRESSIVE ? IKD_STEP_AM1 : IKD_STEP_MM1;
    const GArray *fragmented = ikd_v1_rare_const(v1)->ip_fragmented;
    for (guint i = 0; fragmented && i < fragmented->len; i++) {
        const ikd_ip_fragmented *f = &g_array_index(fragmented, ikd_ip_fragmented, i);
        int n = (int)f->step - (int)base + 1;
        if (n >= 1 && n <= ikd_v1_phase1_steps(v1) && sent_by(n, peer) && f->first_time <= time && n > best)
            best = n;
    }
    return best ? (ikd_step)(base + best - 1) : IKD_STEP_UNKNOWN;
}

/* The last quick-mode step of this message ID the peer had sent by `time`. */
static ikd_step quick_mode_step_sent(const ikd_v1_sa *v1, uint32_t message_id, int peer, double time)
{
    const ikd_quick_mode *qm = ikd_v1_find_quick_mode(v1, message_id);
    for (int k = IKD_QUICK_MODE_STEPS; qm && k-- > 0;) {
        bool initiators = k != 1;
        bool mine = initiators ? peer == qm->initiator_peer : peer == 1 - qm->initiator_peer;
        if (mine && qm->steps[k].copies && qm->steps[k].first_time <= time)
            return (ikd_step)(IKD_STEP_QM1 + k);
    }
    return IKD_STEP_QM1;
}

static uint32_t read_u32(const uint8_t *b)
{
    return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

/* Which message of the SA the quote is: from its exchange when quoted,
 * else (8 bytes) taken for the last phase-1 step its sender had sent. */
static ikd_step quoted_step(const ikd_v1_sa *v1, const ikd_packet *p, int peer)
{
    if (peer < 0)
        return IKD_STEP_UNKNOWN;
    uint8_t exchange = p->captured_len > IKD_HDR_EXCHANGE ? p->bytes[IKD_HDR_EXCHANGE] : v1->mode;
    if (exchange == IKD_EX_QUICK && p->captured_len >= QUOTED_HEADER)
        return quick_mode_step_sent(v1, read_u32(p->bytes + IKD_HDR_MESSAGE_ID), peer, p->time);
    if (exchange == IKD_EX_INFORMATIONAL)
        return IKD_STEP_INFO;
    if (exchange == IKD_EX_TRANSACTION)
        return IKD_STEP_TXN;
    if (!v1->mode || exchange != v1->mode)
        return IKD_STEP_OTHER;
    return phase1_step_sent(v1, peer, p->time);
}

/* The quote names its SA and step on the ICMP frame, and is kept with the SA. */
static void tie_to_sa(ikd_v1_records *records, ikd_v1_sa *v1, const ikd_packet *p, ikd_icmp_kind kind,
                      bool cookie_only, ikd_message_result *r)
{
    int peer = ikd_sa_peer_index(&v1->sa, p);
    r->conn_id = v1->sa.conn_id;
    r->step = quoted_step(v1, p, peer);
    r->sender = ikd_sa_role_of(&v1->sa, peer);
    r->state_initiator = v1->state_initiator;
    r->state_responder = v1->state_responder;
    r->state = ikd_v1_sa_state(v1);
    ikd_v1_sa_rare *rare = ikd_v1_rare(records, v1);
    if (!rare->icmp)
        rare->icmp = g_new0(ikd_icmp_seen, IKD_ICMP_KINDS);
    ikd_icmp_keep(rare->icmp, kind, r->step, cookie_only, p);
}

void ikd_v1_on_icmp_quote(const ikd_v1_context *ctx, const ikd_packet *p, ikd_annotation *ann)
{
    ikd_icmp_kind kind = ikd_icmp_kind_of(p->icmp_version, p->icmp_type, p->icmp_code);
    if (kind == IKD_ICMP_NONE)
        return;
    if (p->captured_len > IKD_HDR_VERSION)
        ann->result.ike_version = p->bytes[IKD_HDR_VERSION] >> 4;
    bool cookie_only = true;
    ikd_v1_sa *v1 = ikd_v1_sa_of(ikd_icmp_quoted_sa(ctx->store, p, 1, &cookie_only));
    if (v1)
        tie_to_sa(ctx->records, v1, p, kind, cookie_only, &ann->result);
    ikd_icmp_annotate(ann, kind, cookie_only, p);
}

const ikd_icmp_seen *ikd_v1_icmp_reason(const ikd_v1_sa *v1, ikd_step step, ikd_icmp_kind *kind)
{
    const ikd_icmp_seen *icmp = ikd_v1_rare_const(v1)->icmp;
    return icmp ? ikd_icmp_reason(icmp, step, kind) : NULL;
}
