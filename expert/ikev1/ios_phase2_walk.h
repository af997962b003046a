/* ikediag - IOS's phase-2 check of a decrypted QM1, as the responding router
 * does it with the policy file's crypto map entries, access lists and
 * transform sets: find the entry for the peer whose ACL mirrors the proxy
 * identities, then a transform set and PFS group that fit the offer.
 *
 * The text appended to debug holds IOS's own sentences where they are known
 * from real output (cisco-ike-facts.md 2.1: "transform proposal not
 * supported for identity", "proxy identities not supported",
 * "map_db_find_best did not find matching map", "phase 2 SA policy not
 * acceptable!") and ikediag's reasoning on lines starting "ikediag:". When
 * the file cannot tell (no entry for the peer, an entry or list ikediag does
 * not read, proxies inside an ACL entry but not equal to it), the walk says
 * so and judges nothing.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IOS_PHASE2_WALK_H
#define IKD_IOS_PHASE2_WALK_H

#include "common/proxy_id.h"
#include "ikev1/ios_policy.h"
#include "ikev1/phase2.h"

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

typedef enum {
    IKD_P2_WALK_NOT_WALKED = 0,
    IKD_P2_WALK_ACCEPTED,     /* the file would accept the offer */
    IKD_P2_WALK_TRANSFORM,    /* the entry's transform sets do not fit: line = its set transform-set */
    IKD_P2_WALK_PFS,          /* a set fits, its PFS does not: line = its set pfs (or the entry) */
    IKD_P2_WALK_PROXY,        /* no entry for the peer mirrors the proxies: line = the ACL entry */
    IKD_P2_WALK_UNDETERMINED, /* the file cannot tell */
} ikd_p2_walk_outcome;

typedef struct {
    uint8_t outcome; /* ikd_p2_walk_outcome */
    uint32_t line;   /* of the policy file, for the refusals */
} ikd_p2_walk_result;

/* offers: QM1's transforms (n of them); ids: IDci, IDcr (the initiator's
 * local and remote); initiator: QM1's sender, the peer the router knows. */
void ikd_ios_phase2_walk(const ikd_ios_config *c, const ikd_phase2_transform *offers, size_t n,
                         const ikd_proxy_id ids[2], const ikd_address *initiator, GString *debug,
                         ikd_p2_walk_result *result);

/* The IOS transform-set units of a transform list, normalised and sorted so
 * that two lists compare with strcmp: "esp-aes 128 esp-sha-hmac" and
 * "esp-sha-hmac esp-aes" both give "esp-aes|esp-sha-hmac". */
void ikd_ios_transform_units(const char *transforms, char *out, size_t size);

#endif
