/* ikediag - one IKEv2 SA: the version-neutral SA (common/sa.h) followed by
 * its exchanges, each a request and its response paired by message ID and
 * direction (RFC 7296 2.2), and what they prove about the SA: Cisco's
 * status (IN-NEG, READY, DELETE) and each side's IOS state-machine name.
 *
 * Found by SPIi, then SPIr (common/sa_store). The IKE_SA_INIT restarts that a
 * COOKIE or INVALID_KE_PAYLOAD answer asks for keep the SPIi and the SPIr
 * zero, so they stay in one SA.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV2_SA_H
#define IKD_IKEV2_SA_H

#include "common/exchange.h"
#include "common/ike_header.h"
#include "common/sa_store.h"
#include "ikev2/chosen.h"
#include "ikev2/ikev2_names.h"

#include <glib.h>

/* One exchange: a request and its response. */
typedef struct {
    uint32_t message_id;
    uint8_t exchange;     /* the request's exchange type */
    int requester;        /* peer index (0: the SA's original initiator) */
    uint32_t round;       /* IKE_AUTH: 1 for the first, 2.. for EAP rounds; IKE_SA_INIT: the attempt */
    ikd_step_record request, response;
    bool refused;         /* IKE_SA_INIT: answered without a responder SPI (COOKIE, INVALID_KE, NO_PROPOSAL_CHOSEN) */
} ikd_v2_exchange;

typedef struct ikd_v2_sa {
    ikd_sa sa;           /* first: what every IKE SA has; peer[0] is the original initiator */
    GPtrArray *exchanges; /* ikd_v2_exchange*, owned, in order of first request */
    uint32_t init_attempts;   /* IKE_SA_INIT requests that were not resends (restarts included) */
    uint32_t init_refusals;   /* IKE_SA_INIT answers without a responder SPI */
    uint32_t auth_rounds;     /* IKE_AUTH exchanges (more than one: EAP, or multiple authentication) */
    bool auth_answered;       /* an IKE_AUTH response was seen: the authentication phase ended */
    bool proven_up;           /* an exchange only an established SA runs was answered */
    bool began_mid_sa;        /* first seen after IKE_SA_INIT (the capture began late, or a rekeyed SA) */
    ikd_ios_state status;     /* IN-NEG, READY, DELETE */
    ikd_ios_state machine[2]; /* per peer, the last IOS state-machine name the wire confirms */
    ikd_v2_chosen chosen;     /* what the payloads told (chosen.c): transforms, identities, NAT, fragmentation */
} ikd_v2_sa;

/* The IKEv2 record of an SA, or NULL when it is another version's. */
ikd_v2_sa *ikd_v2_sa_of(ikd_sa *sa);
const ikd_v2_sa *ikd_v2_sa_of_const(const ikd_sa *sa);

/* A new SA for the first message seen of these SPIs, added to the store.
 * from_initiator: the message's I flag. */
ikd_v2_sa *ikd_v2_sa_create(ikd_sa_store *store, const ikd_ike_header *h, const ikd_packet *packet);

/* The exchange this message belongs to: the same requester and message ID,
 * the latest such (an IKE_SA_INIT restart reuses message ID 0). NULL if none. */
ikd_v2_exchange *ikd_v2_find_exchange(ikd_v2_sa *sa, int requester, uint32_t message_id);
ikd_v2_exchange *ikd_v2_add_exchange(ikd_v2_sa *sa, int requester, uint32_t message_id, uint8_t exchange);
uint32_t ikd_v2_exchange_count(const ikd_v2_sa *sa);
const ikd_v2_exchange *ikd_v2_exchange_at(const ikd_v2_sa *sa, uint32_t index);

#endif
