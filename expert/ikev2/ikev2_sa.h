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
#include "common/icmp.h"
#include "common/ike_header.h"
#include "common/sa_store.h"
#include "core/keyed_items.h"
#include "core/record_slab.h"
#include "ikev2/announced.h"
#include "ikev2/chosen.h"
#include "ikev2/ikev2_names.h"
#include "ikev2/offer.h"
#include "ikev2/remote_access.h"

#include <glib.h>

/* What a CREATE_CHILD_SA rekeys, from its decrypted messages: out of line,
 * in its SA's rare part (few exchanges rekey; inline it was a third of
 * every exchange, and a pointer to it 8 of their 88 bytes). */
typedef struct {
    uint32_t child_spi;        /* IKD_V2_REKEYS_CHILD: the SPI its N(REKEY_SA) names */
    uint32_t collides_with;    /* the other peer's rekey of the same SA was pending: that request's frame */
    uint8_t new_ike_spi[2][8]; /* _IKE: the new IKE SA's SPIi (from the request) and SPIr (the response) */
    bool new_ike_answered;     /* _IKE: a response with the new SPIr was read */
    ikd_v2_ike_transforms new_ike; /* _IKE: the proposal the response chose (DH from its KE if not listed) */
} ikd_v2_rekey;

/* One exchange: a request and its response. */
typedef struct {
    uint32_t message_id;
    int requester;        /* peer index (0: the SA's original initiator) */
    uint32_t round;       /* IKE_AUTH: 1 for the first, 2.. for EAP rounds; IKE_SA_INIT: the attempt */
    uint8_t exchange;     /* the request's exchange type */
    bool refused;         /* IKE_SA_INIT: answered without a responder SPI (COOKIE, INVALID_KE, NO_PROPOSAL_CHOSEN) */
    uint16_t error;       /* the error notify of its response (IKE_SA_INIT: the refusal, COOKIE included;
                           INFORMATIONAL: of either message), 0: none read */
    ikd_step_record request, response;
    bool liveness;        /* an INFORMATIONAL request read empty: a liveness check (RFC 7296 1.4) */
    uint8_t fragmented_first_payload[2]; /* request, response sent in SKF fragments: the first inner
                                            payload's type, which only fragment 1 names (RFC 7383 2.5) */
    bool fragments_read[2];  /* request, response: its rebuilt plaintext was read */
    uint8_t rekeys;       /* CREATE_CHILD_SA: IKD_V2_REKEYS_IKE, _CHILD, or 0: a new child SA (or not read) */
    bool rekey_listed;    /* in its SA's open_rekeys (rekey.c) */
} ikd_v2_exchange;

enum { IKD_V2_REKEYS_IKE = 1, IKD_V2_REKEYS_CHILD = 2 };

/* Exchanges an SA keeps in its record before they need an array (a power of two). */
enum { IKD_V2_FEW_EXCHANGES = 2 };

/* What few IKEv2 SAs have: out of line, made when one part is first
 * written (ikd_v2_rare_of), read through ikd_v2_rare_seen. Inline, the
 * ICMP errors and remote access were 464 of every SA's 1,016 bytes (200k
 * healthy SAs took tshark's peak x1.65 plain tshark's), and these pointers,
 * NULL on a healthy SA without keys, 48 of its 352. */
typedef struct {
    ikd_icmp_seen *icmp; /* [IKD_ICMP_KINDS], owned (icmp.c): ICMP errors quoting its messages, by kind */
    ikd_v2_ra *ra;       /* owned (remote_access.c): CP requests and replies, EAP */
    GPtrArray *children; /* ikd_v2_child*, owned (child_sa.h); NULL until the first (decrypted only) */
    /* Its children by either SPI (an SPI the first child's in order), once
     * it has many (child_sa.c); NULL before, and again after children move. */
    GHashTable *child_by_spi;
    /* Rekey requests read (ikd_v2_exchange*, not owned), in order, until
     * found answered: the ones a new rekey request may collide with. NULL
     * until one is read. Walking every exchange for it was quadratic over a
     * long-lived SA's liveness checks. */
    GPtrArray *open_rekeys;
    /* exchanges by (requester, message ID), once it has
     * IKD_KEYED_ITEMS_WALKED: walking them for each new message ID was
     * quadratic in a long-lived SA's liveness checks. */
    ikd_keyed_items exchange_by_id;
    /* What its rekeying exchanges rekey: ikd_v2_exchange* -> ikd_v2_rekey*
     * (owned), one for each exchange whose `rekeys` is set. */
    GHashTable *rekeys;
} ikd_v2_rare;

typedef struct ikd_v2_sa {
    ikd_sa sa;           /* first: what every IKE SA has; peer[0] is the original initiator */
    /* Its exchanges (from the records' slab, owned), in order of first
     * request: the first two in `few` (IKE_SA_INIT and IKE_AUTH, all most
     * SAs have), then all in `many`, an array of their own (a GPtrArray was
     * two allocations on every SA). Read through ikd_v2_exchange_at. */
    ikd_v2_exchange **many;   /* NULL while they fit in few */
    ikd_v2_exchange *few[IKD_V2_FEW_EXCHANGES];
    uint32_t exchange_count;
    uint32_t init_attempts;   /* IKE_SA_INIT requests that were not resends (restarts included) */
    uint32_t init_refusals;   /* IKE_SA_INIT answers without a responder SPI */
    uint32_t auth_rounds;     /* IKE_AUTH exchanges (more than one: EAP, or multiple authentication) */
    uint32_t informationals_answered; /* INFORMATIONAL exchanges whose response was seen */
    bool auth_answered;       /* an IKE_AUTH response was seen: the authentication phase ended */
    bool proven_up;           /* an exchange only an established SA runs was answered */
    bool began_mid_sa;        /* first seen after IKE_SA_INIT (the capture began late, or a rekeyed SA) */
    uint8_t deleted_by;       /* with sa.deleted: the peer whose Delete(IKE) was read */
    /* ikd_ios_state values, a byte each (the enum took four). */
    uint8_t status;           /* IN-NEG, READY, DELETE */
    uint8_t machine[2];       /* per peer, the last IOS state-machine name the wire confirms */

    /* What the payloads tell (payloads.c and the files it calls); zero when unread. */
    ikd_v2_chosen chosen;        /* chosen.c: the chosen IKE transforms, each side's AUTH method, identity,
                                    fragmentation support and NAT detection */
    uint8_t offered_proposals;   /* IKE proposals in the last IKE_SA_INIT request */
    bool weak_checked;           /* the chosen transforms were checked for weak cryptography */
    ikd_v2_offer ike_offer;      /* what that request offered, per transform type (offer.h) */
    uint16_t init_refusal;       /* the last IKE_SA_INIT refusal's notify (COOKIE, INVALID_KE_PAYLOAD, ...) */
    uint16_t ke_offered;         /* the KE group of the last IKE_SA_INIT request */
    uint16_t ke_wanted;          /* INVALID_KE_PAYLOAD: the group the responder asked for */
    uint16_t ke_refused;         /* ... and the group of the KE it refused */
    bool nat_detection;          /* NAT_DETECTION_*_IP notifies in IKE_SA_INIT */
    bool decrypted;              /* at least one of its messages was read decrypted */
    bool auth_failed;            /* AUTHENTICATION_FAILED read */
    uint8_t auth_failed_by;      /* the peer that sent it */
    uint32_t auth_failed_frame;
    uint32_t auth_request_bytes; /* the largest IKE_AUTH request (a fragment with RFC 7383) */
    uint32_t auth_response_bytes; /* the last IKE_AUTH response's length */
    uint32_t auth_response_sk_bytes; /* ... and its SK payload's, 0 when it had none */
    uint32_t rekeyed_to;         /* conn_id of the new IKE SA, once seen */
    uint32_t rekey_of;           /* conn_id of the IKE SA this one replaced */
    ikd_v2_announced announced;  /* announced.c: each peer's capabilities; a REDIRECT */
    ikd_v2_rare *rare;           /* owned, NULL until written (ikd_v2_rare_of) */
} ikd_v2_sa;

/* Where an engine's IKEv2 SAs and their exchanges come from, a slab each
 * (core/record_slab.h), as IKEv1's (ikd_v1_records): a malloc each lay
 * among Wireshark's short-lived allocations and kept its heap in pieces.
 * Child SAs, known only from decrypted messages, are still malloc'd. */
typedef struct ikd_v2_records {
    ikd_record_slab sas, exchanges;
} ikd_v2_records;

void ikd_v2_records_init(ikd_v2_records *records);
/* Frees the slabs: after every SA made from them was destroyed. */
void ikd_v2_records_clear(ikd_v2_records *records);

/* The SA's rare parts, made when first asked for. */
ikd_v2_rare *ikd_v2_rare_of(ikd_v2_sa *v2);
/* The same to read: all NULL when none was made. */
const ikd_v2_rare *ikd_v2_rare_seen(const ikd_v2_sa *v2);

/* The ICMP errors quoting its messages, by kind (IKD_ICMP_KINDS of them):
 * all zero when none came. */
const ikd_icmp_seen *ikd_v2_icmp_seen(const ikd_v2_sa *v2);
/* What its decrypted messages told of remote access: all zero when none
 * did (site to site, or nothing decrypted). */
const ikd_v2_ra *ikd_v2_ra_seen(const ikd_v2_sa *v2);

/* The IKEv2 record of an SA, or NULL when it is another version's. */
ikd_v2_sa *ikd_v2_sa_of(ikd_sa *sa);
const ikd_v2_sa *ikd_v2_sa_of_const(const ikd_sa *sa);

/* A new SA for the first message seen of these SPIs, made from records (the
 * engine's), added to the store. */
ikd_v2_sa *ikd_v2_sa_create(ikd_sa_store *store, ikd_v2_records *records, const ikd_ike_header *h,
                            const ikd_packet *packet);
/* Frees all an SA owns and gives it and its exchanges back to records (the
 * store's destroy function, for IKEv2 SAs). */
void ikd_v2_sa_destroy(ikd_v2_records *records, ikd_v2_sa *v2);

/* The exchange this message belongs to: the same requester and message ID,
 * the latest such (an IKE_SA_INIT restart reuses message ID 0). NULL if none. */
ikd_v2_exchange *ikd_v2_find_exchange(ikd_v2_sa *sa, int requester, uint32_t message_id);
/* A new exchange at the end of the SA's, made from records. */
ikd_v2_exchange *ikd_v2_add_exchange(ikd_v2_records *records, ikd_v2_sa *sa, int requester, uint32_t message_id,
                                     uint8_t exchange);
uint32_t ikd_v2_exchange_count(const ikd_v2_sa *sa);
/* READY, set up in this frame (or before the capture, for an SA first seen
 * established); a deleted SA stays deleted. */
void ikd_v2_mark_ready(ikd_v2_sa *sa, uint32_t frame, double time);
/* DELETE: refused or deleted by peer `by` in this frame. */
void ikd_v2_mark_deleted(ikd_v2_sa *sa, int by, uint32_t frame);
const ikd_v2_exchange *ikd_v2_exchange_at(const ikd_v2_sa *sa, uint32_t index);
/* What x, one of v2's exchanges, rekeys: all zero when it rekeys nothing. */
const ikd_v2_rekey *ikd_v2_rekey_of(const ikd_v2_sa *v2, const ikd_v2_exchange *x);
/* The same to write, made when first asked for (x->rekeys is set with it). */
ikd_v2_rekey *ikd_v2_rekey_record(ikd_v2_sa *v2, const ikd_v2_exchange *x);

#endif
