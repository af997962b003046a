/* ikediag - ICMP and ICMPv6 errors about IKE messages.
 *
 * An error quotes the start of the datagram it is about: for ICMPv4 often
 * only the IP header and 8 bytes of the UDP payload, which is the initiator
 * cookie alone; Linux and ICMPv6 quote more. The SA is found from what is
 * quoted (both cookies when there are 16 bytes), and the message from who
 * sent it (the quoted source) and when: the last step that peer had sent.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/icmp.h"

#include "common/ike_header.h"
#include "ikev1/ikev1_names.h"

#include <string.h>

enum { COOKIE_LEN = 8, QUOTED_HEADER = IKD_HDR_MESSAGE_ID + 4 };

enum { ICMP4_UNREACHABLE = 3, ICMP4_TIME_EXCEEDED = 11 };
enum { ICMP6_UNREACHABLE = 1, ICMP6_PACKET_TOO_BIG = 2, ICMP6_TIME_EXCEEDED = 3 };

static ikd_icmp_kind icmp4_kind(uint8_t type, uint8_t code)
{
    if (type == ICMP4_TIME_EXCEEDED)
        return code == 1 ? IKD_ICMP_REASSEMBLY : IKD_ICMP_TTL_EXCEEDED;
    if (type != ICMP4_UNREACHABLE)
        return IKD_ICMP_NONE;
    switch (code) {
    case 3:
        return IKD_ICMP_PORT_UNREACHABLE;
    case 4:
        return IKD_ICMP_FRAG_NEEDED;
    case 9:  /* network administratively prohibited */
    case 10: /* host administratively prohibited */
    case 13: /* communication administratively prohibited */
        return IKD_ICMP_ADMIN_PROHIBITED;
    default:
        return IKD_ICMP_UNREACHABLE;
    }
}

static ikd_icmp_kind icmp6_kind(uint8_t type, uint8_t code)
{
    if (type == ICMP6_PACKET_TOO_BIG)
        return IKD_ICMP_FRAG_NEEDED;
    if (type == ICMP6_TIME_EXCEEDED)
        return code == 1 ? IKD_ICMP_REASSEMBLY : IKD_ICMP_TTL_EXCEEDED;
    if (type != ICMP6_UNREACHABLE)
        return IKD_ICMP_NONE;
    if (code == 4)
        return IKD_ICMP_PORT_UNREACHABLE;
    /* 1: administratively prohibited, 5: source address failed policy, 6: reject route */
    if (code == 1 || code == 5 || code == 6)
        return IKD_ICMP_ADMIN_PROHIBITED;
    return IKD_ICMP_UNREACHABLE;
}

ikd_icmp_kind ikd_icmp_kind_of(uint8_t version, uint8_t type, uint8_t code)
{
    return version == 6 ? icmp6_kind(type, code) : icmp4_kind(type, code);
}

static const ikd_finding_id finding_of[IKD_ICMP_KINDS] = {
    [IKD_ICMP_NONE] = IKD_FINDING_COUNT,
    [IKD_ICMP_PORT_UNREACHABLE] = IKD_F_ICMP_PORT_UNREACHABLE,
    [IKD_ICMP_ADMIN_PROHIBITED] = IKD_F_ICMP_ADMIN_PROHIBITED,
    [IKD_ICMP_FRAG_NEEDED] = IKD_F_ICMP_FRAG_NEEDED,
    [IKD_ICMP_UNREACHABLE] = IKD_F_ICMP_UNREACHABLE,
    [IKD_ICMP_TTL_EXCEEDED] = IKD_F_ICMP_TTL_EXCEEDED,
    [IKD_ICMP_REASSEMBLY] = IKD_F_ICMP_REASSEMBLY,
};

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

/* The newest SA with the quoted initiator cookie, and the quoted responder
 * cookie when there is one (zero in MM1 and AM1). Looked up without binding
 * anything: a quote is not a message of the SA. */
static ikd_v1_sa *quoted_sa(const ikd_sa_store *store, const uint8_t *b, size_t len, bool *cookie_only)
{
    static const uint8_t zero[COOKIE_LEN] = { 0 };
    *cookie_only = len < 2 * COOKIE_LEN;
    if (len < COOKIE_LEN)
        return NULL;
    for (uint32_t i = ikd_sa_store_count(store); i-- > 0;) {
        ikd_v1_sa *v1 = ikd_v1_sa_of(ikd_sa_store_at(store, i));
        if (!v1 || memcmp(v1->sa.spi_i, b, COOKIE_LEN))
            continue;
        if (*cookie_only || !memcmp(b + COOKIE_LEN, zero, COOKIE_LEN) || !v1->sa.spi_r_known ||
            !memcmp(v1->sa.spi_r, b + COOKIE_LEN, COOKIE_LEN))
            return v1;
    }
    return NULL;
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
    for (guint i = 0; v1->ip_fragmented && i < v1->ip_fragmented->len; i++) {
        const ikd_ip_fragmented *f = &g_array_index(v1->ip_fragmented, ikd_ip_fragmented, i);
        int n = (int)f->step - (int)base + 1;
        if (n >= 1 && n <= ikd_v1_phase1_steps(v1) && sent_by(n, peer) && f->first_time <= time && n > best)
            best = n;
    }
    return best ? (ikd_step)(base + best - 1) : IKD_STEP_UNKNOWN;
}

/* The last quick-mode step of this message ID the peer had sent by `time`. */
static ikd_step quick_mode_step_sent(const ikd_v1_sa *v1, uint32_t message_id, int peer, double time)
{
    for (uint32_t i = 0; i < ikd_v1_quick_mode_count(v1); i++) {
        const ikd_quick_mode *qm = ikd_v1_quick_mode_at(v1, i);
        if (qm->message_id != message_id)
            continue;
        for (int k = IKD_QUICK_MODE_STEPS; k-- > 0;) {
            bool initiators = k != 1;
            bool mine = initiators ? peer == qm->initiator_peer : peer == 1 - qm->initiator_peer;
            if (mine && qm->steps[k].copies && qm->steps[k].first_time <= time)
                return (ikd_step)(IKD_STEP_QM1 + k);
        }
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
static void tie_to_sa(ikd_v1_sa *v1, const ikd_packet *p, ikd_icmp_kind kind, bool cookie_only,
                      ikd_message_result *r)
{
    int peer = ikd_sa_peer_index(&v1->sa, p);
    r->conn_id = v1->sa.conn_id;
    r->step = quoted_step(v1, p, peer);
    r->sender = ikd_sa_role_of(&v1->sa, peer);
    r->state_initiator = v1->state_initiator;
    r->state_responder = v1->state_responder;
    r->state = ikd_v1_sa_state(v1);
    ikd_icmp_seen *seen = &v1->icmp[kind];
    seen->count++;
    seen->step = r->step;
    seen->cookie_only = cookie_only;
    seen->last_frame = p->frame;
    seen->last_pdu = p->pdu;
    seen->from = p->icmp_from;
}

void ikd_v1_on_icmp_quote(const ikd_v1_context *ctx, const ikd_packet *p, ikd_annotation *ann)
{
    ikd_icmp_kind kind = ikd_icmp_kind_of(p->icmp_version, p->icmp_type, p->icmp_code);
    if (kind == IKD_ICMP_NONE)
        return;
    if (p->captured_len > IKD_HDR_VERSION)
        ann->result.ike_version = p->bytes[IKD_HDR_VERSION] >> 4;
    bool cookie_only = true;
    ikd_v1_sa *v1 = quoted_sa(ctx->store, p->bytes, p->captured_len, &cookie_only);
    if (v1)
        tie_to_sa(v1, p, kind, cookie_only, &ann->result);
    uint32_t args[IKD_FINDING_ARGS] = { ikd_icmp_pack_quoted(ann->result.conn_id, ann->result.step, cookie_only) };
    ikd_address_pack(&p->icmp_from, &args[1]);
    ikd_findings_add_args(&ann->findings, finding_of[kind], 0, 0, args);
}

const ikd_icmp_seen *ikd_v1_icmp_reason(const ikd_v1_sa *v1, ikd_step step, ikd_icmp_kind *kind)
{
    for (int k = IKD_ICMP_NONE + 1; k < IKD_ICMP_REASSEMBLY; k++)
        if (v1->icmp[k].count && v1->icmp[k].step == step) {
            *kind = (ikd_icmp_kind)k;
            return &v1->icmp[k];
        }
    return NULL;
}
