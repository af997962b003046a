/* ikediag - shared extras by number.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "extras_ids.h"

static GPtrArray *by_id; /* [0] unused: 0 is "not shared" */

void ikediag_extras_id_assign(ikediag_pdu_extras *x)
{
    if (!by_id) {
        by_id = g_ptr_array_new();
        g_ptr_array_add(by_id, NULL);
    }
    x->shared_id = by_id->len;
    g_ptr_array_add(by_id, x);
}

ikediag_pdu_extras *ikediag_extras_by_id(guint32 id)
{
    return by_id && id < by_id->len ? (ikediag_pdu_extras *)g_ptr_array_index(by_id, id) : NULL;
}

void ikediag_extras_ids_reset(void)
{
    if (by_id)
        g_ptr_array_free(by_id, TRUE);
    by_id = NULL;
}
