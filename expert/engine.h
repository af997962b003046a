/* ikediag - the analysis engine's contract.
 *
 * One engine per capture file. Feed it every IKE message in capture order
 * (ikd_engine_feed, first pass only); each call returns an annotation for that
 * message: the reader's findings, which SA it belongs to, which step it is,
 * who sent it, the Cisco states after it, retransmission and request links.
 * Whole-capture knowledge (the SA table, "response in" links, end-of-capture
 * verdicts) is asked for afterwards, on any pass.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_ENGINE_H
#define IKD_ENGINE_H

#include "common/annotation.h"
#include "common/packet.h"
#include "common/revocation.h"
#include "common/sa.h"
#include "flood.h"
#include "ikev1/ios_policy.h"
#include "ikev1/phase2_outcome.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct ikd_engine ikd_engine;

ikd_engine *ikd_engine_new(void);
void ikd_engine_free(ikd_engine *engine);

/* Fills *out from scratch; free what it owns with ikd_annotation_clear(). */
void ikd_engine_feed(ikd_engine *engine, const ikd_packet *packet, ikd_annotation *out);

/* ikd_engine_feed for a caller that wants no annotation (tshark's single
 * pass printing only tables): the message is copied and fed later, in a run
 * with others, which keeps the engine's code in the processor's cache
 * (common/deferred_messages.h). Every call below that gives an answer or
 * changes a setting, and ikd_engine_feed, feeds the deferred messages first;
 * the const calls (the "peek" ones, ikd_engine_response_in,
 * ikd_engine_phase2_outcome, ikd_engine_last_time, ikd_engine_sas_dropped)
 * answer from the messages fed so far: call ikd_engine_settle before them.
 * Answers are the same as had every message been fed as it came. */
void ikd_engine_defer(ikd_engine *engine, const ikd_packet *packet);
void ikd_engine_settle(ikd_engine *engine);
/* How many messages were deferred, and in how many runs they were fed. */
void ikd_engine_deferred_counts(const ikd_engine *engine, uint64_t *messages, uint64_t *runs);

/* The router configuration whose crypto isakmp policies each phase-1 offer is
 * checked against, IOS style (not owned; NULL for none). One without a
 * usable policy gives no policy finding at all. */
void ikd_engine_set_ios_config(ikd_engine *engine, const ikd_ios_config *config);

/* How close (seconds) an identical copy of a message must come to be a
 * capture artefact rather than a retransmission; 0 turns the check off.
 * Default IKD_DUPLICATE_WINDOW_DEFAULT (5 ms). */
void ikd_engine_set_duplicate_window(ikd_engine *engine, double seconds);

/* The bound on the SA table (0: none; default IKD_MAX_SAS_DEFAULT): past
 * it the oldest half-open SAs are dropped (flood.h), and counted. */
void ikd_engine_set_max_sas(ikd_engine *engine, uint32_t max_sas);
uint32_t ikd_engine_sas_dropped(const ikd_engine *engine);
/* The bursts of half-open SAs, in order (their SAs' sa->burst numbers them from 1). */
const ikd_burst *ikd_engine_bursts(ikd_engine *engine, uint32_t *count);

/* The first copy of the answer to the message at (frame, pdu), or 0. */
uint32_t ikd_engine_response_in(const ikd_engine *engine, uint32_t frame, uint32_t pdu);
/* No later pass will ask ikd_engine_response_in (tshark's single pass): the
 * messages' index is given back and no longer kept; it answers 0 since. */
void ikd_engine_drop_answers(ikd_engine *engine);

/* End-of-capture verdicts attached to the message at (frame, pdu): stuck
 * SAs, unanswered requests. Computed from everything fed so far. */
void ikd_engine_verdicts(ikd_engine *engine, uint32_t frame, uint32_t pdu, ikd_finding_list *out);

/* The SA table, in order of appearance (conn-id order). Asking for SAs
 * brings their final status (deleted, abandoned) up to date. */
uint32_t ikd_engine_sa_count(ikd_engine *engine);
/* IKEv1 SAs whose initiator's address is of this family (4 or 6): a table
 * in IOS's two sections walks the SAs for a section only when it has some
 * (a walk over a million SAs that shows none was a third of the table's
 * time, perf). */
uint32_t ikd_engine_v1_sa_count_of_family(ikd_engine *engine, int family);
const ikd_sa *ikd_engine_sa(ikd_engine *engine, uint32_t index);
const ikd_sa *ikd_engine_sa_by_conn_id(ikd_engine *engine, uint32_t conn_id);
/* The SA as the messages so far left it, without bringing end-of-capture
 * status up to date: cheap enough to call for every packet. */
const ikd_sa *ikd_engine_sa_peek(const ikd_engine *engine, uint32_t conn_id);
/* The SA table as the messages so far left it (see ikd_engine_sa_peek). */
uint32_t ikd_engine_sa_count_peek(const ikd_engine *engine);
const ikd_sa *ikd_engine_sa_peek_at(const ikd_engine *engine, uint32_t index);
/* How the IPsec SA of qm, a quick mode of the IKEv1 SA sa, ended as far as
 * the messages fed so far tell (rekeys are looked for among every SA). */
void ikd_engine_phase2_outcome(const ikd_engine *engine, const ikd_sa *sa, const ikd_quick_mode *qm,
                               ikd_phase2_outcome *out);
/* Time of the last message fed: the end of the capture as far as IKE goes. */
double ikd_engine_last_time(const ikd_engine *engine);
/* A frame of the capture, IKE or not, in capture order (once per frame; the
 * engine notes the frames of the messages it is fed itself). How long the
 * capture ran on after an unanswered message tells how much its silence
 * means, and a frame stamped before the previous one is out of time order. */
void ikd_engine_note_frame(ikd_engine *engine, uint32_t frame, double time);

/* A TCP segment of the capture and the HTTP Wireshark read in it, in
 * capture order (first pass): a peer fetching the CRL or asking the OCSP
 * responder named by a certificate it received is tied to that SA
 * (common/revocation.h). The fetch (valid while the engine is) and *sa_out
 * its SA, or NULL when the segment is no such fetch. */
const struct ikd_fetch *ikd_engine_note_tcp(ikd_engine *engine, const ikd_tcp_segment *seg, const ikd_sa **sa_out);

#endif
