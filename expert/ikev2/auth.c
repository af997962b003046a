/* ikediag - IKE_AUTH's decrypted payloads: each side's AUTH method, EAP
 * rounds and their outcome (RFC 7296 2.16), AUTHENTICATION_FAILED, and the
 * child SA the exchange sets up or refuses while the IKE SA comes up
 * anyway (1.2).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/payloads.h"

#include "core/byte_reader.h"
#include "ikev2/eap.h"
#include "ikev2/ikev2_names.h"

enum { GENERIC_HEADER = 4 };

/* Child SA errors: the IKE SA is up without a child (RFC 7296 1.2). */
static bool is_child_error(uint16_t type)
{
    return type == IKD_V2_N_NO_PROPOSAL_CHOSEN || type == IKD_V2_N_TS_UNACCEPTABLE ||
           type == IKD_V2_N_SINGLE_PAIR_REQUIRED || type == IKD_V2_N_INTERNAL_ADDRESS_FAILURE ||
           type == IKD_V2_N_FAILED_CP_REQUIRED;
}

static uint16_t child_error(const ikd_v2_message *view)
{
    for (uint32_t i = 0; i < view->notify_count; i++)
        if (is_child_error(view->notifies[i].type))
            return view->notifies[i].type;
    return 0;
}

static void learn_eap(ikd_v2_sa *v2, const ikd_v2_body *m, bool response, uint32_t frame)
{
    ikd_v2_eap_message eap;
    if (!ikd_v2_eap_read(m, &eap))
        return;
    ikd_v2_eap *e = &ikd_v2_ra_record(v2)->eap; /* an EAP payload: remote access */
    e->rounds += response && e->rounds < UINT8_MAX;
    if (eap.code == IKD_EAP_REQUEST && eap.type != IKD_EAP_TYPE_IDENTITY)
        e->method = eap.type;
    if (eap.code == IKD_EAP_SUCCESS || eap.code == IKD_EAP_FAILURE)
        e->outcome = eap.code;
    if (eap.code == IKD_EAP_FAILURE || (eap.mschapv2_failure && !e->mschapv2_failed))
        e->failure_frame = frame;
    if (eap.mschapv2_failure) {
        e->mschapv2_failed = true;
        e->mschapv2_error = eap.mschapv2_error;
    }
}

static void learn_response(ikd_v2_sa *v2, ikd_v2_exchange *x, int sender, const ikd_v2_body *m,
                           const ikd_packet *p)
{
    const ikd_v2_message *view = m->view;
    if (ikd_v2_message_notify(view, IKD_V2_N_AUTHENTICATION_FAILED)) {
        x->error = IKD_V2_N_AUTHENTICATION_FAILED;
        v2->auth_failed = true;
        v2->auth_failed_by = (uint8_t)sender;
        v2->auth_failed_frame = p->frame;
        ikd_v2_mark_deleted(v2, sender, p->frame);
        return;
    }
    uint16_t error = child_error(view);
    x->error = error;
    ikd_v2_child_response(v2, x->requester, m, error, p->frame);
    /* The last IKE_AUTH response carries AUTH and no EAP: the responder's
     * own AUTH in the first response of an EAP exchange comes with EAP. */
    if (ikd_v2_message_has_payload(view, IKD_V2_PL_AUTH) && !ikd_v2_message_has_payload(view, IKD_V2_PL_EAP))
        ikd_v2_mark_ready(v2, p->frame, p->time);
}

void ikd_v2_learn_auth(ikd_v2_sa *v2, ikd_v2_exchange *x, int sender, bool response, const ikd_v2_body *m,
                       const ikd_packet *p)
{
    (void)sender; /* the AUTH method itself is noted by chosen.c */
    learn_eap(v2, m, response, p->frame);
    if (response)
        learn_response(v2, x, sender, m, p);
    else
        ikd_v2_child_request(v2, x->requester, m, p->frame);
}
