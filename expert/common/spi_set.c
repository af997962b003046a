/* ikediag - the newest SA with each initiator SPI (spi_set.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/spi_set.h"

#include "core/keyed_items.h"

/* SPIs are random or counted up (cookies in order): a multiply spreads both. */
static uint32_t hash_bits_of(uint64_t spi)
{
    return (uint32_t)((spi * 0x9e3779b97f4a7c15ull) >> 32);
}

static ikd_sa *sa_at(const ikd_spi_set *set, const ikd_hash_slot *s)
{
    return g_ptr_array_index(set->sas, s->value - 1);
}

void ikd_spi_set_init(ikd_spi_set *set, const GPtrArray *sas)
{
    set->sas = sas;
    ikd_hash_slots_init(&set->table);
}

void ikd_spi_set_clear(ikd_spi_set *set)
{
    ikd_hash_slots_clear(&set->table);
}

/* The slot for spi: its own, or the empty one where it goes. */
static ikd_hash_slot *slot_for(const ikd_spi_set *set, uint64_t spi)
{
    const ikd_hash_slots *t = &set->table;
    uint32_t bits = hash_bits_of(spi);
    for (uint32_t i = ikd_hash_slots_home(t, bits);; i = ikd_hash_slots_next(t, i)) {
        ikd_hash_slot *s = &t->slots[i];
        if (!s->value || (s->hash_bits == bits && ikd_key64_of_bytes(sa_at(set, s)->spi_i) == spi))
            return s;
    }
}

ikd_sa *ikd_spi_set_find(const ikd_spi_set *set, uint64_t spi)
{
    if (!set->table.count)
        return NULL;
    const ikd_hash_slot *s = slot_for(set, spi);
    return s->value ? sa_at(set, s) : NULL;
}

void ikd_spi_set_prefetch(const ikd_spi_set *set, uint64_t spi)
{
#if defined(__GNUC__)
    if (set->table.capacity)
        __builtin_prefetch(&set->table.slots[ikd_hash_slots_home(&set->table, hash_bits_of(spi))]);
#else
    (void)set;
    (void)spi;
#endif
}

ikd_sa *ikd_spi_set_put(ikd_spi_set *set, ikd_sa *sa)
{
    ikd_hash_slots_make_room(&set->table);
    uint64_t spi = ikd_key64_of_bytes(sa->spi_i);
    ikd_hash_slot *s = slot_for(set, spi);
    if (s->value) {
        ikd_sa *replaced = sa_at(set, s);
        s->value = sa->index + 1;
        return replaced;
    }
    ikd_hash_slots_fill(&set->table, s, sa->index + 1, hash_bits_of(spi));
    return NULL;
}

void ikd_spi_set_remove_all(ikd_spi_set *set)
{
    ikd_hash_slots_empty(&set->table);
}

ikd_sa *ikd_spi_set_slot_sa(const ikd_spi_set *set, uint32_t i)
{
    return set->table.slots[i].value ? sa_at(set, &set->table.slots[i]) : NULL;
}
