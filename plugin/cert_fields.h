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

typedef struct {
    guint count;
    ikd_cert_info *certs;
} ikediag_certs;

void ikediag_cert_fields_register(int proto);
/* Copies the annotation's certificates into scope. */
void ikediag_certs_keep(wmem_allocator_t *scope, const ikd_annotation *a, ikediag_certs *out);
/* sender: who sent the message (and so the certificates). */
void ikediag_certs_render(const ikediag_certs *certs, ikd_role sender, proto_tree *tree, tvbuff_t *tvb, gint start);

#endif
