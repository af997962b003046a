/* ikediag - what every statistics table shares (stat_tables.c):
 * text tables drawn when tshark ends, and the cells, rows and resets of the
 * GUI's statistics tables.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_STAT_TABLES_H
#define IKEDIAG_STAT_TABLES_H

#include <epan/stat_tap_ui.h>

#include "engine.h"
#include "report/cisco_text.h"

/* Draws the table of the SAs selected by the filter into out. */
typedef void (*ikediag_text_table)(ikd_engine *engine, const ikd_sa_selection *which, GString *out);

/* Starts a text table on the "ikediag" tap; rest is what follows its -z
 * name: "" or ",FILTER". FALSE when the filter is refused (said on stderr). */
gboolean ikediag_start_text_table(const char *name, ikediag_text_table draw, const char *rest);

/* The table of this name, made or emptied. */
void ikediag_table_init(stat_tap_table_ui *ui, const char *name);
/* Empties a table of dynamic rows. */
void ikediag_table_reset(stat_tap_table *table);
void ikediag_table_free_cell(stat_tap_table *table, guint row, guint column, stat_tap_table_item_type *cell);
void ikediag_cell_text(stat_tap_table_item_type *cell, const char *text);
void ikediag_cell_uint(stat_tap_table_item_type *cell, guint value);
/* Row of the SA with this conn-id (column 0 keeps it in user_data), or a new one. */
guint ikediag_table_row(stat_tap_table *table, guint nfields, guint32 conn_id);
/* The statistics tables' tap callback, shared: calls refresh for the SA of
 * each message of the frame (a table refreshes every row the SA has: a
 * later message changes what an earlier row says). On a frame read before
 * (tshark -2, the GUI's retap) the engine already knows what follows, so an
 * SA's rows are refreshed only at its first and its last frame: refreshing
 * them at every frame was quadratic in an SA's messages. */
typedef void (*ikediag_sa_refresh)(stat_tap_table_ui *ui, ikd_engine *engine, const ikd_sa *sa);
tap_packet_status ikediag_table_each_sa(void *tapdata, const packet_info *pinfo, const void *frame_data,
                                        ikediag_sa_refresh refresh);

/* Row whose first nkeys cells keep these keys in user_data, or a new one. */
guint ikediag_table_row_keyed(stat_tap_table *table, guint nfields, const guint32 *keys, guint nkeys);

/* Columns of the analysis table ("IKE SA analysis (ikediag)"): its IKEv1
 * rows are filled in sa_tables.c, its IKEv2 rows in ikev2_tables.c. */
enum {
    AN_CONN_ID, AN_INITIATOR, AN_RESPONDER, AN_MODE, AN_STATE_I, AN_STATE_R, AN_ASA, AN_FIRST, AN_LAST,
    AN_MESSAGES, AN_RETRANSMISSIONS, AN_DPD, AN_KEEPALIVES, AN_SETUP, AN_STATUS, AN_EVIDENCE, AN_USER, AN_GROUP, AN_ADDRESS, AN_VERDICT, AN_WEAK, AN_PEER_I, AN_PEER_R, AN_COLUMNS
};

/* The analysis table's row of an IKEv2 SA, filled (ikev2_tables.c); other SAs are left alone. */
void ikediag_ikev2_analysis_row(ikd_engine *engine, stat_tap_table *table, const ikd_sa *sa);

#endif
