/* ikediag - the quick modes of an SA that may still get their QM2 (QM1
 * seen, no QM2, not taken as refused), so that an encrypted informational
 * finds the newest one it may refuse without walking every quick mode the
 * SA ever ran: each walked all those still waiting, quadratic over a capture
 * of many unanswered QM1s, or of informationals that refuse none of them.
 *
 * They are kept as three stacks, by who started them (peer 0, peer 1, a
 * sender of unknown address), each in order of creation, the newest on top;
 * quick modes made since the last search are filed at the next, when their
 * starter is set. A quick mode leaves for good once it gets its QM2 or is
 * taken as refused (an informational's refusal is only taken back while
 * that informational is read, before the next search), so the stacks are
 * trimmed from the top when searched; one whose starter became known moves
 * to that starter's stack when it reaches the top of the unknown ones.
 * Under an unknown starter still waiting, such a one may lie buried: it is
 * older than that top, which a peer's informational takes first, but an
 * informational from an unknown address cannot take the top, so that search
 * is left to a walk (only a capture of messages from addresses no SA has
 * meets it).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV1_AWAITING_QM2_H
#define IKD_IKEV1_AWAITING_QM2_H

#include "ikev1/ikev1_sa.h"

typedef struct ikd_awaiting_qm2 ikd_awaiting_qm2;

/* The quick mode waits for its QM2 and was not taken as refused. */
bool ikd_qm_awaits_qm2(const ikd_quick_mode *qm);

ikd_awaiting_qm2 *ikd_awaiting_qm2_new(void);
void ikd_awaiting_qm2_free(ikd_awaiting_qm2 *awaiting);
/* Sets *newest to the newest of the SA's quick modes (slots, in order of
 * creation, count of them) waiting for its QM2 that `peer` did not start,
 * or NULL; false when the stacks cannot tell and the caller must walk. */
bool ikd_awaiting_qm2_newest(ikd_awaiting_qm2 *awaiting, ikd_quick_mode *const *slots, uint32_t count, int peer,
                             ikd_quick_mode **newest);

#endif
