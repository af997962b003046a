/* ikediag - findings that only the whole capture tells (verdicts, unanswered
 * requests), attached to the message at (frame, pdu) they are shown on.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_ATTACHED_FINDINGS_H
#define IKD_ATTACHED_FINDINGS_H

#include "core/findings.h"

#include <glib.h>

typedef struct {
    GHashTable *lists; /* guint64 (frame, pdu) -> GArray of ikd_finding, owned */
    /* The SAs' verdicts (ikd_sa.verdict points here), in chunks that never
     * move: an SA without one then pays a pointer, not a finding. */
    GPtrArray *verdict_chunks;
    uint32_t verdicts_in_last_chunk;
} ikd_attached_findings;

void ikd_attached_findings_init(ikd_attached_findings *board);
void ikd_attached_findings_clear(ikd_attached_findings *board);
/* Removes every finding and verdict: the SAs' verdict pointers must be
 * forgotten with them (judge_all judges every SA again). */
void ikd_attached_findings_remove_all(ikd_attached_findings *board);
/* Attaches a finding with these arguments and returns it. */
ikd_finding ikd_attach_finding(ikd_attached_findings *board, uint32_t frame, uint32_t pdu, ikd_finding_id id,
                               const uint32_t args[IKD_FINDING_ARGS]);
/* A copy of f kept until the next remove_all, for an SA's verdict. */
const ikd_finding *ikd_attached_findings_keep_verdict(ikd_attached_findings *board, ikd_finding f);
/* Copies what is attached to (frame, pdu) into out (emptied first). */
void ikd_attached_findings_get(const ikd_attached_findings *board, uint32_t frame, uint32_t pdu,
                               ikd_finding_list *out);

#endif
