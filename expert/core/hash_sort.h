/* ikediag - entries of (32 bits of a hash, an index) sorted by the hash,
 * equal hashes keeping their order: how the SAs are grouped by peer pair
 * (common/peer_pairs.c) and a burst's initiator addresses counted
 * (flood.c). Entries are written in order and sorted once, where a hash
 * table probed each entry at a random place in memory.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_HASH_SORT_H
#define IKD_HASH_SORT_H

#include "core/address.h"

#include <stdint.h>

typedef struct {
    uint32_t hash;  /* high 32 bits of the key's hash */
    uint32_t index; /* the caller's: an SA's store index */
} ikd_hashed_entry;

/* Sorts the n entries by hash, equal hashes keeping their order (stable);
 * scratch has room for n entries, its contents are left undefined. */
void ikd_sort_by_hash(ikd_hashed_entry *entries, ikd_hashed_entry *scratch, uint32_t n);

/* The address an entry's index names, for ikd_count_distinct_addresses. */
typedef const ikd_address *(*ikd_address_at)(uint32_t index, const void *ctx);

/* How many distinct addresses the n entries name, sorted by hash, each
 * entry's hash that of its address. An entry alone with its hash is one
 * address without asking for it; entries that share a hash are asked, and
 * when their addresses differ (two addresses' hashes collided) the
 * addresses are sorted to be counted. */
uint32_t ikd_count_distinct_addresses(const ikd_hashed_entry *entries, uint32_t n, ikd_address_at address_at,
                                      const void *ctx);

#endif
