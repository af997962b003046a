/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - report/ikev2_text: `show crypto ikev2 sa [detailed]`
 * and the analysis table's IKEv2 section, byte for byte.
 *
 * A capture is fed to an engine: an IPv4 SA set up with IKE_SA_INIT on 500,
 * IKE_AUTH and INFORMATIONAL exchanges on 4500 (READY once two
 * informationals were answered), Wireshark's decryption given or not; an
 * IPv6 SA that never got an answer (IN-NEG); SAs with NAT detection hashes
 * that do not match the addresses seen. Geometry (ikev2-remote-access-pki.md
 * 1.1): Tunnel-id 10, Local 22, Remote 22, fvrf/ivrf 21, Status padded to 7;
 * the IPv6 block from genieparser's golden_output2. */
#include "engine.h"
#include "ikev2_builder.h"
#include "report/analysis_text.h"
#include "report/cisco_text.h"
#include "report/ikev2_text.h"

#include <glib.h>
#include <string.h>

enum { N_NAT_S = 16388, N_NAT_D = 16389, N_FRAG = 16430, ID_IPV4 = 1, ID_FQDN = 2, AUTH_PSK = 2 };

/* endpoint, ini, resp, ini6 and resp6 (port 500) come from ikev1_builder.h. */
static const endpoint ini_t = { { 4, { 192, 0, 2, 10 } }, 4500 }, resp_t = { { 4, { 192, 0, 2, 1 } }, 4500 };
static const endpoint hidden = { { 4, { 198, 51, 100, 10 } }, 500 }; /* the initiator before a NAT */

typedef struct {
    ikd_engine *engine;
    uint32_t frame;
} capture;

/* Feeds m (freed here) as the next frame; plain: Wireshark's decryption, or NULL. */
static void send(capture *c, ikv2b_msg *m, const endpoint *src, const endpoint *dst, double time, GByteArray *plain)
{
    const ikd_packet p = { .frame = ++c->frame, .time = time, .src = src->addr, .dst = dst->addr,
                           .src_port = src->port, .dst_port = dst->port,
                           .transport = src->port == 4500 ? IKD_TRANSPORT_UDP_ENCAP : IKD_TRANSPORT_UDP,
                           .bytes = m->b->data, .captured_len = m->b->len, .reported_len = m->b->len,
                           .decrypted = plain ? plain->data : NULL, .decrypted_len = plain ? plain->len : 0 };
    ikd_annotation ann;
    ikd_engine_feed(c->engine, &p, &ann);
    ikv2b_free(m);
    if (plain)
        g_byte_array_free(plain, TRUE);
}

/* A NAT detection notification: SHA-1(SPIi | SPIr | IP | port) (RFC 7296 2.23). */
static void add_natd(ikv2b_msg *m, uint16_t type, const uint8_t spi_r[8], const endpoint *e)
{
    uint8_t digest[20], port[2] = { (uint8_t)(e->port >> 8), (uint8_t)e->port };
    gsize len = sizeof digest;
    GChecksum *sum = g_checksum_new(G_CHECKSUM_SHA1);
    g_checksum_update(sum, m->b->data, 8); /* the message's SPIi */
    g_checksum_update(sum, spi_r, 8);
    g_checksum_update(sum, e->addr.bytes, e->addr.family == 6 ? 16 : 4);
    g_checksum_update(sum, port, 2);
    g_checksum_get_digest(sum, digest, &len);
    g_checksum_free(sum);
    GByteArray *n = ikv2b_notify(0, 0, type, 0);
    ikb_bytes(n, digest, sizeof digest);
    ikv2b_add(m, IKD_V2_PL_NOTIFY, n);
    g_byte_array_free(n, TRUE);
}

/* IKE_SA_INIT offering (request) or choosing (response) AES-CBC-128, SHA256,
 * HMAC-SHA256-128, group 14; NAT detection hashes of src_seen and dst_seen;
 * spi_i0 replaces the SPIi's first byte (0x11 as the builder makes it). */
static ikv2b_msg *sa_init(bool response, bool fragmentation, const endpoint *src_seen, const endpoint *dst_seen,
                          uint8_t spi_i0)
{
    static const ikv2b_transform t[] = {
        { IKD_V2_TT_ENCR, 12, 128 }, { IKD_V2_TT_PRF, 5, 0 }, { IKD_V2_TT_INTEG, 12, 0 }, { IKD_V2_TT_DH, 14, 0 },
    };
    const uint8_t *spi_r = response ? ikv2b_spi_r : ikv2b_spi_zero;
    ikv2b_msg *m = ikv2b_new(IKD_V2_EX_SA_INIT, response ? IKD_V2_FLAG_RESPONSE : IKD_V2_FLAG_INITIATOR, 0, spi_r);
    m->b->data[0] = spi_i0; /* the SPIi's first byte: which SA */
    GByteArray *sa = g_byte_array_new(), *ke = ikv2b_ke(14, 256), *nonce = ikv2b_nonce(32);
    ikv2b_proposal(sa, true, 1, IKD_V2_PROTO_IKE, 0, t, G_N_ELEMENTS(t));
    ikv2b_add(m, IKD_V2_PL_SA, sa);
    ikv2b_add(m, IKD_V2_PL_KE, ke);
    ikv2b_add(m, IKD_V2_PL_NONCE, nonce);
    add_natd(m, N_NAT_S, spi_r, src_seen);
    add_natd(m, N_NAT_D, spi_r, dst_seen);
    if (fragmentation) {
        GByteArray *frag = ikv2b_notify(0, 0, N_FRAG, 0);
        ikv2b_add(m, IKD_V2_PL_NOTIFY, frag);
        g_byte_array_free(frag, TRUE);
    }
    g_byte_array_free(sa, TRUE);
    g_byte_array_free(ke, TRUE);
    g_byte_array_free(nonce, TRUE);
    ikv2b_finish(m);
    return m;
}

/* An encrypted message: its SK payload is opaque bytes. */
static ikv2b_msg *encrypted(uint8_t exchange, uint8_t flags, uint32_t id, uint8_t first_inner)
{
    ikv2b_msg *m = ikv2b_new(exchange, flags, id, ikv2b_spi_r);
    GByteArray *sk = g_byte_array_new();
    ikb_fill(sk, 0xc3, 64);
    ikv2b_add(m, IKD_V2_PL_SK, sk);
    ikb_set_u8(m->b, m->next_at, first_inner);
    g_byte_array_free(sk, TRUE);
    ikv2b_finish(m);
    return m;
}

/* The plaintext of an IKE_AUTH message: ID (type, data) then AUTH (PSK), then the pad length. */
static GByteArray *auth_plaintext(uint8_t id_type, const void *id, size_t id_len)
{
    GByteArray *p = g_byte_array_new();
    ikb_u8(p, IKD_V2_PL_AUTH), ikb_u8(p, 0), ikb_u16(p, (uint16_t)(8 + id_len));
    ikb_u8(p, id_type), ikb_fill(p, 0, 3), ikb_bytes(p, id, id_len);
    ikb_u8(p, 0), ikb_u8(p, 0), ikb_u16(p, 8 + 32);
    ikb_u8(p, AUTH_PSK), ikb_fill(p, 0, 3), ikb_fill(p, 0xa5, 32);
    ikb_u8(p, 0); /* pad length */
    return p;
}

static void informational(capture *c, uint32_t id, double t)
{
    send(c, encrypted(IKD_V2_EX_INFORMATIONAL, IKD_V2_FLAG_INITIATOR, id, 0), &ini_t, &resp_t, t, NULL);
    send(c, encrypted(IKD_V2_EX_INFORMATIONAL, IKD_V2_FLAG_RESPONSE, id, 0), &resp_t, &ini_t, t + 0.01, NULL);
}

/* The IPv4 SA, READY; then an IPv6 SA whose IKE_SA_INIT was never answered. */
static ikd_engine *lab_capture(bool keys)
{
    static const uint8_t ini_id[4] = { 192, 0, 2, 10 };
    capture c = { ikd_engine_new(), 0 };
    send(&c, sa_init(false, true, &ini, &resp, 0x11), &ini, &resp, 0.0, NULL);
    send(&c, sa_init(true, true, &resp, &ini, 0x11), &resp, &ini, 0.01, NULL);
    send(&c, encrypted(IKD_V2_EX_AUTH, IKD_V2_FLAG_INITIATOR, 1, IKD_V2_PL_IDI), &ini_t, &resp_t, 0.02,
         keys ? auth_plaintext(ID_IPV4, ini_id, 4) : NULL);
    send(&c, encrypted(IKD_V2_EX_AUTH, IKD_V2_FLAG_RESPONSE, 1, IKD_V2_PL_IDR), &resp_t, &ini_t, 0.03,
         keys ? auth_plaintext(ID_FQDN, "resp.lab.example", 16) : NULL);
    informational(&c, 2, 5.0);
    informational(&c, 3, 10.0); /* without keys READY from here (10.01 s); with them from the IKE_AUTH answer (0.03 s) */
    informational(&c, 4, 745.0);
    send(&c, sa_init(false, true, &ini6, &resp6, 0x6a), &ini6, &resp6, 746.0, NULL);
    return c.engine;
}

static const char *const ipv4_block =
    "Tunnel-id Local                 Remote                fvrf/ivrf            Status \n"
    "1         192.0.2.10/4500       192.0.2.1/4500        none/none            READY  \n";
static const char *const ipv6_block =
    "Tunnel-id    fvrf/ivrf              Status\n"
    "2          none/none             IN-NEG\n"
    "Local  2001:DB8::10/500\n"
    "Remote  2001:DB8::1/500\n"
    "      Life/Active Time: -/- sec\n";

static char *show(ikd_engine *e, void (*table)(ikd_engine *, const ikd_sa_selection *, GString *))
{
    GString *out = g_string_new(NULL);
    table(e, NULL, out);
    return g_string_free(out, FALSE);
}

static void test_show_with_keys(void)
{
    ikd_engine *e = lab_capture(true);
    char *text = show(e, ikd_text_show_ikev2_sa);
    char *want = g_strconcat("IPv4 Crypto IKEv2 SA \n\n", ipv4_block,
                             "      Encr: AES-CBC, keysize: 128, PRF: SHA256, Hash: SHA256, DH Grp:14, "
                             "Auth sign: PSK, Auth verify: PSK\n"
                             "      Life/Active Time: -/745 sec\n\n"
                             " IPv6 Crypto IKEv2 SA \n\n", ipv6_block, "\n", NULL);
    g_assert_cmpstr(text, ==, want);
    g_free(want);
    g_free(text);
    ikd_engine_free(e);
}

/* Without the keys: no AUTH method, no identities; the rest is in clear text. */
static void test_detailed_without_keys(void)
{
    ikd_engine *e = lab_capture(false);
    char *text = show(e, ikd_text_show_ikev2_sa_detailed);
    char *want = g_strconcat("IPv4 Crypto IKEv2 SA \n\n", ipv4_block,
                             "      Encr: AES-CBC, keysize: 128, PRF: SHA256, Hash: SHA256, DH Grp:14\n"
                             "      Life/Active Time: -/735 sec\n"
                             "      Local spi: 1122334455667788       Remote spi: 99AABBCCDDEEFF01\n"
                             "      Local req msg id:  5              Remote req msg id:  0\n"
                             "      IETF Std Fragmentation enabled.\n"
                             "      NAT-T is not detected\n"
                             "      Initiator of SA : Yes\n\n"
                             " IPv6 Crypto IKEv2 SA \n\n", ipv6_block,
                             "      Local spi: 6A22334455667788       Remote spi: 0000000000000000\n"
                             "      Local req msg id:  1              Remote req msg id:  0\n"
                             "      Initiator of SA : Yes\n\n", NULL);
    g_assert_cmpstr(text, ==, want);
    g_free(want);
    g_free(text);
    ikd_engine_free(e);
}

static void test_detailed_identities(void)
{
    ikd_engine *e = lab_capture(true);
    char *text = show(e, ikd_text_show_ikev2_sa_detailed);
    g_assert_nonnull(strstr(text, "      Local spi: 1122334455667788       Remote spi: 99AABBCCDDEEFF01\n"
                                  "      Local id: 192.0.2.10\n"
                                  "      Remote id: resp.lab.example\n"
                                  "      Local req msg id:  5              Remote req msg id:  0\n"));
    g_free(text);
    ikd_engine_free(e);
}

/* NAT detection from the hashes: the initiator's source hash names an
 * address the capture does not show (inside), or the responder's does (outside). */
static void check_nat(bool initiator_hidden, const char *nat_line)
{
    capture c = { ikd_engine_new(), 0 };
    const endpoint *i_seen = initiator_hidden ? &hidden : &ini, *r_seen = initiator_hidden ? &resp : &hidden;
    send(&c, sa_init(false, true, i_seen, &resp, 0x11), &ini, &resp, 0.0, NULL);
    send(&c, sa_init(true, false, r_seen, &ini, 0x11), &resp, &ini, 0.01, NULL);
    char *text = show(c.engine, ikd_text_show_ikev2_sa_detailed);
    char *want = g_strconcat("      Fragmentation not  configured.\n", nat_line, "      Initiator of SA : Yes\n", NULL);
    g_assert_nonnull(strstr(text, want));
    g_free(want);
    g_free(text);
    ikd_engine_free(c.engine);
}

static void test_nat_inside(void)
{
    check_nat(true, "      NAT-T is detected inside\n");
}

static void test_nat_outside(void)
{
    check_nat(false, "      NAT-T is detected  outside\n");
}

/* With the keys SA 1 is READY from its IKE_AUTH answer (set-up 0.030 s);
 * SA 2's lone IKE_SA_INIT at the very end is too short to judge. Under each
 * row, what its peers announced. */
static void test_analysis_section(void)
{
    ikd_engine *e = lab_capture(true);
    char *text = show(e, ikd_text_sa_analysis);
    const char *want = "\nIKEv2 SAs\n"
        "tunnel  initiator             responder             mode  initiator    responder      first   last msgs "
        "retx setup     status  evidence   verdict\n"
        "1       192.0.2.10:4500       192.0.2.1:4500        ikev2 READY        READY             1     10   10    "
        "0 0.030 s   READY   -          -\n"
        "        initiator announces: IKEV2_FRAGMENTATION_SUPPORTED\n"
        "        responder announces: IKEV2_FRAGMENTATION_SUPPORTED\n"
        "2       [2001:db8::10]:500                        [2001:db8::1]:500                         ikev2 I_WAIT_INIT  "
        "-                11     11    1    0 -         IN-NEG  weak       SA 2 is in I_WAIT_INIT when the capture stops, "
        "0.0 s after IKE_SA_INIT (1 copy): too short to tell a lost or refused message from an answer still on its way\n"
        "        initiator announces: IKEV2_FRAGMENTATION_SUPPORTED\n";
    g_assert_nonnull(strstr(text, want));
    g_free(text);
    ikd_engine_free(e);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ikev2_text/show_with_keys", test_show_with_keys);
    g_test_add_func("/ikev2_text/detailed_without_keys", test_detailed_without_keys);
    g_test_add_func("/ikev2_text/detailed_identities", test_detailed_identities);
    g_test_add_func("/ikev2_text/nat_inside", test_nat_inside);
    g_test_add_func("/ikev2_text/nat_outside", test_nat_outside);
    g_test_add_func("/ikev2_text/analysis_section", test_analysis_section);
    return g_test_run();
}
