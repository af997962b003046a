/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - core/keyed_items: a list's items found by key, the
 * newest of a key first, the same whether the list is walked (short) or
 * found through its table (from IKD_KEYED_ITEMS_WALKED items on), including
 * keys filed before the table was built. */
#include "core/keyed_items.h"

#include <glib.h>

typedef struct {
    uint64_t key;
    int made; /* order of creation */
} item;

static uint64_t key_of_item(const void *p)
{
    return ((const item *)p)->key;
}

/* Appends one item of `key` to the list and files it. */
static item *add(GPtrArray *list, ikd_keyed_items *index, uint64_t key)
{
    item *it = g_new0(item, 1);
    it->key = key;
    it->made = (int)list->len;
    g_ptr_array_add(list, it);
    ikd_keyed_items_file(index, list->pdata, list->len, key_of_item);
    return it;
}

static const item *find(const GPtrArray *list, const ikd_keyed_items *index, uint64_t key)
{
    return ikd_keyed_items_find(index, list->pdata, list->len, key, key_of_item);
}

static void test_newest_of_a_key_walked_and_tabled(void)
{
    GPtrArray *list = g_ptr_array_new_with_free_func(g_free);
    ikd_keyed_items index = { NULL };
    /* Keys 0..9, then key 3 again (made 10), then 5 more to pass the walk. */
    for (uint64_t k = 0; k < 10; k++)
        add(list, &index, k);
    add(list, &index, 3);
    g_assert_null(index.table);
    g_assert_cmpint(find(list, &index, 3)->made, ==, 10);
    g_assert_cmpint(find(list, &index, 7)->made, ==, 7);
    g_assert_null(find(list, &index, 42));
    for (uint64_t k = 100; list->len < IKD_KEYED_ITEMS_WALKED;)
        add(list, &index, k++);
    g_assert_nonnull(index.table);
    /* Filed before the table: the newest of key 3 still wins. */
    g_assert_cmpint(find(list, &index, 3)->made, ==, 10);
    g_assert_cmpint(find(list, &index, 0)->made, ==, 0);
    g_assert_cmpint(find(list, &index, 100)->made, ==, 11);
    g_assert_null(find(list, &index, 42));
    /* Filed after: a newer item of a key replaces the older. */
    add(list, &index, 0);
    g_assert_cmpint(find(list, &index, 0)->made, ==, IKD_KEYED_ITEMS_WALKED);
    /* Keys past 32 bits are kept whole. */
    add(list, &index, G_GUINT64_CONSTANT(1) << 32 | 7);
    g_assert_cmpint(find(list, &index, 7)->made, ==, 7);
    g_assert_cmpint(find(list, &index, G_GUINT64_CONSTANT(1) << 32 | 7)->made, ==, IKD_KEYED_ITEMS_WALKED + 1);
    ikd_keyed_items_clear(&index);
    g_assert_null(index.table);
    g_ptr_array_free(list, TRUE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/keyed_items/newest_of_a_key_walked_and_tabled", test_newest_of_a_key_walked_and_tabled);
    return g_test_run();
}
