/* ikediag - whether anyone reads a frame's results while it is dissected
 * (frame_readers.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "frame_readers.h"

#include <wsutil/wslog.h>

#include "expert_items.h"

/* Never unset: tshark registers its listeners before it reads, and the
 * GUI, which may close a table, never defers (it has columns). */
static gboolean frame_reader;
/* Asked once a file, at its first frame of a single pass: in tshark the
 * columns, the fields asked for and the taps stay as they are for the run
 * (asking at every frame was 106 instructions a message). */
static gboolean decided, deferred;

void ikediag_frame_reader_registered(void)
{
    frame_reader = TRUE;
}

gboolean ikediag_frame_may_defer(packet_info *pinfo, proto_tree *tree, gboolean single_pass)
{
    if (!single_pass)
        return FALSE;
    if (!decided) {
        decided = TRUE;
        deferred = !pinfo->cinfo && !frame_reader && !ikediag_items_wanted(tree);
        if (deferred)
            ws_log("ikediag", LOG_LEVEL_DEBUG, "no frame reader: messages deferred, fed to the engine in runs");
    }
    return deferred;
}

gboolean ikediag_frames_were_deferred(void)
{
    return deferred;
}

void ikediag_frame_readers_reset(void)
{
    decided = deferred = FALSE;
}
