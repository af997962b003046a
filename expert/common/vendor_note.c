/* ikediag - a vendor ID payload noted in the message's result and its SA.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/vendor_note.h"

#include "common/vid_memo.h"

#include <string.h>

ikd_vid_info ikd_vendor_note(ikd_annotation *ann, ikd_sa *sa, int peer, const uint8_t *data, size_t len)
{
    ikd_vid_info info;
    bool room = ann->vendor_count < IKD_MAX_VENDORS;
    ikd_vid_memo_lookup(data, len, &info, room ? ann->vendors[ann->vendor_count] : NULL, sizeof ann->vendors[0]);
    if (room)
        ann->vendor_count++;
    if (info.vendor)
        ikd_sa_note_vendor(sa, peer, ikd_vendor_number(info.vendor));
    return info;
}

void ikd_vendor_note_known(ikd_annotation *ann, ikd_sa *sa, int peer, uint8_t vendor,
                           const char text[IKD_VENDOR_TEXT])
{
    if (ann->vendor_count < IKD_MAX_VENDORS)
        memcpy(ann->vendors[ann->vendor_count++], text, IKD_VENDOR_TEXT);
    ikd_sa_note_vendor(sa, peer, vendor);
}
