/* ikediag - the transforms of an SA payload, walked once per template.
 *
 * For the reason ikev1/message_memo.h gives (one implementation's MM1 and
 * MM2 are the same bytes every time), the transforms an SA payload offers
 * or chooses are remembered, by the payload's bytes, and handed to the
 * visitor again instead of walked: the walk was 600 instructions of a
 * flood's MM1 (callgrind), for one transform.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_TRANSFORM_MEMO_H
#define IKD_TRANSFORM_MEMO_H

#include "ikev1/transform.h"

/* ikd_sa_payload_transforms, remembering SA payloads of up to 512 bytes
 * with up to 16 transforms: the same visits, in the same order. */
unsigned ikd_sa_payload_transforms_remembered(const uint8_t *msg, size_t len, size_t payload_offset,
                                              ikd_transform_visitor visit, void *ctx);

#endif
