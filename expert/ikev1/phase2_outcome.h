/* ikediag - how each IPsec SA (one per quick mode) ended, as far as the
 * capture tells: never completed, refused, replaced by a rekey, deleted, or
 * still up when the capture ended.
 *
 * Computed on demand from the quick-mode records, so it is final once the
 * whole capture was fed and never stored in them.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_PHASE2_OUTCOME_H
#define IKD_PHASE2_OUTCOME_H

#include "common/peer_pairs.h"
#include "ikev1/ikev1_sa.h"

#include <glib.h>

typedef enum {
    IKD_P2_END_NOT_COMPLETED, /* no QM2, and no refusal either */
    IKD_P2_END_REFUSED,       /* an informational answered QM1 and no QM2 came */
    IKD_P2_END_UNREAD,        /* came up, but QM2 was not decrypted: its SPIs, and so its end, are unknown */
    IKD_P2_END_UP,            /* came up, and nothing in the capture ended it */
    IKD_P2_END_REPLACED,      /* a rekey came up first (a DELETE may follow) */
    IKD_P2_END_DELETED,       /* a DELETE named one of its SPIs before any rekey */
} ikd_phase2_end;

typedef struct {
    ikd_phase2_end end;
    uint32_t up_frame;       /* QM3's first copy, else QM2's; 0 when it never came up */
    uint32_t refused_frame;  /* the informational that refused it */
    uint32_t replaced_frame; /* the rekey's up_frame, 0 when none */
    uint32_t replaced_conn_id; /* the ISAKMP SA the rekey ran under when another, else 0 */
    uint32_t deleted_frame;  /* 0 when no DELETE named it */
    ikd_address deleted_by;
} ikd_phase2_outcome;

/* The frame the quick mode's SA came up in (QM3, else QM2), 0 for none. */
uint32_t ikd_v1_phase2_up_frame(const ikd_quick_mode *qm);

/* qm's proxy identities, the one of the peer at `at` first: IDci and IDcr,
 * or the peers' own addresses when the quick mode had no ID payloads. False
 * when `at` is neither peer or the quick mode's initiator is unknown. */
bool ikd_v1_phase2_proxies(const ikd_v1_sa *sa, const ikd_quick_mode *qm, const ikd_address *at,
                           ikd_proxy_id out[2]);

/* The outcome of qm, a quick mode of sa. sas are in conn-id
 * order (every SA of the capture, or only those between sa's peers); a rekey
 * is looked for among them.
 *
 * A rekey is a later quick mode between the same two addresses with the same
 * proxy identities (either peer may start it; without ID payloads the
 * proxies are the peers' addresses) that came up after this one, under the
 * same ISAKMP SA or one begun after this SA came up. The last condition keeps
 * the parallel SAs of a simultaneous start apart: each side keeps both. A
 * quick mode that began before this one came up is not its rekey either. */
void ikd_v1_phase2_outcome(ikd_sa_group sas, const ikd_v1_sa *sa, const ikd_quick_mode *qm,
                           ikd_phase2_outcome *out);

#endif
