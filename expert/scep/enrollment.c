/* ikediag - SCEP enrollments: requests, answers, outcomes.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "scep/enrollment.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

#include "core/interned.h"

struct ikd_scep_store {
    GPtrArray *enrollments;  /* ikd_scep_enrollment*, in order */
    GHashTable *by_request;  /* request frame -> enrollment index * IKD_SCEP_MAX_STEPS + step + 1 */
};

ikd_scep_store *ikd_scep_store_new(void)
{
    ikd_scep_store *s = g_new0(ikd_scep_store, 1);
    s->enrollments = g_ptr_array_new_with_free_func(g_free);
    s->by_request = g_hash_table_new(g_direct_hash, g_direct_equal);
    return s;
}

void ikd_scep_store_free(ikd_scep_store *store)
{
    if (!store)
        return;
    g_ptr_array_free(store->enrollments, TRUE);
    g_hash_table_destroy(store->by_request);
    g_free(store);
}

uint32_t ikd_scep_enrollment_count(const ikd_scep_store *store)
{
    return store ? store->enrollments->len : 0;
}

const ikd_scep_enrollment *ikd_scep_enrollment_at(const ikd_scep_store *store, uint32_t index)
{
    return store && index < store->enrollments->len ? g_ptr_array_index(store->enrollments, index) : NULL;
}

static void make_url(const ikd_scep_request *req, char *out, size_t size)
{
    char addr[IKD_ADDRESS_TEXT];
    if (req->host && req->host[0])
        g_snprintf(out, size, "http://%s%s", req->host, req->path ? req->path : "");
    else
        g_snprintf(out, size, req->server.family == 6 ? "http://[%s]:%u%s" : "http://%s:%u%s",
                 ikd_address_format(&req->server, addr, sizeof addr), req->server_port,
                 req->path ? req->path : "");
    for (char *c = out; *c; c++) /* texts from the wire: printable only */
        if (!g_ascii_isprint(*c))
            *c = '?';
}

static bool same_ca(const ikd_scep_enrollment *e, const ikd_scep_request *req, const char *url)
{
    return ikd_address_equal(&e->client, &req->client) && ikd_address_equal(&e->server, &req->server) &&
           e->server_port == req->server_port && strcmp(e->url, url) == 0;
}

static bool still_open(const ikd_scep_enrollment *e)
{
    return e->outcome == IKD_SCEP_IN_PROGRESS || e->outcome == IKD_SCEP_PENDING_SEEN;
}

/* The enrollment this request belongs to, or -1: the latest open one with
 * the same client and CA, and for a PKI message the same transaction (or
 * none yet). */
static int find_enrollment(const ikd_scep_store *s, const ikd_scep_request *req, const char *url, const char *tid)
{
    for (guint i = s->enrollments->len; i-- > 0;) {
        const ikd_scep_enrollment *e = g_ptr_array_index(s->enrollments, i);
        if (!same_ca(e, req, url) || !still_open(e))
            continue;
        if (!tid || !tid[0] || !e->transaction_id[0] || strcmp(e->transaction_id, tid) == 0)
            return (int)i;
    }
    return -1;
}

static int new_enrollment(ikd_scep_store *s, const ikd_scep_request *req, const char *url)
{
    if (s->enrollments->len >= IKD_SCEP_MAX_ENROLLMENTS)
        return -1;
    ikd_scep_enrollment *e = g_new0(ikd_scep_enrollment, 1);
    e->number = s->enrollments->len + 1;
    e->client = req->client;
    e->server = req->server;
    e->server_port = req->server_port;
    g_strlcpy(e->url, url, sizeof e->url);
    e->poll_interval = -1;
    e->fail_info = IKD_SCEP_NO_VALUE;
    e->first_time = req->time;
    e->first_frame = req->frame;
    g_ptr_array_add(s->enrollments, e);
    return (int)s->enrollments->len - 1;
}

static ikd_scep_enrollment *enrollment_of(ikd_scep_store *s, guint index)
{
    return g_ptr_array_index(s->enrollments, index);
}

/* The PKI message a PKIOperation carries: the POST body, or GET's message=. */
static ikd_scep_read_status read_request_message(const ikd_scep_request *req, ikd_scep_attributes *attrs)
{
    if (req->body && req->body_len > 0)
        return ikd_scep_read_attributes(req->body, req->body_len, attrs);
    GBytes *der = ikd_scep_decode_get_message(req->message, IKD_SCEP_MAX_MESSAGE);
    if (!der)
        return ikd_scep_read_attributes(NULL, 0, attrs);
    gsize len = 0;
    const uint8_t *bytes = g_bytes_get_data(der, &len);
    ikd_scep_read_status status = ikd_scep_read_attributes(bytes, len, attrs);
    g_bytes_unref(der);
    return status;
}

static const char *read_problem(ikd_scep_read_status status)
{
    switch (status) {
    case IKD_SCEP_READ_NOT_PKCS7: return "a PKCS#7 SignedData GnuTLS can read";
    case IKD_SCEP_READ_NO_SIGNER: return "signed (a SignedData without a signer)";
    case IKD_SCEP_READ_NO_MESSAGE_TYPE: return "a SCEP message (no readable messageType attribute)";
    case IKD_SCEP_READ_OK: break;
    }
    return "";
}

static void note_unreadable(ikd_scep_frame *out, const char *what, size_t len)
{
    ikd_findings_add(&out->findings, IKD_F_SCEP_UNREADABLE, 0, 0, ikd_intern(what), (uint32_t)MIN(len, G_MAXUINT32),
                     ikd_intern(read_problem(out->read_status)), 0);
}

static const char *message_type_text(int type, char *buf, size_t size)
{
    const char *name = ikd_scep_message_type_name(type);
    if (name)
        return name;
    g_snprintf(buf, size, "messageType %d", type);
    return buf;
}

/* CertPoll: counted, and the interval since the previous PKI request noted. */
static void note_poll(ikd_scep_enrollment *e, const ikd_scep_step *step, ikd_scep_frame *out)
{
    e->polls++;
    for (uint32_t i = e->step_count; i-- > 0;) {
        const ikd_scep_step *prev = &e->steps[i];
        if (prev->op != IKD_SCEP_OP_PKI_OPERATION)
            continue;
        e->poll_interval = step->request_time - prev->request_time;
        break;
    }
    uint32_t seconds = e->poll_interval >= 0 ? (uint32_t)(e->poll_interval + 0.5) : 0;
    ikd_findings_add(&out->findings, IKD_F_SCEP_POLL, 0, 0, e->number, e->polls, ikd_intern(e->transaction_id),
                     seconds);
}

static void describe_request(const ikd_scep_request *req, const ikd_scep_step *step, ikd_scep_frame *out)
{
    char buf[32];
    const char *line = req->request_line ? req->request_line : "";
    switch (step->op) {
    case IKD_SCEP_OP_GET_CA_CAPS:
        g_snprintf(out->summary, sizeof out->summary, "GetCACaps request");
        g_snprintf(out->ios_debug, sizeof out->ios_debug, "Sending GetCACaps request with msg = %s", line);
        break;
    case IKD_SCEP_OP_GET_CA_CERT:
        g_snprintf(out->summary, sizeof out->summary, "GetCACert request");
        g_snprintf(out->ios_debug, sizeof out->ios_debug, "Client sending GetCACert request: %s", line);
        break;
    case IKD_SCEP_OP_PKI_OPERATION:
        g_snprintf(out->summary, sizeof out->summary, "%s, transaction %s",
                 out->has_attributes ? message_type_text(step->message_type, buf, sizeof buf) : "PKIOperation",
                 step->transaction_id[0] ? step->transaction_id : "(none)");
        if (step->message_type == IKD_SCEP_PKCS_REQ)
            g_strlcpy(out->ios_debug, "Client sending PKCSReq", sizeof out->ios_debug);
        break;
    default:
        g_snprintf(out->summary, sizeof out->summary, "%s request", ikd_scep_op_name(step->op));
        break;
    }
    for (char *c = out->ios_debug; *c; c++)
        if (!g_ascii_isprint(*c))
            *c = '?';
}

static void fill_step(const ikd_scep_request *req, ikd_scep_op op, const ikd_scep_frame *out, ikd_scep_step *step)
{
    memset(step, 0, sizeof *step);
    step->op = op;
    step->request_frame = req->frame;
    step->request_time = req->time;
    step->message_type = step->pki_status = step->fail_info = IKD_SCEP_NO_VALUE;
    if (!out->has_attributes)
        return;
    step->message_type = out->attributes.message_type;
    memcpy(step->sender_nonce, out->attributes.sender_nonce, sizeof step->sender_nonce);
    step->sender_nonce_len = out->attributes.sender_nonce_len;
    g_strlcpy(step->transaction_id, out->attributes.transaction_id, sizeof step->transaction_id);
}

static void add_step(ikd_scep_store *s, int index, const ikd_scep_step *step, ikd_scep_frame *out)
{
    ikd_scep_enrollment *e = enrollment_of(s, (guint)index);
    if (step->transaction_id[0] && !e->transaction_id[0])
        g_strlcpy(e->transaction_id, step->transaction_id, sizeof e->transaction_id);
    if (step->message_type == IKD_SCEP_CERT_POLL)
        note_poll(e, step, out);
    e->last_time = step->request_time;
    e->last_frame = step->request_frame;
    out->enrollment = e->number;
    if (e->step_count >= IKD_SCEP_MAX_STEPS) {
        e->steps_dropped++;
        return;
    }
    e->steps[e->step_count] = *step;
    g_hash_table_insert(s->by_request, GUINT_TO_POINTER(step->request_frame),
                        GUINT_TO_POINTER((guint)index * IKD_SCEP_MAX_STEPS + e->step_count + 1));
    e->step_count++;
}

void ikd_scep_request_seen(ikd_scep_store *store, const ikd_scep_request *req, ikd_scep_frame *out)
{
    memset(out, 0, sizeof *out);
    ikd_scep_op op = ikd_scep_op_of(req->operation);
    if (op == IKD_SCEP_OP_NONE || !store)
        return;
    out->is_scep = true;
    out->op = op;
    if (op == IKD_SCEP_OP_PKI_OPERATION) {
        out->read_status = read_request_message(req, &out->attributes);
        out->has_attributes = out->read_status == IKD_SCEP_READ_OK;
        if (!out->has_attributes)
            note_unreadable(out, "PKIOperation request", req->body_len);
    }
    ikd_scep_step step;
    fill_step(req, op, out, &step);
    char url[IKD_SCEP_TEXT];
    make_url(req, url, sizeof url);
    int index = find_enrollment(store, req, url, step.transaction_id);
    if (index < 0)
        index = new_enrollment(store, req, url);
    if (index >= 0)
        add_step(store, index, &step, out);
    describe_request(req, &step, out);
}

static bool lookup_step(ikd_scep_store *s, uint32_t request_frame, ikd_scep_enrollment **e, ikd_scep_step **step)
{
    guint packed = GPOINTER_TO_UINT(g_hash_table_lookup(s->by_request, GUINT_TO_POINTER(request_frame)));
    if (packed == 0)
        return false;
    packed--;
    *e = enrollment_of(s, packed / IKD_SCEP_MAX_STEPS);
    *step = &(*e)->steps[packed % IKD_SCEP_MAX_STEPS];
    return true;
}

static void answer_ca_caps(ikd_scep_enrollment *e, const ikd_scep_response *resp, ikd_scep_frame *out)
{
    ikd_scep_capabilities_text(resp->body, resp->body_len, out->capabilities, sizeof out->capabilities);
    g_strlcpy(e->capabilities, out->capabilities, sizeof e->capabilities);
    g_snprintf(out->summary, sizeof out->summary, "GetCACaps answer: %s",
             out->capabilities[0] ? out->capabilities : "(no capabilities listed)");
}

static void answer_ca_cert(ikd_scep_enrollment *e, const ikd_scep_response *resp, ikd_scep_frame *out)
{
    out->ca_cert_count = ikd_scep_read_ca_certs(resp->body, resp->body_len, out->ca_certs, IKD_SCEP_MAX_CA_CERTS);
    memcpy(e->ca_certs, out->ca_certs, sizeof e->ca_certs);
    e->ca_cert_count = out->ca_cert_count;
    if (out->ca_cert_count == 0) {
        g_snprintf(out->summary, sizeof out->summary, "GetCACert answer: no certificate readable in %zu bytes",
                 resp->body_len);
        return;
    }
    g_snprintf(out->summary, sizeof out->summary, "GetCACert answer: %u certificate(s), first %s", out->ca_cert_count,
             out->ca_certs[0].subject);
    g_strlcpy(out->ios_debug, "Client received CA certificate.", sizeof out->ios_debug);
}

/* The CertRep against the request it answers: same transaction, our nonce echoed. */
static void check_pairing(const ikd_scep_enrollment *e, const ikd_scep_step *step, ikd_scep_frame *out)
{
    const ikd_scep_attributes *a = &out->attributes;
    if (step->transaction_id[0] && strcmp(a->transaction_id, step->transaction_id) != 0)
        ikd_findings_add(&out->findings, IKD_F_SCEP_TRANSACTION_MISMATCH, 0, 0, e->number,
                         ikd_intern(a->transaction_id[0] ? a->transaction_id : "(none)"), step->request_frame,
                         ikd_intern(step->transaction_id));
    if (step->sender_nonce_len > 0 &&
        (a->recipient_nonce_len != step->sender_nonce_len ||
         memcmp(a->recipient_nonce, step->sender_nonce, step->sender_nonce_len) != 0))
        ikd_findings_add(&out->findings, IKD_F_SCEP_NONCE_MISMATCH, 0, 0, e->number, ikd_intern(a->transaction_id),
                         step->request_frame, 0);
}

static void note_status(ikd_scep_enrollment *e, ikd_scep_frame *out)
{
    const ikd_scep_attributes *a = &out->attributes;
    uint32_t tid = ikd_intern(a->transaction_id[0] ? a->transaction_id : e->transaction_id);
    if (a->pki_status == IKD_SCEP_SUCCESS) {
        e->outcome = IKD_SCEP_GRANTED;
        ikd_findings_add(&out->findings, IKD_F_SCEP_GRANTED, 0, 0, e->number, tid, 0, 0);
        g_strlcpy(out->ios_debug, "Client received CertRep - GRANTED.", sizeof out->ios_debug);
    } else if (a->pki_status == IKD_SCEP_PENDING) {
        e->outcome = IKD_SCEP_PENDING_SEEN;
        ikd_findings_add(&out->findings, IKD_F_SCEP_PENDING, 0, 0, e->number, tid, 0, 0);
    } else if (a->pki_status == IKD_SCEP_FAILURE) {
        e->outcome = IKD_SCEP_REJECTED;
        e->fail_info = a->fail_info;
        const char *name = ikd_scep_fail_info_name(a->fail_info);
        char num[32];
        g_snprintf(num, sizeof num, a->fail_info == IKD_SCEP_NO_VALUE ? "(none given)" : "%d (undefined)", a->fail_info);
        ikd_findings_add(&out->findings, IKD_F_SCEP_REJECTED, 0, 0, e->number, tid, ikd_intern(name ? name : num),
                         ikd_intern(ikd_scep_fail_info_advice(a->fail_info)));
    }
}

static void answer_pki(ikd_scep_enrollment *e, ikd_scep_step *step, const ikd_scep_response *resp,
                       ikd_scep_frame *out)
{
    out->read_status = ikd_scep_read_attributes(resp->body, resp->body_len, &out->attributes);
    out->has_attributes = out->read_status == IKD_SCEP_READ_OK;
    if (!out->has_attributes) {
        note_unreadable(out, "PKIOperation answer", resp->body_len);
        g_snprintf(out->summary, sizeof out->summary, "PKIOperation answer: not readable");
        return;
    }
    const ikd_scep_attributes *a = &out->attributes;
    step->pki_status = a->pki_status;
    step->fail_info = a->fail_info;
    char buf[32];
    const char *status = ikd_scep_status_name(a->pki_status);
    const char *fail = ikd_scep_fail_info_name(a->fail_info);
    g_snprintf(out->summary, sizeof out->summary, "%s %s%s%s, transaction %s",
             message_type_text(a->message_type, buf, sizeof buf), status ? status : "(no valid pkiStatus)",
             fail ? ", failInfo " : "", fail ? fail : "", a->transaction_id[0] ? a->transaction_id : "(none)");
    if (a->message_type != IKD_SCEP_CERT_REP)
        return;
    check_pairing(e, step, out);
    note_status(e, out);
}

void ikd_scep_response_seen(ikd_scep_store *store, const ikd_scep_response *resp, ikd_scep_frame *out)
{
    memset(out, 0, sizeof *out);
    ikd_scep_enrollment *e = NULL;
    ikd_scep_step *step = NULL;
    if (!store || !lookup_step(store, resp->request_frame, &e, &step) || step->response_frame != 0)
        return;
    out->is_scep = out->is_response = true;
    out->op = step->op;
    out->enrollment = e->number;
    out->peer_frame = step->request_frame;
    step->response_frame = resp->frame;
    step->response_time = resp->time;
    step->http_code = resp->code;
    e->last_time = resp->time;
    e->last_frame = resp->frame;
    if (resp->code != 200) {
        e->outcome = IKD_SCEP_HTTP_FAILED;
        ikd_findings_add(&out->findings, IKD_F_SCEP_HTTP_ERROR, 0, 0, e->number, ikd_intern(ikd_scep_op_name(step->op)),
                         resp->code, 0);
        g_snprintf(out->summary, sizeof out->summary, "%s answer: HTTP %u", ikd_scep_op_name(step->op), resp->code);
        return;
    }
    if (step->op == IKD_SCEP_OP_GET_CA_CAPS)
        answer_ca_caps(e, resp, out);
    else if (step->op == IKD_SCEP_OP_GET_CA_CERT || step->op == IKD_SCEP_OP_GET_NEXT_CA_CERT)
        answer_ca_cert(e, resp, out);
    else if (step->op == IKD_SCEP_OP_PKI_OPERATION)
        answer_pki(e, step, resp, out);
}

void ikd_scep_late_findings(const ikd_scep_store *store, uint32_t frame, double end_time, ikd_finding_list *out)
{
    ikd_scep_enrollment *e = NULL;
    ikd_scep_step *step = NULL;
    if (!store || !lookup_step((ikd_scep_store *)store, frame, &e, &step) || step->response_frame != 0)
        return;
    double after = end_time > step->request_time ? end_time - step->request_time : 0;
    ikd_findings_add(out, IKD_F_SCEP_UNANSWERED, 0, 0, e->number, ikd_intern(ikd_scep_op_name(step->op)),
                     ikd_intern(e->url), (uint32_t)MIN(after * 1000.0 + 0.5, (double)G_MAXUINT32));
}

static const ikd_scep_step *unanswered_step(const ikd_scep_enrollment *e)
{
    for (uint32_t i = 0; i < e->step_count; i++)
        if (e->steps[i].response_frame == 0)
            return &e->steps[i];
    return NULL;
}

void ikd_scep_outcome_text(const ikd_scep_enrollment *e, char *out, size_t size)
{
    const ikd_scep_step *lost = unanswered_step(e);
    const char *fail = ikd_scep_fail_info_name(e->fail_info);
    switch (e->outcome) {
    case IKD_SCEP_GRANTED: g_snprintf(out, size, "granted"); return;
    case IKD_SCEP_REJECTED:
        g_snprintf(out, size, "rejected (failInfo %s)", fail ? fail : "not given");
        return;
    case IKD_SCEP_HTTP_FAILED: g_snprintf(out, size, "HTTP error from the CA"); return;
    case IKD_SCEP_PENDING_SEEN:
        if (e->poll_interval >= 0)
            g_snprintf(out, size, "pending at capture end (%u polls, every %ld s)", e->polls, (long)(e->poll_interval + 0.5));
        else
            g_snprintf(out, size, "pending at capture end (no poll seen)");
        return;
    default: break;
    }
    if (lost)
        g_snprintf(out, size, "no answer to %s (frame %u): CA unreachable or not answering", ikd_scep_op_name(lost->op),
                 lost->request_frame);
    else
        g_snprintf(out, size, e->transaction_id[0] ? "no answer yet" : "CA information only (no enrollment request)");
}
