/* ikediag - the newest SA with each initiator SPI (spi_set.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/spi_set.h"

#include "core/keyed_items.h"

#include <string.h>

enum { FIRST_CAPACITY = 64 };

/* SPIs are random or counted up (cookies in order): a multiply spreads both. */
static uint32_t hash_bits_of(uint64_t spi)
{
    return (uint32_t)((spi * 0x9e3779b97f4a7c15ull) >> 32);
}

static ikd_sa *sa_at(const ikd_spi_set *set, const ikd_spi_slot *s)
{
    return g_ptr_array_index(set->sas, s->sa_place - 1);
}

void ikd_spi_set_init(ikd_spi_set *set, const GPtrArray *sas)
{
    set->sas = sas;
    set->slots = NULL;
    set->capacity = set->count = 0;
}

void ikd_spi_set_clear(ikd_spi_set *set)
{
    g_free(set->slots);
    ikd_spi_set_init(set, set->sas);
}

/* The slot for spi: its own, or the empty one where it goes. */
static ikd_spi_slot *slot_for(const ikd_spi_set *set, uint64_t spi)
{
    uint32_t bits = hash_bits_of(spi);
    for (uint32_t i = bits & (set->capacity - 1);; i = (i + 1) & (set->capacity - 1)) {
        ikd_spi_slot *s = &set->slots[i];
        if (!s->sa_place || (s->hash_bits == bits && ikd_key64_of_bytes(sa_at(set, s)->spi_i) == spi))
            return s;
    }
}

ikd_sa *ikd_spi_set_find(const ikd_spi_set *set, uint64_t spi)
{
    if (!set->count)
        return NULL;
    const ikd_spi_slot *s = slot_for(set, spi);
    return s->sa_place ? sa_at(set, s) : NULL;
}

void ikd_spi_set_prefetch(const ikd_spi_set *set, uint64_t spi)
{
#if defined(__GNUC__)
    if (set->capacity)
        __builtin_prefetch(&set->slots[hash_bits_of(spi) & (set->capacity - 1)]);
#else
    (void)set;
    (void)spi;
#endif
}

/* Doubles the slots, each moved to the first free slot from its home. */
static void grow(ikd_spi_set *set)
{
    ikd_spi_slot *old = set->slots;
    uint32_t old_capacity = set->capacity;
    set->capacity = old_capacity ? old_capacity * 2 : FIRST_CAPACITY;
    set->slots = g_new0(ikd_spi_slot, set->capacity);
    for (uint32_t i = 0; i < old_capacity; i++) {
        if (!old[i].sa_place)
            continue;
        uint32_t at = old[i].hash_bits & (set->capacity - 1);
        while (set->slots[at].sa_place)
            at = (at + 1) & (set->capacity - 1);
        set->slots[at] = old[i];
    }
    g_free(old);
}

ikd_sa *ikd_spi_set_put(ikd_spi_set *set, ikd_sa *sa)
{
    if ((set->count + 1) * 2 > set->capacity)
        grow(set);
    uint64_t spi = ikd_key64_of_bytes(sa->spi_i);
    ikd_spi_slot *s = slot_for(set, spi);
    ikd_sa *replaced = s->sa_place ? sa_at(set, s) : NULL;
    if (!replaced)
        set->count++;
    s->sa_place = sa->index + 1;
    s->hash_bits = hash_bits_of(spi);
    return replaced;
}

void ikd_spi_set_remove_all(ikd_spi_set *set)
{
    if (set->slots)
        memset(set->slots, 0, (size_t)set->capacity * sizeof *set->slots);
    set->count = 0;
}

ikd_sa *ikd_spi_set_slot_sa(const ikd_spi_set *set, uint32_t i)
{
    return set->slots[i].sa_place ? sa_at(set, &set->slots[i]) : NULL;
}
