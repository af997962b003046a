/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - common/duplicates: capture copies found by hash in
 * the window, forgotten after it, through the open-addressing table of ring
 * slots, including runs of colliding hashes emptied out of order. The
 * packets carry only what the window reads (bytes, lengths, time, hash,
 * endpoints); their hash is set by hand to make collisions. */
#include "common/duplicates.h"
#include "ikev1_builder.h"

#include <glib.h>
#include <string.h>

static const uint8_t some_bytes[64];

static ikd_packet message(uint32_t frame, double time, uint64_t hash, size_t len)
{
    ikd_packet p = ikb_packet_at(frame, time, hash);
    p.bytes = some_bytes;
    p.captured_len = p.reported_len = len;
    p.src.family = p.dst.family = 4;
    p.src.bytes[3] = 1;
    p.dst.bytes[3] = 2;
    p.src_port = p.dst_port = 500;
    return p;
}

/* Feeds one message as the engine does: annotated as a copy, or remembered
 * with a result naming its step. Returns the frame it copies, 0 if none. */
static uint32_t feed(ikd_duplicate_window *w, const ikd_packet *p, uint8_t step)
{
    ikd_annotation *ann = g_new(ikd_annotation, 1);
    ikd_annotation_reset(ann);
    uint32_t original = 0;
    if (ikd_duplicate_annotate(w, p, ann)) {
        const ikd_finding *f = &ann->findings.items[0];
        g_assert_cmpuint(ann->findings.count, ==, 1);
        g_assert_true(f->id == IKD_F_DUPLICATE_FRAME || f->id == IKD_F_DUPLICATE_TRANSLATED);
        original = f->arg[0];
    } else {
        ikd_message_result result;
        memset(&result, 0, sizeof result);
        result.step = step;
        ikd_duplicate_remember(w, p, &result);
    }
    g_free(ann);
    return original;
}

/* A copy 1 ms later names its original with the original's step and the
 * microseconds between; one after the window is a message of its own. */
static void test_copy_within_window(void)
{
    ikd_duplicate_window w;
    ikd_duplicate_window_init(&w);
    ikd_packet first = message(1, 10.0, 0xaaaa, 40);
    feed(&w, &first, 3);
    ikd_packet copy = message(2, 10.001, 0xaaaa, 40);
    ikd_annotation *ann = g_new(ikd_annotation, 1);
    ikd_annotation_reset(ann);
    g_assert_true(ikd_duplicate_annotate(&w, &copy, ann));
    g_assert_cmpuint(ann->result.step, ==, 3);
    g_assert_cmpuint(ann->findings.items[0].id, ==, IKD_F_DUPLICATE_FRAME);
    g_assert_cmpuint(ann->findings.items[0].arg[0], ==, 1);
    g_assert_cmpuint(ann->findings.items[0].arg[1], ==, 1000);
    g_free(ann);
    ikd_packet late = message(3, 10.0 + 2 * IKD_DUPLICATE_WINDOW_DEFAULT, 0xaaaa, 40);
    g_assert_cmpuint(feed(&w, &late, 3), ==, 0);
    ikd_packet other_length = message(4, late.time, 0xaaaa, 41);
    g_assert_cmpuint(feed(&w, &other_length, 3), ==, 0);
    ikd_duplicate_window_clear(&w);
}

/* Equal hashes of different messages (another length): the newest is the
 * one a copy is matched against. */
static void test_newest_of_equal_hashes(void)
{
    ikd_duplicate_window w;
    ikd_duplicate_window_init(&w);
    ikd_packet a = message(1, 5.0, 0x77, 40), b = message(2, 5.0001, 0x77, 48);
    feed(&w, &a, 1);
    feed(&w, &b, 2);
    ikd_packet copy_of_b = message(3, 5.0002, 0x77, 48), copy_of_a = message(4, 5.0003, 0x77, 40);
    g_assert_cmpuint(feed(&w, &copy_of_b, 2), ==, 2);
    g_assert_cmpuint(feed(&w, &copy_of_a, 1), ==, 0);
    ikd_duplicate_window_clear(&w);
}

/* Hashes equal in every bit the table's index uses, remembered 1 ms apart
 * past several ring doublings: each is still found, and once the oldest
 * have left the window (their entries emptied from the front of one long
 * run), the rest still are and the gone ones are not. */
static void test_colliding_run(void)
{
    enum { N = 200 };
    ikd_duplicate_window w;
    ikd_duplicate_window_init(&w);
    w.window = 1.0;
    for (uint32_t i = 0; i < N; i++) {
        ikd_packet p = message(1 + i, 100.0 + i * 0.001, (uint64_t)(i + 1) << 48, 40);
        g_assert_cmpuint(feed(&w, &p, 1), ==, 0);
    }
    for (uint32_t i = 0; i < N; i++) {
        ikd_packet copy = message(1000 + i, 100.0 + N * 0.001, (uint64_t)(i + 1) << 48, 40);
        ikd_annotation *ann = g_new(ikd_annotation, 1);
        ikd_annotation_reset(ann);
        g_assert_true(ikd_duplicate_annotate(&w, &copy, ann));
        g_assert_cmpuint(ann->findings.items[0].arg[0], ==, 1 + i);
        g_free(ann);
    }
    /* At 101.1005 s the first 101 (up to 100.100 s) are out of the window. */
    ikd_packet later = message(5000, 101.1005, 0x1234, 40);
    feed(&w, &later, 1);
    for (uint32_t i = 0; i < N; i++) {
        ikd_packet copy = message(6000 + i, 101.1005, (uint64_t)(i + 1) << 48, 40);
        ikd_annotation *ann = g_new(ikd_annotation, 1);
        ikd_annotation_reset(ann);
        bool found = ikd_duplicate_annotate(&w, &copy, ann);
        g_free(ann);
        if (i <= 100)
            g_assert_false(found);
        else
            g_assert_true(found);
    }
    ikd_duplicate_window_clear(&w);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/duplicates/copy_within_window", test_copy_within_window);
    g_test_add_func("/duplicates/newest_of_equal_hashes", test_newest_of_equal_hashes);
    g_test_add_func("/duplicates/colliding_run", test_colliding_run);
    return g_test_run();
}
