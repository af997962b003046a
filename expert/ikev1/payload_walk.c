/* ikediag - the walk's finding recorder and the data attribute checker.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/payload_walk.h"

enum { ATTRIBUTE_TV = 0x8000u, ATTRIBUTE_HEADER_LEN = 4 };

void ikd_flag(ikd_walk *w, ikd_finding_id id, size_t offset, size_t length, uint32_t a0, uint32_t a1,
              uint32_t a2, uint32_t a3)
{
    ikd_findings_add_within(&w->msg->findings, w->captured, id, offset, length, a0, a1, a2, a3);
}

void ikd_check_attributes(ikd_walk *w, ikd_reader *r)
{
    while (ikd_reader_remaining(r)) {
        size_t offset = ikd_reader_offset(r);
        size_t left = ikd_reader_remaining(r);
        uint16_t type = 0, value = 0;
        if (left < ATTRIBUTE_HEADER_LEN) {
            (void)ikd_read_u16(r, &type); /* names the attribute when 2 bytes exist */
            ikd_flag(w, IKD_F_ATTRIBUTE_OVERRUN, offset, left, type & 0x7fffu, ATTRIBUTE_HEADER_LEN,
                     (uint32_t)left, 0);
            return;
        }
        (void)(ikd_read_u16(r, &type) && ikd_read_u16(r, &value));
        if (type & ATTRIBUTE_TV)
            continue; /* TV: the value was the 2 bytes just read */
        if (!ikd_reader_skip(r, value)) {
            ikd_flag(w, IKD_F_ATTRIBUTE_OVERRUN, offset, left, type, value + 4u, (uint32_t)left, 0);
            return;
        }
    }
}
