/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/ikev2/icmp with common/icmp: ICMP errors
 * quoting an IKEv2 message tied to its SA and step, never counted as its
 * messages, and an IKE_SA_INIT answered only by ICMP judged by it.
 * Initiator 192.0.2.10, responder 192.0.2.1, a firewall 198.51.100.1. */
#include "common/icmp.h"
#include "engine.h"
#include "ikev2/ikev2_sa.h"
#include "ikev2_builder.h"
#include "report/finding_text.h"

#include <glib.h>
#include <string.h>

static const ikd_address ini_addr = { 4, { 192, 0, 2, 10 } }, resp_addr = { 4, { 192, 0, 2, 1 } };
static const ikd_address firewall = { 4, { 198, 51, 100, 1 } };

static void feed_request(ikd_engine *e, uint32_t frame, double time, const ikv2b_msg *m, ikd_annotation *ann)
{
    const ikd_packet p = { .frame = frame, .time = time, .src = ini_addr, .dst = resp_addr, .src_port = 500,
                           .dst_port = 500, .transport = IKD_TRANSPORT_UDP, .bytes = m->b->data,
                           .captured_len = m->b->len, .reported_len = m->b->len };
    ikd_engine_feed(e, &p, ann);
}

/* An ICMPv4 error from `from` quoting the first `quoted` bytes of m. */
static void feed_icmp(ikd_engine *e, uint32_t frame, double time, const ikv2b_msg *m, size_t quoted,
                      const ikd_address *from, uint8_t type, uint8_t code, ikd_annotation *ann)
{
    const ikd_packet p = { .frame = frame, .time = time, .src = ini_addr, .dst = resp_addr, .src_port = 500,
                           .dst_port = 500, .transport = IKD_TRANSPORT_ICMP_QUOTE, .bytes = m->b->data,
                           .captured_len = quoted, .reported_len = m->b->len, .icmp_from = *from,
                           .icmp_version = 4, .icmp_type = type, .icmp_code = code };
    ikd_engine_feed(e, &p, ann);
}

static const char *text_of(const char *tmpl, const ikd_finding *f)
{
    static char text[512];
    return ikd_finding_render(tmpl, f, text, sizeof text);
}

/* captures/ikev2-port-unreachable: every IKE_SA_INIT answered by port unreachable. */
static void test_port_unreachable(void)
{
    ikd_engine *e = ikd_engine_new();
    ikd_annotation ann;
    ikv2b_msg *m = ikv2b_sa_init_request();
    for (uint32_t i = 0; i < 2; i++) {
        feed_request(e, 2 * i + 1, 2.0 * i, m, &ann);
        feed_icmp(e, 2 * i + 2, 2.0 * i + 0.001, m, m->b->len, &resp_addr, 3, 3, &ann);
    }
    g_assert_cmpuint(ann.result.ike_version, ==, 2);
    g_assert_cmpuint(ikd_sa_number(ann.result.conn_id), ==, 1);
    g_assert_true(ikd_conn_id_is_v2(ann.result.conn_id));
    g_assert_cmpint(ann.result.step, ==, IKD_STEP_IKE_SA_INIT);
    g_assert_cmpint(ann.result.state_initiator, ==, IKD_IOS_I_WAIT_INIT);
    g_assert_cmpuint(ann.findings.count, ==, 1);
    g_assert_cmpstr(text_of(ikd_finding_lookup(IKD_F_ICMP_PORT_UNREACHABLE)->detail, &ann.findings.items[0]), ==,
                    "ICMP port unreachable from 192.0.2.1 about IKE_SA_INIT of SA 1");
    const ikd_v2_sa *v2 = ikd_v2_sa_of_const(ikd_engine_sa(e, 0));
    g_assert_cmpuint(v2->sa.messages, ==, 2); /* the quotes are not messages of the SA */
    g_assert_cmpuint(ikd_v2_icmp_seen(v2)[IKD_ICMP_PORT_UNREACHABLE].count, ==, 2);
    ikd_finding_list verdicts = { 0 };
    ikd_engine_verdicts(e, 3, 0, &verdicts);
    g_assert_cmpuint(verdicts.count, ==, 1);
    g_assert_cmpuint(verdicts.items[0].id, ==, IKD_F_V2_STUCK_ICMP);
    g_assert_cmpstr(text_of(ikd_finding_lookup(IKD_F_V2_STUCK_ICMP)->detail, &verdicts.items[0]), ==,
                    "SA 1 stuck in I_WAIT_INIT: IKE_SA_INIT (2 copies) answered by ICMP port unreachable, not by "
                    "IKE \xe2\x80\x94 no IKE service listening on the peer (IKE not enabled on that interface, "
                    "daemon down)");
    g_assert_cmpint(v2->sa.verdict_evidence, ==, IKD_EVIDENCE_STRONG);
    ikv2b_free(m);
    ikd_engine_free(e);
}

/* A firewall's error quoting only 8 bytes (the SPIi): tied by it alone,
 * and one copy is enough, as for IKEv1. */
static void test_admin_prohibited_spi_only(void)
{
    ikd_engine *e = ikd_engine_new();
    ikd_annotation ann;
    ikv2b_msg *m = ikv2b_sa_init_request();
    feed_request(e, 1, 0.0, m, &ann);
    feed_icmp(e, 2, 0.01, m, 8, &firewall, 3, 13, &ann);
    g_assert_cmpuint(ikd_sa_number(ann.result.conn_id), ==, 1);
    g_assert_cmpint(ann.result.step, ==, IKD_STEP_IKE_SA_INIT);
    g_assert_cmpstr(text_of(ikd_finding_lookup(IKD_F_ICMP_ADMIN_PROHIBITED)->detail, &ann.findings.items[0]), ==,
                    "ICMP administratively prohibited from 198.51.100.1 about IKE_SA_INIT of SA 1 (tied by the "
                    "initiator's SPI alone: the error quotes too little of the message to read more)");
    ikd_finding_list verdicts = { 0 };
    ikd_engine_verdicts(e, 1, 0, &verdicts);
    g_assert_cmpuint(verdicts.count, ==, 1);
    g_assert_cmpuint(verdicts.items[0].id, ==, IKD_F_V2_STUCK_ICMP);
    g_assert_cmpuint(verdicts.items[0].arg[4], ==, IKD_ICMP_ADMIN_PROHIBITED);
    ikv2b_free(m);
    ikd_engine_free(e);
}

/* A quote of no SA in the capture is named so, and makes no SA. */
static void test_quote_of_no_sa(void)
{
    ikd_engine *e = ikd_engine_new();
    ikd_annotation ann;
    ikv2b_msg *m = ikv2b_sa_init_request();
    feed_icmp(e, 1, 0.0, m, m->b->len, &resp_addr, 3, 3, &ann);
    g_assert_cmpuint(ann.result.conn_id, ==, 0);
    g_assert_cmpstr(text_of(ikd_finding_lookup(IKD_F_ICMP_PORT_UNREACHABLE)->detail, &ann.findings.items[0]), ==,
                    "ICMP port unreachable from 192.0.2.1 about an IKE message of no SA in the capture");
    g_assert_cmpuint(ikd_engine_sa_count(e), ==, 0);
    ikv2b_free(m);
    ikd_engine_free(e);
}

static void test_pack_quoted(void)
{
    uint32_t conn_id;
    ikd_step step;
    bool cookie_only;
    ikd_icmp_unpack_quoted(ikd_icmp_pack_quoted(IKD_V2_CONN_ID_BASE + 6, IKD_STEP_IKE_AUTH, true), &conn_id, &step,
                           &cookie_only);
    g_assert_cmpuint(conn_id, ==, IKD_V2_CONN_ID_BASE + 6);
    g_assert_cmpint(step, ==, IKD_STEP_IKE_AUTH);
    g_assert_true(cookie_only);
    ikd_icmp_unpack_quoted(ikd_icmp_pack_quoted(1001, IKD_STEP_MM1, false), &conn_id, &step, &cookie_only);
    g_assert_cmpuint(conn_id, ==, 1001);
    g_assert_cmpint(step, ==, IKD_STEP_MM1);
    g_assert_false(cookie_only);
    ikd_icmp_unpack_quoted(ikd_icmp_pack_quoted(0, IKD_STEP_UNKNOWN, true), &conn_id, &step, &cookie_only);
    g_assert_cmpuint(conn_id, ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ikev2/icmp/port_unreachable", test_port_unreachable);
    g_test_add_func("/ikev2/icmp/admin_prohibited_spi_only", test_admin_prohibited_spi_only);
    g_test_add_func("/ikev2/icmp/quote_of_no_sa", test_quote_of_no_sa);
    g_test_add_func("/ikev2/icmp/pack_quoted", test_pack_quoted);
    return g_test_run();
}
