/* ikediag - `show crypto session detail` for what the wire shows (see
 * session_text.h for which words are IOS's).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/session_text.h"

#include "core/text_buf.h"

#include <stdio.h>

const char *ikd_ike_sa_condition_word(ikd_ike_sa_condition c)
{
    return c == IKD_IKE_SA_ACTIVE ? "Active" : "Inactive";
}

const char *ikd_session_status_text(const ikd_session *s, char *buf, size_t size)
{
    ikd_session_status status = ikd_session_status_of(&s->counts);
    if (status != IKD_SESSION_UNKNOWN)
        snprintf(buf, size, "%s", ikd_session_status_name(status));
    else if (s->counts.ike_active)
        snprintf(buf, size, "UNKNOWN (ikediag: IKEv2 child SAs not decrypted: UP-ACTIVE or UP-IDLE; supply the keys)");
    else
        snprintf(buf, size, "UNKNOWN (ikediag: %s; supply the keys)", s->unconfirmed ? s->unconfirmed : "?");
    return buf;
}

const char *ikd_session_ike_sas_text(const ikd_session *s, char *buf, size_t size)
{
    ikd_text text;
    ikd_text_init(&text, buf, size);
    for (guint i = 0; i < s->sas->len; i++) {
        const ikd_sa *sa = g_ptr_array_index(s->sas, i);
        ikd_text_printf(&text, "%sIKEv%u %u %s", i ? ", " : "", sa->ike_version == 2 ? 2u : 1u,
                        ikd_sa_number(sa->conn_id), ikd_ike_sa_condition_word(ikd_ike_sa_condition_of(sa)));
    }
    return buf;
}

static void ike_sa_lines(ikd_engine *e, const ikd_session *s, const ikd_sa *sa, GString *out)
{
    char local[IKD_ADDRESS_TEXT], remote[IKD_ADDRESS_TEXT], caps[8] = "", life[16];
    int l = ikd_session_local_peer(s, sa);
    ikd_ike_sa_condition c = ikd_ike_sa_condition_of(sa);
    g_string_append_printf(out, "  IKEv%u SA: local %s/%u remote %s/%u %s \n", sa->ike_version == 2 ? 2u : 1u,
                           ikd_address_format(&sa->peer[l], local, sizeof local), sa->port[l],
                           ikd_address_format(&sa->peer[1 - l], remote, sizeof remote), sa->port[1 - l],
                           ikd_ike_sa_condition_word(c));
    if (sa->ike_version != 2)
        ikd_sa_capabilities(sa, caps, sizeof caps);
    /* An SA no longer up has no lifetime left. */
    if (c != IKD_IKE_SA_ACTIVE || !*ikd_sa_lifetime_left(e, sa, life, sizeof life))
        g_strlcpy(life, "-", sizeof life);
    g_string_append_printf(out, "          Capabilities:%s connid:%u lifetime:%s\n", caps, ikd_sa_number(sa->conn_id),
                           life);
}

static void flow_lines(const ikd_session *s, GString *out)
{
    for (guint i = 0; i < ikd_session_flow_count(s); i++) {
        const ikd_session_flow *flow = ikd_session_flow_at(s, i);
        g_string_append_printf(out, "  IPSEC FLOW: %s \n        Active SAs: %u\n", flow->text, flow->active_sas);
    }
    if (s->unread_phase2_up)
        g_string_append_printf(out, "  ikediag: %u quick mode%s up but not decrypted: counted as up; %s\n",
                               s->unread_phase2_up, s->unread_phase2_up == 1 ? "" : "s",
                               "the flows, and any DELETE of them, need the keys");
}

void ikd_text_session_entry(ikd_engine *e, const ikd_session *s, GString *out)
{
    char addr[IKD_ADDRESS_TEXT];
    if (s->user)
        g_string_append_printf(out, "Username: %s\n", s->user);
    if (s->group)
        g_string_append_printf(out, "Group: %s\n", s->group);
    if (s->address_known)
        g_string_append_printf(out, "Assigned address: %s\n", ikd_address_format(&s->address, addr, sizeof addr));
    /* IOS pads the status to 14 columns (UP-ACTIVE and five spaces). */
    char status[160];
    g_string_append_printf(out, "Session status: %-14s\n", ikd_session_status_text(s, status, sizeof status));
    g_string_append_printf(out, "Peer: %s port %u \n", ikd_address_format(&s->remote, addr, sizeof addr),
                           s->remote_port);
    for (guint i = 0; i < s->sas->len; i++)
        ike_sa_lines(e, s, g_ptr_array_index(s->sas, i), out);
    flow_lines(s, out);
}

void ikd_text_show_crypto_session(ikd_engine *e, const ikd_sa_selection *which, GString *out)
{
    ikd_engine_sa_count(e); /* brings the SAs' final status up to date */
    GPtrArray *sessions = ikd_sessions_collect(e, which);
    g_string_append(out, "Crypto session current status\n");
    for (guint i = 0; i < sessions->len; i++) {
        g_string_append_c(out, '\n');
        ikd_text_session_entry(e, g_ptr_array_index(sessions, i), out);
        ikd_text_between_sas(which, out);
    }
    if (!sessions->len)
        g_string_append(out, "\nikediag: no IKE SA in the capture\n");
    g_ptr_array_unref(sessions);
}
