/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/common/proposal: the version-neutral proposal
 * model over its two IKEv1 kinds (phase 1, phase 2) and a made-up kind that
 * exercises what those two do not (1-byte and 4-byte compared fields, a
 * packed field between compared ones, a small capped slot).
 *
 * Packed words are asserted against the layout findings have always carried
 * (transform.h, phase2.h), so the rendered texts of findings cannot move. */
#include "common/proposal.h"
#include "ikev1/phase2.h"
#include "ikev1/transform.h"

#include <glib.h>
#include <stddef.h>
#include <string.h>

/* ---- phase 1 ---- */

/* aes 256, sha, psk, group 14, a day. */
static const ikd_transform p1_aes256 = { IKD_ENCR_AES_CBC, 256, IKD_HASH_SHA1, IKD_AUTH_PSK, 14, 86400, 4608000 };

static void test_phase1_differences(void)
{
    ikd_transform b = p1_aes256;
    char names[64];
    g_assert_true(ikd_proposal_kind_valid(&ikd_phase1_kind));
    g_assert_cmpstr(ikd_phase1_kind.name, ==, "phase 1");
    g_assert_cmphex(ikd_proposal_differences(&ikd_phase1_kind, &p1_aes256, &b), ==, 0);
    b.key_length = 128;
    b.hash = IKD_HASH_SHA256;
    b.life_seconds = 3600; /* lifetimes are not compared */
    b.life_kilobytes = 0;
    g_assert_cmphex(ikd_proposal_differences(&ikd_phase1_kind, &p1_aes256, &b), ==, 0x6);
    g_assert_cmphex(ikd_proposal_differences(&ikd_phase1_kind, &p1_aes256, &b), ==, IKD_ATTR_KEY_LENGTH | IKD_ATTR_HASH);
    g_assert_cmpstr(ikd_proposal_difference_names(&ikd_phase1_kind, 0x6, names, sizeof names), ==,
                    "key length, hash");
    b = p1_aes256;
    b.auth = IKD_AUTH_XAUTH_INIT_PSK;
    b.group = 5;
    g_assert_cmphex(ikd_proposal_differences(&ikd_phase1_kind, &b, &p1_aes256), ==, 0x18);
    g_assert_cmpstr(ikd_proposal_difference_names(&ikd_phase1_kind, IKD_ATTR_AUTH, names, sizeof names), ==, "authentication");
    g_assert_cmpstr(ikd_proposal_difference_names(&ikd_phase1_kind, IKD_ATTR_GROUP, names, sizeof names), ==, "DH group");
    g_assert_cmphex(ikd_proposal_all_differences(&ikd_phase1_kind), ==, 0x1f);
    g_assert_cmpstr(ikd_proposal_difference_names(&ikd_phase1_kind, 0x1f, names, sizeof names), ==,
                    "encryption, key length, hash, authentication, DH group");
    g_assert_cmpstr(ikd_proposal_difference_names(&ikd_phase1_kind, 0x20, names, sizeof names), ==, "");
}

static void test_phase1_pack(void)
{
    uint32_t w[4];
    ikd_proposal_pack(&ikd_phase1_kind, &p1_aes256, w);
    g_assert_cmphex(w[0], ==, 0x00070100); /* encryption << 16 | key length */
    g_assert_cmphex(w[1], ==, 0x0002000e); /* hash << 16 | group */
    g_assert_cmphex(w[2], ==, 0x00000001); /* auth */
    g_assert_cmphex(w[3], ==, 86400);      /* life seconds, 32 bits */
    ikd_transform t;
    ikd_proposal_unpack(&ikd_phase1_kind, w, &t);
    g_assert_cmpuint(t.encryption, ==, IKD_ENCR_AES_CBC);
    g_assert_cmpuint(t.key_length, ==, 256);
    g_assert_cmpuint(t.hash, ==, IKD_HASH_SHA1);
    g_assert_cmpuint(t.auth, ==, IKD_AUTH_PSK);
    g_assert_cmpuint(t.group, ==, 14);
    g_assert_cmpuint(t.life_seconds, ==, 86400);
    g_assert_cmpuint(t.life_kilobytes, ==, 0); /* not packed */

    const ikd_transform big = { 0xffff, 0xfffe, 0xfffd, IKD_AUTH_XAUTH_LAST, 0xfffc, 0xfffffff0u, 1 };
    ikd_proposal_pack(&ikd_phase1_kind, &big, w);
    g_assert_cmphex(w[0], ==, 0xfffffffe);
    g_assert_cmphex(w[1], ==, 0xfffdfffc);
    g_assert_cmphex(w[2], ==, 65010);
    g_assert_cmphex(w[3], ==, 0xfffffff0u);
    ikd_proposal_unpack(&ikd_phase1_kind, w, &t);
    g_assert_cmphex(t.encryption, ==, 0xffff);
    g_assert_cmphex(t.key_length, ==, 0xfffe);
    g_assert_cmphex(t.hash, ==, 0xfffd);
    g_assert_cmpuint(t.auth, ==, IKD_AUTH_XAUTH_LAST);
    g_assert_cmphex(t.group, ==, 0xfffc);
    g_assert_cmphex(t.life_seconds, ==, 0xfffffff0u);
    g_assert_cmpuint(t.life_kilobytes, ==, 0);

    /* Unpacking takes the low 16 bits of the auth word, as it always did. */
    const uint32_t raw[4] = { 0x00050000, 0x00010002, 0x0001fde9, 0 };
    ikd_proposal_unpack(&ikd_phase1_kind, raw, &t);
    g_assert_cmpuint(t.encryption, ==, IKD_ENCR_3DES);
    g_assert_cmpuint(t.key_length, ==, 0);
    g_assert_cmpuint(t.hash, ==, IKD_HASH_MD5);
    g_assert_cmpuint(t.group, ==, 2);
    g_assert_cmpuint(t.auth, ==, IKD_AUTH_XAUTH_INIT_PSK);
}

static void test_phase1_closest(void)
{
    /* Entries hold the transforms: the list strides over the entries. */
    ikd_transform_entry offers[4] = { { .transform_number = 1 }, { .transform_number = 2 },
                                      { .transform_number = 3 }, { .transform_number = 4 } };
    for (size_t i = 0; i < 4; i++)
        offers[i].attributes = p1_aes256;
    offers[0].attributes.encryption = IKD_ENCR_3DES;
    offers[0].attributes.hash = IKD_HASH_MD5;
    offers[1].attributes.group = 2;
    offers[2].attributes.hash = IKD_HASH_SHA256;
    offers[3].attributes.auth = IKD_AUTH_RSA_SIG;
    ikd_proposal_list list = { &offers[0].attributes, 4, sizeof offers[0] };
    ikd_proposal_match m = ikd_proposal_closest(&ikd_phase1_kind, &p1_aes256, list);
    g_assert_cmpuint(m.index, ==, 1); /* the first of three one-field differences */
    g_assert_cmphex(m.differences, ==, IKD_ATTR_GROUP);

    offers[2].attributes = p1_aes256;
    offers[2].attributes.life_seconds = 3600;
    m = ikd_proposal_closest(&ikd_phase1_kind, &p1_aes256, list);
    g_assert_cmpuint(m.index, ==, 2);
    g_assert_cmphex(m.differences, ==, 0);

    list.count = 0;
    m = ikd_proposal_closest(&ikd_phase1_kind, &p1_aes256, list);
    g_assert_cmpuint(m.index, ==, 0);
    g_assert_cmphex(m.differences, ==, 0x1f);
}

static void test_phase1_closest_pair(void)
{
    ikd_transform_entry a[2] = { { .transform_number = 1 }, { .transform_number = 2 } };
    ikd_transform_entry b[3] = { { .transform_number = 1 }, { .transform_number = 2 }, { .transform_number = 3 } };
    a[0].attributes = a[1].attributes = p1_aes256;
    a[1].attributes.encryption = IKD_ENCR_3DES;
    for (size_t i = 0; i < 3; i++)
        b[i].attributes = p1_aes256;
    b[0].attributes.encryption = IKD_ENCR_3DES; /* a1 b0: group */
    b[0].attributes.group = 2;
    b[1].attributes.hash = IKD_HASH_MD5; /* a0 b1: hash, auth */
    b[1].attributes.auth = IKD_AUTH_RSA_SIG;
    b[2].attributes.key_length = 128; /* a0 b2: key length */
    const ikd_proposal_list la = { &a[0].attributes, 2, sizeof a[0] }, lb = { &b[0].attributes, 3, sizeof b[0] };
    ikd_proposal_pair p = ikd_proposal_closest_pair(&ikd_phase1_kind, la, lb);
    g_assert_cmpuint(p.a, ==, 0); /* a0 b2 comes before a1 b0 */
    g_assert_cmpuint(p.b, ==, 2);
    g_assert_cmphex(p.differences, ==, IKD_ATTR_KEY_LENGTH);

    b[1].attributes = a[1].attributes;
    p = ikd_proposal_closest_pair(&ikd_phase1_kind, la, lb);
    g_assert_cmpuint(p.a, ==, 1);
    g_assert_cmpuint(p.b, ==, 1);
    g_assert_cmphex(p.differences, ==, 0);

    const ikd_proposal_list none = { &b[0].attributes, 0, sizeof b[0] };
    p = ikd_proposal_closest_pair(&ikd_phase1_kind, la, none);
    g_assert_cmpuint(p.a, ==, 2);
    g_assert_cmpuint(p.b, ==, 0);
    g_assert_cmphex(p.differences, ==, 0x1f);
    p = ikd_proposal_closest_pair(&ikd_phase1_kind, none, lb);
    g_assert_cmpuint(p.a, ==, 0);
    g_assert_cmpuint(p.b, ==, 3);
    g_assert_cmphex(p.differences, ==, 0x1f);
}

/* ---- phase 2 ---- */

/* esp-aes 256 esp-sha-hmac, tunnel, PFS group 14, an hour. */
static ikd_phase2_transform p2_aes256(void)
{
    ikd_phase2_transform t;
    memset(&t, 0, sizeof t);
    t.proposal_number = 1;
    t.protocol = 3; /* ESP */
    t.spi = 0xc12a5e90;
    t.transform_number = 1;
    t.transform_id = IKD_ESP_AES_CBC;
    t.encapsulation = IKD_ENCAP_TUNNEL;
    t.auth = IKD_P2_AUTH_HMAC_SHA;
    t.key_length = 256;
    t.pfs_group = 14;
    t.life_seconds = 3600;
    t.life_kilobytes = 4608000;
    return t;
}

static void test_phase2_differences(void)
{
    const ikd_phase2_transform a = p2_aes256();
    ikd_phase2_transform b = a;
    char names[72];
    g_assert_true(ikd_proposal_kind_valid(&ikd_phase2_kind));
    g_assert_cmpstr(ikd_phase2_kind.name, ==, "phase 2");
    b.proposal_number = 2; /* numbers, SPI and lifetimes are not compared */
    b.transform_number = 3;
    b.spi = 1;
    b.life_seconds = 28800;
    b.life_kilobytes = 0;
    g_assert_cmphex(ikd_proposal_differences(&ikd_phase2_kind, &a, &b), ==, 0);
    b.protocol = 2; /* AH */
    b.transform_id = IKD_AH_SHA;
    b.pfs_group = 0;
    g_assert_cmphex(ikd_proposal_differences(&ikd_phase2_kind, &a, &b), ==, 0x23);
    g_assert_cmphex(ikd_proposal_differences(&ikd_phase2_kind, &a, &b), ==, IKD_P2_PROTOCOL | IKD_P2_TRANSFORM | IKD_P2_PFS);
    g_assert_cmpstr(ikd_proposal_difference_names(&ikd_phase2_kind, 0x23, names, sizeof names), ==, "protocol, transform, PFS group");
    g_assert_cmphex(ikd_proposal_all_differences(&ikd_phase2_kind), ==, 0x3f);
    g_assert_cmpstr(ikd_proposal_difference_names(&ikd_phase2_kind, 0x3f, names, sizeof names), ==,
                    "protocol, transform, key length, authentication, mode, PFS group");
}

static unsigned mode_difference(uint16_t x, uint16_t y)
{
    ikd_phase2_transform a = p2_aes256(), b = a;
    a.encapsulation = x;
    b.encapsulation = y;
    return ikd_proposal_differences(&ikd_phase2_kind, &a, &b);
}

static void test_phase2_mode(void)
{
    /* Tunnel against transport only; UDP encapsulation and the draft values
     * do not count, and an unknown or absent value is not transport. */
    g_assert_cmphex(mode_difference(IKD_ENCAP_TUNNEL, IKD_ENCAP_UDP_TUNNEL), ==, 0);
    g_assert_cmphex(mode_difference(IKD_ENCAP_TUNNEL, IKD_ENCAP_UDP_TUNNEL_DRAFT), ==, 0);
    g_assert_cmphex(mode_difference(IKD_ENCAP_TRANSPORT, IKD_ENCAP_UDP_TRANSPORT), ==, 0);
    g_assert_cmphex(mode_difference(IKD_ENCAP_UDP_TRANSPORT, IKD_ENCAP_UDP_TRANSPORT_DRAFT), ==, 0);
    g_assert_cmphex(mode_difference(0, IKD_ENCAP_TUNNEL), ==, 0);
    g_assert_cmphex(mode_difference(0, 99), ==, 0);
    g_assert_cmphex(mode_difference(IKD_ENCAP_TUNNEL, IKD_ENCAP_TRANSPORT), ==, IKD_P2_MODE);
    g_assert_cmphex(mode_difference(IKD_ENCAP_UDP_TUNNEL_DRAFT, IKD_ENCAP_UDP_TRANSPORT_DRAFT), ==, 0x10);
    g_assert_cmphex(mode_difference(0, IKD_ENCAP_UDP_TRANSPORT), ==, 0x10);
}

static void test_phase2_pack(void)
{
    const ikd_phase2_transform a = p2_aes256();
    uint32_t w[3];
    ikd_proposal_pack(&ikd_phase2_kind, &a, w);
    g_assert_cmphex(w[0], ==, 0x030c0100); /* protocol << 24 | transform << 16 | key length */
    g_assert_cmphex(w[1], ==, 0x00020001); /* auth << 16 | encapsulation */
    g_assert_cmphex(w[2], ==, 0x0e000e10); /* PFS group << 24 | life seconds (24 bits) */
    ikd_phase2_transform t;
    ikd_proposal_unpack(&ikd_phase2_kind, w, &t);
    g_assert_cmpuint(t.proposal_number, ==, 0); /* not packed */
    g_assert_cmpuint(t.protocol, ==, 3);
    g_assert_cmphex(t.spi, ==, 0); /* not packed */
    g_assert_cmpuint(t.transform_number, ==, 0); /* not packed */
    g_assert_cmpuint(t.transform_id, ==, IKD_ESP_AES_CBC);
    g_assert_cmpuint(t.encapsulation, ==, IKD_ENCAP_TUNNEL);
    g_assert_cmpuint(t.auth, ==, IKD_P2_AUTH_HMAC_SHA);
    g_assert_cmpuint(t.key_length, ==, 256);
    g_assert_cmpuint(t.pfs_group, ==, 14);
    g_assert_cmpuint(t.life_seconds, ==, 3600);
    g_assert_cmpuint(t.life_kilobytes, ==, 0); /* not packed */

    /* 86400 s (a common IPsec lifetime) fits; larger values are capped at
     * 24 bits, not cut, and so is a PFS group above 255. */
    ikd_phase2_transform b = a;
    b.life_seconds = 86400;
    b.encapsulation = IKD_ENCAP_UDP_TRANSPORT_DRAFT;
    ikd_proposal_pack(&ikd_phase2_kind, &b, w);
    g_assert_cmphex(w[1], ==, 0x0002f004);
    g_assert_cmphex(w[2], ==, 0x0e015180);
    ikd_proposal_unpack(&ikd_phase2_kind, w, &t);
    g_assert_cmpuint(t.life_seconds, ==, 86400);
    g_assert_cmpuint(t.encapsulation, ==, IKD_ENCAP_UDP_TRANSPORT_DRAFT);
    b.life_seconds = 0x1000000;
    b.pfs_group = 0x100;
    ikd_proposal_pack(&ikd_phase2_kind, &b, w);
    g_assert_cmphex(w[2], ==, 0xffffffff);
    ikd_proposal_unpack(&ikd_phase2_kind, w, &t);
    g_assert_cmpuint(t.life_seconds, ==, 0xffffff);
    g_assert_cmpuint(t.pfs_group, ==, 0xff);
    char text[64];
    g_assert_cmpstr(ikd_phase2_ios_text(&t, text, sizeof text), ==, "esp-aes 256 esp-sha-hmac mode transport");
}

static void test_phase2_closest(void)
{
    ikd_phase2_transform offers[3], chosen = p2_aes256();
    offers[0] = offers[1] = offers[2] = chosen;
    offers[0].transform_id = IKD_ESP_3DES; /* transform, key length, auth */
    offers[0].key_length = 0;
    offers[0].auth = IKD_P2_AUTH_HMAC_MD5;
    offers[1].encapsulation = IKD_ENCAP_TRANSPORT; /* mode */
    offers[2].key_length = 128;                    /* key length */
    const ikd_proposal_list list = { offers, 3, sizeof offers[0] };
    ikd_proposal_match m = ikd_proposal_closest(&ikd_phase2_kind, &chosen, list);
    g_assert_cmpuint(m.index, ==, 1);
    g_assert_cmphex(m.differences, ==, IKD_P2_MODE);
    offers[2].key_length = 256;
    offers[2].encapsulation = IKD_ENCAP_UDP_TUNNEL;
    m = ikd_proposal_closest(&ikd_phase2_kind, &chosen, list);
    g_assert_cmpuint(m.index, ==, 2);
    g_assert_cmphex(m.differences, ==, 0);
}

/* ---- a made-up kind ---- */

typedef struct {
    uint8_t small;
    uint32_t ignored; /* neither compared nor packed */
    uint16_t note;    /* packed, not compared */
    uint16_t medium;  /* compared by parity */
    uint32_t wide;
} sample;

static unsigned parity_calls;

static uint32_t parity(uint32_t v)
{
    parity_calls++;
    return v & 1;
}

static const ikd_proposal_field sample_fields[] = {
    { "small", offsetof(sample, small), 1, NULL, 0, 24, 8 },
    { NULL, offsetof(sample, note), 2, NULL, 1, 4, 4 },
    { "medium", offsetof(sample, medium), 2, parity, 0, 0, 16 },
    { "wide", offsetof(sample, wide), 4, NULL, 2, 0, 32 },
};
static const ikd_proposal_kind sample_kind = { "sample", sizeof(sample), sample_fields, 4, 3 };

static void test_sample_kind(void)
{
    const sample a = { 0xab, 7, 99, 0x1234, 0xdeadbeef };
    sample b = a;
    char names[32];
    g_assert_true(ikd_proposal_kind_valid(&sample_kind));
    g_assert_cmphex(ikd_proposal_all_differences(&sample_kind), ==, 0x7);
    b.ignored = 8;
    b.note = 1;
    b.medium = 0x1236; /* same parity */
    g_assert_cmphex(ikd_proposal_differences(&sample_kind, &a, &b), ==, 0);
    b.small = 0;
    b.medium = 0x1235;
    g_assert_cmphex(ikd_proposal_differences(&sample_kind, &a, &b), ==, 0x3);
    b.wide = 0;
    g_assert_cmphex(ikd_proposal_differences(&sample_kind, &a, &b), ==, 0x7);
    g_assert_cmpstr(ikd_proposal_difference_names(&sample_kind, 0x5, names, sizeof names), ==, "small, wide");
    g_assert_cmpstr(ikd_proposal_difference_names(&sample_kind, 0xf8, names, sizeof names), ==, "");

    uint32_t w[3] = { 1, 2, 3 };
    ikd_proposal_pack(&sample_kind, &a, w);
    g_assert_cmphex(w[0], ==, 0xab001234);
    g_assert_cmphex(w[1], ==, 0x000000f0); /* 99 capped at 15, shifted by 4 */
    g_assert_cmphex(w[2], ==, 0xdeadbeef);
    sample t;
    memset(&t, 0x5a, sizeof t);
    ikd_proposal_unpack(&sample_kind, w, &t);
    g_assert_cmpuint(t.small, ==, 0xab);
    g_assert_cmpuint(t.ignored, ==, 0);
    g_assert_cmpuint(t.note, ==, 15);
    g_assert_cmpuint(t.medium, ==, 0x1234);
    g_assert_cmphex(t.wide, ==, 0xdeadbeef);
}

static void test_sample_stops_early(void)
{
    const sample target = { 1, 0, 0, 2, 3 };
    const sample offers[4] = { { 2, 0, 0, 2, 3 }, { 1, 9, 9, 4, 3 }, { 1, 0, 0, 2, 3 }, { 1, 0, 0, 2, 3 } };
    parity_calls = 0;
    const ikd_proposal_list list = { offers, 4, sizeof offers[0] };
    ikd_proposal_match m = ikd_proposal_closest(&sample_kind, &target, list);
    g_assert_cmpuint(m.index, ==, 1);
    g_assert_cmphex(m.differences, ==, 0);
    g_assert_cmpuint(parity_calls, ==, 4); /* two offers compared, two calls each */
}

static void test_invalid_kinds(void)
{
    ikd_proposal_field f[2] = { sample_fields[0], sample_fields[2] };
    ikd_proposal_kind k = { "bad", sizeof(sample), f, 2, 3 };
    g_assert_true(ikd_proposal_kind_valid(&k));
    f[1].shift = 16; /* bits 16..31 run into small's slot (24..31) */
    g_assert_false(ikd_proposal_kind_valid(&k));
    f[1].shift = 17; /* past bit 31 */
    g_assert_false(ikd_proposal_kind_valid(&k));
    f[1].shift = 0;
    f[1].word = 3; /* past packed_words */
    g_assert_false(ikd_proposal_kind_valid(&k));
    f[1].word = 1;
    f[1].size = 3;
    g_assert_false(ikd_proposal_kind_valid(&k));
    f[1].size = 2;
    f[1].offset = sizeof(sample) - 1;
    g_assert_false(ikd_proposal_kind_valid(&k));
    f[1].offset = offsetof(sample, medium);
    g_assert_true(ikd_proposal_kind_valid(&k));
    k.packed_words = IKD_PROPOSAL_MAX_WORDS + 1;
    g_assert_false(ikd_proposal_kind_valid(&k));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/proposal/phase1_differences", test_phase1_differences);
    g_test_add_func("/proposal/phase1_pack", test_phase1_pack);
    g_test_add_func("/proposal/phase1_closest", test_phase1_closest);
    g_test_add_func("/proposal/phase1_closest_pair", test_phase1_closest_pair);
    g_test_add_func("/proposal/phase2_differences", test_phase2_differences);
    g_test_add_func("/proposal/phase2_mode", test_phase2_mode);
    g_test_add_func("/proposal/phase2_pack", test_phase2_pack);
    g_test_add_func("/proposal/phase2_closest", test_phase2_closest);
    g_test_add_func("/proposal/sample_kind", test_sample_kind);
    g_test_add_func("/proposal/sample_stops_early", test_sample_stops_early);
    g_test_add_func("/proposal/invalid_kinds", test_invalid_kinds);
    return g_test_run();
}
