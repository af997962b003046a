/* ikediag - show crypto isakmp sa, bursts of half-open SAs collapsed
 * (report/flood_text.h). The rows left are IOS's; each burst's line is
 * ikediag's own words, marked as a comment the way IOS marks them ("!").
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/flood_text.h"

#include "common/cisco_state.h"

static void burst_line(const ikd_burst *b, uint32_t shown, GString *out)
{
    char responder[IKD_ADDRESS_TEXT];
    double span = b->last_time - b->first_time;
    g_string_append_printf(out,
                           "! %u SAs in %s not listed: %u %ss from %u sources to %s in %.1f s, none answered "
                           "(an IKE scan or DoS, or the responder is down)\n",
                           shown, ikd_ios_state_name(b->step == IKD_STEP_AM1 ? IKD_IOS_AG_NO_STATE : IKD_IOS_MM_NO_STATE),
                           b->sas, ikd_step_name(b->step), b->sources,
                           ikd_address_format(&b->responder, responder, sizeof responder), span > 0 ? span : 0);
}

void ikd_text_show_isakmp_sa_summary(ikd_engine *e, const ikd_sa_selection *which, GString *out)
{
    uint32_t count = ikd_engine_sa_count(e), bursts = 0;
    const ikd_burst *burst = ikd_engine_bursts(e, &bursts);
    gboolean *include = g_new0(gboolean, count ? count : 1);
    uint32_t *shown = g_new0(uint32_t, bursts ? bursts : 1);
    for (uint32_t i = 0; i < count; i++) {
        const ikd_sa *sa = ikd_engine_sa(e, i);
        gboolean selected = ikd_sa_selected(which, sa);
        include[i] = selected && !sa->burst;
        if (selected && sa->burst)
            shown[sa->burst - 1]++;
    }
    const ikd_sa_selection rest = { include, count, which ? which->flush : NULL, which ? which->flush_ctx : NULL };
    ikd_text_show_isakmp_sa(e, &rest, out);
    bool first = true;
    for (uint32_t b = 0; b < bursts; b++) {
        if (!shown[b] || burst[b].step == IKD_STEP_IKE_SA_INIT)
            continue; /* IKEv2 SAs are not in show crypto isakmp sa */
        if (first)
            g_string_append_c(out, '\n'); /* apart from IOS's own table */
        first = false;
        burst_line(&burst[b], shown[b], out);
    }
    g_free(shown);
    g_free(include);
}
