/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - ikev1/phase2_spis: the SPIs decrypted quick modes
 * chose, each found again newest first, a QM2 read twice noted once, SPIs
 * never noted found nowhere. The quick modes are bare records: only their
 * addresses are compared. */
#include "ikev1/phase2_spis.h"

#include <glib.h>

static void test_newest_first(void)
{
    ikd_phase2_spis spis;
    ikd_phase2_spis_init(&spis);
    ikd_quick_mode a = { .message_id = 1 }, b = { .message_id = 2 }, c = { .message_id = 3 };
    ikd_phase2_spis_note(&spis, 0xd05274ff, 1001, &a);
    ikd_phase2_spis_note(&spis, 0xcaf654c0, 1001, &a);
    ikd_phase2_spis_note(&spis, 0xcaf654c0, 1001, &a); /* the same QM2 read again */
    ikd_phase2_spis_note(&spis, 0xd05274ff, 1002, &b); /* the same SPI chosen again, under another SA */
    ikd_phase2_spis_note(&spis, 0, 1002, &c);
    const ikd_phase2_spi_node *n = ikd_phase2_spis_newest(&spis, 0xd05274ff);
    g_assert_true(n->qm == &b);
    g_assert_cmpuint(n->conn_id, ==, 1002);
    n = ikd_phase2_spis_older(&spis, n);
    g_assert_true(n->qm == &a);
    g_assert_cmpuint(n->conn_id, ==, 1001);
    g_assert_null(ikd_phase2_spis_older(&spis, n));
    n = ikd_phase2_spis_newest(&spis, 0xcaf654c0);
    g_assert_true(n->qm == &a);
    g_assert_null(ikd_phase2_spis_older(&spis, n));
    g_assert_true(ikd_phase2_spis_newest(&spis, 0)->qm == &c);
    g_assert_null(ikd_phase2_spis_newest(&spis, 0x12345678));
    g_assert_cmpuint(spis.nodes->len, ==, 4);
    ikd_phase2_spis_clear(&spis);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/phase2_spis/newest_first", test_newest_first);
    return g_test_run();
}
