/* ikediag - reading other dissectors' fields and addresses (wire_fields.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "wire_fields.h"

#include <string.h>

#include <epan/ftypes/ftypes.h>

#include "ws_compat.h"

/* Wireshark 4.2 made field_info's value a pointer. */
#if IKEDIAG_WS_AT_LEAST(4, 2)
#define FIELD_VALUE(fi) ((fi)->value)
#else
#define FIELD_VALUE(fi) (&(fi)->value)
#endif

ikd_address ikediag_address_of(const address *a)
{
    ikd_address out = { 0, { 0 } };
    if (a->type == AT_IPv4 && a->len == 4) {
        out.family = 4;
        memcpy(out.bytes, a->data, 4);
    } else if (a->type == AT_IPv6 && a->len == 16) {
        out.family = 6;
        memcpy(out.bytes, a->data, 16);
    }
    return out;
}

field_info *ikediag_first_field(proto_tree *tree, int hf)
{
    GPtrArray *items = hf > 0 && tree ? proto_get_finfo_ptr_array(tree, hf) : NULL;
    return items && items->len ? (field_info *)items->pdata[0] : NULL;
}

guint32 ikediag_uint_field(proto_tree *tree, int hf, gboolean *found)
{
    field_info *fi = ikediag_first_field(tree, hf);
    if (found)
        *found = fi != NULL;
    return fi ? fvalue_get_uinteger(FIELD_VALUE(fi)) : 0;
}

const char *ikediag_field_string(field_info *fi)
{
    return fvalue_get_string(FIELD_VALUE(fi));
}

const char *ikediag_string_field(proto_tree *tree, int hf)
{
    field_info *fi = ikediag_first_field(tree, hf);
    return fi ? ikediag_field_string(fi) : NULL;
}
