/* ikediag - `show crypto isakmp sa` with each burst of half-open SAs
 * (flood.h) collapsed into one line: -z isakmp,sa,summary. The default
 * table stays IOS-exact; this one is for a capture a scan or DoS flooded.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_FLOOD_TEXT_H
#define IKD_FLOOD_TEXT_H

#include "report/cisco_text.h"

void ikd_text_show_isakmp_sa_summary(ikd_engine *engine, const ikd_sa_selection *which, GString *out);

#endif
