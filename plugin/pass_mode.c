/* ikediag - whether a later pass will read this one's records.
 *
 * The per-message records and the engine's index of answers are kept for
 * the passes after the first: the GUI's, tshark -2's second. tshark's single
 * pass has none, and keeping them was a tenth of ikediag's cost a message
 * there and a fifth of its memory (callgrind, massif; 20k healthy SAs). No
 * API says which pass this is, and a dissector sees the GUI's first read and
 * tshark's single pass alike; but only the single pass keeps no earlier
 * frames: tshark's packet provider finds the time of an earlier frame only
 * when it is the reference frame (the first), the previous one captured or
 * the previous one displayed. Wireshark 4.0 exports no call that asks it
 * directly (epan_get_frame_ts is not public); frame_data_compare does, for
 * the "delta time" column: it takes each frame's time less the time of the
 * frame before it, and zero when that time cannot be had.
 *
 * So at frame 4 the time of frame 2 (not the first, not the previous) is
 * asked for, through a made-up frame 3. Found: frame 2 is kept, a later
 * pass may come, and everything is kept as before. Not found: the single
 * pass. A display filter can make
 * frame 2 the previous one displayed; then it is found and all is kept: the
 * error is always to keep too much.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "pass_mode.h"

#include <epan/column-utils.h>
#include <epan/frame_data.h>
#include <wsutil/wslog.h>

#include "capture_engine.h"

enum { PROBE_FRAME = 2, DECIDE_FROM = 4 };

static gboolean decided, single_pass, probe_seen;
static nstime_t probe_time;

void ikediag_pass_mode_reset(void)
{
    decided = single_pass = probe_seen = FALSE;
    nstime_set_zero(&probe_time);
}

/* Whether Wireshark still has the time of frame PROBE_FRAME: a made-up
 * frame PROBE_FRAME + 1, a second before it, has a negative delta if it has
 * (it is the frame's own time, seen here), none otherwise; frame 1's delta
 * is always none, and equal deltas are ordered by frame number, 3 after 1. */
static gboolean probe_frame_kept(const struct epan_session *epan)
{
    frame_data after = { 0 }, first = { 0 };
    after.num = PROBE_FRAME + 1;
    after.abs_ts = probe_time;
    after.abs_ts.secs -= 1;
    first.num = 1;
    first.abs_ts = after.abs_ts;
    /* Wireshark warns when it has no time for a frame; this one is asked on
     * purpose, so quietly: unless the warning would show anyway or be fatal
     * (--log-fatal, a noisy filter), then nothing is asked and all is kept. */
    enum ws_log_level level = ws_log_get_level();
    ws_log_set_level(LOG_LEVEL_CRITICAL);
    gboolean kept = ws_log_msg_is_active(NULL, LOG_LEVEL_WARNING) ||
                    frame_data_compare(epan, &after, &first, COL_DELTA_TIME) < 0;
    ws_log_set_level(level);
    return kept;
}

gboolean ikediag_single_pass(packet_info *pinfo)
{
    if (decided || PINFO_FD_VISITED(pinfo))
        return single_pass;
    if (pinfo->num == PROBE_FRAME) {
        probe_time = pinfo->abs_ts;
        probe_seen = TRUE;
    }
    if (pinfo->num < DECIDE_FROM)
        return FALSE;
    decided = TRUE;
    single_pass = probe_seen && pinfo->epan && !probe_frame_kept(pinfo->epan);
    if (single_pass) {
        if (ikediag_engine())
            ikd_engine_drop_answers(ikediag_engine());
        ws_log("ikediag", LOG_LEVEL_DEBUG, "one pass only (no earlier frames kept): per-message records not kept");
    }
    return single_pass;
}
