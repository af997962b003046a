/* ikediag - IKEv2 payloads into the SA: dispatch, CREATE_CHILD_SA.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/payloads.h"

#include "ikev2/ikev2_names.h"

#include <string.h>

enum { IKE_SPI = 8 };

const ikd_v2_body *ikd_v2_payloads_of(const ikd_v2_read *m, uint8_t exchange)
{
    if (exchange == IKD_V2_EX_SA_INIT)
        return m->clear.view ? &m->clear : NULL;
    return m->inner.view ? &m->inner : NULL;
}

/* An SA proposal for protocol IKE with an 8-byte SPI: this CREATE_CHILD_SA
 * rekeys the IKE SA (RFC 7296 1.3.2). */
static const ikd_v2_proposal *ike_proposal(const ikd_v2_message *view)
{
    const ikd_v2_proposal *p = view->sa.present && view->sa.proposal_count ? &view->sa.proposals[0] : NULL;
    return p && p->protocol == IKD_V2_PROTO_IKE && p->spi_size == IKE_SPI ? p : NULL;
}

/* The new IKE SA's SPIs: the requester becomes its initiator, so the
 * request's SPI is the new SPIi and the response's the new SPIr. */
static void create_child_sa(ikd_v2_sa *v2, ikd_v2_exchange *x, bool response, const ikd_v2_body *m,
                            const ikd_packet *p)
{
    const ikd_v2_proposal *ike = ike_proposal(m->view);
    uint16_t error = response ? ikd_v2_first_error(m->view) : 0;
    x->error = error;
    if (ike) {
        memcpy(v2->rekey_spi[response ? 1 : 0], ike->spi, IKE_SPI);
        if (response) {
            v2->rekey_seen = true;
            v2->rekey_frame = p->frame;
        }
    } else if (response) {
        ikd_v2_child_response(v2, x->requester, m, error, p->frame);
    } else {
        ikd_v2_child_request(v2, x->requester, m, p->frame);
    }
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
