/* ikediag - messages by (frame, pdu).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/message_index.h"

#include <string.h>

void ikd_message_index_init(ikd_message_index *index)
{
    index->entries = NULL;
    index->count = index->capacity = 0;
}

void ikd_message_index_clear(ikd_message_index *index)
{
    g_free(index->entries);
    ikd_message_index_init(index);
}

/* The first entry whose key is not below key (count when none). */
static size_t lower_bound(const ikd_message_index *index, uint64_t key)
{
    size_t lo = 0, hi = index->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (index->entries[mid].key < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Grows by a quarter, not double: the index holds every message of the
 * capture, and doubling left up to half of it unused. */
static void make_room(ikd_message_index *index)
{
    if (index->count < index->capacity)
        return;
    index->capacity = index->capacity < 1024 ? 1024 : index->capacity + index->capacity / 4;
    index->entries = g_renew(ikd_message_entry, index->entries, index->capacity);
}

void ikd_message_index_remember(ikd_message_index *index, uint32_t frame, uint32_t pdu,
                                const ikd_step_record *record)
{
    uint64_t key = ikd_packet_key(frame, pdu);
    size_t at = index->count && index->entries[index->count - 1].key < key ? index->count : lower_bound(index, key);
    if (at < index->count && index->entries[at].key == key) {
        index->entries[at].record = record;
        return;
    }
    make_room(index);
    /* Only a message fed out of frame order lands before the end. */
    memmove(&index->entries[at + 1], &index->entries[at], (index->count - at) * sizeof *index->entries);
    index->entries[at] = (ikd_message_entry){ key, record };
    index->count++;
}

void ikd_message_index_forget(ikd_message_index *index, ikd_record_gone gone, void *ctx)
{
    size_t kept = 0;
    for (size_t i = 0; i < index->count; i++) {
        const ikd_message_entry *e = &index->entries[i];
        if (!e->record || !gone(e->record, ctx))
            index->entries[kept++] = *e;
    }
    index->count = kept;
}

uint32_t ikd_message_index_answer(const ikd_message_index *index, uint32_t frame, uint32_t pdu)
{
    uint64_t key = ikd_packet_key(frame, pdu);
    size_t at = lower_bound(index, key);
    if (at == index->count || index->entries[at].key != key || !index->entries[at].record)
        return 0;
    return index->entries[at].record->answer_frame;
}
