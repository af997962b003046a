/* ikediag - slots of (value, hash bits), doubled in place (hash_slots.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/hash_slots.h"

#include <glib.h>
#include <stdbool.h>
#include <string.h>

enum { FIRST_CAPACITY = 64 };

void ikd_hash_slots_init(ikd_hash_slots *t)
{
    t->slots = NULL;
    t->capacity = t->count = 0;
}

void ikd_hash_slots_clear(ikd_hash_slots *t)
{
    g_free(t->slots);
    ikd_hash_slots_init(t);
}

void ikd_hash_slots_empty(ikd_hash_slots *t)
{
    if (t->slots)
        memset(t->slots, 0, (size_t)t->capacity * sizeof *t->slots);
    t->count = 0;
}

static bool bit_set(const uint64_t *bits, uint32_t i)
{
    return bits[i / 64] >> (i % 64) & 1;
}

static void set_bit(uint64_t *bits, uint32_t i)
{
    bits[i / 64] |= (uint64_t)1 << (i % 64);
}

/* Re-places, in the doubled array, the entries of its first old_capacity
 * slots. `placed` marks the slots given an entry in the doubled table;
 * probes pass over those alone, so each entry ends where a probe from its
 * home finds it. An entry not yet re-placed (in an old slot, not marked)
 * is taken out when its slot is wanted, and re-placed in turn. Each step
 * marks a slot, so it ends. */
static void replace_entries(ikd_hash_slots *t, uint32_t old_capacity)
{
    uint64_t *placed = g_new0(uint64_t, (t->capacity + 63) / 64);
    for (uint32_t j = 0; j < old_capacity; j++) {
        if (!t->slots[j].value || bit_set(placed, j))
            continue; /* empty, or re-placed here already */
        ikd_hash_slot moving = t->slots[j];
        t->slots[j].value = 0;
        for (;;) {
            uint32_t i = ikd_hash_slots_home(t, moving.hash_bits);
            while (bit_set(placed, i))
                i = ikd_hash_slots_next(t, i);
            set_bit(placed, i);
            ikd_hash_slot waiting = t->slots[i]; /* an entry not yet re-placed, or empty */
            t->slots[i] = moving;
            if (!waiting.value)
                break;
            moving = waiting;
        }
    }
    g_free(placed);
}

void ikd_hash_slots_make_room(ikd_hash_slots *t)
{
    if (((uint64_t)t->count + 1) * 2 <= t->capacity)
        return;
    uint32_t old_capacity = t->capacity;
    t->capacity = old_capacity ? old_capacity * 2 : FIRST_CAPACITY;
    t->slots = g_renew(ikd_hash_slot, t->slots, t->capacity);
    memset(t->slots + old_capacity, 0, (size_t)(t->capacity - old_capacity) * sizeof *t->slots);
    replace_entries(t, old_capacity);
}
