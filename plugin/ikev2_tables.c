/* ikediag - the IKEv2 SA tables: `show crypto ikev2 sa [detailed]` in
 * tshark and the GUI (report/ikev2_text.h).
 *
 *  -z ikev2,sa[,detailed][,FILTER]  IOS's text, drawn from the engine when
 *                                   tshark ends, so final in a single pass;
 *  GUI Statistics > "IKEv2 SAs (show crypto ikev2 sa)": the same rows as a
 *  sortable, copyable table, filled on the GUI's retap after loading; its
 *  tshark form is -z ikediag,ikev2_sa_table[,FILTER] (final with tshark -2).
 *  The "IKEv2 SAs" rows of the analysis table (sa_tables.c) are filled here.
 *
 * As with the IKEv1 tables, a FILTER keeps the SAs with at least one
 * message matching it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikediag.h"

#include <string.h>

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "capture_engine.h"
#include "report/ikev2_text.h"
#include "stat_tables.h"
#include "ws_compat.h"

static ikediag_tap_init_result text_init(const char *opt_arg, void *userdata _U_)
{
    const char *rest = opt_arg + strlen("ikev2,sa");
    gboolean started;
    if (!strncmp(rest, ",detailed", 9) && (rest[9] == '\0' || rest[9] == ','))
        started = ikediag_start_text_table("ikev2,sa,detailed", ikd_text_show_ikev2_sa_detailed, rest + 9);
    else
        started = ikediag_start_text_table("ikev2,sa", ikd_text_show_ikev2_sa, rest);
    IKEDIAG_TAP_INIT_RETURN(started);
}

static stat_tap_ui text_ui = {
    REGISTER_STAT_GROUP_GENERIC, NULL, "ikev2,sa", text_init, 0, NULL,
};

/* --- The GUI's table ----------------------------------------------------- */

enum { COL_TUNNEL, COL_LOCAL, COL_REMOTE, COL_VRF, COL_STATUS, COL_CRYPTO, COL_LIFE, COLUMNS };

static stat_tap_table_item columns[COLUMNS] = {
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Tunnel-id", "%9u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Local", "%-21s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Remote", "%-21s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "fvrf/ivrf", "%-9s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Status", "%-6s" },
    /* "-" where the capture has no IKE_SA_INIT response. */
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Encr, PRF, Hash, DH, Auth", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Life/Active Time", "%s" },
};

static void fill_row(ikd_engine *engine, const ikd_v2_sa *v2, stat_tap_table_item_type *cells)
{
    char buf[IKD_V2_TEXT_LINE];
    ikediag_cell_uint(&cells[COL_TUNNEL], ikd_sa_number(v2->sa.conn_id));
    ikediag_cell_text(&cells[COL_LOCAL], ikd_v2_endpoint_text(&v2->sa, 0, buf, sizeof buf));
    ikediag_cell_text(&cells[COL_REMOTE], ikd_v2_endpoint_text(&v2->sa, 1, buf, sizeof buf));
    ikediag_cell_text(&cells[COL_VRF], "none/none");
    ikediag_cell_text(&cells[COL_STATUS], ikd_ios_state_name(v2->status));
    ikediag_cell_text(&cells[COL_CRYPTO], *ikd_v2_crypto_text(v2, buf, sizeof buf) ? buf : "-");
    ikediag_cell_text(&cells[COL_LIFE], ikd_v2_life_text(engine, v2, buf, sizeof buf));
}

static void refresh_row(stat_tap_table_ui *ui, ikd_engine *engine, const ikd_sa *sa)
{
    const ikd_v2_sa *v2 = ikd_v2_sa_of_const(sa);
    if (!v2)
        return;
    stat_tap_table *table = g_array_index(ui->tables, stat_tap_table *, 0);
    guint row = ikediag_table_row(table, COLUMNS, v2->sa.conn_id); /* may move table->elements */
    fill_row(engine, v2, table->elements[row]);
}

static tap_packet_status table_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                      const void *frame_data, tap_flags_t flags _U_)
{
    return ikediag_table_each_sa(tapdata, pinfo, frame_data, refresh_row);
}

static void table_init(stat_tap_table_ui *ui)
{
    ikediag_table_init(ui, "IPv4 and IPv6 Crypto IKEv2 SA");
}

static tap_param filter_param[] = { { PARAM_FILTER, "filter", "Filter", NULL, TRUE } };

static stat_tap_table_ui table_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, "IKEv2 SAs (show crypto ikev2 sa)", "ikediag", "ikediag,ikev2_sa_table",
    table_init, table_packet, ikediag_table_reset, ikediag_table_free_cell, NULL,
    G_N_ELEMENTS(columns), columns, G_N_ELEMENTS(filter_param), filter_param, NULL, 0,
};

/* --- The analysis table's IKEv2 rows ---------------------------------------- */

static void fill_analysis(ikd_engine *engine, const ikd_v2_sa *v2, stat_tap_table_item_type *cells)
{
    char buf[256];
    const ikd_sa *sa = &v2->sa;
    const char *si = ikd_ios_state_name(v2->machine[0]), *sr = ikd_ios_state_name(v2->machine[1]);
    ikediag_cell_uint(&cells[AN_CONN_ID], ikd_sa_number(sa->conn_id));
    ikediag_cell_text(&cells[AN_INITIATOR], ikd_address_format(&sa->peer[0], buf, sizeof buf));
    ikediag_cell_text(&cells[AN_RESPONDER], ikd_address_format(&sa->peer[1], buf, sizeof buf));
    ikediag_cell_text(&cells[AN_MODE], "ikev2");
    ikediag_cell_text(&cells[AN_STATE_I], *si ? si : "-");
    ikediag_cell_text(&cells[AN_STATE_R], *sr ? sr : "-");
    ikediag_cell_text(&cells[AN_ASA], "-");
    ikediag_cell_uint(&cells[AN_FIRST], sa->first_frame);
    ikediag_cell_uint(&cells[AN_LAST], sa->last_frame);
    ikediag_cell_uint(&cells[AN_MESSAGES], sa->messages);
    ikediag_cell_uint(&cells[AN_RETRANSMISSIONS], ikd_sa_retransmissions(sa));
    ikediag_cell_text(&cells[AN_DPD], "-");
    ikediag_cell_uint(&cells[AN_KEEPALIVES], ikd_sa_extra_const(sa)->nat_keepalives);
    g_strlcpy(buf, "        -", sizeof buf);
    if (sa->established_frame && !sa->began_before_capture)
        g_snprintf(buf, sizeof buf, "%9.3f", sa->established_time - sa->first_time);
    ikediag_cell_text(&cells[AN_SETUP], buf);
    ikediag_cell_text(&cells[AN_STATUS], ikd_ios_state_name(v2->status));
    ikediag_cell_text(&cells[AN_EVIDENCE], ikd_evidence_name(sa->verdict_evidence));
    ikediag_cell_text(&cells[AN_VERDICT], *ikd_sa_verdict_text(engine, sa, buf, sizeof buf) ? buf : "-");
    ikediag_cell_text(&cells[AN_WEAK], "-");
    char user[IKD_RA_NAME_TEXT], address[IKD_ADDRESS_TEXT];
    ikd_v2_sa_remote_access_text(v2, user, address);
    ikediag_cell_text(&cells[AN_USER], user);
    ikediag_cell_text(&cells[AN_GROUP], "-"); /* IKEv2 has no Easy VPN group */
    ikediag_cell_text(&cells[AN_ADDRESS], address);
    for (int peer = 0; peer < 2; peer++)
        ikediag_cell_text(&cells[peer ? AN_PEER_R : AN_PEER_I],
                          ikd_sa_implementation(sa, peer) ? ikd_sa_implementation(sa, peer) : "-");
}

void ikediag_ikev2_analysis_row(ikd_engine *engine, stat_tap_table *table, const ikd_sa *sa)
{
    const ikd_v2_sa *v2 = ikd_v2_sa_of_const(sa);
    if (!v2)
        return;
    guint row = ikediag_table_row(table, AN_COLUMNS, sa->conn_id); /* may move table->elements */
    fill_analysis(engine, v2, table->elements[row]);
}

void ikediag_ikev2_tables_register(void)
{
    register_stat_tap_ui(&text_ui, NULL);
    register_stat_tap_table_ui(&table_ui);
}
