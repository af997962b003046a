/* ikediag - the engine: hands each message to its IKE version's handler,
 * the way Suricata's IKE parser hands each to ikev1.rs or ikev2.rs, and
 * answers for the whole capture afterwards (SAs, answers, verdicts).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "engine.h"

#include "common/attached_findings.h"
#include "common/deferred_messages.h"
#include "common/duplicates.h"
#include "common/exchange.h"
#include "common/icmp.h"
#include "common/ike_header.h"
#include "common/message_index.h"
#include "common/nat_keepalive.h"
#include "common/peer_pairs.h"
#include "common/sa_store.h"
#include "flood.h"
#include "ikev1/ra_verdicts.h"
#include "ikev1/ikev1.h"
#include "ikev1/ikev1_sa.h"
#include "ikev2/icmp.h"
#include "ikev1/verdicts.h"
#include "ikev2/ikev2.h"
#include "ikev2/ikev2_sa.h"
#include "ikev2/verdicts.h"

#include <string.h>

struct ikd_engine {
    ikd_sa_store store;
    ikd_message_index messages;
    ikd_attached_findings verdicts;
    ikd_duplicate_window duplicates;
    ikd_keepalive_index keepalives; /* NAT-T SAs by their ends, for keepalives */
    ikd_key_chains phase2_spis;     /* decrypted quick modes by the SPIs they chose, for DELETEs */
    ikd_v1_offer_pool *v1_offers;   /* IKEv1 SAs' phase-1 offers, each kept once */
    ikd_v1_records v1_records;      /* the IKEv1 SAs' records and parts */
    ikd_v2_records v2_records;      /* the IKEv2 SAs' records and exchanges */
    ikd_key_chains v2_rekeys;       /* IKEv2 IKE rekeys by the SPI pair they announced */
    ikd_v2_message *v2_views;       /* [2]: where each IKEv2 message is read (ikd_v2_context.views) */
    bool verdicts_stale; /* messages were fed since the verdicts were computed */
    double last_time;
    double capture_end;     /* the latest timestamp of any frame of the capture */
    bool frames_noted;      /* a frame was noted */
    uint32_t noted_frame;   /* the last frame noted, and its time */
    double noted_time;
    double frame_behind;    /* how much earlier than the frame before it the last frame noted is stamped */
    const ikd_ios_config *ios_config; /* not owned */
    ikd_flood_bound bound; /* the bound on the SA table, and what it dropped */
    GArray *bursts;        /* ikd_burst: half-open SAs summarised (flood.h) */
    ikd_peer_pairs *pairs; /* SAs by address pair, as of the last judgement: stale with the verdicts */
    uint32_t v1_sas_ipv4, v1_sas_ipv6; /* IKEv1 SAs by their initiator's family, as of the last judgement */
    ikd_deferred_messages deferred; /* messages given to ikd_engine_defer, not yet fed */
    bool fetches_seen;              /* a TCP segment was a CRL or OCSP fetch (ikd_engine_note_tcp) */
    uint64_t deferred_total, deferred_runs;
};

static void bring_up_to_date(ikd_engine *e);
static void settle(ikd_engine *e);

static void destroy_sa(ikd_sa *sa, void *engine)
{
    if (sa->ike_version == IKD_IKEV2_MAJOR) {
        ikd_v2_sa_destroy(&((ikd_engine *)engine)->v2_records, ikd_v2_sa_of(sa));
    } else {
        ikd_v1_sa_destroy(&((ikd_engine *)engine)->v1_records, ikd_v1_sa_of(sa));
    }
}

ikd_engine *ikd_engine_new(void)
{
    ikd_engine *e = g_new0(ikd_engine, 1);
    ikd_sa_store_init(&e->store, destroy_sa, e);
    ikd_v1_records_init(&e->v1_records);
    ikd_v2_records_init(&e->v2_records);
    ikd_message_index_init(&e->messages);
    ikd_attached_findings_init(&e->verdicts);
    ikd_duplicate_window_init(&e->duplicates);
    ikd_keepalive_index_init(&e->keepalives);
    ikd_key_chains_init(&e->phase2_spis);
    ikd_key_chains_init(&e->v2_rekeys);
    e->v2_views = g_new(ikd_v2_message, 2);
    e->v1_offers = ikd_v1_offer_pool_new();
    e->bound.max_sas = IKD_MAX_SAS_DEFAULT;
    e->bursts = g_array_new(FALSE, TRUE, sizeof(ikd_burst));
    ikd_deferred_init(&e->deferred);
    return e;
}

void ikd_engine_free(ikd_engine *engine)
{
    if (!engine)
        return;
    ikd_deferred_clear(&engine->deferred);
    g_array_free(engine->bursts, TRUE);
    ikd_peer_pairs_free(engine->pairs);
    ikd_duplicate_window_clear(&engine->duplicates);
    ikd_flood_bound_clear(&engine->bound);
    ikd_keepalive_index_clear(&engine->keepalives);
    ikd_key_chains_clear(&engine->phase2_spis);
    ikd_key_chains_clear(&engine->v2_rekeys);
    g_free(engine->v2_views);
    ikd_attached_findings_clear(&engine->verdicts);
    ikd_message_index_clear(&engine->messages);
    ikd_sa_store_clear(&engine->store);
    ikd_v1_offer_pool_free(engine->v1_offers); /* after the SAs that hold its offers */
    ikd_v1_records_clear(&engine->v1_records); /* after the store has released every SA */
    ikd_v2_records_clear(&engine->v2_records);
    g_free(engine);
}

/* A NAT-T keepalive: counted on its SA, which it names with its states,
 * and kept out of the duplicate window (it is not an IKE message). */
static void feed_keepalive(ikd_engine *e, const ikd_packet *p, ikd_annotation *ann)
{
    ikd_sa *sa = ikd_nat_keepalive_feed(&e->store, &e->keepalives, p, ann);
    const ikd_v1_sa *v1 = sa ? ikd_v1_sa_of(sa) : NULL;
    if (v1)
        ikd_v1_annotate_states(v1, &ann->result);
}

/* A message whose frame was noted, frame_behind what the note found. */
static void feed_noted(ikd_engine *e, const ikd_packet *given, double frame_behind, ikd_annotation *ann)
{
    ikd_packet packet = *given;
    packet.hash = ikd_message_hash(given); /* once: copies, resends and steps are told apart by it */
    const ikd_packet *p = &packet;
    ikd_annotation_reset(ann); /* not a 2.6 KB memset for every message */
    if (p->transport == IKD_TRANSPORT_NAT_KEEPALIVE) {
        feed_keepalive(e, p, ann);
        return;
    }
    if (p->time > e->last_time || !ikd_sa_store_count(&e->store)) {
        e->last_time = p->time;
        e->verdicts_stale = true; /* "abandoned" depends on where the capture ends */
    }
    /* A message quoted in an ICMP error is not a copy of it on the wire. */
    bool quote = p->transport == IKD_TRANSPORT_ICMP_QUOTE;
    if (!quote && ikd_duplicate_annotate(&e->duplicates, p, ann))
        return; /* a copy the capture made: named, never counted */
    if (!quote && ikd_flood_of_dropped_sa(&e->bound, &e->store, p->bytes, p->captured_len)) {
        /* Not made again: the bound would drop it again, in an older SA's place. */
        ikd_findings_add(&ann->findings, IKD_F_DROPPED_SA_MESSAGE, 0, 0, e->bound.max_sas, 0, 0, 0);
        return;
    }
    if (quote && ikd_icmp_quoted_version(&e->store, p) == IKD_IKEV2_MAJOR) {
        const ikd_v2_context ctx = { &e->store, &e->messages, &e->v2_rekeys, &e->v2_records, e->v2_views };
        ikd_v2_on_icmp_quote(&ctx, p, ann);
    } else if (!quote && ikd_ike_major_version(p->bytes, p->captured_len) == IKD_IKEV2_MAJOR) {
        const ikd_v2_context ctx = { &e->store, &e->messages, &e->v2_rekeys, &e->v2_records, e->v2_views };
        ikd_v2_feed(&ctx, p, ann);
    } else {
        /* ISAKMP, and anything that claims another version: the IKEv1 reader flags it. */
        const ikd_v1_context ctx = { &e->store, &e->messages, e->ios_config, &e->phase2_spis, e->v1_offers,
                                       &e->v1_records };
        ikd_v1_feed(&ctx, p, ann);
    }
    if (frame_behind > 0 && p->pdu == 0)
        ikd_findings_add(&ann->findings, IKD_F_OUT_OF_ORDER, 0, 0, ikd_elapsed_ms(0, frame_behind), 0, 0, 0);
    if (ann->result.conn_id) {
        e->verdicts_stale = true;
        const ikd_sa *sa = quote ? NULL : ikd_sa_store_by_conn_id(&e->store, ann->result.conn_id);
        if (sa)
            ikd_keepalive_index_note(&e->keepalives, &e->store, sa);
    }
    if (!quote)
        ikd_duplicate_remember(&e->duplicates, p, &ann->result);
    ikd_flood_enforce_bound(&e->bound, &e->store, &e->messages, p->frame, p->pdu);
}

void ikd_engine_feed(ikd_engine *e, const ikd_packet *packet, ikd_annotation *ann)
{
    /* Its SA's slot, on the way while the message is hashed, checked for a
     * copy and read (a deferred run fetches it four messages ahead). */
    if (packet->bytes && packet->captured_len >= 8)
        ikd_sa_store_prefetch(&e->store, packet->bytes);
    settle(e);
    ikd_engine_note_frame(e, packet->frame, packet->time);
    feed_noted(e, packet, e->frame_behind, ann);
}

void ikd_engine_defer(ikd_engine *e, const ikd_packet *packet)
{
    ikd_engine_note_frame(e, packet->frame, packet->time);
    e->deferred_total++;
    if (ikd_deferred_push(&e->deferred, packet, e->frame_behind))
        settle(e);
}

void ikd_engine_deferred_counts(const ikd_engine *e, uint64_t *messages, uint64_t *runs)
{
    *messages = e->deferred_total;
    *runs = e->deferred_runs;
}

/* Where the SA store will look for the index-th held message's initiator
 * SPI, fetched while earlier ones are fed (LOOK_AHEAD messages before it):
 * under a flood every MM1 looks its SPI up in a table too big for the
 * caches and waited for memory (perf: that lookup was ikediag's costliest
 * line in tshark on a 100k-MM1 flood, 1.8% of the run; fetched ahead, it
 * and the fetch 0.7%). */
enum { LOOK_AHEAD = 4 };

static void look_ahead(const ikd_engine *e, uint32_t index)
{
    size_t len;
    const uint8_t *bytes = ikd_deferred_bytes(&e->deferred, index, &len);
    if (bytes && len >= 8)
        ikd_sa_store_prefetch(&e->store, bytes);
}

/* Feeds the deferred messages, in the order they came. */
static void settle(ikd_engine *e)
{
    uint32_t count = ikd_deferred_count(&e->deferred);
    if (!count)
        return;
    e->deferred_runs++;
    ikd_annotation ann;
    for (uint32_t i = 0; i < count; i++) {
        if (i + LOOK_AHEAD < count)
            look_ahead(e, i + LOOK_AHEAD);
        ikd_packet packet;
        double frame_behind = ikd_deferred_at(&e->deferred, i, &packet);
        feed_noted(e, &packet, frame_behind, &ann);
        ikd_annotation_clear(&ann);
    }
    ikd_deferred_reset(&e->deferred);
}

void ikd_engine_settle(ikd_engine *e)
{
    settle(e);
}

void ikd_engine_set_duplicate_window(ikd_engine *e, double seconds)
{
    settle(e); /* the messages deferred came under the window set then */
    e->duplicates.window = seconds > 0 ? seconds : 0;
}

void ikd_engine_set_max_sas(ikd_engine *e, uint32_t max_sas)
{
    settle(e);
    e->bound.max_sas = max_sas;
}

uint32_t ikd_engine_sas_dropped(const ikd_engine *e)
{
    return e->bound.dropped;
}

const ikd_burst *ikd_engine_bursts(ikd_engine *e, uint32_t *count)
{
    bring_up_to_date(e);
    *count = e->bursts->len;
    return (const ikd_burst *)(void *)e->bursts->data;
}

void ikd_engine_set_ios_config(ikd_engine *e, const ikd_ios_config *config)
{
    settle(e);
    e->ios_config = config;
}

uint32_t ikd_engine_response_in(const ikd_engine *e, uint32_t frame, uint32_t pdu)
{
    return ikd_message_index_answer(&e->messages, frame, pdu);
}

void ikd_engine_drop_answers(ikd_engine *e)
{
    settle(e);
    ikd_message_index_stop(&e->messages);
}

/* The first of the two walks over every SA at the end (each SA a walk reads
 * first is a cache miss, so each walk does all it can): finds the bursts and
 * files the SAs by peer pair. */
static ikd_peer_pairs *find_bursts_and_pairs(ikd_engine *e)
{
    ikd_burst_finder *finder = ikd_flood_bursts_begin(e->bursts);
    ikd_peer_pairs *pairs = ikd_peer_pairs_begin(&e->store, ikd_bytes_hash);
    for (uint32_t i = 0; i < ikd_sa_store_count(&e->store); i++) {
        ikd_sa_store_prefetch_ahead(&e->store, i);
        ikd_flood_bursts_add(finder, &e->store, i);
        ikd_peer_pairs_add(pairs, ikd_sa_store_at(&e->store, i));
    }
    ikd_flood_bursts_end(finder, &e->store);
    ikd_peer_pairs_end(pairs);
    return pairs;
}

/* The second walk: each SA's verdict (a burst's for its SAs), the IKEv1 SAs
 * counted by family, those with an assigned address collected. */
static void judge_each_sa(ikd_engine *e, const GPtrArray *burst_verdicts, GPtrArray *ra_with_address)
{
    e->v1_sas_ipv4 = e->v1_sas_ipv6 = 0;
    for (uint32_t i = 0; i < ikd_sa_store_count(&e->store); i++) {
        ikd_sa_store_prefetch_ahead(&e->store, i);
        ikd_sa *sa = ikd_sa_store_at(&e->store, i);
        ikd_v1_sa *v1 = ikd_v1_sa_of(sa);
        ikd_v2_sa *v2 = ikd_v2_sa_of(sa);
        if (v1) {
            e->v1_sas_ipv4 += sa->peer[0].family == 4;
            e->v1_sas_ipv6 += sa->peer[0].family == 6;
        }
        if (sa->burst) {
            ikd_flood_give_burst_verdict(sa, burst_verdicts);
        } else if (v1) {
            if (ikd_v1_ra_address_assigned(v1))
                g_ptr_array_add(ra_with_address, v1);
            ikd_v1_judge(v1, e->pairs, &e->verdicts, e->last_time, e->capture_end);
        } else if (v2) {
            ikd_v2_judge(v2, &e->store, e->pairs, &e->verdicts, e->last_time, e->capture_end);
        }
    }
}

/* Recomputes every SA's verdict and final status. */
static void judge_all(ikd_engine *e)
{
    ikd_attached_findings_remove_all(&e->verdicts);
    ikd_peer_pairs_free(e->pairs);
    e->pairs = find_bursts_and_pairs(e);
    ikd_peer_pairs_answer(e->pairs, ikd_v2_made_an_offer);
    GPtrArray *burst_verdicts = ikd_flood_judge_bursts(e->bursts, &e->verdicts);
    GPtrArray *ra_with_address = g_ptr_array_new();
    judge_each_sa(e, burst_verdicts, ra_with_address);
    ikd_peer_pairs_forget_answers(e->pairs);
    g_ptr_array_free(burst_verdicts, TRUE);
    ikd_flood_judge_bound(&e->bound, &e->verdicts);
    ikd_v1_ra_shared_addresses(ra_with_address, &e->verdicts);
    g_ptr_array_free(ra_with_address, TRUE);
    e->verdicts_stale = false;
}

static void bring_up_to_date(ikd_engine *e)
{
    settle(e);
    if (e->verdicts_stale)
        judge_all(e);
}

void ikd_engine_verdicts(ikd_engine *e, uint32_t frame, uint32_t pdu, ikd_finding_list *out)
{
    bring_up_to_date(e);
    ikd_attached_findings_get(&e->verdicts, frame, pdu, out);
}

uint32_t ikd_engine_sa_count(ikd_engine *e)
{
    bring_up_to_date(e);
    return ikd_sa_store_count(&e->store);
}

uint32_t ikd_engine_v1_sa_count_of_family(ikd_engine *e, int family)
{
    bring_up_to_date(e);
    return family == 4 ? e->v1_sas_ipv4 : family == 6 ? e->v1_sas_ipv6 : 0;
}

const ikd_sa *ikd_engine_sa(ikd_engine *e, uint32_t index)
{
    bring_up_to_date(e);
    /* The tables walk the SAs in order: each would be a cache miss. */
    ikd_sa_store_prefetch_ahead(&e->store, index);
    return ikd_sa_store_at(&e->store, index);
}

const ikd_sa *ikd_engine_sa_by_conn_id(ikd_engine *e, uint32_t conn_id)
{
    bring_up_to_date(e);
    return ikd_sa_store_by_conn_id(&e->store, conn_id);
}

const ikd_sa *ikd_engine_sa_peek(const ikd_engine *e, uint32_t conn_id)
{
    return ikd_sa_store_by_conn_id(&e->store, conn_id);
}

uint32_t ikd_engine_sa_count_peek(const ikd_engine *e)
{
    return ikd_sa_store_count(&e->store);
}

const ikd_sa *ikd_engine_sa_peek_at(const ikd_engine *e, uint32_t index)
{
    return ikd_sa_store_at(&e->store, index);
}

void ikd_engine_phase2_outcome(const ikd_engine *e, const ikd_sa *sa, const ikd_quick_mode *qm,
                               ikd_phase2_outcome *out)
{
    const ikd_v1_sa *v1 = ikd_v1_sa_of_const(sa);
    /* A rekey is between the same two peers: searching only their SAs keeps
     * the IPsec tables linear (searching every SA for every decrypted quick
     * mode did not finish in minutes on 10,000 decrypted SAs). */
    const ikd_sa_group same_peers =
        e->pairs && !e->verdicts_stale ? ikd_peer_pairs_of(e->pairs, sa) : (ikd_sa_group){ NULL, 0 };
    if (v1)
        ikd_v1_phase2_outcome(same_peers.len ? same_peers : ikd_sa_group_all(&e->store), v1, qm, out);
    else
        memset(out, 0, sizeof *out); /* quick modes are IKEv1's */
}

void ikd_engine_note_frame(ikd_engine *e, uint32_t frame, double time)
{
    if (e->frames_noted && frame == e->noted_frame)
        return;
    e->frame_behind = e->frames_noted && time < e->noted_time ? e->noted_time - time : 0;
    e->frames_noted = true;
    e->noted_frame = frame;
    e->noted_time = time;
    if (time > e->capture_end) {
        e->capture_end = time;
        e->verdicts_stale = true;
    }
}

double ikd_engine_last_time(const ikd_engine *e)
{
    return e->last_time;
}

/* A TCP segment around the IKE traffic: a CRL or OCSP fetch of an SA's
 * certificate changes what its refusal means. */
const struct ikd_fetch *ikd_engine_note_tcp(ikd_engine *e, const ikd_tcp_segment *seg, const ikd_sa **sa_out)
{
    ikd_engine_note_frame(e, seg->frame, seg->time);
    /* No fetch under way and none opened by this segment: no message could
     * make it one, so a run of deferred messages is not cut for every TCP
     * segment of a mixed capture. */
    if (!e->fetches_seen && !ikd_revocation_may_open(seg))
        return NULL;
    settle(e); /* a fetch is tied to the certificates received before it */
    const ikd_fetch *f = ikd_revocation_note(&e->store, seg, sa_out);
    if (f) {
        e->fetches_seen = true;
        e->verdicts_stale = true;
    }
    return f;
}
