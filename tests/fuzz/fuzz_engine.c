/* ikediag - libFuzzer target for the whole engine: SA tracking, the Cisco
 * state machine, verdicts and the text tables, over a sequence of messages.
 *
 * Input: records of [control byte][2-byte big-endian length][message]. The
 * control byte picks the direction, one of two peer pairs (IPv4 or IPv6), NAT-T
 * transport and how much time passes; messages that run short are cut.
 * NAT-T with bits 8 and 16 both set is instead an ICMP error (its kind from
 * the time bits) quoting the message. A NAT-T message that is the one byte
 * 0xFF is a NAT-T keepalive, as the plugin's locator hands it over.
 * Then each peer fetches the lab's CRL URL over TCP (SYN, GET, answer) with
 * the whole input as the answer's body: the revocation readers (fetches tied
 * to SAs, the CRL read with GnuTLS) see hostile bodies too.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/analysis_text.h"
#include "report/cisco_text.h"
#include "report/finding_text.h"
#include "report/ipsec_text.h"
#include "report/session_text.h"
#include "engine.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A CRL fetch by each peer of the first SA to the lab's CRL server
 * (http://192.0.2.80:8080/ca.crl), answered with the input itself. */
static void feed_fetches(ikd_engine *engine, const uint8_t *data, size_t size, uint32_t frame)
{
    const ikd_sa *sa = ikd_engine_sa_count(engine) ? ikd_engine_sa(engine, 0) : NULL;
    const ikd_address server = { 4, { 192, 0, 2, 80 } };
    for (int peer = 0; sa && peer < 2; peer++) {
        ikd_tcp_segment seg = { .time = sa->last_time + 0.1, .src = sa->peer[peer], .dst = server,
                                .src_port = 40000, .dst_port = 8080, .stream = (uint32_t)peer };
        const ikd_sa *owner;
        seg.frame = ++frame, seg.syn = true;
        (void)ikd_engine_note_tcp(engine, &seg, &owner);
        seg.frame = ++frame, seg.syn = false, seg.ack = true, seg.request_uri = "http://192.0.2.80:8080/ca.crl";
        (void)ikd_engine_note_tcp(engine, &seg, &owner);
        ikd_tcp_segment answer = { .frame = ++frame, .time = seg.time + 0.01, .src = server, .dst = sa->peer[peer],
                                   .src_port = 8080, .dst_port = 40000, .stream = (uint32_t)peer, .ack = true,
                                   .response_code = 200, .body = data, .body_len = size };
        (void)ikd_engine_note_tcp(engine, &answer, &owner);
    }
}

static ikd_address address(int family, uint8_t last)
{
    ikd_address a = { (uint8_t)family, { 0 } };
    if (family == 4) {
        a.bytes[0] = 192, a.bytes[1] = 0, a.bytes[2] = 2, a.bytes[3] = last;
    } else {
        a.bytes[0] = 0x20, a.bytes[1] = 0x01, a.bytes[2] = 0x0d, a.bytes[3] = 0xb8, a.bytes[15] = last;
    }
    return a;
}

static void check_findings(const ikd_finding_list *list, size_t captured)
{
    for (uint32_t i = 0; i < list->count; i++) {
        const ikd_finding *f = &list->items[i];
        const ikd_finding_info *info = ikd_finding_lookup((ikd_finding_id)f->id);
        if (!info || f->offset > captured || f->length > captured - f->offset)
            abort();
        char text[128];
        ikd_finding_render(info->detail, f, text, sizeof text);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ikd_engine *engine = ikd_engine_new();
    double now = 1000.0;
    uint32_t frame = 0;
    size_t pos = 0;
    while (pos + 3 <= size && frame < 512) {
        uint8_t control = data[pos];
        size_t len = (size_t)data[pos + 1] << 8 | data[pos + 2];
        pos += 3;
        if (len > size - pos)
            len = size - pos;
        int family = control & 4 ? 6 : 4;
        uint8_t a = control & 8 ? 10 : 1, b = control & 8 ? 20 : 2;
        bool reverse = control & 1;
        ikd_packet p = {
            .frame = ++frame,
            .pdu = 0,
            .time = now,
            .src = address(family, reverse ? b : a),
            .dst = address(family, reverse ? a : b),
            .src_port = control & 2 ? 4500 : 500,
            .dst_port = control & 2 ? 4500 : 500,
            /* 16 without 8: the first IP fragment of a longer datagram */
            .transport = (control & 24) == 16 ? IKD_TRANSPORT_IP_FRAGMENT
                         : control & 2        ? IKD_TRANSPORT_UDP_ENCAP
                                              : IKD_TRANSPORT_UDP,
            .bytes = data + pos,
            .captured_len = len,
            .reported_len = len + (control & 16 ? 8 : 0),
            .reassembled_in_frame = (control & 24) == 24,
        };
        if ((control & 26) == 26) {
            /* port unreachable, admin prohibited, frag needed, host unreachable, TTL, reassembly... */
            static const uint8_t icmp[8][3] = { { 4, 3, 3 }, { 4, 3, 13 }, { 4, 3, 4 }, { 4, 3, 1 },
                                                { 4, 11, 0 }, { 4, 11, 1 }, { 6, 1, 4 }, { 6, 2, 0 } };
            const uint8_t *kind = icmp[control >> 5];
            p.transport = IKD_TRANSPORT_ICMP_QUOTE;
            p.icmp_from = address(kind[0], 99);
            p.icmp_version = kind[0], p.icmp_type = kind[1], p.icmp_code = kind[2];
        }
        /* An encrypted message's own body stands for Wireshark's decryption
         * of it, so the readers of decrypted payloads (DPD, deletes,
         * notifications, phase-2 offers) see hostile input too. */
        if (len > 28 && data[pos + 19] & 1) {
            p.decrypted = data + pos + 28;
            p.decrypted_len = len - 28;
            p.decrypted_reassembled = (control & 64) != 0; /* IKEv2: as if it completed SKF fragments */
        }
        if ((control & 26) == 2 && len == 1 && data[pos] == 0xff)
            p.transport = IKD_TRANSPORT_NAT_KEEPALIVE;
        now += (control >> 5) * 7.5;
        ikd_annotation ann;
        ikd_engine_feed(engine, &p, &ann);
        check_findings(&ann.findings, len);
        ikd_annotation_clear(&ann); /* the texts it owns (remote-access attributes, IOS debug) */
        pos += len;
    }
    feed_fetches(engine, data, size, frame);
    /* Everything asked of the whole capture, for every message. */
    for (uint32_t f = 1; f <= frame; f++) {
        ikd_finding_list verdicts;
        ikd_engine_verdicts(engine, f, 0, &verdicts);
        check_findings(&verdicts, 0);
        (void)ikd_engine_response_in(engine, f, 0);
    }
    GString *out = g_string_new(NULL);
    ikd_text_show_isakmp_sa(engine, NULL, out);
    ikd_text_show_isakmp_sa_detail(engine, NULL, out);
    ikd_text_sa_analysis(engine, NULL, out);
    ikd_text_show_ipsec_sa(engine, NULL, out);
    ikd_text_show_crypto_session(engine, NULL, out);
    for (uint32_t i = 0; i < ikd_engine_sa_count(engine); i++) /* the GUI's row of each SA's session */
        ikd_session_free(ikd_session_of(engine, ikd_engine_sa(engine, i)));
    g_string_free(out, TRUE);
    ikd_engine_free(engine);
    return 0;
}
