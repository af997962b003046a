/* ikediag - weak cryptography in an IKEv2 SA's choice.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/weak_crypto.h"

/* IANA IKEv2 transform IDs (RFC 7296 3.3.2). */
enum {
    ENCR_DES_IV64 = 1, ENCR_DES_IV32 = 9, ENCR_NULL = 11,
    PRF_HMAC_MD5 = 1, PRF_HMAC_SHA1 = 2,
    AUTH_HMAC_MD5_96 = 1, AUTH_KPDK_MD5 = 4, AUTH_HMAC_MD5_128 = 6,
};

/* DES, 3DES, RC5, IDEA, CAST, Blowfish, 3IDEA: 56-bit keys or 64-bit blocks. */
static bool weak_encryption(uint16_t id)
{
    return id >= ENCR_DES_IV64 && id <= ENCR_DES_IV32;
}

static bool md5_integrity(uint16_t id)
{
    return id == AUTH_HMAC_MD5_96 || id == AUTH_KPDK_MD5 || id == AUTH_HMAC_MD5_128;
}

/* The MODP groups RFC 8247 2.4 says not to use: 1, 2, 5 (768-1536 bits)
 * and 22 (1024 bits with a 160-bit subgroup). */
static uint32_t weak_group_bits(uint16_t group)
{
    switch (group) {
    case 1: return 768;
    case 2: return 1024;
    case 5: return 1536;
    case 22: return 1024;
    default: return 0;
    }
}

void ikd_v2_check_weak_crypto(ikd_v2_sa *v2, ikd_annotation *ann)
{
    const ikd_v2_ike_transforms *t = &v2->chosen.ike;
    if (!t->known || v2->weak_checked)
        return;
    v2->weak_checked = true;
    unsigned weak = 0;
    if (weak_encryption(t->encr)) {
        ikd_findings_add(&ann->findings, IKD_F_V2_WEAK_ENCRYPTION, 0, 0, t->encr, 0, 0, 0);
        weak |= IKD_WEAK_ENCRYPTION;
    }
    if (t->prf == PRF_HMAC_MD5 || (t->has_integ && md5_integrity(t->integ))) {
        ikd_findings_add(&ann->findings, IKD_F_V2_WEAK_MD5, 0, 0, t->prf, t->has_integ ? t->integ : 0, 0, 0);
        weak |= IKD_WEAK_HASH;
    } else if (t->prf == PRF_HMAC_SHA1) {
        ikd_findings_add(&ann->findings, IKD_F_V2_PRF_SHA1, 0, 0, t->prf, 0, 0, 0);
    }
    uint32_t bits = weak_group_bits(t->dh);
    if (bits) {
        ikd_findings_add(&ann->findings, IKD_F_WEAK_GROUP, 0, 0, t->dh, bits, 0, 0);
        weak |= IKD_WEAK_GROUP;
    }
    v2->sa.weaknesses |= weak;
}
