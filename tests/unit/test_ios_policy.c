/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/ios_policy and expert/ios_debug: pasted IOS
 * configuration and IOS's phase-1 policy walk.
 *
 * Parsing: defaults, every keyword, order, transform sets, line endings,
 * notes and errors with their line numbers, hostile bytes. The walk: whole
 * debug texts compared byte for byte, one per situation. The worked example
 * of docs/policy-file.md is loaded from docs/examples/ and its output checked
 * here, so the documentation cannot drift from the code. */
#include "ikev1/ios_debug.h"
#include "ikev1/ios_policy.h"

#include <glib.h>
#include <glib/gstdio.h>
#include <string.h>

/* --- Helpers ------------------------------------------------------------------------ */

/* Parses a NUL-terminated text; messages into *msgs (caller frees). */
static ikd_ios_config *parse(const char *text, GString **msgs)
{
    *msgs = g_string_new(NULL);
    return ikd_ios_config_parse(text, strlen(text), *msgs);
}

/* The one policy of text, copied into *store; no message expected. */
static const ikd_ios_isakmp_policy *only_policy(const char *text, ikd_ios_isakmp_policy *store)
{
    GString *msgs;
    ikd_ios_config *c = parse(text, &msgs);
    g_assert_cmpstr(msgs->str, ==, "");
    g_string_free(msgs, TRUE);
    g_assert_cmpuint(ikd_ios_config_policy_count(c), ==, 1);
    *store = *ikd_ios_config_policy(c, 0);
    ikd_ios_config_free(c);
    return store;
}

static const char no_policy_note[] = "no crypto isakmp policy block found (IOS 12.4(20)T and later would then use "
                                     "its default policies 65507-65514, which ikediag does not model)\n";

/* An offer: transform n of proposal 1. */
static ikd_transform_entry offer(uint8_t n, uint16_t enc, uint16_t kl, uint16_t hash, uint16_t auth,
                                 uint16_t group, uint32_t life)
{
    return (ikd_transform_entry){ .proposal_number = 1, .protocol = 1, .transform_number = n, .transform_id = 1,
                                  .attributes = { .encryption = enc, .key_length = kl, .hash = hash, .auth = auth,
                                                  .group = group, .life_seconds = life } };
}

enum { DES = 1, TDES = 5, AES = 7, MD5 = 1, SHA = 2, SHA256 = 4, PSK = 1, RSIG = 3 };

/* Field by field: the struct has padding. */
static void assert_transform(const ikd_transform *got, const ikd_transform *want)
{
    g_assert_cmpuint(got->encryption, ==, want->encryption);
    g_assert_cmpuint(got->key_length, ==, want->key_length);
    g_assert_cmpuint(got->hash, ==, want->hash);
    g_assert_cmpuint(got->auth, ==, want->auth);
    g_assert_cmpuint(got->group, ==, want->group);
    g_assert_cmpuint(got->life_seconds, ==, want->life_seconds);
    g_assert_cmpuint(got->life_kilobytes, ==, want->life_kilobytes);
}

/* --- Parsing ------------------------------------------------------------------------ */

static void test_defaults(void)
{
    ikd_ios_isakmp_policy store;
    const ikd_ios_isakmp_policy *p = only_policy("crypto isakmp policy 10\n", &store);
    g_assert_cmpuint(p->priority, ==, 10);
    g_assert_cmpuint(p->line, ==, 1);
    g_assert_cmpuint(p->t.encryption, ==, DES);
    g_assert_cmpuint(p->t.key_length, ==, 0);
    g_assert_cmpuint(p->t.hash, ==, SHA);
    g_assert_cmpuint(p->t.auth, ==, RSIG);
    g_assert_cmpuint(p->t.group, ==, 1);
    g_assert_cmpuint(p->t.life_seconds, ==, 86400);
    g_assert_cmpuint(p->t.life_kilobytes, ==, 0);

    /* One attribute set, the others keep their defaults. */
    p = only_policy("crypto isakmp policy 5\n authentication pre-share\n hash sha512\n", &store);
    g_assert_cmpuint(p->t.encryption, ==, DES);
    g_assert_cmpuint(p->t.hash, ==, 6);
    g_assert_cmpuint(p->t.auth, ==, PSK);
    g_assert_cmpuint(p->t.group, ==, 1);
    g_assert_cmpuint(p->t.life_seconds, ==, 86400);
}

static void test_every_keyword(void)
{
    static const struct {
        const char *line;
        ikd_transform want; /* differences from the defaults */
    } cases[] = {
        { " encr des", { DES, 0, SHA, RSIG, 1, 86400, 0 } },
        { " encr 3des", { TDES, 0, SHA, RSIG, 1, 86400, 0 } },
        { " encryption 3des", { TDES, 0, SHA, RSIG, 1, 86400, 0 } },
        { " encr aes", { AES, 128, SHA, RSIG, 1, 86400, 0 } },
        { " encr aes 128", { AES, 128, SHA, RSIG, 1, 86400, 0 } },
        { " encr aes 192", { AES, 192, SHA, RSIG, 1, 86400, 0 } },
        { " encryption aes 256", { AES, 256, SHA, RSIG, 1, 86400, 0 } },
        { " ENCR AES 256", { AES, 256, SHA, RSIG, 1, 86400, 0 } },
        { " hash md5", { DES, 0, MD5, RSIG, 1, 86400, 0 } },
        { " hash sha", { DES, 0, SHA, RSIG, 1, 86400, 0 } },
        { " hash sha256", { DES, 0, 4, RSIG, 1, 86400, 0 } },
        { " hash sha384", { DES, 0, 5, RSIG, 1, 86400, 0 } },
        { " hash sha512", { DES, 0, 6, RSIG, 1, 86400, 0 } },
        { " authentication pre-share", { DES, 0, SHA, PSK, 1, 86400, 0 } },
        { " authentication rsa-sig", { DES, 0, SHA, RSIG, 1, 86400, 0 } },
        { " authentication rsa-encr", { DES, 0, SHA, 4, 1, 86400, 0 } },
        { " group 1", { DES, 0, SHA, RSIG, 1, 86400, 0 } },
        { " group 2", { DES, 0, SHA, RSIG, 2, 86400, 0 } },
        { " group 5", { DES, 0, SHA, RSIG, 5, 86400, 0 } },
        { " group 14", { DES, 0, SHA, RSIG, 14, 86400, 0 } },
        { " group 15", { DES, 0, SHA, RSIG, 15, 86400, 0 } },
        { " group 16", { DES, 0, SHA, RSIG, 16, 86400, 0 } },
        { " group 19", { DES, 0, SHA, RSIG, 19, 86400, 0 } },
        { " group 20", { DES, 0, SHA, RSIG, 20, 86400, 0 } },
        { " group 21", { DES, 0, SHA, RSIG, 21, 86400, 0 } },
        { " group 24", { DES, 0, SHA, RSIG, 24, 86400, 0 } },
        { " lifetime 60", { DES, 0, SHA, RSIG, 1, 60, 0 } },
        { " lifetime 28800", { DES, 0, SHA, RSIG, 1, 28800, 0 } },
        { " lifetime 86400", { DES, 0, SHA, RSIG, 1, 86400, 0 } },
    };
    ikd_ios_isakmp_policy store;
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        g_autofree char *text = g_strdup_printf("crypto isakmp policy 1\n%s\n", cases[i].line);
        const ikd_ios_isakmp_policy *p = only_policy(text, &store);
        g_test_message("%s", cases[i].line);
        assert_transform(&p->t, &cases[i].want);
    }
    /* A later encryption line replaces an earlier AES key length. */
    const ikd_ios_isakmp_policy *p = only_policy("crypto isakmp policy 1\n encr aes 256\n encr 3des\n", &store);
    g_assert_cmpuint(p->t.encryption, ==, TDES);
    g_assert_cmpuint(p->t.key_length, ==, 0);
}

static void test_sorted_by_priority(void)
{
    GString *msgs;
    ikd_ios_config *c = parse("crypto isakmp policy 30\n"
                              " encr 3des\n"
                              "!\n"
                              "crypto isakmp policy 10\n"
                              " encr aes 256\n"
                              " hash sha256\n"
                              " authentication pre-share\n"
                              " group 14\n"
                              "!\n"
                              "crypto isakmp policy 20\n"
                              " group 2\n"
                              "crypto isakmp policy 30\n" /* re-entered: edits policy 30 */
                              " hash md5\n",
                              &msgs);
    g_assert_cmpstr(msgs->str, ==, "");
    g_assert_cmpuint(ikd_ios_config_policy_count(c), ==, 3);
    const ikd_ios_isakmp_policy *p10 = ikd_ios_config_policy(c, 0);
    const ikd_ios_isakmp_policy *p20 = ikd_ios_config_policy(c, 1);
    const ikd_ios_isakmp_policy *p30 = ikd_ios_config_policy(c, 2);
    g_assert_null(ikd_ios_config_policy(c, 3));
    g_assert_cmpuint(p10->priority, ==, 10);
    g_assert_cmpuint(p10->line, ==, 4);
    g_assert_cmpuint(p20->priority, ==, 20);
    g_assert_cmpuint(p20->line, ==, 10);
    g_assert_cmpuint(p30->priority, ==, 30);
    g_assert_cmpuint(p30->line, ==, 1);
    g_assert_cmpuint(p30->t.encryption, ==, TDES);
    g_assert_cmpuint(p30->t.hash, ==, MD5);
    g_assert_cmpuint(p20->t.group, ==, 2);
    g_assert_cmpuint(p20->t.encryption, ==, DES);

    GString *s = g_string_new(NULL);
    for (guint i = 0; i < 3; i++) {
        ikd_ios_policy_attribute_summary(ikd_ios_config_policy(c, i), s);
        g_string_append_c(s, '\n');
    }
    g_assert_cmpstr(s->str, ==,
                    "priority 10: encryption aes 256, hash sha256, authentication pre-share, group 14, lifetime 86400\n"
                    "priority 20: encryption des, hash sha, authentication rsa-sig, group 2, lifetime 86400\n"
                    "priority 30: encryption 3des, hash md5, authentication rsa-sig, group 1, lifetime 86400\n");
    g_string_free(s, TRUE);
    g_string_free(msgs, TRUE);
    ikd_ios_config_free(c);
}

static void test_transform_sets(void)
{
    GString *msgs;
    ikd_ios_config *c = parse("crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac \n"
                              " mode transport\n"
                              "crypto ipsec transform-set T2\tesp-3des   esp-md5-hmac\n"
                              "crypto ipsec transform-set T3 ah-sha-hmac esp-gcm 128 comp-lzs\n"
                              " mode tunnel\n"
                              "crypto ipsec transform-set BAD esp-foo esp-aes 512\n"
                              " mode sideways\n"
                              " replay\n"
                              "crypto ipsec transform-set EMPTY\n",
                              &msgs);
    g_autofree char *want = g_strconcat("line 6: unknown transform 'esp-foo' in transform-set BAD\n"
                                        "line 7: mode needs tunnel or transport\n"
                                        "line 8: unknown transform-set attribute 'replay'\n"
                                        "line 9: transform-set EMPTY has no transforms\n",
                                        no_policy_note, NULL);
    g_assert_cmpstr(msgs->str, ==, want);
    g_assert_cmpuint(ikd_ios_config_transform_set_count(c), ==, 5);
    const ikd_ios_transform_set *ts = ikd_ios_config_transform_set(c, 0);
    g_assert_cmpstr(ts->name, ==, "TS");
    g_assert_cmpstr(ts->transforms, ==, "esp-aes 256 esp-sha256-hmac");
    g_assert_cmpstr(ts->mode, ==, "transport");
    g_assert_cmpuint(ts->line, ==, 1);
    ts = ikd_ios_config_transform_set(c, 1);
    g_assert_cmpstr(ts->name, ==, "T2");
    g_assert_cmpstr(ts->transforms, ==, "esp-3des esp-md5-hmac");
    g_assert_cmpstr(ts->mode, ==, "tunnel");
    g_assert_cmpuint(ts->line, ==, 3);
    ts = ikd_ios_config_transform_set(c, 2);
    g_assert_cmpstr(ts->transforms, ==, "ah-sha-hmac esp-gcm 128 comp-lzs");
    ts = ikd_ios_config_transform_set(c, 3);
    g_assert_cmpstr(ts->transforms, ==, "esp-foo esp-aes 512"); /* as written, despite the error */
    g_assert_null(ikd_ios_config_transform_set(c, 5));
    g_assert_cmpuint(ikd_ios_config_policy_count(c), ==, 0);
    g_assert_cmpuint(ikd_ios_config_error_count(c), ==, 4);
    g_string_free(msgs, TRUE);
    ikd_ios_config_free(c);

    /* "esp-aes 512": 512 is not a key length, so it is an unknown transform. */
    c = parse("crypto ipsec transform-set X esp-aes 512\n", &msgs);
    g_assert_true(g_str_has_prefix(msgs->str, "line 1: unknown transform '512' in transform-set X\n"));
    g_string_free(msgs, TRUE);
    ikd_ios_config_free(c);

    /* Too long: name truncated to 63 bytes, transforms to 127. */
    GString *text = g_string_new("crypto ipsec transform-set ");
    for (int i = 0; i < 70; i++)
        g_string_append_c(text, 'N');
    for (int i = 0; i < 20; i++)
        g_string_append(text, " esp-sha256-hmac");
    c = parse(text->str, &msgs);
    ts = ikd_ios_config_transform_set(c, 0);
    g_assert_cmpuint(strlen(ts->name), ==, 63);
    g_assert_cmpuint(strlen(ts->transforms), ==, 8 * 16 - 1); /* 8 whole transforms fit in 127 */
    g_assert_true(strstr(msgs->str, "line 1: transform-set name 'NNNN") != NULL);
    g_assert_true(strstr(msgs->str, "...' longer than 63 bytes, truncated\n") != NULL);
    g_assert_true(strstr(msgs->str, "longer than 127 bytes, truncated\n") != NULL);
    g_string_free(text, TRUE);
    g_string_free(msgs, TRUE);
    ikd_ios_config_free(c);
}

static void test_line_endings_tabs_comments(void)
{
    static const char *const texts[] = {
        "crypto isakmp policy 10\r\n encr aes 192\r\n hash md5\r\n!\r\ncrypto isakmp policy 20\r\n",
        "crypto isakmp policy 10\r encr aes 192\r hash md5\r!\rcrypto isakmp policy 20", /* lone CR, no final end */
        "crypto isakmp policy 10\n\tencr\taes\t192\n\t hash  md5  \n! comment\ncrypto isakmp policy 20\n",
        "  crypto isakmp policy 10\n    encr aes 192\n\n    hash md5\n  !\n  crypto isakmp policy 20\n",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(texts); i++) {
        GString *msgs;
        ikd_ios_config *c = parse(texts[i], &msgs);
        g_test_message("text %zu", i);
        g_assert_cmpstr(msgs->str, ==, "");
        g_assert_cmpuint(ikd_ios_config_policy_count(c), ==, 2);
        const ikd_ios_isakmp_policy *p = ikd_ios_config_policy(c, 0);
        g_assert_cmpuint(p->t.encryption, ==, AES);
        g_assert_cmpuint(p->t.key_length, ==, 192);
        g_assert_cmpuint(p->t.hash, ==, MD5);
        g_assert_cmpuint(ikd_ios_config_policy(c, 1)->line, ==, i == 3 ? 6 : 5);
        g_string_free(msgs, TRUE);
        ikd_ios_config_free(c);
    }

    /* A top-level command or "!" ends the block: its sub-lines do not leak. */
    GString *msgs;
    ikd_ios_config *c = parse("crypto isakmp policy 10\n"
                              "interface Gi0/0\n"
                              " hash md5\n"
                              "crypto isakmp policy 20\n"
                              "!\n"
                              " group 5\n",
                              &msgs);
    g_assert_cmpstr(msgs->str, ==, "");
    g_assert_cmpuint(ikd_ios_config_policy(c, 0)->t.hash, ==, SHA);
    g_assert_cmpuint(ikd_ios_config_policy(c, 1)->t.group, ==, 1);
    g_string_free(msgs, TRUE);
    ikd_ios_config_free(c);
}

static void test_notes_for_ignored(void)
{
    GString *msgs;
    ikd_ios_config *c = parse("crypto keyring KR\n"
                              "  pre-shared-key address 192.0.2.1 key s3cr3t-keyring\n"
                              "crypto isakmp profile PROF\n"
                              "   keyring KR\n"
                              "   match identity address 192.0.2.1 255.255.255.255\n"
                              "crypto isakmp key s3cr3t-global address 192.0.2.2\n"
                              "crypto isakmp keepalive 10 periodic\n"
                              "crypto map VPN 10 ipsec-isakmp\n"
                              " set peer 192.0.2.1\n"
                              "crypto isakmp policy 10\n"
                              " authentication pre-share\n",
                              &msgs);
    g_assert_cmpstr(msgs->str, ==,
                    "line 1: crypto keyring 'KR' ignored: keyrings and profiles do not change policy matching\n"
                    "line 3: crypto isakmp profile 'PROF' ignored: keyrings and profiles do not change policy "
                    "matching\n"
                    "line 6: crypto isakmp key ignored: pre-shared keys do not change policy matching\n");
    g_assert_null(strstr(msgs->str, "s3cr3t"));
    g_assert_cmpuint(ikd_ios_config_error_count(c), ==, 0);
    g_assert_cmpuint(ikd_ios_config_policy_count(c), ==, 1);
    g_assert_cmpuint(ikd_ios_config_policy(c, 0)->t.auth, ==, PSK);
    g_string_free(msgs, TRUE);
    ikd_ios_config_free(c);
}

static void test_errors_with_line_numbers(void)
{
    GString *msgs;
    ikd_ios_config *c = parse("crypto isakmp policy 10\n"    /* 1 */
                              " encr aes 512\n"              /* 2 */
                              " encr blowfish\n"             /* 3 */
                              " hash sha1\n"                 /* 4 */
                              " authentication psk\n"        /* 5 */
                              " group 3\n"                   /* 6 */
                              " group -2\n"                  /* 7 */
                              " lifetime 30\n"               /* 8 */
                              " lifetime 99999999999\n"      /* 9 */
                              " lifetime\n"                  /* 10 */
                              " hash sha extra\n"            /* 11 */
                              " foo bar\n"                   /* 12 */
                              " group 14\n"                  /* 13: still applied */
                              "crypto isakmp policy 0\n"     /* 14 */
                              " hash md5\n"                  /* 15: skipped with its block */
                              "crypto isakmp policy abc\n"   /* 16 */
                              "crypto isakmp policy 10001\n" /* 17 */
                              "crypto isakmp policy\n"       /* 18 */
                              "crypto isakmp policy 20 x\n"  /* 19: not a header */
                              " group 5\n"                   /* 20: skipped with its block */
                              "crypto isakmp policy 30\n",   /* 21 */
                              &msgs);
    g_assert_cmpstr(msgs->str, ==,
                    "line 2: bad AES key length '512' (128, 192 or 256); policy 10 skipped\n"
                    "line 3: unknown encryption 'blowfish' (des, 3des, aes [128|192|256]); policy 10 skipped\n"
                    "line 4: unknown hash 'sha1' (md5, sha, sha256, sha384, sha512); policy 10 skipped\n"
                    "line 5: unknown authentication 'psk' (pre-share, rsa-sig, rsa-encr); policy 10 skipped\n"
                    "line 6: bad group '3' (1, 2, 5, 14, 15, 16, 19, 20, 21, 24); policy 10 skipped\n"
                    "line 7: bad group '-2' (1, 2, 5, 14, 15, 16, 19, 20, 21, 24); policy 10 skipped\n"
                    "line 8: bad lifetime '30' (60-86400 seconds); policy 10 skipped\n"
                    "line 9: bad lifetime '99999999999' (60-86400 seconds); policy 10 skipped\n"
                    "line 10: lifetime needs a number of seconds (60-86400); policy 10 skipped\n"
                    "line 11: unexpected 'extra' after the hash; policy 10 skipped\n"
                    "line 12: unknown isakmp policy attribute 'foo'; policy 10 skipped\n"
                    "line 14: bad isakmp policy priority '0' (1-10000)\n"
                    "line 16: bad isakmp policy priority 'abc' (1-10000)\n"
                    "line 17: bad isakmp policy priority '10001' (1-10000)\n"
                    "line 18: crypto isakmp policy needs a priority (1-10000)\n"
                    "line 19: unexpected 'x' after the priority; this block is skipped\n");
    g_assert_cmpuint(ikd_ios_config_error_count(c), ==, 16);
    /* Policy 10 had bad lines: skipped whole, never defaulted. Policy 30 is intact. */
    g_assert_cmpuint(ikd_ios_config_policy_count(c), ==, 1);
    const ikd_ios_isakmp_policy *p = ikd_ios_config_policy(c, 0);
    g_assert_cmpuint(p->priority, ==, 30);
    g_assert_cmpuint(p->line, ==, 21);
    g_assert_cmpuint(p->t.group, ==, 1);
    g_string_free(msgs, TRUE);
    ikd_ios_config_free(c);
}

static void test_empty(void)
{
    GString *msgs = g_string_new(NULL);
    ikd_ios_config *c = ikd_ios_config_parse("", 0, msgs);
    g_assert_cmpuint(ikd_ios_config_policy_count(c), ==, 0);
    g_assert_cmpuint(ikd_ios_config_transform_set_count(c), ==, 0);
    g_assert_null(ikd_ios_config_policy(c, 0));
    g_assert_cmpstr(msgs->str, ==, no_policy_note);
    ikd_ios_config_free(c);

    /* NULL text and NULL messages are fine too. */
    c = ikd_ios_config_parse(NULL, 5, NULL);
    g_assert_cmpuint(ikd_ios_config_policy_count(c), ==, 0);
    ikd_ios_config_free(c);
    ikd_ios_config_free(NULL);
    g_assert_cmpuint(ikd_ios_config_policy_count(NULL), ==, 0);
    g_string_free(msgs, TRUE);
}

static void test_nul_and_utf8_bytes(void)
{
    static const char text[] = "crypto isakmp policy 10\n"
                               " hash sha\0" "256\n"
                               " foo\xc3\xa9'\\\n"
                               " group 14\n"
                               "crypto\0isakmp policy 20\n" /* not a crypto line: ignored */
                               " hash md5\n"                  /* so not in a block either */
                               "description caf\xc3\xa9 \xff\xfe\n";
    GString *msgs = g_string_new(NULL);
    ikd_ios_config *c = ikd_ios_config_parse(text, sizeof text - 1, msgs);
    g_assert_cmpstr(msgs->str, ==,
                    "line 2: unknown hash 'sha\\x00256' (md5, sha, sha256, sha384, sha512); policy 10 skipped\n"
                    "line 3: unknown isakmp policy attribute 'foo\\xc3\\xa9\\x27\\x5c'; policy 10 skipped\n"
                    "no usable crypto isakmp policy: 1 found, all skipped\n");
    /* Policy 10's hash was not understood: skipped, not read as sha. */
    g_assert_cmpuint(ikd_ios_config_policy_count(c), ==, 0);
    g_string_free(msgs, TRUE);
    ikd_ios_config_free(c);
}

static void test_huge_lines(void)
{
    enum { MB = 1024 * 1024 };
    /* A 1 MB line inside a policy block, then a normal sub-line. */
    GString *text = g_string_new("crypto isakmp policy 10\n ");
    for (int i = 0; i < MB - 1; i++)
        g_string_append_c(text, i % 7 ? 'a' : ' ');
    g_string_append(text, "\n group 5\n");
    GString *msgs = g_string_new(NULL);
    ikd_ios_config *c = ikd_ios_config_parse(text->str, text->len, msgs);
    g_assert_cmpstr(msgs->str, ==, "line 2: line of 1048576 bytes ignored (longer than 4096)\n");
    g_assert_cmpuint(ikd_ios_config_policy(c, 0)->t.group, ==, 5);
    ikd_ios_config_free(c);

    /* A 1 MB line with no line ending, of one long token. */
    g_string_truncate(text, 0);
    g_string_truncate(msgs, 0);
    g_string_append(text, "crypto isakmp policy 1\n");
    for (int i = 0; i < MB; i++)
        g_string_append_c(text, 'x');
    c = ikd_ios_config_parse(text->str, text->len, msgs);
    g_assert_cmpstr(msgs->str, ==, "line 2: line of 1048576 bytes ignored (longer than 4096)\n");
    ikd_ios_config_free(c);

    /* A line just under the limit is read, and the quote in its message is short. */
    g_string_truncate(text, 0);
    g_string_truncate(msgs, 0);
    g_string_append(text, "crypto isakmp policy 1\n ");
    for (int i = 0; i < IKD_IOS_MAX_LINE - 1; i++)
        g_string_append_c(text, 'y');
    c = ikd_ios_config_parse(text->str, text->len, msgs);
    g_assert_cmpstr(msgs->str, ==, "line 2: unknown isakmp policy attribute "
                                   "'yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy...'; policy 1 skipped\n"
                                   "no usable crypto isakmp policy: 1 found, all skipped\n");
    ikd_ios_config_free(c);
    g_string_free(text, TRUE);
    g_string_free(msgs, TRUE);
}

static void test_message_cap(void)
{
    GString *text = g_string_new("crypto isakmp policy 1\n");
    for (int i = 0; i < 150; i++)
        g_string_append(text, " bogus\n");
    GString *msgs = g_string_new(NULL);
    ikd_ios_config *c = ikd_ios_config_parse(text->str, text->len, msgs);
    gchar **lines = g_strsplit(msgs->str, "\n", -1);
    g_assert_cmpuint(g_strv_length(lines), ==, IKD_IOS_MAX_MESSAGES + 3); /* + summary + why none + "" */
    g_assert_cmpstr(lines[0], ==, "line 2: unknown isakmp policy attribute 'bogus'; policy 1 skipped");
    g_assert_cmpstr(lines[IKD_IOS_MAX_MESSAGES - 1], ==,
                    "line 101: unknown isakmp policy attribute 'bogus'; policy 1 skipped");
    g_assert_cmpstr(lines[IKD_IOS_MAX_MESSAGES], ==, "... 50 more messages not shown");
    g_assert_cmpstr(lines[IKD_IOS_MAX_MESSAGES + 1], ==, "no usable crypto isakmp policy: 1 found, all skipped");
    g_assert_cmpuint(ikd_ios_config_error_count(c), ==, 150);
    g_strfreev(lines);
    g_string_free(text, TRUE);
    g_string_free(msgs, TRUE);
    ikd_ios_config_free(c);
}

static void test_load(void)
{
    GString *msgs = g_string_new(NULL);
    g_assert_null(ikd_ios_config_load("/nonexistent/ikediag-policy.txt", msgs));
    g_assert_true(g_str_has_prefix(msgs->str, "cannot read policy file /nonexistent/ikediag-policy.txt: "));
    g_assert_true(strchr(msgs->str, '\n') == msgs->str + msgs->len - 1); /* one line */

    g_string_truncate(msgs, 0);
    g_assert_null(ikd_ios_config_load("", msgs));
    g_assert_cmpstr(msgs->str, ==, "no policy file given\n");

    /* A directory opens but does not read. */
    g_string_truncate(msgs, 0);
    g_autofree char *dir = g_dir_make_tmp("ikediag-XXXXXX", NULL);
    g_assert_nonnull(dir);
    g_assert_null(ikd_ios_config_load(dir, msgs));
    g_assert_true(g_str_has_prefix(msgs->str, "cannot read policy file "));
    g_assert_cmpint(g_rmdir(dir), ==, 0);

    /* A real file. */
    g_string_truncate(msgs, 0);
    GError *err = NULL;
    char *path = NULL;
    int fd = g_file_open_tmp("ikediag-policy-XXXXXX.txt", &path, &err);
    g_assert_no_error(err);
    g_assert_true(g_close(fd, NULL));
    static const char body[] = "crypto isakmp policy 7\r\n encr aes\r\n";
    g_assert_true(g_file_set_contents(path, body, sizeof body - 1, &err));
    ikd_ios_config *c = ikd_ios_config_load(path, msgs);
    g_assert_nonnull(c);
    g_assert_cmpstr(msgs->str, ==, "");
    g_assert_cmpuint(ikd_ios_config_policy(c, 0)->priority, ==, 7);
    g_assert_cmpuint(ikd_ios_config_policy(c, 0)->t.key_length, ==, 128);
    ikd_ios_config_free(c);
    g_assert_cmpint(g_unlink(path), ==, 0);
    g_free(path);
    g_string_free(msgs, TRUE);
}

/* --- Honesty: no usable policy, unreadable values, phantom blocks ------------------- */

/* Parses text (len bytes), checks the messages exactly and that no policy
 * came out of it, then loads the same bytes from a file: NULL, same messages. */
static void assert_no_usable_policy(const char *text, size_t len, const char *want_msgs, guint want_errors)
{
    GString *msgs = g_string_new(NULL);
    ikd_ios_config *c = ikd_ios_config_parse(text, len, msgs);
    g_assert_cmpstr(msgs->str, ==, want_msgs);
    g_assert_cmpuint(ikd_ios_config_policy_count(c), ==, 0);
    g_assert_cmpuint(ikd_ios_config_error_count(c), ==, want_errors);
    ikd_ios_config_free(c);

    g_string_truncate(msgs, 0);
    GError *err = NULL;
    char *path = NULL;
    int fd = g_file_open_tmp("ikediag-policy-XXXXXX.txt", &path, &err);
    g_assert_no_error(err);
    g_assert_true(g_close(fd, NULL));
    g_assert_true(g_file_set_contents(path, text, (gssize)len, &err));
    g_assert_null(ikd_ios_config_load(path, msgs));
    g_assert_cmpstr(msgs->str, ==, want_msgs);
    g_assert_cmpint(g_unlink(path), ==, 0);
    g_free(path);
    g_string_free(msgs, TRUE);
}

static void test_binary_garbage(void)
{
    /* The start of an ELF file: 14 NUL and 6 other control bytes (0x03, a
     * banner delimiter in saved configurations, is not counted) in 35. */
    static const char elf[] = "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"
                              "\x03\0>\0\x01\0\0\0\n\xff\xfe crypto\x1b";
    assert_no_usable_policy(elf, sizeof elf - 1,
                            "no crypto isakmp policy block found: the file is not text "
                            "(20 of its 35 bytes are NUL or control bytes)\n",
                            0);
}

static void test_config_without_isakmp_policy(void)
{
    static const char text[] = "hostname BRANCH-7\n"
                               "!\n"
                               "interface GigabitEthernet0/0\n"
                               " ip address 198.51.100.7 255.255.255.0\n"
                               " crypto map VPN\n"
                               "!\n"
                               "crypto map VPN 10 ipsec-isakmp\n"
                               " set peer 192.0.2.1\n"
                               " set transform-set TS\n"
                               "crypto ipsec transform-set TS esp-aes 256 esp-sha256-hmac\n";
    assert_no_usable_policy(text, sizeof text - 1, no_policy_note, 0);
}

static void test_asa_config(void)
{
    static const char text[] = "ASA Version 9.8(4)\n"               /* 1 */
                               "hostname fw1\n"                      /* 2 */
                               "crypto ikev1 enable outside\n"       /* 3 */
                               "crypto ikev1 policy 10\n"            /* 4 */
                               " authentication pre-share\n"         /* 5 */
                               " encryption aes-256\n"               /* 6 */
                               " hash sha\n"                         /* 7 */
                               " group 14\n"                         /* 8 */
                               " lifetime 86400\n"                   /* 9 */
                               "crypto ikev1 policy 20\n"            /* 10 */
                               " authentication pre-share\n"         /* 11 */
                               " encryption 3des\n"                  /* 12 */
                               "tunnel-group 192.0.2.10 type ipsec-l2l\n";
    assert_no_usable_policy(text, sizeof text - 1,
                            "line 4: crypto ikev1 policy is an ASA command: ASA policies are not supported, "
                            "only IOS crypto isakmp policy blocks\n"
                            "line 10: crypto ikev1 policy is an ASA command: ASA policies are not supported, "
                            "only IOS crypto isakmp policy blocks\n"
                            "no crypto isakmp policy block found: this is ASA configuration, which ikediag "
                            "does not read\n",
                            2);
}

/* Offers "aes 128, sha, pre-share, group G, 86400 s" (what the phantom or
 * skipped policies below would have accepted) and checks that only the
 * policy of priority P, a 3des one, was walked, refusing it. */
static void walk_refused_by_only(const ikd_ios_config *c, uint16_t group, uint32_t priority)
{
    const ikd_transform_entry o = offer(1, AES, 128, SHA, PSK, group, 86400);
    GString *debug = g_string_new(NULL);
    ikd_ios_walk_result r;
    ikd_ios_walk(c, &o, 1, debug, &r, NULL);
    g_autofree char *want = g_strdup_printf("Checking ISAKMP transform 1 against priority %u policy\n"
                                            "      encryption AES-CBC\n"
                                            "      keylength of 128\n"
                                            "      hash SHA\n"
                                            "      default group %u\n"
                                            "      auth pre-share\n"
                                            "      life type in seconds\n"
                                            "      life duration (VPI) of  0x0 0x1 0x51 0x80\n"
                                            "Encryption algorithm offered does not match policy!\n"
                                            "atts are not acceptable. Next payload is 0\n"
                                            "no offers accepted!\n"
                                            "phase 1 SA policy not acceptable!\n",
                                            priority, group);
    g_assert_cmpstr(debug->str, ==, want);
    g_assert_false(r.accepted);
    g_string_free(debug, TRUE);
}

static void test_unreadable_value_skips_policy(void)
{
    GString *msgs;
    ikd_ios_config *c = parse("crypto isakmp policy 10\n"     /* 1 */
                              " encr aes\n"                   /* 2 */
                              " hash sha1\n"                  /* 3: sha would be the default */
                              " authentication pre-share\n"   /* 4 */
                              " group 14\n"                   /* 5 */
                              "crypto isakmp policy 20\n"     /* 6 */
                              " encryption foo\n"             /* 7 */
                              " encr aes\n"                   /* 8: a later good line does not save it */
                              " authentication pre-share\n"   /* 9 */
                              " group 14\n"                   /* 10 */
                              "crypto isakmp policy 30\n"     /* 11 */
                              " encr aes\n"                   /* 12 */
                              " authentication pre-share\n"   /* 13 */
                              " group abc\n"                  /* 14: 1 would be the default */
                              "crypto isakmp policy 40\n"     /* 15 */
                              " encr aes\n"                   /* 16 */
                              " authentication pre-share\n"   /* 17 */
                              " group 14\n"                   /* 18 */
                              " lifetime x\n"                 /* 19 */
                              " lifetime 3600 extra\n"        /* 20 */
                              "crypto isakmp policy 50\n"     /* 21 */
                              " encr 3des\n"                  /* 22 */
                              " hash md5\n"                   /* 23 */
                              " authentication pre-share\n"   /* 24 */
                              " group 2\n"                    /* 25 */
                              "crypto isakmp policy 10\n"     /* 26: re-entered, still skipped */
                              " hash sha\n",                  /* 27 */
                              &msgs);
    g_assert_cmpstr(msgs->str, ==,
                    "line 3: unknown hash 'sha1' (md5, sha, sha256, sha384, sha512); policy 10 skipped\n"
                    "line 7: unknown encryption 'foo' (des, 3des, aes [128|192|256]); policy 20 skipped\n"
                    "line 14: bad group 'abc' (1, 2, 5, 14, 15, 16, 19, 20, 21, 24); policy 30 skipped\n"
                    "line 19: bad lifetime 'x' (60-86400 seconds); policy 40 skipped\n"
                    "line 20: unexpected 'extra' after the lifetime; policy 40 skipped\n");
    g_assert_cmpuint(ikd_ios_config_error_count(c), ==, 5);
    g_assert_cmpuint(ikd_ios_config_policy_count(c), ==, 1);
    g_assert_cmpuint(ikd_ios_config_policy(c, 0)->priority, ==, 50);
    g_assert_cmpuint(ikd_ios_config_policy(c, 0)->line, ==, 21);
    /* Only policy 50 takes part in the walk. */
    walk_refused_by_only(c, 14, 50);
    walk_refused_by_only(c, 1, 50);
    g_string_free(msgs, TRUE);
    ikd_ios_config_free(c);
}

static void test_every_policy_unreadable(void)
{
    static const char only_bad[] = "crypto isakmp policy 10\n encryption foo\ncrypto isakmp policy 20\n lifetime x\n";
    assert_no_usable_policy(only_bad, sizeof only_bad - 1,
                            "line 2: unknown encryption 'foo' (des, 3des, aes [128|192|256]); policy 10 skipped\n"
                            "line 4: bad lifetime 'x' (60-86400 seconds); policy 20 skipped\n"
                            "no usable crypto isakmp policy: 2 found, all skipped\n",
                            2);
}

static void test_banner_phantom(void)
{
    GString *msgs;
    ikd_ios_config *c = parse("hostname HUB\n"                               /* 1 */
                              "banner motd ^C\n"                             /* 2 */
                              "Authorized access only.\n"                    /* 3 */
                              "crypto isakmp policy 99\n"                    /* 4 */
                              " encr aes\n"                                  /* 5 */
                              " authentication pre-share\n"                  /* 6 */
                              " group 14\n"                                  /* 7 */
                              " this is no attribute\n"                      /* 8 */
                              "^C\n"                                         /* 9 */
                              "banner login #crypto isakmp policy 98# x\n"   /* 10: closed on its line */
                              "banner exec %\n"                              /* 11: any delimiter */
                              "crypto isakmp policy 97\n"                    /* 12 */
                              "  text % crypto isakmp policy 96\n"           /* 13: closed mid-line */
                              "banner incoming \x03\n"                       /* 14: ETX, as stored */
                              "crypto isakmp policy 95\n"                    /* 15 */
                              "\x03\n"                                       /* 16 */
                              "banner motd Welcome to the hub\n"             /* 17: ASA style, one line */
                              "crypto isakmp policy 10\n"                    /* 18 */
                              " encr 3des\n"                                 /* 19 */
                              " hash md5\n"                                  /* 20 */
                              " authentication pre-share\n"                  /* 21 */
                              " group 2\n",                                  /* 22 */
                              &msgs);
    g_assert_cmpstr(msgs->str, ==, "");
    g_assert_cmpuint(ikd_ios_config_policy_count(c), ==, 1);
    g_assert_cmpuint(ikd_ios_config_policy(c, 0)->priority, ==, 10);
    g_assert_cmpuint(ikd_ios_config_policy(c, 0)->line, ==, 18);
    walk_refused_by_only(c, 14, 10);
    g_string_free(msgs, TRUE);
    ikd_ios_config_free(c);

    /* A banner that never closes swallows the rest, and says so. */
    c = parse("crypto isakmp policy 10\n"
              " authentication pre-share\n"
              "banner motd ^C\n"
              "Welcome\n"
              "crypto isakmp policy 20\n",
              &msgs);
    g_assert_cmpstr(msgs->str, ==, "line 3: banner text opened with '^C' is never closed: the 2 lines after it were "
                                   "not read\n");
    g_assert_cmpuint(ikd_ios_config_error_count(c), ==, 1);
    g_assert_cmpuint(ikd_ios_config_policy_count(c), ==, 1);
    g_assert_cmpuint(ikd_ios_config_policy(c, 0)->priority, ==, 10);
    g_string_free(msgs, TRUE);
    ikd_ios_config_free(c);
}

static void test_description_phantom(void)
{
    GString *msgs;
    ikd_ios_config *c = parse("interface Tunnel0\n"                               /* 1 */
                              " description crypto isakmp policy 99 to the hub\n" /* 2 */
                              " tunnel mode ipsec ipv4\n"                         /* 3 */
                              "crypto isakmp policy 98 description HUB-LINK\n"    /* 4 */
                              " encr aes\n"                                       /* 5 */
                              " authentication pre-share\n"                       /* 6 */
                              " group 14\n"                                       /* 7 */
                              "crypto isakmp policy 10\n"                         /* 8 */
                              " description crypto isakmp policy 97\n"            /* 9 */
                              "crypto isakmp policy 20\n"                         /* 10 */
                              " encr 3des\n"                                      /* 11 */
                              " hash md5\n"                                       /* 12 */
                              " authentication pre-share\n"                       /* 13 */
                              " group 2\n",                                       /* 14 */
                              &msgs);
    g_assert_cmpstr(msgs->str, ==,
                    "line 4: unexpected 'description' after the priority; this block is skipped\n"
                    "line 9: unknown isakmp policy attribute 'description'; policy 10 skipped\n");
    g_assert_cmpuint(ikd_ios_config_error_count(c), ==, 2);
    g_assert_cmpuint(ikd_ios_config_policy_count(c), ==, 1);
    g_assert_cmpuint(ikd_ios_config_policy(c, 0)->priority, ==, 20);
    walk_refused_by_only(c, 14, 20);
    g_string_free(msgs, TRUE);
    ikd_ios_config_free(c);
}

/* --- Debug text --------------------------------------------------------------------- */

static void test_describe_transform(void)
{
    static const struct {
        ikd_transform t;
        const char *want;
    } cases[] = {
        { { AES, 128, SHA, PSK, 2, 86400, 0 },
          "encryption AES-CBC, keylength of 128, hash SHA, default group 2, auth pre-share, life type in seconds, "
          "life duration (VPI) of  0x0 0x1 0x51 0x80" },
        { { TDES, 0, MD5, PSK, 2, 3600, 0 },
          "encryption 3DES-CBC, hash MD5, default group 2, auth pre-share, life type in seconds, "
          "life duration (basic) of 3600" },
        { { DES, 0, SHA256, RSIG, 14, 65535, 0 },
          "encryption DES-CBC, hash SHA256, default group 14, auth RSA sig, life type in seconds, "
          "life duration (basic) of 65535" },
        { { AES, 256, 6, 65001, 5, 0, 4608000 },
          "encryption AES-CBC, keylength of 256, hash SHA512, default group 5, auth XAUTHInitPreShared, "
          "life type in kilobytes, life duration (VPI) of  0x0 0x46 0x50 0x0" },
        { { 3, 0, 9, 64221, 0, 0, 0 }, "encryption 3, hash 9, auth HybridInitRSA" },
        { { 0, 0, 0, 999, 0, 0, 0 }, "auth 999" },
        { { 0, 0, 0, 0, 0, 0, 0 }, "" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        GString *s = g_string_new(NULL);
        ikd_ios_describe_transform(&cases[i].t, s);
        g_assert_cmpstr(s->str, ==, cases[i].want);
        g_string_free(s, TRUE);
    }
}

/* The attribute block IOS prints for "aes 128 sha psk group 2, 86400 s". */
#define ATTS_AES128_SHA_PSK_G2                                                                                 \
    "      encryption AES-CBC\n"                                                                               \
    "      keylength of 128\n"                                                                                 \
    "      hash SHA\n"                                                                                         \
    "      default group 2\n"                                                                                  \
    "      auth pre-share\n"                                                                                   \
    "      life type in seconds\n"                                                                             \
    "      life duration (VPI) of  0x0 0x1 0x51 0x80\n"

static const char one_policy[] = "crypto isakmp policy 10\n"
                                 " encr aes\n"
                                 " hash sha\n"
                                 " authentication pre-share\n"
                                 " group 2\n";

static ikd_ios_config *config(const char *text)
{
    GString *msgs;
    ikd_ios_config *c = parse(text, &msgs);
    g_assert_cmpstr(msgs->str, ==, "");
    g_string_free(msgs, TRUE);
    return c;
}

static void test_walk_accept_first(void)
{
    ikd_ios_config *c = config(one_policy);
    const ikd_transform_entry offers[] = { offer(1, AES, 128, SHA, PSK, 2, 86400) };
    GString *debug = g_string_new(NULL);
    ikd_ios_walk_result r;
    ikd_ios_mismatch m[1] = { IKD_IOS_MISMATCH_HASH };
    ikd_ios_walk(c, offers, 1, debug, &r, m);
    g_assert_cmpstr(debug->str, ==,
                    "Checking ISAKMP transform 1 against priority 10 policy\n" ATTS_AES128_SHA_PSK_G2
                    "atts are acceptable. Next payload is 0\n"
                    "Returning Actual lifetime: 86400\n");
    g_assert_true(r.accepted);
    g_assert_cmpuint(r.policy_priority, ==, 10);
    g_assert_cmpuint(r.transform_number, ==, 1);
    g_assert_cmpuint(r.life_seconds, ==, 86400);
    g_assert_cmpint(m[0], ==, IKD_IOS_MISMATCH_NONE);

    /* The first of two transforms accepted: another transform follows. */
    const ikd_transform_entry two[] = { offer(1, AES, 128, SHA, PSK, 2, 86400), offer(2, DES, 0, MD5, PSK, 1, 0) };
    g_string_truncate(debug, 0);
    ikd_ios_mismatch m2[2];
    ikd_ios_walk(c, two, 2, debug, &r, m2);
    g_assert_cmpstr(debug->str, ==,
                    "Checking ISAKMP transform 1 against priority 10 policy\n" ATTS_AES128_SHA_PSK_G2
                    "atts are acceptable. Next payload is 3\n"
                    "Returning Actual lifetime: 86400\n");
    g_assert_cmpint(m2[1], ==, IKD_IOS_MISMATCH_NONE); /* never checked */

    /* No debug, no mismatch array: the result alone. */
    ikd_ios_walk(c, offers, 1, NULL, &r, NULL);
    g_assert_true(r.accepted);
    g_string_free(debug, TRUE);
    ikd_ios_config_free(c);
}

static void test_walk_each_mismatch(void)
{
    ikd_ios_config *c = config(one_policy);
    static const struct {
        ikd_transform_entry offer;
        const char *attributes;
        const char *sentence;
        ikd_ios_mismatch mismatch;
    } cases[] = {
        { { 1, 1, 1, 1, { TDES, 0, SHA, PSK, 2, 86400, 0 } },
          "      encryption 3DES-CBC\n      hash SHA\n      default group 2\n      auth pre-share\n"
          "      life type in seconds\n      life duration (VPI) of  0x0 0x1 0x51 0x80\n",
          "Encryption algorithm offered does not match policy!\n", IKD_IOS_MISMATCH_ENCRYPTION },
        { { 1, 1, 1, 1, { AES, 256, SHA, PSK, 2, 86400, 0 } },
          "      encryption AES-CBC\n      keylength of 256\n      hash SHA\n      default group 2\n"
          "      auth pre-share\n      life type in seconds\n      life duration (VPI) of  0x0 0x1 0x51 0x80\n",
          "Proposed key length does not match policy\n", IKD_IOS_MISMATCH_KEY_LENGTH },
        { { 1, 1, 1, 1, { AES, 128, MD5, PSK, 2, 86400, 0 } },
          "      encryption AES-CBC\n      keylength of 128\n      hash MD5\n      default group 2\n"
          "      auth pre-share\n      life type in seconds\n      life duration (VPI) of  0x0 0x1 0x51 0x80\n",
          "Hash algorithm offered does not match policy!\n", IKD_IOS_MISMATCH_HASH },
        { { 1, 1, 1, 1, { AES, 128, SHA, RSIG, 2, 86400, 0 } },
          "      encryption AES-CBC\n      keylength of 128\n      hash SHA\n      default group 2\n"
          "      auth RSA sig\n      life type in seconds\n      life duration (VPI) of  0x0 0x1 0x51 0x80\n",
          "Authentication method offered does not match policy!\n", IKD_IOS_MISMATCH_AUTH },
        { { 1, 1, 1, 1, { AES, 128, SHA, PSK, 14, 86400, 0 } },
          "      encryption AES-CBC\n      keylength of 128\n      hash SHA\n      default group 14\n"
          "      auth pre-share\n      life type in seconds\n      life duration (VPI) of  0x0 0x1 0x51 0x80\n",
          "Diffie-Hellman group offered does not match policy!\n", IKD_IOS_MISMATCH_GROUP },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        GString *debug = g_string_new(NULL);
        ikd_ios_walk_result r = { .accepted = true };
        ikd_ios_mismatch m;
        ikd_ios_walk(c, &cases[i].offer, 1, debug, &r, &m);
        g_autofree char *want = g_strconcat("Checking ISAKMP transform 1 against priority 10 policy\n",
                                            cases[i].attributes, cases[i].sentence,
                                            "atts are not acceptable. Next payload is 0\n"
                                            "no offers accepted!\n"
                                            "phase 1 SA policy not acceptable!\n",
                                            NULL);
        g_assert_cmpstr(debug->str, ==, want);
        g_assert_false(r.accepted);
        g_assert_cmpuint(r.policy_priority, ==, 0);
        g_assert_cmpint(m, ==, cases[i].mismatch);
        g_assert_cmpint(ikd_ios_compare(ikd_ios_config_policy(c, 0), &cases[i].offer.attributes), ==,
                        cases[i].mismatch);
        g_string_free(debug, TRUE);
    }
    /* Several differences: IOS names the first in its order. */
    ikd_transform t = { TDES, 0, MD5, RSIG, 5, 0, 0 };
    g_assert_cmpint(ikd_ios_compare(ikd_ios_config_policy(c, 0), &t), ==, IKD_IOS_MISMATCH_ENCRYPTION);
    t = (ikd_transform){ AES, 192, MD5, RSIG, 5, 0, 0 };
    g_assert_cmpint(ikd_ios_compare(ikd_ios_config_policy(c, 0), &t), ==, IKD_IOS_MISMATCH_KEY_LENGTH);
    t = (ikd_transform){ AES, 0, SHA, RSIG, 5, 0, 0 }; /* no key length: taken as 128 */
    g_assert_cmpint(ikd_ios_compare(ikd_ios_config_policy(c, 0), &t), ==, IKD_IOS_MISMATCH_AUTH);
    t = (ikd_transform){ AES, 128, SHA, 65001, 2, 0, 0 }; /* XAUTHInitPreShared against pre-share */
    g_assert_cmpint(ikd_ios_compare(ikd_ios_config_policy(c, 0), &t), ==, IKD_IOS_MISMATCH_NONE);
    t = (ikd_transform){ AES, 128, SHA, 65005, 2, 0, 0 }; /* XAUTHInitRSA */
    g_assert_cmpint(ikd_ios_compare(ikd_ios_config_policy(c, 0), &t), ==, IKD_IOS_MISMATCH_AUTH);
    g_assert_cmpstr(ikd_ios_mismatch_text(IKD_IOS_MISMATCH_NONE), ==, "");
    ikd_ios_config_free(c);
}

static void test_walk_second_offer_second_policy(void)
{
    ikd_ios_config *c = config("crypto isakmp policy 10\n"
                               " encr aes 256\n"
                               " hash sha256\n"
                               " authentication pre-share\n"
                               " group 14\n"
                               "crypto isakmp policy 20\n"
                               " encr 3des\n"
                               " hash md5\n"
                               " authentication pre-share\n"
                               " group 2\n");
    const ikd_transform_entry offers[] = {
        offer(1, AES, 128, SHA, PSK, 2, 86400),
        offer(2, TDES, 0, MD5, PSK, 2, 86400),
    };
    GString *debug = g_string_new(NULL);
    ikd_ios_walk_result r;
    ikd_ios_mismatch m[2];
    ikd_ios_walk(c, offers, 2, debug, &r, m);
    g_assert_cmpstr(debug->str, ==,
                    "Checking ISAKMP transform 1 against priority 10 policy\n" ATTS_AES128_SHA_PSK_G2
                    "Proposed key length does not match policy\n"
                    "atts are not acceptable. Next payload is 3\n"
                    "Checking ISAKMP transform 1 against priority 20 policy\n" ATTS_AES128_SHA_PSK_G2
                    "Encryption algorithm offered does not match policy!\n"
                    "atts are not acceptable. Next payload is 3\n"
                    "Checking ISAKMP transform 2 against priority 10 policy\n"
                    "      encryption 3DES-CBC\n"
                    "      hash MD5\n"
                    "      default group 2\n"
                    "      auth pre-share\n"
                    "      life type in seconds\n"
                    "      life duration (VPI) of  0x0 0x1 0x51 0x80\n"
                    "Encryption algorithm offered does not match policy!\n"
                    "atts are not acceptable. Next payload is 0\n"
                    "Checking ISAKMP transform 2 against priority 20 policy\n"
                    "      encryption 3DES-CBC\n"
                    "      hash MD5\n"
                    "      default group 2\n"
                    "      auth pre-share\n"
                    "      life type in seconds\n"
                    "      life duration (VPI) of  0x0 0x1 0x51 0x80\n"
                    "atts are acceptable. Next payload is 0\n"
                    "Returning Actual lifetime: 86400\n");
    g_assert_true(r.accepted);
    g_assert_cmpuint(r.policy_priority, ==, 20);
    g_assert_cmpuint(r.transform_number, ==, 2);
    /* Offer 1 came closest to policy 10 (only the key length differed). */
    g_assert_cmpint(m[0], ==, IKD_IOS_MISMATCH_KEY_LENGTH);
    g_assert_cmpint(m[1], ==, IKD_IOS_MISMATCH_NONE);
    g_string_free(debug, TRUE);
    ikd_ios_config_free(c);
}

static void test_walk_nothing_matches(void)
{
    ikd_ios_config *c = config("crypto isakmp policy 10\n"
                               " encr aes 256\n"
                               " hash sha256\n"
                               " authentication pre-share\n"
                               " group 14\n"
                               "crypto isakmp policy 20\n"
                               " encr aes\n"
                               " authentication pre-share\n"
                               " group 5\n");
    const ikd_transform_entry offers[] = {
        offer(1, TDES, 0, SHA, PSK, 2, 3600),
        offer(2, AES, 128, SHA, PSK, 2, 3600),
    };
    GString *debug = g_string_new(NULL);
    ikd_ios_walk_result r;
    ikd_ios_mismatch m[2];
    ikd_ios_walk(c, offers, 2, debug, &r, m);
#define ATTS_3DES "      encryption 3DES-CBC\n      hash SHA\n      default group 2\n      auth pre-share\n" \
                  "      life type in seconds\n      life duration (basic) of 3600\n"
#define ATTS_AES "      encryption AES-CBC\n      keylength of 128\n      hash SHA\n      default group 2\n" \
                 "      auth pre-share\n      life type in seconds\n      life duration (basic) of 3600\n"
    g_assert_cmpstr(debug->str, ==,
                    "Checking ISAKMP transform 1 against priority 10 policy\n" ATTS_3DES
                    "Encryption algorithm offered does not match policy!\n"
                    "atts are not acceptable. Next payload is 3\n"
                    "Checking ISAKMP transform 1 against priority 20 policy\n" ATTS_3DES
                    "Encryption algorithm offered does not match policy!\n"
                    "atts are not acceptable. Next payload is 3\n"
                    "Checking ISAKMP transform 2 against priority 10 policy\n" ATTS_AES
                    "Proposed key length does not match policy\n"
                    "atts are not acceptable. Next payload is 0\n"
                    "Checking ISAKMP transform 2 against priority 20 policy\n" ATTS_AES
                    "Diffie-Hellman group offered does not match policy!\n"
                    "atts are not acceptable. Next payload is 0\n"
                    "no offers accepted!\n"
                    "phase 1 SA policy not acceptable!\n");
#undef ATTS_3DES
#undef ATTS_AES
    g_assert_false(r.accepted);
    g_assert_cmpint(m[0], ==, IKD_IOS_MISMATCH_ENCRYPTION);
    g_assert_cmpint(m[1], ==, IKD_IOS_MISMATCH_GROUP); /* closest: policy 20 */
    ikd_ios_config_free(c);

    /* No policy at all, or no offer: nothing to check. */
    g_string_truncate(debug, 0);
    GString *msgs = g_string_new(NULL);
    c = ikd_ios_config_parse("", 0, msgs);
    ikd_ios_walk(c, offers, 2, debug, &r, m);
    g_assert_cmpstr(debug->str, ==, "no offers accepted!\nphase 1 SA policy not acceptable!\n");
    g_assert_cmpint(m[0], ==, IKD_IOS_MISMATCH_NONE);
    ikd_ios_config_free(c);
    g_string_truncate(debug, 0);
    c = config(one_policy);
    ikd_ios_walk(c, NULL, 0, debug, &r, NULL);
    g_assert_cmpstr(debug->str, ==, "no offers accepted!\nphase 1 SA policy not acceptable!\n");
    g_assert_false(r.accepted);
    ikd_ios_config_free(c);
    g_string_free(msgs, TRUE);
    g_string_free(debug, TRUE);
}

static void test_walk_lifetimes(void)
{
    ikd_ios_config *c = config("crypto isakmp policy 10\n"
                               " encr aes\n"
                               " authentication pre-share\n"
                               " group 2\n"
                               " lifetime 28800\n");
    static const struct {
        uint32_t offered, used;
        const char *duration;
    } cases[] = {
        { 3600, 3600, "life type in seconds\n      life duration (basic) of 3600\n" },       /* lower: offered */
        { 86400, 28800, "life type in seconds\n      life duration (VPI) of  0x0 0x1 0x51 0x80\n" }, /* higher */
        { 28800, 28800, "life type in seconds\n      life duration (basic) of 28800\n" },
        { 0, 28800, NULL }, /* none offered: the policy's */
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        const ikd_transform_entry o = offer(1, AES, 128, SHA, PSK, 2, cases[i].offered);
        GString *debug = g_string_new(NULL);
        ikd_ios_walk_result r;
        ikd_ios_walk(c, &o, 1, debug, &r, NULL);
        g_autofree char *want = g_strdup_printf("Checking ISAKMP transform 1 against priority 10 policy\n"
                                                "      encryption AES-CBC\n"
                                                "      keylength of 128\n"
                                                "      hash SHA\n"
                                                "      default group 2\n"
                                                "      auth pre-share\n"
                                                "%s%s"
                                                "atts are acceptable. Next payload is 0\n"
                                                "Returning Actual lifetime: %u\n",
                                                cases[i].duration ? "      " : "",
                                                cases[i].duration ? cases[i].duration : "", cases[i].used);
        g_assert_cmpstr(debug->str, ==, want);
        g_assert_true(r.accepted);
        g_assert_cmpuint(r.life_seconds, ==, cases[i].used);
        g_string_free(debug, TRUE);
    }
    ikd_ios_config_free(c);
}

/* --- The worked example of docs/policy-file.md -------------------------------------- */

static void test_docs_example(void)
{
    g_autofree char *here = g_path_get_dirname(__FILE__);
    g_autofree char *path = g_build_filename(here, "..", "..", "docs", "examples", "router-policy.txt", NULL);
    if (!g_file_test(path, G_FILE_TEST_EXISTS)) {
        g_test_skip("docs/examples/router-policy.txt not found from __FILE__");
        return;
    }
    GString *msgs = g_string_new(NULL);
    ikd_ios_config *c = ikd_ios_config_load(path, msgs);
    g_assert_nonnull(c);
    g_assert_cmpstr(msgs->str, ==,
                    "line 7: crypto keyring 'BRANCHES' ignored: keyrings and profiles do not change policy "
                    "matching\n");
    GString *s = g_string_new(NULL);
    for (guint i = 0; i < ikd_ios_config_policy_count(c); i++) {
        ikd_ios_policy_attribute_summary(ikd_ios_config_policy(c, i), s);
        g_string_append_c(s, '\n');
    }
    g_assert_cmpstr(s->str, ==,
                    "priority 10: encryption aes 256, hash sha256, authentication pre-share, group 14, lifetime 86400\n"
                    "priority 20: encryption 3des, hash md5, authentication pre-share, group 2, lifetime 28800\n");
    g_assert_cmpuint(ikd_ios_config_transform_set_count(c), ==, 1);
    g_assert_cmpstr(ikd_ios_config_transform_set(c, 0)->transforms, ==, "esp-aes 256 esp-sha256-hmac");

    const ikd_transform_entry o = offer(1, AES, 128, SHA, PSK, 2, 86400);
    GString *debug = g_string_new(NULL);
    ikd_ios_walk_result r;
    ikd_ios_walk(c, &o, 1, debug, &r, NULL);
    g_assert_cmpstr(debug->str, ==,
                    "Checking ISAKMP transform 1 against priority 10 policy\n" ATTS_AES128_SHA_PSK_G2
                    "Proposed key length does not match policy\n"
                    "atts are not acceptable. Next payload is 0\n"
                    "Checking ISAKMP transform 1 against priority 20 policy\n" ATTS_AES128_SHA_PSK_G2
                    "Encryption algorithm offered does not match policy!\n"
                    "atts are not acceptable. Next payload is 0\n"
                    "no offers accepted!\n"
                    "phase 1 SA policy not acceptable!\n");
    g_string_free(debug, TRUE);
    g_string_free(s, TRUE);
    g_string_free(msgs, TRUE);
    ikd_ios_config_free(c);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ios_policy/defaults", test_defaults);
    g_test_add_func("/ios_policy/every_keyword", test_every_keyword);
    g_test_add_func("/ios_policy/sorted_by_priority", test_sorted_by_priority);
    g_test_add_func("/ios_policy/transform_sets", test_transform_sets);
    g_test_add_func("/ios_policy/line_endings_tabs_comments", test_line_endings_tabs_comments);
    g_test_add_func("/ios_policy/notes_for_ignored", test_notes_for_ignored);
    g_test_add_func("/ios_policy/errors_with_line_numbers", test_errors_with_line_numbers);
    g_test_add_func("/ios_policy/empty", test_empty);
    g_test_add_func("/ios_policy/nul_and_utf8_bytes", test_nul_and_utf8_bytes);
    g_test_add_func("/ios_policy/huge_lines", test_huge_lines);
    g_test_add_func("/ios_policy/message_cap", test_message_cap);
    g_test_add_func("/ios_policy/load", test_load);
    g_test_add_func("/ios_policy/honesty/binary_garbage", test_binary_garbage);
    g_test_add_func("/ios_policy/honesty/config_without_isakmp_policy", test_config_without_isakmp_policy);
    g_test_add_func("/ios_policy/honesty/asa_config", test_asa_config);
    g_test_add_func("/ios_policy/honesty/unreadable_value_skips_policy", test_unreadable_value_skips_policy);
    g_test_add_func("/ios_policy/honesty/every_policy_unreadable", test_every_policy_unreadable);
    g_test_add_func("/ios_policy/honesty/banner_phantom", test_banner_phantom);
    g_test_add_func("/ios_policy/honesty/description_phantom", test_description_phantom);
    g_test_add_func("/ios_debug/describe_transform", test_describe_transform);
    g_test_add_func("/ios_debug/walk_accept_first", test_walk_accept_first);
    g_test_add_func("/ios_debug/walk_each_mismatch", test_walk_each_mismatch);
    g_test_add_func("/ios_debug/walk_second_offer_second_policy", test_walk_second_offer_second_policy);
    g_test_add_func("/ios_debug/walk_nothing_matches", test_walk_nothing_matches);
    g_test_add_func("/ios_debug/walk_lifetimes", test_walk_lifetimes);
    g_test_add_func("/ios_debug/docs_example", test_docs_example);
    return g_test_run();
}
