/* ikediag - INFORMATIONAL's decrypted payloads: liveness checks (an empty
 * request, RFC 7296 1.4), deletes of the IKE SA or its children, and an
 * AUTHENTICATION_FAILED sent after IKE_AUTH (the initiator refusing the
 * responder's authentication or giving up on EAP).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/payloads.h"

#include "ikev2/ikev2_names.h"

static void learn_delete(ikd_v2_sa *v2, int sender, const ikd_v2_body *m, uint32_t frame)
{
    if (!m->view->has_delete)
        return;
    if (m->view->delete_protocol == IKD_V2_PROTO_IKE)
        ikd_v2_mark_deleted(v2, sender, frame);
    else
        ikd_v2_child_delete(v2, m, frame);
}

void ikd_v2_learn_informational(ikd_v2_sa *v2, ikd_v2_exchange *x, int sender, bool response,
                                const ikd_v2_body *m, const ikd_packet *p)
{
    const ikd_v2_message *view = m->view;
    if (!response && view->payloads_seen == 0)
        x->liveness = true;
    uint16_t error = ikd_v2_first_error(view);
    if (error && !x->error)
        x->error = error;
    if (error == IKD_V2_N_AUTHENTICATION_FAILED && !v2->auth_failed) {
        v2->auth_failed = true;
        v2->auth_failed_by = (uint8_t)sender;
        v2->auth_failed_frame = p->frame;
        v2->sa.established_frame = 0; /* the responder's AUTH was refused: never up */
        ikd_v2_mark_deleted(v2, sender, p->frame);
    }
    learn_delete(v2, sender, m, p->frame);
}
