/* ikediag - messages held back to be fed together (ikd_engine_defer).
 *
 * A caller that needs no answer per message (tshark's single pass printing
 * only tables) hands the engine each message as it comes; the engine copies
 * it here and feeds a whole run at once. Fed one at a time between
 * Wireshark's dissection of each frame, the engine's code was cold at every
 * message: instruction-cache misses, not instructions, were most of its time
 * in tshark (cachegrind, 10k-MM1 flood: 13.2 M misses without ikediag,
 * 18.2 M with it, 14.0 M fed in runs of 256).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_DEFERRED_MESSAGES_H
#define IKD_DEFERRED_MESSAGES_H

#include "common/packet.h"

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

/* A run long enough to keep the code warm, short enough that its copies stay
 * in the processor's second-level cache. */
#define IKD_DEFERRED_MAX_MESSAGES 256
#define IKD_DEFERRED_MAX_BYTES (256 * 1024)

typedef struct {
    GArray *messages; /* held: the packet (its pointers unset), where its bytes are, its frame's lateness;
                         NULL until the first */
    GByteArray *bytes;
} ikd_deferred_messages;

void ikd_deferred_init(ikd_deferred_messages *q);
void ikd_deferred_clear(ikd_deferred_messages *q);

/* Copies the message (its captured and decrypted bytes) with frame_behind,
 * how much earlier than the frame before it its frame is stamped (the
 * engine's note when the frame came); true when the run is full. */
bool ikd_deferred_push(ikd_deferred_messages *q, const ikd_packet *packet, double frame_behind);

static inline uint32_t ikd_deferred_count(const ikd_deferred_messages *q)
{
    return q->messages ? q->messages->len : 0;
}

/* The index-th message held, its pointers into the copy (valid until the
 * next push or reset); returns its frame_behind. */
double ikd_deferred_at(const ikd_deferred_messages *q, uint32_t index, ikd_packet *out);

/* The index-th message's captured bytes (NULL when it had none) and their
 * length, without the rest of it. */
const uint8_t *ikd_deferred_bytes(const ikd_deferred_messages *q, uint32_t index, size_t *len);

/* Forgets every message held (after they were fed). */
void ikd_deferred_reset(ikd_deferred_messages *q);

#endif
