/* ikediag - what the engine said of each IKE message, kept for later passes.
 *
 * Each frame's records are encoded (record_codec.c) one frame after the
 * other in large chunks: a file-scope allocation per frame and
 * p_add_proto_data's list node beside it cost more than the records
 * themselves (massif: 53 MB of 87 MB extra on 180k messages), and
 * scattered among Wireshark's own file-scope data they made its lookups
 * slower too; kept as structs, the records were 80 bytes a message, most of
 * them zeros.
 *
 * A frame's entry in the chunks says how far its number is from the frame
 * kept before it and how many bytes follow, so frames are found again from
 * every CHECKPOINT_EVERY-th one, whose number and place a sorted array
 * holds: about 3 bytes a frame where an index of every frame took 8 (and
 * up to 16 while it grew), for a lookup that skips at most 31 entries.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "frame_store.h"

#include "pdu_locator.h"
#include "record_codec.h"
#include "varint.h"

#include <string.h>

/* Chunks of 1 MiB; a frame's entry never straddles two, and a place is its
 * chunk and offset in 32 bits, so the store holds up to 4 GiB of records
 * (about 150 million messages). */
enum { CHUNK_BITS = 20, CHUNK_BYTES = 1 << CHUNK_BITS, MAX_CHUNKS = 1 << (32 - CHUNK_BITS) };
enum { CHECKPOINT_EVERY = 32 };
/* An entry: the step from the frame kept before (0 for a frame kept out of
 * order, below) and the number of records less one in its low three bits,
 * one varint (a byte for most frames); the length of the records (a
 * varint); the records. */
enum { COUNT_BITS = 3, STEP_MAX_BYTES = 6, LENGTH_MAX_BYTES = 2 };
#define BODY_MAX_BYTES ((size_t)IKEDIAG_MAX_PDUS_PER_FRAME * IKEDIAG_RECORD_MAX_BYTES)
#define ENTRY_MAX_BYTES (STEP_MAX_BYTES + LENGTH_MAX_BYTES + BODY_MAX_BYTES)
G_STATIC_ASSERT(ENTRY_MAX_BYTES <= (size_t)CHUNK_BYTES && (int)IKEDIAG_MAX_PDUS_PER_FRAME <= 1 << COUNT_BITS);
G_STATIC_ASSERT(BODY_MAX_BYTES < 1 << (7 * LENGTH_MAX_BYTES));

typedef struct {
    guint32 frame;
    guint32 place; /* chunk << CHUNK_BITS | offset of the frame's entry */
} frame_place;

static GPtrArray *chunks;      /* of guint8[CHUNK_BYTES] */
static GArray *chunk_used;     /* of guint32: bytes used in each chunk */
static GArray *checkpoints;    /* of frame_place: every CHECKPOINT_EVERY-th frame in order, from the first */
static GArray *strays;         /* of frame_place, sorted by frame: frames kept below the last one kept */
static guint32 in_order;       /* frames kept in order */
static guint32 last_frame, before_last_frame; /* the last two of them */
static guint32 last_place;
static gboolean stray_since_last; /* a stray's entry follows the last frame's: it cannot be taken back */
static gboolean full_warned;
/* The single pass's frame, for its own taps (packet scope: valid while it
 * is dissected, and only asked for by its number). */
static guint32 held_frame;
static const ikediag_pdu_result *held_records;
static guint held_count;

void ikediag_frame_store_open(void)
{
    ikediag_frame_store_close();
    chunks = g_ptr_array_new_with_free_func(g_free);
    chunk_used = g_array_new(FALSE, FALSE, sizeof(guint32));
    checkpoints = g_array_new(FALSE, FALSE, sizeof(frame_place));
    strays = g_array_new(FALSE, FALSE, sizeof(frame_place));
    in_order = last_frame = before_last_frame = last_place = 0;
    stray_since_last = full_warned = FALSE;
    held_frame = held_count = 0;
    held_records = NULL;
}

void ikediag_frame_store_close(void)
{
    if (chunks) {
        g_ptr_array_free(chunks, TRUE);
        g_array_free(chunk_used, TRUE);
        g_array_free(checkpoints, TRUE);
        g_array_free(strays, TRUE);
    }
    chunks = NULL;
    chunk_used = checkpoints = strays = NULL;
}

static guint32 *used_of_last_chunk(void)
{
    return &g_array_index(chunk_used, guint32, chunk_used->len - 1);
}

static guint8 *at_place(guint32 place)
{
    return (guint8 *)g_ptr_array_index(chunks, place >> CHUNK_BITS) + (place & (CHUNK_BYTES - 1));
}

/* Room for an entry at the end; NULL (said once) when the store is full. */
static guint8 *room_for_entry(guint32 *place)
{
    if (!chunks->len || CHUNK_BYTES - *used_of_last_chunk() < ENTRY_MAX_BYTES) {
        if (chunks->len == MAX_CHUNKS) {
            if (!full_warned)
                g_warning("ikediag: 4 GiB of message records kept; later passes show no ikediag items for later frames");
            full_warned = TRUE;
            return NULL;
        }
        g_ptr_array_add(chunks, g_malloc(CHUNK_BYTES));
        guint32 none = 0;
        g_array_append_val(chunk_used, none);
    }
    *place = (chunks->len - 1) << CHUNK_BITS | *used_of_last_chunk();
    return at_place(*place);
}

/* Writes an entry at `at`; returns its size. */
static size_t write_entry(guint8 *at, guint32 frame, guint32 step, const ikediag_pdu_result *records, guint count)
{
    size_t head = ikediag_varint_put(at, (guint64)step << COUNT_BITS | (count - 1));
    /* The body goes after a one-byte length, moved on by a byte in the rare
     * case its length needs two. */
    guint8 *body = at + head + 1;
    size_t n = 0;
    for (guint i = 0; i < count; i++)
        n += ikediag_record_encode(&records[i], frame, body + n);
    if (n >= 0x80) {
        memmove(body + 1, body, n);
        body++;
    }
    head += ikediag_varint_put(at + head, n);
    g_assert(at + head == body);
    return head + n;
}

/* The frame kept last is kept again (a read filter's first pass gives a
 * dropped frame's number to the next): its entry is taken back. */
static void take_back_last(void)
{
    if ((in_order - 1) % CHECKPOINT_EVERY == 0)
        g_array_set_size(checkpoints, checkpoints->len - 1);
    /* Nothing follows it (no stray since), so it is in the last chunk. */
    *used_of_last_chunk() = last_place & (CHUNK_BYTES - 1);
    in_order--;
    last_frame = before_last_frame;
}

/* The first of places (sorted by frame) whose frame is not below frame,
 * or, with `above`, is above it. */
static guint place_bound(const GArray *places, guint32 frame, gboolean above)
{
    guint lo = 0, hi = places->len;
    while (lo < hi) {
        guint mid = lo + (hi - lo) / 2;
        guint32 f = g_array_index(places, frame_place, mid).frame;
        if (f < frame || (above && f == frame))
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

static void note_stray(guint32 frame, guint32 place)
{
    guint lo = place_bound(strays, frame, FALSE);
    frame_place entry = { frame, place };
    if (lo < strays->len && g_array_index(strays, frame_place, lo).frame == frame)
        g_array_index(strays, frame_place, lo) = entry;
    else
        g_array_insert_val(strays, lo, entry);
}

void ikediag_frame_store_keep(guint32 frame, const ikediag_pdu_result *records, guint count)
{
    g_assert(count <= IKEDIAG_MAX_PDUS_PER_FRAME);
    if (!count || full_warned)
        return; /* full: nothing more is kept, nor taken back */
    if (!chunks)
        ikediag_frame_store_open();
    if (in_order && frame == last_frame && !stray_since_last)
        take_back_last();
    /* The first pass goes through the frames in order: a frame not above
     * the last one kept is a stray, marked by a step of 0 and found in
     * strays (before the entries in order, so it replaces what was kept). */
    gboolean stray = in_order && frame <= last_frame;
    guint32 place;
    guint8 *at = room_for_entry(&place);
    if (!at)
        return;
    guint32 step = stray ? 0 : frame - (in_order ? last_frame : 0);
    *used_of_last_chunk() += (guint32)write_entry(at, frame, step, records, count);
    if (stray) {
        note_stray(frame, place);
        stray_since_last = TRUE;
        return;
    }
    if (in_order % CHECKPOINT_EVERY == 0) {
        frame_place checkpoint = { frame, place };
        g_array_append_val(checkpoints, checkpoint);
    }
    in_order++;
    before_last_frame = last_frame;
    last_frame = frame;
    last_place = place;
    stray_since_last = FALSE;
}

/* The entry at place: its step, its number of records and where they
 * start; returns the place of the entry after it. */
static guint32 read_entry(guint32 place, guint32 *step, guint *count, const guint8 **body)
{
    const guint8 *at = at_place(place);
    guint64 step_and_count, length;
    size_t head = ikediag_varint_get(at, &step_and_count);
    head += ikediag_varint_get(at + head, &length);
    *step = (guint32)(step_and_count >> COUNT_BITS);
    *count = (guint)(step_and_count & ((1u << COUNT_BITS) - 1)) + 1;
    *body = at + head;
    guint32 next = place + (guint32)(head + length);
    guint32 chunk = place >> CHUNK_BITS;
    if ((next & (CHUNK_BYTES - 1)) == g_array_index(chunk_used, guint32, chunk) && chunk + 1 < chunks->len)
        next = (chunk + 1) << CHUNK_BITS;
    return next;
}

/* The records of frame's entry (and their count), or NULL. */
static const guint8 *find_body(guint32 frame, guint *count)
{
    guint32 step;
    const guint8 *body;
    guint lo = place_bound(strays, frame, FALSE);
    if (lo < strays->len && g_array_index(strays, frame_place, lo).frame == frame) {
        read_entry(g_array_index(strays, frame_place, lo).place, &step, count, &body);
        return body;
    }
    /* The last checkpoint at or below frame, then the entries after it. */
    lo = place_bound(checkpoints, frame, TRUE);
    if (!lo)
        return NULL;
    const frame_place *from = &g_array_index(checkpoints, frame_place, lo - 1);
    guint32 end = (chunk_used->len - 1) << CHUNK_BITS | *used_of_last_chunk();
    guint32 current = from->frame;
    guint32 next = read_entry(from->place, &step, count, &body); /* the checkpoint's own step is not needed */
    /* At most CHECKPOINT_EVERY - 1 entries on (and any strays): the next checkpoint is above frame. */
    while (current < frame) {
        if (next == end)
            return NULL;
        next = read_entry(next, &step, count, &body);
        current += step; /* 0 for a stray's entry: out of the order, passed over */
    }
    return current == frame ? body : NULL;
}

void ikediag_frame_store_hold(guint32 frame, const ikediag_pdu_result *records, guint count)
{
    held_frame = frame;
    held_records = records;
    held_count = count;
}

gboolean ikediag_frame_store_get(guint32 frame, wmem_allocator_t *scope, ikediag_frame_result *out)
{
    if (held_count && frame == held_frame) {
        out->pdu_count = held_count;
        out->pdus = wmem_memdup(scope, held_records, held_count * sizeof *held_records);
        return TRUE;
    }
    if (!chunks)
        return FALSE;
    guint count;
    const guint8 *in = find_body(frame, &count);
    if (!in)
        return FALSE;
    out->pdu_count = count;
    out->pdus = wmem_alloc_array(scope, ikediag_pdu_result, out->pdu_count);
    for (guint i = 0; i < out->pdu_count; i++)
        in += ikediag_record_decode(in, frame, &out->pdus[i]);
    return TRUE;
}
