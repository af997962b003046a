/* ikediag - one IKEv2 transform: its type, ID and Key Length attribute.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/transform.h"

#include "ikev2/ikev2_names.h"

enum { ATTRIBUTE_TV = 0x8000u, ATTRIBUTE_TYPE = 0x7fffu };

static bool type_is_known(uint8_t type)
{
    return type >= IKD_V2_TT_ENCR && type <= IKD_V2_TT_ADDKE_LAST;
}

/* Reads the attributes; the Key Length (TV, RFC 7296 3.3.5) is the only
 * one IKEv2 defines, so any other is a finding. */
static void read_attributes(ikd_v2_walk *w, ikd_reader *r, ikd_v2_transform *t)
{
    while (ikd_reader_remaining(r)) {
        size_t offset = ikd_reader_offset(r), left = ikd_reader_remaining(r);
        uint16_t word = 0, value = 0;
        if (!ikd_read_u16(r, &word) || !ikd_read_u16(r, &value)) {
            ikd_v2_flag(w, IKD_F_ATTRIBUTE_OVERRUN, offset, left, word & ATTRIBUTE_TYPE, 4, (uint32_t)left, 0);
            return;
        }
        uint16_t type = word & ATTRIBUTE_TYPE;
        bool tv = (word & ATTRIBUTE_TV) != 0;
        if (type == IKD_V2_ATTR_KEY_LENGTH && tv)
            t->key_length = value;
        else if (type == IKD_V2_ATTR_KEY_LENGTH)
            ikd_v2_flag(w, IKD_F_V2_KEY_LENGTH_FORM, offset, 4, value, 0, 0, 0);
        else
            ikd_v2_flag(w, IKD_F_V2_TRANSFORM_ATTRIBUTE, offset, 4, type, t->type, 0, 0);
        if (!tv && !ikd_reader_skip(r, value)) {
            ikd_v2_flag(w, IKD_F_ATTRIBUTE_OVERRUN, offset, left, type, value + 4u, (uint32_t)left, 0);
            return;
        }
    }
}

/* Only encryption algorithms with variable key lengths take a Key Length,
 * and AES and Camellia must have one. */
static void check_key_length(ikd_v2_walk *w, const ikd_v2_transform *t, size_t offset, uint8_t proposal_number)
{
    bool encr = t->type == IKD_V2_TT_ENCR;
    if (t->key_length && (!encr || ikd_v2_encr_fixed_key_length(t->id)))
        ikd_v2_flag(w, IKD_F_V2_KEY_LENGTH_MISPLACED, offset, 8, t->type, t->id, t->key_length, 0);
    else if (!t->key_length && encr && ikd_v2_encr_needs_key_length(t->id))
        ikd_v2_flag(w, IKD_F_V2_KEY_LENGTH_MISSING, offset, 8, t->id, proposal_number, 0, 0);
}

bool ikd_v2_check_transform(ikd_v2_walk *w, ikd_reader *body, size_t offset, uint8_t proposal_number,
                            ikd_v2_transform *out)
{
    uint8_t type, reserved;
    uint16_t id;
    if (!ikd_read_u8(body, &type) || !ikd_read_u8(body, &reserved) || !ikd_read_u16(body, &id))
        return false;
    *out = (ikd_v2_transform){ type, id, 0 };
    if (reserved)
        ikd_v2_flag(w, IKD_F_RESERVED_NOT_ZERO, offset + 5, 1, IKD_V2_PL_TRANSFORM, 0, 0, 0);
    if (!type_is_known(type))
        ikd_v2_flag(w, IKD_F_V2_TRANSFORM_TYPE, offset + 4, 1, type, proposal_number, 0, 0);
    read_attributes(w, body, out);
    check_key_length(w, out, offset, proposal_number);
    return true;
}
