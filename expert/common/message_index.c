/* ikediag - messages by (frame, pdu).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/message_index.h"

void ikd_message_index_init(ikd_message_index *index)
{
    index->records = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
}

void ikd_message_index_clear(ikd_message_index *index)
{
    g_hash_table_destroy(index->records);
    index->records = NULL;
}

void ikd_message_index_remember(ikd_message_index *index, uint32_t frame, uint32_t pdu,
                                const ikd_step_record *record)
{
    gint64 key = (gint64)ikd_packet_key(frame, pdu);
    g_hash_table_replace(index->records, g_memdup2(&key, sizeof key), (gpointer)record);
}

typedef struct {
    ikd_record_gone gone;
    void *ctx;
} forget_ctx;

static gboolean record_gone(gpointer key, gpointer value, gpointer data)
{
    (void)key;
    const forget_ctx *f = data;
    return value && f->gone((const ikd_step_record *)value, f->ctx);
}

void ikd_message_index_forget(ikd_message_index *index, ikd_record_gone gone, void *ctx)
{
    forget_ctx f = { gone, ctx };
    g_hash_table_foreach_remove(index->records, record_gone, &f);
}

uint32_t ikd_message_index_answer(const ikd_message_index *index, uint32_t frame, uint32_t pdu)
{
    gint64 key = (gint64)ikd_packet_key(frame, pdu);
    const ikd_step_record *record = g_hash_table_lookup(index->records, &key);
    return record ? record->answer_frame : 0;
}
