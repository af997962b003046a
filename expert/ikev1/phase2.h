/* ikediag - phase-2 (quick mode) proposals: the RFC 2407 IPsec DOI
 * transforms of a quick-mode SA payload and the IOS transform-set names for
 * them ("esp-aes 256 esp-sha-hmac").
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_PHASE2_H
#define IKD_PHASE2_H

#include "common/proposal.h"

#include <stddef.h>
#include <stdint.h>

/* RFC 2407 4.4.4 ESP transform IDs, 4.4.3 AH transform IDs, 4.5 attribute
 * values, and later additions (RFC 4106, RFC 4543). */
enum ikd_esp_transform {
    IKD_ESP_DES_IV64 = 1,
    IKD_ESP_DES = 2,
    IKD_ESP_3DES = 3,
    IKD_ESP_DES_IV32 = 9, /* 1..9: DES-IV64, DES, 3DES, RC5, IDEA, CAST, Blowfish, 3IDEA, DES-IV32 */
    IKD_ESP_NULL = 11,
    IKD_ESP_AES_CBC = 12,
    IKD_ESP_AES_GCM_8 = 18,
    IKD_ESP_AES_GCM_12 = 19,
    IKD_ESP_AES_GCM_16 = 20,
    IKD_ESP_NULL_AES_GMAC = 23,
};
enum ikd_ah_transform {
    IKD_AH_MD5 = 2,
    IKD_AH_SHA = 3,
    IKD_AH_SHA2_256 = 5,
    IKD_AH_SHA2_384 = 6,
    IKD_AH_SHA2_512 = 7,
};
enum { IKD_IPCOMP_LZS = 3 };
enum ikd_p2_auth {
    IKD_P2_AUTH_HMAC_MD5 = 1,
    IKD_P2_AUTH_HMAC_SHA = 2,
    IKD_P2_AUTH_HMAC_SHA2_256 = 5,
    IKD_P2_AUTH_HMAC_SHA2_384 = 6,
    IKD_P2_AUTH_HMAC_SHA2_512 = 7,
};
enum ikd_p2_encapsulation {
    IKD_ENCAP_TUNNEL = 1,
    IKD_ENCAP_TRANSPORT = 2,
    IKD_ENCAP_UDP_TUNNEL = 3,    /* RFC 3947 */
    IKD_ENCAP_UDP_TRANSPORT = 4,
    IKD_ENCAP_UDP_TUNNEL_DRAFT = 61443,
    IKD_ENCAP_UDP_TRANSPORT_DRAFT = 61444,
};

/* One transform of a phase-2 proposal; attribute fields are 0 where the
 * transform did not say. */
typedef struct {
    uint8_t proposal_number;
    uint8_t protocol;        /* 2 AH, 3 ESP, 4 IPCOMP */
    uint32_t spi;            /* 4-byte SPI (or 2-byte IPCOMP CPI) */
    uint8_t transform_number;
    uint8_t transform_id;    /* ESP: 2 DES, 3 3DES, 11 NULL, 12 AES-CBC, 18/19/20 AES-GCM-8/12/16 ...;
                                AH: 2 MD5, 3 SHA, 5 SHA2-256 ... */
    uint16_t encapsulation;  /* attr 4: 1 tunnel, 2 transport, 3 UDP-encap tunnel, 4 UDP-encap transport,
                                61443/61444 drafts */
    uint16_t auth;           /* attr 5: 1 HMAC-MD5, 2 HMAC-SHA, 5 HMAC-SHA2-256, 6 -384, 7 -512 */
    uint16_t key_length;     /* attr 6 */
    uint16_t pfs_group;      /* attr 3 (group description) - PFS */
    uint32_t life_seconds;   /* attr 1 life type 1 + attr 2 duration */
    uint32_t life_kilobytes; /* life type 2 */
} ikd_phase2_transform;

typedef void (*ikd_phase2_visitor)(void *ctx, const ikd_phase2_transform *t);

/* Walks the SA payload (generic header at payload_offset in msg, len bytes)
 * of a quick-mode message; DOI must be IPsec (1), situation SIT_IDENTITY_ONLY
 * (1). Proposals for ISAKMP (protocol 1) or with an SPI size other than 4 (2
 * for IPCOMP) are skipped. A transform whose attributes do not parse is not
 * visited. Tolerant: stops quietly where the bytes do not parse. Returns the
 * count of transforms visited. */
unsigned ikd_phase2_transforms(const uint8_t *msg, size_t len, size_t payload_offset, ikd_phase2_visitor visit,
                               void *ctx);

/* IOS transform-set spelling of one transform: "esp-aes 256 esp-sha-hmac",
 * "esp-3des esp-md5-hmac", "esp-gcm 128", "ah-sha-hmac",
 * "esp-aes esp-sha256-hmac"; " mode transport" is added when the
 * encapsulation is transport; unknown values numerically
 * ("esp-transform-99"). buf needs 64 bytes. */
const char *ikd_phase2_ios_text(const ikd_phase2_transform *t, char *buf, size_t size);

/* The transform set text followed by the offer's PFS group and lifetime,
 * in crypto map words: "esp-aes 256 esp-sha256-hmac, pfs group14, lifetime
 * 3600 seconds", "esp-aes esp-sha-hmac, no pfs" (no lifetime attribute).
 * buf needs 100 bytes. */
const char *ikd_phase2_offer_text(const ikd_phase2_transform *t, char *buf, size_t size);

/* The phase-2 kind of the proposal model (common/proposal.h) over
 * ikd_phase2_transform: compared on protocol, transform, key length,
 * authentication, mode and PFS group (the IKD_P2_* bits below, in that
 * order). MODE compares tunnel against transport only (a UDP-encapsulated
 * tunnel is still a tunnel); lifetimes, SPIs and numbers are not compared.
 * Packed into three finding arguments (for the {N:p2offer} token):
 * protocol << 24 | transform id << 16 | key length, auth << 16 |
 * encapsulation, PFS group << 24 | life seconds (24 bits: a PFS group
 * above 255 or a lifetime above 194 days is capped). */
extern const ikd_proposal_kind ikd_phase2_kind;

/* What differs between two phase-2 transforms, as IKD_P2_* bits. */
enum {
    IKD_P2_PROTOCOL = 1u << 0,
    IKD_P2_TRANSFORM = 1u << 1,
    IKD_P2_KEY_LENGTH = 1u << 2,
    IKD_P2_AUTH = 1u << 3,
    IKD_P2_MODE = 1u << 4,
    IKD_P2_PFS = 1u << 5,
};

#endif
