/* ikediag - certificate fields.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "cert_fields.h"

#include "common/cert_notes.h"
#include "common/cisco_state.h"

static int hf_cert_subject = -1;
static int hf_cert_issuer = -1;
static int hf_cert_serial = -1;
static int hf_cert_not_before = -1;
static int hf_cert_not_after = -1;
static int hf_cert_key = -1;
static int hf_cert_signature = -1;
static int hf_cert_alt_names = -1;
static int hf_cert_key_usage = -1;
static int hf_cert_eku = -1;
static int hf_cert_crl = -1;
static int hf_cert_ocsp = -1;
static int hf_cert_ca = -1;
static int hf_cert_sha1 = -1;
static int hf_cert_sender = -1;
static int hf_request_ca = -1;
static int hf_request_key_id = -1;
static int hf_request_key_owner = -1;
static gint ett_cert = -1;
static gint ett_request = -1;

/* A requested key ID as hex, and whose certificate in the SA has that key. */
static void keep_request(const ikd_ca_request *r, const ikd_sa *sa, ikediag_ca_request *out)
{
    memset(out, 0, sizeof *out);
    out->by_key = r->by_key;
    if (!r->by_key) {
        g_strlcpy(out->name, r->dn, sizeof out->name);
        return;
    }
    for (guint i = 0; i < sizeof r->key_sha1; i++)
        g_snprintf(out->key_id + 2 * i, 3, "%02x", r->key_sha1[i]);
    for (uint32_t i = 0; sa && i < ikd_cert_count(sa); i++) {
        const ikd_cert_info *c = &ikd_cert_at(sa, i)->info;
        if (c->has_key_sha1 && !memcmp(c->key_sha1, r->key_sha1, sizeof r->key_sha1)) {
            g_strlcpy(out->key_owner, c->subject, sizeof out->key_owner);
            return;
        }
    }
}

void ikediag_certs_keep(wmem_allocator_t *scope, const ikd_annotation *a, const ikd_sa *sa, ikediag_certs *out)
{
    out->count = a->cert_count;
    out->certs = a->cert_count ? wmem_alloc_array(scope, ikd_cert_info, a->cert_count) : NULL;
    for (guint i = 0; i < a->cert_count; i++)
        out->certs[i] = a->certs[i]->info;
    out->request_count = a->request_count;
    out->requests = a->request_count ? wmem_alloc_array(scope, ikediag_ca_request, a->request_count) : NULL;
    for (guint i = 0; i < a->request_count; i++)
        keep_request(a->requests[i], sa, &out->requests[i]);
}

static void add_text(proto_tree *tree, int hf, tvbuff_t *tvb, gint start, const char *text)
{
    if (text && *text)
        proto_item_set_generated(proto_tree_add_string(tree, hf, tvb, start, 0, text));
}

static void add_time(proto_tree *tree, int hf, tvbuff_t *tvb, gint start, int64_t seconds)
{
    if (seconds < 0)
        return;
    nstime_t t = { (time_t)seconds, 0 };
    proto_item_set_generated(proto_tree_add_time(tree, hf, tvb, start, 0, &t));
}

static const char *key_usage_text(const ikd_cert_info *c, char *buf, size_t size)
{
    if (!c->has_key_usage)
        return NULL;
    g_snprintf(buf, (gulong)size, "%s%s%s%s", c->key_usage & IKD_CERT_KU_DIGITAL_SIGNATURE ? "digitalSignature " : "",
               c->key_usage & IKD_CERT_KU_NON_REPUDIATION ? "nonRepudiation " : "",
               c->key_usage & IKD_CERT_KU_KEY_CERT_SIGN ? "keyCertSign " : "",
               c->key_usage ? "" : "(none IKE uses)");
    return g_strstrip(buf);
}

static void render_one(const ikd_cert_info *c, ikd_role sender, proto_tree *tree, tvbuff_t *tvb, gint start)
{
    proto_tree *sub = proto_tree_add_subtree_format(tree, tvb, start, 0, ett_cert, NULL, "Certificate: %s",
                                                    c->subject[0] ? c->subject : "(no subject)");
    add_text(sub, hf_cert_sender, tvb, start, ikd_role_name(sender));
    add_text(sub, hf_cert_subject, tvb, start, c->subject);
    add_text(sub, hf_cert_issuer, tvb, start, c->issuer);
    add_text(sub, hf_cert_serial, tvb, start, c->serial);
    add_time(sub, hf_cert_not_before, tvb, start, c->not_before);
    add_time(sub, hf_cert_not_after, tvb, start, c->not_after);
    add_text(sub, hf_cert_key, tvb, start, c->key);
    add_text(sub, hf_cert_signature, tvb, start, c->signature);
    add_text(sub, hf_cert_alt_names, tvb, start, c->alt_names);
    char usage[96];
    add_text(sub, hf_cert_key_usage, tvb, start, key_usage_text(c, usage, sizeof usage));
    add_text(sub, hf_cert_eku, tvb, start, c->extended_key_usage);
    add_text(sub, hf_cert_crl, tvb, start, c->crl_points);
    add_text(sub, hf_cert_ocsp, tvb, start, c->ocsp);
    proto_item_set_generated(proto_tree_add_boolean(sub, hf_cert_ca, tvb, start, 0, c->is_ca));
    add_text(sub, hf_cert_sha1, tvb, start, c->sha1);
}

static void render_request(const ikediag_ca_request *r, proto_tree *tree, tvbuff_t *tvb, gint start)
{
    const char *what = r->by_key ? (r->key_owner[0] ? r->key_owner : r->key_id) : r->name[0] ? r->name : "any CA";
    proto_tree *sub = proto_tree_add_subtree_format(tree, tvb, start, 0, ett_request, NULL,
                                                    "Certificate requested from: %s", what);
    if (!r->by_key)
        add_text(sub, hf_request_ca, tvb, start, r->name[0] ? r->name : "any CA");
    add_text(sub, hf_request_key_id, tvb, start, r->key_id);
    add_text(sub, hf_request_key_owner, tvb, start, r->key_owner);
}

void ikediag_certs_render(const ikediag_certs *certs, ikd_role sender, proto_tree *tree, tvbuff_t *tvb, gint start)
{
    for (guint i = 0; i < certs->count; i++)
        render_one(&certs->certs[i], sender, tree, tvb, start);
    for (guint i = 0; i < certs->request_count; i++)
        render_request(&certs->requests[i], tree, tvb, start);
}

#define CERT_TEXT(hf, name, abbrev, blurb) \
    { &hf, { name, "ikediag.cert." abbrev, FT_STRING, BASE_NONE, NULL, 0x0, blurb, HFILL } }

void ikediag_cert_fields_register(int proto)
{
    static hf_register_info fields[] = {
        CERT_TEXT(hf_cert_sender, "Sent by", "sender", "Who sent this certificate: the SA's initiator or responder"),
        CERT_TEXT(hf_cert_subject, "Subject", "subject", "The certificate's subject distinguished name (RFC 4514)"),
        CERT_TEXT(hf_cert_issuer, "Issuer", "issuer", "The CA that issued it (RFC 4514)"),
        CERT_TEXT(hf_cert_serial, "Serial number", "serial", "In upper-case hex"),
        { &hf_cert_not_before, { "Valid from", "ikediag.cert.not_before", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_UTC, NULL,
                                 0x0, "Start of the validity period", HFILL } },
        { &hf_cert_not_after, { "Valid until", "ikediag.cert.not_after", FT_ABSOLUTE_TIME, ABSOLUTE_TIME_UTC, NULL,
                                0x0, "End of the validity period", HFILL } },
        CERT_TEXT(hf_cert_key, "Public key", "key", "Key algorithm and size"),
        CERT_TEXT(hf_cert_signature, "Signature algorithm", "signature", "How the issuer signed it (GnuTLS's name)"),
        CERT_TEXT(hf_cert_alt_names, "Subject alternative names", "alt_names",
                  "DNS names, IP addresses and e-mail addresses the certificate also names"),
        CERT_TEXT(hf_cert_key_usage, "Key usage", "key_usage", "The key usages IKE cares about"),
        CERT_TEXT(hf_cert_eku, "Extended key usage", "extended_key_usage", "Purposes the key may serve"),
        CERT_TEXT(hf_cert_crl, "CRL distribution points", "crl", "Where a peer fetches the CRL to check revocation"),
        CERT_TEXT(hf_cert_ocsp, "OCSP responder", "ocsp", "Where a peer asks whether it is revoked"),
        { &hf_cert_ca, { "CA certificate", "ikediag.cert.ca", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
                         "Basic constraints say it is a CA", HFILL } },
        CERT_TEXT(hf_cert_sha1, "SHA-1 fingerprint", "sha1", "Fingerprint of the whole certificate"),
        CERT_TEXT(hf_request_ca, "Requested CA", "request.ca",
                  "A CA an IKEv1 CERTREQ asks for, by its distinguished name (any CA: an empty CERTREQ)"),
        CERT_TEXT(hf_request_key_id, "Requested CA key ID", "request.key_id",
                  "A CA an IKEv2 CERTREQ asks for: the SHA-1 of its public key (RFC 7296 3.7), in hex"),
        CERT_TEXT(hf_request_key_owner, "Requested CA (by key)", "request.key_ca",
                  "The certificate in the capture whose public key has the requested key ID"),
    };
    static gint *ett[] = { &ett_cert, &ett_request };
    proto_register_field_array(proto, fields, array_length(fields));
    proto_register_subtree_array(ett, array_length(ett));
}
