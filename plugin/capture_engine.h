/* ikediag - the engine of the capture file being read: made when Wireshark
 * opens a file, freed when it closes it. The dissector feeds it and the
 * tables read it; both come here for it, so neither reaches into the other.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_CAPTURE_ENGINE_H
#define IKEDIAG_CAPTURE_ENGINE_H

#include <epan/prefs.h>

#include "engine.h"

/* NULL between files. Every message deferred (ikd_engine_defer) is fed
 * first: what it answers is up to date. */
ikd_engine *ikediag_engine(void);
/* The same engine, for the dissector to feed: deferred messages stay so. */
ikd_engine *ikediag_engine_to_feed(void);

/* The engine's own preferences (the duplicate window). */
void ikediag_engine_register_prefs(module_t *module);
/* Reads the preferences (the policy file) and hands them to the engine of
 * the open file, if any. */
void ikediag_engine_apply_prefs(void);

/* A new engine for the file being opened, with the preferences applied. */
void ikediag_engine_open(void);
void ikediag_engine_close(void);

#endif
