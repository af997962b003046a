/* ikediag unit tests - the attribute payload of transaction exchanges: every
 * attribute type's value in words (passwords only as their length), the
 * split-tunnel list, and malformed attribute lists; the string table that
 * lets findings quote a user or a group.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/interned.h"
#include "common/cfg_attributes.h"
#include "ikev1_builder.h"

#include <glib.h>
#include <string.h>

static ikd_cfg_payload *read_body(GByteArray *b)
{
    static ikd_cfg_payload cfg;
    g_assert_true(ikd_cfg_payload_read(b->data, b->len, &cfg));
    return &cfg;
}

/* The value text of one attribute, read back from a payload holding only it. */
static const char *value_of(uint16_t type, bool basic, const void *value, uint16_t len)
{
    static char text[256];
    const ikb_cfg_attr a = { type, basic, value, len };
    GByteArray *b = g_byte_array_new();
    ikb_cfg_body(b, 2, 7, &a, 1);
    ikd_cfg_payload *cfg = read_body(b);
    g_assert_cmpuint(cfg->count, ==, 1);
    g_assert_cmpuint(cfg->attributes[0].type, ==, type);
    g_assert_cmpint(cfg->attributes[0].basic, ==, basic);
    ikd_cfg_value_text(&cfg->attributes[0], text, sizeof text);
    g_byte_array_unref(b);
    return text;
}

static void test_values(void)
{
    static const uint8_t addr[4] = { 198, 51, 100, 100 }, mask[4] = { 255, 255, 255, 0 };
    static const uint8_t ok[2] = { 0, 1 }, fail[2] = { 0, 0 }, otp[2] = { 0, 2 }, save[2] = { 0, 1 };
    static const uint8_t expiry[4] = { 0, 0, 0x0e, 0x10 };
    static const uint8_t subnet[8] = { 203, 0, 113, 0, 255, 255, 255, 0 };
    static const uint8_t v6[16] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 5 };
    g_assert_cmpstr(value_of(1, false, addr, 4), ==, "198.51.100.100");
    g_assert_cmpstr(value_of(2, false, mask, 4), ==, "255.255.255.0");
    g_assert_cmpstr(value_of(3, false, addr, 4), ==, "198.51.100.100");
    g_assert_cmpstr(value_of(4, false, addr, 4), ==, "198.51.100.100");
    g_assert_cmpstr(value_of(5, false, expiry, 4), ==, "3600");
    g_assert_cmpstr(value_of(6, false, addr, 4), ==, "198.51.100.100");
    g_assert_cmpstr(value_of(7, false, "Cisco Systems VPN Client", 24), ==, "'Cisco Systems VPN Client'");
    g_assert_cmpstr(value_of(8, false, v6, 16), ==, "2001:db8::5");
    g_assert_cmpstr(value_of(13, false, subnet, 8), ==, "203.0.113.0/255.255.255.0");
    g_assert_cmpstr(value_of(13, false, subnet, 7), ==, "7 bytes");
    g_assert_cmpstr(value_of(1, false, NULL, 0), ==, "(empty)");
    g_assert_cmpstr(value_of(1, false, addr, 3), ==, "3 bytes");
    g_assert_cmpstr(value_of(16520, true, fail, 2), ==, "Generic");
    g_assert_cmpstr(value_of(16520, true, otp, 2), ==, "OTP");
    g_assert_cmpstr(value_of(16521, false, "alice", 5), ==, "'alice'");
    g_assert_cmpstr(value_of(16522, false, "S3cret-pass", 11), ==, "<password, 11 characters>");
    g_assert_cmpstr(value_of(16522, false, "x", 1), ==, "<password, 1 character>");
    g_assert_cmpstr(value_of(16522, false, NULL, 0), ==, "(empty)");
    g_assert_cmpstr(value_of(16523, false, "123456", 6), ==, "<passcode, 6 characters>");
    g_assert_cmpstr(value_of(16528, false, "4321", 4), ==, "<next PIN, 4 characters>");
    g_assert_cmpstr(value_of(16529, false, "yes", 3), ==, "<answer, 3 characters>");
    g_assert_cmpstr(value_of(16524, false, "Enter your\nPIN\x01", 15), ==, "'Enter your PIN?'");
    g_assert_cmpstr(value_of(16527, true, ok, 2), ==, "OK");
    g_assert_cmpstr(value_of(16527, true, fail, 2), ==, "FAIL");
    g_assert_cmpstr(value_of(16527, false, ok, 2), ==, "OK");
    g_assert_cmpstr(value_of(28672, false, "Welcome\0", 8), ==, "'Welcome'");
    g_assert_cmpstr(value_of(28673, true, save, 2), ==, "1");
    g_assert_cmpstr(value_of(28674, false, "lab.example", 11), ==, "'lab.example'");
    g_assert_cmpstr(value_of(28675, false, "corp.example,lab.example", 24), ==, "'corp.example,lab.example'");
    g_assert_cmpstr(value_of(28677, true, "\x11\x94", 2), ==, "4500");
    g_assert_cmpstr(value_of(28679, true, ok, 2), ==, "1");
    g_assert_cmpstr(value_of(28681, false, "192.0.2.7", 9), ==, "'192.0.2.7'");
    g_assert_cmpstr(value_of(20000, false, "abcdefgh", 8), ==, "8 bytes");
    g_assert_cmpstr(value_of(20001, true, ok, 2), ==, "1");
}

/* The value text of one attribute of an IKEv2 CP body holding only it. */
static const char *v2_value_of(uint16_t type, const void *value, uint16_t len)
{
    static char text[256];
    const ikb_cfg_attr a = { type, false, value, len };
    GByteArray *b = g_byte_array_new();
    ikb_cfg_body(b, 2, 0, &a, 1);
    ikd_cfg_payload cfg;
    g_assert_true(ikd_cfg_payload_read_v2(b->data, b->len, &cfg));
    g_assert_cmpuint(cfg.cfg_type, ==, 2);
    g_assert_cmpuint(cfg.count, ==, 1);
    g_assert_cmpuint(cfg.attributes[0].type, ==, type);
    ikd_cfg_value_text(&cfg.attributes[0], text, sizeof text);
    g_byte_array_unref(b);
    return text;
}

/* Every IKEv2 CP attribute type (IANA registry, RFC 7296 3.15.1 and later RFCs). */
static void test_ikev2_values(void)
{
    static const uint8_t addr[4] = { 198, 51, 100, 100 }, mask[4] = { 255, 255, 255, 0 };
    static const uint8_t subnet[8] = { 203, 0, 113, 0, 255, 255, 255, 0 };
    static const uint8_t v6[17] = { 0x20, 0x01, 0x0d, 0xb8, [15] = 5, [16] = 64 };
    static const uint8_t v6_net[17] = { 0x20, 0x01, 0x0d, 0xb8, [16] = 48 };
    static const uint8_t supported[6] = { 0, 1, 0, 3, 0, 25 };
    g_assert_cmpstr(v2_value_of(1, addr, 4), ==, "198.51.100.100");
    g_assert_cmpstr(v2_value_of(1, NULL, 0), ==, "(empty)");
    g_assert_cmpstr(v2_value_of(2, mask, 4), ==, "255.255.255.0");
    g_assert_cmpstr(v2_value_of(3, addr, 4), ==, "198.51.100.100");
    g_assert_cmpstr(v2_value_of(4, addr, 4), ==, "198.51.100.100");
    g_assert_cmpstr(v2_value_of(6, addr, 4), ==, "198.51.100.100");
    g_assert_cmpstr(v2_value_of(7, "strongSwan 5.9.8", 16), ==, "'strongSwan 5.9.8'");
    g_assert_cmpstr(v2_value_of(8, v6, 17), ==, "2001:db8::5/64");
    g_assert_cmpstr(v2_value_of(8, NULL, 0), ==, "(empty)");
    g_assert_cmpstr(v2_value_of(10, v6, 16), ==, "2001:db8::5");
    g_assert_cmpstr(v2_value_of(12, v6, 16), ==, "2001:db8::5");
    g_assert_cmpstr(v2_value_of(13, subnet, 8), ==, "203.0.113.0/255.255.255.0");
    g_assert_cmpstr(v2_value_of(14, supported, 6), ==, "INTERNAL_IP4_ADDRESS, INTERNAL_IP4_DNS, INTERNAL_DNS_DOMAIN");
    g_assert_cmpstr(v2_value_of(14, supported, 5), ==, "INTERNAL_IP4_ADDRESS, INTERNAL_IP4_DNS, (1 byte left over)");
    g_assert_cmpstr(v2_value_of(15, v6_net, 17), ==, "2001:db8::/48");
    g_assert_cmpstr(v2_value_of(15, v6_net, 9), ==, "9 bytes");
    g_assert_cmpstr(v2_value_of(20, addr, 4), ==, "198.51.100.100");
    g_assert_cmpstr(v2_value_of(21, v6, 16), ==, "2001:db8::5");
    g_assert_cmpstr(v2_value_of(25, "lab.example", 11), ==, "'lab.example'");
    g_assert_cmpstr(v2_value_of(24, "\0\0\0\x1e", 4), ==, "30");
    g_assert_cmpstr(v2_value_of(26, "abcdefgh", 8), ==, "8 bytes");
    g_assert_cmpstr(v2_value_of(1, addr, 3), ==, "3 bytes");
    char buf[48];
    g_assert_cmpstr(ikd_cfg_attribute_name(15, buf, sizeof buf), ==, "INTERNAL_IP6_SUBNET");
    g_assert_cmpstr(ikd_cfg_attribute_name(16, buf, sizeof buf), ==, "MIP6_HOME_PREFIX");
    g_assert_cmpstr(ikd_cfg_attribute_name(17, buf, sizeof buf), ==, "INTERNAL_IP6_LINK");
    g_assert_cmpstr(ikd_cfg_attribute_name(18, buf, sizeof buf), ==, "INTERNAL_IP6_PREFIX");
    g_assert_cmpstr(ikd_cfg_attribute_name(19, buf, sizeof buf), ==, "HOME_AGENT_ADDRESS");
    g_assert_cmpstr(ikd_cfg_attribute_name(22, buf, sizeof buf), ==, "FTT_KAT");
    g_assert_cmpstr(ikd_cfg_attribute_name(23, buf, sizeof buf), ==, "EXTERNAL_SOURCE_IP4_NAT_INFO");
    g_assert_cmpstr(ikd_cfg_attribute_name(24, buf, sizeof buf), ==, "TIMEOUT_PERIOD_FOR_LIVENESS_CHECK");
    g_assert_cmpstr(ikd_cfg_attribute_name(26, buf, sizeof buf), ==, "INTERNAL_DNSSEC_TA");
    g_assert_cmpstr(ikd_cfg_attribute_name(27, buf, sizeof buf), ==, "attribute 27");
}

static void test_ikev2_malformed(void)
{
    ikd_cfg_payload cfg;
    static const uint8_t short_header[3] = { 1, 0, 0 };
    g_assert_false(ikd_cfg_payload_read_v2(short_header, 3, &cfg));
    g_assert_false(ikd_cfg_payload_read_v2(NULL, 0, &cfg));
    /* The reserved bit is ignored: 0x8001 is INTERNAL_IP4_ADDRESS with a length, never a TV form. */
    static const uint8_t reserved_bit[] = { 2, 0xff, 0xff, 0xff, 0x80, 1, 0, 4, 198, 51, 100, 100 };
    g_assert_true(ikd_cfg_payload_read_v2(reserved_bit, sizeof reserved_bit, &cfg));
    g_assert_cmpuint(cfg.identifier, ==, 0);
    g_assert_cmpuint(cfg.count, ==, 1);
    g_assert_cmpuint(cfg.attributes[0].type, ==, 1);
    g_assert_false(cfg.attributes[0].basic);
    g_assert_cmpuint(cfg.attributes[0].length, ==, 4);
    g_assert_false(cfg.cut);
    /* The same bytes as IKEv1 read a TV attribute and then a cut one. */
    g_assert_true(ikd_cfg_payload_read(reserved_bit, sizeof reserved_bit, &cfg));
    g_assert_true(cfg.attributes[0].basic);
    /* A length past the end, a lone byte, a type without its length. */
    static const uint8_t overrun[] = { 1, 0, 0, 0, 0, 3, 0, 0, 0, 1, 0, 9, 1 };
    g_assert_true(ikd_cfg_payload_read_v2(overrun, sizeof overrun, &cfg));
    g_assert_cmpuint(cfg.count, ==, 1);
    g_assert_true(cfg.cut);
    static const uint8_t odd[] = { 1, 0, 0, 0, 0, 1, 0, 0, 7 };
    g_assert_true(ikd_cfg_payload_read_v2(odd, sizeof odd, &cfg));
    g_assert_cmpuint(cfg.count, ==, 1);
    g_assert_true(cfg.cut);
    static const uint8_t type_only[] = { 1, 0, 0, 0, 0, 1 };
    g_assert_true(ikd_cfg_payload_read_v2(type_only, sizeof type_only, &cfg));
    g_assert_cmpuint(cfg.count, ==, 0);
    g_assert_true(cfg.cut);
    static const uint8_t empty[] = { 4, 0, 0, 0 };
    g_assert_true(ikd_cfg_payload_read_v2(empty, sizeof empty, &cfg));
    g_assert_cmpuint(cfg.cfg_type, ==, 4);
    g_assert_cmpuint(cfg.count, ==, 0);
    g_assert_false(cfg.cut);
    g_assert_null(ikd_cfg_payload_find(&cfg, 1));
}

static void test_split_lists(void)
{
    uint8_t two[28] = { 203, 0, 113, 0, 255, 255, 255, 0, [14] = 198, 51, 100, 0, 255, 255, 255, 128 };
    g_assert_cmpstr(value_of(28676, false, two, 28), ==, "203.0.113.0/255.255.255.0, 198.51.100.0/255.255.255.128");
    g_assert_cmpstr(value_of(28678, false, two, 14), ==, "203.0.113.0/255.255.255.0");
    g_assert_cmpstr(value_of(28676, false, two, 20), ==, "203.0.113.0/255.255.255.0, (6 bytes left over)");
    g_assert_cmpstr(value_of(28676, false, two, 5), ==, "(5 bytes left over)");
    const ikd_cfg_attribute a = { 28676, false, 28, two };
    ikd_address net, mask;
    g_assert_cmpuint(ikd_cfg_split_count(&a), ==, 2);
    g_assert_true(ikd_cfg_split_entry(&a, 1, &net, &mask));
    g_assert_cmpuint(net.bytes[0], ==, 198);
    g_assert_cmpuint(mask.bytes[3], ==, 128);
    g_assert_false(ikd_cfg_split_entry(&a, 2, &net, &mask));
}

static void test_names(void)
{
    char buf[32];
    g_assert_cmpstr(ikd_cfg_attribute_name(1, buf, sizeof buf), ==, "INTERNAL_IP4_ADDRESS");
    g_assert_cmpstr(ikd_cfg_attribute_name(14, buf, sizeof buf), ==, "SUPPORTED_ATTRIBUTES");
    g_assert_cmpstr(ikd_cfg_attribute_name(16522, buf, sizeof buf), ==, "XAUTH_USER_PASSWORD");
    g_assert_cmpstr(ikd_cfg_attribute_name(16529, buf, sizeof buf), ==, "XAUTH_ANSWER");
    g_assert_cmpstr(ikd_cfg_attribute_name(28676, buf, sizeof buf), ==, "UNITY_SPLIT_INCLUDE");
    g_assert_cmpstr(ikd_cfg_attribute_name(28682, buf, sizeof buf), ==, "UNITY_DDNS_HOSTNAME");
    g_assert_cmpstr(ikd_cfg_attribute_name(0, buf, sizeof buf), ==, "attribute 0");
    g_assert_cmpstr(ikd_cfg_attribute_name(16530, buf, sizeof buf), ==, "attribute 16530");
    g_assert_cmpstr(ikd_cfg_type_name(3, buf, sizeof buf), ==, "SET");
    g_assert_cmpstr(ikd_cfg_type_name(9, buf, sizeof buf), ==, "type 9");
    g_assert_true(ikd_cfg_attribute_is_xauth(16520));
    g_assert_false(ikd_cfg_attribute_is_xauth(28672));
    g_assert_true(ikd_cfg_attribute_is_secret(16522));
    g_assert_false(ikd_cfg_attribute_is_secret(16521));
}

static void test_malformed(void)
{
    ikd_cfg_payload cfg;
    static const uint8_t short_header[3] = { 1, 0, 0 };
    g_assert_false(ikd_cfg_payload_read(short_header, 3, &cfg));
    g_assert_false(ikd_cfg_payload_read(NULL, 0, &cfg));
    /* A TLV claiming more bytes than there are: the list is cut, nothing read past it. */
    static const uint8_t overrun[] = { 2, 0, 0, 1, 0, 1, 0, 4, 198, 51, 100, 100, 0, 3, 0, 40, 1, 2 };
    g_assert_true(ikd_cfg_payload_read(overrun, sizeof overrun, &cfg));
    g_assert_cmpuint(cfg.count, ==, 1);
    g_assert_true(cfg.cut);
    /* One odd byte after the last attribute; a TV with one byte of value. */
    static const uint8_t odd[] = { 2, 0, 0, 1, 0x80, 1, 0, 0, 7 };
    g_assert_true(ikd_cfg_payload_read(odd, sizeof odd, &cfg));
    g_assert_cmpuint(cfg.count, ==, 1);
    g_assert_true(cfg.cut);
    static const uint8_t tv_cut[] = { 2, 0, 0, 1, 0x80, 1, 0 };
    g_assert_true(ikd_cfg_payload_read(tv_cut, sizeof tv_cut, &cfg));
    g_assert_cmpuint(cfg.count, ==, 0);
    g_assert_true(cfg.cut);
    /* No attributes at all: a valid empty reply. */
    static const uint8_t empty[] = { 2, 0, 0, 1 };
    g_assert_true(ikd_cfg_payload_read(empty, sizeof empty, &cfg));
    g_assert_cmpuint(cfg.count, ==, 0);
    g_assert_false(cfg.cut);
    /* More attributes than are kept: counted, not stored. */
    GByteArray *b = g_byte_array_new();
    ikb_cfg_attr many[40];
    for (size_t i = 0; i < G_N_ELEMENTS(many); i++)
        many[i] = (ikb_cfg_attr){ 3, false, NULL, 0 };
    ikb_cfg_body(b, 1, 0, many, G_N_ELEMENTS(many));
    g_assert_true(ikd_cfg_payload_read(b->data, b->len, &cfg));
    g_assert_cmpuint(cfg.count, ==, IKD_MAX_CFG_ATTRIBUTES);
    g_assert_cmpuint(cfg.seen, ==, 40);
    g_byte_array_unref(b);
}

static void test_interned_names(void)
{
    uint32_t a = ikd_intern("alice");
    g_assert_cmpuint(a, !=, 0);
    g_assert_cmpuint(ikd_intern("alice"), ==, a);
    g_assert_cmpuint(ikd_intern("bob"), !=, a);
    g_assert_cmpstr(ikd_interned(a), ==, "alice");
    g_assert_cmpuint(ikd_intern(""), ==, 0);
    g_assert_cmpuint(ikd_intern(NULL), ==, 0);
    g_assert_cmpstr(ikd_interned(0), ==, "");
    g_assert_cmpstr(ikd_interned(999999), ==, "(not kept)");
    char longer[IKD_INTERNED_TEXT_MAX + 44];
    memset(longer, 'g', sizeof longer - 1);
    longer[sizeof longer - 1] = '\0';
    uint32_t l = ikd_intern(longer);
    g_assert_cmpuint(ikd_intern(longer), ==, l);
    g_assert_cmpuint(strlen(ikd_interned(l)), ==, IKD_INTERNED_TEXT_MAX - 1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/cfg_attributes/values", test_values);
    g_test_add_func("/cfg_attributes/split_lists", test_split_lists);
    g_test_add_func("/cfg_attributes/ikev2_values", test_ikev2_values);
    g_test_add_func("/cfg_attributes/ikev2_malformed", test_ikev2_malformed);
    g_test_add_func("/cfg_attributes/names", test_names);
    g_test_add_func("/cfg_attributes/malformed", test_malformed);
    g_test_add_func("/cfg_attributes/interned_names", test_interned_names);
    return g_test_run();
}
