/* ikediag - CRL and OCSP fetches tied to the SA whose certificate named them.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/revocation.h"

#include "common/crl.h"

#include <gnutls/ocsp.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* How many of the newest SAs a segment is matched against: a fetch belongs
 * to an SA in negotiation, never to one long gone. */
enum { RECENT_SAS = 64, HTTP_PORT = 80 };

uint32_t ikd_fetch_count(const ikd_sa *sa)
{
    const GPtrArray *fetches = ikd_sa_extra_const(sa)->fetches;
    return fetches ? fetches->len : 0;
}

const ikd_fetch *ikd_fetch_at(const ikd_sa *sa, uint32_t index)
{
    const GPtrArray *fetches = ikd_sa_extra_const(sa)->fetches;
    return fetches && index < fetches->len ? g_ptr_array_index(fetches, index) : NULL;
}

/* "http://" host [":" port] ["/" ...]; IPv6 literals in brackets. */
bool ikd_url_names_server(const char *url, const ikd_address *server, uint16_t port)
{
    static const char scheme[] = "http://";
    if (!url || g_ascii_strncasecmp(url, scheme, sizeof scheme - 1))
        return false;
    const char *host = url + sizeof scheme - 1, *end;
    if (*host == '[') {
        host++;
        end = strchr(host, ']');
    } else {
        end = host + strcspn(host, ":/");
    }
    if (!end || end == host || end - host >= IKD_ADDRESS_TEXT)
        return false;
    char text[IKD_ADDRESS_TEXT], mine[IKD_ADDRESS_TEXT];
    memcpy(text, host, (size_t)(end - host));
    text[end - host] = '\0';
    if (g_ascii_strcasecmp(text, ikd_address_format(server, mine, sizeof mine)))
        return false;
    const char *after = *end == ']' ? end + 1 : end;
    long want = HTTP_PORT;
    if (*after == ':') {
        char *stop;
        want = strtol(after + 1, &stop, 10);
        if (stop == after + 1 || (*stop && *stop != '/'))
            return false;
    }
    return want == port;
}

/* The URL of one comma-separated list (ikd_cert_info's crl_points, ocsp)
 * that the segment goes to, copied into out: the request's own URI when
 * `exact`, else any URL naming its server and port. */
static bool list_names(const char *list, const ikd_tcp_segment *seg, bool exact, char *out, size_t size)
{
    gchar **urls = g_strsplit(list, ", ", -1);
    bool found = false;
    for (gchar **u = urls; *u && !found; u++) {
        found = exact ? seg->request_uri && !g_ascii_strcasecmp(*u, seg->request_uri)
                      : ikd_url_names_server(*u, &seg->dst, seg->dst_port);
        if (found)
            g_strlcpy(out, *u, size);
    }
    g_strfreev(urls);
    return found;
}

/* Which of the certificate's URLs the segment goes to: an exact request
 * URI first (a CRL and an OCSP responder often share a server). */
static bool names_url(const ikd_cert_info *c, const ikd_tcp_segment *seg, ikd_fetch *probe)
{
    for (int exact = 1; exact >= 0; exact--) {
        if (list_names(c->crl_points, seg, exact, probe->url, sizeof probe->url)) {
            probe->kind = IKD_FETCH_CRL;
            return true;
        }
        if (list_names(c->ocsp, seg, exact, probe->url, sizeof probe->url)) {
            probe->kind = IKD_FETCH_OCSP;
            return true;
        }
    }
    return false;
}

/* A certificate peer `receiver` got before this segment whose CRL or OCSP
 * URL the segment goes to: a new fetch of that SA. */
static ikd_fetch *new_fetch(ikd_sa *sa, int receiver, const ikd_tcp_segment *seg)
{
    for (uint32_t i = 0; i < ikd_cert_count(sa); i++) {
        const ikd_cert_record *r = ikd_cert_at(sa, i);
        if (r->sender != 1 - receiver || r->frame > seg->frame)
            continue;
        ikd_fetch probe = { .kind = IKD_FETCH_CRL };
        if (!names_url(&r->info, seg, &probe))
            continue;
        ikd_fetch *f = g_new0(ikd_fetch, 1);
        *f = probe;
        f->by = (uint8_t)receiver;
        f->cert = r;
        f->stream = seg->stream;
        f->frame = seg->frame;
        f->time = seg->time;
        f->crl_lists_cert = -1;
        f->ocsp_asks_cert = -1;
        g_ptr_array_add(ikd_sa_owned_list(&ikd_sa_extra_of(sa)->fetches), f);
        return f;
    }
    return NULL;
}

bool ikd_revocation_may_open(const ikd_tcp_segment *seg)
{
    return (seg->syn && !seg->ack) || seg->request_uri;
}

/* The SA and fetch the segment belongs to: an open one on its stream, or a
 * new one when it opens a connection to a certificate's URL. */
static ikd_fetch *fetch_of(ikd_sa_store *store, const ikd_tcp_segment *seg, ikd_sa **sa_out)
{
    uint32_t n = ikd_sa_store_count(store), oldest = n > RECENT_SAS ? n - RECENT_SAS : 0;
    for (uint32_t i = n; i-- > oldest;) {
        ikd_sa *sa = ikd_sa_store_at(store, i);
        for (uint32_t k = 0; k < ikd_fetch_count(sa); k++) {
            ikd_fetch *f = g_ptr_array_index(sa->extra->fetches, k);
            const ikd_address *client = &sa->peer[f->by];
            bool ends = ikd_address_equal(&seg->src, client) || ikd_address_equal(&seg->dst, client);
            if (f->stream == seg->stream && ends) {
                *sa_out = sa;
                return f;
            }
        }
    }
    if (!ikd_revocation_may_open(seg))
        return NULL;
    for (uint32_t i = n; i-- > oldest;) {
        ikd_sa *sa = ikd_sa_store_at(store, i);
        if (!ikd_cert_count(sa) || ikd_fetch_count(sa) >= IKD_MAX_SA_FETCHES ||
            seg->time - sa->last_time > IKD_FETCH_WINDOW)
            continue;
        for (int p = 0; p < 2; p++) {
            ikd_fetch *f = ikd_address_equal(&seg->src, &sa->peer[p]) ? new_fetch(sa, p, seg) : NULL;
            if (f) {
                *sa_out = sa;
                return f;
            }
        }
    }
    return NULL;
}

/* What the answer brought back: a CRL is read, and looked up for the
 * certificate's serial. */
static void read_answer(ikd_fetch *f, const ikd_tcp_segment *seg)
{
    f->status = seg->response_code;
    f->answer_frame = seg->frame;
    f->answer_time = seg->time;
    if (!seg->body || !seg->body_len)
        return;
    if (f->kind == IKD_FETCH_OCSP) {
        f->ocsp_read = ikd_ocsp_read_response(seg->body, seg->body_len, &f->cert->info, &f->ocsp) ? 1 : -1;
        return;
    }
    ikd_crl_info info;
    if (seg->body_len > IKD_MAX_CRL_BYTES || !ikd_crl_read(seg->body, seg->body_len, &info)) {
        f->crl_read = -1;
        return;
    }
    f->crl_read = 1;
    g_strlcpy(f->crl_issuer, info.issuer, sizeof f->crl_issuer);
    f->crl_revoked = info.revoked;
    /* a CRL of another CA says nothing of this certificate */
    if (!strcmp(info.issuer, f->cert->info.issuer))
        f->crl_lists_cert = (int8_t)ikd_crl_lists_serial(seg->body, seg->body_len, f->cert->info.serial);
}

const ikd_fetch *ikd_revocation_note(ikd_sa_store *store, const ikd_tcp_segment *seg, const ikd_sa **sa_out)
{
    ikd_sa *sa = NULL;
    ikd_fetch *f = fetch_of(store, seg, &sa);
    if (!f)
        return NULL;
    bool from_client = ikd_address_equal(&seg->src, &sa->peer[f->by]);
    if (seg->syn && !seg->ack && from_client)
        f->attempts++;
    if (seg->syn && seg->ack && !from_client)
        f->connected = true;
    if (seg->rst && !from_client && !f->status)
        f->reset = true;
    if (seg->request_uri && from_client && !f->request_frame) {
        f->request_frame = seg->frame;
        if (f->kind == IKD_FETCH_OCSP && seg->body && seg->body_len)
            f->ocsp_asks_cert = (int8_t)ikd_ocsp_request_asks(seg->body, seg->body_len, &f->cert->info);
    }
    if (seg->response_code && !from_client && !f->status)
        read_answer(f, seg);
    *sa_out = sa;
    return f;
}

/* An OCSP answer GnuTLS read: revoked, good, or a check that could not
 * complete (an error status, "unknown"); about other certificates only, it
 * is an answer that says nothing of this one. */
static int ocsp_rank(const ikd_ocsp_answer *a)
{
    if (a->response_status != GNUTLS_OCSP_RESP_SUCCESSFUL || a->cert_status == IKD_OCSP_UNKNOWN)
        return IKD_REVOCATION_FAILED;
    switch (a->cert_status) {
    case IKD_OCSP_REVOKED: return IKD_REVOCATION_LISTED;
    case IKD_OCSP_GOOD: return IKD_REVOCATION_NOT_LISTED;
    default: return IKD_REVOCATION_ANSWERED;
    }
}

static int outcome_rank(const ikd_fetch *f)
{
    if (f->ocsp_read == 1 && f->status >= 200 && f->status < 300)
        return ocsp_rank(&f->ocsp);
    if (f->crl_lists_cert == 1)
        return IKD_REVOCATION_LISTED;
    if (f->crl_lists_cert == 0)
        return IKD_REVOCATION_NOT_LISTED;
    if (f->status >= 200 && f->status < 300)
        return IKD_REVOCATION_ANSWERED;
    return IKD_REVOCATION_FAILED;
}

ikd_revocation_outcome ikd_revocation_outcome_of(const ikd_sa *sa, int by, const ikd_cert_record *cert,
                                                 const ikd_fetch **which)
{
    int best = IKD_REVOCATION_NONE;
    *which = NULL;
    for (uint32_t i = 0; i < ikd_fetch_count(sa); i++) {
        const ikd_fetch *f = ikd_fetch_at(sa, i);
        if (f->by != by || f->cert != cert)
            continue;
        int rank = outcome_rank(f);
        if (rank > best) {
            best = rank;
            *which = f;
        }
    }
    return (ikd_revocation_outcome)best;
}

const char *ikd_fetch_outcome_text(const ikd_fetch *f, char *buf, size_t size)
{
    char answer[IKD_CERT_NAME];
    if (f->status && f->ocsp_read == 1)
        snprintf(buf, size, "HTTP %u, OCSP: %s", f->status, ikd_ocsp_answer_text(&f->ocsp, answer, sizeof answer));
    else if (f->status && f->ocsp_read < 0)
        snprintf(buf, size, "HTTP %u, not an OCSP response GnuTLS can read", f->status);
    else if (f->status && f->crl_read == 1)
        snprintf(buf, size, "HTTP %u, a CRL of %s listing %u serial number(s)%s", f->status, f->crl_issuer,
                 f->crl_revoked, f->crl_lists_cert == 1 ? ", among them the certificate's"
                                 : f->crl_lists_cert == 0 ? ", not the certificate's" : "");
    else if (f->status)
        snprintf(buf, size, "HTTP %u%s", f->status, f->crl_read < 0 ? ", not a CRL GnuTLS can read" : "");
    else if (f->request_frame)
        snprintf(buf, size, "no answer to the HTTP request");
    else if (f->reset)
        snprintf(buf, size, "connection refused");
    else if (f->connected)
        snprintf(buf, size, "connected, no HTTP request seen");
    else
        snprintf(buf, size, "no answer to %u connection attempt%s", f->attempts, f->attempts == 1 ? "" : "s");
    return buf;
}
