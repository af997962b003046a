/* ikediag - the PKI table: SCEP enrollments and IKE certificates.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/pki_text.h"

#include <string.h>

#include "common/cisco_state.h"
#include "common/revocation.h"
#include "core/interned.h"

enum { MIN_RSA_BITS = 2048 };

static void step_text(const ikd_scep_step *s, GString *out)
{
    const char *name = ikd_scep_message_type_name(s->message_type);
    g_string_append(out, name ? name : ikd_scep_op_name(s->op));
    g_string_append_printf(out, " %u", s->request_frame);
    if (!s->response_frame) {
        g_string_append(out, "->(no answer)");
        return;
    }
    g_string_append_printf(out, "->%u (HTTP %u", s->response_frame, s->http_code);
    const char *status = ikd_scep_status_name(s->pki_status);
    const char *fail = ikd_scep_fail_info_name(s->fail_info);
    if (status)
        g_string_append_printf(out, ", %s", status);
    if (fail)
        g_string_append_printf(out, " %s", fail);
    g_string_append_c(out, ')');
}

void ikd_scep_steps_text(const ikd_scep_enrollment *e, GString *out)
{
    for (uint32_t i = 0; i < e->step_count; i++) {
        if (i)
            g_string_append(out, ", ");
        step_text(&e->steps[i], out);
    }
    if (e->steps_dropped)
        g_string_append_printf(out, ", and %u more", e->steps_dropped);
}

static void enrollment_text(const ikd_scep_enrollment *e, GString *out)
{
    char addr[IKD_ADDRESS_TEXT], outcome[IKD_SCEP_TEXT];
    g_string_append_printf(out, "Enrollment %u: client %s, CA %s\n", e->number,
                           ikd_address_format(&e->client, addr, sizeof addr), e->url);
    g_string_append_printf(out, "   transaction:  %s\n", e->transaction_id[0] ? e->transaction_id : "(none)");
    g_string_append(out, "   steps:        ");
    ikd_scep_steps_text(e, out);
    g_string_append_c(out, '\n');
    if (e->capabilities[0])
        g_string_append_printf(out, "   capabilities: %s\n", e->capabilities);
    for (uint32_t i = 0; i < e->ca_cert_count; i++) {
        const ikd_scep_ca_cert *c = &e->ca_certs[i];
        g_string_append_printf(out, "   CA/RA certificate: %s%s, valid until %s\n", c->subject, c->is_ca ? " (CA)" : "",
                               c->not_after[0] ? c->not_after : "?");
        g_string_append_printf(out, "      fingerprint MD5:  %s\n      fingerprint SHA1: %s\n", c->md5, c->sha1);
    }
    ikd_scep_outcome_text(e, outcome, sizeof outcome);
    g_string_append_printf(out, "   outcome:      %s\n", outcome);
    g_string_append_printf(out, "   frames:       %u..%u, %.3f s\n\n", e->first_frame, e->last_frame,
                           e->last_time > e->first_time ? e->last_time - e->first_time : 0.0);
}

static void add_problem(char *out, size_t size, const char *text)
{
    if (out[0])
        g_strlcat(out, "; ", size);
    g_strlcat(out, text, size);
}

/* The SA's verdict when it is a refusal of this certificate's sender ("SA
 * verdict: Authentication refused: ..."). */
static bool refusal_text(const ikd_sa *sa, const ikd_cert_record *cert, char *out, size_t size)
{
    if (!sa->verdict)
        return false;
    ikd_finding_id id = (ikd_finding_id)sa->verdict->id;
    if (!ikd_is_cert_refusal(id) || sa->verdict->arg[2] != (uint32_t)ikd_sa_role_of(sa, cert->sender))
        return false;
    char buf[IKD_CERT_NAME];
    g_snprintf(buf, sizeof buf, "SA verdict: %s", ikd_finding_lookup(id)->summary);
    add_problem(out, size, buf);
    return true;
}

/* Each CRL fetch or OCSP request seen for the certificate, and its outcome
 * ("revocation check: OCSP by the responder, HTTP 200, OCSP: good"). */
static void revocation_notes(const ikd_sa *sa, const ikd_cert_record *cert, char *out, size_t size)
{
    for (uint32_t i = 0; i < ikd_fetch_count(sa); i++) {
        const ikd_fetch *f = ikd_fetch_at(sa, i);
        if (f->cert != cert)
            continue;
        char outcome[IKD_CERT_NAME + 64], buf[IKD_CERT_NAME + 128];
        g_snprintf(buf, sizeof buf, "revocation check: %s by the %s, %s", f->kind == IKD_FETCH_CRL ? "CRL" : "OCSP",
                   ikd_role_name(ikd_sa_role_of(sa, f->by)), ikd_fetch_outcome_text(f, outcome, sizeof outcome));
        add_problem(out, size, buf);
    }
}

void ikd_cert_verdict_text(const ikd_sa *sa, const ikd_cert_record *cert, char *out, size_t size)
{
    const ikd_cert_info *c = &cert->info;
    char buf[IKD_CERT_NAME + 64];
    out[0] = '\0';
    if (cert->validity > 0)
        add_problem(out, size, "expired when sent (check the clocks, NTP)");
    else if (cert->validity < 0)
        add_problem(out, size, "not yet valid when sent (check the clocks, NTP)");
    int asked = c->is_ca ? 1 : ikd_cert_issuer_requested(sa, 1 - cert->sender, cert);
    if (asked == 0) {
        g_snprintf(buf, sizeof buf, "issuer not among the CAs the %s asked for",
                   ikd_role_name(ikd_sa_role_of(sa, 1 - cert->sender)));
        add_problem(out, size, buf);
    }
    if (cert->unnamed_identity) {
        g_snprintf(buf, sizeof buf, "identity %s not in the certificate", ikd_interned(cert->unnamed_identity));
        add_problem(out, size, buf);
    }
    if ((c->key_kind == IKD_CERT_KEY_RSA || c->key_kind == IKD_CERT_KEY_DSA) && c->key_bits &&
        c->key_bits < MIN_RSA_BITS) {
        g_snprintf(buf, sizeof buf, "weak key (%s)", c->key);
        add_problem(out, size, buf);
    }
    bool self_signed = c->is_ca && !strcmp(c->subject, c->issuer);
    if ((c->signature_hash == IKD_CERT_HASH_MD5 || c->signature_hash == IKD_CERT_HASH_SHA1) && !self_signed) {
        g_snprintf(buf, sizeof buf, "weak signature (%s)", c->signature);
        add_problem(out, size, buf);
    }
    /* a refusal with no cause found, of a certificate whose issuer the CERTREQ
     * could not be matched against: say why it cannot tell */
    bool unexplained = sa->verdict && (sa->verdict->id == IKD_F_STUCK_CERT_REFUSED ||
                                       sa->verdict->id == IKD_F_STUCK_CERT_REFUSED_NO_ISSUER);
    if (refusal_text(sa, cert, out, size) && unexplained && asked < 0 &&
        ikd_cert_requests_from(sa, 1 - cert->sender) > 0)
        add_problem(out, size,
                    "issuer not matched to the CERTREQ (a CA named by key hash whose certificate is not in the capture)");
    if (!out[0])
        g_strlcpy(out, "no problem found on the wire", size);
    revocation_notes(sa, cert, out, size);
}

static void ike_certificates_text(ikd_engine *engine, GString *out)
{
    uint32_t shown = 0;
    g_string_append(out, "Certificates sent in IKE\n");
    for (uint32_t i = 0; engine && i < ikd_engine_sa_count(engine); i++) {
        const ikd_sa *sa = ikd_engine_sa(engine, i);
        for (uint32_t k = 0; k < ikd_cert_count(sa); k++) {
            const ikd_cert_record *r = ikd_cert_at(sa, k);
            char addr[IKD_ADDRESS_TEXT], verdict[512];
            ikd_cert_verdict_text(sa, r, verdict, sizeof verdict);
            g_string_append_printf(out, "%s %u, frame %u, from the %s (%s): %s\n",
                                   ikd_conn_id_is_v2(sa->conn_id) ? "IKEv2 SA" : "SA", ikd_sa_number(sa->conn_id),
                                   r->frame, ikd_role_name(ikd_sa_role_of(sa, r->sender)),
                                   ikd_address_format(&sa->peer[r->sender], addr, sizeof addr), r->info.subject);
            g_string_append_printf(out, "   issuer %s, SN %s, %s, %s\n", r->info.issuer, r->info.serial, r->info.key,
                                   r->info.signature);
            g_string_append_printf(out, "   verdict: %s\n", verdict);
            shown++;
        }
    }
    if (!shown)
        g_string_append(out, "(none: no CERT payload read; IKE_AUTH and MM5/MM6 need the keys)\n");
}

void ikd_text_pki(ikd_engine *engine, const ikd_scep_store *scep, GString *out)
{
    g_string_append(out, "SCEP enrollments (RFC 8894 over HTTP)\n");
    uint32_t n = ikd_scep_enrollment_count(scep);
    if (n == 0)
        g_string_append(out, "(none)\n\n");
    for (uint32_t i = 0; i < n; i++)
        enrollment_text(ikd_scep_enrollment_at(scep, i), out);
    ike_certificates_text(engine, out);
}
