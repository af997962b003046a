/* ikediag - IKEv1 CERT and CERTREQ payloads (RFC 2408 3.9, 3.10): CERT in clear in aggressive
 * mode, in Wireshark's decryption of MM5/MM6 (and AM3), CERTREQ in MM3/MM4 too; handed to
 * common/cert_notes. Also flags a decryption that does not parse.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V1_CERT_PAYLOADS_H
#define IKD_V1_CERT_PAYLOADS_H

#include "ikev1/event.h"

/* For a phase-1 (or other non-quick, non-informational) message. */
void ikd_v1_read_certificates(const ikd_v1_event *ev);

#endif
