/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - proxy identities: quick-mode ID payloads read
 * (common/proxy_id, ikev1/proxy_ids) and printed as IOS prints them in
 * `show crypto ipsec sa` ("local  ident (addr/mask/prot/port)").
 *
 * The ID payloads are hand-built byte strings (RFC 2407 4.6.2); each is
 * handed to the reader as an exact-size heap copy so a read past its end
 * shows under ASan. */
#include "common/proxy_id.h"
#include "ikev1/proxy_ids.h"

#include <glib.h>
#include <string.h>

/* Reads payload bytes [0, len) at offset 0 from an exact-size copy. */
static bool read_id(const uint8_t *bytes, size_t len, ikd_proxy_id *out)
{
    uint8_t *copy = g_memdup2(bytes, len);
    bool ok = ikd_v1_read_proxy_id(copy, len, 0, out);
    g_free(copy);
    return ok;
}

static const char *text_of(const ikd_proxy_id *id)
{
    static char buf[IKD_PROXY_ID_TEXT];
    return ikd_proxy_id_format(id, buf, sizeof buf);
}

static void test_ipv4_subnet(void)
{
    /* generic header (next 0, reserved, length 16), ID_IPV4_ADDR_SUBNET, any protocol, any port */
    const uint8_t id[] = { 0, 0, 0, 16, 4, 0, 0, 0, 203, 0, 113, 128, 255, 255, 255, 240 };
    ikd_proxy_id p;
    g_assert_true(read_id(id, sizeof id, &p));
    g_assert_cmpuint(p.kind, ==, IKD_PROXY_SUBNET);
    g_assert_cmpstr(text_of(&p), ==, "203.0.113.128/255.255.255.240/0/0");
    g_assert_cmpint(ikd_mask_prefix_length(&p.second), ==, 28);
}

static void test_ipv4_host_with_protocol_and_port(void)
{
    /* ID_IPV4_ADDR, UDP (17), port 500 */
    const uint8_t id[] = { 0, 0, 0, 12, 1, 17, 0x01, 0xf4, 192, 0, 2, 10 };
    ikd_proxy_id p;
    g_assert_true(read_id(id, sizeof id, &p));
    g_assert_cmpstr(text_of(&p), ==, "192.0.2.10/255.255.255.255/17/500");
}

static void test_ipv4_range(void)
{
    const uint8_t id[] = { 0, 0, 0, 16, 7, 6, 0, 80, 192, 0, 2, 1, 192, 0, 2, 9 };
    ikd_proxy_id p;
    g_assert_true(read_id(id, sizeof id, &p));
    g_assert_cmpstr(text_of(&p), ==, "192.0.2.1-192.0.2.9/6/80");
}

static void test_ipv6_subnet(void)
{
    uint8_t id[40] = { 0, 0, 0, 40, 6, 0, 0, 0, 0x20, 0x01, 0x0d, 0xb8 };
    memset(id + 24, 0xff, 8); /* mask /64 */
    ikd_proxy_id p;
    g_assert_true(read_id(id, sizeof id, &p));
    g_assert_cmpstr(text_of(&p), ==, "2001:db8::/64/0/0");
}

static void test_not_an_address(void)
{
    /* ID_FQDN "a.example": a phase-1 identity, not a proxy */
    const uint8_t id[] = { 0, 0, 0, 17, 2, 0, 0, 0, 'a', '.', 'e', 'x', 'a', 'm', 'p', 'l', 'e' };
    ikd_proxy_id p;
    g_assert_false(read_id(id, sizeof id, &p));
    g_assert_cmpstr(text_of(&p), ==, "");
}

static void test_cut_or_mislabelled(void)
{
    /* Malformed input: the payload length says 16 but only 12 bytes are there,
     * and a subnet ID whose length claims 12 (one address). */
    const uint8_t cut[] = { 0, 0, 0, 16, 4, 0, 0, 0, 203, 0, 113, 128 };
    const uint8_t short_subnet[] = { 0, 0, 0, 12, 4, 0, 0, 0, 203, 0, 113, 128 };
    ikd_proxy_id p;
    g_assert_false(read_id(cut, sizeof cut, &p));
    g_assert_false(read_id(short_subnet, sizeof short_subnet, &p));
}

static void test_equal_and_prefix(void)
{
    const uint8_t a[] = { 0, 0, 0, 16, 4, 0, 0, 0, 198, 51, 100, 0, 255, 255, 255, 128 };
    const uint8_t b[] = { 0, 0, 0, 16, 4, 0, 0, 0, 198, 51, 100, 128, 255, 255, 255, 128 };
    ikd_proxy_id pa, pa2, pb;
    g_assert_true(read_id(a, sizeof a, &pa));
    g_assert_true(read_id(a, sizeof a, &pa2));
    g_assert_true(read_id(b, sizeof b, &pb));
    g_assert_true(ikd_proxy_id_equal(&pa, &pa2));
    g_assert_false(ikd_proxy_id_equal(&pa, &pb));
    ikd_address holes = { 4, { 255, 0, 255, 0 } };
    g_assert_cmpint(ikd_mask_prefix_length(&holes), ==, -1);
}

/* Packed for a verdict's arguments: IPv4 hosts and contiguous subnets round
 * trip; IPv6, ranges and masks with holes are marked, never misprinted. */
static void test_pack(void)
{
    const uint8_t subnet[] = { 0, 0, 0, 16, 4, 17, 0x01, 0xf4, 198, 51, 100, 0, 255, 255, 255, 128 };
    const uint8_t host[] = { 0, 0, 0, 12, 1, 0, 0, 0, 192, 0, 2, 10 };
    const uint8_t range[] = { 0, 0, 0, 16, 7, 6, 0, 80, 192, 0, 2, 1, 192, 0, 2, 9 };
    const uint8_t holes[] = { 0, 0, 0, 16, 4, 0, 0, 0, 10, 0, 0, 0, 255, 0, 255, 0 };
    ikd_proxy_id p, back;
    uint32_t w[2];
    g_assert_true(read_id(subnet, sizeof subnet, &p));
    ikd_proxy_id_pack(&p, w);
    g_assert_cmphex(w[0], ==, 0xc6336400);
    g_assert_cmphex(w[1], ==, 2u << 30 | 25u << 24 | 17u << 16 | 500u);
    g_assert_true(ikd_proxy_id_unpack(w, &back));
    g_assert_true(ikd_proxy_id_equal(&p, &back));
    g_assert_cmpstr(text_of(&back), ==, "198.51.100.0/255.255.255.128/17/500");
    g_assert_true(read_id(host, sizeof host, &p));
    ikd_proxy_id_pack(&p, w);
    g_assert_true(ikd_proxy_id_unpack(w, &back));
    g_assert_cmpstr(text_of(&back), ==, "192.0.2.10/255.255.255.255/0/0");
    g_assert_true(read_id(range, sizeof range, &p));
    ikd_proxy_id_pack(&p, w);
    g_assert_cmpuint(ikd_proxy_id_packed_kind(w), ==, IKD_PROXY_PACKED_OTHER);
    g_assert_false(ikd_proxy_id_unpack(w, &back));
    g_assert_true(read_id(holes, sizeof holes, &p));
    ikd_proxy_id_pack(&p, w);
    g_assert_cmpuint(ikd_proxy_id_packed_kind(w), ==, IKD_PROXY_PACKED_OTHER);
    memset(&p, 0, sizeof p);
    ikd_proxy_id_pack(&p, w);
    g_assert_cmphex(w[0] | w[1], ==, 0);
    g_assert_false(ikd_proxy_id_unpack(w, &back));
    /* A hostile prefix above 32 is refused. */
    w[0] = 0;
    w[1] = 2u << 30 | 40u << 24;
    g_assert_false(ikd_proxy_id_unpack(w, &back));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/proxy_id/ipv4_subnet", test_ipv4_subnet);
    g_test_add_func("/proxy_id/ipv4_host_protocol_port", test_ipv4_host_with_protocol_and_port);
    g_test_add_func("/proxy_id/ipv4_range", test_ipv4_range);
    g_test_add_func("/proxy_id/ipv6_subnet", test_ipv6_subnet);
    g_test_add_func("/proxy_id/not_an_address", test_not_an_address);
    g_test_add_func("/proxy_id/cut_or_mislabelled", test_cut_or_mislabelled);
    g_test_add_func("/proxy_id/equal_and_prefix", test_equal_and_prefix);
    g_test_add_func("/proxy_id/pack", test_pack);
    return g_test_run();
}
