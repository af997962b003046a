/* ikediag - SAs grouped by their two addresses (in either order), so that
 * comparing an SA with the others between the same peers costs no scan of
 * every SA.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_PEER_PAIRS_H
#define IKD_PEER_PAIRS_H

#include "common/sa_store.h"

#include <glib.h>

typedef struct ikd_peer_pairs ikd_peer_pairs;

/* Some SAs of the store, in conn-id order: a view, owned by whoever made it. */
typedef struct {
    ikd_sa *const *sas;
    guint len;
} ikd_sa_group;

/* Groups the store's SAs as they are now; an SA created or dropped since is
 * in no group (ikd_peer_pairs_of gives an empty one). */
ikd_peer_pairs *ikd_peer_pairs_build(const ikd_sa_store *store);
/* The same with another hash of the pairs (tests: one that makes every
 * pair collide must group them the same). */
typedef uint64_t (*ikd_pair_hash)(const uint8_t *bytes, size_t len);
ikd_peer_pairs *ikd_peer_pairs_build_hashed(const ikd_sa_store *store, ikd_pair_hash hash);
void ikd_peer_pairs_free(ikd_peer_pairs *pairs);
/* The SAs between sa's two addresses, sa included, in conn-id order. */
ikd_sa_group ikd_peer_pairs_of(const ikd_peer_pairs *pairs, const ikd_sa *sa);
/* Every SA of the store, in conn-id order. */
ikd_sa_group ikd_sa_group_all(const ikd_sa_store *store);

#endif
