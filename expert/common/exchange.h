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

/* What a message sent more than once adds to its record: the last copy,
 * the resends and the back-off gaps (exchange.c). */
struct ikd_more_copies;

/* Copies of one message: the first, and its answer; the last copy and the
 * resends through the accessors below. Every IKE message has one (nine per
 * main-mode + quick-mode SA), so it is kept small (28 bytes): what only a
 * second copy tells lives out of line, made at the second copy, in the
 * place of the first copy's hash (massif: 9 x 48 bytes were 40 % of a
 * healthy SA). The count and flags share a word and the record is packed
 * to 4-byte alignment: aligned to 8 for its double and pointer it took 32,
 * and the arrays of them (phase-1 steps 2..6, a quick mode's three) crossed
 * malloc's 16-byte steps (200k healthy SAs: 6 MB). Nothing takes the
 * address of its members. */
enum { IKD_COPIES_BITS = 22 };
#define IKD_COPIES_MAX ((1u << IKD_COPIES_BITS) - 1)
typedef struct __attribute__((packed, aligned(4))) {
    uint32_t copies : IKD_COPIES_BITS; /* 0: never sent; stays at IKD_COPIES_MAX (4 million copies) */
    uint32_t first_pdu : 8;            /* the message's index within its frame, as in ikd_packet_key() */
    uint32_t on_nat_t : 1;             /* sent on UDP 4500 */
    uint32_t more : 1;                 /* u.more holds the later copies (the record was sent twice or more) */
    uint32_t first_frame;
    uint32_t answer_frame; /* first copy of the peer's next message */
    double first_time;
    /* The hash of the first copy's bytes (tells a resend from the next
     * message) until the second copy; from then on (more) the owned record
     * of the later copies, which keeps the hash. */
    union {
        uint64_t first_hash;
        struct ikd_more_copies *more;
    } u;
} ikd_step_record;

/* The hash of the record's first copy (0 before one). */
uint64_t ikd_step_record_hash(const ikd_step_record *record);
/* The last copy (the first when there was one). */
uint32_t ikd_step_record_last_frame(const ikd_step_record *record);
uint8_t ikd_step_record_last_pdu(const ikd_step_record *record);
double ikd_step_record_last_time(const ikd_step_record *record);
/* Of the copies, the byte-for-byte repeats of the first. */
uint32_t ikd_step_record_resends(const ikd_step_record *record);
/* Seconds from the copy before each resend to it, for back-off fingerprints:
 * ikd_step_record_gap_count() of them (at most IKD_MAX_GAPS), NULL when the
 * message was never resent. */
const float *ikd_step_record_gaps(const ikd_step_record *record);
uint8_t ikd_step_record_gap_count(const ikd_step_record *record);

/* a's first copy came before b's (frames are read in order, then the
 * messages of one frame). */
bool ikd_step_record_first_before(const ikd_step_record *a, const ikd_step_record *b);
/* Milliseconds from one time to a later one, saturating. */
uint32_t ikd_elapsed_ms(double from, double to);
/* A 64-bit hash of len bytes: equal bytes, equal hash; a change of any byte
 * changes it, as far as 64 bits tell. The key of the engine's tables (peer
 * pairs, sessions, keepalive ends, a burst's sources, rekeys). */
uint64_t ikd_bytes_hash(const uint8_t *bytes, size_t len);
/* The same promise, in fewer instructions, for a message's bytes (a resend
 * is a byte-identical copy): only compared with another message's hash (the
 * duplicate window trusts it alone). */
uint64_t ikd_message_bytes_hash(const uint8_t *bytes, size_t len);
/* ikd_message_bytes_hash of the message's captured bytes; the engine
 * computes it once per message into ikd_packet.hash. */
uint64_t ikd_message_hash(const ikd_packet *packet);

/* Records one copy of a step; true if it is a resend, which is then noted in
 * the annotation (retransmission number, first copy) with a retransmission
 * finding for that phase (1 or 2). */
bool ikd_step_record_copy(ikd_step_record *record, const ikd_packet *packet, ikd_annotation *ann, int phase);
/* Frees what a record owns (its later copies) and empties it. Whoever holds
 * records calls it before freeing or overwriting them. */
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
