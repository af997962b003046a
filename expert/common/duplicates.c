/* ikediag - copies of messages made by the capture, not by the peers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/duplicates.h"

typedef struct ikd_seen_message {
    uint64_t hash;
    size_t captured_len, reported_len;
    uint32_t frame;
    double time;
    ikd_address src, dst;
    uint16_t src_port, dst_port;
    ikd_message_result result;
} seen_message;

/* An empty entry of the table. */
#define NO_SLOT UINT32_MAX

void ikd_duplicate_window_init(ikd_duplicate_window *w)
{
    w->ring = NULL;
    w->by_hash = NULL;
    w->head = w->count = w->capacity = 0;
    w->window = IKD_DUPLICATE_WINDOW_DEFAULT;
}

void ikd_duplicate_window_clear(ikd_duplicate_window *w)
{
    g_free(w->by_hash);
    g_free(w->ring);
    w->ring = NULL;
    w->by_hash = NULL;
    w->head = w->count = w->capacity = 0;
}

static size_t ring_index(const ikd_duplicate_window *w, size_t i)
{
    return (w->head + i) & (w->capacity - 1);
}

static size_t table_mask(const ikd_duplicate_window *w)
{
    return 2 * w->capacity - 1;
}

/* Where a hash's search starts (the message hash is already well mixed). */
static size_t home(const ikd_duplicate_window *w, uint64_t hash)
{
    return (size_t)(hash ^ hash >> 32) & table_mask(w);
}

/* The table entry holding a message with this hash, or the empty entry
 * where it would go. */
static size_t probe(const ikd_duplicate_window *w, uint64_t hash)
{
    size_t mask = table_mask(w), i = home(w, hash);
    while (w->by_hash[i] != NO_SLOT && w->ring[w->by_hash[i]].hash != hash)
        i = (i + 1) & mask;
    return i;
}

/* Empties entry i, moving later entries of its run back so that every
 * search still meets its entry before an empty one (no tombstones). */
static void remove_entry(ikd_duplicate_window *w, size_t i)
{
    size_t mask = table_mask(w);
    for (size_t j = (i + 1) & mask; w->by_hash[j] != NO_SLOT; j = (j + 1) & mask) {
        size_t k = home(w, w->ring[w->by_hash[j]].hash);
        /* Entry j may fill the hole at i unless its home lies cyclically in (i, j]. */
        bool stays = i <= j ? (i < k && k <= j) : (i < k || k <= j);
        if (!stays) {
            w->by_hash[i] = w->by_hash[j];
            i = j;
        }
    }
    w->by_hash[i] = NO_SLOT;
}

static void index_slot(ikd_duplicate_window *w, size_t slot)
{
    w->by_hash[probe(w, w->ring[slot].hash)] = (uint32_t)slot;
}

/* A full ring doubles; the table names ring slots, so it is rebuilt, oldest
 * first so that the newest of equal hashes wins as before. */
static void grow(ikd_duplicate_window *w)
{
    size_t capacity = w->capacity ? 2 * w->capacity : 16;
    g_assert(capacity < NO_SLOT / 2);
    seen_message *ring = g_new(seen_message, capacity);
    for (size_t i = 0; i < w->count; i++)
        ring[i] = w->ring[ring_index(w, i)];
    g_free(w->ring);
    g_free(w->by_hash);
    w->ring = ring;
    w->head = 0;
    w->capacity = capacity;
    w->by_hash = g_new(uint32_t, 2 * capacity);
    for (size_t i = 0; i < 2 * capacity; i++)
        w->by_hash[i] = NO_SLOT;
    for (size_t i = 0; i < w->count; i++)
        index_slot(w, i);
}

static double apart(double a, double b)
{
    return a > b ? a - b : b - a;
}

static bool same_endpoints(const seen_message *seen, const ikd_packet *p)
{
    return ikd_address_equal(&seen->src, &p->src) && ikd_address_equal(&seen->dst, &p->dst) &&
           seen->src_port == p->src_port && seen->dst_port == p->dst_port;
}

bool ikd_duplicate_annotate(const ikd_duplicate_window *w, const ikd_packet *p, ikd_annotation *ann)
{
    if (!p->bytes || !p->captured_len || !w->count)
        return false;
    uint32_t slot = w->by_hash[probe(w, p->hash)];
    if (slot == NO_SLOT)
        return false;
    const seen_message *seen = &w->ring[slot];
    if (seen->captured_len != p->captured_len || seen->reported_len != p->reported_len ||
        apart(p->time, seen->time) > w->window)
        return false;
    ann->result = seen->result;
    ann->result.retransmission = 0;
    ann->result.original_frame = 0;
    uint32_t apart_us = (uint32_t)(apart(p->time, seen->time) * 1e6 + 0.5);
    ikd_finding_id id = same_endpoints(seen, p) ? IKD_F_DUPLICATE_FRAME : IKD_F_DUPLICATE_TRANSLATED;
    ikd_findings_add(&ann->findings, id, 0, 0, seen->frame, apart_us, ann->result.step, 0);
    return true;
}

/* Forgets what is older than the window before `now`. */
static void expire(ikd_duplicate_window *w, double now)
{
    while (w->count) {
        size_t oldest = ring_index(w, 0);
        if (!(now - w->ring[oldest].time > w->window))
            break;
        size_t at = probe(w, w->ring[oldest].hash);
        if (w->by_hash[at] == oldest) /* not replaced by a newer copy with the same hash */
            remove_entry(w, at);
        w->head = (w->head + 1) & (w->capacity - 1);
        w->count--;
    }
}

void ikd_duplicate_remember(ikd_duplicate_window *w, const ikd_packet *p, const ikd_message_result *result)
{
    expire(w, p->time);
    if (!p->bytes || !p->captured_len || w->window <= 0)
        return;
    if (w->count == w->capacity)
        grow(w);
    size_t slot = ring_index(w, w->count++);
    seen_message *seen = &w->ring[slot];
    seen->hash = p->hash;
    seen->captured_len = p->captured_len;
    seen->reported_len = p->reported_len;
    seen->frame = p->frame;
    seen->time = p->time;
    seen->src = p->src;
    seen->dst = p->dst;
    seen->src_port = p->src_port;
    seen->dst_port = p->dst_port;
    seen->result = *result;
    index_slot(w, slot);
}
