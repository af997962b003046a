/* ikediag - IKEv2's section of ikediag's analysis table: one line per IKEv2
 * SA with both sides' IOS state-machine names, frames, set-up time, status
 * and verdict, in the columns of the IKEv1 section that apply to IKEv2,
 * then who the peers are (vendor IDs), what they announce and a REDIRECT.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/ikev2_text.h"

#include <stdio.h>

/* What each peer announced it supports, and a REDIRECT: under the row. */
static void announced_lines(const ikd_v2_sa *v2, GString *out)
{
    const ikd_v2_announced *a = &v2->announced;
    char text[IKD_V2_TEXT_LINE];
    for (int peer = 0; peer < 2; peer++)
        if (a->supports[peer])
            g_string_append_printf(out, "        %s announces: %s\n", peer == 0 ? "initiator" : "responder",
                                   ikd_v2_supports_text(a->supports[peer], text, sizeof text));
    const ikd_v2_redirect *r = a->redirect;
    if (!r)
        return;
    ikd_v2_redirect_gateway(r, text, sizeof text);
    g_string_append_printf(out, "        redirected by the %s to %s (REDIRECT in frame %u)\n",
                           r->by == 0 ? "initiator" : "responder", *text ? text : "a gateway not readable",
                           (unsigned)r->frame);
}

static void analysis_row(ikd_engine *e, const ikd_v2_sa *v2, GString *out)
{
    const ikd_sa *sa = &v2->sa;
    char ini[IKD_ADDRESS_TEXT], resp[IKD_ADDRESS_TEXT], a[64], b[64], verdict[256], setup[24] = "-";
    /* RFC 5952 section 6: an IPv6 address with a port goes in brackets. */
    snprintf(a, sizeof a, sa->peer[0].family == 6 ? "[%s]:%u" : "%s:%u",
             ikd_address_format(&sa->peer[0], ini, sizeof ini), sa->port[0]);
    snprintf(b, sizeof b, sa->peer[1].family == 6 ? "[%s]:%u" : "%s:%u",
             ikd_address_format(&sa->peer[1], resp, sizeof resp), sa->port[1]);
    if (sa->established_frame && !sa->began_before_capture)
        snprintf(setup, sizeof setup, "%.3f s", sa->established_time - sa->first_time);
    const char *si = ikd_ios_state_name(v2->machine[0]), *sr = ikd_ios_state_name(v2->machine[1]);
    g_string_append_printf(out, "%-7u %-*s %-*s %-5s %-12s %-12s %6u %6u %4u %4u %-9s %-7s %-10s %s\n",
                           ikd_sa_number(sa->conn_id), sa->peer[0].family == 6 ? 41 : 21, a,
                           sa->peer[1].family == 6 ? 41 : 21, b, "ikev2", *si ? si : "-", *sr ? sr : "-",
                           sa->first_frame, sa->last_frame, sa->messages, ikd_sa_retransmissions(sa), setup,
                           ikd_ios_state_name(v2->status), ikd_evidence_name(sa->verdict_evidence),
                           *ikd_sa_verdict_text(e, sa, verdict, sizeof verdict) ? verdict : "-");
    ikd_text_implementation_lines(sa, out);
    announced_lines(v2, out);
    ikd_v2_remote_access_lines(v2, out);
}

void ikd_text_ikev2_analysis(ikd_engine *e, const ikd_sa_selection *which, GString *out)
{
    g_string_append(out, "\nIKEv2 SAs\n"
                         "tunnel  initiator             responder             mode  initiator    responder     "
                         " first   last msgs retx setup     status  evidence   verdict\n");
    for (int family = 4; family <= 6; family += 2)
        for (uint32_t i = 0; i < ikd_engine_sa_count(e); i++) {
            const ikd_v2_sa *v2 = ikd_v2_sa_of_const(ikd_engine_sa(e, i));
            if (v2 && v2->sa.peer[0].family == family && ikd_sa_selected(which, &v2->sa)) {
                analysis_row(e, v2, out);
                ikd_text_between_sas(which, out);
            }
        }
}
