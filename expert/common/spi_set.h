/* ikediag - the newest SA with each initiator SPI, found by that SPI: an
 * open-addressing table of (SPI, SA) slots, probed linearly, at most half
 * full.
 *
 * It was a GLib hash set of SAs hashed and compared through the SA: a
 * lookup and an add for every new SA, 355 instructions of a flood's MM1
 * (callgrind), each probe a call through a function pointer and a load of
 * an SA from anywhere in memory. The SPI kept in the slot is compared
 * without leaving the table.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_SPI_SET_H
#define IKD_SPI_SET_H

#include "common/sa.h"

#include <stdint.h>

typedef struct {
    uint64_t spi; /* the SPI's eight bytes, the first the most significant */
    ikd_sa *sa;   /* NULL: an empty slot */
} ikd_spi_slot;

typedef struct {
    ikd_spi_slot *slots;
    uint32_t capacity; /* a power of two, 0 before the first SA */
    uint32_t count;
} ikd_spi_set;

void ikd_spi_set_init(ikd_spi_set *set);
void ikd_spi_set_clear(ikd_spi_set *set);

/* The SA filed under spi, or NULL. */
ikd_sa *ikd_spi_set_find(const ikd_spi_set *set, uint64_t spi);
/* Asks the processor to fetch spi's first slot, for a find soon after. */
void ikd_spi_set_prefetch(const ikd_spi_set *set, uint64_t spi);
/* Files sa under its initiator SPI; returns the SA it replaces there, or NULL. */
ikd_sa *ikd_spi_set_put(ikd_spi_set *set, ikd_sa *sa);
/* Empties the set, keeping its slots. */
void ikd_spi_set_remove_all(ikd_spi_set *set);

static inline uint32_t ikd_spi_set_count(const ikd_spi_set *set)
{
    return set->count;
}

#endif
