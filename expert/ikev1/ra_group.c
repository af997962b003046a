/* ikediag - the Easy VPN group from AM1 (see ra_group.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/ra_group.h"

#include "core/interned.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/ikev1_sa.h"
#include "ikev1/remote_access.h"

#include <string.h>

/* The ID payload's identification data when its type is KEY_ID. */
static bool key_id_of(const uint8_t *bytes, size_t len, const ikd_payload_ref *pl, char *out, size_t size)
{
    enum { ID_HEADER = 8 }; /* generic header 4, type, protocol, port */
    if (pl->length < ID_HEADER || pl->offset + pl->length > len || bytes[pl->offset + 4] != IKD_ID_KEY_ID)
        return false;
    ikd_cfg_attribute as_text = { 0, false, (uint16_t)(pl->length - ID_HEADER), bytes + pl->offset + ID_HEADER };
    ikd_cfg_value_string(&as_text, out, size);
    return true;
}

void ikd_v1_note_group(const ikd_v1_event *ev)
{
    const ikd_message *m = ev->msg;
    char group[IKD_RA_NAME_TEXT];
    for (uint32_t i = 0; i < m->payload_count; i++) {
        if (m->payloads[i].type != IKD_PL_ID ||
            !key_id_of(ev->packet->bytes, ev->packet->captured_len, &m->payloads[i], group, sizeof group))
            continue;
        ikd_v1_ra *ra = ikd_v1_ra_of(ev->ctx->records, ev->sa);
        memcpy(ra->group, group, sizeof group);
        ra->group_id = ikd_intern(group);
        memcpy(ev->ann->ra_group, group, sizeof group);
        return;
    }
}
