/* ikediag - the per-message annotation.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/annotation.h"

#include <glib.h>
#include <stddef.h>
#include <string.h>

/* What ikd_annotation_reset leaves alone, the two arrays, lie together
 * between the fields it clears. */
G_STATIC_ASSERT(offsetof(ikd_annotation, result) == 0);
G_STATIC_ASSERT(offsetof(ikd_annotation, vendors) == offsetof(ikd_annotation, findings) + sizeof(ikd_finding_list));
G_STATIC_ASSERT(offsetof(ikd_annotation, vendor_count) ==
                offsetof(ikd_annotation, vendors) + sizeof(((ikd_annotation *)0)->vendors));

void ikd_annotation_reset(ikd_annotation *a)
{
    memset(a, 0, offsetof(ikd_annotation, findings));
    a->findings.count = a->findings.dropped = 0;
    memset(&a->vendor_count, 0, sizeof *a - offsetof(ikd_annotation, vendor_count));
}

void ikd_annotation_clear(ikd_annotation *annotation)
{
    g_free(annotation->ios_walk);
    annotation->ios_walk = NULL;
    g_free(annotation->ra_attributes);
    annotation->ra_attributes = NULL;
    g_free(annotation->ra_debug);
    annotation->ra_debug = NULL;
}

/* Every IKE message's result is kept for the whole capture (the plugin's
 * per-frame data): a field that breaks this size costs memory per message. */
G_STATIC_ASSERT(sizeof(ikd_message_result) == 56);
/* ... and its enums fit in a byte. */
G_STATIC_ASSERT(IKD_STEP_COUNT <= 256 && IKD_IOS_STATE_COUNT <= 256 && IKD_ASA_STATE_COUNT <= 256);

bool ikd_message_rare_present(const ikd_message_rare *rare)
{
    return rare->local_id.kind != IKD_PROXY_NONE || rare->remote_id.kind != IKD_PROXY_NONE ||
           rare->ra_address.family != 0;
}
