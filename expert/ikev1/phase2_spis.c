/* ikediag - the phase-2 SPIs quick modes chose (phase2_spis.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/phase2_spis.h"

void ikd_phase2_spis_init(ikd_phase2_spis *spis)
{
    spis->newest = g_hash_table_new(g_direct_hash, g_direct_equal);
    spis->nodes = g_array_new(FALSE, FALSE, sizeof(ikd_phase2_spi_node));
}

void ikd_phase2_spis_clear(ikd_phase2_spis *spis)
{
    g_hash_table_destroy(spis->newest);
    g_array_free(spis->nodes, TRUE);
    spis->newest = NULL;
    spis->nodes = NULL;
}

static const ikd_phase2_spi_node *node_at(const ikd_phase2_spis *spis, uint32_t one_based)
{
    return one_based ? &g_array_index(spis->nodes, ikd_phase2_spi_node, one_based - 1) : NULL;
}

void ikd_phase2_spis_note(ikd_phase2_spis *spis, uint32_t spi, uint32_t conn_id, ikd_quick_mode *qm)
{
    uint32_t newest = GPOINTER_TO_UINT(g_hash_table_lookup(spis->newest, GUINT_TO_POINTER(spi)));
    const ikd_phase2_spi_node *top = node_at(spis, newest);
    if (top && top->qm == qm && top->conn_id == conn_id)
        return; /* the same QM2 decrypted again */
    const ikd_phase2_spi_node node = { qm, conn_id, newest };
    g_array_append_val(spis->nodes, node);
    g_hash_table_insert(spis->newest, GUINT_TO_POINTER(spi), GUINT_TO_POINTER(spis->nodes->len));
}

const ikd_phase2_spi_node *ikd_phase2_spis_newest(const ikd_phase2_spis *spis, uint32_t spi)
{
    return node_at(spis, GPOINTER_TO_UINT(g_hash_table_lookup(spis->newest, GUINT_TO_POINTER(spi))));
}

const ikd_phase2_spi_node *ikd_phase2_spis_older(const ikd_phase2_spis *spis, const ikd_phase2_spi_node *node)
{
    return node_at(spis, node->older);
}
