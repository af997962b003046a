/* ikediag - the items of a list found by a 64-bit key (keyed_items.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/keyed_items.h"

#include <string.h>

/* The 64-bit key is the pointer itself. */
G_STATIC_ASSERT(sizeof(gpointer) >= sizeof(guint64));

gpointer ikd_key64(uint64_t key)
{
    return (gpointer)(uintptr_t)key;
}

/* One big-endian load (a byte loop was about 50 instructions: callgrind). */
guint ikd_key64_hash(gconstpointer key)
{
    guint64 k = (guint64)(uintptr_t)key;
    return (guint)((k * G_GUINT64_CONSTANT(0x9e3779b97f4a7c15)) >> 32);
}

void *ikd_keyed_items_find(const ikd_keyed_items *index, void *const *items, uint32_t count, uint64_t key,
                           ikd_item_key key_of)
{
    if (index->table)
        return g_hash_table_lookup(index->table, ikd_key64(key));
    for (uint32_t i = count; i-- > 0;)
        if (key_of(items[i]) == key)
            return items[i];
    return NULL;
}

void ikd_keyed_items_file(ikd_keyed_items *index, void *const *items, uint32_t count, ikd_item_key key_of)
{
    if (count < IKD_KEYED_ITEMS_WALKED)
        return;
    if (!index->table) {
        index->table = g_hash_table_new(ikd_key64_hash, g_direct_equal);
        for (uint32_t i = 0; i + 1 < count; i++) /* oldest first: the newest of a key wins */
            g_hash_table_insert(index->table, ikd_key64(key_of(items[i])), items[i]);
    }
    g_hash_table_insert(index->table, ikd_key64(key_of(items[count - 1])), items[count - 1]);
}

void ikd_keyed_items_clear(ikd_keyed_items *index)
{
    if (index->table)
        g_hash_table_destroy(index->table);
    index->table = NULL;
}
