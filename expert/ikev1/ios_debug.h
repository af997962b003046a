/* ikediag - IOS's phase-1 policy walk and the `debug crypto isakmp` text it
 * would print for a Main Mode or Aggressive Mode offer.
 *
 * Lines carry no "ISAKMP:(0):" prefix and no timestamp; attribute lines are
 * indented by six spaces, as IOS indents them after "ISAKMP:". Which wording
 * is verified from real device output and which is inferred is listed in
 * ios_debug.c and docs/policy-file.md.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IOS_DEBUG_H
#define IKD_IOS_DEBUG_H

#include "ikev1/ios_policy.h"
#include "ikev1/transform.h"

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The IOS debug wording of one offered transform's attributes, one item per
 * attribute the transform carries, joined with ", ": "encryption AES-CBC,
 * keylength of 128, hash SHA, default group 2, auth pre-share, life type in
 * seconds, life duration (basic) of 86400". Cisco's attribute order, since
 * ikd_transform does not keep the order of the packet. Appends to out. */
void ikd_ios_describe_transform(const ikd_transform *t, GString *out);

/* An authentication method as IOS's debug names it after "auth": "pre-share",
 * "RSA sig", "XAUTHInitPreShared", "HybridInitRSA"; the number (in buf) for others. */
const char *ikd_ios_auth_name(uint16_t auth, char *buf, size_t size);

/* In the order IOS checks the attributes (see ios_debug.c). */
typedef enum {
    IKD_IOS_MISMATCH_NONE = 0,
    IKD_IOS_MISMATCH_ENCRYPTION,
    IKD_IOS_MISMATCH_KEY_LENGTH,
    IKD_IOS_MISMATCH_HASH,
    IKD_IOS_MISMATCH_AUTH,
    IKD_IOS_MISMATCH_GROUP,
} ikd_ios_mismatch;

/* The IOS sentence for a mismatch ("Hash algorithm offered does not match
 * policy!"), "" for NONE. */
const char *ikd_ios_mismatch_text(ikd_ios_mismatch m);

/* The first attribute of offer t that policy p rejects, NONE if p accepts t. */
ikd_ios_mismatch ikd_ios_compare(const ikd_ios_isakmp_policy *p, const ikd_transform *t);

typedef struct {
    bool accepted;
    uint32_t policy_priority; /* of the accepting policy */
    uint8_t transform_number; /* the accepted offer's */
    uint32_t life_seconds;    /* what IOS then uses: the lower of offered and policy */
} ikd_ios_walk_result;

/* Walks the offers (in offer order) against c's policies in priority order as
 * IOS does: for each offer, each policy, until the first acceptable pair.
 * Appends to debug (may be NULL) one "\n"-terminated line each:
 *   Checking ISAKMP transform 1 against priority 10 policy
 *         encryption AES-CBC            (the attribute lines)
 *   Encryption algorithm offered does not match policy!
 *   atts are not acceptable. Next payload is 3
 *   ...
 *   atts are acceptable. Next payload is 0
 *   Returning Actual lifetime: 3600
 * or, when nothing matched, "no offers accepted!" and "phase 1 SA policy not
 * acceptable!" (IOS adds "(local A remote B)", which the walk does not know).
 * "Next payload" is 3 when another transform of the same proposal follows, 0
 * after the last one. first_mismatch_per_offer (n_offers entries, may be
 * NULL) receives, for each offer, the mismatch against the policy it came
 * closest to (the latest attribute in IOS's order, the higher priority on a
 * tie); NONE for the accepted offer, for offers never checked because an
 * earlier one was accepted, and for every offer when c has no policy. */
void ikd_ios_walk(const ikd_ios_config *c, const ikd_transform_entry *offers, size_t n_offers, GString *debug,
                  ikd_ios_walk_result *result, ikd_ios_mismatch *first_mismatch_per_offer);

#endif
