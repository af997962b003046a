/* ikediag - messages by (frame, pdu).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/message_index.h"

/* (frame, pdu) packed into 64 bits is the key itself: a copied 8-byte key
 * cost a 32-byte allocation for every message of the capture (massif). */
G_STATIC_ASSERT(sizeof(gpointer) >= sizeof(guint64));

static gpointer key_of(uint32_t frame, uint32_t pdu)
{
    return (gpointer)(uintptr_t)ikd_packet_key(frame, pdu);
}

static guint key_hash(gconstpointer key)
{
    guint64 k = (guint64)(uintptr_t)key;
    return (guint)((k * G_GUINT64_CONSTANT(0x9e3779b97f4a7c15)) >> 32);
}

void ikd_message_index_init(ikd_message_index *index)
{
    index->records = g_hash_table_new(key_hash, g_direct_equal);
}

void ikd_message_index_clear(ikd_message_index *index)
{
    g_hash_table_destroy(index->records);
    index->records = NULL;
}

void ikd_message_index_remember(ikd_message_index *index, uint32_t frame, uint32_t pdu,
                                const ikd_step_record *record)
{
    g_hash_table_replace(index->records, key_of(frame, pdu), (gpointer)record);
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
    const ikd_step_record *record = g_hash_table_lookup(index->records, key_of(frame, pdu));
    return record ? record->answer_frame : 0;
}
