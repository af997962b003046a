/* ikediag - phase-2 offers and choices.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/quick_mode_proposals.h"

#include "ikev1/decrypted.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/ios_phase2_walk.h"
#include "ikev1/proxy_ids.h"

#include <glib.h>
#include <string.h>

typedef struct {
    ikd_quick_mode *qm;
    ikd_phase2_transform chosen;
    uint32_t chosen_count;
} phase2_walk;

static void note_offer(void *ctx, const ikd_phase2_transform *t)
{
    phase2_walk *w = ctx;
    ikd_phase2_transform *slot = ikd_v1_qm_add_offer(w->qm);
    if (slot)
        *slot = *t;
}

static void note_choice(void *ctx, const ikd_phase2_transform *t)
{
    phase2_walk *w = ctx;
    if (!w->chosen_count++)
        w->chosen = *t;
}

/* The weak choices of a quick mode's chosen transform, as IKD_WEAK_P2_* bits. */
static unsigned phase2_weaknesses(const ikd_phase2_transform *t)
{
    unsigned weak = 0;
    if (t->protocol == IKD_PROTO_ESP) {
        if (t->transform_id >= IKD_ESP_DES_IV64 && t->transform_id <= IKD_ESP_DES_IV32)
            weak |= IKD_WEAK_P2_ENCRYPTION;
        if (t->transform_id == IKD_ESP_NULL)
            weak |= IKD_WEAK_P2_NULL;
        if (t->auth == IKD_P2_AUTH_HMAC_MD5)
            weak |= IKD_WEAK_P2_HASH;
    } else if (t->protocol == IKD_PROTO_AH && t->transform_id == IKD_AH_MD5) {
        weak |= IKD_WEAK_P2_HASH;
    }
    return weak;
}

static void check_weak_phase2(const ikd_v1_event *ev, const ikd_phase2_transform *chosen)
{
    static const struct {
        unsigned weakness;
        ikd_finding_id finding;
    } findings[] = {
        { IKD_WEAK_P2_ENCRYPTION, IKD_F_WEAK_P2_ENCRYPTION },
        { IKD_WEAK_P2_NULL, IKD_F_P2_NO_ENCRYPTION },
        { IKD_WEAK_P2_HASH, IKD_F_WEAK_P2_HASH },
    };
    unsigned weak = phase2_weaknesses(chosen);
    if (!weak)
        return;
    ikd_v1_sa *v1 = ev->sa;
    uint32_t args[IKD_FINDING_ARGS] = { 0 };
    ikd_proposal_pack(&ikd_phase2_kind, chosen, &args[0]);
    for (size_t i = 0; i < sizeof findings / sizeof findings[0]; i++)
        if (weak & findings[i].weakness)
            ikd_findings_add_args(&ev->ann->findings, findings[i].finding, 0, 0, args);
    v1->sa.weaknesses |= weak;
    ikd_v1_rare(ev->ctx->records, v1)->chosen_phase2 = *chosen;
}

/* QM2's choice against QM1's offer: the closest offered transform, and
 * what the choice changed from it. */
static void check_phase2_choice(const ikd_quick_mode *qm, const phase2_walk *w, ikd_annotation *ann)
{
    const ikd_qm_decrypted *d = ikd_v1_qm_decrypted_const(qm);
    const ikd_proposal_list offers = { d->offers, d->offer_count, sizeof d->offers[0] };
    const ikd_proposal_match m = ikd_proposal_closest(&ikd_phase2_kind, &w->chosen, offers);
    if (d->offer_count && m.differences)
        ikd_findings_add(&ann->findings, IKD_F_PHASE2_NOT_OFFERED, 0, 0, w->chosen.proposal_number,
                         w->chosen.transform_number, m.differences, 0);
}

/* The SPI the initiator offered with the chosen proposal: the one it receives on. */
static uint32_t initiator_spi_for(const ikd_quick_mode *qm, const ikd_phase2_transform *chosen)
{
    const ikd_qm_decrypted *d = ikd_v1_qm_decrypted_const(qm);
    for (uint32_t i = 0; i < d->offer_count; i++)
        if (d->offers[i].proposal_number == chosen->proposal_number && d->offers[i].protocol == chosen->protocol)
            return d->offers[i].spi;
    return 0;
}

static void read_offer(const ikd_packet *p, size_t sa_offset, ikd_quick_mode *qm)
{
    phase2_walk w = { qm, { 0 }, 0 };
    if (qm->decrypted)
        qm->decrypted->offer_count = 0; /* read again */
    ikd_phase2_transforms(p->decrypted, p->decrypted_len, sa_offset, note_offer, &w);
}

static void read_choice(const ikd_v1_event *ev, size_t sa_offset, ikd_quick_mode *qm)
{
    const ikd_packet *p = ev->packet;
    phase2_walk w = { qm, { 0 }, 0 };
    if (!ikd_phase2_transforms(p->decrypted, p->decrypted_len, sa_offset, note_choice, &w))
        return;
    ikd_qm_decrypted *d = ikd_v1_qm_decrypted(qm);
    d->chosen = w.chosen;
    d->chosen_known = true;
    d->initiator_spi = initiator_spi_for(qm, &w.chosen);
    for (int side = 0; side < 2; side++) { /* SPI 0 is reserved: a DELETE never names it */
        uint32_t spi = side ? d->initiator_spi : d->chosen.spi;
        if (spi)
            ikd_key_chains_add(ev->ctx->phase2_spis, spi, qm, ev->sa->sa.conn_id);
    }
    check_phase2_choice(qm, &w, ev->ann);
    check_weak_phase2(ev, &w.chosen);
}

/* QM1's offer through the router's crypto maps, as IOS would check it; the
 * walk's text goes with QM1. Without ID payloads the proxies are the peers. */
static void walk_router_policy(const ikd_v1_event *ev, ikd_quick_mode *qm)
{
    const ikd_ios_config *config = ev->ctx->ios_config;
    if (!config || !ikd_v1_qm_decrypted_const(qm)->offer_count || !ikd_ios_config_crypto_map_count(config))
        return;
    ikd_proxy_id hosts[2];
    memset(hosts, 0, sizeof hosts);
    hosts[0].kind = hosts[1].kind = IKD_PROXY_ADDRESS;
    hosts[0].first = ev->packet->src;
    hosts[1].first = ev->packet->dst;
    GString *debug = g_string_new(NULL);
    ikd_p2_walk_result r;
    ikd_qm_decrypted *d = ikd_v1_qm_decrypted(qm);
    ikd_ios_phase2_walk(config, d->offers, d->offer_count, d->ids_known ? d->ids : hosts, &ev->packet->src, debug, &r);
    d->policy_outcome = r.outcome;
    d->policy_line = r.line;
    g_free(ev->ann->ios_walk);
    ev->ann->ios_walk = g_string_free(debug, FALSE);
}

/* The message's own proxies, from the sender's side: QM1 comes from the
 * quick-mode initiator (its own is IDci), QM2 from the responder (IDcr). */
static void note_proxy_fields(ikd_step step, const ikd_proxy_id ids[2], ikd_annotation *ann)
{
    int own = step == IKD_STEP_QM1 ? 0 : 1;
    ann->rare.local_id = ids[own];
    ann->rare.remote_id = ids[1 - own];
}

void ikd_v1_read_phase2_proposals(const ikd_v1_event *ev, ikd_quick_mode *qm, bool resend)
{
    ikd_message *inner = g_new(ikd_message, 1);
    const ikd_message *content = ikd_v1_readable_content(ev, inner);
    const ikd_payload_ref *pl = content ? ikd_message_payload(content, IKD_PL_SA) : NULL;
    const ikd_packet *p = ev->packet;
    ikd_step step = ev->ann->result.step;
    ikd_proxy_id ids[2];
    bool have_ids = content && ikd_v1_read_proxy_ids(content, p->decrypted, p->decrypted_len, ids);
    if (have_ids && (step == IKD_STEP_QM1 || step == IKD_STEP_QM2))
        note_proxy_fields(step, ids, ev->ann);
    if (content && !resend && (step == IKD_STEP_QM1 || !ikd_v1_qm_decrypted_const(qm)->ids_known)) {
        ikd_qm_decrypted *d = ikd_v1_qm_decrypted(qm);
        d->ids_known = have_ids;
        if (have_ids)
            memcpy(d->ids, ids, sizeof d->ids);
    }
    if (pl && pl->offset >= IKD_ISAKMP_HEADER_LEN && !resend) {
        size_t offset = pl->offset - IKD_ISAKMP_HEADER_LEN; /* the plaintext starts after the header */
        if (step == IKD_STEP_QM1) {
            read_offer(p, offset, qm);
            walk_router_policy(ev, qm);
        }
        else if (step == IKD_STEP_QM2)
            read_choice(ev, offset, qm);
    }
    g_free(inner);
}

void ikd_v1_list_refused_phase2_offer(const ikd_quick_mode *qm, ikd_annotation *ann)
{
    const ikd_qm_decrypted *d = ikd_v1_qm_decrypted_const(qm);
    for (uint32_t i = 0; i < d->offer_count; i++) {
        uint32_t args[IKD_FINDING_ARGS] = { d->offers[i].proposal_number, 0, 0, 0, 0 };
        ikd_proposal_pack(&ikd_phase2_kind, &d->offers[i], &args[1]);
        ikd_findings_add_args(&ann->findings, IKD_F_PHASE2_OFFERED, 0, 0, args);
    }
}
