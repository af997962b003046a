/* ikediag - one IKEv1 message on its way through the exchange handlers:
 * what the engine lends them (the SA store, the message index, the router
 * policy, the phase-2 SPIs) and the message in hand (its bytes, the reader's view, its SA and
 * sender, the annotation being written).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV1_EVENT_H
#define IKD_IKEV1_EVENT_H

#include "common/annotation.h"
#include "core/key_chains.h"
#include "common/message_index.h"
#include "common/sa_store.h"
#include "ikev1/ikev1_sa.h"
#include "ikev1/ios_policy.h"
#include "ikev1/message.h"

typedef struct {
    ikd_sa_store *store;
    ikd_message_index *messages;
    const ikd_ios_config *ios_config; /* NULL when no policy file is set */
    /* The phase-2 SPIs decrypted QM2s chose: each SPI -> its quick modes
     * (tag: their SA's conn-id), for the DELETEs that name them. */
    ikd_key_chains *phase2_spis;
    ikd_v1_offer_pool *offers; /* the SAs' phase-1 offers, each kept once */
    ikd_v1_records *records;   /* where SAs, their later parts and quick modes come from */
} ikd_v1_context;

typedef struct {
    const ikd_v1_context *ctx;
    const ikd_packet *packet;
    const ikd_message *msg; /* the reader's view of the packet */
    ikd_v1_sa *sa;
    int peer; /* which of sa->sa.peer sent it: 0, 1, or -1 when neither fits */
    ikd_annotation *ann;
} ikd_v1_event;

#endif
