/* ikediag - CRL and OCSP fetches seen beside the IKE traffic.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "revocation_fetch.h"

#include <epan/address.h>
#include <epan/proto.h>
#include <epan/proto_data.h>

#include "capture_engine.h"
#include "ikediag.h"
#include "wire_fields.h"
#include "ws_compat.h"

enum { TCP_FIN = 0x01, TCP_SYN = 0x02, TCP_RST = 0x04, TCP_ACK = 0x10 };
/* p_add_proto_data key of a frame's fetch (0 is the messages' result). */
#define FETCH_KEY 0x52455643u

static int hf_tcp_flags = -1, hf_tcp_stream = -1, hf_tcp_srcport = -1, hf_tcp_dstport = -1;
static int hf_http_uri = -1, hf_http_code = -1, hf_http_body = -1;

static int hf_kind = -1, hf_url = -1, hf_cert = -1, hf_sa = -1, hf_by = -1, hf_outcome = -1, hf_status = -1,
           hf_listed = -1;
static int hf_ocsp_asks = -1, hf_ocsp_response = -1, hf_ocsp_status = -1, hf_ocsp_time = -1, hf_ocsp_reason = -1;
static gint ett_fetch = -1;

typedef struct {
    const ikd_fetch *fetch; /* owned by its SA in the engine: valid while the capture is open */
    guint32 conn_id;
    ikd_role by;
} frame_fetch;

void ikediag_revocation_fetch_init(void)
{
    hf_tcp_flags = proto_registrar_get_id_byname("tcp.flags");
    hf_tcp_stream = proto_registrar_get_id_byname("tcp.stream");
    hf_tcp_srcport = proto_registrar_get_id_byname("tcp.srcport");
    hf_tcp_dstport = proto_registrar_get_id_byname("tcp.dstport");
    hf_http_uri = proto_registrar_get_id_byname("http.request.full_uri");
    hf_http_code = proto_registrar_get_id_byname("http.response.code");
    hf_http_body = proto_registrar_get_id_byname("http.file_data");
}

void ikediag_revocation_fetch_want(GArray *ids)
{
    const int wanted[] = { hf_tcp_flags, hf_tcp_stream, hf_tcp_srcport, hf_tcp_dstport,
                           hf_http_uri,  hf_http_code,  hf_http_body };
    for (size_t i = 0; i < G_N_ELEMENTS(wanted); i++)
        if (wanted[i] > 0)
            g_array_append_val(ids, wanted[i]);
}

/* The HTTP request or answer Wireshark's HTTP dissector read in the frame. */
static void read_http(proto_tree *tree, ikd_tcp_segment *seg)
{
    field_info *uri = ikediag_first_field(tree, hf_http_uri);
    if (uri)
        seg->request_uri = ikediag_field_string(uri);
    gboolean found;
    seg->response_code = (uint16_t)ikediag_uint_field(tree, hf_http_code, &found);
    field_info *body = seg->response_code || seg->request_uri ? ikediag_first_field(tree, hf_http_body) : NULL;
    if (body && body->ds_tvb && body->length > 0 && tvb_bytes_exist(body->ds_tvb, body->start, body->length)) {
        seg->body = tvb_get_ptr(body->ds_tvb, body->start, body->length);
        seg->body_len = (size_t)body->length;
    }
}

/* First pass: the segment to the engine; its fetch kept with the frame. */
static frame_fetch *note_segment(packet_info *pinfo, proto_tree *tree)
{
    if (pinfo->ptype != PT_TCP)
        return NULL; /* a fetch is HTTP over TCP: an IKE frame is not asked for TCP items */
    gboolean is_tcp;
    guint32 flags = ikediag_uint_field(tree, hf_tcp_flags, &is_tcp);
    /* Not ikediag_engine(), which feeds the deferred messages: the engine
     * does when the segment may be a fetch. */
    ikd_engine *engine = is_tcp ? ikediag_engine_to_feed() : NULL;
    if (!engine)
        return NULL;
    gboolean found;
    ikd_tcp_segment seg = {
        .frame = pinfo->num,
        .time = nstime_to_sec(&pinfo->abs_ts),
        .src = ikediag_address_of(&pinfo->src),
        .dst = ikediag_address_of(&pinfo->dst),
        .src_port = (uint16_t)ikediag_uint_field(tree, hf_tcp_srcport, &found),
        .dst_port = (uint16_t)ikediag_uint_field(tree, hf_tcp_dstport, &found),
        .stream = ikediag_uint_field(tree, hf_tcp_stream, &found),
        .syn = (flags & TCP_SYN) != 0,
        .ack = (flags & TCP_ACK) != 0,
        .rst = (flags & TCP_RST) != 0,
    };
    read_http(tree, &seg);
    const ikd_sa *sa = NULL;
    const ikd_fetch *f = ikd_engine_note_tcp(engine, &seg, &sa);
    if (!f)
        return NULL;
    frame_fetch *kept = wmem_new0(wmem_file_scope(), frame_fetch);
    kept->fetch = f;
    kept->conn_id = sa->conn_id;
    kept->by = ikd_sa_role_of(sa, f->by);
    return kept;
}

static void add_text(proto_tree *tree, int hf, tvbuff_t *tvb, const char *text)
{
    proto_item_set_generated(proto_tree_add_string(tree, hf, tvb, 0, 0, text));
}

/* What the OCSP request asked and the response said (read with GnuTLS). */
static void add_ocsp(proto_tree *sub, tvbuff_t *tvb, const ikd_fetch *f)
{
    if (f->ocsp_asks_cert >= 0)
        proto_item_set_generated(proto_tree_add_boolean(sub, hf_ocsp_asks, tvb, 0, 0, f->ocsp_asks_cert == 1));
    if (f->ocsp_read != 1)
        return;
    add_text(sub, hf_ocsp_response, tvb, ikd_ocsp_response_status_text(f->ocsp.response_status));
    if (f->ocsp.response_status != 0)
        return;
    add_text(sub, hf_ocsp_status, tvb, ikd_ocsp_cert_status_name(f->ocsp.cert_status));
    if (f->ocsp.cert_status != IKD_OCSP_REVOKED)
        return;
    if (f->ocsp.revoked_at >= 0) {
        nstime_t when = { (time_t)f->ocsp.revoked_at, 0 };
        proto_item_set_generated(proto_tree_add_time(sub, hf_ocsp_time, tvb, 0, 0, &when));
    }
    if (*ikd_ocsp_reason_text(f->ocsp.reason))
        add_text(sub, hf_ocsp_reason, tvb, ikd_ocsp_reason_text(f->ocsp.reason));
}

static void render(const frame_fetch *kept, tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int proto)
{
    const ikd_fetch *f = kept->fetch;
    char sa[48], outcome[IKD_CERT_NAME + 64];
    g_snprintf(sa, sizeof sa, "%s %u", ikd_conn_id_is_v2(kept->conn_id) ? "IKEv2 SA" : "SA",
               ikd_sa_number(kept->conn_id));
    ikd_fetch_outcome_text(f, outcome, sizeof outcome);
    const char *kind = f->kind == IKD_FETCH_CRL ? "CRL fetch" : "OCSP request";
    col_append_fstr(pinfo->cinfo, COL_INFO, " [%s for %s: %s]", kind, sa, outcome);
    proto_item *ti = proto_tree_add_item(tree, proto, tvb, 0, 0, ENC_NA);
    proto_item_append_text(ti, ": %s for %s by the %s", kind, sa, ikd_role_name(kept->by));
    proto_tree *sub = proto_item_add_subtree(ti, ett_fetch);
    add_text(sub, hf_kind, tvb, f->kind == IKD_FETCH_CRL ? "CRL" : "OCSP");
    add_text(sub, hf_url, tvb, f->url);
    add_text(sub, hf_cert, tvb, f->cert->info.subject);
    add_text(sub, hf_sa, tvb, sa);
    add_text(sub, hf_by, tvb, ikd_role_name(kept->by));
    add_text(sub, hf_outcome, tvb, outcome);
    if (f->status)
        proto_item_set_generated(proto_tree_add_uint(sub, hf_status, tvb, 0, 0, f->status));
    if (f->crl_lists_cert >= 0)
        proto_item_set_generated(proto_tree_add_boolean(sub, hf_listed, tvb, 0, 0, f->crl_lists_cert == 1));
    else if (f->ocsp_read == 1 && f->ocsp.response_status == 0 && f->ocsp.cert_status <= IKD_OCSP_REVOKED)
        proto_item_set_generated(
            proto_tree_add_boolean(sub, hf_listed, tvb, 0, 0, f->ocsp.cert_status == IKD_OCSP_REVOKED));
    if (f->kind == IKD_FETCH_OCSP)
        add_ocsp(sub, tvb, f);
}

void ikediag_revocation_fetch_frame(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int proto)
{
    frame_fetch *kept;
    if (!PINFO_FD_VISITED(pinfo)) {
        kept = note_segment(pinfo, tree);
        if (kept)
            p_add_proto_data(wmem_file_scope(), pinfo, proto, FETCH_KEY, kept);
    } else {
        kept = (frame_fetch *)p_get_proto_data(wmem_file_scope(), pinfo, proto, FETCH_KEY);
    }
    if (kept && ikediag_engine())
        render(kept, tvb, pinfo, tree, proto);
}

#define FETCH_TEXT(hf, name, abbrev, blurb) \
    { &hf, { name, "ikediag.revocation." abbrev, FT_STRING, BASE_NONE, NULL, 0x0, blurb, HFILL } }

void ikediag_revocation_fetch_register(int proto)
{
    static hf_register_info fields[] = {
        FETCH_TEXT(hf_kind, "Revocation check", "kind", "CRL (a fetch of the CRL distribution point) or OCSP"),
        FETCH_TEXT(hf_url, "URL", "url", "The certificate's CRL distribution point or OCSP responder it went to"),
        FETCH_TEXT(hf_cert, "Certificate", "certificate", "Subject of the certificate being checked"),
        FETCH_TEXT(hf_sa, "SA", "sa", "The IKE SA whose certificate is being checked"),
        FETCH_TEXT(hf_by, "Checked by", "by", "The peer of that SA that made the fetch: initiator or responder"),
        FETCH_TEXT(hf_outcome, "Outcome", "outcome",
                   "What came of it: no answer to the connection attempts, connection refused, no answer to the "
                   "request, the HTTP status, the CRL received (issuer, serials listed, the certificate's among them)"),
        { &hf_status, { "HTTP status", "ikediag.revocation.status", FT_UINT16, BASE_DEC, NULL, 0x0,
                        "The status code of the answer", HFILL } },
        { &hf_listed, { "Certificate revoked", "ikediag.revocation.revoked", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
                        "The CRL received (read with GnuTLS) lists the certificate's serial number, or the OCSP "
                        "response says revoked: it is revoked (false: a CRL not listing it, or OCSP good)",
                        HFILL } },
        { &hf_ocsp_asks, { "OCSP request names the certificate", "ikediag.revocation.ocsp.request_names_cert",
                           FT_BOOLEAN, BASE_NONE, NULL, 0x0,
                           "The OCSP request (read with GnuTLS) asks about this certificate's serial number and issuer",
                           HFILL } },
        FETCH_TEXT(hf_ocsp_response, "OCSP response status", "ocsp.response_status",
                   "The responder's answer (RFC 6960 OCSPResponseStatus) in words: successful, malformedRequest, "
                   "internalError, tryLater, sigRequired, unauthorized"),
        FETCH_TEXT(hf_ocsp_status, "OCSP certificate status", "ocsp.cert_status",
                   "What the responder says of the certificate: good, revoked, unknown, or no status for it"),
        { &hf_ocsp_time, { "Revocation time", "ikediag.revocation.ocsp.revocation_time", FT_ABSOLUTE_TIME,
                           ABSOLUTE_TIME_UTC, NULL, 0x0, "When the certificate was revoked, per the OCSP response",
                           HFILL } },
        FETCH_TEXT(hf_ocsp_reason, "Revocation reason", "ocsp.reason",
                   "The revocation reason in the OCSP response (RFC 5280 CRLReason): keyCompromise, superseded, ..."),
    };
    static gint *ett[] = { &ett_fetch };
    proto_register_field_array(proto, fields, array_length(fields));
    proto_register_subtree_array(ett, array_length(ett));
}
