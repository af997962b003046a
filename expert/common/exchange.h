/* ikediag - exchange records: the copies of one message of an exchange (a
 * request or its answer), what they tell about retransmission, and the links
 * between a request and its answer. The same for every exchange of both IKE
 * versions.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_EXCHANGE_H
#define IKD_EXCHANGE_H

#include "common/annotation.h"
#include "common/packet.h"

#include <stdbool.h>
#include <stdint.h>

enum { IKD_MAX_GAPS = 12 };

/* A request resent at least this long after its answer went out did not
 * merely cross the answer on the wire: the answer was lost. */
#define IKD_ANSWER_CROSSED_SECONDS 1.0

/* A resent message's first-copy hash and back-off gaps (exchange.c). */
struct ikd_resent;

/* Copies of one message: the first, the last, and its answer. Every IKE
 * message has one (nine per main-mode + quick-mode SA), so it is kept small
 * (48 bytes): the back-off gaps, there only for resent messages, live out
 * of line, in the place of the first copy's hash. */
typedef struct {
    uint32_t copies;  /* 0: never sent */
    uint32_t resends; /* of them, byte-for-byte repeats of the first */
    uint32_t first_frame;
    uint32_t last_frame;
    uint32_t answer_frame; /* first copy of the peer's next message */
    /* The message's index within its frame: a byte, as in ikd_packet_key(). */
    uint8_t first_pdu, last_pdu;
    bool on_nat_t;         /* sent on UDP 4500 */
    uint8_t gap_count;
    double first_time;
    double last_time;
    /* The hash of the first copy's bytes (tells a resend from the next
     * message) until the first resend; from then on (gap_count > 0) the
     * owned record of the seconds between successive copies, which keeps
     * the hash. Read through ikd_step_record_hash() and _gaps(). */
    union {
        uint64_t first_hash;
        struct ikd_resent *resent;
    } u;
} ikd_step_record;

/* The hash of the record's first copy (0 before one). */
uint64_t ikd_step_record_hash(const ikd_step_record *record);
/* Seconds between successive copies, for back-off fingerprints: gap_count
 * of them (at most IKD_MAX_GAPS), NULL when the message was never resent. */
const float *ikd_step_record_gaps(const ikd_step_record *record);

/* Milliseconds from one time to a later one, saturating. */
uint32_t ikd_elapsed_ms(double from, double to);
/* FNV-1a over len bytes: equal bytes, equal hash. */
uint64_t ikd_bytes_hash(const uint8_t *bytes, size_t len);
/* A hash of the message's captured bytes (a resend is a byte-identical
 * copy); the engine computes it once per message into ikd_packet.hash. */
uint64_t ikd_message_hash(const ikd_packet *packet);

/* Records one copy of a step; true if it is a resend, which is then noted in
 * the annotation (retransmission number, first copy) with a retransmission
 * finding for that phase (1 or 2). */
bool ikd_step_record_copy(ikd_step_record *record, const ikd_packet *packet, ikd_annotation *ann, int phase);
/* Frees what a record owns (its gaps); the record is left empty of them,
 * its first copy's hash kept.
 * Whoever holds records calls it before freeing them. */
void ikd_step_record_release(ikd_step_record *record);
/* Links an answer to the request it answers (the request's first copy). */
void ikd_step_record_link_answer(ikd_step_record *request, const ikd_packet *packet, ikd_annotation *ann);
/* The capture put the answer before its request (out of time order): links
 * them when the timestamps confirm the answer came after. */
void ikd_step_record_link_earlier_answer(ikd_step_record *request, const ikd_step_record *answer);
/* A request was resent after its answer had been seen: the answer was lost
 * on the way to `missing`. */
void ikd_flag_response_lost(ikd_annotation *ann, ikd_step lost_step, uint32_t lost_frame, ikd_role missing);

#endif
