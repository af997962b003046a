/* ikediag - IKEv2 SA tracking from the headers alone: each message placed
 * in its SA and exchange (request or response, by message ID and the R
 * flag), resends told from restarts, and what the exchanges seen so far
 * prove about the SA's status (RFC 7296 1, 2.1-2.2, 2.6).
 *
 * What needs the payloads (why an IKE_SA_INIT was refused, whether IKE_AUTH
 * succeeded, deletes) is read by the reader and added on top; here, an SA
 * whose IKE_AUTH was answered is only called READY once an exchange that
 * only an established SA runs was answered too: a failed authentication
 * ends with an answered IKE_AUTH as well.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV2_TRACKER_H
#define IKD_IKEV2_TRACKER_H

#include "common/annotation.h"
#include "common/ike_header.h"
#include "common/message_index.h"
#include "common/sa_store.h"
#include "core/key_chains.h"
#include "ikev2/ikev2_sa.h"
#include "ikev2/payloads.h"

typedef struct {
    ikd_sa_store *store;
    ikd_message_index *messages;
    /* Answered IKE rekeys by the SPI pair they announced: the exchange
     * (tag: its SA's conn-id), so that an SA first seen mid-way finds the
     * rekey that made it without walking every SA's exchanges. */
    ikd_key_chains *rekeys;
    ikd_v2_records *records; /* where SAs and their exchanges come from */
    /* [2], the engine's: a message and its decrypted payloads, read afresh
     * into them for each message (2.8 KB each, a malloc and a free of each
     * at every message before). */
    ikd_v2_message *views;
} ikd_v2_context;

/* Places the message (header h, already read and checked) and fills the
 * annotation's result: SA, step, sender, status and IOS states, resends,
 * answers; what its payloads m tell goes to the SA (payloads.h). Returns
 * its SA. */
ikd_v2_sa *ikd_v2_track(const ikd_v2_context *ctx, const ikd_ike_header *h, const ikd_packet *packet,
                        const ikd_v2_read *m, ikd_annotation *ann);

/* For the fragment that completes an SKF-fragmented message (RFC 7383):
 * the type of its first inner payload, which only fragment 1 names; 0 when
 * fragment 1 was not seen or the message is not fragmented. */
uint8_t ikd_v2_fragmented_first_payload(const ikd_v2_context *ctx, const ikd_ike_header *h,
                                        const ikd_packet *packet);

/* The step (ikediag.step) of an exchange type. */
ikd_step ikd_v2_step_of(uint8_t exchange);

#endif
