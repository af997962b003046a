/* ikediag - one engine per capture file.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "capture_engine.h"

#include "ikediag.h"

#include <inttypes.h>

#include <wsutil/wslog.h>

static ikd_engine *engine;
static guint duplicate_window_ms = 5; /* IKD_DUPLICATE_WINDOW_DEFAULT */
static guint max_sas = IKD_MAX_SAS_DEFAULT;

void ikediag_engine_register_prefs(module_t *module)
{
    prefs_register_uint_preference(
        module, "duplicate_window", "Duplicate window (ms)",
        "A message byte for byte identical to one seen less than this many milliseconds earlier is a capture "
        "artefact (a SPAN port mirroring both directions, two capture points merged), not a retransmission: "
        "it is marked ikediag.duplicate_frame and not counted. 0 turns the check off.",
        10, &duplicate_window_ms);
    prefs_register_uint_preference(
        module, "max_sas", "Maximum number of tracked SAs",
        "Past this many SAs, the oldest half-open ones (a first message never answered: an IKE scan or DoS) are "
        "dropped, and one finding (ikediag.flood.sas_dropped) says how many. SAs that got an answer are never "
        "dropped. 0: no bound.",
        10, &max_sas);
}

void ikediag_engine_apply_prefs(void)
{
    ikediag_policy_apply(engine); /* (re)reads the file even with no capture open, to report on it */
    if (engine) {
        ikd_engine_set_duplicate_window(engine, duplicate_window_ms / 1000.0);
        ikd_engine_set_max_sas(engine, max_sas);
    }
}

ikd_engine *ikediag_engine(void)
{
    if (engine)
        ikd_engine_settle(engine);
    return engine;
}

ikd_engine *ikediag_engine_to_feed(void)
{
    return engine;
}

void ikediag_engine_open(void)
{
    ikd_engine_free(engine);
    engine = ikd_engine_new();
    ikediag_engine_apply_prefs();
}

void ikediag_engine_close(void)
{
    if (engine) {
        uint64_t deferred, runs;
        ikd_engine_deferred_counts(engine, &deferred, &runs);
        if (deferred)
            ws_log("ikediag", LOG_LEVEL_DEBUG, "%" PRIu64 " messages deferred; runs fed: %" PRIu64, deferred, runs);
    }
    ikd_engine_free(engine);
    engine = NULL;
}
