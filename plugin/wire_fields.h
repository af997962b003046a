/* ikediag - what the plugin reads of other dissectors' work: a packet's
 * address as the engine keeps it, and the first value of a field in the
 * frame's tree (the field must be wanted, see proto_tree_prime_with_hfid).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_WIRE_FIELDS_H
#define IKEDIAG_WIRE_FIELDS_H

#include <epan/address.h>
#include <epan/proto.h>

#include "core/address.h"

/* Family 0 for anything but IPv4 and IPv6. */
ikd_address ikediag_address_of(const address *a);

/* The field's first occurrence in the tree, NULL when none (or no tree). */
field_info *ikediag_first_field(proto_tree *tree, int hf);
/* The first occurrence's unsigned value, 0 when none; *found says which (may be NULL). */
guint32 ikediag_uint_field(proto_tree *tree, int hf, gboolean *found);
/* A string field's value (Wireshark's, valid for the frame). */
const char *ikediag_field_string(field_info *fi);
/* The first occurrence's string value, NULL when none. */
const char *ikediag_string_field(proto_tree *tree, int hf);

#endif
