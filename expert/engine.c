/* ikediag - the engine: places each message in its SA and exchange, and
 * keeps each side's Cisco state.
 *
 * How each side's state is inferred (cisco-ike-facts.md 1.6): a peer is in
 * the state of the last message it is known to have received. A message seen
 * on the wire is assumed delivered, until its sender's peer repeats the
 * message it answered: then the answer was lost on the way, and the state of
 * the side that missed it goes back. The SA's state is the less advanced of
 * the two sides; both are kept.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "engine_internal.h"
#include "ikev1_names.h"
#include "ios_debug.h"
#include "vendor_id.h"

#include <stdio.h>

#include <string.h>

guint64 ikd_message_key(uint32_t frame, uint32_t pdu)
{
    return (guint64)frame << 8 | (pdu & 0xff);
}

uint32_t ikd_elapsed_ms(double from, double to)
{
    double ms = (to - from) * 1000.0 + 0.5;
    if (ms < 0)
        return 0;
    return ms > 4e9 ? UINT32_MAX : (uint32_t)ms;
}

static void free_verdict_list(gpointer p)
{
    g_array_free((GArray *)p, TRUE);
}

static void free_sa_list(gpointer p)
{
    g_ptr_array_free((GPtrArray *)p, TRUE);
}

ikd_engine *ikd_engine_new(void)
{
    ikd_engine *e = g_new0(ikd_engine, 1);
    e->sas = g_ptr_array_new_with_free_func((GDestroyNotify)ikd_sa_free);
    e->by_icookie = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, free_sa_list);
    e->messages = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, g_free);
    e->verdicts = g_hash_table_new_full(g_int64_hash, g_int64_equal, g_free, free_verdict_list);
    return e;
}

void ikd_engine_free(ikd_engine *engine)
{
    if (!engine)
        return;
    g_hash_table_destroy(engine->verdicts);
    g_hash_table_destroy(engine->messages);
    g_hash_table_destroy(engine->by_icookie);
    g_ptr_array_free(engine->sas, TRUE);
    g_free(engine);
}

/* --- Bookkeeping shared by the steps ------------------------------------- */

static void remember_message(ikd_engine *e, const ikd_packet *p, ikd_sa *sa, int p1_step, int32_t qm_node,
                             int qm_step)
{
    guint64 *key = g_new(guint64, 1);
    *key = ikd_message_key(p->frame, p->pdu);
    ikd_message_ref *ref = g_new(ikd_message_ref, 1);
    ref->sa = sa;
    ref->p1_step = (int8_t)p1_step;
    ref->qm_node = qm_node;
    ref->qm_step = (int8_t)qm_step;
    g_hash_table_replace(e->messages, key, ref);
}

/* FNV-1a over a message's bytes: a resend is a byte-identical copy. */
static uint64_t message_hash(const ikd_packet *p)
{
    uint64_t h = 1469598103934665603ull;
    for (size_t i = 0; i < p->captured_len; i++)
        h = (h ^ p->bytes[i]) * 1099511628211ull;
    return h;
}

/* Records one copy of a step; returns true if it is a resend, and fills the
 * annotation and the retransmission finding. */
static bool record_copy(ikd_step_record *rec, const ikd_packet *p, ikd_annotation *ann, int phase)
{
    bool resend = rec->copies > 0;
    if (!resend) {
        rec->first_hash = message_hash(p);
        rec->first_frame = p->frame;
        rec->first_pdu = p->pdu;
        rec->first_time = p->time;
        rec->on_nat_t = p->transport == IKD_TRANSPORT_UDP_ENCAP;
    }
    if (resend && rec->gap_count < IKD_MAX_GAPS)
        rec->gaps[rec->gap_count++] = (float)(p->time - rec->last_time);
    rec->copies++;
    rec->last_frame = p->frame;
    rec->last_pdu = p->pdu;
    rec->last_time = p->time;
    if (resend) {
        ann->retransmission = rec->copies - 1;
        ann->original_frame = rec->first_frame;
        ann->since_original = p->time - rec->first_time;
        const uint32_t args[IKD_FINDING_ARGS] = { ann->step, ann->retransmission,
                                                  ikd_elapsed_ms(rec->first_time, p->time), rec->first_frame,
                                                  (uint32_t)phase };
        ikd_findings_add_args(&ann->msg.findings, IKD_F_RETRANSMISSION, 0, 0, args);
    }
    return resend;
}

/* Links an answer to the request it answers (the request's first copy). */
static void link_answer(ikd_step_record *request, const ikd_packet *p, ikd_annotation *ann)
{
    if (!request->copies)
        return;
    ann->response_to = request->first_frame;
    ann->since_request = p->time - request->first_time;
    if (!request->answer_frame)
        request->answer_frame = p->frame;
}

static void flag_response_lost(ikd_annotation *ann, ikd_step lost_step, uint32_t lost_frame, ikd_role missing)
{
    const uint32_t args[IKD_FINDING_ARGS] = { ann->step, lost_step, lost_frame, missing, 0 };
    ikd_findings_add_args(&ann->msg.findings, IKD_F_RESPONSE_LOST, 0, 0, args);
}

/* --- Phase 1 ------------------------------------------------------------- */

/* What tells one phase-1 message from another. */
typedef struct {
    bool encrypted;
    bool has_ke;
    bool has_sa;
} phase1_shape;

static phase1_shape shape_of(const ikd_message *m)
{
    phase1_shape s = { m->encrypted, ikd_message_has_payload(m, IKD_PL_KE), ikd_message_has_payload(m, IKD_PL_SA) };
    return s;
}

static ikd_step phase1_step(const ikd_sa *sa, phase1_shape m, int peer)
{
    if (sa->mode == IKD_EX_MAIN) {
        if (peer == 0)
            return m.encrypted ? IKD_STEP_MM5 : m.has_ke ? IKD_STEP_MM3 : IKD_STEP_MM1;
        return m.encrypted ? IKD_STEP_MM6 : m.has_ke ? IKD_STEP_MM4 : IKD_STEP_MM2;
    }
    if (peer == 0)
        return !m.encrypted && m.has_sa ? IKD_STEP_AM1 : IKD_STEP_AM3;
    return IKD_STEP_AM2;
}

static ikd_ios_state main_mode_state(int step_received_or_sent)
{
    static const ikd_ios_state by_step[7] = { IKD_IOS_MM_NO_STATE, IKD_IOS_MM_NO_STATE, IKD_IOS_MM_SA_SETUP,
                                              IKD_IOS_MM_SA_SETUP, IKD_IOS_MM_KEY_EXCH, IKD_IOS_MM_KEY_EXCH,
                                              IKD_IOS_QM_IDLE };
    return by_step[step_received_or_sent < 0 ? 0 : step_received_or_sent > 6 ? 6 : step_received_or_sent];
}

static void update_phase1_states(ikd_sa *sa)
{
    if (sa->mode == IKD_EX_MAIN) {
        sa->state_initiator = main_mode_state(sa->initiator_has);
        sa->state_responder = main_mode_state(sa->responder_sent);
        int top = sa->p1[6].copies ? 6 : sa->p1[5].copies ? 5 : sa->p1[4].copies ? 4 : sa->p1[3].copies ? 3
                : sa->p1[2].copies ? 2 : 1;
        sa->asa_state = top == 6 ? IKD_ASA_MM_ACTIVE : (ikd_asa_state)(IKD_ASA_MM_WAIT_MSG2 + top - 1);
    } else {
        bool am3 = sa->p1[3].copies > 0;
        sa->state_initiator = am3 ? IKD_IOS_QM_IDLE : sa->initiator_has >= 2 ? IKD_IOS_AG_INIT_EXCH : IKD_IOS_AG_NO_STATE;
        sa->state_responder = am3 ? IKD_IOS_QM_IDLE : sa->responder_sent >= 2 ? IKD_IOS_AG_INIT_EXCH : IKD_IOS_AG_NO_STATE;
        sa->asa_state = am3 ? IKD_ASA_AM_ACTIVE : sa->p1[2].copies ? IKD_ASA_AM_WAIT_MSG3 : IKD_ASA_AM_WAIT_MSG2;
    }
}

/* --- Proposals ----------------------------------------------------------- */

static void note_offer(void *ctx, const ikd_transform_entry *entry)
{
    ikd_sa *sa = ctx;
    if (entry->protocol != IKD_PROTO_ISAKMP)
        return;
    sa->offers_seen++;
    if (sa->offer_count < IKD_MAX_OFFERS)
        sa->offers[sa->offer_count++] = *entry;
}

typedef struct {
    ikd_transform_entry first;
    uint32_t count;
} choice;

int ikd_bit_count(unsigned v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

static void note_choice(void *ctx, const ikd_transform_entry *entry)
{
    choice *c = ctx;
    if (!c->count++)
        c->first = *entry;
}

static const ikd_payload_ref *sa_payload_of(const ikd_message *m)
{
    for (uint32_t i = 0; i < m->payload_count; i++)
        if (m->payloads[i].type == IKD_PL_SA)
            return &m->payloads[i];
    return NULL;
}

static void check_weak_crypto(ikd_sa *sa, ikd_annotation *ann)
{
    const ikd_transform *t = &sa->chosen;
    ikd_finding_list *out = &ann->msg.findings;
    if (t->encryption == 1 || t->encryption == 5) {
        ikd_findings_add(out, IKD_F_WEAK_ENCRYPTION, 0, 0, (uint32_t)t->encryption << 16 | t->key_length, 0, 0, 0);
        sa->weaknesses |= IKD_WEAK_ENCRYPTION;
    }
    if (t->hash == 1) {
        ikd_findings_add(out, IKD_F_WEAK_HASH, 0, 0, t->hash, 0, 0, 0);
        sa->weaknesses |= IKD_WEAK_HASH;
    }
    static const struct { uint16_t group, bits; } weak_groups[] = { { 1, 768 }, { 2, 1024 }, { 5, 1536 }, { 22, 1024 } };
    for (size_t i = 0; i < sizeof weak_groups / sizeof weak_groups[0]; i++)
        if (t->group == weak_groups[i].group) {
            ikd_findings_add(out, IKD_F_WEAK_GROUP, 0, 0, t->group, weak_groups[i].bits, 0, 0);
            sa->weaknesses |= IKD_WEAK_GROUP;
        }
    bool psk = t->auth == 1 || t->auth == 65001 || t->auth == 65002;
    if (sa->mode == IKD_EX_AGGRESSIVE && psk) {
        ikd_findings_add(out, IKD_F_AGGRESSIVE_PSK, 0, 0, 0, 0, 0, 0);
        sa->weaknesses |= IKD_WEAK_AGGRESSIVE_PSK;
    }
}

/* The responder's answer against the initiator's offer: exactly one
 * transform, one that was offered, and what it changed. */
static void check_choice(ikd_sa *sa, const choice *c, ikd_annotation *ann)
{
    ikd_finding_list *out = &ann->msg.findings;
    if (c->count > 1)
        ikd_findings_add(out, IKD_F_MULTIPLE_CHOSEN, 0, 0, c->count, 0, 0, 0);
    if (!sa->offer_count)
        return;
    const ikd_transform *chosen = &c->first.attributes;
    const ikd_transform_entry *closest = NULL;
    unsigned closest_diff = 0;
    for (uint32_t i = 0; i < sa->offer_count; i++) {
        unsigned diff = ikd_transform_differences(&sa->offers[i].attributes, chosen);
        if (!closest || ikd_bit_count(diff) < ikd_bit_count(closest_diff)) {
            closest = &sa->offers[i];
            closest_diff = diff;
        }
        if (!diff)
            break;
    }
    if (closest_diff) {
        ikd_findings_add(out, IKD_F_NOT_OFFERED, 0, 0, c->first.transform_number, closest->transform_number,
                         closest_diff, 0);
    } else if (chosen->life_seconds && closest->attributes.life_seconds > chosen->life_seconds) {
        ikd_findings_add(out, IKD_F_LIFETIME_LOWERED, 0, 0, chosen->life_seconds, closest->attributes.life_seconds,
                         0, 0);
    }
}

/* The offer as the router whose configuration was given would judge it. */
static void walk_router_policy(const ikd_engine *e, const ikd_sa *sa, ikd_annotation *ann)
{
    if (!e->ios_config || !sa->offer_count)
        return;
    GString *debug = g_string_new(NULL);
    ikd_ios_walk_result result;
    ikd_ios_mismatch mismatch[IKD_MAX_OFFERS];
    ikd_ios_walk(e->ios_config, sa->offers, sa->offer_count, debug, &result, mismatch);
    for (uint32_t i = 0; i < sa->offer_count; i++)
        if (mismatch[i] != IKD_IOS_MISMATCH_NONE)
            ikd_findings_add(&ann->msg.findings, IKD_F_POLICY_MISMATCH, 0, 0, sa->offers[i].transform_number,
                             mismatch[i], 0, 0);
    if (result.accepted)
        ikd_findings_add(&ann->msg.findings, IKD_F_POLICY_ACCEPTED, 0, 0, result.transform_number,
                         result.policy_priority, 0, 0);
    else
        ikd_findings_add(&ann->msg.findings, IKD_F_POLICY_REFUSED, 0, 0, sa->offer_count,
                         ikd_ios_config_policy_count(e->ios_config), 0, 0);
    ann->ios_walk = g_string_free(debug, FALSE);
}

static void read_proposals(const ikd_engine *e, ikd_sa *sa, const ikd_packet *p, ikd_annotation *ann)
{
    const ikd_payload_ref *pl = sa_payload_of(&ann->msg);
    if (!pl)
        return;
    if (ann->step == IKD_STEP_MM1 || ann->step == IKD_STEP_AM1) {
        sa->offer_count = sa->offers_seen = 0;
        ikd_sa_payload_transforms(p->bytes, p->captured_len, pl->offset, note_offer, sa);
        walk_router_policy(e, sa, ann);
    } else if (ann->step == IKD_STEP_MM2 || ann->step == IKD_STEP_AM2) {
        choice c = { .count = 0 };
        ikd_sa_payload_transforms(p->bytes, p->captured_len, pl->offset, note_choice, &c);
        if (!c.count)
            return;
        sa->chosen = c.first.attributes;
        sa->chosen_known = true;
        check_choice(sa, &c, ann);
        check_weak_crypto(sa, ann);
    }
}

/* A refused phase-1 offer, transform by transform, as IOS's debug shows it. */
static void list_refused_offer(const ikd_sa *sa, ikd_annotation *ann)
{
    for (uint32_t i = 0; i < sa->offer_count; i++) {
        uint32_t args[IKD_FINDING_ARGS] = { sa->offers[i].transform_number, 0, 0, 0, 0 };
        ikd_transform_pack(&sa->offers[i].attributes, &args[1]);
        ikd_findings_add_args(&ann->msg.findings, IKD_F_OFFERED_TRANSFORM, 0, 0, args);
    }
}

/* clear: the message's own payloads are readable here (not a message pieced
 * together from fragments). */
static void on_phase1(ikd_engine *e, ikd_sa *sa, const ikd_packet *p, ikd_annotation *ann, int peer,
                      phase1_shape shape, bool clear)
{
    ann->step = phase1_step(sa, shape, peer);
    int n = ikd_step_phase1_number(ann->step);
    int last = sa->mode == IKD_EX_MAIN ? 6 : 3;
    int before = sa->initiator_has > sa->responder_sent ? sa->initiator_has : sa->responder_sent;
    ikd_step_record *rec = &sa->p1[n];
    bool resend = record_copy(rec, p, ann, 1);
    sa->retransmissions += resend;
    /* Resent after the peer's encrypted refusal: the sender could not read it. */
    if (resend && sa->refusal_frame && rec->first_frame < sa->refusal_frame)
        sa->refused_step_resent = true;
    if (n >= 2)
        link_answer(&sa->p1[n - 1], p, ann);

    ikd_step_record *answer = n < last ? &sa->p1[n + 1] : NULL;
    if (peer == 0) {
        /* A resend less than a second after the answer crossed it on the wire. */
        if (resend && answer && answer->copies && sa->initiator_has > n && p->time - answer->first_time >= 1.0) {
            /* The initiator repeats a message the responder already answered. */
            flag_response_lost(ann, (ikd_step)(ann->step + 1), answer->first_frame, IKD_ROLE_INITIATOR);
            sa->initiator_has = n - 1;
        }
        if (n - 1 > sa->initiator_has)
            sa->initiator_has = n - 1; /* sending MMn proves MM(n-1) arrived */
    } else {
        if (resend && answer && answer->copies && p->time - answer->first_time >= 1.0)
            flag_response_lost(ann, (ikd_step)(ann->step + 1), answer->first_frame, IKD_ROLE_RESPONDER);
        if (n > sa->responder_sent)
            sa->responder_sent = n;
        if (n > sa->initiator_has)
            sa->initiator_has = n;
    }
    if (n > before)
        sa->deleted = false; /* the negotiation went on after a rejection */
    update_phase1_states(sa);
    ann->asa_state = n == last ? (sa->mode == IKD_EX_MAIN ? IKD_ASA_MM_ACTIVE : IKD_ASA_AM_ACTIVE)
                   : (ikd_asa_state)((sa->mode == IKD_EX_MAIN ? IKD_ASA_MM_WAIT_MSG2 : IKD_ASA_AM_WAIT_MSG2) + n - 1);

    if (clear && !resend)
        read_proposals(e, sa, p, ann);
    if (clear && !resend && sa->chosen_known)
        ikd_check_nat_detection(sa, p, ann, peer);
    if (!sa->established_frame && sa->state_initiator == IKD_IOS_QM_IDLE && sa->state_responder == IKD_IOS_QM_IDLE) {
        sa->established_frame = p->frame;
        sa->established_time = p->time;
    }
    remember_message(e, p, sa, n, -1, 0);
}

/* --- Phase-2 proposals, when Wireshark decrypted the quick mode ---------- */

static const ikd_message *readable_content(const ikd_packet *p, ikd_annotation *ann, ikd_message *inner);

typedef struct {
    ikd_qm_node *node;
    ikd_phase2_transform chosen;
    uint32_t chosen_count;
} phase2_walk;

static void note_phase2_offer(void *ctx, const ikd_phase2_transform *t)
{
    phase2_walk *w = ctx;
    if (w->node->offer_count < IKD_MAX_PHASE2_OFFERS)
        w->node->offers[w->node->offer_count++] = *t;
}

static void note_phase2_choice(void *ctx, const ikd_phase2_transform *t)
{
    phase2_walk *w = ctx;
    if (!w->chosen_count++)
        w->chosen = *t;
}

/* The weak choices of a quick mode's chosen transform, as IKD_WEAK_P2_* bits. */
static unsigned phase2_weaknesses(const ikd_phase2_transform *t)
{
    unsigned weak = 0;
    if (t->protocol == IKD_PROTO_ESP) { /* 1-9: DES-IV64, DES, 3DES, RC5, IDEA, CAST, Blowfish, 3IDEA, DES-IV32 */
        if (t->transform_id >= 1 && t->transform_id <= 9)
            weak |= IKD_WEAK_P2_ENCRYPTION;
        if (t->transform_id == 11)
            weak |= IKD_WEAK_P2_NULL;
        if (t->auth == 1)
            weak |= IKD_WEAK_P2_HASH;
    } else if (t->protocol == IKD_PROTO_AH && t->transform_id == 2) { /* AH-MD5 */
        weak |= IKD_WEAK_P2_HASH;
    }
    return weak;
}

static void check_weak_phase2(ikd_sa *sa, const ikd_phase2_transform *chosen, ikd_annotation *ann)
{
    static const struct { unsigned weakness; ikd_finding_id finding; } findings[] = {
        { IKD_WEAK_P2_ENCRYPTION, IKD_F_WEAK_P2_ENCRYPTION },
        { IKD_WEAK_P2_NULL, IKD_F_P2_NO_ENCRYPTION },
        { IKD_WEAK_P2_HASH, IKD_F_WEAK_P2_HASH },
    };
    unsigned weak = phase2_weaknesses(chosen);
    if (!weak)
        return;
    uint32_t args[IKD_FINDING_ARGS] = { 0 };
    ikd_phase2_pack(chosen, &args[0]);
    for (size_t i = 0; i < sizeof findings / sizeof findings[0]; i++)
        if (weak & findings[i].weakness)
            ikd_findings_add_args(&ann->msg.findings, findings[i].finding, 0, 0, args);
    sa->weaknesses |= weak;
    sa->chosen_phase2 = *chosen;
}

/* QM1's offer is kept with its quick mode; QM2's choice is checked against
 * it, and for weak cryptography. */
static void read_phase2_proposals(ikd_sa *sa, const ikd_packet *p, ikd_annotation *ann, ikd_qm_node *node)
{
    ikd_message *inner = g_new(ikd_message, 1);
    const ikd_message *content = readable_content(p, ann, inner);
    const ikd_payload_ref *pl = content ? sa_payload_of(content) : NULL;
    if (pl && pl->offset >= IKD_ISAKMP_HEADER_LEN) {
        size_t offset = pl->offset - IKD_ISAKMP_HEADER_LEN; /* the plaintext starts after the header */
        phase2_walk w = { node, { 0 }, 0 };
        if (ann->step == IKD_STEP_QM1) {
            node->offer_count = 0;
            ikd_phase2_transforms(p->decrypted, p->decrypted_len, offset, note_phase2_offer, &w);
        } else if (ann->step == IKD_STEP_QM2 &&
                   ikd_phase2_transforms(p->decrypted, p->decrypted_len, offset, note_phase2_choice, &w)) {
            unsigned best = ~0u;
            for (uint32_t i = 0; i < node->offer_count && best; i++) {
                unsigned d = ikd_phase2_differences(&node->offers[i], &w.chosen);
                if (ikd_bit_count(d) < ikd_bit_count(best))
                    best = d;
            }
            if (node->offer_count && best)
                ikd_findings_add(&ann->msg.findings, IKD_F_PHASE2_NOT_OFFERED, 0, 0, w.chosen.proposal_number,
                                 w.chosen.transform_number, best, 0);
            check_weak_phase2(sa, &w.chosen, ann);
        }
    }
    g_free(inner);
}

/* A refused quick mode, proposal by proposal, in transform-set words. */
static void list_refused_phase2_offer(const ikd_qm_node *node, ikd_annotation *ann)
{
    for (uint32_t i = 0; i < node->offer_count; i++) {
        uint32_t args[IKD_FINDING_ARGS] = { node->offers[i].proposal_number, 0, 0, 0, 0 };
        ikd_phase2_pack(&node->offers[i], &args[1]);
        ikd_findings_add_args(&ann->msg.findings, IKD_F_PHASE2_OFFERED, 0, 0, args);
    }
}

/* --- Quick mode ---------------------------------------------------------- */

static bool phase1_done(const ikd_sa *sa)
{
    return sa->established_frame || sa->established_before_capture;
}

static void on_quick_mode(ikd_engine *e, ikd_sa *sa, const ikd_packet *p, ikd_annotation *ann, int peer)
{
    if (!phase1_done(sa)) {
        if (sa->mode && sa->roles_known) {
            ikd_findings_add(&ann->msg.findings, IKD_F_QM_BEFORE_AUTH, 0, 0, ikd_sa_state(sa), 0, 0, 0);
        } else {
            sa->established_before_capture = true;
            sa->state_initiator = sa->state_responder = IKD_IOS_QM_IDLE;
        }
    }
    int32_t index;
    ikd_qm_node *node = ikd_sa_quick_mode(sa, ann->msg.message_id, &index);
    if (node->initiator_peer < 0)
        node->initiator_peer = peer;
    /* From the initiator after QM2: QM3, unless it is QM1 again, byte for byte. */
    int k = peer != node->initiator_peer ? 1 : 0;
    if (k == 0 && node->qm[1].copies && node->qm[0].first_hash != message_hash(p))
        k = 2;
    ann->step = (ikd_step)(IKD_STEP_QM1 + k);
    bool resend = record_copy(&node->qm[k], p, ann, 2);
    sa->retransmissions += resend;
    if (k >= 1)
        link_answer(&node->qm[k - 1], p, ann);
    if (resend && k < 2 && node->qm[k + 1].copies && p->time - node->qm[k + 1].first_time >= 1.0) {
        ikd_role missing = k == 0 ? IKD_ROLE_INITIATOR : IKD_ROLE_RESPONDER;
        flag_response_lost(ann, (ikd_step)(ann->step + 1), node->qm[k + 1].first_frame, missing);
    }
    remember_message(e, p, sa, 0, index, k);
    if (p->decrypted && !resend)
        read_phase2_proposals(sa, p, ann, node);
}

/* --- Informational and transaction exchanges ----------------------------- */

static ikd_role role_of(const ikd_sa *sa, int peer)
{
    if (!sa->roles_known || peer < 0)
        return IKD_ROLE_UNKNOWN;
    return peer == 0 ? IKD_ROLE_INITIATOR : IKD_ROLE_RESPONDER;
}

/* The request a clear error notification answers: the other peer's latest
 * phase-1 message. */
static ikd_step_record *latest_phase1_from(ikd_sa *sa, int peer)
{
    for (int n = 6; n >= 1; n--) {
        bool from_initiator = n % 2 == 1;
        if (sa->p1[n].copies && from_initiator == (peer == 0))
            return &sa->p1[n];
    }
    return NULL;
}

/* Notifications and deletes of a readable informational: m is the message
 * itself, or what Wireshark decrypted of it. */
static void on_notifications(ikd_sa *sa, const ikd_packet *p, ikd_annotation *ann, int peer, const ikd_message *m)
{
    for (uint32_t i = 0; i < m->notify_count; i++) {
        ikd_finding_id id = ikd_finding_for_notify(m->notify_types[i]);
        if (id == IKD_FINDING_COUNT)
            continue;
        ikd_findings_add(&ann->msg.findings, id, m->notify_offsets[i], 0, role_of(sa, peer), m->notify_types[i], 0, 0);
        if (phase1_done(sa))
            for (uint32_t n = 0; n < sa->qm_count; n++)
                if (sa->qm[n].rejected_by_info == p->frame)
                    list_refused_phase2_offer(&sa->qm[n], ann); /* the quick mode this refuses */
        if (!phase1_done(sa) && sa->mode && !sa->reject_notify) {
            if (m->notify_types[i] == 14 && peer == 1)
                list_refused_offer(sa, ann);
            sa->reject_notify = m->notify_types[i];
            sa->reject_sender = peer;
            sa->reject_frame = p->frame;
            sa->deleted = true;
            sa->deleted_frame = p->frame;
            ikd_step_record *request = latest_phase1_from(sa, 1 - peer);
            if (request && !m->encrypted)
                link_answer(request, p, ann); /* an encrypted refusal is linked already */
        }
    }
    if (m->has_delete) {
        ikd_findings_add(&ann->msg.findings, IKD_F_SA_DELETED, 0, 0, role_of(sa, peer), m->delete_spi_count,
                         m->delete_protocol, 0);
        if (m->delete_protocol == IKD_PROTO_ISAKMP) {
            sa->deleted = true;
            sa->deleted_frame = p->frame;
        }
    }
}

/* An encrypted informational can still be placed: answering a quick mode
 * that got no QM2, it is almost always a rejection of that quick mode. */
static void on_encrypted_informational(ikd_sa *sa, const ikd_packet *p, ikd_annotation *ann, int peer)
{
    for (uint32_t i = sa->qm_count; i-- > 0;) {
        ikd_qm_node *node = &sa->qm[i];
        if (node->initiator_peer != peer && node->qm[0].copies && !node->qm[1].copies && !node->rejected_by_info) {
            /* Not linked as QM1's answer: a QM2 may still follow (a notify
             * such as RESPONDER-LIFETIME travels the same way). The verdict
             * decides once the capture is complete. */
            node->rejected_by_info = p->frame;
            return;
        }
    }
    /* Keys exist from MM4/AM2 on: an encrypted informational before phase 1
     * completes is a peer refusing the other's authentication (bad hash,
     * authentication failed, payload malformed after a wrong-key decrypt). */
    ikd_step_record *refused = NULL;
    if (sa->mode == IKD_EX_MAIN && peer == 1 && sa->p1[5].copies && !sa->p1[6].copies)
        refused = &sa->p1[5];
    else if (sa->mode == IKD_EX_AGGRESSIVE && peer == 0 && sa->p1[2].copies && !sa->p1[3].copies)
        refused = &sa->p1[2];
    if (refused) {
        link_answer(refused, p, ann);
        if (!sa->phase1_informationals++)
            sa->refusal_frame = p->frame;
    }
}

/* Wireshark's decryption of this message, when it made one and it parses;
 * one that does not parse is flagged. NULL otherwise. */
static const ikd_message *readable_content(const ikd_packet *p, ikd_annotation *ann, ikd_message *inner)
{
    if (!p->decrypted || !ann->msg.encrypted || ann->retransmission)
        return NULL; /* Wireshark 4.0 decrypts a resend with the wrong IV: not evidence */
    ikd_message_read_decrypted(&ann->msg, p->decrypted, p->decrypted_len, inner);
    for (uint32_t i = 0; i < inner->findings.count; i++) {
        const ikd_finding *f = &inner->findings.items[i];
        if (ikd_finding_lookup((ikd_finding_id)f->id)->group == IKD_GROUP_MALFORMED) {
            uint32_t payload = f->id == IKD_F_RESERVED_NOT_ZERO || f->id == IKD_F_UNKNOWN_PAYLOAD ||
                               f->id == IKD_F_PAYLOAD_TOO_SHORT || f->id == IKD_F_PAYLOAD_OVERRUN ? f->arg[0] : 0;
            ikd_findings_add(&ann->msg.findings, IKD_F_DECRYPTED_GARBAGE, 0, 0, f->id, payload, 0, 0);
            return NULL;
        }
    }
    return inner;
}

static void on_other_exchange(ikd_engine *e, ikd_sa *sa, const ikd_packet *p, ikd_annotation *ann, int peer)
{
    const ikd_message *m = &ann->msg;
    if (m->exchange == IKD_EX_INFORMATIONAL) {
        ann->step = IKD_STEP_INFO;
        if (m->encrypted) {
            on_encrypted_informational(sa, p, ann, peer);
            ikd_message *inner = g_new(ikd_message, 1);
            const ikd_message *content = readable_content(p, ann, inner);
            if (content)
                on_notifications(sa, p, ann, peer, content);
            g_free(inner);
        } else {
            on_notifications(sa, p, ann, peer, m);
        }
    } else if (m->exchange == IKD_EX_TRANSACTION) {
        ann->step = IKD_STEP_TXN;
        sa->capabilities |= IKD_CAP_MODE_CFG;
    } else {
        ann->step = IKD_STEP_OTHER;
    }
    remember_message(e, p, sa, 0, -1, 0);
}

/* --- Cisco fragments ----------------------------------------------------- */

/* Reads what fragment 1 shows of the message it starts: its own header and
 * the payloads that fit. */
static void read_inner_header(ikd_fragment_set *set, const ikd_packet *p, const ikd_message *m)
{
    for (uint32_t i = 0; i < m->payload_count; i++) {
        const ikd_payload_ref *pl = &m->payloads[i];
        if (pl->type != IKD_PL_CISCO_FRAG || pl->length < 8 || pl->offset + (size_t)pl->length > p->captured_len)
            continue;
        size_t len = pl->length - 8u;
        const uint8_t *inner = p->bytes + pl->offset + 8;
        ikd_message *view = g_new(ikd_message, 1);
        ikd_message_read(inner, len, len, IKD_TRANSPORT_TCP, view); /* TCP: the rest is in later fragments */
        if (view->header_read) {
            set->have_inner = true;
            set->inner_encrypted = view->encrypted;
            set->inner_has_ke = ikd_message_has_payload(view, IKD_PL_KE);
            set->inner_has_sa = ikd_message_has_payload(view, IKD_PL_SA);
        }
        g_free(view);
        return;
    }
}

/* All fragments 1..last arrived. Fragment numbers come from the wire: only
 * 1..31 fit the bit set, so a set announcing more never completes. */
static bool fragment_set_complete(const ikd_fragment_set *set)
{
    return set->last_number >= 1 && set->last_number <= 31 && set->seen == (1u << set->last_number) - 1u;
}

/* Follows one fragment; true when it completes a message Wireshark did not
 * rebuild, whose shape is then in *shape. */
static bool fragment_completes(ikd_sa *sa, const ikd_packet *p, const ikd_message *m, int peer, phase1_shape *shape)
{
    ikd_fragment_set *set = &sa->fragments[peer];
    bool done = set->active && fragment_set_complete(set);
    if (!set->active || set->id != m->fragment_id || done)
        memset(set, 0, sizeof *set); /* a new message, or the same one sent again */
    set->active = true;
    set->id = m->fragment_id;
    if (m->fragment_number >= 1 && m->fragment_number <= 31)
        set->seen |= 1u << (m->fragment_number - 1);
    if (m->fragment_last)
        set->last_number = m->fragment_number;
    if (m->fragment_number == 1)
        read_inner_header(set, p, m);
    if (!fragment_set_complete(set) || !set->have_inner || p->reassembled_in_frame)
        return false;
    shape->encrypted = set->inner_encrypted;
    shape->has_ke = set->inner_has_ke;
    shape->has_sa = set->inner_has_sa;
    return true;
}

/* --- Per message --------------------------------------------------------- */

/* Names a vendor ID for the per-message vendor field. */
static void note_vendor(ikd_annotation *ann, const ikd_vid_info *info, const uint8_t *data, size_t len)
{
    if (ann->vendor_count >= IKD_MAX_VENDORS)
        return;
    char *out = ann->vendors[ann->vendor_count++];
    size_t size = sizeof ann->vendors[0];
    if (info->vendor && !strcmp(info->vendor, info->name))
        snprintf(out, size, "%s%s%s", info->name, info->detail[0] ? " " : "", info->detail);
    else if (info->vendor && info->detail[0])
        snprintf(out, size, "%s: %s %s", info->vendor, info->name, info->detail);
    else if (info->vendor)
        snprintf(out, size, "%s: %s", info->vendor, info->name);
    else if (info->kind != IKD_VID_OTHER || strcmp(info->name, "unknown"))
        snprintf(out, size, "%s%s%s", info->name, info->detail[0] ? " " : "", info->detail);
    else {
        int n = snprintf(out, size, "unknown ");
        for (size_t i = 0; i < len && i < 16 && n > 0 && (size_t)n + 3 < size; i++)
            n += snprintf(out + n, size - (size_t)n, "%02x", data[i]);
    }
}

static void note_capabilities(ikd_sa *sa, const ikd_packet *p, ikd_annotation *ann, int peer)
{
    const ikd_message *m = &ann->msg;
    for (uint32_t i = 0; i < m->payload_count; i++) {
        const ikd_payload_ref *pl = &m->payloads[i];
        if (pl->type != IKD_PL_VID || pl->length < 4 || pl->offset + pl->length > p->captured_len)
            continue;
        const uint8_t *data = p->bytes + pl->offset + 4;
        ikd_vid_info info;
        ikd_vid_identify(data, pl->length - 4u, &info);
        note_vendor(ann, &info, data, pl->length - 4u);
        if (info.vendor && peer >= 0 && !sa->implementation[peer])
            sa->implementation[peer] = info.vendor;
        ikd_vid_kind kind = info.kind;
        if (kind == IKD_VID_DPD && peer >= 0)
            sa->vid_dpd_peers |= 1u << peer;
        else if (kind == IKD_VID_XAUTH)
            sa->xauth_announced = true;
    }
    if (sa->vid_dpd_peers == 3)
        sa->capabilities |= IKD_CAP_DPD;
    if (m->has_fragment || p->transport == IKD_TRANSPORT_REASSEMBLED)
        sa->capabilities |= IKD_CAP_FRAG;
    if (p->transport == IKD_TRANSPORT_UDP_ENCAP) {
        sa->capabilities |= IKD_CAP_NAT_T;
        if (!sa->nat_t_frame) {
            sa->nat_t_frame = p->frame;
            sa->nat_t_peer = peer;
        } else if (peer != sa->nat_t_peer) {
            sa->nat_t_answered = true;
        }
    }
    /* X means XAUTH was used, not merely offered: an XAUTH method was chosen,
     * or transaction exchanges followed an XAUTH announcement. */
    if ((sa->chosen_known && ikd_auth_is_xauth(sa->chosen.auth)) ||
        (sa->xauth_announced && m->exchange == IKD_EX_TRANSACTION))
        sa->capabilities |= IKD_CAP_XAUTH;
}

static void annotate_states(const ikd_sa *sa, ikd_annotation *ann)
{
    ann->conn_id = sa->conn_id;
    ann->state_initiator = sa->state_initiator;
    ann->state_responder = sa->state_responder;
    ann->state = ikd_sa_state(sa);
    if (!ann->asa_state && (sa->established_frame || sa->established_before_capture))
        ann->asa_state = sa->mode == IKD_EX_AGGRESSIVE ? IKD_ASA_AM_ACTIVE : IKD_ASA_MM_ACTIVE;
}

void ikd_engine_feed(ikd_engine *e, const ikd_packet *p, ikd_annotation *ann)
{
    memset(ann, 0, sizeof *ann);
    ikd_message_read(p->bytes, p->captured_len, p->reported_len, p->transport, &ann->msg);
    const ikd_message *m = &ann->msg;
    ann->message_id = m->message_id;
    if (p->time > e->last_time || !e->sas->len) {
        e->last_time = p->time;
        e->verdicts_stale = true; /* "abandoned" depends on where the capture ends */
    }
    if (!m->header_read || m->major != 1 || ikd_cookie_is_zero(m->icookie))
        return; /* IKEv2, garbage, or nothing to key an SA on */

    ikd_sa *sa = ikd_sa_find(e, m);
    if (!sa)
        sa = ikd_sa_create(e, m, p);
    e->verdicts_stale = true;
    int peer = ikd_sa_peer_index(sa, p);
    ann->sender = role_of(sa, peer);
    if (peer >= 0)
        sa->port[peer] = p->src_port;
    sa->messages++;
    sa->last_frame = p->frame;
    sa->last_pdu = p->pdu;
    sa->last_time = p->time;
    note_capabilities(sa, p, ann, peer);

    bool phase1 = m->exchange == IKD_EX_MAIN || m->exchange == IKD_EX_AGGRESSIVE;
    bool tracked_phase1 = phase1 && sa->roles_known && sa->mode == m->exchange && peer >= 0;
    phase1_shape pieced;
    if (m->has_fragment && !m->encrypted) {
        /* Normally Wireshark rebuilds the message and that copy is placed; when
         * it could not, the fragment that completes the set stands for it. */
        if (tracked_phase1 && fragment_completes(sa, p, m, peer, &pieced)) {
            on_phase1(e, sa, p, ann, peer, pieced, false);
        } else {
            ann->step = IKD_STEP_FRAGMENT;
            remember_message(e, p, sa, 0, -1, 0);
        }
    } else if (tracked_phase1) {
        on_phase1(e, sa, p, ann, peer, shape_of(m), true);
    } else if (m->exchange == IKD_EX_QUICK && peer >= 0) {
        on_quick_mode(e, sa, p, ann, peer);
    } else {
        on_other_exchange(e, sa, p, ann, peer);
    }
    if (m->exchange != IKD_EX_INFORMATIONAL && m->exchange != IKD_EX_QUICK && p->decrypted) {
        ikd_message *inner = g_new(ikd_message, 1);
        (void)readable_content(p, ann, inner); /* only to flag a decryption that does not parse */
        g_free(inner);
    }
    annotate_states(sa, ann);
}

void ikd_annotation_clear(ikd_annotation *ann)
{
    g_free(ann->ios_walk);
    ann->ios_walk = NULL;
}

void ikd_engine_set_ios_config(ikd_engine *e, const ikd_ios_config *config)
{
    e->ios_config = config;
}

uint32_t ikd_engine_response_in(const ikd_engine *e, uint32_t frame, uint32_t pdu)
{
    guint64 key = ikd_message_key(frame, pdu);
    const ikd_message_ref *ref = g_hash_table_lookup(e->messages, &key);
    if (!ref)
        return 0;
    if (ref->p1_step)
        return ref->sa->p1[ref->p1_step].answer_frame;
    if (ref->qm_node >= 0)
        return ref->sa->qm[ref->qm_node].qm[ref->qm_step].answer_frame;
    return 0;
}

void ikd_engine_verdicts(ikd_engine *e, uint32_t frame, uint32_t pdu, ikd_finding_list *out)
{
    memset(out, 0, sizeof *out);
    if (e->verdicts_stale)
        ikd_verdicts_compute(e);
    guint64 key = ikd_message_key(frame, pdu);
    GArray *list = g_hash_table_lookup(e->verdicts, &key);
    for (guint i = 0; list && i < list->len; i++) {
        const ikd_finding *f = &g_array_index(list, ikd_finding, i);
        ikd_findings_add_args(out, (ikd_finding_id)f->id, f->offset, f->length, f->arg);
    }
}

uint32_t ikd_engine_sa_count(ikd_engine *e)
{
    if (e->verdicts_stale)
        ikd_verdicts_compute(e);
    return e->sas->len;
}

const ikd_sa *ikd_engine_sa(ikd_engine *e, uint32_t index)
{
    if (e->verdicts_stale)
        ikd_verdicts_compute(e);
    return index < e->sas->len ? g_ptr_array_index(e->sas, index) : NULL;
}

const ikd_sa *ikd_engine_sa_by_conn_id(ikd_engine *e, uint32_t conn_id)
{
    return conn_id >= 1001 ? ikd_engine_sa(e, conn_id - 1001) : NULL;
}

const ikd_sa *ikd_engine_sa_peek(const ikd_engine *e, uint32_t conn_id)
{
    guint i = conn_id - 1001;
    return conn_id >= 1001 && i < e->sas->len ? g_ptr_array_index(e->sas, i) : NULL;
}

double ikd_engine_last_time(const ikd_engine *e)
{
    return e->last_time;
}
