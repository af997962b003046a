/* ikediag - the analysis engine's contract.
 *
 * One engine per capture file. Feed it every ISAKMP message in capture order
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

#include "cisco_state.h"
#include "ios_policy.h"
#include "message.h"
#include "sa.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct ikd_engine ikd_engine;

typedef struct {
    uint32_t frame; /* capture frame number, increasing */
    uint32_t pdu;   /* index of the message within its frame (0, 1: a rebuilt fragment) */
    double time;    /* seconds; only differences are used */
    ikd_address src;
    ikd_address dst;
    uint16_t src_port;
    uint16_t dst_port;
    ikd_transport transport;
    const uint8_t *bytes; /* the ISAKMP message as captured */
    size_t captured_len;
    size_t reported_len;
    bool reassembled_in_frame; /* Wireshark rebuilt a fragmented message in this frame */
    const uint8_t *decrypted;  /* Wireshark's decryption of an encrypted message's payloads, or NULL */
    size_t decrypted_len;
} ikd_packet;

enum { IKD_MAX_VENDORS = 12 };

typedef struct {
    ikd_message msg;     /* the reader's view; its findings plus this message's sequence findings */
    uint32_t conn_id;    /* the SA (1001, 1002, ...); 0 when the message belongs to none */
    ikd_step step;
    ikd_role sender;
    uint32_t message_id;
    ikd_ios_state state; /* the SA after this message: the less advanced of the two sides */
    ikd_ios_state state_initiator;
    ikd_ios_state state_responder;
    ikd_asa_state asa_state; /* what the waiting side shows on an ASA */
    uint32_t retransmission;  /* 0: first copy; n: the n-th resend */
    uint32_t original_frame;  /* for a resend: the first copy */
    uint32_t response_to;     /* for an answer: the first copy of what it answers */
    double since_original;    /* seconds since the first copy (resends) */
    double since_request;     /* seconds since the first copy of the request (answers) */
    /* Vendor IDs of this message, identified: "Cisco Unity 1.0", "strongSwan". */
    char vendors[IKD_MAX_VENDORS][80];
    uint32_t vendor_count;
    /* IOS's `debug crypto isakmp` walk of this offer against the router's
     * policy file, one line per "\n"; owned by the annotation, free with
     * ikd_annotation_clear(). NULL when there is no policy file or no offer. */
    char *ios_walk;
} ikd_annotation;



ikd_engine *ikd_engine_new(void);
void ikd_engine_free(ikd_engine *engine);

void ikd_engine_feed(ikd_engine *engine, const ikd_packet *packet, ikd_annotation *out);
/* Frees what an annotation owns (the IOS walk text). */
void ikd_annotation_clear(ikd_annotation *annotation);

/* The router configuration whose crypto isakmp policies each phase-1 offer is
 * checked against, IOS style (not owned; NULL for none). */
void ikd_engine_set_ios_config(ikd_engine *engine, const ikd_ios_config *config);

/* The first copy of the answer to the message at (frame, pdu), or 0. */
uint32_t ikd_engine_response_in(const ikd_engine *engine, uint32_t frame, uint32_t pdu);

/* End-of-capture verdicts attached to the message at (frame, pdu): stuck
 * SAs, unanswered requests. Computed from everything fed so far. */
void ikd_engine_verdicts(ikd_engine *engine, uint32_t frame, uint32_t pdu, ikd_finding_list *out);

/* The SA table, in order of appearance (conn-id order). */
/* Asking for SAs brings their final status (deleted, abandoned) up to date. */
uint32_t ikd_engine_sa_count(ikd_engine *engine);
const ikd_sa *ikd_engine_sa(ikd_engine *engine, uint32_t index);
const ikd_sa *ikd_engine_sa_by_conn_id(ikd_engine *engine, uint32_t conn_id);
/* The SA as the messages so far left it, without bringing end-of-capture
 * status up to date: cheap enough to call for every packet. */
const ikd_sa *ikd_engine_sa_peek(const ikd_engine *engine, uint32_t conn_id);
/* Time of the last message fed: the end of the capture as far as IKE goes. */
double ikd_engine_last_time(const ikd_engine *engine);

#endif
