/* ikediag - records of one size carved from chunks.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/record_slab.h"

#include <string.h>

#if defined(__SANITIZE_ADDRESS__)
#define IKD_SLAB_POISONS 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define IKD_SLAB_POISONS 1
#endif
#endif

#ifdef IKD_SLAB_POISONS
#include <sanitizer/asan_interface.h>
#define poison(p, n) ASAN_POISON_MEMORY_REGION((p), (n))
#define unpoison(p, n) ASAN_UNPOISON_MEMORY_REGION((p), (n))
#else
#define poison(p, n) ((void)(p), (void)(n))
#define unpoison(p, n) ((void)(p), (void)(n))
#endif

/* Chunks grow from 16 records to 512, so a capture of a few SAs holds
 * little spare. For a 184-byte IKEv1 SA that is 92 KiB, under malloc's
 * threshold for mapping a block apart: chunks come from its heap, reusing
 * what was freed before them. Chunks of 4,096 records (736 KiB) were each
 * mapped afresh: 29,000 more page faults on a flood of a million MM1s. */
enum { FIRST_CHUNK_RECORDS = 16, MAX_CHUNK_DOUBLINGS = 5 };

void ikd_record_slab_init(ikd_record_slab *slab, size_t record_size)
{
    g_assert(record_size <= IKD_RECORD_SLAB_MAX_RECORD);
    memset(slab, 0, sizeof *slab);
    if (record_size < sizeof(void *))
        record_size = sizeof(void *);
    slab->record_size = (record_size + 7) & ~(size_t)7;
}

/* The size of the chunk at `index` (in order of making). */
static size_t chunk_bytes(const ikd_record_slab *slab, guint index)
{
    return ((size_t)FIRST_CHUNK_RECORDS << MIN(index, MAX_CHUNK_DOUBLINGS)) * slab->record_size;
}

static void add_chunk(ikd_record_slab *slab)
{
    if (!slab->chunks)
        slab->chunks = g_ptr_array_new();
    size_t bytes = chunk_bytes(slab, slab->chunks->len);
    uint8_t *chunk = g_malloc(bytes); /* each record is zeroed as it is handed out, while it is hot */
    poison(chunk, bytes);
    g_ptr_array_add(slab->chunks, chunk);
    slab->next = chunk;
    slab->end = chunk + bytes;
}

void *ikd_record_slab_new0(ikd_record_slab *slab)
{
    uint8_t *record = slab->given_back;
    if (record) {
        unpoison(record, slab->record_size);
        memcpy(&slab->given_back, record, sizeof slab->given_back);
    } else {
        if (slab->next == slab->end)
            add_chunk(slab);
        record = slab->next;
        slab->next += slab->record_size;
        unpoison(record, slab->record_size);
    }
    memset(record, 0, slab->record_size);
    slab->live++;
    return record;
}

void ikd_record_slab_free(ikd_record_slab *slab, void *record)
{
    if (!record)
        return;
    g_assert(slab->live > 0); /* more given back than handed out: a record given back twice */
    memcpy(record, &slab->given_back, sizeof slab->given_back);
    slab->given_back = record;
    poison(record, slab->record_size);
    slab->live--;
}

void ikd_record_slab_clear(ikd_record_slab *slab)
{
    if (slab->chunks) {
        for (guint i = 0; i < slab->chunks->len; i++) {
            unpoison(slab->chunks->pdata[i], chunk_bytes(slab, i));
            g_free(slab->chunks->pdata[i]);
        }
        g_ptr_array_free(slab->chunks, TRUE);
    }
    ikd_record_slab_init(slab, slab->record_size);
}
