/* ikediag - NAT detection from the wire (RFC 3947 section 3.2): the NAT-D
 * payloads of a phase-1 message against the addresses the capture shows.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_NAT_DETECT_H
#define IKD_NAT_DETECT_H

#include "ikev1/event.h"

/* Flags which side the NAT-D hashes of ev's message put behind NAT. */
void ikd_v1_check_nat_detection(const ikd_v1_event *ev);

#endif
