/* ikediag - SAs grouped by their two addresses (in either order), so that
 * comparing an SA with the others between the same peers costs no scan of
 * every SA.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_PEER_PAIRS_H
#define IKD_PEER_PAIRS_H

#include "common/sa_store.h"

#include <glib.h>

typedef struct ikd_peer_pairs ikd_peer_pairs;

/* Some SAs of the store, in conn-id order: a view, owned by whoever made it. */
typedef struct {
    ikd_sa *const *sas;
    guint len;
} ikd_sa_group;

/* Groups the store's SAs as they are now; an SA created or dropped since is
 * in no group (ikd_peer_pairs_of gives an empty one). */
ikd_peer_pairs *ikd_peer_pairs_build(const ikd_sa_store *store);
/* The same with another hash of the pairs (tests: one that makes every
 * pair collide must group them the same). */
typedef uint64_t (*ikd_pair_hash)(const uint8_t *bytes, size_t len);
ikd_peer_pairs *ikd_peer_pairs_build_hashed(const ikd_sa_store *store, ikd_pair_hash hash);
/* The same in steps, so that a walk over every SA made anyway also files
 * their pairs (a walk of its own read every SA again: a cache miss each, a
 * fifth of the verdict pass on a 1M-SA flood, perf): begin, add each SA of
 * the store in store order, end. An SA added out of that order is left for
 * end, which adds whatever was not. Nothing may be asked of the grouping
 * before end. */
ikd_peer_pairs *ikd_peer_pairs_begin(const ikd_sa_store *store, ikd_pair_hash hash);
void ikd_peer_pairs_add(ikd_peer_pairs *pairs, const ikd_sa *sa);
void ikd_peer_pairs_end(ikd_peer_pairs *pairs);
void ikd_peer_pairs_free(ikd_peer_pairs *pairs);
/* What the verdicts ask of every SA about the others between the same
 * peers, answered for the whole grouping at once: a walk of its group for
 * each SA was quadratic when thousands share a pair (80k IKE_SA_INITs
 * retried between two addresses: 22 s). `offers` says which SAs count for
 * ikd_peer_pairs_first_started_by_responder. Held until forgotten; without
 * them (or for an SA the grouping has not seen) the answers are walked. */
typedef bool (*ikd_sa_test)(const ikd_sa *sa);
void ikd_peer_pairs_answer(ikd_peer_pairs *pairs, ikd_sa_test offers);
void ikd_peer_pairs_forget_answers(ikd_peer_pairs *pairs);
/* The latest first_time among the SAs of sa's group made after it (conn-id
 * order) whose roles are known; -G_MAXDOUBLE for none. */
double ikd_peer_pairs_latest_start_after(const ikd_peer_pairs *pairs, const ikd_sa *sa);
/* The latest last_time among the SAs of sa's group whose last message came
 * in a later frame than sa's; -G_MAXDOUBLE for none. */
double ikd_peer_pairs_latest_end_after(const ikd_peer_pairs *pairs, const ikd_sa *sa);
/* The first SA of sa's group (conn-id order), other than sa, that sa's
 * responder (peer[1]) started and `offers` holds for; NULL for none. */
const ikd_sa *ikd_peer_pairs_first_started_by_responder(const ikd_peer_pairs *pairs, const ikd_sa *sa);

/* The SAs between sa's two addresses, sa included, in conn-id order. */
ikd_sa_group ikd_peer_pairs_of(const ikd_peer_pairs *pairs, const ikd_sa *sa);
/* Whether a and b are both grouped, and between the same two addresses. */
bool ikd_peer_pairs_same_group(const ikd_peer_pairs *pairs, const ikd_sa *a, const ikd_sa *b);
/* Every SA of the store, in conn-id order. */
ikd_sa_group ikd_sa_group_all(const ikd_sa_store *store);

#endif
