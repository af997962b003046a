/* ikediag - a vendor ID payload of a message noted where both IKE versions
 * keep it: its identification in the message's result (ikediag.vendor) and
 * the vendor it names as the sender's implementation in the SA.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_VENDOR_NOTE_H
#define IKD_VENDOR_NOTE_H

#include "common/annotation.h"
#include "common/sa.h"
#include "common/vendor_id.h"

/* data/len: the payload's data after its 4-byte generic header. peer: the
 * sender's index in sa->peer, -1 when unknown (no implementation noted).
 * The first vendor a peer's IDs name stays its implementation. Returns
 * what the ID was identified as, for the caller's own capability bits. */
ikd_vid_info ikd_vendor_note(ikd_annotation *ann, ikd_sa *sa, int peer, const uint8_t *data, size_t len);
/* The same for an ID identified before: the vendor it names
 * (ikd_vendor_number, 0: none) and its text. */
void ikd_vendor_note_known(ikd_annotation *ann, ikd_sa *sa, int peer, uint8_t vendor,
                           const char text[IKD_VENDOR_TEXT]);

#endif
