/* ikediag - what every statistics table shares: the text tables drawn from
 * the engine when tshark ends (-z isakmp,sa and the others), and the GUI
 * tables' cells, rows keyed by conn-id and the tap callback that refreshes
 * the rows of each SA of a frame (stat_tables.h).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikediag.h"

#include <stdio.h>

#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "capture_engine.h"
#include "stat_tables.h"
#include "ws_compat.h"

typedef struct {
    ikediag_text_table draw;
    GArray *include; /* gboolean per conn-id - 1001 */
} text_table_tap;

static void text_table_reset(void *data)
{
    text_table_tap *t = data;
    g_array_set_size(t->include, 0);
}

static tap_packet_status text_table_packet(void *data, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                        const void *frame_data, tap_flags_t flags _U_)
{
    text_table_tap *t = data;
    const ikediag_frame_result *frame = frame_data;
    ikd_engine *engine = ikediag_engine();
    for (guint i = 0; i < frame->pdu_count && engine; i++) {
        const ikd_sa *sa = ikd_engine_sa_peek(engine, frame->pdus[i].result.conn_id);
        if (!sa)
            continue;
        guint index = sa->index;
        if (t->include->len <= index)
            g_array_set_size(t->include, index + 1);
        g_array_index(t->include, gboolean, index) = TRUE;
    }
    return TAP_PACKET_REDRAW;
}

static void text_table_draw(void *data)
{
    text_table_tap *t = data;
    ikd_engine *engine = ikediag_engine();
    if (!engine)
        return;
    ikd_sa_selection which = { (const gboolean *)(void *)t->include->data, t->include->len };
    GString *out = g_string_new(NULL);
    t->draw(engine, &which, out);
    fputs(out->str, stdout);
    fflush(stdout); /* the GUI prints it too (wireshark -z isakmp,sa), and may be killed later */
    g_string_free(out, TRUE);
}

static void text_table_finish(void *data)
{
    text_table_tap *t = data;
    g_array_free(t->include, TRUE);
    g_free(t);
}

gboolean ikediag_start_text_table(const char *name, ikediag_text_table draw, const char *rest)
{
    text_table_tap *t = g_new0(text_table_tap, 1);
    t->draw = draw;
    t->include = g_array_new(FALSE, TRUE, sizeof(gboolean));
    const char *filter = *rest == ',' ? rest + 1 : NULL;
    GString *err = register_tap_listener("ikediag", t, filter, TL_REQUIRES_NOTHING, text_table_reset, text_table_packet,
                                         text_table_draw, text_table_finish);
    if (err) {
        fprintf(stderr, "tshark: -z %s: %s\n", name, err->str);
        g_string_free(err, TRUE);
        text_table_finish(t);
        return FALSE;
    }
    return TRUE;
}

void ikediag_cell_text(stat_tap_table_item_type *cell, const char *text)
{
    g_free((char *)cell->value.string_value);
    cell->type = TABLE_ITEM_STRING;
    cell->value.string_value = g_strdup(text);
}

void ikediag_cell_uint(stat_tap_table_item_type *cell, guint value)
{
    cell->type = TABLE_ITEM_UINT;
    cell->value.uint_value = value;
}

void ikediag_table_init(stat_tap_table_ui *ui, const char *name)
{
    stat_tap_table *table = stat_tap_find_table(ui, name);
    if (table) {
        if (ui->stat_tap_reset_table_cb)
            ui->stat_tap_reset_table_cb(table);
        return;
    }
    stat_tap_add_table(ui, stat_tap_init_table(name, (int)ui->nfields, 0, NULL));
}

static gboolean row_has_keys(stat_tap_table *table, guint row, const guint32 *keys, guint nkeys)
{
    for (guint k = 0; k < nkeys; k++)
        if (stat_tap_get_field_data(table, row, k)->user_data.uint_value != keys[k])
            return FALSE;
    return TRUE;
}

guint ikediag_table_row_keyed(stat_tap_table *table, guint nfields, const guint32 *keys, guint nkeys)
{
    for (guint row = 0; row < table->num_elements; row++)
        if (row_has_keys(table, row, keys, nkeys))
            return row;
    stat_tap_table_item_type *cells = g_new0(stat_tap_table_item_type, nfields);
    for (guint k = 0; k < nkeys; k++)
        cells[k].user_data.uint_value = keys[k];
    guint row = table->num_elements;
    stat_tap_init_table_row(table, row, nfields, cells);
    g_free(cells);
    return row;
}

guint ikediag_table_row(stat_tap_table *table, guint nfields, guint32 conn_id)
{
    return ikediag_table_row_keyed(table, nfields, &conn_id, 1);
}

tap_packet_status ikediag_table_each_sa(void *tapdata, const void *frame_data, ikediag_sa_refresh refresh)
{
    stat_data_t *stat = tapdata;
    const ikediag_frame_result *frame = frame_data;
    ikd_engine *engine = ikediag_engine();
    if (!engine)
        return TAP_PACKET_DONT_REDRAW;
    for (guint i = 0; i < frame->pdu_count; i++) {
        const ikd_sa *sa = ikd_engine_sa_peek(engine, frame->pdus[i].result.conn_id);
        if (sa)
            refresh(stat->stat_tap_data, engine, sa);
    }
    return TAP_PACKET_REDRAW;
}

void ikediag_table_free_cell(stat_tap_table *table _U_, guint row _U_, guint column _U_, stat_tap_table_item_type *cell)
{
    if (cell->type == TABLE_ITEM_STRING) {
        g_free((char *)cell->value.string_value);
        cell->value.string_value = NULL;
    }
}

void ikediag_table_reset(stat_tap_table *table)
{
    for (guint row = 0; row < table->num_elements; row++) {
        for (guint col = 0; col < table->num_fields; col++)
            ikediag_table_free_cell(table, row, col, &table->elements[row][col]);
        g_free(table->elements[row]);
    }
    table->num_elements = 0;
}
