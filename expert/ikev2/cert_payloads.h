/* ikediag - IKEv2 CERT and CERTREQ payloads (RFC 7296 3.6, 3.7): CERTREQ
 * in clear in IKE_SA_INIT, both in Wireshark's decryption of IKE_AUTH (or a
 * message rebuilt from SKF fragments); handed to common/cert_notes.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_CERT_PAYLOADS_H
#define IKD_V2_CERT_PAYLOADS_H

#include "common/annotation.h"
#include "ikev2/ikev2_sa.h"
#include "ikev2/message_view.h"

/* inner: the decrypted view of msg, or NULL. */
void ikd_v2_note_certificates(ikd_v2_sa *v2, const ikd_packet *p, const ikd_v2_message *msg,
                              const ikd_v2_message *inner, ikd_annotation *ann);

#endif
