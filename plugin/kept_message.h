/* ikediag - what the plugin keeps of each message (kept_message.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_KEPT_MESSAGE_H
#define IKEDIAG_KEPT_MESSAGE_H

#include "ikediag.h"
#include "pdu_locator.h"

/* Fills out with the message at pdu (index within its frame) and what the
 * engine said of it; what it points to lives in the file scope. */
void ikediag_keep_message(ikediag_pdu_result *out, const ikediag_pdu *pdu, guint index, const ikd_annotation *a);
/* Forgets the shared copies (init and cleanup: the file scope they lived in is gone). */
void ikediag_kept_messages_reset(void);

#endif
