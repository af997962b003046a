/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - common/message_index: messages found again by
 * (frame, pdu), their answer read from the record they were counted in;
 * appended in frame order, inserted out of it across a chunk's end,
 * updated, and forgotten with the records of removed SAs. The records are
 * built by hand: only answer_frame is read. */
#include "common/message_index.h"

#include <glib.h>
#include <string.h>

static ikd_step_record answered_by(uint32_t frame)
{
    ikd_step_record r;
    memset(&r, 0, sizeof r);
    r.copies = 1;
    r.answer_frame = frame;
    return r;
}

/* Messages in frame order, two in one frame, one in no record (which takes
 * no entry). */
static void test_append_and_find(void)
{
    ikd_message_index index;
    ikd_message_index_init(&index);
    ikd_step_record a = answered_by(2), b = answered_by(9);
    ikd_message_index_remember(&index, 1, 0, &a);
    ikd_message_index_remember(&index, 5, 0, &b);
    ikd_message_index_remember(&index, 5, 1, NULL);
    g_assert_cmpuint(ikd_message_index_answer(&index, 1, 0), ==, 2);
    g_assert_cmpuint(ikd_message_index_answer(&index, 5, 0), ==, 9);
    g_assert_cmpuint(ikd_message_index_answer(&index, 5, 1), ==, 0);
    g_assert_cmpuint(ikd_message_index_answer(&index, 3, 0), ==, 0);
    /* An answer linked later is read through the record. */
    a.answer_frame = 4;
    g_assert_cmpuint(ikd_message_index_answer(&index, 1, 0), ==, 4);
    /* Remembering a message again points it at another record. */
    ikd_message_index_remember(&index, 1, 0, &b);
    g_assert_cmpuint(ikd_message_index_answer(&index, 1, 0), ==, 9);
    g_assert_cmpuint(index.count, ==, 2);
    /* ... and again with no record forgets its answer, keeping the entry. */
    ikd_message_index_remember(&index, 5, 0, NULL);
    g_assert_cmpuint(ikd_message_index_answer(&index, 5, 0), ==, 0);
    g_assert_cmpuint(index.count, ==, 2);
    ikd_message_index_clear(&index);
}

/* Odd frames past two chunks, then the even ones fed out of order (each an
 * insert that moves entries across the chunks' ends): every one found. */
static void test_out_of_order_across_chunks(void)
{
    enum { N = 2 * IKD_MESSAGE_CHUNK + 100 };
    ikd_message_index index;
    ikd_message_index_init(&index);
    ikd_step_record *records = g_new(ikd_step_record, 2 * N);
    for (uint32_t f = 1; f < 2 * N; f += 2) {
        records[f] = answered_by(f + 100000);
        ikd_message_index_remember(&index, f, 0, &records[f]);
    }
    for (int64_t f = 2 * N - 2; f >= 2; f -= 200) {
        records[f] = answered_by((uint32_t)f + 100000);
        ikd_message_index_remember(&index, (uint32_t)f, 0, &records[f]);
    }
    for (uint32_t f = 1; f < 2 * N; f++) {
        bool kept = f % 2 == 1 || (2 * N - 2 - f) % 200 == 0;
        g_assert_cmpuint(ikd_message_index_answer(&index, f, 0), ==, kept ? f + 100000 : 0);
    }
    g_free(records);
    ikd_message_index_clear(&index);
}

static bool is_doomed(const ikd_step_record *record, void *ctx)
{
    return record == ctx;
}

/* Forgetting one record's messages keeps the others in order and gives
 * back the chunks no longer needed. */
static void test_forget(void)
{
    enum { N = IKD_MESSAGE_CHUNK + 10 };
    ikd_message_index index;
    ikd_message_index_init(&index);
    ikd_step_record kept = answered_by(7), doomed = answered_by(8);
    for (uint32_t f = 1; f <= N; f++)
        ikd_message_index_remember(&index, f, 0, f % 10 == 0 ? &kept : &doomed);
    g_assert_cmpuint(index.chunk_count, ==, 2);
    ikd_message_index_forget(&index, is_doomed, &doomed);
    g_assert_cmpuint(index.count, ==, N / 10);
    g_assert_cmpuint(index.chunk_count, ==, 1);
    for (uint32_t f = 1; f <= N; f++)
        g_assert_cmpuint(ikd_message_index_answer(&index, f, 0), ==, f % 10 == 0 ? 7 : 0);
    ikd_message_index_clear(&index);
}

/* Stopped (tshark's single pass): what was kept is given back, nothing
 * more is remembered, and every answer is 0; clearing starts afresh. */
static void test_stop(void)
{
    enum { N = IKD_MESSAGE_CHUNK + 10 };
    ikd_message_index index;
    ikd_message_index_init(&index);
    ikd_step_record rec = answered_by(7);
    for (uint32_t f = 1; f <= N; f++)
        ikd_message_index_remember(&index, f, 0, &rec);
    g_assert_cmpuint(ikd_message_index_answer(&index, 3, 0), ==, 7);
    ikd_message_index_stop(&index);
    g_assert_cmpuint(index.count, ==, 0);
    g_assert_cmpuint(index.chunk_count, ==, 0);
    g_assert_null(index.chunks);
    ikd_message_index_remember(&index, N + 1, 0, &rec);
    g_assert_cmpuint(index.count, ==, 0);
    g_assert_cmpuint(ikd_message_index_answer(&index, 3, 0), ==, 0);
    g_assert_cmpuint(ikd_message_index_answer(&index, N + 1, 0), ==, 0);
    ikd_message_index_clear(&index);
    ikd_message_index_remember(&index, 1, 0, &rec);
    g_assert_cmpuint(ikd_message_index_answer(&index, 1, 0), ==, 7);
    ikd_message_index_clear(&index);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/message_index/append_and_find", test_append_and_find);
    g_test_add_func("/message_index/out_of_order_across_chunks", test_out_of_order_across_chunks);
    g_test_add_func("/message_index/forget", test_forget);
    g_test_add_func("/message_index/stop", test_stop);
    return g_test_run();
}
