/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - common/exchange: one message's copies in its step
 * record, resends told by the first copy's hash; the last copy, resends
 * and back-off gaps kept out of line once the message is sent twice. The
 * packets carry only what a record reads (frame, time, hash). */
#include "common/exchange.h"
#include "ikev1_builder.h"

#include <glib.h>
#include <string.h>

/* One record and the annotation its copies are noted in. */
typedef struct {
    ikd_step_record r;
    ikd_annotation *ann;
} fixture;

static void set_up(fixture *f, gconstpointer data)
{
    (void)data;
    memset(&f->r, 0, sizeof f->r);
    f->ann = g_new(ikd_annotation, 1);
}

static void tear_down(fixture *f, gconstpointer data)
{
    (void)data;
    ikd_step_record_release(&f->r);
    g_free(f->ann);
}

static bool feed(fixture *f, uint32_t frame, double time, uint64_t hash)
{
    const ikd_packet p = ikb_packet_at(frame, time, hash);
    ikd_annotation_reset(f->ann);
    return ikd_step_record_copy(&f->r, &p, f->ann, 1);
}

/* The first copy: its hash, no gaps, not a resend. */
static void test_first_copy(fixture *f, gconstpointer data)
{
    (void)data;
    g_assert_false(feed(f, 7, 10.0, 0x1234));
    g_assert_cmpuint(f->r.copies, ==, 1);
    g_assert_false(f->r.more);
    g_assert_cmpuint(ikd_step_record_resends(&f->r), ==, 0);
    g_assert_cmpuint(ikd_step_record_last_frame(&f->r), ==, 7);
    g_assert_cmpfloat(ikd_step_record_last_time(&f->r), ==, 10.0);
    g_assert_cmphex(ikd_step_record_hash(&f->r), ==, 0x1234);
    g_assert_null(ikd_step_record_gaps(&f->r));
    g_assert_cmpuint(f->ann->findings.count, ==, 0);
}

/* Two byte-identical resends 1 s then 2 s later: two gaps, the hash still
 * the first copy's, a retransmission finding naming the first frame. A
 * different message taking the same step is counted, not called a resend. */
static void test_resends_keep_hash_and_gaps(fixture *f, gconstpointer data)
{
    (void)data;
    feed(f, 7, 10.0, 0xabcd);
    g_assert_true(feed(f, 9, 11.0, 0xabcd));
    g_assert_cmpuint(f->ann->result.retransmission, ==, 1);
    g_assert_cmpuint(f->ann->result.original_frame, ==, 7);
    g_assert_true(ikd_findings_has(&f->ann->findings, IKD_F_RETRANSMISSION));
    g_assert_true(feed(f, 12, 13.0, 0xabcd));
    g_assert_false(feed(f, 14, 13.5, 0xef01));
    g_assert_cmpuint(f->r.copies, ==, 4);
    g_assert_cmpuint(ikd_step_record_resends(&f->r), ==, 2);
    g_assert_cmpuint(ikd_step_record_last_frame(&f->r), ==, 14);
    g_assert_cmpfloat(ikd_step_record_last_time(&f->r), ==, 13.5);
    g_assert_cmpuint(f->r.first_frame, ==, 7);
    g_assert_cmphex(ikd_step_record_hash(&f->r), ==, 0xabcd);
    g_assert_cmpuint(ikd_step_record_gap_count(&f->r), ==, 2);
    const float *gaps = ikd_step_record_gaps(&f->r);
    g_assert_nonnull(gaps);
    g_assert_cmpfloat_with_epsilon(gaps[0], 1.0, 1e-6);
    g_assert_cmpfloat_with_epsilon(gaps[1], 2.0, 1e-6);
}

/* A second copy that is another message taking the same step: the last
 * copy moves, no resend, no gaps, the hash still the first copy's. */
static void test_other_message_same_step(fixture *f, gconstpointer data)
{
    (void)data;
    feed(f, 7, 10.0, 0x1111);
    g_assert_false(feed(f, 9, 12.0, 0x2222));
    g_assert_cmpuint(f->r.copies, ==, 2);
    g_assert_cmpuint(ikd_step_record_resends(&f->r), ==, 0);
    g_assert_cmpuint(ikd_step_record_last_frame(&f->r), ==, 9);
    g_assert_cmpfloat(ikd_step_record_last_time(&f->r), ==, 12.0);
    g_assert_cmpuint(ikd_step_record_gap_count(&f->r), ==, 0);
    g_assert_null(ikd_step_record_gaps(&f->r));
    g_assert_cmphex(ikd_step_record_hash(&f->r), ==, 0x1111);
    g_assert_true(feed(f, 11, 15.0, 0x1111));
    g_assert_cmpfloat_with_epsilon(ikd_step_record_gaps(&f->r)[0], 3.0, 1e-6);
}

/* Releasing frees the later copies and empties the record: the next copy
 * is a first copy again. */
static void test_release_empties(fixture *f, gconstpointer data)
{
    (void)data;
    feed(f, 7, 10.0, 0x5555);
    feed(f, 8, 11.0, 0x5555);
    ikd_step_record_release(&f->r);
    g_assert_cmpuint(f->r.copies, ==, 0);
    g_assert_false(f->r.more);
    g_assert_null(ikd_step_record_gaps(&f->r));
    g_assert_cmphex(ikd_step_record_hash(&f->r), ==, 0);
    g_assert_false(feed(f, 9, 12.0, 0x5555));
    g_assert_cmpuint(f->r.first_frame, ==, 9);
}

/* More resends than IKD_MAX_GAPS: the first IKD_MAX_GAPS gaps are kept,
 * every resend is still counted. */
static void test_gaps_bounded(fixture *f, gconstpointer data)
{
    (void)data;
    feed(f, 1, 0.0, 0x77);
    for (uint32_t n = 1; n <= IKD_MAX_GAPS + 5; n++)
        g_assert_true(feed(f, 1 + n, n * 0.5, 0x77));
    g_assert_cmpuint(ikd_step_record_resends(&f->r), ==, IKD_MAX_GAPS + 5);
    g_assert_cmpuint(ikd_step_record_gap_count(&f->r), ==, IKD_MAX_GAPS);
    g_assert_cmpfloat_with_epsilon(ikd_step_record_gaps(&f->r)[IKD_MAX_GAPS - 1], 0.5, 1e-6);
    g_assert_cmphex(ikd_step_record_hash(&f->r), ==, 0x77);
}

/* Messages alike but for two bytes (a sequential cookie's last byte and the
 * message ID's, each the high byte of an 8-byte word the hash reads) all
 * hash apart, and so do ones alike but for a byte of the tail past the last
 * whole word or their length: the duplicate window tells copies by the hash
 * alone. Multiplying words in unmixed put these 65,536 into 256 hashes.
 * Both hashes: the tables' and the messages'. */
typedef uint64_t (*bytes_hash)(const uint8_t *bytes, size_t len);

static void assert_near_messages_apart(bytes_hash hash)
{
    uint8_t msg[36];
    for (size_t i = 0; i < sizeof msg; i++)
        msg[i] = (uint8_t)(0x40 + i);
    GHashTable *seen = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, NULL);
    for (int cookie = 0; cookie < 256; cookie++) {
        for (int id = 0; id < 256; id++) {
            msg[7] = (uint8_t)cookie;
            msg[23] = (uint8_t)id;
            gint64 *h = g_new(gint64, 1);
            *h = (gint64)hash(msg, sizeof msg);
            g_assert_false(g_hash_table_contains(seen, h));
            g_hash_table_add(seen, h);
        }
    }
    for (int tail = 0; tail < 256; tail++) {
        if (tail == 0x40 + 34)
            continue; /* the message last hashed above */
        msg[34] = (uint8_t)tail;
        gint64 *h = g_new(gint64, 1);
        *h = (gint64)hash(msg, sizeof msg);
        g_assert_false(g_hash_table_contains(seen, h));
        g_hash_table_add(seen, h);
    }
    memset(msg, 0, sizeof msg);
    for (size_t len = 0; len <= sizeof msg; len++) { /* zeros of each length */
        gint64 *h = g_new(gint64, 1);
        *h = (gint64)hash(msg, len);
        g_assert_false(g_hash_table_contains(seen, h));
        g_hash_table_add(seen, h);
    }
    g_assert_cmpuint(g_hash_table_size(seen), ==, 65536 + 255 + sizeof msg + 1);
    g_hash_table_destroy(seen);
}

static void test_hash_tells_near_messages_apart(void)
{
    assert_near_messages_apart(ikd_bytes_hash);
}

static void test_message_hash_tells_near_messages_apart(void)
{
    assert_near_messages_apart(ikd_message_bytes_hash);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/exchange/hash_tells_near_messages_apart", test_hash_tells_near_messages_apart);
    g_test_add_func("/exchange/message_hash_tells_near_messages_apart", test_message_hash_tells_near_messages_apart);
    g_test_add("/exchange/first_copy", fixture, NULL, set_up, test_first_copy, tear_down);
    g_test_add("/exchange/resends_keep_hash_and_gaps", fixture, NULL, set_up, test_resends_keep_hash_and_gaps,
               tear_down);
    g_test_add("/exchange/other_message_same_step", fixture, NULL, set_up, test_other_message_same_step, tear_down);
    g_test_add("/exchange/release_empties", fixture, NULL, set_up, test_release_empties, tear_down);
    g_test_add("/exchange/gaps_bounded", fixture, NULL, set_up, test_gaps_bounded, tear_down);
    return g_test_run();
}
