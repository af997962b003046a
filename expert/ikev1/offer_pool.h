/* ikediag - the phase-1 offers of a capture's IKEv1 SAs, each kept once.
 *
 * One implementation with one configuration sends the same offer in every
 * MM1 and AM1, and an IKE scan's MM1s are one template: an offer is kept
 * once, shared by the SAs that made it, and counted so that it goes with
 * the last of them (an SA dropped under a flood gives its share back). In
 * every SA, the offer's first transform in place was 24 of its 200 bytes,
 * the 16 that kept a half-open SA (one MM1) out of malloc's 192-byte
 * block, and an offer of two transforms or more an array of its own.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_OFFER_POOL_H
#define IKD_OFFER_POOL_H

#include "ikev1/transform.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct ikd_v1_offer_pool ikd_v1_offer_pool;

/* The ISAKMP transforms an initiator offered, in order. Read-only to its
 * holders: the pool's and every other holder's. */
typedef struct ikd_v1_offer {
    const ikd_transform_entry *entries; /* its transforms (room, below) */
    uint8_t count;                      /* transforms stored, at most IKD_MAX_OFFERS (ikev1_sa.h) */
    bool dropped;                       /* the offer had more than that: not all are stored */
    uint32_t holders;                   /* SAs holding it */
    ikd_v1_offer_pool *pool;            /* where it is kept, for its release */
    ikd_transform_entry room[];
} ikd_v1_offer;

ikd_v1_offer_pool *ikd_v1_offer_pool_new(void);
/* Frees the pool and any offer still in it: after every holder released
 * its offer, or none will. NULL: nothing. */
void ikd_v1_offer_pool_free(ikd_v1_offer_pool *pool);

/* The pool's offer of these count transforms (compared field by field,
 * `dropped` too), made when new; one holder more. */
const ikd_v1_offer *ikd_v1_offer_hold(ikd_v1_offer_pool *pool, const ikd_transform_entry *entries, unsigned count,
                                      bool dropped);
/* One holder less; the offer leaves its pool with its last. NULL: nothing. */
void ikd_v1_offer_release(const ikd_v1_offer *offer);

/* Distinct offers held (tests). */
unsigned ikd_v1_offer_pool_size(const ikd_v1_offer_pool *pool);

#endif
