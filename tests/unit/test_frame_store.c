/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - plugin/frame_store: every frame's records found again
 * exactly, and nothing for a frame never kept, whatever the gaps between
 * frame numbers, across checkpoints and 1 MiB chunks; a frame kept again
 * replaces what it had (the last one, or one kept out of order). The records
 * are made up from a seeded generator: only their round trip is checked. */
#include "extras_ids.h"
#include "frame_store.h"
#include "pdu_locator.h"

#include <glib.h>
#include <string.h>

enum { SEED = 16 };

/* The records of one frame: between 1 and IKEDIAG_MAX_PDUS_PER_FRAME,
 * small or with every number at its widest (two-byte entry lengths). */
typedef struct {
    guint32 frame;
    guint count;
    ikediag_pdu_result pdus[IKEDIAG_MAX_PDUS_PER_FRAME];
} kept_frame;

/* A message's own extras, and extras shared by number (extras_ids.c). */
static ikediag_pdu_extras own_extras, shared_extras[3];

static ikediag_pdu_extras *shared(GRand *rand)
{
    if (!shared_extras[0].shared_id)
        for (guint i = 0; i < G_N_ELEMENTS(shared_extras); i++)
            ikediag_extras_id_assign(&shared_extras[i]);
    return &shared_extras[g_rand_int_range(rand, 0, G_N_ELEMENTS(shared_extras))];
}

static void make_records(GRand *rand, kept_frame *k)
{
    memset(k->pdus, 0, sizeof k->pdus);
    k->count = (guint)g_rand_int_range(rand, 1, IKEDIAG_MAX_PDUS_PER_FRAME + 1);
    gboolean wide = g_rand_int_range(rand, 0, 8) == 0;
    for (guint i = 0; i < k->count; i++) {
        ikediag_pdu_result *r = &k->pdus[i];
        r->pdu = (guint8)i;
        r->start = g_rand_int_range(rand, 0, 1500);
        r->length = g_rand_int_range(rand, 28, 1500);
        r->result.conn_id = wide ? G_MAXUINT32 - i : 1001 + (guint32)g_rand_int_range(rand, 0, 50000);
        r->result.response_to = wide ? G_MAXUINT32 : (guint32)g_rand_int_range(rand, 0, 3);
        r->result.since_request = g_rand_double(rand);
        r->result.step = (guint8)g_rand_int_range(rand, 1, 20);
        r->result.state = (guint8)g_rand_int_range(rand, 1, 30);
        if (wide) {
            r->result.message_id = g_rand_int(rand) | 0x80000000u;
            r->result.retransmission = G_MAXUINT32;
            r->result.original_frame = G_MAXUINT32;
            r->result.dpd_seq = G_MAXUINT32;
            r->result.since_original = g_rand_double(rand);
            r->extras = &own_extras;
        } else if (g_rand_int_range(rand, 0, 2)) {
            r->extras = shared(rand);
        }
    }
}

static void assert_found(wmem_allocator_t *scope, const kept_frame *k)
{
    ikediag_frame_result got;
    g_assert_true(ikediag_frame_store_get(k->frame, scope, &got));
    g_assert_cmpuint(got.pdu_count, ==, k->count);
    for (guint i = 0; i < k->count; i++) {
        const ikediag_pdu_result *a = &got.pdus[i], *b = &k->pdus[i];
        g_assert_cmpmem(&a->result, sizeof a->result, &b->result, sizeof b->result);
        g_assert_true(a->extras == b->extras);
        g_assert_cmpint(a->start, ==, b->start);
        g_assert_cmpint(a->length, ==, b->length);
        g_assert_cmpuint(a->ds_index, ==, b->ds_index);
        g_assert_cmpuint(a->pdu, ==, b->pdu);
    }
}

static void assert_absent(wmem_allocator_t *scope, guint32 frame)
{
    ikediag_frame_result got;
    g_assert_false(ikediag_frame_store_get(frame, scope, &got));
}

/* Frames at gaps of 1 to millions, some kept twice in a row (the second
 * replaces the first), enough of them to fill several chunks: each found,
 * and the numbers between them not. */
static void test_in_order(void)
{
    enum { FRAMES = 60000 };
    GRand *rand = g_rand_new_with_seed(SEED);
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    kept_frame *kept = g_new0(kept_frame, FRAMES);
    ikediag_frame_store_open();
    guint32 frame = 0;
    for (guint i = 0; i < FRAMES; i++) {
        guint pick = (guint)g_rand_int_range(rand, 0, 100);
        frame += pick < 90 ? 1 : pick < 99 ? (guint32)g_rand_int_range(rand, 2, 300) : 3000000;
        kept[i].frame = frame;
        if (g_rand_int_range(rand, 0, 5) == 0) { /* kept, then kept again with other records */
            make_records(rand, &kept[i]);
            ikediag_frame_store_keep(frame, kept[i].pdus, kept[i].count);
        }
        make_records(rand, &kept[i]);
        ikediag_frame_store_keep(frame, kept[i].pdus, kept[i].count);
        ikediag_frame_store_keep(frame + 1, kept[i].pdus, 0); /* nothing to keep: not kept */
    }
    assert_absent(scope, 0);
    for (guint i = 0; i < FRAMES; i++) {
        assert_found(scope, &kept[i]);
        guint32 next = i + 1 < FRAMES ? kept[i + 1].frame : kept[i].frame + 5;
        for (guint32 f = kept[i].frame + 1; f < next && f < kept[i].frame + 4; f++)
            assert_absent(scope, f);
        if (g_test_failed())
            break;
    }
    assert_absent(scope, G_MAXUINT32);
    ikediag_frame_store_close();
    assert_absent(scope, kept[0].frame);
    g_free(kept);
    wmem_destroy_allocator(scope);
    g_rand_free(rand);
}

/* Frames kept below the last one (never in a first pass, but allowed): a
 * new frame found among the others, an old one replaced; then the last
 * frame kept again after such a stray, and more frames in order. */
static void test_out_of_order(void)
{
    GRand *rand = g_rand_new_with_seed(SEED + 1);
    wmem_allocator_t *scope = wmem_allocator_new(WMEM_ALLOCATOR_SIMPLE);
    kept_frame k[8];
    ikediag_frame_store_open();
    for (guint i = 0; i < 4; i++) {
        k[i].frame = 10 * (i + 1); /* 10, 20, 30, 40 */
        make_records(rand, &k[i]);
        ikediag_frame_store_keep(k[i].frame, k[i].pdus, k[i].count);
    }
    k[4].frame = 25; /* new, between two */
    make_records(rand, &k[4]);
    ikediag_frame_store_keep(k[4].frame, k[4].pdus, k[4].count);
    make_records(rand, &k[1]); /* 20 again */
    ikediag_frame_store_keep(k[1].frame, k[1].pdus, k[1].count);
    make_records(rand, &k[3]); /* 40, the last in order, again after the strays */
    ikediag_frame_store_keep(k[3].frame, k[3].pdus, k[3].count);
    k[5].frame = 41;
    make_records(rand, &k[5]);
    ikediag_frame_store_keep(k[5].frame, k[5].pdus, k[5].count);
    make_records(rand, &k[5]); /* 41 again: taken back */
    ikediag_frame_store_keep(k[5].frame, k[5].pdus, k[5].count);
    for (guint i = 0; i < 6; i++)
        assert_found(scope, &k[i]);
    assert_absent(scope, 15);
    assert_absent(scope, 26);
    assert_absent(scope, 42);
    ikediag_frame_store_close();
    wmem_destroy_allocator(scope);
    g_rand_free(rand);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    wmem_init();
    g_test_add_func("/frame_store/in_order", test_in_order);
    g_test_add_func("/frame_store/out_of_order", test_out_of_order);
    int status = g_test_run();
    wmem_cleanup();
    return status;
}
