/* ikediag - informational exchanges: error notifications and deletes, read
 * in clear or from Wireshark's decryption, and encrypted ones placed by
 * where they fall (a refused quick mode, a refused authentication).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_INFORMATIONAL_H
#define IKD_INFORMATIONAL_H

#include "ikev1/event.h"

void ikd_v1_on_informational(const ikd_v1_event *ev);

#endif
