/* ikediag - the SAs between each two addresses, kept up to date as SAs are
 * added, so the GUI's session table finds an SA's session without walking
 * every SA of the capture for every packet (that walk, with a session made
 * and freed for each SA it passed, made the table quadratic: callgrind).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_SESSION_INDEX_H
#define IKD_SESSION_INDEX_H

#include "report/sessions.h"

typedef struct ikd_session_index ikd_session_index;

ikd_session_index *ikd_session_index_new(void);
void ikd_session_index_free(ikd_session_index *index);

/* ikd_session_of(engine, sa), the same session, through the index (which
 * catches up with SAs added since, and starts again for another engine). */
ikd_session *ikd_session_of_indexed(ikd_session_index *index, const ikd_engine *engine, const ikd_sa *sa);

#endif
