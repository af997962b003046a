/* ikediag - NAT-T keepalives (RFC 3948 2.3): the one byte 0xFF a peer
 * behind a NAT sends on UDP 4500 so the NAT keeps its mapping. They carry no
 * cookie, so they are tied to an SA by its two NAT-T ends (addresses and
 * ports): one keepalive stream per peer pair, counted on the newest SA
 * between those ends. Never an IKE message of the SA.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_NAT_KEEPALIVE_H
#define IKD_NAT_KEEPALIVE_H

#include "common/annotation.h"
#include "common/sa_store.h"

#include <glib.h>

/* The newest SA that floated to each pair of ends (addresses and ports, in
 * either order), by conn-id, so that a keepalive need not walk every SA of
 * the capture: a head-end's thousands of NAT-T SAs, each keepalive a walk
 * of them, made a day's capture quadratic. */
typedef struct {
    GHashTable *by_ends; /* ends key (owned) -> conn-id */
} ikd_keepalive_index;

void ikd_keepalive_index_init(ikd_keepalive_index *index);
void ikd_keepalive_index_clear(ikd_keepalive_index *index);
/* Files sa (once it has floated to NAT-T) under its ends as they are now:
 * called after each of its messages, since a message may move its ports. */
void ikd_keepalive_index_note(ikd_keepalive_index *index, const ikd_sa_store *store, const ikd_sa *sa);

/* Counts a keepalive (transport IKD_TRANSPORT_NAT_KEEPALIVE) on its SA and
 * returns that SA, with ann naming it, the sender and the step KEEPALIVE.
 * NULL, ann untouched, when no SA has floated to these ends: nothing is
 * counted and nothing is said. */
ikd_sa *ikd_nat_keepalive_feed(ikd_sa_store *store, ikd_keepalive_index *index, const ikd_packet *packet,
                               ikd_annotation *ann);

#endif
