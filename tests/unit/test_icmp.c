/* ikediag unit tests - ICMP and ICMPv6 errors quoting IKE messages: each kind
 * tied to the SA and the message it quotes (by both cookies, or by the
 * initiator cookie alone when only 8 bytes are quoted), never counted as a
 * message, and the SA's verdict saying what the host answered instead of
 * silence. Packets are fed to the engine as the plugin feeds them.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "engine.h"
#include "ikev1/icmp.h"
#include "ikev1_builder.h"
#include "report/finding_text.h"

#include <glib.h>
#include <string.h>

static const ikd_address ini_v4 = { 4, { 192, 0, 2, 10 } };
static const ikd_address resp_v4 = { 4, { 192, 0, 2, 1 } };
static const ikd_address router_v4 = { 4, { 198, 51, 100, 1 } };
static const ikd_address ini_v6 = { 6, { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10 } };
static const ikd_address resp_v6 = { 6, { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01 } };
static const ikd_address router_v6 = { 6, { 0x20, 0x01, 0x0d, 0xb8, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01 } };

/* Feeds the message from src to dst on UDP 500; captured 0 means all of it. */
static void feed(ikd_engine *e, const ikb_msg *m, const ikd_address *src, const ikd_address *dst, uint32_t frame,
                 double time, ikd_transport t, size_t captured, ikd_annotation *ann)
{
    size_t len = m->bytes->len;
    ikd_packet p = { .frame = frame, .time = time, .src = *src, .dst = *dst, .src_port = 500, .dst_port = 500,
                     .transport = t, .bytes = m->bytes->data, .captured_len = captured ? captured : len,
                     .reported_len = len };
    ikd_engine_feed(e, &p, ann);
    ikd_annotation_clear(ann);
}

/* An ICMP error from `from` quoting the first `quoted` bytes of m, which went src -> dst. */
static void feed_icmp(ikd_engine *e, const ikb_msg *m, const ikd_address *src, const ikd_address *dst,
                      const ikd_address *from, uint8_t type, uint8_t code, uint32_t frame, double time, size_t quoted,
                      ikd_annotation *ann)
{
    ikd_packet p = { .frame = frame, .time = time, .src = *src, .dst = *dst, .src_port = 500, .dst_port = 500,
                     .transport = IKD_TRANSPORT_ICMP_QUOTE, .bytes = m->bytes->data, .captured_len = quoted,
                     .reported_len = m->bytes->len, .icmp_from = *from, .icmp_version = from->family,
                     .icmp_type = type, .icmp_code = code };
    ikd_engine_feed(e, &p, ann);
}

static void assert_text(const ikd_finding *f, const char *expected)
{
    char text[512];
    ikd_finding_render(ikd_finding_lookup((ikd_finding_id)f->id)->detail, f, text, sizeof text);
    g_assert_cmpstr(text, ==, expected);
}

typedef struct {
    const char *name;
    bool v6;
    bool from_router; /* a router in the path sent it, not the peer */
    uint8_t type, code;
    size_t quoted; /* bytes of MM1 quoted */
    ikd_finding_id finding, verdict;
    const char *finding_text, *verdict_text;
} icmp_case;

#define TIED_BY_COOKIE " (tied by the initiator cookie alone: the error quotes too little of the message to read more)"

static const icmp_case cases[] = {
    { "port_unreachable", false, false, 3, 3, 8, IKD_F_ICMP_PORT_UNREACHABLE, IKD_F_STUCK_ICMP_PORT_UNREACHABLE,
      "ICMP port unreachable from 192.0.2.1 about MM1 of SA 1001" TIED_BY_COOKIE,
      "MM1 of SA 1001" TIED_BY_COOKIE " was answered by ICMP port unreachable from 192.0.2.1, not by IKE: no IKE "
      "service listening on the peer (crypto map or ISAKMP not enabled on that interface, daemon down)" },
    { "port_unreachable_v6", true, false, 1, 4, 48, IKD_F_ICMP_PORT_UNREACHABLE, IKD_F_STUCK_ICMP_PORT_UNREACHABLE,
      "ICMP port unreachable from 2001:db8::1 about MM1 of SA 1001",
      "MM1 of SA 1001 was answered by ICMP port unreachable from 2001:db8::1, not by IKE: no IKE service listening "
      "on the peer (crypto map or ISAKMP not enabled on that interface, daemon down)" },
    { "admin_prohibited", false, true, 3, 13, 28, IKD_F_ICMP_ADMIN_PROHIBITED, IKD_F_STUCK_ICMP_ADMIN_PROHIBITED,
      "ICMP administratively prohibited from 198.51.100.1 about MM1 of SA 1001",
      "MM1 of SA 1001 was answered by ICMP administratively prohibited from 198.51.100.1, not by IKE: an ACL or "
      "firewall in the path refuses UDP 500/4500" },
    { "admin_prohibited_v6", true, true, 1, 1, 48, IKD_F_ICMP_ADMIN_PROHIBITED, IKD_F_STUCK_ICMP_ADMIN_PROHIBITED,
      "ICMP administratively prohibited from 2001:db8:1::1 about MM1 of SA 1001",
      "MM1 of SA 1001 was answered by ICMP administratively prohibited from 2001:db8:1::1, not by IKE: an ACL or "
      "firewall in the path refuses UDP 500/4500" },
    { "frag_needed", false, true, 3, 4, 8, IKD_F_ICMP_FRAG_NEEDED, IKD_F_STUCK_ICMP_FRAG_NEEDED,
      "ICMP fragmentation needed / packet too big from 198.51.100.1 about MM1 of SA 1001" TIED_BY_COOKIE,
      "MM1 of SA 1001" TIED_BY_COOKIE " was answered by ICMP fragmentation needed / packet too big from "
      "198.51.100.1: path MTU: large IKE messages (certificates) dropped; use IKE fragmentation" },
    { "packet_too_big_v6", true, true, 2, 0, 48, IKD_F_ICMP_FRAG_NEEDED, IKD_F_STUCK_ICMP_FRAG_NEEDED,
      "ICMP fragmentation needed / packet too big from 2001:db8:1::1 about MM1 of SA 1001",
      "MM1 of SA 1001 was answered by ICMP fragmentation needed / packet too big from 2001:db8:1::1: path MTU: "
      "large IKE messages (certificates) dropped; use IKE fragmentation" },
    { "host_unreachable", false, true, 3, 1, 8, IKD_F_ICMP_UNREACHABLE, IKD_F_STUCK_ICMP_UNREACHABLE,
      "ICMP destination unreachable from 198.51.100.1 about MM1 of SA 1001" TIED_BY_COOKIE,
      "MM1 of SA 1001" TIED_BY_COOKIE " was answered by ICMP destination unreachable from 198.51.100.1, not by "
      "IKE: no route to the peer, or the peer is down" },
    { "ttl_exceeded", false, true, 11, 0, 8, IKD_F_ICMP_TTL_EXCEEDED, IKD_F_STUCK_ICMP_TTL_EXCEEDED,
      "ICMP time to live exceeded from 198.51.100.1 about MM1 of SA 1001" TIED_BY_COOKIE,
      "MM1 of SA 1001" TIED_BY_COOKIE " was answered by ICMP time to live exceeded from 198.51.100.1, not by IKE: "
      "a routing loop on the way to the peer, or the peer too far away" },
    { "hop_limit_exceeded_v6", true, true, 3, 0, 48, IKD_F_ICMP_TTL_EXCEEDED, IKD_F_STUCK_ICMP_TTL_EXCEEDED,
      "ICMP time to live exceeded from 2001:db8:1::1 about MM1 of SA 1001",
      "MM1 of SA 1001 was answered by ICMP time to live exceeded from 2001:db8:1::1, not by IKE: a routing loop "
      "on the way to the peer, or the peer too far away" },
};

/* MM1 sent twice and answered only by an ICMP error: a finding on the error,
 * tied to the SA and MM1, and the SA's verdict naming what answered. */
static void test_icmp_case(gconstpointer data)
{
    const icmp_case *c = data;
    const ikd_address *sender = c->v6 ? &ini_v6 : &ini_v4, *peer = c->v6 ? &resp_v6 : &resp_v4;
    const ikd_address *from = c->from_router ? (c->v6 ? &router_v6 : &router_v4) : peer;
    ikb_msg *mm1 = ikb_canned_mm1();
    ikd_engine *e = ikd_engine_new();
    ikd_annotation ann;
    feed(e, mm1, sender, peer, 1, 0.0, IKD_TRANSPORT_UDP, 0, &ann);
    feed_icmp(e, mm1, sender, peer, from, c->type, c->code, 2, 0.001, c->quoted, &ann);
    g_assert_cmpuint(ann.findings.count, ==, 1);
    g_assert_cmpuint(ann.findings.items[0].id, ==, c->finding);
    assert_text(&ann.findings.items[0], c->finding_text);
    g_assert_cmpuint(ann.result.conn_id, ==, 1001);
    g_assert_cmpuint(ann.result.step, ==, IKD_STEP_MM1);
    g_assert_cmpuint(ann.result.sender, ==, IKD_ROLE_INITIATOR);
    ikd_annotation_clear(&ann);
    feed(e, mm1, sender, peer, 3, 2.0, IKD_TRANSPORT_UDP, 0, &ann);
    const ikd_sa *sa = ikd_engine_sa(e, 0);
    g_assert_cmpuint(ikd_engine_sa_count(e), ==, 1);
    g_assert_cmpuint(sa->messages, ==, 2); /* the quote is not a message */
    g_assert_nonnull(sa->verdict);
    g_assert_cmpuint(sa->verdict->id, ==, c->verdict);
    g_assert_cmpuint(sa->verdict_evidence, ==, IKD_EVIDENCE_STRONG);
    assert_text(sa->verdict, c->verdict_text);
    ikd_finding_list verdicts = { .count = 0 };
    ikd_engine_verdicts(e, 3, 0, &verdicts);
    g_assert_true(ikd_findings_has(&verdicts, c->verdict));
    /* Answered by ICMP is not silence: no "never answered" beside it. */
    g_assert_false(ikd_findings_has(&verdicts, IKD_F_PEER_NOT_RESPONDING));
    ikd_engine_free(e);
    ikb_msg_free(mm1);
}

/* Silence stays "never answered". */
static void test_silence(void)
{
    ikb_msg *mm1 = ikb_canned_mm1();
    ikd_engine *e = ikd_engine_new();
    ikd_annotation ann;
    feed(e, mm1, &ini_v4, &resp_v4, 1, 0.0, IKD_TRANSPORT_UDP, 0, &ann);
    feed(e, mm1, &ini_v4, &resp_v4, 2, 2.0, IKD_TRANSPORT_UDP, 0, &ann);
    g_assert_cmpuint(ikd_engine_sa(e, 0)->verdict->id, ==, IKD_F_STUCK_MM_NO_STATE);
    ikd_engine_free(e);
    ikb_msg_free(mm1);
}

/* Port unreachable and TTL exceeded about the same MM1: the peer's own
 * answer explains more and is the verdict; one copy of MM1 is enough. */
static void test_strongest_reason(void)
{
    ikb_msg *mm1 = ikb_canned_mm1();
    ikd_engine *e = ikd_engine_new();
    ikd_annotation ann;
    feed(e, mm1, &ini_v4, &resp_v4, 1, 0.0, IKD_TRANSPORT_UDP, 0, &ann);
    feed_icmp(e, mm1, &ini_v4, &resp_v4, &router_v4, 11, 0, 2, 0.01, 8, &ann);
    ikd_annotation_clear(&ann);
    feed_icmp(e, mm1, &ini_v4, &resp_v4, &resp_v4, 3, 3, 3, 0.02, 8, &ann);
    ikd_annotation_clear(&ann);
    const ikd_sa *sa = ikd_engine_sa(e, 0);
    g_assert_cmpuint(sa->verdict->id, ==, IKD_F_STUCK_ICMP_PORT_UNREACHABLE);
    g_assert_cmpuint(sa->messages, ==, 1);
    ikd_engine_free(e);
    ikb_msg_free(mm1);
}

/* MM3 sent as IP fragments, never whole, and the responder reports the
 * reassembly timeout: still the lost-fragment verdict, now conclusive. */
static void test_reassembly_time_exceeded(void)
{
    ikb_msg *mm1 = ikb_canned_mm1(), *mm2 = ikb_canned_mm2(), *mm3 = ikb_canned_mm3();
    ikd_engine *e = ikd_engine_new();
    ikd_annotation ann;
    feed(e, mm1, &ini_v4, &resp_v4, 1, 0.0, IKD_TRANSPORT_UDP, 0, &ann);
    feed(e, mm2, &resp_v4, &ini_v4, 2, 0.01, IKD_TRANSPORT_UDP, 0, &ann);
    feed(e, mm3, &ini_v4, &resp_v4, 3, 0.02, IKD_TRANSPORT_IP_FRAGMENT, 200, &ann);
    feed(e, mm3, &ini_v4, &resp_v4, 4, 2.02, IKD_TRANSPORT_IP_FRAGMENT, 200, &ann);
    g_assert_cmpuint(ikd_engine_sa(e, 0)->verdict_evidence, ==, IKD_EVIDENCE_STRONG);
    feed_icmp(e, mm3, &ini_v4, &resp_v4, &resp_v4, 11, 1, 5, 30.0, 200, &ann);
    g_assert_cmpuint(ann.findings.items[0].id, ==, IKD_F_ICMP_REASSEMBLY);
    assert_text(&ann.findings.items[0], "ICMP fragment reassembly time exceeded from 192.0.2.1 about MM3 of SA 1001: "
                                        "it never received all IP fragments of it");
    ikd_annotation_clear(&ann);
    const ikd_sa *sa = ikd_engine_sa(e, 0);
    g_assert_cmpuint(sa->verdict->id, ==, IKD_F_STUCK_IP_FRAGMENTS_LOST);
    g_assert_cmpuint(sa->verdict_evidence, ==, IKD_EVIDENCE_CONCLUSIVE);
    ikd_engine_free(e);
    ikb_msg_free(mm1);
    ikb_msg_free(mm2);
    ikb_msg_free(mm3);
}

/* A quote whose cookies no SA of the capture has still gets its finding;
 * a quote that does not reach the initiator cookie ties to nothing. */
static void test_no_sa(void)
{
    ikb_msg *mm1 = ikb_canned_mm1();
    ikd_engine *e = ikd_engine_new();
    ikd_annotation ann;
    feed_icmp(e, mm1, &ini_v4, &resp_v4, &resp_v4, 3, 3, 1, 0.0, 28, &ann);
    g_assert_cmpuint(ann.result.conn_id, ==, 0);
    assert_text(&ann.findings.items[0],
                "ICMP port unreachable from 192.0.2.1 about an IKE message of no SA in the capture");
    ikd_annotation_clear(&ann);
    feed(e, mm1, &ini_v4, &resp_v4, 2, 0.5, IKD_TRANSPORT_UDP, 0, &ann);
    feed_icmp(e, mm1, &ini_v4, &resp_v4, &resp_v4, 3, 3, 3, 0.6, 4, &ann);
    g_assert_cmpuint(ann.result.conn_id, ==, 0);
    assert_text(&ann.findings.items[0],
                "ICMP port unreachable from 192.0.2.1 about an IKE message no SA of the capture matches "
                "(the error quotes only its first bytes)");
    ikd_annotation_clear(&ann);
    g_assert_cmpuint(ikd_engine_sa_count(e), ==, 1);
    ikd_engine_free(e);
    ikb_msg_free(mm1);
}

static void test_kinds(void)
{
    g_assert_cmpuint(ikd_icmp_kind_of(4, 3, 3), ==, IKD_ICMP_PORT_UNREACHABLE);
    g_assert_cmpuint(ikd_icmp_kind_of(4, 3, 13), ==, IKD_ICMP_ADMIN_PROHIBITED);
    g_assert_cmpuint(ikd_icmp_kind_of(4, 3, 10), ==, IKD_ICMP_ADMIN_PROHIBITED);
    g_assert_cmpuint(ikd_icmp_kind_of(4, 3, 4), ==, IKD_ICMP_FRAG_NEEDED);
    g_assert_cmpuint(ikd_icmp_kind_of(4, 3, 0), ==, IKD_ICMP_UNREACHABLE);
    g_assert_cmpuint(ikd_icmp_kind_of(4, 11, 0), ==, IKD_ICMP_TTL_EXCEEDED);
    g_assert_cmpuint(ikd_icmp_kind_of(4, 11, 1), ==, IKD_ICMP_REASSEMBLY);
    g_assert_cmpuint(ikd_icmp_kind_of(4, 0, 0), ==, IKD_ICMP_NONE);
    g_assert_cmpuint(ikd_icmp_kind_of(6, 1, 4), ==, IKD_ICMP_PORT_UNREACHABLE);
    g_assert_cmpuint(ikd_icmp_kind_of(6, 1, 1), ==, IKD_ICMP_ADMIN_PROHIBITED);
    g_assert_cmpuint(ikd_icmp_kind_of(6, 1, 3), ==, IKD_ICMP_UNREACHABLE);
    g_assert_cmpuint(ikd_icmp_kind_of(6, 2, 0), ==, IKD_ICMP_FRAG_NEEDED);
    g_assert_cmpuint(ikd_icmp_kind_of(6, 3, 0), ==, IKD_ICMP_TTL_EXCEEDED);
    g_assert_cmpuint(ikd_icmp_kind_of(6, 3, 1), ==, IKD_ICMP_REASSEMBLY);
    g_assert_cmpuint(ikd_icmp_kind_of(6, 128, 0), ==, IKD_ICMP_NONE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        char *path = g_strdup_printf("/icmp/%s", cases[i].name);
        g_test_add_data_func(path, &cases[i], test_icmp_case);
        g_free(path);
    }
    g_test_add_func("/icmp/silence", test_silence);
    g_test_add_func("/icmp/strongest_reason", test_strongest_reason);
    g_test_add_func("/icmp/reassembly_time_exceeded", test_reassembly_time_exceeded);
    g_test_add_func("/icmp/no_sa", test_no_sa);
    g_test_add_func("/icmp/kinds", test_kinds);
    return g_test_run();
}
