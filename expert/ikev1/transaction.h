/* ikediag - transaction exchanges (draft-dukes-ike-mode-cfg): mode-config
 * and XAUTH. Today they are placed and counted; the remote-access analysis
 * (XAUTH and mode-config attributes, Easy VPN group) belongs here.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_TRANSACTION_H
#define IKD_TRANSACTION_H

#include "ikev1/event.h"

void ikd_v1_on_transaction(const ikd_v1_event *ev);

#endif
