/* ikediag - what the SA tables (sa_tables.c) share with the other tables:
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

#endif
