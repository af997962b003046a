/* ikediag - the PKI table: -z ikediag,pki (text, when tshark ends) and
 * Statistics > PKI: SCEP enrollments and IKE certificates (ikediag): one row
 * per SCEP enrollment and one per certificate an IKE peer sent.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikediag.h"

#include <stdio.h>
#include <string.h>

#include <epan/proto_data.h>
#include <epan/stat_tap_ui.h>
#include <epan/tap.h>

#include "capture_engine.h"
#include "frame_store.h"
#include "report/pki_text.h"
#include "scep_http.h"
#include "stat_tables.h"
#include "ws_compat.h"

enum { SCEP_PROTO_DATA_KEY = 0x5CE9, KIND_SCEP = 1, KIND_IKE_CERT = 2 };

/* --- -z ikediag,pki ---------------------------------------------------------- */

static tap_packet_status pki_text_packet(void *data _U_, packet_info *pinfo _U_, epan_dissect_t *edt _U_,
                                         const void *frame_data _U_, tap_flags_t flags _U_)
{
    return TAP_PACKET_REDRAW;
}

static void pki_text_draw(void *data _U_)
{
    GString *out = g_string_new(NULL);
    ikd_text_pki(ikediag_engine(), ikediag_scep_store(), out);
    fputs(out->str, stdout);
    fflush(stdout);
    g_string_free(out, TRUE);
}

static ikediag_tap_init_result pki_text_init(const char *opt_arg _U_, void *userdata _U_)
{
    /* the whole capture: an enrollment is not cut by a display filter */
    GString *err = register_tap_listener("ikediag_scep", NULL, NULL, TL_REQUIRES_NOTHING, NULL, pki_text_packet,
                                         pki_text_draw, NULL);
    if (err) {
        fprintf(stderr, "tshark: -z ikediag,pki: %s\n", err->str);
        g_string_free(err, TRUE);
    }
    IKEDIAG_TAP_INIT_RETURN(err == NULL);
}

static stat_tap_ui pki_text_ui = {
    REGISTER_STAT_GROUP_GENERIC, NULL, "ikediag,pki", pki_text_init, 0, NULL,
};

/* --- the GUI's table ---------------------------------------------------------- */

enum { COL_KIND, COL_ID, COL_INDEX, COL_WHO, COL_SUBJECT, COL_DETAILS, COL_OUTCOME, COL_FIRST, COL_LAST, COLUMNS };

static stat_tap_table_item columns[COLUMNS] = {
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Kind", "%-16s" },
    /* the enrollment's number, or the IKE SA's (conn-id / Tunnel-id) */
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Enrollment / SA", "%7u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Certificate", "%3u" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Client / sender", "%-24s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "CA URL / subject", "%-40s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Transaction and steps / issuer", "%-60s" },
    { TABLE_ITEM_STRING, TAP_ALIGN_LEFT, "Outcome / verdict", "%-40s" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "First frame", "%7u" },
    { TABLE_ITEM_UINT, TAP_ALIGN_RIGHT, "Last frame", "%7u" },
};

static int proto_ikediag_id = -1;

static stat_tap_table_item_type *row_cells(stat_tap_table *table, guint32 kind, guint32 id, guint32 index)
{
    /* keys in the first three cells' user_data: kind, number, certificate */
    const guint32 keys[] = { kind, id, index };
    guint row = ikediag_table_row_keyed(table, COLUMNS, keys, 3);
    return table->elements[row];
}

static void scep_row(stat_tap_table *table, const ikd_scep_enrollment *e)
{
    char addr[IKD_ADDRESS_TEXT], outcome[IKD_SCEP_TEXT];
    stat_tap_table_item_type *cells = row_cells(table, KIND_SCEP, e->number, 0);
    ikediag_cell_text(&cells[COL_KIND], "SCEP enrollment");
    ikediag_cell_uint(&cells[COL_ID], e->number);
    ikediag_cell_uint(&cells[COL_INDEX], 0);
    ikediag_cell_text(&cells[COL_WHO], ikd_address_format(&e->client, addr, sizeof addr));
    ikediag_cell_text(&cells[COL_SUBJECT], e->url);
    GString *steps = g_string_new(e->transaction_id[0] ? e->transaction_id : "(no transaction)");
    g_string_append(steps, ": ");
    ikd_scep_steps_text(e, steps);
    ikediag_cell_text(&cells[COL_DETAILS], steps->str);
    g_string_free(steps, TRUE);
    ikd_scep_outcome_text(e, outcome, sizeof outcome);
    ikediag_cell_text(&cells[COL_OUTCOME], outcome);
    ikediag_cell_uint(&cells[COL_FIRST], e->first_frame);
    ikediag_cell_uint(&cells[COL_LAST], e->last_frame);
}

static void cert_rows(stat_tap_table *table, const ikd_sa *sa)
{
    for (guint32 k = 0; k < ikd_cert_count(sa); k++) {
        const ikd_cert_record *r = ikd_cert_at(sa, k);
        char addr[IKD_ADDRESS_TEXT], text[512];
        stat_tap_table_item_type *cells = row_cells(table, KIND_IKE_CERT, sa->conn_id, k + 1);
        ikediag_cell_text(&cells[COL_KIND], ikd_conn_id_is_v2(sa->conn_id) ? "IKEv2 certificate" : "IKEv1 certificate");
        ikediag_cell_uint(&cells[COL_ID], ikd_sa_number(sa->conn_id));
        ikediag_cell_uint(&cells[COL_INDEX], k + 1);
        g_snprintf(text, sizeof text, "%s %s", ikd_role_name(ikd_sa_role_of(sa, r->sender)),
                   ikd_address_format(&sa->peer[r->sender], addr, sizeof addr));
        ikediag_cell_text(&cells[COL_WHO], text);
        ikediag_cell_text(&cells[COL_SUBJECT], r->info.subject);
        g_snprintf(text, sizeof text, "%s, SN %s", r->info.issuer, r->info.serial);
        ikediag_cell_text(&cells[COL_DETAILS], text);
        ikd_cert_verdict_text(sa, r, text, sizeof text);
        ikediag_cell_text(&cells[COL_OUTCOME], text);
        ikediag_cell_uint(&cells[COL_FIRST], r->frame);
        ikediag_cell_uint(&cells[COL_LAST], r->frame);
    }
}

/* On the frame tap: a SCEP message refreshes its enrollment's row, an IKE
 * message the certificate rows of its SA. */
static tap_packet_status pki_table_packet(void *tapdata, packet_info *pinfo, epan_dissect_t *edt _U_,
                                          const void *data _U_, tap_flags_t flags _U_)
{
    stat_data_t *stat = tapdata;
    stat_tap_table *table = g_array_index(((stat_tap_table_ui *)stat->stat_tap_data)->tables, stat_tap_table *, 0);
    const ikd_scep_frame *f = p_get_proto_data(wmem_file_scope(), pinfo, proto_ikediag_id, SCEP_PROTO_DATA_KEY);
    if (f)
        scep_row(table, ikd_scep_enrollment_at(ikediag_scep_store(), f->enrollment - 1));
    ikediag_frame_result ike;
    gboolean has_ike = ikediag_frame_store_get(pinfo->num, pinfo->pool, &ike);
    ikd_engine *engine = ikediag_engine();
    for (guint i = 0; has_ike && engine && i < ike.pdu_count; i++) {
        const ikd_sa *sa = ikd_engine_sa_peek(engine, ike.pdus[i].result.conn_id);
        if (sa)
            cert_rows(table, sa);
    }
    return f || has_ike ? TAP_PACKET_REDRAW : TAP_PACKET_DONT_REDRAW;
}

static void pki_table_init(stat_tap_table_ui *ui)
{
    proto_ikediag_id = proto_get_id_by_filter_name("ikediag");
    ikediag_table_init(ui, "PKI: SCEP enrollments and IKE certificates");
}

static tap_param filter_param[] = { { PARAM_FILTER, "filter", "Filter", NULL, TRUE } };

static stat_tap_table_ui pki_table_ui = {
    REGISTER_PACKET_STAT_GROUP_UNSORTED, "PKI: SCEP enrollments and IKE certificates (ikediag)", "frame",
    "ikediag,pki_table", pki_table_init, pki_table_packet, ikediag_table_reset, ikediag_table_free_cell, NULL,
    G_N_ELEMENTS(columns), columns, G_N_ELEMENTS(filter_param), filter_param, NULL, 0,
};

void ikediag_pki_table_register(void)
{
    register_stat_tap_ui(&pki_text_ui, NULL);
    register_stat_tap_table_ui(&pki_table_ui);
}
