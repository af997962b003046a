/* ikediag - every message of the capture found again by (frame, pdu): the
 * exchange record it was counted in, so "response in" can be answered on any
 * later pass.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_MESSAGE_INDEX_H
#define IKD_MESSAGE_INDEX_H

#include "common/exchange.h"

#include <glib.h>

/* One entry per IKE message of the capture, in key order: messages come in
 * frame order, so remembering one is an append, finding one a binary
 * search. A hash table cost 29 bytes a message here, a growing array of
 * (key, record) pairs 16 and a quarter of it spare; fixed chunks of
 * parallel arrays (frame, pdu, record) cost 13 and never move. */
enum { IKD_MESSAGE_CHUNK = 4096 };

typedef struct {
    const ikd_step_record *records[IKD_MESSAGE_CHUNK]; /* not owned; NULL: the message is in no record */
    uint32_t frames[IKD_MESSAGE_CHUNK];
    uint8_t pdus[IKD_MESSAGE_CHUNK];
} ikd_message_chunk;

typedef struct {
    ikd_message_chunk **chunks; /* each full but the last */
    size_t count, chunk_count, chunk_room;
    bool stopped; /* no pass will ask again: nothing is remembered */
} ikd_message_index;

void ikd_message_index_init(ikd_message_index *index);
void ikd_message_index_clear(ikd_message_index *index);
/* The record must live as long as the index (SAs are never freed before it).
 * A message no answer can follow (the last message of an exchange, an
 * IKEv2 response, one in no record) is remembered with NULL: nothing is
 * stored (two of a healthy IKEv1 SA's nine messages, every DPD ACK), unless
 * the message was remembered with a record before, which it then forgets. */
void ikd_message_index_remember(ikd_message_index *index, uint32_t frame, uint32_t pdu,
                                const ikd_step_record *record);
/* Forgets every message whose record gone(record, ctx) names (the records
 * of SAs about to be removed), in one pass. */
typedef bool (*ikd_record_gone)(const ikd_step_record *record, void *ctx);
void ikd_message_index_forget(ikd_message_index *index, ikd_record_gone gone, void *ctx);

/* No later pass will ask for answers (tshark's single pass): what is kept
 * is given back, and nothing more is remembered. */
void ikd_message_index_stop(ikd_message_index *index);

/* The first copy of the answer to the message at (frame, pdu), or 0. */
uint32_t ikd_message_index_answer(const ikd_message_index *index, uint32_t frame, uint32_t pdu);

#endif
