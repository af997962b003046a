/* ikediag - open-addressing slots of (value, 32 bits of a hash), probed
 * linearly from the bits' home slot and kept at most half full: the table
 * under the newest SA by initiator SPI (common/spi_set.c). The caller probes
 * with its own test of a match; this file owns the slots and their growth.
 *
 * The slots double in place: the array is reallocated (for a large one, the
 * kernel moves its pages rather than copying them) and the entries are
 * re-placed inside it, so growing backs only the new half with fresh pages.
 * A new array for each doubling, the old one freed, backed twice the final
 * size: under a flood of a million MM1s, 32 MB for the SPIs' 16 MB table
 * (perf, page faults), each megabyte a cost of its own on a virtual machine
 * whose host backs the pages.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_HASH_SLOTS_H
#define IKD_HASH_SLOTS_H

#include <stdint.h>

typedef struct {
    uint32_t value;     /* the caller's, never 0; 0: an empty slot */
    uint32_t hash_bits; /* its home slot (the low bits), and a first test */
} ikd_hash_slot;

typedef struct {
    ikd_hash_slot *slots;
    uint32_t capacity; /* a power of two, 0 before the first entry */
    uint32_t count;    /* slots in use, counted by the caller's ikd_hash_slots_fill */
} ikd_hash_slots;

void ikd_hash_slots_init(ikd_hash_slots *t);
/* Frees the slots; the table is empty and can be used again. */
void ikd_hash_slots_clear(ikd_hash_slots *t);
/* Empties the table, keeping its slots. */
void ikd_hash_slots_empty(ikd_hash_slots *t);
/* Room for one more entry: doubles the slots (in place) when it would take
 * them past half full. Call before probing for an entry to add. */
void ikd_hash_slots_make_room(ikd_hash_slots *t);

/* Where a probe for hash_bits starts, and the slot after i. */
static inline uint32_t ikd_hash_slots_home(const ikd_hash_slots *t, uint32_t hash_bits)
{
    return hash_bits & (t->capacity - 1);
}
static inline uint32_t ikd_hash_slots_next(const ikd_hash_slots *t, uint32_t i)
{
    return (i + 1) & (t->capacity - 1);
}
/* Puts an entry in an empty slot the caller's probe stopped at. */
static inline void ikd_hash_slots_fill(ikd_hash_slots *t, ikd_hash_slot *empty, uint32_t value, uint32_t hash_bits)
{
    *empty = (ikd_hash_slot){ value, hash_bits };
    t->count++;
}

#endif
