/* ikediag - one engine per capture file.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "capture_engine.h"

#include "ikediag.h"

static ikd_engine *engine;

ikd_engine *ikediag_engine(void)
{
    return engine;
}

void ikediag_engine_open(void)
{
    ikd_engine_free(engine);
    engine = ikd_engine_new();
    ikediag_policy_apply(engine);
}

void ikediag_engine_close(void)
{
    ikd_engine_free(engine);
    engine = NULL;
}
