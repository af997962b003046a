/* ikediag - the analysis table as text: both IKE versions' sections.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/analysis_text.h"

#include "report/ikev2_text.h"

void ikd_text_sa_analysis(ikd_engine *e, const ikd_sa_selection *which, GString *out)
{
    ikd_text_ikev1_analysis(e, which, out);
    ikd_text_ikev2_analysis(e, which, out);
}
