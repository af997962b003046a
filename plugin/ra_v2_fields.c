/* ikediag - IKEv2 remote-access fields.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ra_v2_fields.h"

#include "common/cfg_attributes.h"
#include "ikev2/eap.h"

static int hf_ra_cp = -1;
static int hf_ra_eap = -1;

void ikediag_ra_v2_render(const ikd_message_result *result, proto_tree *tree, tvbuff_t *tvb, gint start)
{
    char name[32], text[48];
    if (result->cp_type) {
        bool known = result->cp_type >= IKD_CFG_REQUEST && result->cp_type <= IKD_CFG_ACK;
        g_snprintf(text, sizeof text, "%s%s", known ? "CFG_" : "CFG ",
                   ikd_cfg_type_name(result->cp_type, name, sizeof name));
        proto_item_set_generated(proto_tree_add_string(tree, hf_ra_cp, tvb, start, 0, text));
    }
    if (result->eap_code) {
        ikd_v2_eap_text(result->eap_code, result->eap_type, text, sizeof text);
        proto_item_set_generated(proto_tree_add_string(tree, hf_ra_eap, tvb, start, 0, text));
    }
}

void ikediag_ra_v2_fields_register(int proto)
{
    static hf_register_info fields[] = {
        { &hf_ra_cp, { "Configuration payload", "ikediag.ra.cp", FT_STRING, BASE_NONE, NULL, 0x0,
                       "IKEv2: the CFG type of a decrypted CP payload (CFG_REQUEST, CFG_REPLY, CFG_SET, CFG_ACK); "
                       "its attributes are under ikediag.ra.attribute", HFILL } },
        { &hf_ra_eap, { "EAP message", "ikediag.ra.eap", FT_STRING, BASE_NONE, NULL, 0x0,
                        "IKEv2: a decrypted EAP payload's code and method (Response/Identity, Request/MSCHAPv2, "
                        "Success, Failure); the identity a Response/Identity gives is ikediag.ra.user", HFILL } },
    };
    proto_register_field_array(proto, fields, array_length(fields));
}
