/* ikediag - capture artefacts that repeat a message: the same datagram
 * copied by a SPAN port mirroring both directions, or the same message seen
 * at two capture points merged into one file (before and after a NAT).
 *
 * A copy is a message byte for byte identical to one seen less than the
 * window ago (a few milliseconds: a retransmission comes seconds later, from
 * the sender's back-off). It is named, with the frame it repeats, and never
 * counted as a protocol event.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_DUPLICATES_H
#define IKD_DUPLICATES_H

#include "common/annotation.h"
#include "common/packet.h"

#include <glib.h>

/* How close two copies must be, by default: a SPAN copy comes microseconds
 * after the original, a message forwarded through a NAT within a millisecond. */
#define IKD_DUPLICATE_WINDOW_DEFAULT 0.005

/* The seen messages are a ring (oldest first, all within the window of the
 * newest), not one allocation each: a malloc and a free per message of the
 * capture were a tenth of the engine's cost (callgrind). They are found by
 * hash through an open-addressing table of ring slots, twice the ring's
 * size: GLib's hash table, an insert, a lookup and a remove a message, was
 * another tenth. */
typedef struct {
    struct ikd_seen_message *ring; /* capacity slots (a power of two); `count` live from `head` on */
    size_t head, count, capacity;
    uint32_t *by_hash; /* 2 * capacity entries: a ring slot, the newest with its hash, or none (UINT32_MAX) */
    double window;     /* seconds */
} ikd_duplicate_window;

void ikd_duplicate_window_init(ikd_duplicate_window *w);
void ikd_duplicate_window_clear(ikd_duplicate_window *w);

/* If the packet repeats a message seen within the window, fills ann as the
 * original's result with a duplicate finding and returns true. */
bool ikd_duplicate_annotate(const ikd_duplicate_window *w, const ikd_packet *packet, ikd_annotation *ann);
/* Remembers a message that was not a copy, with what the engine said of it. */
void ikd_duplicate_remember(ikd_duplicate_window *w, const ikd_packet *packet, const ikd_message_result *result);

#endif
