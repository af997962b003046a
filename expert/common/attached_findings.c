/* ikediag - findings attached to messages after the fact.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/attached_findings.h"

#include "common/packet.h"

#include <string.h>

static void free_list(gpointer p)
{
    g_array_free((GArray *)p, TRUE);
}

void ikd_attached_findings_init(ikd_attached_findings *board)
{
    board->lists = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, free_list);
}

void ikd_attached_findings_clear(ikd_attached_findings *board)
{
    g_hash_table_destroy(board->lists);
    board->lists = NULL;
}

void ikd_attached_findings_remove_all(ikd_attached_findings *board)
{
    g_hash_table_remove_all(board->lists);
}

ikd_finding ikd_attach_finding(ikd_attached_findings *board, uint32_t frame, uint32_t pdu, ikd_finding_id id,
                               const uint32_t args[IKD_FINDING_ARGS])
{
    gint64 key = (gint64)ikd_packet_key(frame, pdu);
    GArray *list = g_hash_table_lookup(board->lists, &key);
    if (!list) {
        list = g_array_new(FALSE, TRUE, sizeof(ikd_finding));
        g_hash_table_insert(board->lists, g_memdup2(&key, sizeof key), list);
    }
    ikd_finding f = { (uint16_t)id, 0, 0, { 0 } };
    memcpy(f.arg, args, sizeof f.arg);
    g_array_append_val(list, f);
    return f;
}

void ikd_attached_findings_get(const ikd_attached_findings *board, uint32_t frame, uint32_t pdu,
                               ikd_finding_list *out)
{
    memset(out, 0, sizeof *out);
    gint64 key = (gint64)ikd_packet_key(frame, pdu);
    const GArray *list = g_hash_table_lookup(board->lists, &key);
    for (guint i = 0; list && i < list->len; i++) {
        const ikd_finding *f = &g_array_index(list, ikd_finding, i);
        ikd_findings_add_args(out, (ikd_finding_id)f->id, f->offset, f->length, f->arg);
    }
}
