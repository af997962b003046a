/* ikediag - copies of messages made by the capture, not by the peers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/duplicates.h"

typedef struct {
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
    g_queue_init(&w->recent);
    w->by_hash = g_hash_table_new(g_int64_hash, g_int64_equal);
    w->window = IKD_DUPLICATE_WINDOW_DEFAULT;
}

void ikd_duplicate_window_clear(ikd_duplicate_window *w)
{
    g_hash_table_destroy(w->by_hash);
    g_queue_clear_full(&w->recent, g_free);
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
    seen_message *oldest;
    while ((oldest = g_queue_peek_head(&w->recent)) && now - oldest->time > w->window) {
        g_queue_pop_head(&w->recent);
        if (g_hash_table_lookup(w->by_hash, &oldest->hash) == oldest)
            g_hash_table_remove(w->by_hash, &oldest->hash);
        g_free(oldest);
    }
}

void ikd_duplicate_remember(ikd_duplicate_window *w, const ikd_packet *p, const ikd_message_result *result)
{
    expire(w, p->time);
    if (!p->bytes || !p->captured_len || w->window <= 0)
        return;
    seen_message *seen = g_new(seen_message, 1);
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
    g_queue_push_tail(&w->recent, seen);
    g_hash_table_replace(w->by_hash, &seen->hash, seen);
}
