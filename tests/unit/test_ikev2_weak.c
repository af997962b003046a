/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/ikev2/weak_crypto: the IKE SA an IKEv2
 * responder chose, checked against RFC 8247 on its IKE_SA_INIT response.
 *
 * The two IKE_SA_INIT messages are built to RFC 7296's shapes (SA, KE,
 * nonce) with the ikev2_builder helpers; only the chosen transforms vary. */
#include "engine.h"
#include "ikev2/ikev2_names.h"
#include "ikev2/ikev2_sa.h"
#include "ikev2_builder.h"
#include "report/finding_text.h"

#include <glib.h>
#include <string.h>

typedef struct {
    uint16_t encr, encr_bits, prf, integ, dh;
} choice;

/* Key exchange data lengths (RFC 7296 3.4, RFC 5903): MODP groups 1, 2, 14; ECP-256. */
static size_t ke_length(uint16_t group)
{
    switch (group) {
    case 1: return 96;
    case 2: return 128;
    case 19: return 64;
    default: return 256;
    }
}

static ikv2b_msg *sa_init(bool response, const choice *c)
{
    const ikv2b_transform t[] = {
        { IKD_V2_TT_ENCR, c->encr, c->encr_bits }, { IKD_V2_TT_PRF, c->prf, 0 },
        { IKD_V2_TT_INTEG, c->integ, 0 }, { IKD_V2_TT_DH, c->dh, 0 },
    };
    ikv2b_msg *m = ikv2b_new(IKD_V2_EX_SA_INIT, response ? IKD_V2_FLAG_RESPONSE : IKD_V2_FLAG_INITIATOR, 0,
                             response ? ikv2b_spi_r : ikv2b_spi_zero);
    GByteArray *sa = g_byte_array_new(), *ke = ikv2b_ke(c->dh, ke_length(c->dh)), *nonce = ikv2b_nonce(32);
    ikv2b_proposal(sa, true, 1, IKD_V2_PROTO_IKE, 0, t, G_N_ELEMENTS(t));
    ikv2b_add(m, IKD_V2_PL_SA, sa);
    ikv2b_add(m, IKD_V2_PL_KE, ke);
    ikv2b_add(m, IKD_V2_PL_NONCE, nonce);
    g_byte_array_free(sa, TRUE);
    g_byte_array_free(ke, TRUE);
    g_byte_array_free(nonce, TRUE);
    ikv2b_finish(m);
    return m;
}

/* Feeds the exchange; returns the findings' names and texts on the response, one per line. */
static char *findings_on_response(const choice *c, unsigned *weaknesses)
{
    ikd_engine *e = ikd_engine_new();
    GString *out = g_string_new(NULL);
    for (int k = 0; k < 2; k++) {
        ikv2b_msg *m = sa_init(k == 1, c);
        const ikd_packet p = { .frame = (uint32_t)k + 1, .time = 0.01 * k, .src = k ? resp.addr : ini.addr,
                               .dst = k ? ini.addr : resp.addr, .src_port = 500, .dst_port = 500,
                               .transport = IKD_TRANSPORT_UDP, .bytes = m->b->data, .captured_len = m->b->len,
                               .reported_len = m->b->len };
        ikd_annotation ann;
        ikd_engine_feed(e, &p, &ann);
        for (uint32_t i = 0; k == 1 && i < ann.findings.count; i++) {
            char text[512];
            const ikd_finding_info *info = ikd_finding_lookup((ikd_finding_id)ann.findings.items[i].id);
            ikd_finding_render(info->detail, &ann.findings.items[i], text, sizeof text);
            g_string_append_printf(out, "%s: %s\n", info->filter, text);
        }
        g_assert_cmpuint(k == 0 ? ann.findings.count : 0, ==, 0); /* the offer itself is not judged */
        ikd_annotation_clear(&ann);
        ikv2b_free(m);
    }
    *weaknesses = ikd_engine_sa(e, 0)->weaknesses;
    ikd_engine_free(e);
    return g_string_free(out, FALSE);
}

static void expect(const choice *c, const char *want, unsigned want_weak)
{
    unsigned weak = 0;
    char *got = findings_on_response(c, &weak);
    g_assert_cmpstr(got, ==, want);
    g_assert_cmphex(weak, ==, want_weak);
    g_free(got);
}

static void test_modern_choice(void)
{
    const choice c = { 12, 256, 7, 14, 19 }; /* AES-CBC-256, SHA512, SHA512, ECP-256 */
    expect(&c, "", 0);
}

static void test_3des_md5_group2(void)
{
    const choice c = { 3, 0, 1, 1, 2 }; /* 3DES, PRF MD5, integrity MD5-96, MODP-1024 */
    expect(&c,
           "weak_crypto.ikev2.encryption: the IKE SA uses 3DES: 56-bit DES is broken, and 3DES and the other legacy "
           "ciphers have a 64-bit block (Sweet32)\n"
           "weak_crypto.ikev2.md5: the IKE SA uses MD5 (PRF MD5, integrity MD596): deprecated for IKEv2 (RFC 8247 2.2, "
           "2.3)\n"
           "weak_crypto.dh_group: DH group 2 (1024 bits) is too small for today's attackers\n",
           IKD_WEAK_ENCRYPTION | IKD_WEAK_HASH | IKD_WEAK_GROUP);
}

static void test_sha1_prf_is_a_note(void)
{
    const choice c = { 12, 128, 2, 2, 14 }; /* AES-CBC-128, PRF SHA1, integrity SHA1-96, MODP-2048 */
    expect(&c,
           "weak_crypto.ikev2.prf_sha1: the IKE SA's PRF is SHA1 (HMAC-SHA1): still allowed, but RFC 8247 2.2 marks "
           "it to be phased out\n",
           0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/ikev2_weak/modern_choice", test_modern_choice);
    g_test_add_func("/ikev2_weak/3des_md5_group2", test_3des_md5_group2);
    g_test_add_func("/ikev2_weak/sha1_prf_is_a_note", test_sha1_prf_is_a_note);
    return g_test_run();
}
