/* ikediag - IKEv2 payloads into the SA: dispatch, CREATE_CHILD_SA.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/payloads.h"

#include "ikev2/ikev2_names.h"
#include "ikev2/rekey.h"

const ikd_v2_body *ikd_v2_payloads_of(const ikd_v2_read *m, uint8_t exchange)
{
    if (exchange == IKD_V2_EX_SA_INIT)
        return m->clear.view ? &m->clear : NULL;
    return m->inner.view ? &m->inner : NULL;
}

/* A child SA proposed, answered or refused, or the IKE SA rekeyed (rekey.c). */
static void create_child_sa(ikd_v2_sa *v2, ikd_v2_exchange *x, bool response, const ikd_v2_body *m,
                            const ikd_packet *p)
{
    uint16_t error = response ? ikd_v2_first_error(m->view) : 0;
    x->error = error;
    if (!response && !ikd_v2_rekey_request(v2, x, m))
        ikd_v2_child_request(v2, x->requester, m, p->frame);
    else if (response && !ikd_v2_rekey_response(v2, x, m))
        ikd_v2_child_response(v2, x->requester, m, error, p->frame);
}

void ikd_v2_learn(ikd_v2_sa *v2, ikd_v2_exchange *x, int sender, bool response, const ikd_v2_read *m,
                  const ikd_packet *p)
{
    if (x->exchange == IKD_V2_EX_AUTH && !response && p->reported_len > v2->auth_request_bytes)
        v2->auth_request_bytes = (uint32_t)p->reported_len; /* the size matters, read or not */
    if (x->exchange == IKD_V2_EX_AUTH && response) {
        v2->auth_response_bytes = (uint32_t)p->reported_len;
        v2->auth_response_sk_bytes = m->clear.view && m->clear.view->has_sk ? m->clear.view->sk_length : 0;
    }
    ikd_v2_learn_payloads(v2, x, sender, response, m, p);
}

void ikd_v2_learn_payloads(ikd_v2_sa *v2, ikd_v2_exchange *x, int sender, bool response, const ikd_v2_read *m,
                           const ikd_packet *p)
{
    const ikd_v2_body *body = ikd_v2_payloads_of(m, x->exchange);
    if (!body)
        return;
    v2->decrypted |= body->view->decrypted;
    switch (x->exchange) {
    case IKD_V2_EX_SA_INIT: ikd_v2_learn_sa_init(v2, x, sender, response, body); break;
    case IKD_V2_EX_AUTH: ikd_v2_learn_auth(v2, x, sender, response, body, p); break;
    case IKD_V2_EX_CREATE_CHILD_SA: create_child_sa(v2, x, response, body, p); break;
    case IKD_V2_EX_INFORMATIONAL: ikd_v2_learn_informational(v2, x, sender, response, body, p); break;
    default: break;
    }
}
