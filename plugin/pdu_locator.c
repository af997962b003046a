/* ikediag - finds the ISAKMP messages in a frame.
 *
 * The postdissector asks Wireshark to keep the "isakmp" protocol item (and the
 * ICMP ones) in the tree; each isakmp item covers one message as the ISAKMP
 * dissector saw it: after the non-ESP marker on UDP 4500, and again for a
 * message rebuilt from Cisco fragments ("Reassembled ISAKMP" data source).
 * A datagram on the IKE ports that the ISAKMP dissector declined (shorter
 * than its header) or gave up on (cut by the snap length) is read from the
 * UDP header instead, so every one of them is checked.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pdu_locator.h"

#include <epan/proto.h>

#include "ws_compat.h"

static int proto_isakmp = -1;
static int proto_ip = -1;
static int proto_icmp = -1;
static int proto_icmpv6 = -1;
static int hf_udp_length = -1;

enum { IKE_PORT = 500, NAT_T_PORT = 4500, UDP_HEADER_LEN = 8, NON_ESP_MARKER_LEN = 4, NAT_KEEPALIVE = 0xff };
enum { IPV4_MIN_HEADER = 20, IPV4_MORE_FRAGMENTS = 0x2000, IPV4_OFFSET_MASK = 0x1fff, IP_PROTO_UDP = 17 };

void ikediag_locator_init(void)
{
    proto_isakmp = proto_get_id_by_filter_name("isakmp");
    proto_ip = proto_get_id_by_filter_name("ip");
    proto_icmp = proto_get_id_by_filter_name("icmp");
    proto_icmpv6 = proto_get_id_by_filter_name("icmpv6");
    hf_udp_length = proto_registrar_get_id_byname("udp.length");
}

GArray *ikediag_locator_wanted_hfids(void)
{
    GArray *ids = g_array_new(FALSE, FALSE, (guint)sizeof(int));
    const int wanted[] = { proto_isakmp, proto_icmp, proto_icmpv6, hf_udp_length, proto_ip };
    for (size_t i = 0; i < G_N_ELEMENTS(wanted); i++)
        if (wanted[i] > 0)
            g_array_append_val(ids, wanted[i]);
    return ids;
}

/* The tree's items the locator reads, fetched once a frame: each fetch is a
 * hash lookup in the tree, and asking again for every message and every
 * check made twelve a frame (callgrind: 8% of the plugin's cost a message). */
typedef struct {
    GPtrArray *isakmp, *ip, *udp_lengths;
    GPtrArray *icmp[2]; /* ICMP, ICMPv6 */
} frame_items;

static GPtrArray *items_of(proto_tree *tree, int id)
{
    return id > 0 ? proto_get_finfo_ptr_array(tree, id) : NULL;
}

static frame_items frame_items_of(proto_tree *tree)
{
    return (frame_items){
        .isakmp = items_of(tree, proto_isakmp),
        .ip = items_of(tree, proto_ip),
        .udp_lengths = items_of(tree, hf_udp_length),
        .icmp = { items_of(tree, proto_icmp), items_of(tree, proto_icmpv6) },
    };
}

static guint data_source_index(packet_info *pinfo, tvbuff_t *tvb)
{
    guint i = 0;
    for (GSList *s = pinfo->data_src; s; s = s->next, i++)
        if (get_data_source_tvb((struct data_source *)s->data) == tvb)
            return i;
    return G_MAXUINT;
}

tvbuff_t *ikediag_data_source(packet_info *pinfo, guint ds_index)
{
    struct data_source *src = (struct data_source *)g_slist_nth_data(pinfo->data_src, ds_index);
    return src ? get_data_source_tvb(src) : NULL;
}

/* An IKE message quoted inside an ICMP error (port unreachable...) is a copy
 * of a message sent earlier, not a new one. */
static gboolean inside_icmp(const frame_items *frame, const field_info *fi)
{
    for (size_t k = 0; k < G_N_ELEMENTS(frame->icmp); k++) {
        const GPtrArray *items = frame->icmp[k];
        for (guint i = 0; items && i < items->len; i++) {
            const field_info *icmp = (const field_info *)items->pdata[i];
            if (icmp->ds_tvb == fi->ds_tvb && fi->start >= icmp->start &&
                fi->start < icmp->start + icmp->length)
                return TRUE;
        }
    }
    return FALSE;
}

static ikd_transport transport_of(packet_info *pinfo, guint ds_index)
{
    if (ds_index > 0)
        return IKD_TRANSPORT_REASSEMBLED;
    if (pinfo->ptype == PT_TCP)
        return IKD_TRANSPORT_TCP;
    if (pinfo->srcport == NAT_T_PORT || pinfo->destport == NAT_T_PORT)
        return IKD_TRANSPORT_UDP_ENCAP;
    return IKD_TRANSPORT_UDP;
}

/* The last udp.length field before `before` in tvb (any position when
 * before is -1), outside ICMP errors; NULL when there is none. */
static const field_info *udp_length_field(const frame_items *frame, tvbuff_t *tvb, gint before)
{
    const GPtrArray *lengths = frame->udp_lengths;
    const field_info *best = NULL;
    for (guint i = 0; lengths && i < lengths->len; i++) {
        const field_info *l = (const field_info *)lengths->pdata[i];
        if (l->ds_tvb == tvb && (before < 0 || l->start < before) && (!best || l->start > best->start) &&
            !inside_icmp(frame, l))
            best = l;
    }
    /* Read from the header itself: field_info's value changed type in 4.2. */
    if (!best || best->length != 2 || !tvb_bytes_exist(best->ds_tvb, best->start, 2))
        return NULL;
    return best;
}

/* Where the UDP datagram carrying the message at fi ends, from the length in
 * its UDP header (the last udp.length before the message in the same data
 * source); -1 when the message did not come in a UDP datagram of this tvb. */
static gint udp_datagram_end(const frame_items *frame, const field_info *fi)
{
    const field_info *length = udp_length_field(frame, fi->ds_tvb, fi->start);
    if (!length)
        return -1;
    gint header_start = length->start - 4; /* udp.length is the header's third field */
    return header_start + (gint)tvb_get_ntohs(length->ds_tvb, length->start);
}

/* How long the message was on the wire and how much of it was captured.
 * The isakmp item's own length says how far Wireshark's dissector got, not
 * what arrived, so the UDP header is asked instead. */
static void message_extent(packet_info *pinfo, const frame_items *frame, const field_info *fi, guint ds_index,
                           ikediag_pdu *p)
{
    gint available = (gint)tvb_captured_length(fi->ds_tvb) - fi->start;
    gint end = ds_index == 0 ? udp_datagram_end(frame, fi) : -1;
    gint reported = end > fi->start ? end - fi->start : available;
    /* A UDP length past the captured bytes means a snap length only if the
     * frame was cut; otherwise the UDP header itself is wrong. */
    if (reported > available && pinfo->fd->cap_len >= pinfo->fd->pkt_len)
        reported = available;
    p->reported_len = (guint)(reported > 0 ? reported : 0);
    p->length = available < reported ? available : reported;
    if (p->length < 0)
        p->length = 0;
}

static gboolean on_ike_port(const packet_info *pinfo)
{
    return pinfo->ptype == PT_UDP && (pinfo->srcport == IKE_PORT || pinfo->destport == IKE_PORT ||
                                      pinfo->srcport == NAT_T_PORT || pinfo->destport == NAT_T_PORT);
}

/* What follows the UDP header on UDP 4500: a NAT-T keepalive (the one byte
 * 0xFF, RFC 3948), or an IKE message after the non-ESP marker, which is
 * skipped. FALSE for ESP, or a datagram cut before it can be told. */
static gboolean nat_t_payload(tvbuff_t *top, ikediag_pdu *p, gint *start, gint *available, gint *reported)
{
    if (*reported == 1 && *available == 1 && ikediag_tvb_u8(top, *start) == NAT_KEEPALIVE) {
        p->transport = IKD_TRANSPORT_NAT_KEEPALIVE; /* counted on its SA, never read as IKE */
        return TRUE;
    }
    if (*available < NON_ESP_MARKER_LEN && *reported >= NON_ESP_MARKER_LEN)
        return FALSE; /* cut before the marker: ESP or IKE cannot be told */
    if (*available >= NON_ESP_MARKER_LEN && tvb_get_ntohl(top, *start) != 0)
        return FALSE; /* ESP: an SPI is never zero */
    if (*available >= NON_ESP_MARKER_LEN && *reported >= NON_ESP_MARKER_LEN) {
        *start += NON_ESP_MARKER_LEN;
        *available -= NON_ESP_MARKER_LEN;
        *reported -= NON_ESP_MARKER_LEN;
    }
    return TRUE;
}

/* A datagram on the IKE ports with no ISAKMP item: its UDP payload, after the
 * non-ESP marker on UDP 4500, or a NAT-T keepalive. FALSE for ESP. */
static gboolean locate_bare_datagram(packet_info *pinfo, const frame_items *frame, ikediag_pdu *p)
{
    tvbuff_t *top = ikediag_data_source(pinfo, 0);
    const field_info *length = top ? udp_length_field(frame, top, -1) : NULL;
    if (!length)
        return FALSE;
    gint start = length->start - 4 + UDP_HEADER_LEN;
    gint reported = (gint)tvb_get_ntohs(top, length->start) - UDP_HEADER_LEN;
    gint available = (gint)tvb_captured_length(top) - start;
    if (start < 0 || available < 0 || reported < 0)
        return FALSE;
    p->transport = transport_of(pinfo, 0);
    if (p->transport == IKD_TRANSPORT_UDP_ENCAP && !nat_t_payload(top, p, &start, &available, &reported))
        return FALSE;
    if (pinfo->fd->cap_len >= pinfo->fd->pkt_len && reported > available)
        reported = available; /* the UDP header is wrong, not the capture */
    p->tvb = top;
    p->ds_index = 0;
    p->start = start;
    p->length = available < reported ? available : reported;
    p->reported_len = (guint)reported;
    return TRUE;
}

/* The frame's own IPv4 header (not one quoted in an ICMP error) when it
 * starts a fragmented UDP datagram on the IKE ports: where its UDP header
 * is, and the datagram's UDP length. */
static gboolean first_ip_fragment(const frame_items *frame, tvbuff_t *top, gint *udp_start, guint *udp_length)
{
    const GPtrArray *ips = frame->ip;
    const field_info *ip = ips && ips->len ? (const field_info *)ips->pdata[0] : NULL;
    if (!ip || ip->ds_tvb != top || inside_icmp(frame, ip) || !tvb_bytes_exist(top, ip->start, IPV4_MIN_HEADER))
        return FALSE;
    guint8 version_ihl = ikediag_tvb_u8(top, ip->start);
    guint16 flags_offset = tvb_get_ntohs(top, ip->start + 6);
    gint header = (version_ihl & 0x0f) * 4;
    if (version_ihl >> 4 != 4 || header < IPV4_MIN_HEADER || !(flags_offset & IPV4_MORE_FRAGMENTS) ||
        (flags_offset & IPV4_OFFSET_MASK) || ikediag_tvb_u8(top, ip->start + 9) != IP_PROTO_UDP ||
        !tvb_bytes_exist(top, ip->start + header, UDP_HEADER_LEN))
        return FALSE;
    *udp_start = ip->start + header;
    guint16 src = tvb_get_ntohs(top, *udp_start), dst = tvb_get_ntohs(top, *udp_start + 2);
    *udp_length = tvb_get_ntohs(top, *udp_start + 4);
    return src == IKE_PORT || dst == IKE_PORT || src == NAT_T_PORT || dst == NAT_T_PORT;
}

/* The IKE message that a first IP fragment begins: the rest of the datagram
 * is in other frames, or was lost. */
static gboolean locate_ip_fragment(packet_info *pinfo, const frame_items *frame, ikediag_pdu *p)
{
    tvbuff_t *top = ikediag_data_source(pinfo, 0);
    gint udp_start;
    guint udp_length;
    /* A frame the snap length cut is read as Wireshark dissected it: what is
     * missing is the capture's doing, not the path's. */
    if (!top || pinfo->fd->cap_len < pinfo->fd->pkt_len || !first_ip_fragment(frame, top, &udp_start, &udp_length) ||
        udp_length < UDP_HEADER_LEN)
        return FALSE;
    gint start = udp_start + UDP_HEADER_LEN;
    gint reported = (gint)udp_length - UDP_HEADER_LEN;
    guint16 dst = tvb_get_ntohs(top, udp_start + 2), src = tvb_get_ntohs(top, udp_start);
    if ((src == NAT_T_PORT || dst == NAT_T_PORT) && tvb_bytes_exist(top, start, NON_ESP_MARKER_LEN)) {
        if (tvb_get_ntohl(top, start) != 0)
            return FALSE; /* ESP */
        start += NON_ESP_MARKER_LEN;
        reported -= NON_ESP_MARKER_LEN;
    }
    gint available = (gint)tvb_captured_length(top) - start;
    if (available <= 0 || reported <= 0)
        return FALSE;
    p->tvb = top;
    p->ds_index = 0;
    p->start = start;
    p->length = available < reported ? available : reported;
    p->reported_len = (guint)reported;
    p->transport = IKD_TRANSPORT_IP_FRAGMENT;
    return TRUE;
}

enum { ICMP_HEADER = 8, IPV6_HEADER = 40, ICMP4_UNREACHABLE = 3, ICMP4_TIME_EXCEEDED = 11, ICMP6_ERROR_MAX = 3 };

/* The quoted IP header at `at`: where its UDP header starts, where the quoted
 * datagram ends (by its own length), and its addresses. FALSE unless it is
 * UDP with its UDP header (a first fragment, or not fragmented). */
static gboolean quoted_ip(tvbuff_t *tvb, gint at, gint *udp, gint *end, ikediag_pdu *p)
{
    if (!tvb_bytes_exist(tvb, at, 1))
        return FALSE;
    guint8 version = ikediag_tvb_u8(tvb, at) >> 4;
    if (version == 4 && tvb_bytes_exist(tvb, at, IPV4_MIN_HEADER)) {
        gint header = (ikediag_tvb_u8(tvb, at) & 0x0f) * 4;
        if (header < IPV4_MIN_HEADER || ikediag_tvb_u8(tvb, at + 9) != IP_PROTO_UDP ||
            (tvb_get_ntohs(tvb, at + 6) & IPV4_OFFSET_MASK))
            return FALSE;
        p->quoted_src.family = p->quoted_dst.family = 4;
        tvb_memcpy(tvb, p->quoted_src.bytes, at + 12, 4);
        tvb_memcpy(tvb, p->quoted_dst.bytes, at + 16, 4);
        *udp = at + header;
        *end = at + tvb_get_ntohs(tvb, at + 2);
        return TRUE;
    }
    if (version == 6 && tvb_bytes_exist(tvb, at, IPV6_HEADER) && ikediag_tvb_u8(tvb, at + 6) == IP_PROTO_UDP) {
        p->quoted_src.family = p->quoted_dst.family = 6;
        tvb_memcpy(tvb, p->quoted_src.bytes, at + 8, 16);
        tvb_memcpy(tvb, p->quoted_dst.bytes, at + 24, 16);
        *udp = at + IPV6_HEADER;
        *end = *udp + tvb_get_ntohs(tvb, at + 4);
        return TRUE;
    }
    return FALSE;
}

/* The frame's own ICMP or ICMPv6 error (not one quoted in another), if any:
 * its start in the frame and whether it is ICMPv6. */
static gboolean icmp_error(const frame_items *frame, tvbuff_t *top, gint *start, guint8 *version)
{
    for (size_t k = 0; k < G_N_ELEMENTS(frame->icmp); k++) {
        const GPtrArray *items = frame->icmp[k];
        const field_info *icmp = items && items->len ? (const field_info *)items->pdata[0] : NULL;
        if (!icmp || icmp->ds_tvb != top || !tvb_bytes_exist(top, icmp->start, ICMP_HEADER))
            continue;
        guint8 type = ikediag_tvb_u8(top, icmp->start);
        gboolean error = k == 0 ? type == ICMP4_UNREACHABLE || type == ICMP4_TIME_EXCEEDED
                                : type >= 1 && type <= ICMP6_ERROR_MAX;
        if (!error)
            return FALSE;
        *start = icmp->start;
        *version = k == 0 ? 4 : 6;
        return TRUE;
    }
    return FALSE;
}

/* The IKE message an ICMP error quotes: as many of its bytes as the error
 * holds (often 8), after the non-ESP marker when the quote shows one. */
static gboolean locate_icmp_quote(packet_info *pinfo, const frame_items *frame, ikediag_pdu *p)
{
    tvbuff_t *top = ikediag_data_source(pinfo, 0);
    gint icmp, udp, end;
    guint8 version;
    if (!top || !icmp_error(frame, top, &icmp, &version) || !quoted_ip(top, icmp + ICMP_HEADER, &udp, &end, p) ||
        !tvb_bytes_exist(top, udp, UDP_HEADER_LEN))
        return FALSE;
    guint16 src = tvb_get_ntohs(top, udp), dst = tvb_get_ntohs(top, udp + 2);
    gint start = udp + UDP_HEADER_LEN;
    gint reported = (gint)tvb_get_ntohs(top, udp + 4) - UDP_HEADER_LEN;
    gint captured = (gint)tvb_captured_length(top);
    gint available = (end < captured ? end : captured) - start;
    if (src == NAT_T_PORT || dst == NAT_T_PORT) {
        if (available < NON_ESP_MARKER_LEN || tvb_get_ntohl(top, start) != 0)
            return FALSE; /* ESP, or too little quoted to tell */
        start += NON_ESP_MARKER_LEN;
        available -= NON_ESP_MARKER_LEN;
        reported -= NON_ESP_MARKER_LEN;
    } else if (src != IKE_PORT && dst != IKE_PORT) {
        return FALSE;
    }
    if (available <= 0)
        return FALSE;
    p->tvb = top;
    p->ds_index = 0;
    p->start = start;
    p->length = available < reported || reported < 0 ? available : reported;
    p->reported_len = (guint)(reported > 0 ? reported : 0);
    p->transport = IKD_TRANSPORT_ICMP_QUOTE;
    p->icmp_version = version;
    p->icmp_type = ikediag_tvb_u8(top, icmp);
    p->icmp_code = ikediag_tvb_u8(top, icmp + 1);
    p->quoted_src_port = src;
    p->quoted_dst_port = dst;
    return TRUE;
}

guint ikediag_locate_pdus(packet_info *pinfo, proto_tree *tree, ikediag_pdu *out, guint max)
{
    if (!tree || proto_isakmp <= 0)
        return 0;
    const frame_items frame = frame_items_of(tree);
    /* A datagram Wireshark could not rebuild (with IP reassembly on) or shows
     * in pieces (with it off) is read as the fragment it is. */
    if (max && locate_ip_fragment(pinfo, &frame, &out[0]))
        return 1;
    if (max && locate_icmp_quote(pinfo, &frame, &out[0]))
        return 1;
    const GPtrArray *items = frame.isakmp;
    guint n = 0;
    for (guint i = 0; items && i < items->len && n < max; i++) {
        const field_info *fi = (const field_info *)items->pdata[i];
        if (!fi->ds_tvb || fi->length <= 1) /* 1 byte: a NAT-T keepalive */
            continue;
        if (inside_icmp(&frame, fi))
            continue;
        guint ds_index = data_source_index(pinfo, fi->ds_tvb);
        if (ds_index == G_MAXUINT)
            continue;
        ikediag_pdu *p = &out[n++];
        p->tvb = fi->ds_tvb;
        p->ds_index = ds_index;
        p->start = fi->start;
        p->transport = transport_of(pinfo, ds_index);
        message_extent(pinfo, &frame, fi, ds_index, p);
    }
    if (!n && max && on_ike_port(pinfo) && locate_bare_datagram(pinfo, &frame, &out[0]))
        n = 1;
    return n;
}
