/* ikediag - transaction exchanges (draft-dukes-ike-mode-cfg): mode-config
 * and XAUTH. Each message is paired with its answer by message ID and named
 * (XAUTH REQUEST/REPLY/SET/ACK, MODE-CFG REQUEST/REPLY/SET/ACK): from
 * Wireshark's decryption when there is one (its attributes are then read by
 * ra_attributes.c), else by the counting rule of remote_access.h.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_TRANSACTION_H
#define IKD_TRANSACTION_H

#include "ikev1/event.h"

void ikd_v1_on_transaction(const ikd_v1_event *ev);

#endif
