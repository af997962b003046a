/* ikediag - phase-1 transforms: the attributes of an ISAKMP transform and
 * the names IOS prints for them (aes, sha, psk, group 14 ...).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_TRANSFORM_H
#define IKD_TRANSFORM_H

#include "common/proposal.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* RFC 2409 appendix A values of the attributes IOS prints. */
enum ikd_p1_encryption {
    IKD_ENCR_DES = 1,
    IKD_ENCR_3DES = 5,
    IKD_ENCR_AES_CBC = 7,
    IKD_ENCR_CAMELLIA = 8,
};
enum ikd_p1_hash {
    IKD_HASH_MD5 = 1,
    IKD_HASH_SHA1 = 2,
    IKD_HASH_TIGER = 3,
    IKD_HASH_SHA256 = 4,
    IKD_HASH_SHA384 = 5,
    IKD_HASH_SHA512 = 6,
};
enum ikd_p1_auth {
    IKD_AUTH_PSK = 1,
    IKD_AUTH_DSS = 2,
    IKD_AUTH_RSA_SIG = 3,
    IKD_AUTH_RSA_ENC = 4,
    IKD_AUTH_RSA_ENC_REVISED = 5,
    IKD_AUTH_HYBRID_INIT_RSA = 64221, /* draft-ietf-ipsec-isakmp-hybrid-auth */
    IKD_AUTH_HYBRID_RESP_RSA = 64222,
    IKD_AUTH_HYBRID_LAST = 64224, /* ...InitDSS, RespDSS */
    IKD_AUTH_XAUTH_INIT_PSK = 65001,  /* draft-ietf-ipsec-isakmp-xauth: 65001..65010 */
    IKD_AUTH_XAUTH_RESP_PSK = 65002,
    IKD_AUTH_XAUTH_LAST = 65010,
};
enum { IKD_AES_DEFAULT_KEY_LENGTH = 128 };

/* RFC 2409 appendix A attribute values; 0 where the transform did not say. */
typedef struct {
    uint16_t encryption;
    uint16_t key_length;
    uint16_t hash;
    uint16_t auth;
    uint16_t group;
    uint32_t life_seconds;
    uint32_t life_kilobytes;
} ikd_transform;

typedef struct {
    uint8_t proposal_number;
    uint8_t protocol;
    uint8_t transform_number;
    uint8_t transform_id;
    ikd_transform attributes;
} ikd_transform_entry;

typedef void (*ikd_transform_visitor)(void *ctx, const ikd_transform_entry *entry);

/* Visits every transform of the SA payload whose generic header starts at
 * payload_offset in msg (len bytes). Tolerant: stops quietly where the bytes
 * do not parse (the reader has flagged that already). Returns the count. */
unsigned ikd_sa_payload_transforms(const uint8_t *msg, size_t len, size_t payload_offset,
                                   ikd_transform_visitor visit, void *ctx);

/* IOS spelling: "des", "3des", "aes", "aes 256", "sha", "sha256", "psk",
 * "rsig"; unknown values as numbers. buf needs 16 bytes. */
const char *ikd_encryption_text(uint16_t encryption, uint16_t key_length, char *buf, size_t size);
const char *ikd_hash_text(uint16_t hash, char *buf, size_t size);
const char *ikd_auth_text(uint16_t auth, char *buf, size_t size);
bool ikd_auth_is_xauth(uint16_t auth);
/* Pre-shared key authentication, with or without XAUTH on top. */
bool ikd_auth_is_psk(uint16_t auth);

/* The phase-1 kind of the proposal model (common/proposal.h) over
 * ikd_transform: compared on encryption, key length, hash, authentication and
 * DH group (the IKD_ATTR_* bits below, in that order); packed into four
 * finding arguments (for the {N:offer} token): encryption << 16 | key length,
 * hash << 16 | group, auth, life seconds. Life kilobytes is not packed. */
extern const ikd_proposal_kind ikd_phase1_kind;

/* Attributes two transforms disagree on (ikd_proposal_differences with
 * ikd_phase1_kind), as bits; ikd_proposal_difference_names names them. */
enum {
    IKD_ATTR_ENCRYPTION = 1u << 0,
    IKD_ATTR_KEY_LENGTH = 1u << 1,
    IKD_ATTR_HASH = 1u << 2,
    IKD_ATTR_AUTH = 1u << 3,
    IKD_ATTR_GROUP = 1u << 4,
};

#endif
