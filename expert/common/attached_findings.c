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

enum { VERDICTS_PER_CHUNK = 1024 };

void ikd_attached_findings_init(ikd_attached_findings *board)
{
    board->lists = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, free_list);
    board->verdict_chunks = g_ptr_array_new_with_free_func(g_free);
    board->verdicts_in_last_chunk = VERDICTS_PER_CHUNK;
}

void ikd_attached_findings_clear(ikd_attached_findings *board)
{
    g_hash_table_destroy(board->lists);
    board->lists = NULL;
    g_ptr_array_free(board->verdict_chunks, TRUE);
    board->verdict_chunks = NULL;
}

void ikd_attached_findings_remove_all(ikd_attached_findings *board)
{
    g_hash_table_remove_all(board->lists);
    g_ptr_array_set_size(board->verdict_chunks, 0);
    board->verdicts_in_last_chunk = VERDICTS_PER_CHUNK;
}

const ikd_finding *ikd_attached_findings_keep_verdict(ikd_attached_findings *board, ikd_finding f)
{
    if (board->verdicts_in_last_chunk == VERDICTS_PER_CHUNK) {
        g_ptr_array_add(board->verdict_chunks, g_new(ikd_finding, VERDICTS_PER_CHUNK));
        board->verdicts_in_last_chunk = 0;
    }
    ikd_finding *chunk = g_ptr_array_index(board->verdict_chunks, board->verdict_chunks->len - 1);
    ikd_finding *kept = &chunk[board->verdicts_in_last_chunk++];
    *kept = f;
    return kept;
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
