/* ikediag - the SA tables: `show crypto isakmp sa` in tshark and the GUI.
 *
 *  -z isakmp,sa[,detail][,FILTER]   IOS's exact text (and its detail view),
 *  -z ikediag,analysis[,FILTER]     and ikediag's own table (both sides' states,
 *                                   frames, retransmissions, set-up time, verdict),
 *                                   drawn from the engine when tshark ends, so
 *                                   they are final even in a single pass.
 *  GUI Statistics > "ISAKMP SAs (show crypto isakmp sa)" and "IKE SA analysis
 *  (ikediag)": the same rows as sortable, copyable tables, filled on the GUI's
 *  retap after loading; their tshark forms are -z ikediag,sa_table and
 *  -z ikediag,analysis_table (final with tshark -2).
 *
 * IKEv2 SAs get their own tables (ikev2_tables.c); here they are only the
 * "IKEv2 SAs" section of the analysis table.
 *
 * Every table feeds on the "ikediag" tap, which carries one
 * ikediag_frame_result per frame. A FILTER keeps the SAs that have at least
 * one message matching it.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikediag.h"

#include <string.h>

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "capture_engine.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/ikev1_sa.h"
#include "report/analysis_text.h"
#include "report/cisco_text.h"
#include "report/flood_text.h"
#include "stat_tables.h"
#include "ws_compat.h"

/* --- Text tables drawn when tshark ends ---------------------------------- */

static ikediag_tap_init_result show_sa_init(const char *opt_arg, void *userdata _U_)
{
    const char *rest = opt_arg + strlen("isakmp,sa");
    gboolean started;
    if (!strncmp(rest, ",detail", 7) && (rest[7] == '\0' || rest[7] == ','))
        started = ikediag_start_text_table("isakmp,sa,detail", ikd_text_show_isakmp_sa_detail, rest + 7);
    else if (!strncmp(rest, ",summary", 8) && (rest[8] == '\0' || rest[8] == ','))
        started = ikediag_start_text_table("isakmp,sa,summary", ikd_text_show_isakmp_sa_summary, rest + 8);
    else
        started = ikediag_start_text_table("isakmp,sa", ikd_text_show_isakmp_sa, rest);
    IKEDIAG_TAP_INIT_RETURN(started);
}

static ikediag_tap_init_result analysis_init(const char *opt_arg, void *userdata _U_)
{
    gboolean started =
        ikediag_start_text_table("ikediag,analysis", ikd_text_sa_analysis, opt_arg + strlen("ikediag,analysis"));
    IKEDIAG_TAP_INIT_RETURN(started);
}

static stat_tap_ui show_sa_ui = {
    REGISTER_STAT_GROUP_GENERIC, NULL, "isakmp,sa", show_sa_init, 0, NULL,
};

static stat_tap_ui analysis_ui = {
    REGISTER_STAT_GROUP_GENERIC, NULL, "ikediag,analysis", analysis_init, 0, NULL,
};

/* --- Statistics tables (GUI and tshark -z) -------------------------------- */

typedef void (*row_filler)(ikd_engine *engine, const ikd_v1_sa *sa, stat_tap_table_item_type *cells);

static const char *address_text(const ikd_address *a, char *buf, size_t size)
{
    return ikd_address_format(a, buf, size);
}

enum { SHOW_DST, SHOW_SRC, SHOW_STATE, SHOW_CONN_ID, SHOW_SLOT, SHOW_STATUS, SHOW_COLUMNS };

static stat_tap_table_item show_columns[SHOW_COLUMNS] = {
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "dst", "%-16s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "src", "%-16s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "state", "%-14s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "conn-id", "%7u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "slot", "%4u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "status", "%-16s" },
};

static void fill_show_row(ikd_engine *engine _U_, const ikd_v1_sa *v1, stat_tap_table_item_type *cells)
{
    char buf[IKD_ADDRESS_TEXT];
    const ikd_sa *sa = &v1->sa;
    const char *state = ikd_ios_state_name(ikd_v1_sa_state(v1));
    ikediag_cell_text(&cells[SHOW_DST], address_text(&sa->peer[1], buf, sizeof buf));
    ikediag_cell_text(&cells[SHOW_SRC], address_text(&sa->peer[0], buf, sizeof buf));
    ikediag_cell_text(&cells[SHOW_STATE], *state ? state : "-");
    ikediag_cell_uint(&cells[SHOW_CONN_ID], sa->conn_id);
    ikediag_cell_uint(&cells[SHOW_SLOT], 0);
    ikediag_cell_text(&cells[SHOW_STATUS], ikd_sa_status(sa));
}

static stat_tap_table_item analysis_columns[AN_COLUMNS] = {
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "conn-id", "%7u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Initiator", "%-16s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Responder", "%-16s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Mode", "%-4s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Initiator state", "%-12s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Responder state", "%-12s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "ASA state", "%-12s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "First frame", "%6u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Last frame", "%6u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Messages", "%5u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Retransmissions", "%5u" },
    /* R-U-THEREs acknowledged of those read ("9/9"), "-" without keys or DPD. */
    { TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "DPD acked/sent", "%7s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "NAT-T keepalives", "%5u" },
    /* Text, so an SA that never came up shows "-" rather than 0; fixed width
     * so that sorting the text sorts the times (the GUI sorts by cell type). */
    { TABLE_ITEM_STRING, TAP_ALIGN_RIGHT, "Set-up (s)", "%9s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Status", "%-16s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Evidence", "%-10s" },
    /* Remote access (IKEv1): the XAUTH user, the Easy VPN group, the mode-config address; "-" when none. */
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "User", "%-12s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Group", "%-12s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Assigned address", "%-15s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Verdict", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Weak crypto", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Initiator implementation", "%s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Responder implementation", "%s" },
};

/* Each peer's implementation, from its vendor IDs and its retransmission timing. */
static void fill_implementations(const ikd_sa *sa, stat_tap_table_item_type *cells)
{
    for (int peer = 0; peer < 2; peer++) {
        char who[160];
        const char *impl = ikd_sa_implementation(sa, peer), *timing = ikd_sa_extra_const(sa)->backoff[peer];
        g_snprintf(who, sizeof who, "%s%s%s", impl ? impl : "", impl && timing ? "; retransmits like " : "",
                   timing ? timing : "");
        ikediag_cell_text(&cells[peer == 0 ? AN_PEER_I : AN_PEER_R], *who ? who : "-");
    }
}

static void fill_analysis_row(ikd_engine *engine, const ikd_v1_sa *v1, stat_tap_table_item_type *cells)
{
    char buf[IKD_ADDRESS_TEXT], verdict[256];
    const ikd_sa *sa = &v1->sa;
    const char *si = ikd_ios_state_name(v1->state_initiator), *sr = ikd_ios_state_name(v1->state_responder);
    const char *asa = ikd_asa_state_name(v1->asa_state);
    ikediag_cell_uint(&cells[AN_CONN_ID], sa->conn_id);
    ikediag_cell_text(&cells[AN_INITIATOR], address_text(&sa->peer[0], buf, sizeof buf));
    ikediag_cell_text(&cells[AN_RESPONDER], address_text(&sa->peer[1], buf, sizeof buf));
    ikediag_cell_text(&cells[AN_MODE], v1->mode == IKD_EX_MAIN ? "main" : v1->mode == IKD_EX_AGGRESSIVE ? "aggr" : "-");
    ikediag_cell_text(&cells[AN_STATE_I], *si ? si : "-");
    ikediag_cell_text(&cells[AN_STATE_R], *sr ? sr : "-");
    ikediag_cell_text(&cells[AN_ASA], *asa ? asa : "-");
    ikediag_cell_uint(&cells[AN_FIRST], sa->first_frame);
    ikediag_cell_uint(&cells[AN_LAST], sa->last_frame);
    ikediag_cell_uint(&cells[AN_MESSAGES], sa->messages);
    ikediag_cell_uint(&cells[AN_RETRANSMISSIONS], ikd_sa_retransmissions(sa));
    char dpd[24];
    ikediag_cell_text(&cells[AN_DPD], ikd_sa_dpd_text(sa, dpd, sizeof dpd));
    ikediag_cell_uint(&cells[AN_KEEPALIVES], ikd_sa_extra_const(sa)->nat_keepalives);
    char setup[32] = "        -";
    if (sa->established_frame && !sa->began_before_capture)
        g_snprintf(setup, sizeof setup, "%9.3f", sa->established_time - sa->first_time);
    ikediag_cell_text(&cells[AN_SETUP], setup);
    ikediag_cell_text(&cells[AN_STATUS], ikd_sa_status(sa));
    ikediag_cell_text(&cells[AN_EVIDENCE], ikd_evidence_name(sa->verdict_evidence));
    char user[IKD_RA_NAME_TEXT], group[IKD_RA_NAME_TEXT], address[IKD_ADDRESS_TEXT];
    ikd_v1_sa_remote_access_text(v1, user, group, address);
    ikediag_cell_text(&cells[AN_USER], user);
    ikediag_cell_text(&cells[AN_GROUP], group);
    ikediag_cell_text(&cells[AN_ADDRESS], address);
    ikd_sa_verdict_text(engine, sa, verdict, sizeof verdict);
    ikediag_cell_text(&cells[AN_VERDICT], *verdict ? verdict : "-");
    char weak[160];
    ikediag_cell_text(&cells[AN_WEAK], sa->weaknesses ? ikd_v1_sa_weakness_text(v1, weak, sizeof weak) : "-");
    fill_implementations(sa, cells);
}

/* The row filler for each table, by the table's cli string. */
static row_filler filler_of(const stat_tap_table_ui *ui);

static void show_table_init(stat_tap_table_ui *ui)
{
    ikediag_table_init(ui, "IPv4 and IPv6 Crypto ISAKMP SA");
}

static void analysis_table_init(stat_tap_table_ui *ui)
{
    ikediag_table_init(ui, "IKEv1 SAs");
    ikediag_table_init(ui, "IKEv2 SAs"); /* filled by ikev2_tables.c */
}

/* An SA's row in the analysis table (its IKEv2 section for an IKEv2 SA). */
static void refresh_analysis_row(stat_tap_table_ui *ui, ikd_engine *engine, const ikd_sa *sa)
{
    const ikd_v1_sa *v1 = ikd_v1_sa_of_const(sa);
    if (!v1) {
        if (ui->tables->len > 1)
            ikediag_ikev2_analysis_row(engine, g_array_index(ui->tables, stat_tap_table *, 1), sa);
        return;
    }
    stat_tap_table *table = g_array_index(ui->tables, stat_tap_table *, 0);
    guint row = ikediag_table_row(table, (guint)ui->nfields, v1->sa.conn_id);
    filler_of(ui)(engine, v1, table->elements[row]);
    table->elements[row][0].user_data.uint_value = v1->sa.conn_id;
}

static tap_packet_status table_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                      const void *frame_data, tap_flags_t flags _U_)
{
    return ikediag_table_each_sa(tapdata, pinfo, frame_data, refresh_analysis_row);
}

static tap_param filter_param[] = { { PARAM_FILTER, "filter", "Filter", NULL, TRUE } };

static stat_tap_table_ui show_table_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, "ISAKMP SAs (show crypto isakmp sa)", "ikediag", "ikediag,sa_table",
    show_table_init, table_packet, ikediag_table_reset, ikediag_table_free_cell, NULL,
    G_N_ELEMENTS(show_columns), show_columns, G_N_ELEMENTS(filter_param), filter_param, NULL, 0,
};

static stat_tap_table_ui analysis_table_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, "IKE SA analysis (ikediag)", "ikediag", "ikediag,analysis_table",
    analysis_table_init, table_packet, ikediag_table_reset, ikediag_table_free_cell, NULL,
    G_N_ELEMENTS(analysis_columns), analysis_columns, G_N_ELEMENTS(filter_param), filter_param, NULL, 0,
};

static row_filler filler_of(const stat_tap_table_ui *ui)
{
    return ui == &analysis_table_ui ? fill_analysis_row : fill_show_row;
}

void ikediag_sa_tables_register(void)
{
    register_stat_tap_ui(&show_sa_ui, NULL);
    register_stat_tap_ui(&analysis_ui, NULL);
    register_stat_tap_table_ui(&show_table_ui);
    register_stat_tap_table_ui(&analysis_table_ui);
}
