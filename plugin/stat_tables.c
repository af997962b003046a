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
#include "frame_readers.h"
#include "stat_tables.h"
#include "ws_compat.h"

typedef struct {
    ikediag_text_table draw;
    /* gboolean per SA number (conn-id less its version's base), IKEv1 and
     * IKEv2: an SA's index moves when half-open SAs are dropped (flood.h),
     * its conn-id never does. */
    GArray *seen[2];
} text_table_tap;

static guint sa_number_of(guint32 conn_id, gboolean *v2)
{
    *v2 = ikd_conn_id_is_v2(conn_id);
    return conn_id - (*v2 ? IKD_V2_CONN_ID_BASE : IKD_CONN_ID_BASE);
}

static void text_table_reset(void *data)
{
    text_table_tap *t = data;
    g_array_set_size(t->seen[0], 0);
    g_array_set_size(t->seen[1], 0);
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
        gboolean v2;
        guint n = sa_number_of(sa->conn_id, &v2);
        if (t->seen[v2]->len <= n)
            g_array_set_size(t->seen[v2], n + 1);
        g_array_index(t->seen[v2], gboolean, n) = TRUE;
    }
    return TAP_PACKET_REDRAW;
}

static void print_written(const GString *written, void *ctx _U_)
{
    fwrite(written->str, 1, written->len, stdout);
}

static void text_table_draw(void *data)
{
    text_table_tap *t = data;
    ikd_engine *engine = ikediag_engine();
    if (!engine)
        return;
    guint count = ikd_engine_sa_count(engine);
    gboolean *include = g_new0(gboolean, count ? count : 1);
    /* Deferred frames reached no tap; they were of a single pass, where every
     * frame reaches the taps, and only unfiltered tables let them be. */
    gboolean all = ikediag_frames_were_deferred();
    for (guint i = 0; i < count; i++) {
        gboolean v2;
        guint n = sa_number_of(ikd_engine_sa(engine, i)->conn_id, &v2);
        include[i] = all || (n < t->seen[v2]->len && g_array_index(t->seen[v2], gboolean, n));
    }
    /* Printed as it is written: a million SAs' table was a 70 MB string. */
    ikd_sa_selection which = { include, count, print_written, NULL };
    GString *out = g_string_sized_new(IKD_TEXT_FLUSH_BYTES + 4096);
    t->draw(engine, &which, out);
    print_written(out, NULL);
    fflush(stdout); /* the GUI prints it too (wireshark -z isakmp,sa), and may be killed later */
    g_string_free(out, TRUE);
    g_free(include);
}

static void text_table_finish(void *data)
{
    text_table_tap *t = data;
    g_array_free(t->seen[0], TRUE);
    g_array_free(t->seen[1], TRUE);
    g_free(t);
}

gboolean ikediag_start_text_table(const char *name, ikediag_text_table draw, const char *rest)
{
    text_table_tap *t = g_new0(text_table_tap, 1);
    t->draw = draw;
    t->seen[0] = g_array_new(FALSE, TRUE, sizeof(gboolean));
    t->seen[1] = g_array_new(FALSE, TRUE, sizeof(gboolean));
    const char *filter = *rest == ',' ? rest + 1 : NULL;
    if (filter)
        ikediag_frame_reader_registered(); /* it must see each frame's SAs */
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
    ikediag_frame_reader_registered(); /* its rows are refreshed from each frame's SAs */
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

/* Each keyed table's rows by their keys (one or two uint32s packed into a
 * uint64 -> row + 1). Searching the rows one by one made every packet of the
 * GUI tables cost a walk of every SA's row: quadratic, -2 with the tables
 * on 20,000 SAs did not finish in 5 minutes (callgrind: row_has_keys). A hit
 * is checked against the row itself, so a stale entry (a table reset, or
 * freed and another made at its address) is only a miss. */
static GHashTable *row_indexes; /* stat_tap_table* -> GHashTable* */

/* Keys mixed (GLib's g_int64_hash folds the two halves together with XOR,
 * and a conn-id beside a message ID counting up with it collides). */
static guint packed_keys_hash(gconstpointer key)
{
    return (guint)((*(const guint64 *)key * G_GUINT64_CONSTANT(0x9e3779b97f4a7c15)) >> 32);
}

static GHashTable *row_index_of(stat_tap_table *table)
{
    if (!row_indexes)
        row_indexes = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_hash_table_destroy);
    GHashTable *index = g_hash_table_lookup(row_indexes, table);
    if (!index) {
        index = g_hash_table_new_full(packed_keys_hash, g_int64_equal, g_free, NULL);
        g_hash_table_insert(row_indexes, table, index);
    }
    return index;
}

static guint row_by_scan(stat_tap_table *table, const guint32 *keys, guint nkeys)
{
    for (guint row = 0; row < table->num_elements; row++)
        if (row_has_keys(table, row, keys, nkeys))
            return row;
    return G_MAXUINT;
}

guint ikediag_table_row_keyed(stat_tap_table *table, guint nfields, const guint32 *keys, guint nkeys)
{
    GHashTable *index = nkeys <= 2 ? row_index_of(table) : NULL;
    gint64 packed = (gint64)((guint64)keys[0] << 32 | (nkeys > 1 ? keys[1] : 0));
    guint row = G_MAXUINT;
    if (index) {
        guint found = GPOINTER_TO_UINT(g_hash_table_lookup(index, &packed));
        if (found && found - 1 < table->num_elements && row_has_keys(table, found - 1, keys, nkeys))
            row = found - 1;
    } else {
        row = row_by_scan(table, keys, nkeys);
    }
    if (row != G_MAXUINT)
        return row;
    stat_tap_table_item_type *cells = g_new0(stat_tap_table_item_type, nfields);
    for (guint k = 0; k < nkeys; k++)
        cells[k].user_data.uint_value = keys[k];
    row = table->num_elements;
    stat_tap_init_table_row(table, row, nfields, cells);
    g_free(cells);
    if (index)
        g_hash_table_insert(index, g_memdup2(&packed, sizeof packed), GUINT_TO_POINTER(row + 1));
    return row;
}

guint ikediag_table_row(stat_tap_table *table, guint nfields, guint32 conn_id)
{
    return ikediag_table_row_keyed(table, nfields, &conn_id, 1);
}

/* Each table's SAs refreshed since its last reset (stat_tap_table* -> set of conn-ids). */
static GHashTable *refreshed_sas;

static GHashTable *refreshed_in(stat_tap_table_ui *ui)
{
    stat_tap_table *table = g_array_index(ui->tables, stat_tap_table *, 0);
    if (!refreshed_sas)
        refreshed_sas = g_hash_table_new_full(g_direct_hash, g_direct_equal, NULL, (GDestroyNotify)g_hash_table_destroy);
    GHashTable *set = g_hash_table_lookup(refreshed_sas, table);
    if (set && table->num_elements == 0)
        g_hash_table_remove_all(set); /* a new table, perhaps where a freed one was */
    if (!set) {
        set = g_hash_table_new(g_direct_hash, g_direct_equal);
        g_hash_table_insert(refreshed_sas, table, set);
    }
    return set;
}

/* Whether the SA's rows need this frame's refresh (see stat_tables.h). */
static gboolean needs_refresh(stat_tap_table_ui *ui, const packet_info *pinfo, const ikd_sa *sa)
{
    GHashTable *set = refreshed_in(ui);
    gpointer key = GUINT_TO_POINTER(sa->conn_id);
    gboolean seen = g_hash_table_contains(set, key);
    if (!seen)
        g_hash_table_add(set, key);
    return !seen || !pinfo->fd->visited || pinfo->num >= sa->last_frame;
}

tap_packet_status ikediag_table_each_sa(void *tapdata, const packet_info *pinfo, const void *frame_data,
                                        ikediag_sa_refresh refresh)
{
    stat_data_t *stat = tapdata;
    const ikediag_frame_result *frame = frame_data;
    ikd_engine *engine = ikediag_engine();
    if (!engine)
        return TAP_PACKET_DONT_REDRAW;
    for (guint i = 0; i < frame->pdu_count; i++) {
        const ikd_sa *sa = ikd_engine_sa_peek(engine, frame->pdus[i].result.conn_id);
        if (sa && needs_refresh(stat->stat_tap_data, pinfo, sa))
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
    if (row_indexes)
        g_hash_table_remove(row_indexes, table);
    if (refreshed_sas)
        g_hash_table_remove(refreshed_sas, table);
}
