/* ikediag - records of one size carved from chunks, and kept for the next
 * record once given back: the IKEv1 SAs of a capture, a million of them
 * under a flood of MM1s. One malloc each cost every SA 8 bytes of header and
 * two calls (one each way), and scattered the SAs among Wireshark's own
 * allocations, where the passes over every SA when the capture ends read
 * them in order of creation; from chunks they lie in that order, until
 * records are given back (SAs dropped under a flood) and handed out again.
 *
 * Records come zeroed. Under AddressSanitizer a record given back is
 * poisoned until it is handed out again: a use after free before then is
 * caught (after, the record is another SA's, as with any reuse).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_RECORD_SLAB_H
#define IKD_RECORD_SLAB_H

#include <glib.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    size_t record_size; /* rounded up to 8: every record stays 8-aligned */
    void *given_back;   /* records given back, each holding the next's address */
    uint8_t *next;      /* the newest chunk's first unused byte */
    uint8_t *end;       /* ... and its end */
    GPtrArray *chunks;  /* owned (g_free), oldest first; NULL before the first record */
    uint32_t live;      /* records handed out and not given back */
} ikd_record_slab;

/* The largest record a slab takes: its chunk sizes stay far from overflow. */
#define IKD_RECORD_SLAB_MAX_RECORD ((size_t)1 << 20)

/* An empty slab of records of record_size bytes (at least a pointer's, at
 * most IKD_RECORD_SLAB_MAX_RECORD). */
void ikd_record_slab_init(ikd_record_slab *slab, size_t record_size);
/* A zeroed record, the last one given back if there is one. */
void *ikd_record_slab_new0(ikd_record_slab *slab);
/* Gives record (from this slab) back for the next ikd_record_slab_new0. */
void ikd_record_slab_free(ikd_record_slab *slab, void *record);
/* Frees every chunk, records still handed out with them; the slab is empty
 * and can be used again. */
void ikd_record_slab_clear(ikd_record_slab *slab);

#endif
