/* ikediag - IOS crypto map entries (`crypto map NAME SEQ ipsec-isakmp`) read
 * from pasted configuration, with what decides whether a quick mode is
 * accepted: `set peer`, `set transform-set`, `set pfs`, `match address`.
 * Dynamic maps and entries of other kinds are reported, not modelled.
 * Untrusted input: see ios_policy.h.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IOS_CRYPTO_MAP_H
#define IKD_IOS_CRYPTO_MAP_H

#include "core/address.h"
#include "ikev1/ios_config_text.h"

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

enum { IKD_IOS_MAP_PEERS = 4, IKD_IOS_MAP_SETS = 6 };

typedef struct {
    char name[64];
    uint32_t seq;
    uint32_t line;
    ikd_address peers[IKD_IOS_MAP_PEERS];
    unsigned peer_count;
    char sets[IKD_IOS_MAP_SETS][64]; /* transform-set names, in the order IOS offers and checks them */
    unsigned set_count;
    uint32_t sets_line;
    uint16_t pfs_group; /* 0: no `set pfs` */
    uint32_t pfs_line;
    char acl[64];       /* `match address`, "" when absent */
    uint32_t acl_line;
} ikd_ios_crypto_map;

/* rest follows `crypto map`; returns the entry's index, or -1 when the line
 * is not an ipsec-isakmp entry (then its sub-lines are ignored). */
int ikd_ios_crypto_map_header(GArray *maps, ikd_span rest, ikd_ios_messages *m);
/* A sub-line of the entry at index. */
void ikd_ios_crypto_map_line(GArray *maps, guint index, ikd_span rest, ikd_ios_messages *m);
/* Entries in the order IOS checks them: by map name, then sequence number. */
void ikd_ios_crypto_maps_sort(GArray *maps);

#endif
