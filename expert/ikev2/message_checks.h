/* ikediag - IKEv2 checks on the header, and on the message as a whole once
 * its payloads were walked.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_MESSAGE_CHECKS_H
#define IKD_V2_MESSAGE_CHECKS_H

#include "ikev2/walk.h"

/* Version, exchange type, flags, SPIs and message ID (RFC 7296 3.1, 2.2). */
void ikd_v2_check_header(ikd_v2_walk *w);
/* Encryption where it belongs, an SKF alone, KE against the SA payload. */
void ikd_v2_check_message(ikd_v2_walk *w);

#endif
