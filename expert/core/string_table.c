/* ikediag - names a finding can quote.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/string_table.h"

#include <glib.h>

static GHashTable *by_text; /* char* -> number (GUINT_TO_POINTER), keys owned by texts */
static GPtrArray *texts;    /* char*, owned; number n is texts[n - 1] */

uint32_t ikd_string_intern(const char *text)
{
    if (!text || !*text)
        return 0;
    if (!by_text) {
        by_text = g_hash_table_new(g_str_hash, g_str_equal);
        texts = g_ptr_array_new_with_free_func(g_free);
    }
    char *copy = g_strndup(text, IKD_STRING_MAX - 1);
    gpointer found = g_hash_table_lookup(by_text, copy);
    if (found || texts->len >= IKD_STRINGS_MAX) {
        g_free(copy);
        return found ? GPOINTER_TO_UINT(found) : IKD_STRINGS_MAX + 1; /* not kept: reads back as "?" */
    }
    g_ptr_array_add(texts, copy);
    g_hash_table_insert(by_text, copy, GUINT_TO_POINTER(texts->len));
    return texts->len;
}

const char *ikd_string_get(uint32_t id)
{
    if (!id)
        return "";
    if (!texts || id > texts->len)
        return "?";
    return g_ptr_array_index(texts, id - 1);
}
