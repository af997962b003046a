/* ikediag - messages by (frame, pdu).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/message_index.h"

void ikd_message_index_init(ikd_message_index *index)
{
    index->chunks = NULL;
    index->count = index->chunk_count = index->chunk_room = 0;
    index->stopped = false;
}

void ikd_message_index_clear(ikd_message_index *index)
{
    for (size_t c = 0; c < index->chunk_count; c++)
        g_free(index->chunks[c]);
    g_free(index->chunks);
    ikd_message_index_init(index);
}

static ikd_message_chunk *chunk_of(const ikd_message_index *index, size_t i)
{
    return index->chunks[i / IKD_MESSAGE_CHUNK];
}

static uint64_t key_at(const ikd_message_index *index, size_t i)
{
    const ikd_message_chunk *c = chunk_of(index, i);
    return ikd_packet_key(c->frames[i % IKD_MESSAGE_CHUNK], c->pdus[i % IKD_MESSAGE_CHUNK]);
}

static const ikd_step_record *record_at(const ikd_message_index *index, size_t i)
{
    return chunk_of(index, i)->records[i % IKD_MESSAGE_CHUNK];
}

static void set_entry(ikd_message_index *index, size_t i, uint64_t key, const ikd_step_record *record)
{
    ikd_message_chunk *c = chunk_of(index, i);
    c->frames[i % IKD_MESSAGE_CHUNK] = (uint32_t)(key >> 8);
    c->pdus[i % IKD_MESSAGE_CHUNK] = (uint8_t)key;
    c->records[i % IKD_MESSAGE_CHUNK] = record;
}

/* The first entry whose key is not below key (count when none). */
static size_t lower_bound(const ikd_message_index *index, uint64_t key)
{
    size_t lo = 0, hi = index->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (key_at(index, mid) < key)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* One more entry at the end; a new chunk when the last is full. */
static void make_room(ikd_message_index *index)
{
    if (index->count < index->chunk_count * IKD_MESSAGE_CHUNK)
        return;
    if (index->chunk_count == index->chunk_room) {
        index->chunk_room = index->chunk_room ? 2 * index->chunk_room : 16;
        index->chunks = g_renew(ikd_message_chunk *, index->chunks, index->chunk_room);
    }
    index->chunks[index->chunk_count++] = g_new(ikd_message_chunk, 1);
}

void ikd_message_index_remember(ikd_message_index *index, uint32_t frame, uint32_t pdu,
                                const ikd_step_record *record)
{
    if (index->stopped)
        return;
    uint64_t key = ikd_packet_key(frame, pdu);
    size_t at = index->count && key_at(index, index->count - 1) < key ? index->count : lower_bound(index, key);
    if (at < index->count && key_at(index, at) == key) {
        set_entry(index, at, key, record);
        return;
    }
    if (!record)
        return; /* the answer to it is 0 without an entry too */
    make_room(index);
    /* Only a message fed out of frame order lands before the end. */
    for (size_t i = index->count; i > at; i--)
        set_entry(index, i, key_at(index, i - 1), record_at(index, i - 1));
    set_entry(index, at, key, record);
    index->count++;
}

void ikd_message_index_forget(ikd_message_index *index, ikd_record_gone gone, void *ctx)
{
    size_t kept = 0;
    for (size_t i = 0; i < index->count; i++) {
        const ikd_step_record *record = record_at(index, i);
        if (!record || !gone(record, ctx))
            set_entry(index, kept++, key_at(index, i), record);
    }
    index->count = kept;
    /* Chunks past the entries left are given back. */
    size_t needed = (kept + IKD_MESSAGE_CHUNK - 1) / IKD_MESSAGE_CHUNK;
    while (index->chunk_count > needed)
        g_free(index->chunks[--index->chunk_count]);
}

void ikd_message_index_stop(ikd_message_index *index)
{
    ikd_message_index_clear(index);
    index->stopped = true;
}

uint32_t ikd_message_index_answer(const ikd_message_index *index, uint32_t frame, uint32_t pdu)
{
    uint64_t key = ikd_packet_key(frame, pdu);
    size_t at = lower_bound(index, key);
    if (at == index->count || key_at(index, at) != key || !record_at(index, at))
        return 0;
    return record_at(index, at)->answer_frame;
}
