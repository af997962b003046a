/* ikediag - the crypto sessions: IOS's `show crypto session detail` for what
 * the wire shows, one block per remote peer (report/session_text.h).
 *
 *  -z isakmp,session[,FILTER]     text drawn from the engine when tshark ends,
 *                                 so it is final even in a single pass;
 *  GUI Statistics > "Crypto sessions (show crypto session)": one row per
 *  session, filled on the GUI's retap after loading; its tshark form is
 *  -z ikediag,session_table[,FILTER] (final with tshark -2).
 *
 * A FILTER keeps, in the text, the SAs with at least one message matching it
 * (a session shows only those); a GUI row is the whole session of an SA
 * with a matching message.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikediag.h"

#include <string.h>

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "capture_engine.h"
#include "report/session_index.h"
#include "report/session_text.h"
#include "stat_tables.h"
#include "ws_compat.h"

static ikediag_tap_init_result session_text_init(const char *opt_arg, void *userdata _U_)
{
    gboolean started = ikediag_start_text_table("isakmp,session", ikd_text_show_crypto_session,
                                                opt_arg + strlen("isakmp,session"));
    IKEDIAG_TAP_INIT_RETURN(started);
}

static stat_tap_ui session_text_ui = {
    REGISTER_STAT_GROUP_GENERIC, NULL, "isakmp,session", session_text_init, 0, NULL,
};

/* --- The GUI's table ----------------------------------------------------- */

static ikd_session_index *sessions; /* the engine's SAs by their two addresses */

enum {
    COL_FIRST_SA, COL_PEER, COL_LOCAL, COL_USER, COL_GROUP, COL_ADDRESS, COL_STATUS, COL_IKE_SAS, COL_FLOWS,
    COL_ACTIVE_SAS, COLUMNS
};

static stat_tap_table_item columns[COLUMNS] = {
    /* The session's first IKE SA (conn-id, or Tunnel-id for IKEv2): it names the row. */
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "First SA", "%7u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Peer", "%-21s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Local", "%-21s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Username", "%-12s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Group", "%-12s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Assigned address", "%-15s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Session status", "%-16s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "IKE SAs", "%-24s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "IPsec flows", "%-40s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Active SAs", "%4u" },
};

static const char *endpoint_text(const ikd_address *a, uint16_t port, char *buf, size_t size)
{
    char addr[IKD_ADDRESS_TEXT];
    /* RFC 5952 section 6: an IPv6 address with a port goes in brackets. */
    g_snprintf(buf, size, a->family == 6 ? "[%s]:%u" : "%s:%u", ikd_address_format(a, addr, sizeof addr), port);
    return buf;
}

/* "permit ip host a host b (2); ...": each flow and its active SAs; "-" for none. */
static void fill_flows(const ikd_session *s, stat_tap_table_item_type *cells)
{
    GString *flows = g_string_new(NULL);
    guint active = 0;
    for (guint i = 0; i < ikd_session_flow_count(s); i++) {
        const ikd_session_flow *flow = ikd_session_flow_at(s, i);
        g_string_append_printf(flows, "%s%s (%u)", i ? "; " : "", flow->text, flow->active_sas);
        active += flow->active_sas;
    }
    if (s->unread_phase2_up)
        g_string_append_printf(flows, "%s%u not decrypted", flows->len ? "; " : "", s->unread_phase2_up);
    ikediag_cell_text(&cells[COL_FLOWS], flows->len ? flows->str : "-");
    ikediag_cell_uint(&cells[COL_ACTIVE_SAS], active + 2 * s->unread_phase2_up);
    g_string_free(flows, TRUE);
}

static void fill_row(const ikd_session *s, stat_tap_table_item_type *cells)
{
    char text[256], addr[IKD_ADDRESS_TEXT];
    const ikd_sa *first = g_ptr_array_index(s->sas, 0);
    ikediag_cell_uint(&cells[COL_FIRST_SA], ikd_sa_number(first->conn_id));
    ikediag_cell_text(&cells[COL_PEER], endpoint_text(&s->remote, s->remote_port, text, sizeof text));
    ikediag_cell_text(&cells[COL_LOCAL], endpoint_text(&s->local, s->local_port, text, sizeof text));
    ikediag_cell_text(&cells[COL_USER], s->user ? s->user : "-");
    ikediag_cell_text(&cells[COL_GROUP], s->group ? s->group : "-");
    ikediag_cell_text(&cells[COL_ADDRESS],
                      s->address_known ? ikd_address_format(&s->address, addr, sizeof addr) : "-");
    ikediag_cell_text(&cells[COL_STATUS], ikd_session_status_name(ikd_session_status_of(&s->counts)));
    ikediag_cell_text(&cells[COL_IKE_SAS], ikd_session_ike_sas_text(s, text, sizeof text));
    fill_flows(s, cells);
}

/* The session of each SA in the frame gets its row (keyed by the internal
 * conn-id of its first SA), refreshed: any SA of it may have changed. */
static void refresh_row(stat_tap_table_ui *ui, ikd_engine *engine, const ikd_sa *sa)
{
    if (!sessions)
        sessions = ikd_session_index_new();
    ikd_session *s = ikd_session_of_indexed(sessions, engine, sa);
    if (!s)
        return;
    stat_tap_table *table = g_array_index(ui->tables, stat_tap_table *, 0);
    const ikd_sa *first = g_ptr_array_index(s->sas, 0);
    guint row = ikediag_table_row(table, COLUMNS, first->conn_id);
    fill_row(s, table->elements[row]);
    ikd_session_free(s);
}

static tap_packet_status session_table_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                              const void *frame_data, tap_flags_t flags _U_)
{
    return ikediag_table_each_sa(tapdata, pinfo, frame_data, refresh_row);
}

static void session_table_init(stat_tap_table_ui *ui)
{
    ikediag_table_init(ui, "Crypto sessions");
}

static tap_param filter_param[] = { { PARAM_FILTER, "filter", "Filter", NULL, TRUE } };

static stat_tap_table_ui session_table_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, "Crypto sessions (show crypto session)", "ikediag",
    "ikediag,session_table", session_table_init, session_table_packet, ikediag_table_reset,
    ikediag_table_free_cell, NULL, G_N_ELEMENTS(columns), columns, G_N_ELEMENTS(filter_param), filter_param,
    NULL, 0,
};

void ikediag_session_table_register(void)
{
    register_stat_tap_ui(&session_text_ui, NULL);
    register_stat_tap_table_ui(&session_table_ui);
}
