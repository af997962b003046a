/* ikediag - ICMP and ICMPv6 errors about IKE messages, for both versions.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/icmp.h"

#include "common/ike_header.h"
#include "common/sa.h"

#include <string.h>

enum { SPI_LEN = 8 };

enum { ICMP4_UNREACHABLE = 3, ICMP4_TIME_EXCEEDED = 11 };
enum { ICMP6_UNREACHABLE = 1, ICMP6_PACKET_TOO_BIG = 2, ICMP6_TIME_EXCEEDED = 3 };

/* The packed quote: the SA's number in 23 bits, bit 23 set for an IKEv2 SA,
 * the step in 7 bits, the cookie-only flag on top. */
enum { QUOTED_NUMBER_MASK = 0x7fffff, QUOTED_V2 = 1u << 23 };

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

const char *ikd_icmp_kind_name(ikd_icmp_kind kind)
{
    switch (kind) {
    case IKD_ICMP_PORT_UNREACHABLE: return "ICMP port unreachable";
    case IKD_ICMP_ADMIN_PROHIBITED: return "ICMP administratively prohibited";
    case IKD_ICMP_FRAG_NEEDED: return "ICMP fragmentation needed / packet too big";
    case IKD_ICMP_UNREACHABLE: return "ICMP destination unreachable";
    case IKD_ICMP_TTL_EXCEEDED: return "ICMP time to live exceeded";
    case IKD_ICMP_REASSEMBLY: return "ICMP fragment reassembly time exceeded";
    default: return "?";
    }
}

const char *ikd_icmp_kind_cause(ikd_icmp_kind kind)
{
    switch (kind) {
    case IKD_ICMP_PORT_UNREACHABLE: return "no IKE service listening on the peer (IKE not enabled on that interface, daemon down)";
    case IKD_ICMP_ADMIN_PROHIBITED: return "an ACL or firewall in the path refuses UDP 500/4500";
    case IKD_ICMP_FRAG_NEEDED: return "path MTU: large IKE messages (certificates) dropped; use IKE fragmentation";
    case IKD_ICMP_UNREACHABLE: return "no route to the peer, or the peer is down";
    case IKD_ICMP_TTL_EXCEEDED: return "a routing loop on the way to the peer, or the peer too far away";
    case IKD_ICMP_REASSEMBLY: return "IP fragments of it were lost on the way";
    default: return "?";
    }
}

uint8_t ikd_icmp_quoted_version(const ikd_sa_store *store, const ikd_packet *p)
{
    if (p->bytes && p->captured_len > IKD_HDR_VERSION)
        return p->bytes[IKD_HDR_VERSION] >> 4 == 2 ? 2 : 1;
    if (!p->bytes || p->captured_len < SPI_LEN)
        return 1;
    const ikd_sa *newest = ikd_sa_store_newest_with_spi_i(store, p->bytes);
    return newest && newest->ike_version == 2 ? 2 : 1;
}

ikd_sa *ikd_icmp_quoted_sa(const ikd_sa_store *store, const ikd_packet *p, uint8_t version, bool *cookie_only)
{
    static const uint8_t zero[SPI_LEN] = { 0 };
    size_t len = p->bytes ? p->captured_len : 0;
    const uint8_t *b = p->bytes;
    *cookie_only = len < 2 * SPI_LEN;
    if (len < SPI_LEN)
        return NULL;
    /* Newest first, through the SAs with the quoted initiator SPI: a walk of
     * every SA for every ICMP error was quadratic under a scan answered by
     * port unreachables. */
    for (ikd_sa *sa = ikd_sa_store_newest_with_spi_i(store, b); sa; sa = ikd_sa_older_same_spi(sa)) {
        if (sa->ike_version != version)
            continue;
        if (*cookie_only || !memcmp(b + SPI_LEN, zero, SPI_LEN) || !sa->spi_r_known ||
            !memcmp(sa->spi_r, b + SPI_LEN, SPI_LEN))
            return sa;
    }
    return NULL;
}

void ikd_icmp_keep(ikd_icmp_seen seen[IKD_ICMP_KINDS], ikd_icmp_kind kind, ikd_step step, bool cookie_only,
                   const ikd_packet *p)
{
    if (kind <= IKD_ICMP_NONE || kind >= IKD_ICMP_KINDS)
        return;
    ikd_icmp_seen *s = &seen[kind];
    s->count++;
    s->step = step;
    s->cookie_only = cookie_only;
    s->last_frame = p->frame;
    s->last_pdu = p->pdu;
    s->from = p->icmp_from;
}

const ikd_icmp_seen *ikd_icmp_reason(const ikd_icmp_seen seen[IKD_ICMP_KINDS], ikd_step step, ikd_icmp_kind *kind)
{
    for (int k = IKD_ICMP_NONE + 1; k < IKD_ICMP_REASSEMBLY; k++)
        if (seen[k].count && seen[k].step == step) {
            *kind = (ikd_icmp_kind)k;
            return &seen[k];
        }
    return NULL;
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

void ikd_icmp_annotate(ikd_annotation *ann, ikd_icmp_kind kind, bool cookie_only, const ikd_packet *p)
{
    if (kind <= IKD_ICMP_NONE || kind >= IKD_ICMP_KINDS)
        return;
    uint32_t args[IKD_FINDING_ARGS] = { ikd_icmp_pack_quoted(ann->result.conn_id, ann->result.step, cookie_only) };
    ikd_address_pack(&p->icmp_from, &args[1]);
    ikd_findings_add_args(&ann->findings, finding_of[kind], 0, 0, args);
}

uint32_t ikd_icmp_pack_quoted(uint32_t conn_id, ikd_step step, bool cookie_only)
{
    uint32_t number = conn_id ? ikd_sa_number(conn_id) & QUOTED_NUMBER_MASK : 0;
    if (conn_id && ikd_conn_id_is_v2(conn_id))
        number |= QUOTED_V2;
    return number | ((uint32_t)step & 0x7fu) << 24 | (cookie_only ? 1u << 31 : 0);
}

void ikd_icmp_unpack_quoted(uint32_t arg, uint32_t *conn_id, ikd_step *step, bool *cookie_only)
{
    uint32_t number = arg & QUOTED_NUMBER_MASK;
    if (!number)
        *conn_id = 0;
    else if (arg & QUOTED_V2)
        *conn_id = IKD_V2_CONN_ID_BASE + number - 1;
    else
        *conn_id = number;
    *step = (ikd_step)(arg >> 24 & 0x7fu);
    *cookie_only = arg >> 31;
}
