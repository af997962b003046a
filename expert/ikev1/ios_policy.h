/* ikediag - an IOS router's phase-1 policy, read from pasted configuration.
 *
 * The input is text as pasted from `show running-config`: `crypto isakmp
 * policy` blocks and `crypto ipsec transform-set` lines are understood here,
 * `crypto map` entries in ios_crypto_map.c and extended access lists in
 * ios_acl.c; every other line is ignored (banner text is skipped whole, never read as
 * commands). What IOS would use is stored with its defaults applied, so the
 * walk in ios_debug.h compares offers against exactly what the router
 * compares them against. A policy with any line that is not understood is
 * left out whole rather than defaulted: ikediag cannot know what the router
 * holds there. docs/policy-file.md describes the format.
 *
 * Untrusted input: any bytes (NUL, UTF-8, CR/LF/CRLF endings, a 1 MB line)
 * are handled in one linear pass; messages quote at most a few bytes of the
 * input, escaped, and are capped in number.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IOS_POLICY_H
#define IKD_IOS_POLICY_H

#include "ikev1/ios_acl.h"
#include "ikev1/ios_crypto_map.h"
#include "ikev1/transform.h"

#include <glib.h>
#include <stdint.h>

/* Lines longer than this are reported and skipped; no IOS line comes close. */
#define IKD_IOS_MAX_LINE 4096
/* After this many messages the rest are only counted ("... N more"). */
#define IKD_IOS_MAX_MESSAGES 100
/* Files larger than this are refused by ikd_ios_config_load. */
#define IKD_IOS_MAX_FILE (16u * 1024u * 1024u)

/* One `crypto isakmp policy` block. t holds what IOS would use with the
 * defaults applied (IOS 15.x: des, sha, rsa-sig, group 1, 86400 s): RFC 2409
 * values (encryption 1/5/7, key_length 128/192/256 for AES and 0 otherwise,
 * hash 1/2/4/5/6, auth 1/3/4, group number), lifetime in life_seconds,
 * life_kilobytes 0 (IOS has no phase-1 volume limit). */
typedef struct {
    uint32_t priority;
    ikd_transform t;
    uint32_t line; /* of the `crypto isakmp policy` line */
} ikd_ios_isakmp_policy;

/* One `crypto ipsec transform-set`. Transforms as written, whitespace
 * collapsed to single spaces (truncated with a message past 127 bytes). */
typedef struct {
    char name[64];
    char transforms[128];
    char mode[12]; /* "tunnel" (the IOS default) or "transport" */
    uint32_t line;
} ikd_ios_transform_set;

typedef struct ikd_ios_config ikd_ios_config;

/* Never returns NULL. messages (may be NULL) receives one "line N: ..." line
 * per error or note, each "\n"-terminated; parsing always continues. When no
 * usable policy is left, a last line without a number says why ("no crypto
 * isakmp policy block found...", "no usable crypto isakmp policy: ..."). */
ikd_ios_config *ikd_ios_config_parse(const char *text, size_t len, GString *messages);
/* NULL with a message naming the path if the file cannot be read, and NULL
 * when it holds no usable policy (the messages say why): a configuration
 * without a policy must never reach the walk, which would refuse every offer. */
ikd_ios_config *ikd_ios_config_load(const char *path, GString *messages);
void ikd_ios_config_free(ikd_ios_config *c);

/* The usable policies sorted by priority (the order IOS tries them). */
guint ikd_ios_config_policy_count(const ikd_ios_config *c);
const ikd_ios_isakmp_policy *ikd_ios_config_policy(const ikd_ios_config *c, guint i);
/* Transform sets in the order they were written. */
guint ikd_ios_config_transform_set_count(const ikd_ios_config *c);
const ikd_ios_transform_set *ikd_ios_config_transform_set(const ikd_ios_config *c, guint i);
/* Crypto map entries in the order IOS checks them (map name, sequence). */
guint ikd_ios_config_crypto_map_count(const ikd_ios_config *c);
const ikd_ios_crypto_map *ikd_ios_config_crypto_map(const ikd_ios_config *c, guint i);
/* The access list or transform set with this name, NULL when the file has none. */
const ikd_ios_acl *ikd_ios_config_acl(const ikd_ios_config *c, const char *name);
const ikd_ios_transform_set *ikd_ios_config_transform_set_named(const ikd_ios_config *c, const char *name);
/* How many of the messages were errors (the rest were notes). */
guint ikd_ios_config_error_count(const ikd_ios_config *c);

/* "priority 10: encryption aes 256, hash sha256, authentication pre-share,
 * group 14, lifetime 86400" - configuration keywords, for notes. */
void ikd_ios_policy_attribute_summary(const ikd_ios_isakmp_policy *p, GString *out);

#endif
