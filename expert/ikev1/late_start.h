/* ikediag - SAs the capture caught mid-exchange: the roles taken from their
 * first message are confirmed or corrected by the other peer's answer.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_LATE_START_H
#define IKD_LATE_START_H

#include "common/message_index.h"
#include "ikev1/ikev1_sa.h"

/* Before a phase-1 message from `peer` is placed: when it contradicts the
 * roles taken from the SA's first message (an encrypted main-mode message
 * answering a key exchange taken for MM3: that was MM4, and this is MM5),
 * swaps them and returns the sender's new peer index; when it bears them
 * out, confirms them. */
int ikd_v1_check_inferred_roles(ikd_v1_records *records, ikd_v1_sa *v1, const ikd_message *msg, int peer,
                                ikd_message_index *index);

#endif
