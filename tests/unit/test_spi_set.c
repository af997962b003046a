/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - common/spi_set: the newest SA by initiator SPI, in
 * slots holding an SA's place and 32 bits of its SPI's hash. SPIs whose
 * hashes share those bits (made here by undoing the hash's multiply) are
 * told apart by the SA's own SPI; the table grows without losing one. The
 * SAs are bare records: only their SPIs and places matter. */
#include "common/spi_set.h"

#include "core/keyed_items.h"

#include <glib.h>
#include <string.h>

/* The set's multiplier; the SPI whose hash is h is h times its inverse. */
static const uint64_t MULTIPLIER = 0x9e3779b97f4a7c15ull;

static uint64_t inverse_of(uint64_t odd)
{
    uint64_t x = odd; /* right to 3 bits; each Newton step doubles them */
    for (int i = 0; i < 5; i++)
        x *= 2 - odd * x;
    return x;
}

static ikd_sa *new_sa(GPtrArray *sas, uint64_t spi_i)
{
    ikd_sa *sa = g_new0(ikd_sa, 1);
    uint64_t big_endian = GUINT64_TO_BE(spi_i);
    memcpy(sa->spi_i, &big_endian, 8);
    sa->index = sas->len;
    g_ptr_array_add(sas, sa);
    return sa;
}

static void test_same_hash_bits(void)
{
    uint64_t inverse = inverse_of(MULTIPLIER);
    g_assert_cmphex(inverse * MULTIPLIER, ==, 1);
    /* Three hashes with the same high 32 bits: one home slot, one tag. */
    uint64_t a = 0x12345678deadbeefull * inverse, b = 0x1234567800000001ull * inverse,
             c = 0x1234567800000002ull * inverse;
    GPtrArray *sas = g_ptr_array_new_with_free_func(g_free);
    ikd_spi_set set;
    ikd_spi_set_init(&set, sas);
    g_assert_null(ikd_spi_set_find(&set, a));
    ikd_sa *sa_a = new_sa(sas, a);
    g_assert_null(ikd_spi_set_put(&set, sa_a));
    g_assert_null(ikd_spi_set_find(&set, b)); /* its bits match a's slot; its SPI does not */
    ikd_sa *sa_b = new_sa(sas, b);
    ikd_sa *sa_c = new_sa(sas, c);
    g_assert_null(ikd_spi_set_put(&set, sa_b));
    g_assert_null(ikd_spi_set_put(&set, sa_c));
    g_assert_cmpuint(ikd_spi_set_count(&set), ==, 3);
    g_assert_true(ikd_spi_set_find(&set, a) == sa_a);
    g_assert_true(ikd_spi_set_find(&set, b) == sa_b);
    g_assert_true(ikd_spi_set_find(&set, c) == sa_c);
    /* A newer SA with b's SPI takes its slot and gives back the older. */
    ikd_sa *sa_b2 = new_sa(sas, b);
    g_assert_true(ikd_spi_set_put(&set, sa_b2) == sa_b);
    g_assert_cmpuint(ikd_spi_set_count(&set), ==, 3);
    g_assert_true(ikd_spi_set_find(&set, b) == sa_b2);
    g_assert_true(ikd_spi_set_find(&set, c) == sa_c);
    ikd_spi_set_clear(&set);
    g_ptr_array_free(sas, TRUE);
}

static void test_grows_and_empties(void)
{
    GPtrArray *sas = g_ptr_array_new_with_free_func(g_free);
    ikd_spi_set set;
    ikd_spi_set_init(&set, sas);
    enum { SAS = 10000 };
    for (uint64_t n = 1; n <= SAS; n++) /* cookies counted up, as some peers make them */
        g_assert_null(ikd_spi_set_put(&set, new_sa(sas, n << 20 | 0xabc)));
    g_assert_cmpuint(ikd_spi_set_count(&set), ==, SAS);
    g_assert_cmpuint(ikd_spi_set_capacity(&set), ==, 32768); /* the power of two keeping it at most half full */
    for (uint64_t n = 1; n <= SAS; n++) {
        ikd_sa *sa = ikd_spi_set_find(&set, n << 20 | 0xabc);
        g_assert_nonnull(sa);
        g_assert_cmpuint(sa->index, ==, n - 1);
    }
    g_assert_null(ikd_spi_set_find(&set, (uint64_t)(SAS + 1) << 20 | 0xabc));
    uint32_t filled = 0;
    for (uint32_t i = 0; i < ikd_spi_set_capacity(&set); i++)
        filled += ikd_spi_set_slot_sa(&set, i) != NULL;
    g_assert_cmpuint(filled, ==, SAS);
    ikd_spi_set_remove_all(&set);
    g_assert_cmpuint(ikd_spi_set_count(&set), ==, 0);
    g_assert_null(ikd_spi_set_find(&set, 1 << 20 | 0xabc));
    ikd_spi_set_clear(&set);
    g_ptr_array_free(sas, TRUE);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/spi_set/same_hash_bits", test_same_hash_bits);
    g_test_add_func("/spi_set/grows_and_empties", test_grows_and_empties);
    return g_test_run();
}
