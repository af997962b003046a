/* ikediag - what every IKE SA can say about itself.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/sa.h"

#include "common/vendor_id.h"

#include <stdio.h>

/* ikd_sa keeps these in its bit fields (the weaknesses in a byte, the
 * capability letters in 5 bits, the evidence in 2), and is one per SA of
 * the capture. */
G_STATIC_ASSERT(IKD_WEAK_P2_HASH <= 0x80 && IKD_CAP_FRAG < 1 << 5 && IKD_EVIDENCE_CONCLUSIVE < 1 << 2);
G_STATIC_ASSERT(sizeof(ikd_sa) <= 128);

const char *ikd_evidence_name(ikd_evidence evidence)
{
    static const char *const names[] = { "-", "weak", "strong", "conclusive" };
    return (unsigned)evidence < sizeof names / sizeof names[0] ? names[evidence] : "-";
}

bool ikd_conn_id_is_v2(uint32_t conn_id)
{
    return conn_id >= IKD_V2_CONN_ID_BASE;
}

uint32_t ikd_sa_number(uint32_t conn_id)
{
    return ikd_conn_id_is_v2(conn_id) ? conn_id - IKD_V2_CONN_ID_BASE + 1 : conn_id;
}

ikd_sa_extra *ikd_sa_extra_of(ikd_sa *sa)
{
    if (!sa->extra)
        sa->extra = g_new0(ikd_sa_extra, 1);
    return sa->extra;
}

const char *ikd_sa_implementation(const ikd_sa *sa, int peer)
{
    return ikd_vendor_name(ikd_sa_vendor(sa, peer));
}

void ikd_sa_note_vendor(ikd_sa *sa, int peer, uint8_t vendor)
{
    if (vendor && vendor <= IKD_VENDOR_MAX && (peer == 0 || peer == 1) && !ikd_sa_vendor(sa, peer))
        sa->vendors |= (uint8_t)(vendor << (4 * peer));
}

void ikd_sa_mark_deleted(ikd_sa *sa, uint32_t frame)
{
    sa->deleted = true;
    ikd_sa_extra_of(sa)->deleted_frame = frame;
}

void ikd_sa_add_retransmissions(ikd_sa *sa, uint32_t copies)
{
    if (copies)
        ikd_sa_extra_of(sa)->retransmissions += copies;
}

const ikd_sa_extra *ikd_sa_extra_const(const ikd_sa *sa)
{
    static const ikd_sa_extra none;
    return sa->extra ? sa->extra : &none;
}

void ikd_sa_set_older_same_spi(ikd_sa *sa, ikd_sa *older)
{
    if (older || sa->extra)
        ikd_sa_extra_of(sa)->older_same_spi = older;
}

GPtrArray *ikd_sa_owned_list(GPtrArray **list)
{
    if (!*list)
        *list = g_ptr_array_new_with_free_func(g_free);
    return *list;
}

void ikd_sa_extra_free(ikd_sa *sa)
{
    ikd_sa_extra *x = sa->extra;
    if (!x)
        return;
    if (x->certs)
        g_ptr_array_free(x->certs, TRUE);
    if (x->ca_requests)
        g_ptr_array_free(x->ca_requests, TRUE);
    if (x->fetches)
        g_ptr_array_free(x->fetches, TRUE);
    g_free(x);
    sa->extra = NULL;
}

bool ikd_sa_established(const ikd_sa *sa)
{
    return sa->established_frame || sa->established_before_capture;
}

ikd_address_pair ikd_sa_address_pair(const ikd_sa *sa)
{
    return ikd_address_pair_of(&sa->peer[0], &sa->peer[1]);
}

int ikd_sa_peer_index(const ikd_sa *sa, const ikd_packet *packet)
{
    bool from0 = ikd_address_equal(&packet->src, &sa->peer[0]);
    bool from1 = ikd_address_equal(&packet->src, &sa->peer[1]);
    if (from0 && from1) /* both peers on one address: ports tell them apart */
        return packet->dst_port == sa->port[1] && packet->src_port != sa->port[1] ? 0 : 1;
    if (from0 || from1)
        return from0 ? 0 : 1;
    /* The source was translated on the way (capture spans a NAT): try the destination. */
    if (ikd_address_equal(&packet->dst, &sa->peer[1]))
        return 0;
    if (ikd_address_equal(&packet->dst, &sa->peer[0]))
        return 1;
    return -1;
}

ikd_role ikd_sa_role_of(const ikd_sa *sa, int peer)
{
    if (!sa->roles_known || peer < 0)
        return IKD_ROLE_UNKNOWN;
    return peer == 0 ? IKD_ROLE_INITIATOR : IKD_ROLE_RESPONDER;
}

const char *ikd_sa_status(const ikd_sa *sa)
{
    return sa->deleted || sa->abandoned ? "ACTIVE (deleted)" : "ACTIVE";
}

const char *ikd_sa_capabilities(const ikd_sa *sa, char *buf, size_t size)
{
    snprintf(buf, size, "%s%s%s%s%s", sa->capabilities & IKD_CAP_MODE_CFG ? "C" : "",
             sa->capabilities & IKD_CAP_DPD ? "D" : "", sa->capabilities & IKD_CAP_FRAG ? "F" : "",
             sa->capabilities & IKD_CAP_NAT_T ? "N" : "", sa->capabilities & IKD_CAP_XAUTH ? "X" : "");
    return buf;
}

void ikd_sa_forget_verdict(ikd_sa *sa)
{
    sa->verdict = NULL;
    sa->verdict_evidence = IKD_EVIDENCE_NONE;
    sa->abandoned = false;
}
