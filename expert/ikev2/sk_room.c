/* ikediag - plaintext room of an SK payload (IANA IKEv2 transform numbers).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/sk_room.h"

enum { SK_HEADER = 4 };

/* The IV bytes of an encryption transform, 0 when unknown. */
static uint32_t iv_bytes(uint16_t encr)
{
    switch (encr) {
    case 1: case 2: case 3:                 /* DES-IV64, DES, 3DES: 64-bit blocks */
    case 13:                                /* AES-CTR (RFC 5930) */
    case 14: case 15: case 16:              /* AES-CCM (RFC 5282) */
    case 18: case 19: case 20:              /* AES-GCM (RFC 5282) */
    case 28:                                /* ChaCha20-Poly1305 (RFC 7634) */
        return 8;
    case 12: case 23:                       /* AES-CBC, Camellia-CBC */
        return 16;
    default: return 0;
    }
}

/* A combined-mode cipher's checksum bytes, 0 for any other. */
static uint32_t aead_icv_bytes(uint16_t encr)
{
    switch (encr) {
    case 14: case 18: return 8;
    case 15: case 19: return 12;
    case 16: case 20: case 28: return 16;
    default: return 0;
    }
}

/* An integrity transform's checksum bytes, 0 when unknown. */
static uint32_t integ_icv_bytes(uint16_t integ)
{
    switch (integ) {
    case 1: case 2: case 5: case 8: return 12; /* HMAC-MD5-96, HMAC-SHA1-96, AES-XCBC-96, AES-CMAC-96 */
    case 6: return 16;                         /* HMAC-MD5-128 */
    case 7: return 20;                         /* HMAC-SHA1-160 */
    case 12: return 16;                        /* HMAC-SHA2-256-128 */
    case 13: return 24;                        /* HMAC-SHA2-384-192 */
    case 14: return 32;                        /* HMAC-SHA2-512-256 */
    default: return 0;
    }
}

int32_t ikd_v2_sk_plaintext_room(const ikd_v2_ike_transforms *t, uint32_t sk_payload_len)
{
    if (!t->known)
        return -1;
    uint32_t iv = iv_bytes(t->encr);
    uint32_t icv = t->has_integ ? integ_icv_bytes(t->integ) : aead_icv_bytes(t->encr);
    if (!iv || !icv || sk_payload_len < SK_HEADER + iv + icv)
        return -1;
    return (int32_t)(sk_payload_len - SK_HEADER - iv - icv);
}
