/* ikediag - libFuzzer target for the message readers, IKEv1's and IKEv2's.
 *
 * The first input byte picks the transport and how much of the message the
 * "capture" holds; the rest is the message. Both readers read every input
 * (each must survive anything), and the IKEv2 reader also reads the bytes as
 * Wireshark's decryption of an SK payload. Beyond the sanitizers' own checks,
 * it aborts if a finding points outside the bytes read or names an id the
 * catalogue does not have, and renders every finding's text. The SCEP
 * readers get the same bytes: as a PKI message (PKCS#7 attributes), a
 * GetCACert answer, a GetCACaps answer and a GET PKIOperation's message=.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/certificate.h"
#include "common/crl.h"
#include "common/ocsp.h"
#include "common/revocation.h"
#include "core/findings.h"
#include "ikev1/message.h"
#include "ikev2/message.h"
#include "report/finding_text.h"
#include "scep/ca_certs.h"
#include "scep/operation.h"
#include "scep/scep_attributes.h"

#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Every finding names a catalogue entry, stays inside the bytes read, and
 * renders. */
static void check_findings(const ikd_finding_list *list, size_t captured)
{
    if (list->count > IKD_MAX_FINDINGS)
        abort();
    for (uint32_t i = 0; i < list->count; i++) {
        const ikd_finding *f = &list->items[i];
        const ikd_finding_info *info = ikd_finding_lookup((ikd_finding_id)f->id);
        if (!info || f->offset > captured || f->length > captured - f->offset)
            abort();
        char text[96];
        ikd_finding_render(info->detail, f, text, sizeof text);
        ikd_finding_render(info->cisco, f, text, sizeof text);
    }
}

/* SCEP's readers: whatever they return stays inside their buffers. */
static void read_scep(const uint8_t *data, size_t size)
{
    static ikd_scep_attributes attrs;
    (void)ikd_scep_read_attributes(data, size, &attrs);
    if (attrs.sender_nonce_len > IKD_SCEP_NONCE_MAX || attrs.recipient_nonce_len > IKD_SCEP_NONCE_MAX ||
        strlen(attrs.transaction_id) >= sizeof attrs.transaction_id)
        abort();
    static ikd_scep_ca_cert certs[IKD_SCEP_MAX_CA_CERTS];
    if (ikd_scep_read_ca_certs(data, size, certs, IKD_SCEP_MAX_CA_CERTS) > IKD_SCEP_MAX_CA_CERTS)
        abort();
    char caps[64];
    ikd_scep_capabilities_text(data, size, caps, sizeof caps);
    if (strlen(caps) >= sizeof caps)
        abort();
    char *query = g_strndup((const char *)data, size); /* the plugin hands over a C string */
    GBytes *der = ikd_scep_decode_get_message(query, 4096);
    if (der)
        g_bytes_unref(der);
    g_free(query);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t mode = data[0];
    data++;
    size--;
    ikd_transport transport = (ikd_transport)(mode & 3);
    size_t captured = size;
    size_t reported = size;
    if (mode & 4)
        reported += (size_t)(mode >> 3) * 64; /* the snap length cut the message */

    ikd_message msg;
    ikd_message_read(data, captured, reported, transport, &msg);
    if (msg.findings.count > IKD_MAX_FINDINGS || msg.payload_count > IKD_MAX_PAYLOADS)
        abort();
    check_findings(&msg.findings, captured);

    static ikd_v2_message v2, inner; /* large: kept off the stack */
    ikd_v2_message_read(data, captured, reported, transport, &v2);
    if (v2.payload_count > IKD_V2_MAX_PAYLOADS || v2.notify_count > IKD_V2_MAX_NOTIFIES ||
        v2.sa.proposal_count > IKD_V2_MAX_PROPOSALS || v2.sa.transform_count > IKD_V2_MAX_TRANSFORMS)
        abort();
    check_findings(&v2.findings, captured);
    if (!v2.has_sk && size) /* let the input pick the first inner payload */
        v2.sk_next_payload = data[0];
    ikd_v2_message_read_decrypted(&v2, data, size, &inner);
    check_findings(&inner.findings, size);
    ikd_v2_message_read_reassembled(&v2, size ? data[0] : 0, data, size, &inner);
    check_findings(&inner.findings, size);
    static ikd_cert_info cert; /* GnuTLS's X.509 reader behind ikd_cert_parse: CERT payloads are hostile too */
    (void)ikd_cert_parse(data, size, &cert);
    read_scep(data, size);
    /* a CRL fetched over HTTP is hostile as well (common/crl.h), and so is a URL from a certificate */
    static ikd_crl_info crl;
    (void)ikd_crl_read(data, size, &crl);
    (void)ikd_crl_lists_serial(data, size, "0A1B2C");
    /* an OCSP request or response over HTTP too (common/ocsp.h), about tests/unit/data/gw-2026-2027.der's serial */
    static ikd_cert_info asked = { .serial = "0A1B2C" };
    static ikd_ocsp_answer ocsp;
    char ocsp_text[256];
    if (ikd_ocsp_read_response(data, size, &asked, &ocsp))
        (void)ikd_ocsp_answer_text(&ocsp, ocsp_text, sizeof ocsp_text);
    (void)ikd_ocsp_request_asks(data, size, &asked);
    char url[256];
    size_t n = size < sizeof url - 1 ? size : sizeof url - 1;
    memcpy(url, data, n);
    url[n] = '\0';
    const ikd_address server = { 4, { 192, 0, 2, 80 } };
    (void)ikd_url_names_server(url, &server, 8080);
    return 0;
}
