/* ikediag - IKEv2 CERT payloads.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/cert_payloads.h"

#include "common/cert_notes.h"
#include "ikev2/ikev2_names.h"

enum { GENERIC_HEADER = 4 };

void ikd_v2_note_certificates(ikd_v2_sa *v2, const ikd_packet *p, const ikd_v2_message *msg,
                              const ikd_v2_message *inner, ikd_annotation *ann)
{
    if (!v2 || !inner || !p->decrypted)
        return;
    int sender = (msg->flags & IKD_V2_FLAG_INITIATOR) ? 0 : 1;
    for (uint32_t i = 0; i < inner->payload_count; i++) {
        const ikd_v2_payload_ref *ref = &inner->payloads[i];
        if (ref->type != IKD_V2_PL_CERT || ref->length <= GENERIC_HEADER ||
            (size_t)ref->offset + ref->length > p->decrypted_len)
            continue;
        ikd_cert_note(&v2->sa, sender, p->decrypted + ref->offset + GENERIC_HEADER, ref->length - GENERIC_HEADER,
                      p, ann, msg->sk_offset, msg->sk_length);
    }
}
