/* ikediag - quick mode (phase 2): QM1, QM2, QM3 of each message ID, their
 * resends and answers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_QUICK_MODE_H
#define IKD_QUICK_MODE_H

#include "ikev1/event.h"

void ikd_v1_on_quick_mode(const ikd_v1_event *ev);

#endif
