/* ikediag - ikediag's analysis table as text (-z ikediag,analysis): the
 * ISAKMP SAs (cisco_text.c), then the IKEv2 SAs in a section of their own
 * (ikev2_analysis.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_ANALYSIS_TEXT_H
#define IKD_ANALYSIS_TEXT_H

#include "report/cisco_text.h"

void ikd_text_sa_analysis(ikd_engine *engine, const ikd_sa_selection *which, GString *out);

#endif
