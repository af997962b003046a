/* ikediag - the IPsec SA table: one row per quick mode (phase-2 SA), as the
 * ISAKMP SA's initiator holds it (report/ipsec_text.h).
 *
 *  -z isakmp,ipsec[,FILTER]       text drawn from the engine when tshark ends,
 *                                 so it is final even in a single pass;
 *  GUI Statistics > "IPsec SAs (ikediag)": the same rows as a sortable,
 *  copyable table, filled on the GUI's retap after loading; its tshark form
 *  is -z ikediag,ipsec_table[,FILTER] (final with tshark -2).
 *
 * As with the SA tables, a FILTER keeps the ISAKMP SAs with at least one
 * message matching it, and with them all their quick modes.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikediag.h"

#include <string.h>

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "capture_engine.h"
#include "ikev1/ikev1_sa.h"
#include "report/ipsec_text.h"
#include "stat_tables.h"
#include "ws_compat.h"

static ikediag_tap_init_result ipsec_text_init(const char *opt_arg, void *userdata _U_)
{
    gboolean started =
        ikediag_start_text_table("isakmp,ipsec", ikd_text_show_ipsec_sa, opt_arg + strlen("isakmp,ipsec"));
    IKEDIAG_TAP_INIT_RETURN(started);
}

static stat_tap_ui ipsec_text_ui = {
    REGISTER_STAT_GROUP_GENERIC, NULL, "isakmp,ipsec", ipsec_text_init, 0, NULL,
};

/* --- The GUI's table ----------------------------------------------------- */

enum {
    COL_CONN_ID, COL_MESSAGE_ID, COL_LOCAL, COL_PEER, COL_LOCAL_IDENT, COL_REMOTE_IDENT, COL_TRANSFORM, COL_MODE,
    COL_PFS, COL_INBOUND, COL_OUTBOUND, COL_LIFE_S, COL_LIFE_KB, COL_UP, COL_OUTCOME, COLUMNS
};

/* Numbers are 0 where unknown: lifetimes not given, a SA that never came up. */
static stat_tap_table_item columns[COLUMNS] = {
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "conn-id", "%7u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Quick mode", "%-10s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Local", "%-16s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Peer", "%-21s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Local ident", "%-33s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Remote ident", "%-33s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Transform set", "%-24s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Mode", "%-9s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "PFS", "%-4s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Inbound SPI", "%-10s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Outbound SPI", "%-10s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Lifetime (s)", "%6u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Lifetime (KB)", "%9u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Up in frame", "%6u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Outcome", "%s" },
};

static void fill_endpoints(const ikd_sa *sa, stat_tap_table_item_type *cells)
{
    char addr[IKD_ADDRESS_TEXT], peer[IKD_ADDRESS_TEXT + 16];
    ikediag_cell_text(&cells[COL_LOCAL], ikd_address_format(&sa->peer[0], addr, sizeof addr));
    /* RFC 5952 section 6: an IPv6 address with a port goes in brackets. */
    g_snprintf(peer, sizeof peer, sa->peer[1].family == 6 ? "[%s]:%u" : "%s:%u",
               ikd_address_format(&sa->peer[1], addr, sizeof addr), sa->port[1]);
    ikediag_cell_text(&cells[COL_PEER], peer);
}

/* What only a decrypted quick mode tells; "-" and 0 when it was not. */
static void fill_readable(const ikd_v1_sa *v1, const ikd_quick_mode *qm, stat_tap_table_item_type *cells)
{
    char text[64], in[16], out[16];
    ikd_ipsec_view view = { 0 };
    const ikd_qm_decrypted *d = ikd_v1_qm_decrypted_const(qm);
    const ikd_phase2_transform *t = &d->chosen;
    bool readable = ikd_ipsec_readable(qm), chosen = d->chosen_known;
    if (readable)
        ikd_ipsec_view_of(v1, qm, &view);
    ikediag_cell_text(&cells[COL_LOCAL_IDENT], readable ? view.local_ident : "-");
    ikediag_cell_text(&cells[COL_REMOTE_IDENT], readable ? view.remote_ident : "-");
    ikediag_cell_text(&cells[COL_TRANSFORM], chosen ? ikd_ipsec_transform_text(t, text, sizeof text) : "-");
    ikediag_cell_text(&cells[COL_MODE], chosen ? ikd_ipsec_mode_text(t->encapsulation, text, sizeof text) : "-");
    g_snprintf(text, sizeof text, "%u", t->pfs_group);
    ikediag_cell_text(&cells[COL_PFS], !chosen ? "-" : t->pfs_group ? text : "none");
    ikediag_cell_text(&cells[COL_INBOUND], chosen ? ikd_ipsec_spi_text(view.inbound_spi, in, sizeof in) : "-");
    ikediag_cell_text(&cells[COL_OUTBOUND], chosen ? ikd_ipsec_spi_text(view.outbound_spi, out, sizeof out) : "-");
    ikediag_cell_uint(&cells[COL_LIFE_S], chosen ? t->life_seconds : 0);
    ikediag_cell_uint(&cells[COL_LIFE_KB], chosen ? t->life_kilobytes : 0);
}

static void fill_row(ikd_engine *engine, const ikd_v1_sa *v1, const ikd_quick_mode *qm,
                     stat_tap_table_item_type *cells)
{
    char id[16], end[192];
    ikd_phase2_outcome o;
    ikd_engine_phase2_outcome(engine, &v1->sa, qm, &o);
    ikediag_cell_uint(&cells[COL_CONN_ID], v1->sa.conn_id);
    g_snprintf(id, sizeof id, "0x%08x", qm->message_id);
    ikediag_cell_text(&cells[COL_MESSAGE_ID], id);
    fill_endpoints(&v1->sa, cells);
    fill_readable(v1, qm, cells);
    ikediag_cell_uint(&cells[COL_UP], o.up_frame);
    ikediag_cell_text(&cells[COL_OUTCOME], ikd_phase2_outcome_text(&o, qm->reject_notify, end, sizeof end));
}

/* Row of the quick mode (conn-id and message ID kept in the first two
 * cells' user_data), or a new one. */
static guint row_for(stat_tap_table *table, guint32 conn_id, guint32 message_id)
{
    const guint32 keys[] = { conn_id, message_id }; /* COL_CONN_ID, COL_MESSAGE_ID */
    return ikediag_table_row_keyed(table, COLUMNS, keys, G_N_ELEMENTS(keys));
}

/* Every quick mode of each SA in the frame gets its row, refreshed: a
 * DELETE or a rekey changes the outcome of an earlier quick mode. */
static void refresh_rows(stat_tap_table_ui *ui, ikd_engine *engine, const ikd_sa *sa)
{
    const ikd_v1_sa *v1 = ikd_v1_sa_of_const(sa);
    stat_tap_table *table = g_array_index(ui->tables, stat_tap_table *, 0);
    for (guint32 k = 0; v1 && k < ikd_v1_quick_mode_count(v1); k++) {
        const ikd_quick_mode *qm = ikd_v1_quick_mode_at(v1, k);
        guint row = row_for(table, v1->sa.conn_id, qm->message_id);
        fill_row(engine, v1, qm, table->elements[row]);
    }
}

static tap_packet_status ipsec_table_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                            const void *frame_data, tap_flags_t flags _U_)
{
    return ikediag_table_each_sa(tapdata, pinfo, frame_data, refresh_rows);
}

static void ipsec_table_init(stat_tap_table_ui *ui)
{
    ikediag_table_init(ui, "IPsec SAs");
}

static tap_param filter_param[] = { { PARAM_FILTER, "filter", "Filter", NULL, TRUE } };

static stat_tap_table_ui ipsec_table_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, "IPsec SAs (ikediag)", "ikediag", "ikediag,ipsec_table",
    ipsec_table_init, ipsec_table_packet, ikediag_table_reset, ikediag_table_free_cell, NULL,
    G_N_ELEMENTS(columns), columns, G_N_ELEMENTS(filter_param), filter_param, NULL, 0,
};

void ikediag_ipsec_table_register(void)
{
    register_stat_tap_ui(&ipsec_text_ui, NULL);
    register_stat_tap_table_ui(&ipsec_table_ui);
}
