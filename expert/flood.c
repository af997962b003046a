/* ikediag - bursts of half-open SAs and the bound on the SA table (flood.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "flood.h"

#include "common/exchange.h"
#include "core/hash_sort.h"
#include "core/keyed_items.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/ikev1_sa.h"
#include "ikev2/ikev2_names.h"
#include "ikev2/ikev2_sa.h"

#include <string.h>

/* Certificates or CA requests were read: more than a bare first message. */
static bool has_pki(const ikd_sa *sa)
{
    const ikd_sa_extra *x = ikd_sa_extra_const(sa);
    return x->certs || x->ca_requests;
}

bool ikd_flood_half_open(const ikd_sa *sa)
{
    const ikd_v1_sa *v1 = ikd_v1_sa_of_const(sa);
    if (!v1 || (v1->mode != IKD_EX_MAIN && v1->mode != IKD_EX_AGGRESSIVE) || v1->roles_inferred)
        return false;
    const ikd_v1_sa_rare *rare = ikd_v1_rare_const(v1);
    return v1->responder_sent == 0 && v1->step_one.copies > 0 && sa->messages == v1->step_one.copies &&
           ikd_v1_quick_mode_count(v1) == 0 && !has_pki(sa) && !sa->deleted && !ikd_v1_ra_seen(v1) &&
           !rare->dpd && !rare->ip_fragmented && !rare->icmp && !rare->phase1_informationals;
}

/* An IKEv2 SA of which the capture holds only the initiator's IKE_SA_INIT
 * request (any copies): no answer, no ICMP error quoting it. Summarised in
 * bursts like IKEv1's, and dropped by the bound like them. */
static bool v2_half_open(const ikd_sa *sa)
{
    const ikd_v2_sa *v2 = ikd_v2_sa_of_const(sa);
    if (!v2 || ikd_v2_exchange_count(v2) != 1 || sa->deleted || has_pki(sa))
        return false;
    const ikd_v2_exchange *ex = ikd_v2_exchange_at(v2, 0);
    for (int k = 0; k < IKD_ICMP_KINDS; k++)
        if (ikd_v2_icmp_seen(v2)[k].count)
            return false;
    return ex->exchange == IKD_V2_EX_SA_INIT && ex->requester == 0 && ex->request.copies > 0 &&
           ex->response.copies == 0 && sa->messages == ex->request.copies;
}

/* The first message of a half-open SA of either version, and what it is:
 * IKD_STEP_UNKNOWN when sa is not half-open. */
static ikd_step half_open_start(const ikd_sa *sa, uint32_t *frame, uint32_t *pdu)
{
    if (ikd_flood_half_open(sa)) {
        const ikd_v1_sa *v1 = ikd_v1_sa_of_const(sa);
        *frame = v1->step_one.first_frame;
        *pdu = v1->step_one.first_pdu;
        return v1->mode == IKD_EX_MAIN ? IKD_STEP_MM1 : IKD_STEP_AM1;
    }
    if (v2_half_open(sa)) {
        const ikd_v2_exchange *ex = ikd_v2_exchange_at(ikd_v2_sa_of_const(sa), 0);
        *frame = ex->request.first_frame;
        *pdu = ex->request.first_pdu;
        return IKD_STEP_IKE_SA_INIT;
    }
    return IKD_STEP_UNKNOWN;
}

/* An address's hash: its family and the bytes it uses (an IPv4 address
 * leaves the rest of the array unspecified). */
static uint64_t address_hash(const ikd_address *a)
{
    return ikd_bytes_hash(a->bytes, a->family == 6 ? 16 : 4) ^ a->family;
}

/* Distinct initiator addresses of the open run: an entry of 32 bits of the
 * address's hash and the SA's index, appended as the run grows, and the
 * entries sorted by hash and counted when it closes (core/hash_sort.h).
 * Hash slots probed for each SA waited for memory at a random place (perf,
 * 1M MM1 flood: the first slot's load, 6% of engine_bench's run); a
 * GHashTable of copied addresses was 450 instructions an SA and about 50 MB
 * at a million (callgrind, engine alone); a second and a third pass over
 * the run's SAs, to number them and count their sources once its length
 * was known, a fifth of the verdicts' time (perf, 1M MM1 flood). */
static void source_list_add(GArray *list, uint32_t sa_index, const ikd_address *source)
{
    const ikd_hashed_entry entry = { (uint32_t)(address_hash(source) >> 32), sa_index };
    g_array_append_val(list, entry);
}

static const ikd_address *initiator_at(uint32_t sa_index, const void *store)
{
    return &ikd_sa_store_at(store, sa_index)->peer[0];
}

static uint32_t source_list_count(GArray *list, const ikd_sa_store *store)
{
    ikd_hashed_entry *entries = (ikd_hashed_entry *)(void *)list->data;
    ikd_hashed_entry *scratch = g_new(ikd_hashed_entry, MAX(list->len, 1));
    ikd_sort_by_hash(entries, scratch, list->len);
    g_free(scratch);
    return ikd_count_distinct_addresses(entries, list->len, initiator_at, store);
}

/* A run of half-open SAs: consecutive in creation order, each begun within
 * the gap after the one before, all starting with the same message (a burst
 * of MM1s and one of IKE_SA_INITs are told apart). Its SAs carry the number
 * it will have as a burst while it is open. */
typedef struct {
    uint32_t first, last, count;
    uint32_t number;
    double previous;
    ikd_burst burst; /* what it is as a burst, so far */
    GArray *sources; /* ikd_hashed_entry: its initiator addresses */
} half_open_run;

static void run_add(half_open_run *run, const ikd_sa_store *store, uint32_t index, ikd_step step, uint32_t frame,
                    uint32_t pdu)
{
    ikd_sa *sa = ikd_sa_store_at(store, index);
    if (!run->count++) {
        run->first = index;
        run->burst = (ikd_burst){ .first_time = sa->first_time, .first_frame = frame, .first_pdu = pdu,
                                  .responder = sa->peer[1], .step = step };
    }
    run->last = index;
    run->previous = sa->first_time;
    if (sa->last_time > run->burst.last_time)
        run->burst.last_time = sa->last_time;
    sa->burst = run->number;
    source_list_add(run->sources, index, &sa->peer[0]);
}

/* Closes the open run: a burst when it has enough SAs, else its SAs are in
 * no burst. */
static void run_close(half_open_run *run, const ikd_sa_store *store, GArray *bursts)
{
    if (!run->count)
        return;
    if (run->count >= IKD_BURST_MIN_SAS) {
        run->burst.sas = run->count;
        run->burst.sources = source_list_count(run->sources, store);
        g_array_append_val(bursts, run->burst);
    } else {
        for (uint32_t i = run->first; i <= run->last; i++) {
            ikd_sa *sa = ikd_sa_store_at(store, i);
            if (sa->burst == run->number)
                sa->burst = 0;
        }
    }
    g_array_set_size(run->sources, 0); /* its room kept for the next run */
    run->count = 0;
    run->number = bursts->len + 1;
}

struct ikd_burst_finder {
    GArray *bursts;
    half_open_run run;
};

ikd_burst_finder *ikd_flood_bursts_begin(GArray *bursts)
{
    g_array_set_size(bursts, 0);
    ikd_burst_finder *finder = g_new0(ikd_burst_finder, 1);
    finder->bursts = bursts;
    finder->run.number = 1;
    finder->run.sources = g_array_new(FALSE, FALSE, sizeof(ikd_hashed_entry));
    return finder;
}

void ikd_flood_bursts_add(ikd_burst_finder *finder, const ikd_sa_store *store, uint32_t index)
{
    half_open_run *run = &finder->run;
    ikd_sa *sa = ikd_sa_store_at(store, index);
    uint32_t frame, pdu;
    sa->burst = 0;
    ikd_step step = half_open_start(sa, &frame, &pdu);
    if (step == IKD_STEP_UNKNOWN)
        return;
    if (run->count && (sa->first_time - run->previous > IKD_BURST_GAP_SECONDS || step != run->burst.step))
        run_close(run, store, finder->bursts);
    run_add(run, store, index, step, frame, pdu);
}

void ikd_flood_bursts_end(ikd_burst_finder *finder, const ikd_sa_store *store)
{
    run_close(&finder->run, store, finder->bursts);
    g_array_free(finder->run.sources, TRUE);
    g_free(finder);
}

GPtrArray *ikd_flood_judge_bursts(const GArray *bursts, ikd_attached_findings *board)
{
    GPtrArray *verdicts = g_ptr_array_sized_new(bursts->len); /* kept by the board */
    for (guint i = 0; i < bursts->len; i++) {
        const ikd_burst *b = &g_array_index(bursts, ikd_burst, i);
        const uint32_t args[IKD_FINDING_ARGS] = { b->sas, b->sources, ikd_elapsed_ms(b->first_time, b->last_time),
                                                  b->step, 0 };
        ikd_finding f = ikd_attach_finding(board, b->first_frame, b->first_pdu, IKD_F_FLOOD_BURST, args);
        g_ptr_array_add(verdicts, (gpointer)ikd_attached_findings_keep_verdict(board, f));
    }
    return verdicts;
}

void ikd_flood_give_burst_verdict(ikd_sa *sa, const GPtrArray *verdicts)
{
    sa->verdict = g_ptr_array_index(verdicts, sa->burst - 1);
    sa->verdict_evidence = IKD_EVIDENCE_WEAK; /* three causes the capture cannot tell apart */
}

/* The only message record of a half-open SA (IKEv1 MM1/AM1, IKEv2
 * IKE_SA_INIT request), which the message index points at; NULL when the
 * SA is not half-open. */
static const ikd_step_record *half_open_record(const ikd_sa *sa)
{
    if (ikd_flood_half_open(sa))
        return &ikd_v1_sa_of_const(sa)->step_one;
    if (v2_half_open(sa))
        return &ikd_v2_exchange_at(ikd_v2_sa_of_const(sa), 0)->request;
    return NULL;
}

static void remember_dropped(ikd_flood_bound *bound, const ikd_sa *sa)
{
    gpointer key = ikd_key64(ikd_key64_of_bytes(sa->spi_i));
    if (!key)
        return; /* a key of 0 would read as absent */
    guint generation = MAX(bound->max_sas / 2, 64);
    if (!bound->dropped_spis[0])
        bound->dropped_spis[0] = g_hash_table_new(ikd_key64_hash, g_direct_equal);
    else if (g_hash_table_size(bound->dropped_spis[0]) >= generation) {
        if (bound->dropped_spis[1])
            g_hash_table_destroy(bound->dropped_spis[1]);
        bound->dropped_spis[1] = bound->dropped_spis[0];
        bound->dropped_spis[0] = g_hash_table_new(ikd_key64_hash, g_direct_equal);
    }
    g_hash_table_add(bound->dropped_spis[0], key);
}

bool ikd_flood_of_dropped_sa(const ikd_flood_bound *bound, const ikd_sa_store *store, const uint8_t *bytes,
                             size_t length)
{
    if (!bound->dropped_spis[0] || length < 16 || !ikd_spi_is_zero(bytes + 8))
        return false; /* nothing dropped yet (the newer generation is made with the first drop) */
    gpointer key = ikd_key64(ikd_key64_of_bytes(bytes));
    bool dropped = false;
    for (int g = 0; g < 2 && key && !dropped; g++)
        dropped = bound->dropped_spis[g] && g_hash_table_contains(bound->dropped_spis[g], key);
    return dropped && !ikd_sa_store_newest_with_spi_i(store, bytes);
}

void ikd_flood_bound_clear(ikd_flood_bound *bound)
{
    for (int g = 0; g < 2; g++) {
        if (bound->dropped_spis[g])
            g_hash_table_destroy(bound->dropped_spis[g]);
        bound->dropped_spis[g] = NULL;
    }
}

typedef struct {
    GHashTable *doomed;  /* ikd_sa* being removed */
    GHashTable *records; /* their step records */
} eviction;

static bool sa_doomed(const ikd_sa *sa, void *ctx)
{
    return g_hash_table_contains(((eviction *)ctx)->doomed, sa);
}

static bool record_doomed(const ikd_step_record *record, void *ctx)
{
    return g_hash_table_contains(((eviction *)ctx)->records, record);
}

void ikd_flood_enforce_bound(ikd_flood_bound *bound, ikd_sa_store *store, ikd_message_index *messages,
                             uint32_t frame, uint32_t pdu)
{
    uint32_t count = ikd_sa_store_count(store);
    if (!bound->max_sas || count <= bound->max_sas || count < bound->next_pass_at)
        return;
    uint32_t batch = MAX(bound->max_sas / 16, count - bound->max_sas);
    eviction ev = { g_hash_table_new(g_direct_hash, g_direct_equal), g_hash_table_new(g_direct_hash, g_direct_equal) };
    uint32_t i = MIN(bound->scan_from, count);
    for (; i < count && g_hash_table_size(ev.doomed) < batch; i++) {
        ikd_sa *sa = ikd_sa_store_at(store, i);
        const ikd_step_record *first = half_open_record(sa);
        if (!first)
            continue;
        g_hash_table_add(ev.doomed, sa);
        g_hash_table_add(ev.records, (gpointer)first);
        remember_dropped(bound, sa);
    }
    bound->scan_from = i - g_hash_table_size(ev.doomed); /* where the first i SAs' survivors end */
    if (g_hash_table_size(ev.doomed)) {
        if (!bound->dropped) {
            bound->frame = frame;
            bound->pdu = pdu;
        }
        ikd_message_index_forget(messages, record_doomed, &ev);
        bound->dropped += ikd_sa_store_remove(store, sa_doomed, &ev);
    }
    uint32_t dropped = g_hash_table_size(ev.doomed);
    bound->next_pass_at = dropped >= batch ? 0 : count - dropped + MAX(bound->max_sas / 16, 1);
    g_hash_table_destroy(ev.doomed);
    g_hash_table_destroy(ev.records);
}

void ikd_flood_judge_bound(const ikd_flood_bound *bound, ikd_attached_findings *board)
{
    if (!bound->dropped)
        return;
    const uint32_t args[IKD_FINDING_ARGS] = { bound->dropped, bound->max_sas, 0, 0, 0 };
    ikd_attach_finding(board, bound->frame, bound->pdu, IKD_F_SAS_DROPPED, args);
}
