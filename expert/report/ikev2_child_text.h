/* ikediag - an IKE SA's child SAs as IOS-XE prints them under the IKE SA in
 * `show crypto ikev2 session detailed` (the "Child sa:" blocks), for
 * `-z ikev2,sa,detailed`.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV2_CHILD_TEXT_H
#define IKD_IKEV2_CHILD_TEXT_H

#include "ikev2/ikev2_sa.h"

#include <glib.h>

/* The current child SAs of v2, a block each, from Local's (the original
 * initiator's) side; nothing when none was read (without keys). */
void ikd_v2_child_lines(const ikd_v2_sa *v2, GString *out);

#endif
