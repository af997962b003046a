/* ikediag - texts kept for findings.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/interned.h"

#include <glib.h>

G_LOCK_DEFINE_STATIC(interned);
static GHashTable *numbers; /* text -> number */
static GPtrArray *texts;    /* number - 1 -> text */

uint32_t ikd_intern(const char *text)
{
    if (!text || !*text)
        return 0;
    char *copy = g_strndup(text, IKD_INTERNED_TEXT_MAX - 1);
    G_LOCK(interned);
    if (!numbers) {
        numbers = g_hash_table_new(g_str_hash, g_str_equal);
        texts = g_ptr_array_new();
    }
    uint32_t id = GPOINTER_TO_UINT(g_hash_table_lookup(numbers, copy));
    if (!id && texts->len < IKD_INTERNED_MAX) {
        g_ptr_array_add(texts, copy);
        id = texts->len;
        g_hash_table_insert(numbers, copy, GUINT_TO_POINTER(id));
        copy = NULL;
    }
    G_UNLOCK(interned);
    g_free(copy);
    return id ? id : IKD_INTERNED_MAX + 1;
}

const char *ikd_interned(uint32_t id)
{
    if (!id)
        return "";
    const char *text = NULL;
    G_LOCK(interned);
    if (texts && id <= texts->len)
        text = g_ptr_array_index(texts, id - 1);
    G_UNLOCK(interned);
    return text ? text : "(not kept)";
}
