/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - the policy file's phase-2 part: crypto map entries
 * and access lists read from pasted IOS configuration (hostile input
 * included), and the walk of a QM1 offer through them. */
#include "ikev1/ios_phase2_walk.h"
#include "ikev1/ios_policy.h"

#include <glib.h>
#include <string.h>

/* A usable file needs an isakmp policy; each test adds its phase-2 part. */
#define POLICY "crypto isakmp policy 10\n authentication pre-share\n"

static ikd_ios_config *parse(const char *text, GString *messages)
{
    return ikd_ios_config_parse(text, strlen(text), messages);
}

static ikd_proxy_id subnet(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint8_t mask_last)
{
    ikd_proxy_id id;
    memset(&id, 0, sizeof id);
    id.kind = IKD_PROXY_SUBNET;
    id.first = (ikd_address){ 4, { a, b, c, d } };
    id.second = (ikd_address){ 4, { 255, 255, 255, mask_last } };
    return id;
}

static const ikd_address initiator = { 4, { 192, 0, 2, 10 } };

/* esp-aes (key_length) esp-sha-hmac (auth 2) or sha256 (5), tunnel. */
static ikd_phase2_transform esp(uint16_t key_length, uint16_t auth, uint16_t pfs)
{
    ikd_phase2_transform t;
    memset(&t, 0, sizeof t);
    t.proposal_number = 1;
    t.protocol = 3;
    t.transform_id = 12;
    t.key_length = key_length;
    t.auth = auth;
    t.encapsulation = 1;
    t.pfs_group = pfs;
    return t;
}

static const char map_and_acl[] = POLICY
    "crypto ipsec transform-set TS esp-sha-hmac esp-aes 128\n"
    "crypto map VPN 20 ipsec-isakmp\n"
    " set peer 192.0.2.99\n"
    "crypto map VPN 10 ipsec-isakmp\n"
    " description branch\n"
    " set peer 192.0.2.10\n"
    " set transform-set TS\n"
    " set pfs group14\n"
    " match address VPN-ACL\n"
    "ip access-list extended VPN-ACL\n"
    " remark branch LANs\n"
    " 10 deny ip host 203.0.114.5 host 198.51.100.9\n"
    " 20 permit ip 203.0.113.0 0.0.0.255 198.51.100.0 0.0.0.255\n"
    " permit tcp any any eq 22\n"
    "access-list 101 permit ip any host 198.51.100.7\n"
    "access-list 10 permit 10.0.0.0 0.0.0.255\n";

static void test_parse(void)
{
    GString *messages = g_string_new(NULL);
    ikd_ios_config *c = parse(map_and_acl, messages);
    g_assert_cmpstr(messages->str, ==,
                    "line 16: access-list VPN-ACL entry 'permit tcp any any eq 22' not compared: only 'ip' entries "
                    "without ports are\n");
    g_assert_cmpuint(ikd_ios_config_crypto_map_count(c), ==, 2);
    const ikd_ios_crypto_map *e = ikd_ios_config_crypto_map(c, 0); /* sorted: VPN 10 first */
    g_assert_cmpuint(e->seq, ==, 10);
    g_assert_cmpuint(e->line, ==, 6);
    g_assert_cmpuint(e->peer_count, ==, 1);
    g_assert_cmpuint(e->set_count, ==, 1);
    g_assert_cmpstr(e->sets[0], ==, "TS");
    g_assert_cmpuint(e->pfs_group, ==, 14);
    g_assert_cmpuint(e->pfs_line, ==, 10);
    g_assert_cmpstr(e->acl, ==, "VPN-ACL");
    const ikd_ios_acl *acl = ikd_ios_config_acl(c, "VPN-ACL");
    g_assert_nonnull(acl);
    g_assert_cmpuint(acl->entries->len, ==, 3);
    const ikd_ios_ace *deny = &g_array_index(acl->entries, ikd_ios_ace, 0);
    g_assert_false(deny->permit);
    g_assert_true(deny->readable);
    g_assert_cmpuint(deny->dst_wildcard.bytes[0], ==, 0); /* host */
    g_assert_cmpuint(deny->dst.bytes[3], ==, 9);
    g_assert_cmpstr(g_array_index(acl->entries, ikd_ios_ace, 1).text, ==,
                    "permit ip 203.0.113.0 0.0.0.255 198.51.100.0 0.0.0.255");
    g_assert_false(g_array_index(acl->entries, ikd_ios_ace, 2).readable);
    g_assert_nonnull(ikd_ios_config_acl(c, "101"));
    g_assert_null(ikd_ios_config_acl(c, "10")); /* standard lists never name proxies */
    ikd_ios_config_free(c);
    g_string_free(messages, TRUE);
}

/* Any bytes, no crash, bounded: NULs, bad addresses, huge numbers, overlong
 * names, a list past its entry cap, a dynamic map. */
static void test_hostile(void)
{
    GString *text = g_string_new(POLICY);
    g_string_append(text, "crypto map M 1 ipsec-isakmp dynamic DYN\n crypto map\ncrypto map M 99999999999 x\n"
                          "crypto map M 2 ipsec-isakmp\n set peer 999.1.1.1\n set pfs group\n set pfs groupx\n"
                          " set transform-set A B C D E F G\n match address\n set\n");
    g_string_append(text, "ip access-list extended ");
    for (int i = 0; i < 100; i++)
        g_string_append_c(text, 'N');
    g_string_append(text, "\n permit ip 1.2.3 0.0.0.0 any\n deny\n permit ip host\n bogus x\n");
    g_string_append_len(text, " permit ip any any\0 trailing\n", 29);
    g_string_append(text, "ip access-list extended BIG\n");
    for (int i = 0; i < 300; i++)
        g_string_append(text, " permit ip any any\n");
    GString *messages = g_string_new(NULL);
    ikd_ios_config *c = ikd_ios_config_parse(text->str, text->len, messages);
    g_assert_cmpuint(ikd_ios_config_crypto_map_count(c), ==, 1);
    const ikd_ios_crypto_map *e = ikd_ios_config_crypto_map(c, 0);
    g_assert_cmpuint(e->peer_count, ==, 0);
    g_assert_cmpuint(e->pfs_group, ==, 0);
    g_assert_cmpuint(e->set_count, ==, IKD_IOS_MAP_SETS);
    g_assert_cmpstr(e->acl, ==, "");
    const ikd_ios_acl *big = ikd_ios_config_acl(c, "BIG");
    g_assert_nonnull(big);
    g_assert_cmpuint(big->entries->len, ==, IKD_IOS_MAX_ACES);
    g_assert_nonnull(strstr(messages->str, "line 3: crypto map entry 1 'dynamic' not modelled"));
    g_assert_nonnull(strstr(messages->str, "set peer '999.1.1.1' is not an IPv4 address"));
    g_assert_nonnull(strstr(messages->str, "bad set pfs 'group'"));
    g_assert_nonnull(strstr(messages->str, "more than 6 transform sets"));
    g_assert_nonnull(strstr(messages->str, "access-list name 'NNNN"));
    g_assert_nonnull(strstr(messages->str, "unknown access-list entry 'bogus'"));
    g_assert_nonnull(strstr(messages->str, "'permit ip any any\\x00 trailing' not compared"));
    g_assert_nonnull(strstr(messages->str, "access-list BIG has more than 256 entries"));
    ikd_ios_config_free(c);
    g_string_free(messages, TRUE);
    g_string_free(text, TRUE);
}

static void test_transform_units(void)
{
    char units[200];
    ikd_ios_transform_units("esp-sha-hmac esp-aes 128", units, sizeof units);
    g_assert_cmpstr(units, ==, "esp-aes|esp-sha-hmac");
    ikd_ios_transform_units("ESP-AES 256  esp-sha256-hmac", units, sizeof units);
    g_assert_cmpstr(units, ==, "esp-aes 256|esp-sha256-hmac");
    ikd_ios_transform_units("esp-gcm", units, sizeof units);
    g_assert_cmpstr(units, ==, "esp-gcm 128");
    ikd_ios_transform_units("256 esp-null", units, sizeof units); /* a stray number belongs to nothing */
    g_assert_cmpstr(units, ==, "esp-null");
}

/* The walk's outcome and line for one offer and these proxies (IDci, IDcr).
 * The tcp entry of map_and_acl becomes a remark (same line numbers): an
 * entry ikediag does not compare leaves every walk undecided. */
static ikd_p2_walk_result walk(const char *text, ikd_phase2_transform t, ikd_proxy_id ci, ikd_proxy_id cr,
                               GString *debug)
{
    GString *edited = g_string_new(text);
    g_string_replace(edited, " permit tcp any any eq 22\n", " remark ssh\n", 1);
    ikd_ios_config *c = parse(edited->str, NULL);
    g_string_free(edited, TRUE);
    const ikd_proxy_id ids[2] = { ci, cr };
    ikd_p2_walk_result r;
    ikd_ios_phase2_walk(c, &t, 1, ids, &initiator, debug, &r);
    ikd_ios_config_free(c);
    return r;
}

static void test_walk(void)
{
    const ikd_proxy_id ci = subnet(198, 51, 100, 0, 0), cr = subnet(203, 0, 113, 0, 0);
    GString *d = g_string_new(NULL);
    ikd_p2_walk_result r = walk(map_and_acl, esp(0, 2, 14), ci, cr, d);
    g_assert_cmpuint(r.outcome, ==, IKD_P2_WALK_ACCEPTED);
    g_assert_cmpstr(d->str, ==,
                    "ikediag: proxy identities, the router's side: local 203.0.113.0/255.255.255.0/0/0, remote "
                    "198.51.100.0/255.255.255.0/0/0\n"
                    "ikediag: crypto map VPN 10 (line 6) has set peer for the initiator\n"
                    "ikediag: access-list VPN-ACL line 15 'permit ip 203.0.113.0 0.0.0.255 198.51.100.0 "
                    "0.0.0.255': mirrors the proxy identities\n"
                    "ikediag: {esp-aes esp-sha-hmac} against transform-set TS (line 3: esp-sha-hmac esp-aes 128, "
                    "mode tunnel): fits\n"
                    "atts are acceptable.\n");
    g_string_truncate(d, 0);
    r = walk(map_and_acl, esp(256, 5, 14), ci, cr, d);
    g_assert_cmpuint(r.outcome, ==, IKD_P2_WALK_TRANSFORM);
    g_assert_cmpuint(r.line, ==, 9); /* set transform-set */
    g_assert_nonnull(strstr(d->str, "IPSEC(ipsec_process_proposal): transform proposal not supported for "
                                    "identity: {esp-aes 256 esp-sha256-hmac }\nphase 2 SA policy not acceptable!\n"));
    r = walk(map_and_acl, esp(0, 2, 0), ci, cr, d);
    g_assert_cmpuint(r.outcome, ==, IKD_P2_WALK_PFS);
    g_assert_cmpuint(r.line, ==, 10); /* set pfs */
    g_string_truncate(d, 0);
    r = walk(map_and_acl, esp(0, 2, 14), subnet(198, 51, 100, 128, 128), subnet(203, 0, 115, 0, 0), d);
    g_assert_cmpuint(r.outcome, ==, IKD_P2_WALK_PROXY);
    g_assert_cmpuint(r.line, ==, 15); /* the list's permit entry */
    g_assert_nonnull(strstr(d->str, "map_db_find_best did not find matching map\nIPSEC(ipsec_process_proposal): "
                                    "proxy identities not supported\nphase 2 SA policy not acceptable!\n"));
    /* Inside the ACL entry without being equal to it: not decided. */
    r = walk(map_and_acl, esp(0, 2, 14), subnet(198, 51, 100, 0, 128), cr, d);
    g_assert_cmpuint(r.outcome, ==, IKD_P2_WALK_UNDETERMINED);
    /* The deny entry is exactly these proxies: not protected by the entry, and no other entry. */
    ikd_proxy_id h1 = subnet(203, 0, 114, 5, 255), h2 = subnet(198, 51, 100, 9, 255);
    h1.kind = h2.kind = IKD_PROXY_ADDRESS;
    g_string_truncate(d, 0);
    r = walk(map_and_acl, esp(0, 2, 14), h2, h1, d);
    g_assert_cmpuint(r.outcome, ==, IKD_P2_WALK_PROXY);
    g_assert_nonnull(strstr(d->str, "line 14 'deny ip host 203.0.114.5 host 198.51.100.9': denies them"));
    g_string_free(d, TRUE);
}

static void test_walk_cannot_tell(void)
{
    /* An entry that is not compared (tcp) and not disjoint: undecided. */
    ikd_ios_config *c = parse(map_and_acl, NULL);
    const ikd_proxy_id proxies[2] = { subnet(198, 51, 100, 0, 0), subnet(203, 0, 115, 0, 0) };
    const ikd_phase2_transform offer = esp(0, 2, 14);
    ikd_p2_walk_result r0;
    GString *d0 = g_string_new(NULL);
    ikd_ios_phase2_walk(c, &offer, 1, proxies, &initiator, d0, &r0);
    g_assert_cmpuint(r0.outcome, ==, IKD_P2_WALK_UNDETERMINED);
    g_assert_nonnull(strstr(d0->str, "'permit tcp any any eq 22': overlaps the proxy identities without mirroring "
                                     "them; cannot tell"));
    g_string_free(d0, TRUE);
    ikd_ios_config_free(c);
    const ikd_proxy_id ci = subnet(198, 51, 100, 0, 0), cr = subnet(203, 0, 113, 0, 0);
    GString *d = g_string_new(NULL);
    /* No entry for this peer (a dynamic map may hold it). */
    ikd_p2_walk_result r = walk(POLICY "crypto map VPN 10 ipsec-isakmp\n set peer 192.0.2.77\n", esp(0, 2, 0), ci,
                                cr, d);
    g_assert_cmpuint(r.outcome, ==, IKD_P2_WALK_UNDETERMINED);
    g_assert_nonnull(strstr(d->str, "no crypto map entry has set peer 192.0.2.10"));
    /* The ACL is not in the file. */
    r = walk(POLICY "crypto map VPN 10 ipsec-isakmp\n set peer 192.0.2.10\n match address GONE\n", esp(0, 2, 0), ci,
             cr, d);
    g_assert_cmpuint(r.outcome, ==, IKD_P2_WALK_UNDETERMINED);
    /* No crypto map at all: no walk. */
    r = walk(POLICY, esp(0, 2, 0), ci, cr, d);
    g_assert_cmpuint(r.outcome, ==, IKD_P2_WALK_NOT_WALKED);
    /* Without set pfs, an offer with group 14: the reference only vouches for groups 1 and 2. */
    r = walk(POLICY "crypto ipsec transform-set TS esp-aes esp-sha-hmac\ncrypto map VPN 10 ipsec-isakmp\n"
                    " set peer 192.0.2.10\n set transform-set TS\n match address 101\n"
                    "access-list 101 permit ip 203.0.113.0 0.0.0.255 198.51.100.0 0.0.0.255\n",
             esp(0, 2, 14), ci, cr, d);
    g_assert_cmpuint(r.outcome, ==, IKD_P2_WALK_UNDETERMINED);
    g_string_free(d, TRUE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ios_phase2/parse", test_parse);
    g_test_add_func("/ios_phase2/hostile", test_hostile);
    g_test_add_func("/ios_phase2/transform_units", test_transform_units);
    g_test_add_func("/ios_phase2/walk", test_walk);
    g_test_add_func("/ios_phase2/walk_cannot_tell", test_walk_cannot_tell);
    return g_test_run();
}
