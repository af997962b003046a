/* ikediag - certificates sent in CERT payloads, kept per SA and checked.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/cert_notes.h"

#include "core/interned.h"

#include <stdio.h>
#include <string.h>

enum { SECONDS_PER_DAY = 86400, MIN_RSA_BITS = 2048 };

static const ikd_cert_record *already_sent(const ikd_sa *sa, int sender, const ikd_cert_info *info)
{
    for (uint32_t i = 0; i < ikd_cert_count(sa); i++) {
        const ikd_cert_record *r = ikd_cert_at(sa, i);
        if (r->sender == sender && !strcmp(r->info.sha1, info->sha1))
            return r;
    }
    return NULL;
}

static uint32_t clamp_time(int64_t t)
{
    return t < 0 ? 0 : t > UINT32_MAX ? UINT32_MAX : (uint32_t)t;
}

/* Validity at the moment the message was sent: the peer that receives it
 * checks it against its own clock at about that time. */
static void check_validity(const ikd_cert_info *c, uint32_t role, const ikd_packet *p, ikd_finding_list *out,
                           size_t at, size_t span)
{
    uint32_t subject = ikd_intern(c->subject), serial = ikd_intern(c->serial);
    int validity = ikd_cert_validity_at(c, p->time);
    if (validity > 0) {
        ikd_findings_add(out, IKD_F_CERT_EXPIRED, at, span, role, subject, serial, clamp_time(c->not_after));
    } else if (validity < 0) {
        ikd_findings_add(out, IKD_F_CERT_NOT_YET_VALID, at, span, role, subject, serial, clamp_time(c->not_before));
    } else if (c->not_after >= 0 && (double)c->not_after - p->time < IKD_CERT_EXPIRING_DAYS * SECONDS_PER_DAY) {
        uint32_t days = (uint32_t)(((double)c->not_after - p->time) / SECONDS_PER_DAY);
        ikd_findings_add_args(out, IKD_F_CERT_EXPIRING, at, span,
                              (const uint32_t[IKD_FINDING_ARGS]){ role, subject, serial, clamp_time(c->not_after), days });
    }
}

/* A self-signed CA certificate's own signature protects nothing: only the
 * keys and signatures a chain relies on are judged. */
static void check_strength(const ikd_cert_info *c, uint32_t role, ikd_finding_list *out, size_t at, size_t span)
{
    bool rsa_or_dsa = c->key_kind == IKD_CERT_KEY_RSA || c->key_kind == IKD_CERT_KEY_DSA;
    if (rsa_or_dsa && c->key_bits && c->key_bits < MIN_RSA_BITS)
        ikd_findings_add(out, IKD_F_CERT_WEAK_KEY, at, span, role, ikd_intern(c->subject), c->key_bits, 0);
    bool signs = c->key_usage & (IKD_CERT_KU_DIGITAL_SIGNATURE | IKD_CERT_KU_NON_REPUDIATION);
    if (c->has_key_usage && !signs && !c->is_ca)
        ikd_findings_add(out, IKD_F_CERT_KEY_USAGE, at, span, role, ikd_intern(c->subject), 0, 0);
    bool self_signed = c->is_ca && !strcmp(c->subject, c->issuer);
    bool weak_hash = c->signature_hash == IKD_CERT_HASH_MD5 || c->signature_hash == IKD_CERT_HASH_SHA1;
    if (weak_hash && !self_signed)
        ikd_findings_add(out, IKD_F_CERT_WEAK_SIGNATURE, at, span, role, ikd_intern(c->subject),
                         ikd_intern(c->signature), 0);
}

void ikd_cert_note(ikd_sa *sa, int sender, const uint8_t *body, size_t len, const ikd_packet *p,
                   ikd_annotation *ann, size_t at, size_t span)
{
    if (!body || len < 1 || body[0] != IKD_CERT_ENCODING_X509_SIGNATURE || sender < 0 || sender > 1)
        return;
    uint32_t role = ikd_sa_role_of(sa, sender);
    ikd_cert_record *r = g_new0(ikd_cert_record, 1);
    if (!ikd_cert_parse(body + 1, len - 1, &r->info)) {
        ikd_findings_add(&ann->findings, IKD_F_CERT_UNREADABLE, at, span, role, (uint32_t)(len - 1), 0, 0);
        g_free(r);
        return;
    }
    const ikd_cert_record *seen = already_sent(sa, sender, &r->info);
    if (seen) {
        g_free(r); /* a resend: kept and checked already */
    } else {
        r->frame = p->frame;
        r->sender = (uint8_t)sender;
        r->validity = (int8_t)ikd_cert_validity_at(&r->info, p->time);
        check_validity(&r->info, role, p, &ann->findings, at, span);
        check_strength(&r->info, role, &ann->findings, at, span);
        if (ikd_cert_count(sa) >= IKD_MAX_SA_CERTS) {
            g_free(r); /* checked, not kept: the SA holds enough */
            return;
        }
        g_ptr_array_add(ikd_sa_owned_list(&ikd_sa_extra_of(sa)->certs), r);
        seen = r;
    }
    if (ann->cert_count < IKD_MAX_MESSAGE_CERTS)
        ann->certs[ann->cert_count++] = seen;
}

/* The first certificate a peer sent: its own (the end entity's) comes
 * first in the payloads (RFC 7296 3.6, RFC 4945 3.3.3). */
const ikd_cert_record *ikd_cert_first_sent_by(const ikd_sa *sa, int sender)
{
    for (uint32_t i = 0; i < ikd_cert_count(sa); i++)
        if (ikd_cert_at(sa, i)->sender == sender)
            return ikd_cert_at(sa, i);
    return NULL;
}

const ikd_cert_record *ikd_cert_invalid_when_sent(const ikd_sa *sa, int sender)
{
    for (uint32_t i = 0; i < ikd_cert_count(sa); i++) {
        const ikd_cert_record *r = ikd_cert_at(sa, i);
        if (r->sender == sender && r->validity)
            return r;
    }
    return NULL;
}

uint32_t ikd_cert_count(const ikd_sa *sa)
{
    const GPtrArray *certs = ikd_sa_extra_const(sa)->certs;
    return certs ? certs->len : 0;
}

const ikd_cert_record *ikd_cert_at(const ikd_sa *sa, uint32_t index)
{
    const GPtrArray *certs = ikd_sa_extra_const(sa)->certs;
    return certs && index < certs->len ? g_ptr_array_index(certs, index) : NULL;
}

enum { KEY_HASH = 20 };

/* Keeps a requested CA once per sender; the kept record, or NULL when the
 * SA holds enough. */
static const ikd_ca_request *add_request(ikd_sa *sa, ikd_ca_request *r)
{
    const GPtrArray *kept = ikd_sa_extra_const(sa)->ca_requests;
    for (uint32_t i = 0; kept && i < kept->len; i++) {
        const ikd_ca_request *seen = g_ptr_array_index(kept, i);
        if (seen->sender == r->sender && seen->by_key == r->by_key && !strcmp(seen->dn, r->dn) &&
            !memcmp(seen->key_sha1, r->key_sha1, KEY_HASH)) {
            g_free(r); /* a resend, or the same CA asked for again */
            return seen;
        }
    }
    if (kept && kept->len >= IKD_MAX_SA_CA_REQUESTS) {
        g_free(r);
        return NULL;
    }
    g_ptr_array_add(ikd_sa_owned_list(&ikd_sa_extra_of(sa)->ca_requests), r);
    return r;
}

/* Lists the request with the message, for its fields. */
static void list_request(ikd_annotation *ann, const ikd_ca_request *r)
{
    if (ann && r && ann->request_count < IKD_MAX_MESSAGE_REQUESTS)
        ann->requests[ann->request_count++] = r;
}

void ikd_cert_request_note(ikd_sa *sa, int sender, const uint8_t *body, size_t len, bool ikev2, ikd_annotation *ann)
{
    if (!body || len < 1 || body[0] != IKD_CERT_ENCODING_X509_SIGNATURE || sender < 0 || sender > 1)
        return;
    if (!ikev2) {
        ikd_ca_request *r = g_new0(ikd_ca_request, 1);
        r->sender = (uint8_t)sender;
        if (len > 1 && !ikd_cert_dn_text(body + 1, len - 1, r->dn, sizeof r->dn)) {
            g_free(r); /* not a name: nothing to match against */
            return;
        }
        list_request(ann, add_request(sa, r));
        return;
    }
    for (size_t at = 1; at + KEY_HASH <= len; at += KEY_HASH) {
        ikd_ca_request *r = g_new0(ikd_ca_request, 1);
        r->sender = (uint8_t)sender;
        r->by_key = true;
        memcpy(r->key_sha1, body + at, KEY_HASH);
        list_request(ann, add_request(sa, r));
    }
}

uint32_t ikd_cert_requests_from(const ikd_sa *sa, int asker)
{
    uint32_t n = 0;
    const GPtrArray *kept = ikd_sa_extra_const(sa)->ca_requests;
    for (uint32_t i = 0; kept && i < kept->len; i++)
        n += ((const ikd_ca_request *)g_ptr_array_index(kept, i))->sender == asker;
    return n;
}

const ikd_cert_record *ikd_cert_issuer_sent(const ikd_sa *sa, const ikd_cert_record *cert)
{
    for (uint32_t i = 0; i < ikd_cert_count(sa); i++) {
        const ikd_cert_record *r = ikd_cert_at(sa, i);
        if (r->sender == cert->sender && r != cert && !strcmp(r->info.subject, cert->info.issuer))
            return r;
    }
    return NULL;
}

static bool request_names(const ikd_ca_request *r, const ikd_cert_record *cert, const ikd_cert_record *issuer)
{
    if (!r->by_key)
        return !strcmp(r->dn, cert->info.issuer);
    return issuer && issuer->info.has_key_sha1 && !memcmp(r->key_sha1, issuer->info.key_sha1, KEY_HASH);
}

static bool self_issued(const ikd_cert_record *cert)
{
    return !strcmp(cert->info.subject, cert->info.issuer);
}

/* Whether peer `asker` asked for the CA that issued this one certificate. */
static int one_requested(const ikd_sa *sa, int asker, const ikd_cert_record *cert)
{
    const ikd_cert_record *issuer = self_issued(cert) ? cert : ikd_cert_issuer_sent(sa, cert);
    uint32_t asked = 0;
    const GPtrArray *kept = ikd_sa_extra_const(sa)->ca_requests;
    for (uint32_t i = 0; kept && i < kept->len; i++) {
        const ikd_ca_request *r = g_ptr_array_index(kept, i);
        if (r->sender != asker)
            continue;
        if (!r->by_key && !r->dn[0])
            return -1; /* an empty name asks for any CA */
        if (request_names(r, cert, issuer))
            return 1;
        if (r->by_key && !issuer)
            return -1; /* the issuer's key is not in the capture */
        asked++;
    }
    return asked ? 0 : -1;
}

/* A chain the sender sent counts from its top: the root a peer asks for
 * issued the intermediate, not the end entity's certificate. */
int ikd_cert_issuer_requested(const ikd_sa *sa, int asker, const ikd_cert_record *cert)
{
    int answer = one_requested(sa, asker, cert);
    for (int depth = 0; answer != 1 && !self_issued(cert) && depth < IKD_MAX_SA_CERTS; depth++) {
        cert = ikd_cert_issuer_sent(sa, cert);
        if (!cert)
            break;
        answer = one_requested(sa, asker, cert); /* the higher CA is what must be trusted */
    }
    return answer;
}

enum { ID_IPV4 = 1, ID_FQDN = 2, ID_USER_FQDN = 3, ID_IPV6 = 5, ID_DER_ASN1_DN = 9, ID_HEADER = 4 };

/* Whether "PREFIX:value" is one of the certificate's alternative names. */
static bool has_alt_name(const ikd_cert_info *cert, const char *prefix, const char *value)
{
    char *want = g_strconcat(prefix, value, NULL);
    gchar **names = g_strsplit(cert->alt_names, ", ", -1);
    bool found = false;
    for (gchar **n = names; *n && !found; n++)
        found = !g_ascii_strcasecmp(*n, want);
    g_strfreev(names);
    g_free(want);
    return found;
}

/* The identity as text, the way the certificate's fields spell it. */
static bool identity_text(uint8_t type, const uint8_t *data, size_t len, char *out, size_t size)
{
    switch (type) {
    case ID_IPV4:
        if (len != 4)
            return false;
        snprintf(out, size, "%u.%u.%u.%u", data[0], data[1], data[2], data[3]);
        return true;
    case ID_FQDN: case ID_USER_FQDN:
        if (!len || len >= size || memchr(data, 0, len))
            return false;
        memcpy(out, data, len);
        out[len] = '\0';
        return true;
    case ID_DER_ASN1_DN:
        return ikd_cert_dn_text(data, len, out, size);
    default:
        return false;
    }
}

int ikd_cert_names_identity(const ikd_cert_info *cert, uint8_t id_type, const uint8_t *data, size_t len)
{
    char id[IKD_CERT_NAME];
    if (!identity_text(id_type, data, len, id, sizeof id))
        return -1;
    switch (id_type) {
    case ID_IPV4: return has_alt_name(cert, "IP:", id);
    case ID_FQDN: return has_alt_name(cert, "DNS:", id);
    case ID_USER_FQDN: return has_alt_name(cert, "email:", id);
    case ID_DER_ASN1_DN: return !strcmp(id, cert->subject);
    default: return -1;
    }
}

void ikd_cert_check_identity(ikd_sa *sa, int sender, const uint8_t *id_body, size_t len, ikd_annotation *ann,
                             size_t at, size_t span)
{
    if (!ann->cert_count || !id_body || len <= ID_HEADER || ann->certs[0]->sender != sender)
        return;
    const ikd_cert_info *cert = &ann->certs[0]->info;
    if (ikd_cert_names_identity(cert, id_body[0], id_body + ID_HEADER, len - ID_HEADER) != 0)
        return;
    char id[IKD_CERT_NAME];
    identity_text(id_body[0], id_body + ID_HEADER, len - ID_HEADER, id, sizeof id);
    uint32_t identity = ikd_intern(id);
    ikd_findings_add(&ann->findings, IKD_F_CERT_ID_MISMATCH, at, span, ikd_sa_role_of(sa, sender), identity,
                     id_body[0], ikd_intern(cert->subject));
    for (uint32_t i = 0; i < ikd_cert_count(sa); i++)
        if (ikd_cert_at(sa, i) == ann->certs[0])
            ((ikd_cert_record *)g_ptr_array_index(sa->extra->certs, i))->unnamed_identity = identity;
}
