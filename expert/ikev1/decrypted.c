/* ikediag - reading Wireshark's decryption of an IKEv1 message.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/decrypted.h"

#include <glib.h>

/* The payload a malformation of the decrypted payloads is about, if it names one. */
static uint32_t payload_named(const ikd_finding *f)
{
    bool names_payload = f->id == IKD_F_RESERVED_NOT_ZERO || f->id == IKD_F_UNKNOWN_PAYLOAD ||
                         f->id == IKD_F_PAYLOAD_TOO_SHORT || f->id == IKD_F_PAYLOAD_OVERRUN;
    return names_payload ? f->arg[0] : 0;
}

const ikd_message *ikd_v1_readable_content(const ikd_v1_event *ev, ikd_message *inner)
{
    const ikd_packet *p = ev->packet;
    if (!p->decrypted || !ev->msg->encrypted || ev->ann->result.retransmission)
        return NULL;
    ikd_message_read_decrypted(ev->msg, p->decrypted, p->decrypted_len, inner);
    for (uint32_t i = 0; i < inner->findings.count; i++) {
        const ikd_finding *f = &inner->findings.items[i];
        if (ikd_finding_lookup((ikd_finding_id)f->id)->group == IKD_GROUP_MALFORMED) {
            ikd_findings_add(&ev->ann->findings, IKD_F_DECRYPTED_GARBAGE, 0, 0, f->id, payload_named(f), 0, 0);
            return NULL;
        }
    }
    return inner;
}
