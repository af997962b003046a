/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - report/ikev2_child_text: the "Child sa:" blocks of
 * `-z ikev2,sa,detailed` (IOS-XE's `show crypto ikev2 session detailed`
 * layout): selectors from Local's side, SPIs in/out, the ESP transform and
 * mode; only the current children; nothing without keys. */
#include "ikev2_run.h"
#include "report/ikev2_text.h"

#include <string.h>

#define INDENT "          "

static char *detailed(run *t)
{
    GString *out = g_string_new(NULL);
    ikd_text_show_ikev2_sa_detailed(t->engine, NULL, out);
    return g_string_free(out, FALSE);
}

/* The child block of one child, as the text must print it. */
static char *child_block(const char *selectors, uint32_t in, uint32_t out, const char *mode)
{
    return g_strdup_printf("Child sa:\n" INDENT "local selector       ->      remote selector\n" INDENT "%s\n" INDENT
                           "ESP spi in/out: 0x%X/0x%X  \n" INDENT "AH spi in/out: 0x0/0x0  \n" INDENT
                           "CPI in/out: 0x0/0x0  \n" INDENT "Encr: AES-CBC, keysize: 128, esp_hmac: SHA256\n" INDENT
                           "ah_hmac: None, comp: IPCOMP_NONE, mode %s\n",
                           selectors, (unsigned)in, (unsigned)out, mode);
}

static const char *const a_to_b = "198.51.100.0/0 - 198.51.100.255/65535    ->    203.0.113.0/0 - 203.0.113.255/65535";

/* The text after "Initiator of SA : Yes\n", to the end of the IPv4 section. */
static char *after_sa_lines(const char *text)
{
    const char *at = strstr(text, "      Initiator of SA : Yes\n");
    g_assert_nonnull(at);
    at += strlen("      Initiator of SA : Yes\n");
    const char *end = strstr(at, " IPv6 Crypto IKEv2 SA");
    g_assert_nonnull(end);
    return g_strndup(at, (gsize)(end - at));
}

static void test_established_child(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    char *text = detailed(&t), *tail = after_sa_lines(text);
    char *block = child_block(a_to_b, OLD_SPI_I, OLD_SPI_R, "tunnel");
    char *want = g_strconcat(block, "\n", NULL);
    g_assert_cmpstr(tail, ==, want);
    g_free(want), g_free(block), g_free(tail), g_free(text);
    ikd_engine_free(t.engine);
}

/* The same exchanges without Wireshark's decryption: no child is known. */
static void test_no_keys_no_child(void)
{
    run t = { .engine = ikd_engine_new() };
    feed_clear(&t, 0.0, ikv2b_sa_init_request());
    feed_clear(&t, 0.01, ikv2b_sa_init_response());
    GByteArray *plain;
    ikv2b_msg *req = old_msg(IKD_V2_EX_AUTH, true, false, 1);
    add(req, IKD_V2_PL_AUTH, auth_body());
    add_child(req, OLD_SPI_I);
    ikv2b_msg *sealed = ikv2b_seal(req, 0x31, &plain);
    feed_bytes(&t, 0.02, sealed->b, NULL);
    g_byte_array_free(plain, TRUE);
    ikv2b_free(sealed);
    char *text = detailed(&t), *tail = after_sa_lines(text);
    g_assert_cmpstr(tail, ==, "\n");
    g_assert_null(strstr(text, "Child sa:"));
    g_free(tail), g_free(text);
    ikd_engine_free(t.engine);
}

/* A CREATE_CHILD_SA for a new child, requested by the initiator or the
 * responder; TSi is the requester's side. transport: both ask for it. */
static void new_child(run *t, bool by_initiator, uint32_t id, uint32_t spi_req, uint32_t spi_resp, bool transport)
{
    for (int response = 0; response < 2; response++) {
        ikv2b_msg *m = old_msg(IKD_V2_EX_CREATE_CHILD_SA, by_initiator != (response == 1), response == 1, id);
        if (transport)
            add(m, IKD_V2_PL_NOTIFY, ikv2b_notify(0, 0, 16391, 0));
        add(m, IKD_V2_PL_SA, esp_sa(response ? spi_resp : spi_req));
        add(m, IKD_V2_PL_NONCE, ikv2b_nonce(32));
        add(m, IKD_V2_PL_TSI, ikv2b_ts_ipv4(by_initiator ? net_a : net_b, by_initiator ? net_a_end : net_b_end, 0, 65535));
        add(m, IKD_V2_PL_TSR, ikv2b_ts_ipv4(by_initiator ? net_b : net_a, by_initiator ? net_b_end : net_a_end, 0, 65535));
        feed_sealed(t, 10.0 + response * 0.01, m);
    }
}

/* A child the responder asked for: Local's selector is its TSr, and Local's
 * inbound SPI the one Local chose in its response. */
static void test_child_by_responder_from_local_side(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    new_child(&t, false, 0, 0x5000000a, 0x6000000b, false);
    char *text = detailed(&t), *tail = after_sa_lines(text);
    char *first = child_block(a_to_b, OLD_SPI_I, OLD_SPI_R, "tunnel");
    char *second = child_block(a_to_b, 0x6000000b, 0x5000000a, "tunnel");
    char *want = g_strconcat(first, "\n", second, "\n", NULL);
    g_assert_cmpstr(tail, ==, want);
    g_free(want), g_free(first), g_free(second), g_free(tail), g_free(text);
    ikd_engine_free(t.engine);
}

/* N(USE_TRANSPORT_MODE) in request and response: transport mode. */
static void test_transport_mode(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    new_child(&t, true, 2, 0x7000000c, 0x8000000d, true);
    char *text = detailed(&t);
    char *block = child_block(a_to_b, 0x7000000c, 0x8000000d, "transport");
    g_assert_nonnull(strstr(text, block));
    g_free(block), g_free(text);
    ikd_engine_free(t.engine);
}

/* A child rekeyed and the old one deleted: only the new one is printed. */
static void test_only_current_children(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    rekey_child(&t, 12.0, 2, NEW_SPI_I, NEW_SPI_R, false);
    char *text = detailed(&t), *tail = after_sa_lines(text);
    char *block = child_block(a_to_b, NEW_SPI_I, NEW_SPI_R, "tunnel");
    char *want = g_strconcat(block, "\n", NULL);
    g_assert_cmpstr(tail, ==, want);
    g_free(want), g_free(block), g_free(tail), g_free(text);
    ikd_engine_free(t.engine);
}

/* After an IKE SA rekey the child is printed under the new IKE SA only. */
static void test_child_under_new_ike_sa(void)
{
    run t = { .engine = ikd_engine_new() };
    establish(&t);
    for (int response = 0; response < 2; response++) {
        ikv2b_msg *m = old_msg(IKD_V2_EX_CREATE_CHILD_SA, response == 0, response == 1, 2);
        add(m, IKD_V2_PL_SA, sa_body(IKD_V2_PROTO_IKE, response ? new_spi_r : new_spi_i, 8));
        add(m, IKD_V2_PL_NONCE, ikv2b_nonce(32));
        add(m, IKD_V2_PL_KE, ikv2b_ke(14, 256));
        feed_sealed(&t, 22.0 + response * 0.005, m);
    }
    feed_sealed(&t, 27.0, msg(new_spi_i, new_spi_r, IKD_V2_EX_INFORMATIONAL, true, false, 0));
    char *text = detailed(&t);
    char *block = child_block(a_to_b, OLD_SPI_I, OLD_SPI_R, "tunnel");
    const char *tunnel2 = strstr(text, "\n2         192.0.2.10/4500");
    g_assert_nonnull(tunnel2);
    const char *found = strstr(text, block);
    g_assert_true(found > tunnel2);
    g_assert_null(strstr(found + 1, "Child sa:"));
    g_free(block), g_free(text);
    ikd_engine_free(t.engine);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ikev2_child_text/established_child", test_established_child);
    g_test_add_func("/ikev2_child_text/no_keys_no_child", test_no_keys_no_child);
    g_test_add_func("/ikev2_child_text/child_by_responder_from_local_side", test_child_by_responder_from_local_side);
    g_test_add_func("/ikev2_child_text/transport_mode", test_transport_mode);
    g_test_add_func("/ikev2_child_text/only_current_children", test_only_current_children);
    g_test_add_func("/ikev2_child_text/child_under_new_ike_sa", test_child_under_new_ike_sa);
    return g_test_run();
}
