/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - IKEv2 messages sent in SKF fragments (RFC 7383): an
 * IKE_AUTH with certificates split in two fragments each way, as
 * captures/ikev2-cert-frag sends it. Wireshark decrypts every fragment and,
 * in the frame of the fragment that completes the message, hands over the
 * whole message's plaintext rebuilt (no padding); only fragment 1's SKF
 * header names the first inner payload. The engine reads the rebuilt
 * message once, whatever order the fragments came in; without fragment 1
 * it cannot tell where the chain starts and reads nothing.
 *
 * The packets are hand-crafted to RFC 7296 / RFC 7383 shapes (not copied
 * from a capture). Initiator 192.0.2.10, responder 192.0.2.1. */
#include "engine.h"
#include "ikev2/child_sa.h"
#include "ikev2/ikev2_sa.h"
#include "ikev2_builder.h"

#include <glib.h>
#include <string.h>

enum { HEADER = 28, SKF_OPAQUE = 40 };

typedef struct {
    ikd_engine *engine;
    uint32_t frame;
    ikd_annotation ann;
} run;

static void feed(run *t, const GByteArray *b, const GByteArray *rebuilt)
{
    static const ikd_address ini_addr = { 4, { 192, 0, 2, 10 } }, resp_addr = { 4, { 192, 0, 2, 1 } };
    bool from_initiator = (b->data[19] & IKD_V2_FLAG_INITIATOR) != 0;
    const ikd_packet p = { .frame = ++t->frame, .time = t->frame * 0.01, .src = from_initiator ? ini_addr : resp_addr,
                           .dst = from_initiator ? resp_addr : ini_addr, .src_port = 4500, .dst_port = 4500,
                           .transport = IKD_TRANSPORT_UDP_ENCAP, .bytes = b->data, .captured_len = b->len,
                           .reported_len = b->len, .decrypted = rebuilt ? rebuilt->data : NULL,
                           .decrypted_len = rebuilt ? rebuilt->len : 0, .decrypted_reassembled = rebuilt != NULL };
    ikd_annotation_clear(&t->ann);
    memset(&t->ann, 0, sizeof t->ann);
    ikd_engine_feed(t->engine, &p, &t->ann);
}

static void feed_msg(run *t, ikv2b_msg *m)
{
    feed(t, m->b, NULL);
    ikv2b_free(m);
}

static void add(ikv2b_msg *m, uint8_t type, GByteArray *body)
{
    ikv2b_add(m, type, body);
    g_byte_array_free(body, TRUE);
}

/* One SKF fragment of IKE_AUTH message 1: fragment 1 names the first inner
 * payload (IDi or IDr) in its next-payload field, the others say none. */
static ikv2b_msg *fragment(bool response, uint16_t number, uint16_t total)
{
    ikv2b_msg *m = ikv2b_new(IKD_V2_EX_AUTH, response ? IKD_V2_FLAG_RESPONSE : IKD_V2_FLAG_INITIATOR, 1,
                             ikv2b_spi_r);
    GByteArray *body = g_byte_array_new();
    ikb_u16(body, number);
    ikb_u16(body, total);
    ikb_fill(body, (uint8_t)(0x40 + number), SKF_OPAQUE); /* IV, ciphertext, ICV */
    add(m, IKD_V2_PL_SKF, body);
    if (number == 1)
        m->b->data[HEADER] = response ? IKD_V2_PL_IDR : IKD_V2_PL_IDI;
    ikv2b_finish(m);
    return m;
}

static GByteArray *id_fqdn(const char *name)
{
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, 2); /* ID_FQDN */
    ikb_fill(b, 0, 3);
    ikb_bytes(b, name, strlen(name));
    return b;
}

static GByteArray *signature(void)
{
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, IKD_V2_AUTH_DIGITAL_SIGNATURE);
    ikb_fill(b, 0, 3);
    ikb_fill(b, 0x5a, 64);
    return b;
}

static GByteArray *esp_sa(uint8_t spi_byte)
{
    static const ikv2b_transform esp[] = { { IKD_V2_TT_ENCR, 12, 128 }, { IKD_V2_TT_INTEG, 12, 0 },
                                           { IKD_V2_TT_ESN, 0, 0 } };
    GByteArray *sa = g_byte_array_new();
    ikv2b_proposal(sa, true, 1, IKD_V2_PROTO_ESP, 4, esp, G_N_ELEMENTS(esp));
    memset(sa->data + 8, spi_byte, 4); /* after the proposal's 8-byte header */
    return sa;
}

/* The rebuilt plaintext of the whole IKE_AUTH message: ID, CERT, AUTH, SA,
 * TSi, TSr, joined without padding. */
static GByteArray *rebuilt(bool response)
{
    static const uint8_t a[4] = { 203, 0, 113, 0 }, a_end[4] = { 203, 0, 113, 255 };
    static const uint8_t b[4] = { 198, 51, 100, 0 }, b_end[4] = { 198, 51, 100, 255 };
    ikv2b_msg *inner = ikv2b_new(IKD_V2_EX_AUTH, 0, 1, ikv2b_spi_r);
    add(inner, response ? IKD_V2_PL_IDR : IKD_V2_PL_IDI, id_fqdn(response ? "resp.lab.example" : "ini.lab.example"));
    GByteArray *cert = g_byte_array_new();
    ikb_u8(cert, 4); /* X.509 signature; the DER itself is not read here */
    ikb_fill(cert, 0x30, 1200);
    add(inner, IKD_V2_PL_CERT, cert);
    add(inner, IKD_V2_PL_AUTH, signature());
    add(inner, IKD_V2_PL_SA, esp_sa(response ? 0xf3 : 0xf5));
    add(inner, IKD_V2_PL_TSI, ikv2b_ts_ipv4(a, a_end, 0, 65535));
    add(inner, IKD_V2_PL_TSR, ikv2b_ts_ipv4(b, b_end, 0, 65535));
    ikv2b_finish(inner);
    GByteArray *plain = g_byte_array_new();
    g_byte_array_append(plain, inner->b->data + HEADER, inner->b->len - HEADER);
    ikv2b_free(inner);
    return plain;
}

/* A fragment that completes the message, with Wireshark's rebuilt plaintext. */
static void feed_completing(run *t, bool response, uint16_t number)
{
    ikv2b_msg *m = fragment(response, number, 2);
    GByteArray *plain = rebuilt(response);
    feed(t, m->b, plain);
    g_byte_array_free(plain, TRUE);
    ikv2b_free(m);
}

static void start(run *t)
{
    t->engine = ikd_engine_new();
    feed_msg(t, ikv2b_sa_init_request());
    feed_msg(t, ikv2b_sa_init_response());
}

static const ikd_v2_sa *the_sa(const run *t)
{
    g_assert_cmpuint(ikd_engine_sa_count(t->engine), ==, 1);
    return ikd_v2_sa_of_const(ikd_engine_sa(t->engine, 0));
}

static void finish(run *t)
{
    ikd_annotation_clear(&t->ann);
    ikd_engine_free(t->engine);
}

/* Both messages rebuilt at their second fragment: identities, methods and
 * the child read, and the SA set up by the response. */
static void test_in_order(void)
{
    run t = { 0 };
    start(&t);
    feed_msg(&t, fragment(false, 1, 2));
    feed_completing(&t, false, 2);
    g_assert_cmpstr(ikd_v2_identity(&the_sa(&t)->chosen, 0), ==, "ini.lab.example");
    feed_msg(&t, fragment(true, 1, 2));
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_IN_NEG); /* half an answer proves nothing yet */
    feed_completing(&t, true, 2);
    const ikd_v2_sa *sa = the_sa(&t);
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_READY);
    g_assert_cmpstr(ikd_v2_identity(&sa->chosen, 1), ==, "resp.lab.example");
    g_assert_cmpuint(sa->chosen.auth_method[0], ==, IKD_V2_AUTH_DIGITAL_SIGNATURE);
    g_assert_cmpuint(sa->chosen.auth_method[1], ==, IKD_V2_AUTH_DIGITAL_SIGNATURE);
    g_assert_cmpuint(ikd_v2_child_count(sa), ==, 1);
    const ikd_v2_child *child = ikd_v2_child_at(sa, 0);
    g_assert_cmpuint(child->frame, ==, 6);
    g_assert_cmphex(child->spi[0], ==, 0xf5f5f5f5);
    g_assert_cmphex(child->spi[1], ==, 0xf3f3f3f3);
    g_assert_true(sa->decrypted);
    finish(&t);
}

/* Fragment 2 first: Wireshark completes the message at fragment 1, whose
 * own header names the first payload. */
static void test_reordered(void)
{
    run t = { 0 };
    start(&t);
    feed_msg(&t, fragment(false, 1, 2));
    feed_completing(&t, false, 2);
    feed_msg(&t, fragment(true, 2, 2));
    feed_completing(&t, true, 1);
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_READY);
    g_assert_cmpstr(ikd_v2_identity(&the_sa(&t)->chosen, 1), ==, "resp.lab.example");
    g_assert_cmpuint(ikd_v2_child_count(the_sa(&t)), ==, 1);
    finish(&t);
}

/* The response's fragment 1 never captured: where its chain starts is
 * unknown, so nothing is read and the SA is not called up. */
static void test_first_fragment_missing(void)
{
    run t = { 0 };
    start(&t);
    feed_msg(&t, fragment(false, 1, 2));
    feed_completing(&t, false, 2);
    feed_completing(&t, true, 2);
    const ikd_v2_sa *sa = the_sa(&t);
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_IN_NEG);
    g_assert_cmpstr(ikd_v2_identity(&sa->chosen, 1), ==, "");
    g_assert_cmpuint(sa->chosen.auth_method[1], ==, 0);
    g_assert_cmpuint(ikd_v2_child_count(sa), ==, 1); /* proposed by the request, never answered */
    g_assert_cmpuint(ikd_v2_child_at(sa, 0)->frame, ==, 0);
    finish(&t);
}

/* The whole request resent and rebuilt again: read once, one child. */
static void test_resent_fragments_read_once(void)
{
    run t = { 0 };
    start(&t);
    for (int copy = 0; copy < 2; copy++) {
        feed_msg(&t, fragment(false, 1, 2));
        feed_completing(&t, false, 2);
    }
    g_assert_cmpuint(ikd_sa_retransmissions(&the_sa(&t)->sa), ==, 1);
    feed_msg(&t, fragment(true, 1, 2));
    feed_completing(&t, true, 2);
    g_assert_cmpint(t.ann.result.state, ==, IKD_IOS_V2_READY);
    g_assert_cmpuint(ikd_v2_child_count(the_sa(&t)), ==, 1);
    finish(&t);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ikev2/fragments/in_order", test_in_order);
    g_test_add_func("/ikev2/fragments/reordered", test_reordered);
    g_test_add_func("/ikev2/fragments/first_fragment_missing", test_first_fragment_missing);
    g_test_add_func("/ikev2/fragments/resent_read_once", test_resent_fragments_read_once);
    return g_test_run();
}
