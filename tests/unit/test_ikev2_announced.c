/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/ikev2/announced: what each IKEv2 peer says
 * about itself (vendor IDs, capability notifies) and a REDIRECT, fed
 * through the engine as IKE_SA_INIT messages. Initiator 192.0.2.10,
 * responder 192.0.2.1. */
#include "engine.h"
#include "ikev2/announced.h"
#include "ikev2/ikev2_sa.h"
#include "ikev2/offer.h"
#include "ikev2_builder.h"
#include "report/finding_text.h"

#include <glib.h>
#include <string.h>

typedef struct {
    ikd_engine *engine;
    uint32_t frame;
    ikd_annotation ann;
} run;

static void feed(run *t, double time, ikv2b_msg *m)
{
    static const ikd_address ini_addr = { 4, { 192, 0, 2, 10 } }, answer = { 4, { 192, 0, 2, 1 } };
    bool from_initiator = (m->b->data[19] & IKD_V2_FLAG_INITIATOR) != 0;
    const ikd_packet p = { .frame = ++t->frame, .time = time, .src = from_initiator ? ini_addr : answer,
                           .dst = from_initiator ? answer : ini_addr, .src_port = 500, .dst_port = 500,
                           .transport = IKD_TRANSPORT_UDP, .bytes = m->b->data, .captured_len = m->b->len,
                           .reported_len = m->b->len };
    memset(&t->ann, 0, sizeof t->ann);
    ikd_engine_feed(t->engine, &p, &t->ann);
    ikv2b_free(m);
}

static void add(ikv2b_msg *m, uint8_t type, GByteArray *body)
{
    ikv2b_add(m, type, body);
    g_byte_array_free(body, TRUE);
}

static GByteArray *bytes(const void *p, size_t n)
{
    GByteArray *b = g_byte_array_new();
    ikb_bytes(b, p, n);
    return b;
}

/* MD5("strongSwan") (strongSwan isakmp_vendor.c) and Cisco's ASCII FLEXVPN-SUPPORTED. */
static const uint8_t strongswan[] = { 0x88, 0x2f, 0xe5, 0x6d, 0x6f, 0xd2, 0x0d, 0xbc,
                                      0x22, 0x51, 0x61, 0x3b, 0x2e, 0xbe, 0x5b, 0xeb };
static const char flexvpn[] = "FLEXVPN-SUPPORTED";

/* A REDIRECT notify (RFC 5685 8.1): gateway type, length, identity, nonce. */
static GByteArray *redirect(uint8_t type, const void *ident, uint8_t declared, size_t real)
{
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, 1); /* protocol IKE */
    ikb_u8(b, 0); /* no SPI */
    ikb_u16(b, IKD_V2_N_REDIRECT);
    ikb_u8(b, type);
    ikb_u8(b, declared);
    ikb_bytes(b, ident, real);
    return b;
}

static ikv2b_msg *request_announcing(void)
{
    ikv2b_msg *m = ikv2b_sa_init_request();
    add(m, IKD_V2_PL_VID, bytes(strongswan, sizeof strongswan));
    add(m, IKD_V2_PL_NOTIFY, ikv2b_notify(0, 0, IKD_V2_N_MOBIKE_SUPPORTED, 0));
    add(m, IKD_V2_PL_NOTIFY, ikv2b_notify(0, 0, IKD_V2_N_REDIRECT_SUPPORTED, 0));
    add(m, IKD_V2_PL_NOTIFY, ikv2b_notify(0, 0, IKD_V2_N_SIGNATURE_HASH_ALGORITHMS, 4));
    ikv2b_finish(m);
    return m;
}

static const ikd_v2_sa *first_sa(run *t)
{
    return ikd_v2_sa_of_const(ikd_engine_sa(t->engine, 0));
}

static void test_vendors_and_capabilities(void)
{
    run t = { .engine = ikd_engine_new() };
    feed(&t, 0.0, request_announcing());
    g_assert_cmpuint(t.ann.vendor_count, ==, 1);
    g_assert_cmpstr(t.ann.vendors[0], ==, "strongSwan");
    ikv2b_msg *answer = ikv2b_sa_init_response();
    add(answer, IKD_V2_PL_VID, bytes(flexvpn, strlen(flexvpn)));
    ikv2b_finish(answer);
    feed(&t, 0.01, answer);
    g_assert_cmpuint(t.ann.vendor_count, ==, 1);
    g_assert_cmpstr(t.ann.vendors[0], ==, "Cisco: Cisco FlexVPN supported (FLEXVPN-SUPPORTED)");
    const ikd_v2_sa *v2 = first_sa(&t);
    g_assert_cmpstr(ikd_sa_implementation(&v2->sa, 0), ==, "strongSwan");
    g_assert_cmpstr(ikd_sa_implementation(&v2->sa, 1), ==, "Cisco");
    char text[256];
    g_assert_cmpstr(ikd_v2_supports_text(v2->announced.supports[0], text, sizeof text), ==,
                    "SIGNATURE_HASH_ALGORITHMS, MOBIKE_SUPPORTED, REDIRECT_SUPPORTED");
    g_assert_cmpstr(ikd_v2_supports_text(v2->announced.supports[1], text, sizeof text), ==, "");
    g_assert_null(v2->announced.redirect);
    ikd_engine_free(t.engine);
}

static void test_supports_text_cut(void)
{
    char small[12];
    g_assert_cmpstr(ikd_v2_supports_text(0x3u, small, sizeof small), ==, "IKEV2_FRAGM");
    g_assert_cmpuint(ikd_v2_support_notify(0), ==, IKD_V2_N_FRAGMENTATION_SUPPORTED);
    g_assert_cmpuint(ikd_v2_support_notify(40), ==, 0);
}

/* The responder refuses IKE_SA_INIT with REDIRECT to ident: the SA's verdict. */
static const ikd_v2_sa *redirected(run *t, GByteArray *notify)
{
    feed(t, 0.0, request_announcing());
    ikv2b_msg *answer = ikv2b_new(IKD_V2_EX_SA_INIT, IKD_V2_FLAG_RESPONSE, 0, ikv2b_spi_zero);
    ikv2b_add(answer, IKD_V2_PL_NOTIFY, notify);
    g_byte_array_free(notify, TRUE);
    ikv2b_finish(answer);
    feed(t, 0.01, answer);
    ikd_engine_note_frame(t->engine, 3, 100.0);
    ikd_finding_list list = { 0 };
    ikd_engine_verdicts(t->engine, 2, 0, &list);
    g_assert_cmpuint(list.count, ==, 1);
    g_assert_cmpuint(list.items[0].id, ==, IKD_F_V2_REDIRECTED);
    return first_sa(t);
}

static void test_redirect_ipv4(void)
{
    run t = { .engine = ikd_engine_new() };
    static const uint8_t gw[4] = { 198, 51, 100, 7 };
    const ikd_v2_sa *v2 = redirected(&t, redirect(1, gw, 4, 4));
    g_assert_true(v2->sa.verdict);
    g_assert_cmpuint(v2->sa.verdict->id, ==, IKD_F_V2_REDIRECTED);
    g_assert_cmpint(v2->sa.verdict_evidence, ==, IKD_EVIDENCE_CONCLUSIVE);
    char text[512];
    ikd_finding_render(ikd_finding_lookup(IKD_F_V2_REDIRECTED)->detail, v2->sa.verdict, text, sizeof text);
    g_assert_cmpstr(text, ==, "SA 1: the responder sent REDIRECT in IKE_SA_INIT: the initiator is sent to "
                              "198.51.100.7 \xe2\x80\x94 redirected to another gateway (RFC 5685): the initiator "
                              "should connect there");
    g_assert_cmpstr(ikd_v2_redirect_gateway(v2->announced.redirect, text, sizeof text), ==, "198.51.100.7");
    ikd_engine_free(t.engine);
}

static void test_redirect_fqdn(void)
{
    run t = { .engine = ikd_engine_new() };
    static const char name[] = "vpn2.example.com";
    const ikd_v2_sa *v2 = redirected(&t, redirect(3, name, (uint8_t)strlen(name), strlen(name)));
    char text[128];
    g_assert_cmpstr(ikd_v2_redirect_gateway(v2->announced.redirect, text, sizeof text), ==, "vpn2.example.com");
    g_assert_cmpuint(v2->sa.verdict->arg[1], ==, IKD_V2_GATEWAY_NAME);
    g_assert_cmpstr(ikd_v2_redirect_packed_text(v2->sa.verdict->arg[1], v2->sa.verdict->arg[2], text, sizeof text),
                    ==, "a gateway given by name (see -z ikediag,analysis)");
    ikd_engine_free(t.engine);
}

/* A gateway identity longer than the notification: nothing is read past it. */
static void test_redirect_truncated(void)
{
    run t = { .engine = ikd_engine_new() };
    static const uint8_t gw[4] = { 198, 51, 100, 7 };
    const ikd_v2_sa *v2 = redirected(&t, redirect(1, gw, 16, 4));
    char text[128];
    g_assert_cmpstr(ikd_v2_redirect_gateway(v2->announced.redirect, text, sizeof text), ==, "");
    g_assert_cmpuint(v2->sa.verdict->arg[1], ==, IKD_V2_GATEWAY_UNREAD);
    g_assert_cmpstr(ikd_v2_redirect_packed_text(v2->sa.verdict->arg[1], 0, text, sizeof text), ==,
                    "a gateway not readable");
    ikd_engine_free(t.engine);
}

/* ikev2-no-proposal's refusal, then the responder initiating to the
 * initiator with its own offer (AES-CBC-256, SHA384, ECP group 20). */
static void test_no_proposal_difference(void)
{
    static const ikd_address a = { 4, { 192, 0, 2, 10 } }, b = { 4, { 192, 0, 2, 1 } };
    static const ikv2b_transform own[] = { { IKD_V2_TT_ENCR, 12, 256 }, { IKD_V2_TT_PRF, 6, 0 },
                                           { IKD_V2_TT_INTEG, 13, 0 }, { IKD_V2_TT_DH, 20, 0 } };
    run t = { .engine = ikd_engine_new() };
    feed(&t, 0.0, request_announcing());
    ikv2b_msg *refusal = ikv2b_new(IKD_V2_EX_SA_INIT, IKD_V2_FLAG_RESPONSE, 0, ikv2b_spi_zero);
    add(refusal, IKD_V2_PL_NOTIFY, ikv2b_notify(0, 0, IKD_V2_N_NO_PROPOSAL_CHOSEN, 0));
    ikv2b_finish(refusal);
    feed(&t, 0.01, refusal);
    ikv2b_msg *back = ikv2b_new(IKD_V2_EX_SA_INIT, IKD_V2_FLAG_INITIATOR, 0, ikv2b_spi_zero);
    back->b->data[0] ^= 0xff; /* another SPIi */
    GByteArray *sa = g_byte_array_new();
    ikv2b_proposal(sa, true, 1, IKD_V2_PROTO_IKE, 0, own, G_N_ELEMENTS(own));
    add(back, IKD_V2_PL_SA, sa);
    ikv2b_finish(back);
    const ikd_packet p = { .frame = ++t.frame, .time = 1.0, .src = b, .dst = a, .src_port = 500, .dst_port = 500,
                           .transport = IKD_TRANSPORT_UDP, .bytes = back->b->data, .captured_len = back->b->len,
                           .reported_len = back->b->len };
    ikd_engine_feed(t.engine, &p, &t.ann);
    ikv2b_free(back);
    ikd_finding_list list = { 0 };
    ikd_engine_verdicts(t.engine, 2, 0, &list);
    g_assert_cmpuint(list.count, ==, 2);
    char text[512];
    g_assert_cmpuint(list.items[0].id, ==, IKD_F_V2_STUCK_NO_PROPOSAL);
    ikd_finding_render(ikd_finding_lookup(IKD_F_V2_STUCK_NO_PROPOSAL)->detail, &list.items[0], text, sizeof text);
    g_assert_cmpstr(text, ==, "SA 1: the responder answered IKE_SA_INIT with NO_PROPOSAL_CHOSEN; the initiator "
                              "offered Encr AES-CBC-128 AES-GCM-256, PRF SHA256, Integrity SHA256, DH group 14 19 "
                              "(IKE proposals: 2) \xe2\x80\x94 no proposal chosen (or the peer has no IKEv2 "
                              "configuration for us)");
    g_assert_cmpuint(list.items[1].id, ==, IKD_F_V2_OFFER_DIFFERENCE);
    ikd_finding_render(ikd_finding_lookup(IKD_F_V2_OFFER_DIFFERENCE)->detail, &list.items[1], text, sizeof text);
    g_assert_cmpstr(text, ==, "SA 1: the responder's own offer, when it initiates to this peer, is Encr AES-CBC-256, "
                              "PRF SHA384, Integrity SHA384, DH group 20: the two offers share no encryption, "
                              "integrity, PRF, DH group");
    ikd_engine_free(t.engine);
}

static void test_offer_text_and_difference(void)
{
    char text[128];
    const ikd_v2_offer none = { 0, 0, 0 };
    g_assert_cmpstr(ikd_v2_offer_text(&none, text, sizeof text), ==, "an offer not read");
    const ikd_v2_offer odd = { 1u << 31, 1u << 15, 1u << 31 };
    g_assert_cmpstr(ikd_v2_offer_text(&odd, text, sizeof text), ==, "Encr other, Integrity other, DH group other");
    const ikd_v2_offer a = { 1u << 4, 1u << 3 | 1u << 19, 1u << 13 }, b = { 1u << 4 | 1u << 2, 1u << 5, 1u << 18 };
    g_assert_cmpuint(ikd_v2_offer_no_common(&a, &b), ==, IKD_V2_OFFER_INTEG | IKD_V2_OFFER_DH);
    g_assert_cmpstr(ikd_v2_offer_difference_text(IKD_V2_OFFER_INTEG | IKD_V2_OFFER_DH, text, sizeof text), ==,
                    "integrity, DH group");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ikev2/announced/vendors_and_capabilities", test_vendors_and_capabilities);
    g_test_add_func("/ikev2/announced/supports_text_cut", test_supports_text_cut);
    g_test_add_func("/ikev2/announced/redirect_ipv4", test_redirect_ipv4);
    g_test_add_func("/ikev2/announced/redirect_fqdn", test_redirect_fqdn);
    g_test_add_func("/ikev2/announced/redirect_truncated", test_redirect_truncated);
    g_test_add_func("/ikev2/offer/no_proposal_difference", test_no_proposal_difference);
    g_test_add_func("/ikev2/offer/text_and_difference", test_offer_text_and_difference);
    return g_test_run();
}
