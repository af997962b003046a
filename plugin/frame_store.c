/* ikediag - what the engine said of each IKE message, kept for later passes.
 *
 * One record per message, packed in large chunks, and a sorted index from
 * frame number to the frame's records (8 bytes a frame). A file-scope
 * allocation per frame and p_add_proto_data's list node beside it cost more
 * than the records themselves (massif: 53 MB of 87 MB extra on 180k
 * messages), and scattered among Wireshark's own file-scope data they made
 * its lookups slower too.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "frame_store.h"

#include <string.h>

/* Records per chunk: 4096 * 80 bytes, 320 KiB. */
enum { RECORDS_PER_CHUNK = 4096 };
G_STATIC_ASSERT(sizeof(ikediag_pdu_result) <= 80);

/* A frame's records are numbered chunk * RECORDS_PER_CHUNK + slot and never
 * straddle two chunks; the count is on the first record (of_frame). */
typedef struct {
    guint32 frame;
    guint32 first;
} frame_entry;

static GPtrArray *chunks;      /* of ikediag_pdu_result[RECORDS_PER_CHUNK] */
static guint chunk_used;       /* records kept in the last chunk */
static GArray *index_by_frame; /* of frame_entry, sorted by frame */

void ikediag_frame_store_open(void)
{
    ikediag_frame_store_close();
    chunks = g_ptr_array_new_with_free_func(g_free);
    index_by_frame = g_array_new(FALSE, FALSE, sizeof(frame_entry));
    chunk_used = RECORDS_PER_CHUNK; /* the first reserve makes a chunk */
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

ikediag_pdu_result *ikediag_frame_store_reserve(guint n)
{
    g_assert(n > 0 && n <= G_MAXUINT8);
    if (!chunks)
        ikediag_frame_store_open();
    if (RECORDS_PER_CHUNK - chunk_used < n) {
        g_ptr_array_add(chunks, g_new(ikediag_pdu_result, RECORDS_PER_CHUNK));
        chunk_used = 0;
    }
    ikediag_pdu_result *first = (ikediag_pdu_result *)g_ptr_array_index(chunks, chunks->len - 1) + chunk_used;
    memset(first, 0, n * sizeof *first);
    return first;
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

void ikediag_frame_store_commit(guint32 frame, guint used)
{
    if (!used || !chunks)
        return;
    ikediag_pdu_result *first = (ikediag_pdu_result *)g_ptr_array_index(chunks, chunks->len - 1) + chunk_used;
    first->of_frame = (guint8)used;
    frame_entry entry = { frame, (chunks->len - 1) * RECORDS_PER_CHUNK + chunk_used };
    chunk_used += used;
    guint len = index_by_frame->len;
    /* The first pass goes through the frames in order: appending is the rule. */
    if (!len || g_array_index(index_by_frame, frame_entry, len - 1).frame < frame) {
        g_array_append_val(index_by_frame, entry);
        return;
    }
    guint at = position_of(frame);
    if (at < len && g_array_index(index_by_frame, frame_entry, at).frame == frame)
        g_array_index(index_by_frame, frame_entry, at) = entry;
    else
        g_array_insert_val(index_by_frame, at, entry);
}

gboolean ikediag_frame_store_get(guint32 frame, ikediag_frame_result *out)
{
    if (!index_by_frame)
        return FALSE;
    guint at = position_of(frame);
    if (at >= index_by_frame->len)
        return FALSE;
    const frame_entry *e = &g_array_index(index_by_frame, frame_entry, at);
    if (e->frame != frame)
        return FALSE;
    ikediag_pdu_result *chunk = g_ptr_array_index(chunks, e->first / RECORDS_PER_CHUNK);
    out->pdus = chunk + e->first % RECORDS_PER_CHUNK;
    out->pdu_count = out->pdus->of_frame;
    return TRUE;
}
