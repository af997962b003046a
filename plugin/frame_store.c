/* ikediag - what the engine said of each IKE message, kept for later passes.
 *
 * Each frame's records are encoded (record_codec.c) one after the other in
 * large chunks, with a sorted index from frame number to where they start
 * (8 bytes a frame). A file-scope allocation per frame and p_add_proto_data's
 * list node beside it cost more than the records themselves (massif: 53 MB
 * of 87 MB extra on 180k messages), and scattered among Wireshark's own
 * file-scope data they made its lookups slower too; kept as structs, the
 * records were 80 bytes a message, most of them zeros.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "frame_store.h"

#include "pdu_locator.h"
#include "record_codec.h"

/* Chunks of 1 MiB; a frame's records never straddle two, and a frame's
 * place is its chunk and offset in 32 bits, so the store holds up to 4 GiB
 * of records (about 150 million messages). */
enum { CHUNK_BITS = 20, CHUNK_BYTES = 1 << CHUNK_BITS, MAX_CHUNKS = 1 << (32 - CHUNK_BITS) };
#define FRAME_MAX_BYTES (1 + (size_t)IKEDIAG_MAX_PDUS_PER_FRAME * IKEDIAG_RECORD_MAX_BYTES)
G_STATIC_ASSERT(FRAME_MAX_BYTES <= (size_t)CHUNK_BYTES && (int)IKEDIAG_MAX_PDUS_PER_FRAME <= G_MAXUINT8);

typedef struct {
    guint32 frame;
    guint32 place; /* chunk << CHUNK_BITS | offset: a count byte, then the records */
} frame_entry;

static GPtrArray *chunks;      /* of guint8[CHUNK_BYTES] */
static guint chunk_used;       /* bytes used in the last chunk */
static GArray *index_by_frame; /* of frame_entry, sorted by frame */
static gboolean full_warned;

void ikediag_frame_store_open(void)
{
    ikediag_frame_store_close();
    chunks = g_ptr_array_new_with_free_func(g_free);
    index_by_frame = g_array_new(FALSE, FALSE, sizeof(frame_entry));
    chunk_used = CHUNK_BYTES; /* the first frame kept makes a chunk */
    full_warned = FALSE;
}

void ikediag_frame_store_close(void)
{
    if (chunks)
        g_ptr_array_free(chunks, TRUE);
    if (index_by_frame)
        g_array_free(index_by_frame, TRUE);
    chunks = NULL;
    index_by_frame = NULL;
}

/* Where frame's entry is or would go: the first entry not below it. */
static guint position_of(guint32 frame)
{
    guint lo = 0, hi = index_by_frame->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        if (g_array_index(index_by_frame, frame_entry, mid).frame < frame)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* Room for a frame's records, encoded in place; NULL (said once) when the
 * store is full. */
static guint8 *room_for_frame(guint32 *place)
{
    if (CHUNK_BYTES - chunk_used < FRAME_MAX_BYTES) {
        if (chunks->len == MAX_CHUNKS) {
            if (!full_warned)
                g_warning("ikediag: 4 GiB of message records kept; later passes show no ikediag items for later frames");
            full_warned = TRUE;
            return NULL;
        }
        g_ptr_array_add(chunks, g_malloc(CHUNK_BYTES));
        chunk_used = 0;
    }
    *place = (chunks->len - 1) << CHUNK_BITS | chunk_used;
    return (guint8 *)g_ptr_array_index(chunks, chunks->len - 1) + chunk_used;
}

void ikediag_frame_store_keep(guint32 frame, const ikediag_pdu_result *records, guint count)
{
    g_assert(count <= IKEDIAG_MAX_PDUS_PER_FRAME);
    if (!count)
        return;
    if (!chunks)
        ikediag_frame_store_open();
    frame_entry entry = { frame, 0 };
    guint8 *at = room_for_frame(&entry.place);
    if (!at)
        return;
    size_t n = 0;
    at[n++] = (guint8)count;
    for (guint i = 0; i < count; i++)
        n += ikediag_record_encode(&records[i], at + n);
    chunk_used += (guint)n;
    guint len = index_by_frame->len;
    /* The first pass goes through the frames in order: appending is the rule. */
    if (!len || g_array_index(index_by_frame, frame_entry, len - 1).frame < frame) {
        g_array_append_val(index_by_frame, entry);
        return;
    }
    guint pos = position_of(frame);
    if (pos < len && g_array_index(index_by_frame, frame_entry, pos).frame == frame)
        g_array_index(index_by_frame, frame_entry, pos) = entry;
    else
        g_array_insert_val(index_by_frame, pos, entry);
}

gboolean ikediag_frame_store_get(guint32 frame, wmem_allocator_t *scope, ikediag_frame_result *out)
{
    if (!index_by_frame)
        return FALSE;
    guint pos = position_of(frame);
    if (pos >= index_by_frame->len)
        return FALSE;
    const frame_entry *e = &g_array_index(index_by_frame, frame_entry, pos);
    if (e->frame != frame)
        return FALSE;
    const guint8 *in = (const guint8 *)g_ptr_array_index(chunks, e->place >> CHUNK_BITS) +
                       (e->place & (CHUNK_BYTES - 1));
    out->pdu_count = *in++;
    out->pdus = wmem_alloc_array(scope, ikediag_pdu_result, out->pdu_count);
    for (guint i = 0; i < out->pdu_count; i++)
        in += ikediag_record_decode(in, &out->pdus[i]);
    return TRUE;
}
