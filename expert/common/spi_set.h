/* ikediag - the newest SA with each initiator SPI, found by that SPI: an
 * open-addressing table of 8-byte slots, probed linearly, at most half
 * full. A slot holds the SA's place in the store's array of SAs and 32 bits
 * of the SPI's hash; a slot whose bits match is confirmed by the SA's own
 * SPI.
 *
 * It was a GLib hash set of SAs hashed and compared through the SA: a
 * lookup and an add for every new SA, 355 instructions of a flood's MM1
 * (callgrind), each probe a call through a function pointer and a load of
 * an SA from anywhere in memory. Then slots of (SPI, SA pointer), 16 bytes:
 * under a 1M MM1 flood a 32 MiB table, and each new SPI's look-up waited
 * for memory (perf: 13% of the engine's run). Half of that, 16 MiB, is
 * half the pages and cache lines to miss; the slot a hash's bits chose is
 * found again from those bits when the table grows, without reading SAs
 * (core/hash_slots.h: it doubles in place).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_SPI_SET_H
#define IKD_SPI_SET_H

#include "common/sa.h"
#include "core/hash_slots.h"

#include <glib.h>
#include <stdint.h>

/* A slot's value is the SA's index in the store's array, plus 1; its bits
 * the high 32 bits of the SPI's hash. */
typedef struct {
    const GPtrArray *sas; /* the store's SAs (not owned), where a slot's value points */
    ikd_hash_slots table;
} ikd_spi_set;

/* sas: the array each SA's index (sa->index) is its place in. */
void ikd_spi_set_init(ikd_spi_set *set, const GPtrArray *sas);
void ikd_spi_set_clear(ikd_spi_set *set);

/* The SA filed under spi, or NULL. */
ikd_sa *ikd_spi_set_find(const ikd_spi_set *set, uint64_t spi);
/* Asks the processor to fetch spi's first slot, for a find soon after. */
void ikd_spi_set_prefetch(const ikd_spi_set *set, uint64_t spi);
/* Files sa (its index set) under its initiator SPI; returns the SA it
 * replaces there, or NULL. */
ikd_sa *ikd_spi_set_put(ikd_spi_set *set, ikd_sa *sa);
/* Empties the set, keeping its slots. */
void ikd_spi_set_remove_all(ikd_spi_set *set);

/* The SA in slot i (i < ikd_spi_set_capacity), or NULL when it is empty: to walk them all. */
ikd_sa *ikd_spi_set_slot_sa(const ikd_spi_set *set, uint32_t i);

static inline uint32_t ikd_spi_set_count(const ikd_spi_set *set)
{
    return set->table.count;
}
static inline uint32_t ikd_spi_set_capacity(const ikd_spi_set *set)
{
    return set->table.capacity;
}

#endif
