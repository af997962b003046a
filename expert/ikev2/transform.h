/* ikediag - one IKEv2 transform substructure's body: its type, ID and
 * attributes (RFC 7296 3.3.2, 3.3.5).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_TRANSFORM_H
#define IKD_V2_TRANSFORM_H

#include "ikev2/walk.h"

/* body: the bytes after the transform's 4-byte substructure header, which
 * starts at offset; proposal_number names the proposal in findings. False
 * when the body is too short to hold a type and an ID. */
bool ikd_v2_check_transform(ikd_v2_walk *w, ikd_reader *body, size_t offset, uint8_t proposal_number,
                            ikd_v2_transform *out);

#endif
