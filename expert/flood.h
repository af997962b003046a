/* ikediag - a capture flooded with first messages nobody answers (an IKE
 * scan, a DoS, or a responder that is down): such half-open SAs are
 * summarised as bursts, one verdict each, and are the first to go when the
 * SA table reaches its bound.
 *
 * A half-open SA: an IKEv1 main- or aggressive-mode SA of which the capture
 * holds only the initiator's first message (MM1/AM1, any copies) and nothing
 * else: no answer, no certificate, nothing decrypted or quoted by ICMP.
 * A burst: at least IKD_BURST_MIN_SAS half-open SAs, in order of creation,
 * each begun at most IKD_BURST_GAP_SECONDS after the one before.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_FLOOD_H
#define IKD_FLOOD_H

#include "common/attached_findings.h"
#include "common/message_index.h"
#include "common/sa_store.h"

#include <glib.h>

enum { IKD_BURST_MIN_SAS = 100, IKD_BURST_GAP_SECONDS = 60, IKD_MAX_SAS_DEFAULT = 1000000 };

typedef struct {
    uint32_t sas;       /* half-open SAs in the burst */
    uint32_t sources;   /* distinct initiator addresses among them */
    double first_time;  /* the first one's first message */
    double last_time;   /* the last message of any of them */
    uint32_t first_frame, first_pdu; /* where the burst's verdict is attached */
    ikd_address responder; /* the first SA's responder */
    ikd_step step;      /* MM1 or AM1: the first SA's */
} ikd_burst;

bool ikd_flood_half_open(const ikd_sa *sa);

/* Finds the bursts (replacing *bursts' contents) and marks their SAs
 * (sa->burst: the burst's number, from 1); other SAs get 0. In steps, so
 * that the engine's one walk over every SA at the end does it: begin, add
 * each SA of the store by its index in store order, end (which frees the
 * finder). */
typedef struct ikd_burst_finder ikd_burst_finder;
ikd_burst_finder *ikd_flood_bursts_begin(GArray *bursts);
void ikd_flood_bursts_add(ikd_burst_finder *finder, const ikd_sa_store *store, uint32_t index);
void ikd_flood_bursts_end(ikd_burst_finder *finder, const ikd_sa_store *store);

/* Attaches each burst's verdict to its first message; returns them, in
 * burst order (the board keeps them; free the array alone). */
GPtrArray *ikd_flood_judge_bursts(const GArray *bursts, ikd_attached_findings *board);
/* Gives an SA of a burst (sa->burst != 0) its burst's verdict: done in the
 * verdicts' one pass over the SAs, not in a pass of its own. */
void ikd_flood_give_burst_verdict(ikd_sa *sa, const GPtrArray *verdicts);

/* What the bound on the SA table dropped, for its finding. */
typedef struct {
    uint32_t max_sas;  /* 0: no bound */
    uint32_t dropped;  /* half-open SAs removed so far */
    uint32_t frame, pdu; /* the message whose SA first went over the bound */
    /* The store's first SAs, none of them half-open: an SA that was answered
     * (or more) never is again, so the next search for some to drop starts
     * after them (a full rescan with every message, once over the bound
     * with too few half-open, was quadratic). */
    uint32_t scan_from;
    /* A pass that found too few half-open SAs to drop (the rest answered)
     * leaves the next one until the table has grown by a sixteenth of the
     * bound: each pass rewrites the whole table, and one pass per new SA
     * was quadratic (0.2 s a message over 1M answered SAs). 0: no wait. */
    uint32_t next_pass_at;
    /* The initiator SPIs of the SAs dropped, so that a later copy of one's
     * first message (a resend) is not taken for a new SA: it would be made
     * again, counted as dropped again, and push out an older SA in its
     * place (a real capture of 120 MM1s each resent once, under a bound of
     * 100: 144 "dropped", every SA left in the table one made by a resend).
     * Two generations of at most half the bound each (keys are the SPIs'
     * 64 bits, in GHashTables made on the first drop): when the newer is
     * full the older is forgotten, so what is remembered stays bounded. */
    GHashTable *dropped_spis[2]; /* [0] the newer generation */
} ikd_flood_bound;

/* Over the bound: removes the oldest half-open SAs (a sixteenth of the bound
 * at once, so the work is paid once per many SAs) and what the message index
 * held of them. None half-open: nothing goes (answered SAs are real work). */
void ikd_flood_enforce_bound(ikd_flood_bound *bound, ikd_sa_store *store, ikd_message_index *messages,
                             uint32_t frame, uint32_t pdu);

/* The finding saying how many SAs were dropped, when some were. */
void ikd_flood_judge_bound(const ikd_flood_bound *bound, ikd_attached_findings *board);

/* A message with a zero responder SPI whose initiator SPI is a dropped
 * SA's (and no SA in store has it): a copy of a dropped SA's first
 * message, or an answer to it without a responder SPI, which is shown
 * without an SA rather than made a new one. Before a drop, one test. */
bool ikd_flood_of_dropped_sa(const ikd_flood_bound *bound, const ikd_sa_store *store, const uint8_t *bytes,
                             size_t length);

/* Frees what the bound remembers of the SAs it dropped. */
void ikd_flood_bound_clear(ikd_flood_bound *bound);

#endif
