/* ikediag - things noted under a 64-bit key (key_chains.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/key_chains.h"

#include "core/keyed_items.h"

void ikd_key_chains_init(ikd_key_chains *chains)
{
    chains->newest = g_hash_table_new(ikd_key64_hash, g_direct_equal);
    chains->nodes = g_array_new(FALSE, FALSE, sizeof(ikd_key_chain_node));
}

void ikd_key_chains_clear(ikd_key_chains *chains)
{
    if (chains->newest)
        g_hash_table_destroy(chains->newest);
    if (chains->nodes)
        g_array_free(chains->nodes, TRUE);
    chains->newest = NULL;
    chains->nodes = NULL;
}

static const ikd_key_chain_node *node_at(const ikd_key_chains *chains, uint32_t one_based)
{
    return one_based ? &g_array_index(chains->nodes, ikd_key_chain_node, one_based - 1) : NULL;
}

void ikd_key_chains_add(ikd_key_chains *chains, uint64_t key, void *item, uint32_t tag)
{
    uint32_t newest = GPOINTER_TO_UINT(g_hash_table_lookup(chains->newest, ikd_key64(key)));
    const ikd_key_chain_node *top = node_at(chains, newest);
    if (top && top->item == item && top->tag == tag)
        return;
    const ikd_key_chain_node node = { item, tag, newest };
    g_array_append_val(chains->nodes, node);
    g_hash_table_insert(chains->newest, ikd_key64(key), GUINT_TO_POINTER(chains->nodes->len));
}

const ikd_key_chain_node *ikd_key_chains_newest(const ikd_key_chains *chains, uint64_t key)
{
    return node_at(chains, GPOINTER_TO_UINT(g_hash_table_lookup(chains->newest, ikd_key64(key))));
}

const ikd_key_chain_node *ikd_key_chains_older(const ikd_key_chains *chains, const ikd_key_chain_node *node)
{
    return node_at(chains, node->older);
}
