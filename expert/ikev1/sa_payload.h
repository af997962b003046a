/* ikediag - checks on the SA payload: DOI, situation, proposals, transforms.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_SA_PAYLOAD_H
#define IKD_SA_PAYLOAD_H

#include "ikev1/payload_walk.h"

/* body covers the bytes after the SA payload's generic header, which starts
 * at payload_offset. */
void ikd_check_sa_body(ikd_walk *w, ikd_reader *body, size_t payload_offset);

#endif
