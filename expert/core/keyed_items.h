/* ikediag - the items of a list found by a 64-bit key. While the list is
 * short they are walked, newest first; once it holds IKD_KEYED_ITEMS_WALKED
 * a table (key -> the newest item with it) is built and kept up to date, so
 * that finding one for every new message stays linear over a capture that
 * makes thousands of them (an SA's rekeys, liveness checks, transactions),
 * or a hostile one that makes millions. The list itself stays the caller's:
 * an array of pointers in order of creation, which the table does not own.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_KEYED_ITEMS_H
#define IKD_KEYED_ITEMS_H

#include <glib.h>
#include <stdint.h>
#include <string.h>

/* Items a list has before they are found through a table: below it, a walk
 * costs less than a table's memory (most SAs have one quick mode). */
enum { IKD_KEYED_ITEMS_WALKED = 16 };

/* The key of one item of the list. */
typedef uint64_t (*ikd_item_key)(const void *item);

typedef struct {
    GHashTable *table; /* NULL while the list is walked */
} ikd_keyed_items;

/* A 64-bit key held in the pointer itself, and its hash (a multiplicative
 * hash: the keys are SPIs, message IDs, sequence numbers, often in order). */
gpointer ikd_key64(uint64_t key);
guint ikd_key64_hash(gconstpointer key);
/* Eight bytes (an SPI, a cookie) as one key, the first the most significant.
 * Inline: it is a load and a byte swap, called on every message's hot path. */
static inline uint64_t ikd_key64_of_bytes(const uint8_t bytes[8])
{
    uint64_t k;
    memcpy(&k, bytes, sizeof k);
    return GUINT64_FROM_BE(k);
}

/* The slot, of 1 << bits, of a direct-mapped memo for len >= 8 bytes (a
 * vendor ID, a message, an SA payload) and a seed (what else tells two
 * entries apart): their first and last eight bytes and their length, one
 * multiply and its top bits, not the message hash's rounds, which cost more
 * than a memo's lookup itself (callgrind, a flood's MM1). */
static inline size_t ikd_memo_slot(const uint8_t *bytes, size_t len, uint64_t seed, unsigned bits)
{
    uint64_t key = seed ^ len ^ ikd_key64_of_bytes(bytes) ^ (ikd_key64_of_bytes(bytes + len - 8) << 1);
    return (size_t)((key * 0x9e3779b97f4a7c15ull) >> (64 - bits));
}

/* The newest of items[0 .. count) whose key is `key`, or NULL. */
void *ikd_keyed_items_find(const ikd_keyed_items *index, void *const *items, uint32_t count, uint64_t key,
                           ikd_item_key key_of);
/* Files items[count - 1], just added to the list (building the table, the
 * older items first, when the list reaches IKD_KEYED_ITEMS_WALKED). */
void ikd_keyed_items_file(ikd_keyed_items *index, void *const *items, uint32_t count, ikd_item_key key_of);
/* Frees the table (not the items). */
void ikd_keyed_items_clear(ikd_keyed_items *index);

#endif
