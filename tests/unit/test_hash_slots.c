/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - core/hash_slots: slots doubled in place keep every
 * entry where a linear probe from its home finds it, with no empty slot on
 * the way, whatever the hashes: spread, all one home slot, or homes at the
 * end of the array whose probes wrap around to its start. */
#include "core/hash_slots.h"

#include <glib.h>

/* Adds value with hash_bits as a caller does: room first, then a probe to
 * the first empty slot (every value added here is new). */
static void add(ikd_hash_slots *t, uint32_t value, uint32_t hash_bits)
{
    ikd_hash_slots_make_room(t);
    uint32_t i = ikd_hash_slots_home(t, hash_bits);
    while (t->slots[i].value)
        i = ikd_hash_slots_next(t, i);
    ikd_hash_slots_fill(t, &t->slots[i], value, hash_bits);
}

/* Every value 1..n, with bits_of(value), is found from its home before an
 * empty slot; the table holds n entries, at most half full. */
static void assert_all_found(const ikd_hash_slots *t, uint32_t n, uint32_t (*bits_of)(uint32_t))
{
    g_assert_cmpuint(t->count, ==, n);
    g_assert_cmpuint((uint64_t)n * 2, <=, t->capacity);
    uint32_t filled = 0;
    for (uint32_t i = 0; i < t->capacity; i++)
        filled += t->slots[i].value != 0;
    g_assert_cmpuint(filled, ==, n);
    for (uint32_t value = 1; value <= n; value++) {
        uint32_t i = ikd_hash_slots_home(t, bits_of(value));
        while (t->slots[i].value != value) {
            g_assert_cmpuint(t->slots[i].value, !=, 0); /* an empty slot before the entry: lost */
            i = ikd_hash_slots_next(t, i);
        }
        g_assert_cmpuint(t->slots[i].hash_bits, ==, bits_of(value));
    }
}

static uint32_t spread(uint32_t value)
{
    return value * 2654435761u;
}

static uint32_t one_home(uint32_t value)
{
    (void)value;
    return 0xffffffffu; /* the last slot at every size: each probe wraps */
}

/* Homes at the end of the array as it is before one doubling or another
 * (2^b - 1 - k: at 2^b slots and at 2^(b+1) the same home), some colliding:
 * clusters that wrap around to the front, where others start, and stay at
 * the old end once doubled, so re-placing them takes slots whose entries
 * are still to be re-placed. */
static uint32_t at_the_end(uint32_t value)
{
    return value % 3 ? (1u << (6 + value % 10)) - 1 - value % 7 : value % 5;
}

typedef struct {
    uint32_t (*bits_of)(uint32_t);
    uint32_t n;
} hash_case;

static void test_doubles_in_place(gconstpointer data)
{
    const hash_case *c = data;
    ikd_hash_slots t;
    ikd_hash_slots_init(&t);
    for (uint32_t value = 1; value <= c->n; value++) {
        add(&t, value, c->bits_of(value));
        if ((value & (value - 1)) == 0 || value == c->n) /* after each doubling, and at the end */
            assert_all_found(&t, value, c->bits_of);
    }
    ikd_hash_slots_clear(&t);
    g_assert_null(t.slots);
    g_assert_cmpuint(t.count, ==, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    static const hash_case spread_case = { spread, 100000 }, one_home_case = { one_home, 3000 },
                           end_case = { at_the_end, 20000 };
    g_test_add_data_func("/hash_slots/spread", &spread_case, test_doubles_in_place);
    g_test_add_data_func("/hash_slots/one_home_slot", &one_home_case, test_doubles_in_place);
    g_test_add_data_func("/hash_slots/homes_at_the_end", &end_case, test_doubles_in_place);
    return g_test_run();
}
