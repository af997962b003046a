/* ikediag - things noted under a 64-bit key, each key's found again newest
 * first: a table from the key to its newest node, and the nodes in one array,
 * each naming the next older node of its key. For lookups that must not walk
 * every SA or every record of one (an SPI a DELETE names, the SPIs an IKE
 * rekey announced) when what a key finds is checked anyway: a node holds an
 * item and a tag (the conn-id of the SA that owns the item, looked up again
 * so that a node of an SA dropped since is skipped), nothing is ever
 * removed, and a node whose item changed since is the caller's to skip.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_KEY_CHAINS_H
#define IKD_KEY_CHAINS_H

#include <glib.h>
#include <stdint.h>

typedef struct {
    void *item;
    uint32_t tag;
    uint32_t older; /* 1 + the index of the next older node with the same key, 0 for none */
} ikd_key_chain_node;

typedef struct {
    GHashTable *newest; /* key (ikd_key64) -> 1 + the index of its newest node */
    GArray *nodes;      /* ikd_key_chain_node */
} ikd_key_chains;

void ikd_key_chains_init(ikd_key_chains *chains);
void ikd_key_chains_clear(ikd_key_chains *chains);
/* Notes item (and tag) under key; nothing when it is the key's newest already. */
void ikd_key_chains_add(ikd_key_chains *chains, uint64_t key, void *item, uint32_t tag);
/* What was noted under key, newest first: the first, then each next one;
 * NULL after the last. Valid until the next ikd_key_chains_add. */
const ikd_key_chain_node *ikd_key_chains_newest(const ikd_key_chains *chains, uint64_t key);
const ikd_key_chain_node *ikd_key_chains_older(const ikd_key_chains *chains, const ikd_key_chain_node *node);

#endif
