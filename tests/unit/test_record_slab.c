/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - core/record_slab: records come zeroed, 8-aligned and
 * apart, in order of creation within a chunk; one given back is the next
 * handed out, zeroed again; clearing frees all and the slab starts afresh. */
#include "core/record_slab.h"

#include <glib.h>
#include <stdbool.h>
#include <string.h>

enum { ODD_SIZE = 21, MANY = 5000 };

static bool all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}

/* A size that is no multiple of 8 is rounded up; each record is zeroed,
 * aligned, and written whole without touching another (the records of
 * one chunk follow each other, so an overlap would show in the next). */
static void test_records_apart(void)
{
    ikd_record_slab slab;
    ikd_record_slab_init(&slab, ODD_SIZE);
    g_assert_cmpuint(slab.record_size, ==, 24);
    uint8_t **records = g_new(uint8_t *, MANY);
    for (int i = 0; i < MANY; i++) {
        records[i] = ikd_record_slab_new0(&slab);
        g_assert_cmpuint((uintptr_t)records[i] % 8, ==, 0);
        g_assert_true(all_zero(records[i], slab.record_size));
        memset(records[i], i % 251 + 1, slab.record_size);
    }
    g_assert_cmpuint(slab.live, ==, MANY);
    for (int i = 0; i < MANY; i++)
        for (size_t b = 0; b < slab.record_size; b++)
            g_assert_cmpuint(records[i][b], ==, i % 251 + 1);
    g_assert_true(records[1] == records[0] + 24); /* the first chunk's records, in order */
    g_assert_cmpuint(slab.chunks->len, ==, 14); /* 16, 32 ... 512 records (1,008), then 512 a chunk */
    ikd_record_slab_clear(&slab);
    g_assert_null(slab.chunks);
    g_assert_cmpuint(slab.live, ==, 0);
    g_free(records);
}

/* Given back, a record is handed out again before any new one, last given
 * first, zeroed; the chunks do not grow while records are reused. */
static void test_given_back_reused(void)
{
    ikd_record_slab slab;
    ikd_record_slab_init(&slab, 40);
    uint8_t *a = ikd_record_slab_new0(&slab), *b = ikd_record_slab_new0(&slab);
    memset(a, 0xaa, 40);
    memset(b, 0xbb, 40);
    ikd_record_slab_free(&slab, a);
    ikd_record_slab_free(&slab, b);
    ikd_record_slab_free(&slab, NULL); /* nothing */
    g_assert_cmpuint(slab.live, ==, 0);
    uint8_t *again_b = ikd_record_slab_new0(&slab), *again_a = ikd_record_slab_new0(&slab);
    g_assert_true(again_b == b);
    g_assert_true(again_a == a);
    g_assert_true(all_zero(a, 40));
    g_assert_true(all_zero(b, 40));
    uint8_t *fresh = ikd_record_slab_new0(&slab);
    g_assert_true(fresh == b + 40); /* the chunk's next unused record */
    g_assert_cmpuint(slab.chunks->len, ==, 1);
    g_assert_cmpuint(slab.live, ==, 3);
    ikd_record_slab_clear(&slab);
    /* Usable again after clearing. */
    g_assert_true(all_zero(ikd_record_slab_new0(&slab), 40));
    g_assert_cmpuint(slab.live, ==, 1);
    ikd_record_slab_clear(&slab);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/record_slab/records_apart", test_records_apart);
    g_test_add_func("/record_slab/given_back_reused", test_given_back_reused);
    return g_test_run();
}
