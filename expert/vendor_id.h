/* ikediag - recognising the vendor IDs that announce capabilities.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_VENDOR_ID_H
#define IKD_VENDOR_ID_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    IKD_VID_OTHER,
    IKD_VID_DPD,           /* RFC 3706 */
    IKD_VID_XAUTH,         /* draft-ietf-ipsra-isakmp-xauth */
    IKD_VID_NAT_T,         /* RFC 3947 or one of the drafts */
    IKD_VID_CISCO_UNITY,
    IKD_VID_FRAGMENTATION, /* Cisco/Microsoft IKE fragmentation */
} ikd_vid_kind;

ikd_vid_kind ikd_vid_classify(const uint8_t *data, size_t len);

#endif
