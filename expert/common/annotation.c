/* ikediag - the per-message annotation.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/annotation.h"

#include <glib.h>

void ikd_annotation_clear(ikd_annotation *annotation)
{
    g_free(annotation->ios_walk);
    annotation->ios_walk = NULL;
    g_free(annotation->ra_attributes);
    annotation->ra_attributes = NULL;
    g_free(annotation->ra_debug);
    annotation->ra_debug = NULL;
}
