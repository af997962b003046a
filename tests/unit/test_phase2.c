/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/phase2: quick-mode (RFC 2407 IPsec DOI)
 * proposals, their IOS transform-set spelling and their differences.
 *
 * SA payloads are built with the ikev1_builder helpers; the walker always
 * gets an exact-size heap copy so that a read past the end shows under ASan. */
#include "ikev1_builder.h"
#include "ikev1/phase2.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

enum { PROTO_AH = 2, PROTO_ESP = 3, PROTO_IPCOMP = 4 };
enum { A_LIFE_TYPE = 1, A_LIFE_DURATION = 2, A_GROUP = 3, A_ENCAP = 4, A_AUTH = 5, A_KEY_LENGTH = 6 };
enum { PREFIX = 7 }; /* junk before the SA payload, so payload_offset matters */

typedef struct {
    ikd_phase2_transform t[16];
    unsigned n;
} visited;

static void collect(void *ctx, const ikd_phase2_transform *t)
{
    visited *v = ctx;
    g_assert_cmpuint(v->n, <, G_N_ELEMENTS(v->t));
    v->t[v->n++] = *t;
}

/* PREFIX bytes of 0xee, then the SA payload (generic header + body). */
static GByteArray *sa_payload(uint32_t doi, uint32_t situation, const ikb_proposal *proposals, size_t n)
{
    const ikb_sa sa = { doi, situation, proposals, n };
    GByteArray *body = g_byte_array_new();
    GByteArray *b = g_byte_array_new();
    ikb_sa_body(body, &sa);
    ikb_fill(b, 0xee, PREFIX);
    ikb_generic(b, 0, 0, body->data, body->len);
    g_byte_array_unref(body);
    return b;
}

/* Walks len bytes of b from an exact-size copy. */
static unsigned walk_len(const GByteArray *b, size_t len, visited *v)
{
    uint8_t *copy = g_memdup2(b->data, len ? len : 1);
    memset(v, 0, sizeof *v);
    unsigned n = ikd_phase2_transforms(copy, len, PREFIX, collect, v);
    g_free(copy);
    g_assert_cmpuint(n, ==, v->n);
    return n;
}

static unsigned walk(const GByteArray *b, visited *v)
{
    return walk_len(b, b->len, v);
}

static void assert_text(const ikd_phase2_transform *t, const char *expected)
{
    char buf[64];
    g_assert_cmpstr(ikd_phase2_ios_text(t, buf, sizeof buf), ==, expected);
}

static const uint8_t spi_a[4] = { 0xc1, 0x2a, 0x5e, 0x90 };
static const uint8_t spi_b[4] = { 0x0b, 0xad, 0xf0, 0x0d };

/* ESP AES-CBC 256, HMAC-SHA, tunnel, 3600 s, PFS group 14. */
static const ikb_attr aes256_sha[] = {
    { A_LIFE_TYPE, 1, 0 }, { A_LIFE_DURATION, 3600, 4 }, { A_ENCAP, 1, 0 },
    { A_AUTH, 2, 0 },      { A_KEY_LENGTH, 256, 0 },     { A_GROUP, 14, 0 },
};
static const ikb_transform t_aes256_sha = { 1, 12, aes256_sha, G_N_ELEMENTS(aes256_sha), NULL, 0 };

static void test_one_esp(void)
{
    const ikb_proposal p = { 1, PROTO_ESP, 4, spi_a, &t_aes256_sha, 1, NULL, 0 };
    GByteArray *b = sa_payload(1, 1, &p, 1);
    visited v;
    g_assert_cmpuint(walk(b, &v), ==, 1);
    const ikd_phase2_transform *t = &v.t[0];
    g_assert_cmpuint(t->proposal_number, ==, 1);
    g_assert_cmpuint(t->protocol, ==, 3);
    g_assert_cmphex(t->spi, ==, 0xc12a5e90);
    g_assert_cmpuint(t->transform_number, ==, 1);
    g_assert_cmpuint(t->transform_id, ==, 12);
    g_assert_cmpuint(t->encapsulation, ==, 1);
    g_assert_cmpuint(t->auth, ==, 2);
    g_assert_cmpuint(t->key_length, ==, 256);
    g_assert_cmpuint(t->pfs_group, ==, 14);
    g_assert_cmpuint(t->life_seconds, ==, 3600);
    g_assert_cmpuint(t->life_kilobytes, ==, 0);
    assert_text(t, "esp-aes 256 esp-sha-hmac");
    /* A NULL visitor still counts. */
    g_assert_cmpuint(ikd_phase2_transforms(b->data, b->len, PREFIX, NULL, NULL), ==, 1);
    g_byte_array_unref(b);
}

/* The builder's canned quick-mode message: HASH, SA, Nonce, NAT-OA x2. */
static void test_canned_quick_mode(void)
{
    ikb_msg *m = ikb_canned_natoa();
    visited v = { 0 };
    g_assert_cmpuint(m->type[1], ==, 1);
    g_assert_cmpuint(ikd_phase2_transforms(m->bytes->data, m->bytes->len, m->offset[1], collect, &v), ==, 1);
    g_assert_cmpuint(v.t[0].encapsulation, ==, 3); /* UDP-encapsulated tunnel */
    g_assert_cmpuint(v.t[0].key_length, ==, 128);
    g_assert_cmpuint(v.t[0].life_seconds, ==, 3600);
    assert_text(&v.t[0], "esp-aes esp-sha-hmac");
    /* The HASH payload is not an SA. */
    g_assert_cmpuint(ikd_phase2_transforms(m->bytes->data, m->bytes->len, m->offset[0], NULL, NULL), ==, 0);
    ikb_msg_free(m);
}

static const ikb_attr aes128_sha256[] = {
    { A_LIFE_TYPE, 2, 0 }, { A_LIFE_DURATION, 4608000, 4 }, { A_ENCAP, 1, 0 },
    { A_AUTH, 5, 0 },      { A_KEY_LENGTH, 128, 0 },
};
static const ikb_attr des3_md5[] = { { A_LIFE_TYPE, 1, 0 }, { A_LIFE_DURATION, 28800, 0 },
                                     { A_LIFE_TYPE, 2, 0 }, { A_LIFE_DURATION, 4608000, 4 },
                                     { A_ENCAP, 1, 0 },     { A_AUTH, 1, 0 } };
static const ikb_transform t_aes128_sha256 = { 1, 12, aes128_sha256, G_N_ELEMENTS(aes128_sha256), NULL, 0 };
static const ikb_transform t_3des_md5 = { 1, 3, des3_md5, G_N_ELEMENTS(des3_md5), NULL, 0 };

static void test_two_proposals(void)
{
    const ikb_proposal p[2] = {
        { 1, PROTO_ESP, 4, spi_a, &t_aes128_sha256, 1, NULL, 0 },
        { 2, PROTO_ESP, 4, spi_a, &t_3des_md5, 1, NULL, 0 },
    };
    GByteArray *b = sa_payload(1, 1, p, 2);
    visited v;
    char names[64];
    g_assert_cmpuint(walk(b, &v), ==, 2);
    g_assert_cmpuint(v.t[0].proposal_number, ==, 1);
    g_assert_cmpuint(v.t[0].life_seconds, ==, 0);
    g_assert_cmpuint(v.t[0].life_kilobytes, ==, 4608000);
    assert_text(&v.t[0], "esp-aes esp-sha256-hmac");
    g_assert_cmpuint(v.t[1].proposal_number, ==, 2);
    g_assert_cmpuint(v.t[1].transform_id, ==, 3);
    g_assert_cmpuint(v.t[1].key_length, ==, 0);
    g_assert_cmpuint(v.t[1].life_seconds, ==, 28800);
    g_assert_cmpuint(v.t[1].life_kilobytes, ==, 4608000);
    assert_text(&v.t[1], "esp-3des esp-md5-hmac");
    unsigned d = ikd_proposal_differences(&ikd_phase2_kind, &v.t[0], &v.t[1]);
    g_assert_cmphex(d, ==, IKD_P2_TRANSFORM | IKD_P2_KEY_LENGTH | IKD_P2_AUTH);
    g_assert_cmpstr(ikd_proposal_difference_names(&ikd_phase2_kind, d, names, sizeof names), ==,
                    "transform, key length, authentication");
    g_assert_cmphex(ikd_proposal_differences(&ikd_phase2_kind, &v.t[0], &v.t[0]), ==, 0);
    g_byte_array_unref(b);
}

/* AH + ESP AND-ed: two proposal payloads with the same number. */
static void test_ah_and_esp(void)
{
    static const ikb_attr ah_attrs[] = { { A_ENCAP, 1, 0 }, { A_AUTH, 2, 0 } };
    static const ikb_transform t_ah = { 1, 3 /* AH_SHA */, ah_attrs, G_N_ELEMENTS(ah_attrs), NULL, 0 };
    const ikb_proposal p[2] = {
        { 1, PROTO_AH, 4, spi_b, &t_ah, 1, NULL, 0 },
        { 1, PROTO_ESP, 4, spi_a, &t_aes256_sha, 1, NULL, 0 },
    };
    GByteArray *b = sa_payload(1, 1, p, 2);
    visited v;
    char names[64];
    g_assert_cmpuint(walk(b, &v), ==, 2);
    g_assert_cmpuint(v.t[0].proposal_number, ==, 1);
    g_assert_cmpuint(v.t[0].protocol, ==, 2);
    g_assert_cmphex(v.t[0].spi, ==, 0x0badf00d);
    g_assert_cmpuint(v.t[0].pfs_group, ==, 0);
    assert_text(&v.t[0], "ah-sha-hmac");
    g_assert_cmpuint(v.t[1].proposal_number, ==, 1);
    g_assert_cmpuint(v.t[1].protocol, ==, 3);
    g_assert_cmphex(v.t[1].spi, ==, 0xc12a5e90);
    assert_text(&v.t[1], "esp-aes 256 esp-sha-hmac");
    unsigned d = ikd_proposal_differences(&ikd_phase2_kind, &v.t[0], &v.t[1]);
    g_assert_cmphex(d, ==, IKD_P2_PROTOCOL | IKD_P2_TRANSFORM | IKD_P2_KEY_LENGTH | IKD_P2_PFS);
    g_assert_cmpstr(ikd_proposal_difference_names(&ikd_phase2_kind, d, names, sizeof names), ==,
                    "protocol, transform, key length, PFS group");
    g_byte_array_unref(b);
}

static void test_transport_mode(void)
{
    static const ikb_attr attrs[] = { { A_ENCAP, 2, 0 }, { A_AUTH, 5, 0 }, { A_KEY_LENGTH, 256, 0 } };
    static const ikb_attr udp_attrs[] = { { A_ENCAP, 4, 0 }, { A_AUTH, 5, 0 }, { A_KEY_LENGTH, 256, 0 } };
    const ikb_transform ts[2] = { { 1, 12, attrs, G_N_ELEMENTS(attrs), NULL, 0 },
                                  { 2, 12, udp_attrs, G_N_ELEMENTS(udp_attrs), NULL, 0 } };
    const ikb_proposal p = { 1, PROTO_ESP, 4, spi_a, ts, 2, NULL, 0 };
    GByteArray *b = sa_payload(1, 1, &p, 1);
    visited v;
    char names[64];
    g_assert_cmpuint(walk(b, &v), ==, 2);
    g_assert_cmpuint(v.t[0].encapsulation, ==, 2);
    g_assert_cmpuint(v.t[1].transform_number, ==, 2);
    g_assert_cmpuint(v.t[1].encapsulation, ==, 4);
    assert_text(&v.t[0], "esp-aes 256 esp-sha256-hmac mode transport");
    assert_text(&v.t[1], "esp-aes 256 esp-sha256-hmac mode transport");
    g_assert_cmphex(ikd_proposal_differences(&ikd_phase2_kind, &v.t[0], &v.t[1]), ==, 0);

    /* tunnel (1) vs transport (2) is a mode difference; tunnel vs
     * UDP-encapsulated tunnel (3) is not. */
    ikd_phase2_transform tunnel = v.t[0], udp_tunnel = v.t[0];
    tunnel.encapsulation = 1;
    udp_tunnel.encapsulation = 3;
    g_assert_cmphex(ikd_proposal_differences(&ikd_phase2_kind, &tunnel, &v.t[0]), ==, IKD_P2_MODE);
    g_assert_cmphex(ikd_proposal_differences(&ikd_phase2_kind, &tunnel, &udp_tunnel), ==, 0);
    g_assert_cmpstr(ikd_proposal_difference_names(&ikd_phase2_kind, IKD_P2_MODE, names, sizeof names), ==, "mode");
    assert_text(&udp_tunnel, "esp-aes 256 esp-sha256-hmac");
    udp_tunnel.encapsulation = 61444; /* draft UDP-encapsulated transport */
    assert_text(&udp_tunnel, "esp-aes 256 esp-sha256-hmac mode transport");
    g_byte_array_unref(b);
}

static void test_gcm(void)
{
    static const ikb_attr gcm128[] = { { A_ENCAP, 1, 0 }, { A_KEY_LENGTH, 128, 0 }, { A_GROUP, 19, 0 } };
    static const ikb_attr gcm256[] = { { A_ENCAP, 1, 0 }, { A_KEY_LENGTH, 256, 0 }, { A_GROUP, 20, 0 } };
    const ikb_transform ts[2] = { { 1, 20, gcm128, G_N_ELEMENTS(gcm128), NULL, 0 },
                                  { 2, 20, gcm256, G_N_ELEMENTS(gcm256), NULL, 0 } };
    const ikb_proposal p = { 1, PROTO_ESP, 4, spi_a, ts, 2, NULL, 0 };
    GByteArray *b = sa_payload(1, 1, &p, 1);
    visited v;
    char names[64];
    g_assert_cmpuint(walk(b, &v), ==, 2);
    g_assert_cmpuint(v.t[0].auth, ==, 0);
    assert_text(&v.t[0], "esp-gcm 128");
    assert_text(&v.t[1], "esp-gcm 256");
    unsigned d = ikd_proposal_differences(&ikd_phase2_kind, &v.t[0], &v.t[1]);
    g_assert_cmphex(d, ==, IKD_P2_KEY_LENGTH | IKD_P2_PFS);
    g_assert_cmpstr(ikd_proposal_difference_names(&ikd_phase2_kind, d, names, sizeof names), ==, "key length, PFS group");

    ikd_phase2_transform t = v.t[0];
    t.transform_id = 18;
    assert_text(&t, "esp-gcm-8 128");
    t.transform_id = 23;
    assert_text(&t, "esp-gmac 128");
    g_byte_array_unref(b);
}

static void test_names(void)
{
    ikd_phase2_transform t = { 0 };
    char names[72];
    t.protocol = PROTO_ESP;
    t.transform_id = 2;
    t.auth = 1;
    assert_text(&t, "esp-des esp-md5-hmac");
    t.transform_id = 11;
    t.auth = 7;
    assert_text(&t, "esp-null esp-sha512-hmac");
    t.transform_id = 12;
    t.key_length = 192;
    t.auth = 6;
    assert_text(&t, "esp-aes 192 esp-sha384-hmac");
    t.key_length = 0;
    t.auth = 0;
    assert_text(&t, "esp-aes");
    t.auth = 9;
    assert_text(&t, "esp-aes esp-auth-9");
    t.protocol = PROTO_AH;
    t.auth = 1;
    t.transform_id = 2;
    assert_text(&t, "ah-md5-hmac");
    t.transform_id = 5;
    assert_text(&t, "ah-sha256-hmac");
    t.transform_id = 99;
    assert_text(&t, "ah-transform-99");
    t.protocol = PROTO_IPCOMP;
    t.transform_id = 3;
    assert_text(&t, "comp-lzs");
    t.transform_id = 2;
    assert_text(&t, "comp-transform-2");
    t.protocol = 77;
    t.transform_id = 200;
    t.encapsulation = 2;
    assert_text(&t, "protocol-77 transform-200 mode transport");

    /* Worst case fits the documented 64 bytes; small buffers truncate safely. */
    t.protocol = PROTO_ESP;
    t.transform_id = 255;
    t.auth = 65535;
    assert_text(&t, "esp-transform-255 esp-auth-65535 mode transport");
    char small[8];
    g_assert_cmpstr(ikd_phase2_ios_text(&t, small, sizeof small), ==, "esp-tra");
    g_assert_cmpstr(ikd_proposal_difference_names(&ikd_phase2_kind, 0x3f, names, sizeof names), ==,
                    "protocol, transform, key length, authentication, mode, PFS group");
    g_assert_cmpstr(ikd_proposal_difference_names(&ikd_phase2_kind, IKD_P2_TRANSFORM | IKD_P2_PFS, names, sizeof names), ==,
                    "transform, PFS group");
    g_assert_cmpstr(ikd_proposal_difference_names(&ikd_phase2_kind, 0, names, sizeof names), ==, "");
    g_assert_cmpstr(ikd_proposal_difference_names(&ikd_phase2_kind, 0x3f, small, sizeof small), ==, "protoco");
}

static void test_unknown_transform(void)
{
    static const ikb_attr attrs[] = { { A_ENCAP, 1, 0 }, { A_AUTH, 2, 0 }, { 99, 7, 0 } };
    const ikb_transform t = { 1, 99, attrs, G_N_ELEMENTS(attrs), NULL, 0 };
    const ikb_proposal p = { 1, PROTO_ESP, 4, spi_a, &t, 1, NULL, 0 };
    GByteArray *b = sa_payload(1, 1, &p, 1);
    visited v;
    g_assert_cmpuint(walk(b, &v), ==, 1);
    g_assert_cmpuint(v.t[0].transform_id, ==, 99);
    assert_text(&v.t[0], "esp-transform-99 esp-sha-hmac");
    g_byte_array_unref(b);
}

static void test_malformed(void)
{
    visited v;
    /* A TLV attribute announcing more bytes than the transform holds. */
    static const uint8_t overrun[] = { 0x00, A_LIFE_DURATION, 0x00, 0x08, 0x00, 0x00, 0x0e, 0x10 };
    static const ikb_attr ok_attrs[] = { { A_LIFE_TYPE, 1, 0 } };
    const ikb_transform t_overrun = { 1, 12, ok_attrs, 1, overrun, sizeof overrun };
    const ikb_proposal p_overrun = { 1, PROTO_ESP, 4, spi_a, &t_overrun, 1, NULL, 0 };
    GByteArray *b = sa_payload(1, 1, &p_overrun, 1);
    g_assert_cmpuint(walk(b, &v), ==, 0);
    g_byte_array_unref(b);

    /* A truncated attribute: two stray bytes after the last one. */
    static const uint8_t stray[] = { 0x80, 0x05 };
    const ikb_transform t_stray = { 1, 12, aes256_sha, G_N_ELEMENTS(aes256_sha), stray, sizeof stray };
    const ikb_proposal p_stray = { 1, PROTO_ESP, 4, spi_a, &t_stray, 1, NULL, 0 };
    b = sa_payload(1, 1, &p_stray, 1);
    g_assert_cmpuint(walk(b, &v), ==, 0);
    g_byte_array_unref(b);

    /* SPI size 0 (a phase-1 shape), and a phase-1 ISAKMP proposal. */
    const ikb_proposal p_nospi = { 1, PROTO_ESP, 0, NULL, &t_aes256_sha, 1, NULL, 0 };
    b = sa_payload(1, 1, &p_nospi, 1);
    g_assert_cmpuint(walk(b, &v), ==, 0);
    g_byte_array_unref(b);
    const ikb_proposal p_ike = { 1, 1, 0, NULL, ikb_mm1_transforms, 2, NULL, 0 };
    b = sa_payload(1, 1, &p_ike, 1);
    g_assert_cmpuint(walk(b, &v), ==, 0);
    g_byte_array_unref(b);

    /* A bad proposal does not hide a good neighbour. */
    const ikb_proposal p_mixed[2] = { p_nospi, { 2, PROTO_ESP, 4, spi_a, &t_3des_md5, 1, NULL, 0 } };
    b = sa_payload(1, 1, p_mixed, 2);
    g_assert_cmpuint(walk(b, &v), ==, 1);
    g_assert_cmpuint(v.t[0].proposal_number, ==, 2);
    g_byte_array_unref(b);

    /* Wrong DOI, wrong situation. */
    const ikb_proposal p = { 1, PROTO_ESP, 4, spi_a, &t_aes256_sha, 1, NULL, 0 };
    b = sa_payload(0, 1, &p, 1);
    g_assert_cmpuint(walk(b, &v), ==, 0);
    g_byte_array_unref(b);
    b = sa_payload(1, 2, &p, 1);
    g_assert_cmpuint(walk(b, &v), ==, 0);
    g_byte_array_unref(b);

    /* SA length overrunning the message; offset past the end; NULL message. */
    b = sa_payload(1, 1, &p, 1);
    ikb_set_u16(b, PREFIX + 2, (uint16_t)(b->len - PREFIX + 1));
    g_assert_cmpuint(walk(b, &v), ==, 0);
    g_assert_cmpuint(ikd_phase2_transforms(b->data, b->len, b->len + 10, collect, &v), ==, 0);
    g_assert_cmpuint(ikd_phase2_transforms(NULL, 0, 0, collect, &v), ==, 0);
    g_byte_array_unref(b);
}

/* Every truncation of a valid payload (SA length left as is, so it overruns)
 * and every single-byte corruption: no crash, never more than the valid count. */
static void test_robustness(void)
{
    const ikb_proposal p[3] = {
        { 1, PROTO_AH, 4, spi_b, &t_aes128_sha256, 1, NULL, 0 },
        { 1, PROTO_ESP, 4, spi_a, &t_aes256_sha, 1, NULL, 0 },
        { 2, PROTO_ESP, 4, spi_a, &t_3des_md5, 1, NULL, 0 },
    };
    GByteArray *b = sa_payload(1, 1, p, 3);
    visited v;
    g_assert_cmpuint(walk(b, &v), ==, 3);
    for (size_t len = 0; len < b->len; len++)
        g_assert_cmpuint(walk_len(b, len, &v), ==, 0);

    /* Truncations that also shrink the SA length: a prefix of whole transforms. */
    for (size_t len = PREFIX + 12; len < b->len; len++) {
        GByteArray *c = g_byte_array_new();
        ikb_bytes(c, b->data, len);
        ikb_set_u16(c, PREFIX + 2, (uint16_t)(len - PREFIX));
        g_assert_cmpuint(walk(c, &v), <, 3);
        g_byte_array_unref(c);
    }

    for (size_t i = PREFIX; i < b->len; i++)
        for (unsigned x = 1; x < 256; x <<= 1) {
            GByteArray *c = g_byte_array_new();
            ikb_bytes(c, b->data, b->len);
            c->data[i] ^= (uint8_t)x;
            (void)walk(c, &v);
            g_byte_array_unref(c);
        }
    g_byte_array_unref(b);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/phase2/one_esp", test_one_esp);
    g_test_add_func("/phase2/canned_quick_mode", test_canned_quick_mode);
    g_test_add_func("/phase2/two_proposals", test_two_proposals);
    g_test_add_func("/phase2/ah_and_esp", test_ah_and_esp);
    g_test_add_func("/phase2/transport_mode", test_transport_mode);
    g_test_add_func("/phase2/gcm", test_gcm);
    g_test_add_func("/phase2/names", test_names);
    g_test_add_func("/phase2/unknown_transform", test_unknown_transform);
    g_test_add_func("/phase2/malformed", test_malformed);
    g_test_add_func("/phase2/robustness", test_robustness);
    return g_test_run();
}
