/* ikediag - SAs by their pair of addresses.
 *
 * The SAs are sorted by 32 bits of their pair's hash (then by conn-id) into one array,
 * pairs that share a hash told apart, and each SA's place kept by its store
 * index: 12 bytes an SA, and 12 more, and 24 while the answers are held,
 * for each SA that shares its pair with another.
 * A hash table of one GPtrArray per pair cost about 150 bytes an SA, held
 * from the verdicts to the end, and three allocations an SA to build
 * (massif and callgrind, 100k MM1s each between its own peers).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/peer_pairs.h"

#include "common/exchange.h"
#include "core/hash_sort.h"

#include <stdlib.h>
#include <string.h>

/* Where an SA is, by its store index: for an SA alone between its peers,
 * its place in `sorted` (its group is that place alone); for one that
 * shares its pair, SHARED and its place in `shares`. One record of four
 * numbers for every SA was 16 MB at the end of a 1M MM1 flood, where no SA
 * shares a pair (massif: peer grouping 24 of the engine's 286 bytes an
 * SA); three arrays by store index before it took three cache misses an SA
 * to fill, in the pairs' (random) order (perf: a third of the build). */
typedef uint32_t placement;
#define SHARED 0x80000000u /* above any place: 2^31 SAs would take 400 GB */

/* An SA that shares its pair: where it and its group are in `sorted`; its
 * place in `shares` is its place in the answers. */
typedef struct {
    uint32_t position;    /* the SA's place in sorted */
    uint32_t group_start; /* where its group begins in sorted */
    uint32_t group_len;   /* how many SAs its group has, two or more */
} shared_place;

/* What ikd_peer_pairs_answer works out for an SA that shares its pair: an
 * SA alone between its peers has the same answers as every other (none),
 * so only the others get a record. Three arrays by store index were 24 MB
 * of fresh pages at the end of a 1M MM1 flood, where no SA shares a pair
 * (perf, page faults). */
typedef struct {
    double latest_start_after;
    double latest_end_after;
    const ikd_sa *first_from_responder;
} pair_answer;

struct ikd_peer_pairs {
    ikd_sa **sorted;       /* every SA, grouped by pair, each group in conn-id order */
    placement *placements; /* by store index */
    GArray *shares;        /* shared_place, for each SA in a group of two or more */
    uint32_t count;
    /* While it is built (begin .. end): the store, and an entry for each SA
     * added, in store order, kept in sorted's room (below). */
    const ikd_sa_store *store;
    ikd_hashed_entry *entries;
    uint32_t added;
    ikd_pair_hash hash;
    /* The answers (ikd_peer_pairs_answer), by place in shares; NULL until asked for. */
    pair_answer *answers;
};

/* What is sorted (core/hash_sort.h): the high 32 bits of the pair's hash,
 * then the SA's store index (equal pairs keep conn-id order). 8 bytes where
 * the pair itself took 40 and the whole hash with the index 16: with the
 * sort's copy, the grouping's peak at the end of a 1M-SA flood was 56 MB,
 * then 32 MB, now 16 MB, in half the passes (perf: the sort and the
 * grouping were the verdict pass's costliest steps on that flood). Among a
 * million pairs about a hundred share the bits; they are told apart as any
 * collision.
 *
 * The entries are kept in the room of `sorted`, which is filled from them
 * entry by entry (sorted[at] from entries[at], each read before it is
 * overwritten), and the placements in the first half of the sort's
 * scratch, written only after the sort: arrays of their own were fresh
 * pages at the end of a 1M MM1 flood (perf, page faults). */
_Static_assert(sizeof(ikd_hashed_entry) == sizeof(ikd_sa *), "an entry fills one of sorted's slots");
_Static_assert(sizeof(placement) <= sizeof(ikd_hashed_entry), "the placements fit the sort's scratch");

/* Two pairs with the same hash bits (a collision): the run is sorted by the
 * pairs themselves, then by index (rare, so the pairs are spelt out for it). */
typedef struct {
    ikd_address_pair pair;
    uint32_t index;
} spelt_entry;

static int compare_spelt(const void *pa, const void *pb)
{
    const spelt_entry *a = pa, *b = pb;
    int by_pair = memcmp(&a->pair, &b->pair, sizeof a->pair);
    if (by_pair)
        return by_pair;
    return a->index < b->index ? -1 : a->index > b->index;
}

static void sort_run_by_pair(const ikd_sa_store *store, ikd_hashed_entry *run, uint32_t len)
{
    spelt_entry *spelt = g_new(spelt_entry, len);
    for (uint32_t k = 0; k < len; k++) {
        spelt[k].pair = ikd_sa_address_pair(ikd_sa_store_at(store, run[k].index));
        spelt[k].index = run[k].index;
    }
    qsort(spelt, len, sizeof *spelt, compare_spelt);
    for (uint32_t k = 0; k < len; k++)
        run[k].index = spelt[k].index; /* one hash for the whole run */
    g_free(spelt);
}

static bool same_pair(const ikd_sa_store *store, const ikd_hashed_entry *a, const ikd_hashed_entry *b)
{
    ikd_address_pair pa = ikd_sa_address_pair(ikd_sa_store_at(store, a->index));
    ikd_address_pair pb = ikd_sa_address_pair(ikd_sa_store_at(store, b->index));
    return !memcmp(&pa, &pb, sizeof pa);
}

/* The entries [start, end), of the n sorted, with start's pair: one group.
 * The SAs' placements and store slots are asked for a few entries ahead,
 * being in the pairs' order, not the store's. */
static void file_group(ikd_peer_pairs *pairs, const ikd_sa_store *store, const ikd_hashed_entry *entries, uint32_t n,
                       uint32_t start, uint32_t end)
{
    for (uint32_t at = start; at < end; at++) {
        if (at + IKD_SA_PREFETCH_AHEAD < n) {
            uint32_t ahead = entries[at + IKD_SA_PREFETCH_AHEAD].index;
            __builtin_prefetch(&pairs->placements[ahead], 1);
            __builtin_prefetch(&store->sas->pdata[ahead]);
        }
        uint32_t index = entries[at].index; /* read before sorted[at], the same bytes, is written */
        pairs->sorted[at] = ikd_sa_store_at(store, index);
        if (end - start == 1) {
            pairs->placements[index] = at;
        } else {
            pairs->placements[index] = SHARED | pairs->shares->len;
            g_array_append_val(pairs->shares, ((shared_place){ at, start, end - start }));
        }
    }
}

ikd_peer_pairs *ikd_peer_pairs_build(const ikd_sa_store *store)
{
    return ikd_peer_pairs_build_hashed(store, ikd_bytes_hash);
}

ikd_peer_pairs *ikd_peer_pairs_build_hashed(const ikd_sa_store *store, ikd_pair_hash hash)
{
    ikd_peer_pairs *pairs = ikd_peer_pairs_begin(store, hash);
    for (uint32_t i = 0; i < pairs->count; i++) {
        ikd_sa_store_prefetch_ahead(store, i);
        ikd_peer_pairs_add(pairs, ikd_sa_store_at(store, i));
    }
    ikd_peer_pairs_end(pairs);
    return pairs;
}

ikd_peer_pairs *ikd_peer_pairs_begin(const ikd_sa_store *store, ikd_pair_hash hash)
{
    uint32_t n = ikd_sa_store_count(store);
    ikd_peer_pairs *pairs = g_new(ikd_peer_pairs, 1);
    uint32_t room = MAX(n, 1); /* real arrays even when empty */
    pairs->count = n;
    pairs->sorted = g_new(ikd_sa *, room);
    pairs->placements = NULL; /* made at the end, in the sort's scratch */
    pairs->shares = g_array_new(FALSE, FALSE, sizeof(shared_place));
    pairs->answers = NULL;
    pairs->entries = (ikd_hashed_entry *)pairs->sorted;
    pairs->store = store;
    pairs->added = 0;
    pairs->hash = hash;
    return pairs;
}

/* The entry of the SA at store position `at`. */
static ikd_hashed_entry entry_of(const ikd_peer_pairs *pairs, const ikd_sa *sa, uint32_t at)
{
    ikd_address_pair pair = ikd_sa_address_pair(sa);
    return (ikd_hashed_entry){ (uint32_t)(pairs->hash((const uint8_t *)&pair, sizeof pair) >> 32), at };
}

void ikd_peer_pairs_add(ikd_peer_pairs *pairs, const ikd_sa *sa)
{
    uint32_t at = pairs->added;
    if (at >= pairs->count || ikd_sa_store_at(pairs->store, at) != sa)
        return; /* not the store's next SA: ikd_peer_pairs_end adds it */
    pairs->entries[at] = entry_of(pairs, sa, at);
    pairs->added++;
}

void ikd_peer_pairs_end(ikd_peer_pairs *pairs)
{
    const ikd_sa_store *store = pairs->store;
    uint32_t n = pairs->count;
    for (; pairs->added < n; pairs->added++) /* those not added in order (none, as the engine and build add them) */
        pairs->entries[pairs->added] = entry_of(pairs, ikd_sa_store_at(store, pairs->added), pairs->added);
    ikd_hashed_entry *entries = pairs->entries;
    ikd_hashed_entry *scratch = g_new(ikd_hashed_entry, MAX(n, 1));
    ikd_sort_by_hash(entries, scratch, n);
    /* The scratch's first half becomes the placements, the rest given back
     * (glibc shrinks a block this size in place, or unmaps its tail). */
    pairs->placements = g_realloc(scratch, MAX(n, 1) * sizeof(placement));
    for (uint32_t start = 0, end; start < n; start = end) {
        bool collided = false;
        for (end = start + 1; end < n && entries[end].hash == entries[start].hash; end++)
            collided = collided || !same_pair(store, &entries[start], &entries[end]);
        if (collided) /* rare: sort the run by the pairs, and split it */
            sort_run_by_pair(store, entries + start, end - start);
        for (uint32_t group = start, next; group < end; group = next) {
            for (next = group + 1; next < end && (!collided || same_pair(store, &entries[group], &entries[next]));)
                next++;
            file_group(pairs, store, entries, n, group, next);
        }
    }
    pairs->entries = NULL; /* sorted, now */
    pairs->store = NULL; /* asked nothing of after the build */
}

void ikd_peer_pairs_free(ikd_peer_pairs *pairs)
{
    if (!pairs)
        return;
    ikd_peer_pairs_forget_answers(pairs);
    g_free(pairs->sorted);
    g_free(pairs->placements);
    g_array_free(pairs->shares, TRUE);
    g_free(pairs);
}

/* The shared_place of a placement that has one, else NULL. */
static const shared_place *shared_of(const ikd_peer_pairs *pairs, placement p)
{
    return p & SHARED ? &g_array_index(pairs->shares, shared_place, p & ~SHARED) : NULL;
}

ikd_sa_group ikd_peer_pairs_of(const ikd_peer_pairs *pairs, const ikd_sa *sa)
{
    uint32_t index = sa->index;
    if (index >= pairs->count || !pairs->placements)
        return (ikd_sa_group){ NULL, 0 };
    placement p = pairs->placements[index];
    const shared_place *shared = shared_of(pairs, p);
    uint32_t position = shared ? shared->position : p;
    if (pairs->sorted[position] != sa) /* an SA made or moved since the build is in no group */
        return (ikd_sa_group){ NULL, 0 };
    return shared ? (ikd_sa_group){ pairs->sorted + shared->group_start, shared->group_len }
                  : (ikd_sa_group){ pairs->sorted + position, 1 };
}

bool ikd_peer_pairs_same_group(const ikd_peer_pairs *pairs, const ikd_sa *a, const ikd_sa *b)
{
    ikd_sa_group ga = ikd_peer_pairs_of(pairs, a), gb = ikd_peer_pairs_of(pairs, b);
    return ga.len && ga.sas == gb.sas;
}

ikd_sa_group ikd_sa_group_all(const ikd_sa_store *store)
{
    return (ikd_sa_group){ (ikd_sa *const *)store->sas->pdata, store->sas->len };
}

/* --- Answers about the other SAs of a group ------------------------------ */

static int by_last_frame_descending(const void *pa, const void *pb)
{
    const ikd_sa *a = *(ikd_sa *const *)pa, *b = *(ikd_sa *const *)pb;
    return a->last_frame > b->last_frame ? -1 : a->last_frame < b->last_frame;
}

/* For an SA that shares its pair. */
static pair_answer *answer_of(const ikd_peer_pairs *pairs, const ikd_sa *sa)
{
    return &pairs->answers[pairs->placements[sa->index] & ~SHARED];
}

/* One group of two SAs or more, sorted[start .. start + len): each answer
 * for each of its SAs. */
static void answer_group(ikd_peer_pairs *pairs, ikd_sa_test offers, uint32_t start, uint32_t len, ikd_sa **scratch)
{
    ikd_sa *const *group = pairs->sorted + start;
    double latest = -G_MAXDOUBLE;
    for (uint32_t k = len; k-- > 0;) { /* later SAs first */
        answer_of(pairs, group[k])->latest_start_after = latest;
        if (group[k]->roles_known && group[k]->first_time > latest)
            latest = group[k]->first_time;
    }
    memcpy(scratch, group, len * sizeof *scratch);
    qsort(scratch, len, sizeof *scratch, by_last_frame_descending);
    latest = -G_MAXDOUBLE;
    for (uint32_t k = 0, next; k < len; k = next) { /* SAs ending in one frame see only later frames */
        for (next = k; next < len && scratch[next]->last_frame == scratch[k]->last_frame; next++)
            answer_of(pairs, scratch[next])->latest_end_after = latest;
        for (uint32_t m = k; m < next; m++)
            if (scratch[m]->last_time > latest)
                latest = scratch[m]->last_time;
    }
    /* The first two SAs each address started that count (a group has two
     * addresses, one when an SA is between an address and itself). */
    const ikd_address *from[2] = { NULL, NULL };
    const ikd_sa *first[2][2] = { { NULL, NULL }, { NULL, NULL } };
    for (uint32_t k = 0; k < len; k++) {
        const ikd_sa *sa = group[k];
        int side = from[0] && !ikd_address_equal(from[0], &sa->peer[0]) ? 1 : 0;
        if (!from[side])
            from[side] = &sa->peer[0];
        if (!ikd_address_equal(from[side], &sa->peer[0]) || !offers(sa))
            continue;
        if (!first[side][0])
            first[side][0] = sa;
        else if (!first[side][1])
            first[side][1] = sa;
    }
    for (uint32_t k = 0; k < len; k++) {
        const ikd_sa *sa = group[k], *found = NULL;
        for (int side = 0; side < 2 && !found; side++)
            if (from[side] && ikd_address_equal(from[side], &sa->peer[1]))
                found = first[side][0] != sa ? first[side][0] : first[side][1];
        answer_of(pairs, sa)->first_from_responder = found;
    }
}

void ikd_peer_pairs_answer(ikd_peer_pairs *pairs, ikd_sa_test offers)
{
    ikd_peer_pairs_forget_answers(pairs);
    guint sharing = pairs->shares->len;
    pairs->answers = g_new(pair_answer, MAX(sharing, 1)); /* never NULL once asked for */
    /* Scratch for the largest group: under a flood, none (every SA alone),
     * where one for every SA was 8 MB of fresh pages at a million. */
    uint32_t largest = 1;
    for (guint k = 0; k < sharing; k++)
        largest = MAX(largest, g_array_index(pairs->shares, shared_place, k).group_len);
    ikd_sa **scratch = largest > 1 ? g_new(ikd_sa *, largest) : NULL;
    /* Only the SAs that share a pair have answers to work out: a walk of
     * `sorted` read every SA, in the order of the pairs' hashes (a cache
     * miss an SA; 13% of the engine's time on a 1M-SA flood, perf), and
     * one of the placements read them all, 16 MB under that flood. */
    for (guint k = 0; k < sharing; k++) {
        const shared_place *p = &g_array_index(pairs->shares, shared_place, k);
        if (p->position == p->group_start) /* the first SA of its group */
            answer_group(pairs, offers, p->group_start, p->group_len, scratch);
    }
    g_free(scratch);
}

void ikd_peer_pairs_forget_answers(ikd_peer_pairs *pairs)
{
    g_free(pairs->answers);
    pairs->answers = NULL;
}

/* The answers made for sa: NULL when there are none (not asked for, or sa
 * is in no group); `alone` when sa is alone between its peers. */
static const pair_answer alone = { -G_MAXDOUBLE, -G_MAXDOUBLE, NULL };

static const pair_answer *answers_for(const ikd_peer_pairs *pairs, const ikd_sa *sa)
{
    if (!pairs->answers || !ikd_peer_pairs_of(pairs, sa).len)
        return NULL;
    return pairs->placements[sa->index] & SHARED ? answer_of(pairs, sa) : &alone;
}

double ikd_peer_pairs_latest_start_after(const ikd_peer_pairs *pairs, const ikd_sa *sa)
{
    const pair_answer *answer = answers_for(pairs, sa);
    if (answer)
        return answer->latest_start_after;
    double latest = -G_MAXDOUBLE;
    const ikd_sa_group peers = ikd_peer_pairs_of(pairs, sa);
    for (guint i = peers.len; i-- > 0 && peers.sas[i]->conn_id > sa->conn_id;)
        if (peers.sas[i]->roles_known && peers.sas[i]->first_time > latest)
            latest = peers.sas[i]->first_time;
    return latest;
}

double ikd_peer_pairs_latest_end_after(const ikd_peer_pairs *pairs, const ikd_sa *sa)
{
    const pair_answer *answer = answers_for(pairs, sa);
    if (answer)
        return answer->latest_end_after;
    double latest = -G_MAXDOUBLE;
    const ikd_sa_group peers = ikd_peer_pairs_of(pairs, sa);
    for (guint i = 0; i < peers.len; i++)
        if (peers.sas[i]->last_frame > sa->last_frame && peers.sas[i]->last_time > latest)
            latest = peers.sas[i]->last_time;
    return latest;
}

const ikd_sa *ikd_peer_pairs_first_started_by_responder(const ikd_peer_pairs *pairs, const ikd_sa *sa)
{
    const pair_answer *answer = answers_for(pairs, sa);
    if (answer)
        return answer->first_from_responder;
    return NULL; /* asked only with the answers made (ikd_peer_pairs_answer gives the test) */
}
