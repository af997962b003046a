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

void ikd_duplicate_window_init(ikd_duplicate_window *w)
{
    w->ring = NULL;
    w->head = w->count = w->capacity = 0;
    w->by_hash = g_hash_table_new(g_int64_hash, g_int64_equal);
    w->window = IKD_DUPLICATE_WINDOW_DEFAULT;
}

void ikd_duplicate_window_clear(ikd_duplicate_window *w)
{
    g_hash_table_destroy(w->by_hash);
    g_free(w->ring);
    w->ring = NULL;
    w->head = w->count = w->capacity = 0;
}

static seen_message *slot(const ikd_duplicate_window *w, size_t i)
{
    return &w->ring[(w->head + i) % w->capacity];
}

/* A full ring doubles; the table points into the ring, so it is rebuilt,
 * oldest first so that the newest of equal hashes wins as before. */
static void grow(ikd_duplicate_window *w)
{
    size_t capacity = w->capacity ? 2 * w->capacity : 16;
    seen_message *ring = g_new(seen_message, capacity);
    for (size_t i = 0; i < w->count; i++)
        ring[i] = *slot(w, i);
    g_free(w->ring);
    w->ring = ring;
    w->head = 0;
    w->capacity = capacity;
    g_hash_table_remove_all(w->by_hash);
    for (size_t i = 0; i < w->count; i++)
        g_hash_table_replace(w->by_hash, &ring[i].hash, &ring[i]);
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
    if (!p->bytes || !p->captured_len)
        return false;
    uint64_t hash = p->hash;
    const seen_message *seen = g_hash_table_lookup(w->by_hash, &hash);
    if (!seen || seen->captured_len != p->captured_len || seen->reported_len != p->reported_len ||
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
        seen_message *oldest = slot(w, 0);
        if (!(now - oldest->time > w->window))
            break;
        if (g_hash_table_lookup(w->by_hash, &oldest->hash) == oldest)
            g_hash_table_remove(w->by_hash, &oldest->hash);
        w->head = (w->head + 1) % w->capacity;
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
    seen_message *seen = slot(w, w->count++);
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
    g_hash_table_replace(w->by_hash, &seen->hash, seen);
}
