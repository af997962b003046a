/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - core/key_chains: things noted under a 64-bit key,
 * each key's found again newest first, the same thing noted twice in a row
 * kept once, keys never noted finding nothing, keys past 32 bits kept whole. */
#include "core/key_chains.h"

#include <glib.h>

static void test_newest_first(void)
{
    ikd_key_chains chains;
    ikd_key_chains_init(&chains);
    int a, b, c;
    ikd_key_chains_add(&chains, 0xd05274ff, &a, 1001);
    ikd_key_chains_add(&chains, 0xcaf654c0, &a, 1001);
    ikd_key_chains_add(&chains, 0xcaf654c0, &a, 1001); /* noted again */
    ikd_key_chains_add(&chains, 0xd05274ff, &b, 1002); /* the same key, another item */
    ikd_key_chains_add(&chains, G_GUINT64_CONSTANT(1) << 32 | 0xd05274ff, &c, 1003);
    const ikd_key_chain_node *n = ikd_key_chains_newest(&chains, 0xd05274ff);
    g_assert_true(n->item == &b);
    g_assert_cmpuint(n->tag, ==, 1002);
    n = ikd_key_chains_older(&chains, n);
    g_assert_true(n->item == &a);
    g_assert_cmpuint(n->tag, ==, 1001);
    g_assert_null(ikd_key_chains_older(&chains, n));
    n = ikd_key_chains_newest(&chains, 0xcaf654c0);
    g_assert_true(n->item == &a);
    g_assert_null(ikd_key_chains_older(&chains, n));
    n = ikd_key_chains_newest(&chains, G_GUINT64_CONSTANT(1) << 32 | 0xd05274ff);
    g_assert_true(n->item == &c);
    g_assert_null(ikd_key_chains_older(&chains, n));
    g_assert_null(ikd_key_chains_newest(&chains, 0x12345678));
    g_assert_cmpuint(chains.nodes->len, ==, 4);
    ikd_key_chains_clear(&chains);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/key_chains/newest_first", test_newest_first);
    return g_test_run();
}
