/* ikediag - Wireshark's decryption of an encrypted IKEv1 message, read as the
 * payloads it holds.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_DECRYPTED_H
#define IKD_DECRYPTED_H

#include "ikev1/event.h"

/* The decrypted payloads of ev's message read into *inner, or NULL when
 * there is no usable decryption: none, a resend (Wireshark 4.0 decrypts a
 * resend with the wrong IV: not evidence), or one that does not parse, which
 * is then flagged as garbage. */
const ikd_message *ikd_v1_readable_content(const ikd_v1_event *ev, ikd_message *inner);

#endif
