/* ikediag - NAT detection from the wire (RFC 3947 section 3.2).
 *
 * Each peer sends, in MM3/MM4 (AM1/AM2), NAT-D payloads holding
 * HASH(CKY-I | CKY-R | IP | port) of the destination it sends to (the first
 * one) and of its own source addresses (the others), with the negotiated
 * hash. Recomputed from the addresses this capture shows, a source hash that
 * does not match means the sender's address was translated before the
 * capture point (the sender is behind NAT); a destination hash that does not
 * match means the capture sees the receiver behind a translation (the capture
 * is on the receiver's inside).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/nat_detect.h"

#include "common/nat_d_input.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/transform.h"

#include <gnutls/crypto.h>

#include <string.h>

static bool digest_of(uint16_t hash, gnutls_digest_algorithm_t *out)
{
    switch (hash) {
    case IKD_HASH_MD5: *out = GNUTLS_DIG_MD5; return true;
    case IKD_HASH_SHA1: *out = GNUTLS_DIG_SHA1; return true;
    case IKD_HASH_SHA256: *out = GNUTLS_DIG_SHA256; return true;
    case IKD_HASH_SHA384: *out = GNUTLS_DIG_SHA384; return true;
    case IKD_HASH_SHA512: *out = GNUTLS_DIG_SHA512; return true;
    default: return false;
    }
}

/* The last NAT-D hashes computed, by their input: MM4 hashes the same two
 * (cookies, address, port) inputs as MM3, the other way round, so each SA's
 * second pair is found here (SHA-1 was 12% of the engine's time on healthy
 * SAs, callgrind). A pure function's memo: per thread, shared by engines. */
enum { NAT_D_MEMO_SLOTS = 8 };
typedef struct {
    gnutls_digest_algorithm_t type; /* 0: empty */
    uint8_t input_len, digest_len;
    uint8_t input[IKD_NAT_D_INPUT_MAX];
    uint8_t digest[64];
} nat_d_memo;
static _Thread_local nat_d_memo memo[NAT_D_MEMO_SLOTS];

/* HASH(CKY-I | CKY-R | IP | port) into out; returns its length, 0 on failure.
 * One call of GnuTLS's one-shot digest: GLib's GChecksum (allocated, fed in
 * four pieces, finished) cost 7,000 instructions a hash (callgrind). */
static size_t nat_d_hash(gnutls_digest_algorithm_t type, const ikd_sa *sa, const ikd_address *ip, uint16_t port,
                         uint8_t out[64])
{
    uint8_t input[IKD_NAT_D_INPUT_MAX];
    size_t input_len = ikd_nat_d_input(sa->spi_i, sa->spi_r, ip, port, input);
    size_t ip_len = input_len - 18;
    nat_d_memo *m = &memo[(sa->spi_i[7] ^ ip->bytes[ip_len - 1] ^ port) % NAT_D_MEMO_SLOTS];
    if (m->type == type && m->input_len == input_len && !memcmp(m->input, input, input_len)) {
        memcpy(out, m->digest, m->digest_len);
        return m->digest_len;
    }
    size_t len = gnutls_hash_get_len(type);
    if (!len || len > 64 || gnutls_hash_fast(type, input, input_len, out) < 0)
        return 0;
    m->type = type;
    m->input_len = (uint8_t)input_len;
    m->digest_len = (uint8_t)len;
    memcpy(m->input, input, input_len);
    memcpy(m->digest, out, len);
    return len;
}

static bool matches(const ikd_packet *p, const ikd_payload_ref *pl, const uint8_t *expected, size_t len)
{
    size_t data_len = pl->length >= 4 ? pl->length - 4u : 0;
    return pl->offset + (size_t)pl->length <= p->captured_len && data_len == len &&
           !memcmp(p->bytes + pl->offset + 4, expected, len);
}

void ikd_v1_check_nat_detection(const ikd_v1_event *ev)
{
    gnutls_digest_algorithm_t type;
    const ikd_message *m = ev->msg;
    const ikd_packet *p = ev->packet;
    ikd_sa *sa = &ev->sa->sa;
    int peer = ev->peer;
    if (!sa->spi_r_known || peer < 0 || !digest_of(ikd_v1_chosen_or_none(ev->sa)->hash, &type))
        return;
    /* Only MM3/MM4 (AM1/AM2) carry NAT-D: hash nothing for the other
     * messages (two hashes per phase-1 message were a fifth of the engine's
     * time on healthy SAs, callgrind). */
    if (!ikd_message_has_payload(m, IKD_PL_NATD))
        return;
    uint8_t dst_hash[64], src_hash[64];
    size_t len = nat_d_hash(type, sa, &p->dst, p->dst_port, dst_hash);
    if (!len || nat_d_hash(type, sa, &p->src, p->src_port, src_hash) != len)
        return;
    int seen = 0, dst_ok = -1, sources = 0, sources_ok = 0;
    for (uint32_t i = 0; i < m->payload_count; i++) {
        const ikd_payload_ref *pl = &m->payloads[i];
        if (ikd_payload_canonical(pl->type) != IKD_PL_NATD)
            continue;
        if (seen++ == 0) {
            dst_ok = matches(p, pl, dst_hash, len);
        } else {
            sources++;
            sources_ok += matches(p, pl, src_hash, len);
        }
    }
    if (!seen)
        return;
    ikd_role sender = peer == 0 ? IKD_ROLE_INITIATOR : IKD_ROLE_RESPONDER;
    ikd_role receiver = peer == 0 ? IKD_ROLE_RESPONDER : IKD_ROLE_INITIATOR;
    if (sources && !sources_ok) {
        sa->nat_behind |= 1u << peer;
        ikd_findings_add(&ev->ann->findings, IKD_F_NAT_DETECTED, 0, 0, sender, (uint32_t)sources_ok,
                         (uint32_t)sources, 0);
    }
    if (dst_ok == 0) {
        sa->nat_behind |= 1u << (1 - peer);
        ikd_findings_add(&ev->ann->findings, IKD_F_NAT_DETECTED, 0, 0, receiver, 0, 1, 0);
    }
}
