/* ikediag - phase-1 offers and choices.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/phase1_proposals.h"

#include "ikev1/ikev1_names.h"
#include "ikev1/ios_debug.h"
#include "ikev1/transform_memo.h"

/* Diffie-Hellman groups too small for today (RFC 8247 2.4), with their sizes in bits. */
static const struct {
    uint16_t group, bits;
} weak_groups[] = { { 1, 768 }, { 2, 1024 }, { 5, 1536 }, { 22, 1024 } };

/* An MM1's or AM1's offer as it is read, before it joins the pool. */
typedef struct {
    ikd_transform_entry entries[IKD_MAX_OFFERS];
    unsigned count;
    bool dropped; /* more ISAKMP transforms than IKD_MAX_OFFERS */
} offer_reading;

static void note_offer(void *ctx, const ikd_transform_entry *entry)
{
    offer_reading *r = ctx;
    if (entry->protocol != IKD_PROTO_ISAKMP)
        return;
    if (r->count < IKD_MAX_OFFERS)
        r->entries[r->count++] = *entry;
    else
        r->dropped = true;
}

typedef struct {
    ikd_transform_entry first;
    uint32_t count;
} choice;

static void note_choice(void *ctx, const ikd_transform_entry *entry)
{
    choice *c = ctx;
    if (!c->count++)
        c->first = *entry;
}

static bool weak_encryption(const ikd_transform *t)
{
    return t->encryption == IKD_ENCR_DES || t->encryption == IKD_ENCR_3DES;
}

static bool weak_hash(const ikd_transform *t)
{
    return t->hash == IKD_HASH_MD5;
}

static void check_weak_crypto(ikd_v1_sa *v1, ikd_annotation *ann)
{
    const ikd_transform *t = ikd_v1_chosen_or_none(v1);
    ikd_finding_list *out = &ann->findings;
    uint8_t *weak = &v1->sa.weaknesses;
    if (weak_encryption(t)) {
        ikd_findings_add(out, IKD_F_WEAK_ENCRYPTION, 0, 0, (uint32_t)t->encryption << 16 | t->key_length, 0, 0, 0);
        *weak |= IKD_WEAK_ENCRYPTION;
    }
    if (weak_hash(t)) {
        ikd_findings_add(out, IKD_F_WEAK_HASH, 0, 0, t->hash, 0, 0, 0);
        *weak |= IKD_WEAK_HASH;
    }
    for (size_t i = 0; i < sizeof weak_groups / sizeof weak_groups[0]; i++)
        if (t->group == weak_groups[i].group) {
            ikd_findings_add(out, IKD_F_WEAK_GROUP, 0, 0, t->group, weak_groups[i].bits, 0, 0);
            *weak |= IKD_WEAK_GROUP;
        }
    if (v1->mode == IKD_EX_AGGRESSIVE && ikd_auth_is_psk(t->auth)) {
        ikd_findings_add(out, IKD_F_AGGRESSIVE_PSK, 0, 0, 0, 0, 0, 0);
        *weak |= IKD_WEAK_AGGRESSIVE_PSK;
    }
}

/* A transform with DES/3DES, MD5 or DH group 1, 2 or 5: what IOS-XE 17 and
 * recent strongSwan refuse by default. */
static bool transform_is_weak(const ikd_transform *t)
{
    /* DH groups 1, 2 and 5 only: group 22, flagged when chosen, is left out of the offer rule. */
    return weak_encryption(t) || weak_hash(t) || t->group == 1 || t->group == 2 || t->group == 5;
}

/* True when the whole offer (every transform of it, all of them kept) is weak:
 * no transform is free of weak algorithms. */
static bool offer_only_weak(const ikd_v1_sa *v1)
{
    if (!ikd_v1_offer_count(v1) || ikd_v1_offers_dropped(v1))
        return false;
    const ikd_transform_entry *offered = ikd_v1_offers(v1);
    for (uint32_t i = 0; i < ikd_v1_offer_count(v1); i++)
        if (!transform_is_weak(&offered[i].attributes))
            return false;
    return true;
}

/* The responder's answer against the initiator's offer: exactly one
 * transform, one that was offered, and what it changed. */
static void check_choice(const ikd_v1_sa *v1, const choice *c, ikd_annotation *ann)
{
    ikd_finding_list *out = &ann->findings;
    if (c->count > 1)
        ikd_findings_add(out, IKD_F_MULTIPLE_CHOSEN, 0, 0, c->count, 0, 0, 0);
    if (!ikd_v1_offer_count(v1))
        return;
    const ikd_transform *chosen = &c->first.attributes;
    const ikd_transform_entry *offered = ikd_v1_offers(v1);
    const ikd_proposal_list offers = { &offered[0].attributes, ikd_v1_offer_count(v1), sizeof offered[0] };
    const ikd_proposal_match m = ikd_proposal_closest(&ikd_phase1_kind, chosen, offers);
    const ikd_transform_entry *closest = &offered[m.index];
    if (m.differences) {
        ikd_findings_add(out, IKD_F_NOT_OFFERED, 0, 0, c->first.transform_number, closest->transform_number,
                         m.differences, 0);
    } else if (chosen->life_seconds && closest->attributes.life_seconds > chosen->life_seconds) {
        ikd_findings_add(out, IKD_F_LIFETIME_LOWERED, 0, 0, chosen->life_seconds, closest->attributes.life_seconds,
                         0, 0);
    }
}

/* The offer as the router whose configuration was given would judge it.
 * Without a policy there is nothing to judge by (IOS would fall back on
 * default policies ikediag does not model): no finding rather than a false
 * "refused" on every offer. */
static void walk_router_policy(const ikd_v1_event *ev)
{
    const ikd_v1_sa *v1 = ev->sa;
    const ikd_ios_config *config = ev->ctx->ios_config;
    if (!config || !ikd_ios_config_policy_count(config) || !ikd_v1_offer_count(v1))
        return;
    ikd_finding_list *out = &ev->ann->findings;
    GString *debug = g_string_new(NULL);
    ikd_ios_walk_result result;
    ikd_ios_mismatch mismatch[IKD_MAX_OFFERS];
    const ikd_transform_entry *offered = ikd_v1_offers(v1);
    ikd_ios_walk(config, offered, ikd_v1_offer_count(v1), debug, &result, mismatch);
    for (uint32_t i = 0; i < ikd_v1_offer_count(v1); i++)
        if (mismatch[i] != IKD_IOS_MISMATCH_NONE)
            ikd_findings_add(out, IKD_F_POLICY_MISMATCH, 0, 0, offered[i].transform_number, mismatch[i], 0, 0);
    if (result.accepted)
        ikd_findings_add(out, IKD_F_POLICY_ACCEPTED, 0, 0, result.transform_number, result.policy_priority, 0, 0);
    else
        ikd_findings_add(out, IKD_F_POLICY_REFUSED, 0, 0, ikd_v1_offer_count(v1),
                         ikd_ios_config_policy_count(config), 0, 0);
    ev->ann->ios_walk = g_string_free(debug, FALSE);
}

void ikd_v1_read_phase1_proposals(const ikd_v1_event *ev)
{
    const ikd_payload_ref *pl = ikd_message_payload(ev->msg, IKD_PL_SA);
    ikd_step step = ev->ann->result.step;
    ikd_v1_sa *v1 = ev->sa;
    const ikd_packet *p = ev->packet;
    if (!pl)
        return;
    if (step == IKD_STEP_MM1 || step == IKD_STEP_AM1) {
        offer_reading r; /* entries written before read: zeroing its 768 bytes was 100 instructions an MM1 */
        r.count = 0;
        r.dropped = false;
        ikd_sa_payload_transforms_remembered(p->bytes, p->captured_len, pl->offset, note_offer, &r);
        /* An MM1 sent again is read again: its new offer held before the old is
         * let go, so that an offer only this SA holds is not freed and made anew. */
        const ikd_v1_offer *offer = r.count ? ikd_v1_offer_hold(ev->ctx->offers, r.entries, r.count, r.dropped) : NULL;
        ikd_v1_offer_release(v1->offer);
        v1->offer = offer;
        if (offer_only_weak(v1))
            ikd_findings_add(&ev->ann->findings, IKD_F_OFFER_ONLY_WEAK, 0, 0, ikd_v1_offer_count(v1), 0, 0, 0);
        walk_router_policy(ev);
    } else if (step == IKD_STEP_MM2 || step == IKD_STEP_AM2) {
        choice c = { .count = 0 };
        ikd_sa_payload_transforms_remembered(p->bytes, p->captured_len, pl->offset, note_choice, &c);
        if (!c.count)
            return;
        ikd_v1_set_chosen(ev->ctx->records, v1, &c.first.attributes);
        check_choice(v1, &c, ev->ann);
        check_weak_crypto(v1, ev->ann);
    }
}

void ikd_v1_list_refused_offer(const ikd_v1_event *ev)
{
    const ikd_v1_sa *v1 = ev->sa;
    if (offer_only_weak(v1)) /* first: a long offer's list may fill the message's findings */
        ikd_findings_add(&ev->ann->findings, IKD_F_REFUSED_WEAK_OFFER, 0, 0, 0, 0, 0, 0);
    const ikd_transform_entry *offered = ikd_v1_offers(v1);
    for (uint32_t i = 0; i < ikd_v1_offer_count(v1); i++) {
        uint32_t args[IKD_FINDING_ARGS] = { offered[i].transform_number, 0, 0, 0, 0 };
        ikd_proposal_pack(&ikd_phase1_kind, &offered[i].attributes, &args[1]);
        ikd_findings_add_args(&ev->ann->findings, IKD_F_OFFERED_TRANSFORM, 0, 0, args);
    }
}
