/* ikediag - SCEP over HTTP: what Wireshark's HTTP dissector found, handed
 * to the engine's enrollment tracker (first pass), and rendered under
 * ikediag.scep.* (every pass). HTTP itself is never parsed here: the
 * request's method, URI, query parameters and body, the answer's code,
 * content type, body and the request it answers are HTTP's own fields.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scep_http.h"

#include <string.h>

#include <epan/packet.h>
#include <epan/proto_data.h>
#include <epan/tap.h>

#include "core/address.h"
#include "expert_items.h"
#include "ikediag.h"
#include "wire_fields.h"

enum { SCEP_PROTO_DATA_KEY = 0x5CE9, MAX_TEXT = 1024 };

static int proto_ikediag_id = -1;
static int scep_tap = -1;
static ikd_scep_store *store;
static double last_time; /* the capture's last frame so far: what "never answered" is measured to */

static int hf_http_method = -1, hf_http_uri = -1, hf_http_version = -1, hf_http_query_param = -1, hf_http_host = -1;
static int hf_http_code = -1, hf_http_content_type = -1, hf_http_request_in = -1, hf_http_file_data = -1;

static int hf_scep_enrollment = -1, hf_scep_operation = -1, hf_scep_summary = -1, hf_scep_message_type = -1;
static int hf_scep_status = -1, hf_scep_fail_info = -1, hf_scep_transaction = -1, hf_scep_sender_nonce = -1;
static int hf_scep_recipient_nonce = -1, hf_scep_capabilities = -1, hf_scep_ca_cert = -1, hf_scep_ios_debug = -1;
static int hf_scep_request_in = -1, hf_scep_response_to = -1, hf_scep_envelope = -1;
static gint ett_scep = -1;

const ikd_scep_store *ikediag_scep_store(void)
{
    return store;
}

/* --- reading HTTP's fields ------------------------------------------------- */

/* A string field's value, copied into packet scope; NULL when absent. */
static const char *field_string(packet_info *pinfo, proto_tree *tree, int hf)
{
    const char *s = ikediag_string_field(tree, hf);
    return s ? wmem_strndup(pinfo->pool, s, MAX_TEXT) : NULL;
}

/* The message body as HTTP delivered it (de-chunked, reassembled): the
 * bytes under http.file_data in its data source. */
static const guint8 *body_bytes(packet_info *pinfo, proto_tree *tree, size_t *len)
{
    field_info *fi = ikediag_first_field(tree, hf_http_file_data);
    *len = 0;
    if (!fi || !fi->ds_tvb || fi->length <= 0 || !tvb_bytes_exist(fi->ds_tvb, fi->start, fi->length))
        return NULL;
    *len = (size_t)fi->length;
    return (const guint8 *)tvb_memdup(pinfo->pool, fi->ds_tvb, fi->start, fi->length);
}

/* The value of query parameter `name` ("operation", "message"), or NULL. */
static const char *query_parameter(packet_info *pinfo, proto_tree *tree, const char *name)
{
    GPtrArray *items = hf_http_query_param > 0 ? proto_get_finfo_ptr_array(tree, hf_http_query_param) : NULL;
    size_t n = strlen(name);
    for (guint i = 0; items && i < items->len; i++) {
        field_info *fi = (field_info *)items->pdata[i];
        const char *p = ikediag_field_string(fi);
        if (p && g_ascii_strncasecmp(p, name, n) == 0 && p[n] == '=')
            return wmem_strdup(pinfo->pool, p + n + 1);
    }
    return NULL;
}

/* --- first pass: to the engine ---------------------------------------------- */

static void feed_request(packet_info *pinfo, proto_tree *tree, const char *method, ikd_scep_frame *out)
{
    const char *uri = field_string(pinfo, tree, hf_http_uri);
    const char *version = field_string(pinfo, tree, hf_http_version);
    char *path = uri ? wmem_strdup(pinfo->pool, uri) : NULL;
    char *query = path ? strchr(path, '?') : NULL;
    if (query)
        *query = '\0';
    ikd_scep_request req = {
        .frame = pinfo->num,
        .time = nstime_to_sec(&pinfo->abs_ts),
        .client = ikediag_address_of(&pinfo->src),
        .server = ikediag_address_of(&pinfo->dst),
        .server_port = (guint16)pinfo->destport,
        .host = field_string(pinfo, tree, hf_http_host),
        .path = path,
        .operation = query_parameter(pinfo, tree, "operation"),
        .message = query_parameter(pinfo, tree, "message"),
        .method = method,
        .request_line = wmem_strdup_printf(pinfo->pool, "%s %s %s", method, uri ? uri : "", version ? version : ""),
    };
    if (g_ascii_strcasecmp(method, "POST") == 0)
        req.body = body_bytes(pinfo, tree, &req.body_len);
    ikd_scep_request_seen(store, &req, out);
}

static void feed_response(packet_info *pinfo, proto_tree *tree, ikd_scep_frame *out)
{
    ikd_scep_response resp = {
        .frame = pinfo->num,
        .time = nstime_to_sec(&pinfo->abs_ts),
        .request_frame = ikediag_uint_field(tree, hf_http_request_in, NULL),
        .code = (guint16)ikediag_uint_field(tree, hf_http_code, NULL),
        .content_type = field_string(pinfo, tree, hf_http_content_type),
    };
    resp.body = body_bytes(pinfo, tree, &resp.body_len);
    ikd_scep_response_seen(store, &resp, out);
}

static ikd_scep_frame *analyse_frame(packet_info *pinfo, proto_tree *tree)
{
    /* SCEP is HTTP over TCP: an IKE frame (UDP) is not asked for HTTP items,
     * two tree lookups a frame (callgrind, 2k healthy SAs: 110 instructions). */
    if (!tree || !store || pinfo->ptype != PT_TCP)
        return NULL;
    const char *method = field_string(pinfo, tree, hf_http_method);
    gboolean response = ikediag_first_field(tree, hf_http_code) != NULL;
    if (!method && !response)
        return NULL;
    ikd_scep_frame *out = g_new0(ikd_scep_frame, 1);
    if (method)
        feed_request(pinfo, tree, method, out);
    else
        feed_response(pinfo, tree, out);
    ikd_scep_frame *kept = out->is_scep ? wmem_memdup(wmem_file_scope(), out, sizeof *out) : NULL;
    g_free(out);
    return kept;
}

/* --- every pass: the tree ----------------------------------------------------- */

static void add_text(proto_tree *sub, int hf, tvbuff_t *tvb, const char *text)
{
    if (text && text[0])
        proto_item_set_generated(proto_tree_add_string(sub, hf, tvb, 0, 0, text));
}

static void render_attributes(const ikd_scep_frame *f, proto_tree *sub, tvbuff_t *tvb)
{
    const ikd_scep_attributes *a = &f->attributes;
    if (!f->has_attributes)
        return;
    add_text(sub, hf_scep_message_type, tvb, ikd_scep_message_type_name(a->message_type));
    add_text(sub, hf_scep_status, tvb, ikd_scep_status_name(a->pki_status));
    add_text(sub, hf_scep_fail_info, tvb, ikd_scep_fail_info_name(a->fail_info));
    add_text(sub, hf_scep_transaction, tvb, a->transaction_id);
    if (a->sender_nonce_len)
        proto_item_set_generated(proto_tree_add_bytes_with_length(sub, hf_scep_sender_nonce, tvb, 0, 0, a->sender_nonce, a->sender_nonce_len));
    if (a->recipient_nonce_len)
        proto_item_set_generated(proto_tree_add_bytes_with_length(sub, hf_scep_recipient_nonce, tvb, 0, 0, a->recipient_nonce,
                                                                  a->recipient_nonce_len));
    if (a->has_content)
        add_text(sub, hf_scep_envelope, tvb,
                 f->is_response ? "the issued certificate, encrypted to the client: not readable without its private key"
                                : "the request (CSR, challenge password), encrypted to the CA: not readable without the CA's private key");
}

static void render_ca_certs(const ikd_scep_frame *f, proto_tree *sub, tvbuff_t *tvb)
{
    for (guint32 i = 0; i < f->ca_cert_count; i++) {
        const ikd_scep_ca_cert *c = &f->ca_certs[i];
        proto_item_set_generated(proto_tree_add_string_format_value(
            sub, hf_scep_ca_cert, tvb, 0, 0, c->subject, "%s (issuer %s%s, valid until %s), MD5 %s, SHA1 %s", c->subject,
            c->issuer, c->is_ca ? ", CA" : "", c->not_after[0] ? c->not_after : "?", c->md5, c->sha1));
    }
}

static void render_frame(const ikd_scep_frame *f, packet_info *pinfo, proto_tree *tree, tvbuff_t *tvb)
{
    ikd_finding_list late = { .count = 0 };
    if (PINFO_FD_VISITED(pinfo) && !f->is_response)
        ikd_scep_late_findings(store, pinfo->num, last_time, &late);
    col_append_fstr(pinfo->cinfo, COL_INFO, " [SCEP %u: %s]", f->enrollment, f->summary);
    proto_item *ti = proto_tree_add_item(tree, proto_ikediag_id, tvb, 0, 0, ENC_NA);
    proto_item_append_text(ti, ": SCEP enrollment %u, %s", f->enrollment, f->summary);
    proto_tree *sub = proto_item_add_subtree(ti, ett_scep);
    proto_item_set_generated(proto_tree_add_uint(sub, hf_scep_enrollment, tvb, 0, 0, f->enrollment));
    add_text(sub, hf_scep_operation, tvb, ikd_scep_op_name(f->op));
    add_text(sub, hf_scep_summary, tvb, f->summary);
    if (f->peer_frame)
        proto_item_set_generated(
            proto_tree_add_uint(sub, f->is_response ? hf_scep_response_to : hf_scep_request_in, tvb, 0, 0, f->peer_frame));
    render_attributes(f, sub, tvb);
    add_text(sub, hf_scep_capabilities, tvb, f->capabilities);
    render_ca_certs(f, sub, tvb);
    add_text(sub, hf_scep_ios_debug, tvb, f->ios_debug);
    for (guint32 i = 0; i < f->findings.count; i++)
        ikediag_expert_add(sub, pinfo, tvb, 0, 0, &f->findings.items[i]);
    for (guint32 i = 0; i < late.count; i++)
        ikediag_expert_add(sub, pinfo, tvb, 0, 0, &late.items[i]);
}

int ikediag_scep_frame(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    ikd_scep_frame *f;
    if (!PINFO_FD_VISITED(pinfo)) {
        double now = nstime_to_sec(&pinfo->abs_ts);
        if (now > last_time)
            last_time = now;
        f = analyse_frame(pinfo, tree);
        if (f)
            p_add_proto_data(wmem_file_scope(), pinfo, proto_ikediag_id, SCEP_PROTO_DATA_KEY, f);
    } else {
        f = (ikd_scep_frame *)p_get_proto_data(wmem_file_scope(), pinfo, proto_ikediag_id, SCEP_PROTO_DATA_KEY);
    }
    if (!f)
        return 0;
    render_frame(f, pinfo, tree, tvb);
    tap_queue_packet(scep_tap, pinfo, f);
    return tvb_captured_length(tvb);
}

/* --- registration ------------------------------------------------------------- */

void ikediag_scep_want(GArray *ids)
{
    const int wanted[] = { hf_http_method, hf_http_uri, hf_http_version, hf_http_query_param, hf_http_host,
                           hf_http_code, hf_http_content_type, hf_http_request_in, hf_http_file_data };
    for (size_t i = 0; i < G_N_ELEMENTS(wanted); i++)
        if (wanted[i] > 0)
            g_array_append_val(ids, wanted[i]);
}

static void scep_init(void)
{
    ikd_scep_store_free(store);
    store = ikd_scep_store_new();
    last_time = 0;
}

static void scep_cleanup(void)
{
    ikd_scep_store_free(store);
    store = NULL;
}

void ikediag_scep_handoff(void)
{
    hf_http_method = proto_registrar_get_id_byname("http.request.method");
    hf_http_uri = proto_registrar_get_id_byname("http.request.uri");
    hf_http_version = proto_registrar_get_id_byname("http.request.version");
    hf_http_query_param = proto_registrar_get_id_byname("http.request.uri.query.parameter");
    hf_http_host = proto_registrar_get_id_byname("http.host");
    hf_http_code = proto_registrar_get_id_byname("http.response.code");
    hf_http_content_type = proto_registrar_get_id_byname("http.content_type");
    hf_http_request_in = proto_registrar_get_id_byname("http.request_in");
    hf_http_file_data = proto_registrar_get_id_byname("http.file_data");
}

static hf_register_info scep_fields[] = {
    { &hf_scep_enrollment, { "SCEP enrollment", "ikediag.scep.enrollment", FT_UINT32, BASE_DEC, NULL, 0x0,
                             "The enrollment this SCEP message belongs to (1, 2...; -z ikediag,pki lists them)", HFILL } },
    { &hf_scep_operation, { "SCEP operation", "ikediag.scep.operation", FT_STRING, BASE_NONE, NULL, 0x0,
                            "GetCACaps, GetCACert, GetNextCACert or PKIOperation (the request's operation=)", HFILL } },
    { &hf_scep_summary, { "SCEP step", "ikediag.scep.step", FT_STRING, BASE_NONE, NULL, 0x0,
                          "What this message is in the enrollment", HFILL } },
    { &hf_scep_message_type, { "SCEP messageType", "ikediag.scep.message_type", FT_STRING, BASE_NONE, NULL, 0x0,
                               "PKCSReq, RenewalReq, CertPoll, GetCert, GetCRL or CertRep (signed attribute)", HFILL } },
    { &hf_scep_status, { "SCEP pkiStatus", "ikediag.scep.pki_status", FT_STRING, BASE_NONE, NULL, 0x0,
                         "SUCCESS, FAILURE or PENDING (the CertRep's signed attribute)", HFILL } },
    { &hf_scep_fail_info, { "SCEP failInfo", "ikediag.scep.fail_info", FT_STRING, BASE_NONE, NULL, 0x0,
                            "badAlg, badMessageCheck, badRequest, badTime or badCertId", HFILL } },
    { &hf_scep_transaction, { "SCEP transactionID", "ikediag.scep.transaction_id", FT_STRING, BASE_NONE, NULL, 0x0,
                              "The enrollment's transaction (signed attribute)", HFILL } },
    { &hf_scep_sender_nonce, { "SCEP senderNonce", "ikediag.scep.sender_nonce", FT_BYTES, BASE_NONE, NULL, 0x0,
                               "Signed attribute; the answer must echo it as its recipientNonce", HFILL } },
    { &hf_scep_recipient_nonce, { "SCEP recipientNonce", "ikediag.scep.recipient_nonce", FT_BYTES, BASE_NONE, NULL,
                                  0x0, "Signed attribute: the request's senderNonce, echoed", HFILL } },
    { &hf_scep_envelope, { "Encrypted content", "ikediag.scep.envelope", FT_STRING, BASE_NONE, NULL, 0x0,
                           "The PKCS#7 EnvelopedData inside, which no capture can open", HFILL } },
    { &hf_scep_capabilities, { "CA capabilities", "ikediag.scep.capabilities", FT_STRING, BASE_NONE, NULL, 0x0,
                               "What the GetCACaps answer listed", HFILL } },
    { &hf_scep_ca_cert, { "CA/RA certificate", "ikediag.scep.ca_cert", FT_STRING, BASE_NONE, NULL, 0x0,
                          "A certificate of the GetCACert answer: subject, issuer, end of validity, MD5 and SHA1 fingerprints",
                          HFILL } },
    { &hf_scep_ios_debug, { "IOS debug", "ikediag.scep.ios_debug", FT_STRING, BASE_NONE, NULL, 0x0,
                            "The line IOS's PKI event trace logs for this step (only where IOS's wording is known)",
                            HFILL } },
    { &hf_scep_request_in, { "Answer in", "ikediag.scep.response_in", FT_FRAMENUM, BASE_NONE,
                             FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0, "The CA's answer to this request", HFILL } },
    { &hf_scep_response_to, { "Answer to", "ikediag.scep.response_to", FT_FRAMENUM, BASE_NONE,
                              FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0, "The request this answer is for", HFILL } },
};

void ikediag_scep_register(int proto_ikediag)
{
    static gint *ett[] = { &ett_scep };
    proto_ikediag_id = proto_ikediag;
    proto_register_field_array(proto_ikediag, scep_fields, array_length(scep_fields));
    proto_register_subtree_array(ett, array_length(ett));
    register_init_routine(scep_init);
    register_cleanup_routine(scep_cleanup);
    scep_tap = register_tap("ikediag_scep");
}
