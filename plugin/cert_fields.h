/* ikediag - the certificates a message carried, as fields under
 * ikediag.cert: kept from the engine's annotation for every later pass and
 * shown one subtree per certificate.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_CERT_FIELDS_H
#define IKEDIAG_CERT_FIELDS_H

#include "ws_compat.h"

#include <epan/packet.h>

#include "common/annotation.h"
#include "common/certificate.h"
#include "common/sa.h"

/* A CA a CERTREQ asked for: a name (IKEv1; "" for any CA) or the SHA-1 of
 * its public key (IKEv2), and the certificate in the capture with that key. */
typedef struct {
    gboolean by_key;
    char name[IKD_CERT_NAME];
    char key_id[41];
    char key_owner[IKD_CERT_NAME];
} ikediag_ca_request;

typedef struct {
    guint count;
    ikd_cert_info *certs;
    guint request_count;
    ikediag_ca_request *requests;
} ikediag_certs;

void ikediag_cert_fields_register(int proto);
/* Copies the annotation's certificates and requested CAs into scope; sa
 * (may be NULL) names the certificates a requested key belongs to. */
void ikediag_certs_keep(wmem_allocator_t *scope, const ikd_annotation *a, const ikd_sa *sa, ikediag_certs *out);
/* sender: who sent the message (and so the certificates). */
void ikediag_certs_render(const ikediag_certs *certs, ikd_role sender, proto_tree *tree, tvbuff_t *tvb, gint start);

#endif
