/* ikediag - end-of-capture verdicts: where each SA stopped, and what that
 * usually means (cisco-ike-facts.md 2.1).
 *
 * Verdicts need the whole capture, so they are recomputed from the SA table
 * whenever someone asks after new messages were fed. Each verdict is attached
 * to a message (frame, pdu): an SA's verdict to its last message, "peer not
 * responding" to the last copy of the unanswered message.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "backoff.h"
#include "engine_internal.h"
#include "ikev1_names.h"

#include <string.h>

/* An SA that stopped short counts as abandoned (IOS shows it as
 * ACTIVE (deleted) until it is purged) once either peer started a new SA
 * between the same two addresses, or the capture ran on this long after it. */
enum { ABANDON_AFTER_SECONDS = 60 };

static ikd_finding attach(ikd_engine *e, uint32_t frame, uint32_t pdu, ikd_finding_id id, uint32_t a0, uint32_t a1,
                          uint32_t a2, uint32_t a3, uint32_t a4)
{
    guint64 key = ikd_message_key(frame, pdu);
    GArray *list = g_hash_table_lookup(e->verdicts, &key);
    if (!list) {
        guint64 *k = g_new(guint64, 1);
        *k = key;
        list = g_array_new(FALSE, TRUE, sizeof(ikd_finding));
        g_hash_table_insert(e->verdicts, k, list);
    }
    ikd_finding f = { (uint16_t)id, 0, 0, { a0, a1, a2, a3, a4 } };
    g_array_append_val(list, f);
    return f;
}

static void set_verdict(ikd_sa *sa, ikd_finding f)
{
    sa->verdict = f;
    sa->has_verdict = true;
}

static void unanswered(ikd_engine *e, const ikd_step_record *rec, ikd_step step, int phase)
{
    if (rec->copies > 1 && !rec->answer_frame)
        attach(e, rec->last_frame, rec->last_pdu, IKD_F_PEER_NOT_RESPONDING, step, rec->copies,
               ikd_elapsed_ms(rec->first_time, rec->last_time), (uint32_t)phase, 0);
}

static int highest_phase1_step(const ikd_sa *sa)
{
    for (int n = 6; n >= 1; n--)
        if (sa->p1[n].copies)
            return n;
    return 0;
}

static void quick_mode_verdicts(ikd_engine *e, ikd_sa *sa)
{
    for (uint32_t i = 0; i < sa->qm_count; i++) {
        const ikd_qm_node *node = &sa->qm[i];
        if (node->rejected_by_info && !node->qm[1].copies) {
            set_verdict(sa, attach(e, node->qm[0].last_frame, node->qm[0].last_pdu, IKD_F_STUCK_PHASE2_REJECTED,
                                   node->message_id, node->qm[0].first_frame, 0, 0, 0));
        } else if (node->qm[1].copies && !node->qm[2].copies) {
            set_verdict(sa, attach(e, node->qm[1].last_frame, node->qm[1].last_pdu, IKD_F_STUCK_PHASE2_NO_QM3,
                                   node->message_id, 0, 0, 0, 0));
        }
        unanswered(e, &node->qm[0], IKD_STEP_QM1, 2);
    }
}

/* SAs grouped by their two addresses (in either order), so that comparing an
 * SA with the others between the same peers costs no scan of every SA. */
typedef struct {
    uint8_t bytes[34]; /* family, then the lower and the higher address */
} pair_key;

static pair_key pair_of(const ikd_sa *sa)
{
    pair_key k;
    memset(&k, 0, sizeof k);
    const ikd_address *a = &sa->peer[0], *b = &sa->peer[1];
    if (memcmp(a->bytes, b->bytes, 16) > 0) {
        const ikd_address *t = a;
        a = b;
        b = t;
    }
    k.bytes[0] = a->family;
    k.bytes[1] = b->family;
    memcpy(k.bytes + 2, a->bytes, 16);
    memcpy(k.bytes + 18, b->bytes, 16);
    return k;
}

static guint pair_hash(gconstpointer p)
{
    const pair_key *k = p;
    guint h = 5381;
    for (size_t i = 0; i < sizeof k->bytes; i++)
        h = h * 33 + k->bytes[i];
    return h;
}

static gboolean pair_equal(gconstpointer a, gconstpointer b)
{
    return !memcmp(a, b, sizeof(pair_key));
}

static void free_pair_list(gpointer p)
{
    g_ptr_array_free(p, TRUE);
}

static GHashTable *index_by_pair(const ikd_engine *e)
{
    GHashTable *pairs = g_hash_table_new_full(pair_hash, pair_equal, g_free, free_pair_list);
    for (guint i = 0; i < e->sas->len; i++) {
        ikd_sa *sa = g_ptr_array_index(e->sas, i);
        pair_key k = pair_of(sa);
        GPtrArray *list = g_hash_table_lookup(pairs, &k);
        if (!list) {
            list = g_ptr_array_new();
            g_hash_table_insert(pairs, g_memdup2(&k, sizeof k), list);
        }
        g_ptr_array_add(list, sa); /* conn-id order */
    }
    return pairs;
}

static GPtrArray *same_pair(GHashTable *pairs, const ikd_sa *sa)
{
    pair_key k = pair_of(sa);
    return g_hash_table_lookup(pairs, &k);
}

/* A refused offer next to another offer between the same two addresses (the
 * other peer initiating, or another attempt): name what differs, from the
 * closest pair of transforms. */
static void compare_with_other_offers(ikd_engine *e, GHashTable *pairs, const ikd_sa *sa)
{
    const unsigned all = IKD_ATTR_ENCRYPTION | IKD_ATTR_KEY_LENGTH | IKD_ATTR_HASH | IKD_ATTR_AUTH | IKD_ATTR_GROUP;
    GPtrArray *peers = same_pair(pairs, sa);
    for (guint j = 0; peers && j < peers->len; j++) {
        const ikd_sa *other = g_ptr_array_index(peers, j);
        if (other == sa || !other->offer_count)
            continue;
        unsigned best = all;
        int best_bits = 6;
        for (uint32_t a = 0; a < sa->offer_count; a++)
            for (uint32_t b = 0; b < other->offer_count; b++) {
                unsigned d = ikd_transform_differences(&sa->offers[a].attributes, &other->offers[b].attributes);
                int bits = ikd_bit_count(d);
                if (bits < best_bits) {
                    best = d;
                    best_bits = bits;
                }
            }
        if (best)
            attach(e, sa->reject_frame, 0, IKD_F_PEERS_DIFFER, best, other->conn_id, all & ~best, 0, 0);
        return;
    }
}

static void phase1_verdict(ikd_engine *e, GHashTable *pairs, ikd_sa *sa)
{
    int top = highest_phase1_step(sa);
    if (!top)
        return;
    ikd_step step = (ikd_step)((sa->mode == IKD_EX_MAIN ? IKD_STEP_MM1 : IKD_STEP_AM1) + top - 1);
    const ikd_step_record *rec = &sa->p1[top];
    uint32_t span = ikd_elapsed_ms(rec->first_time, rec->last_time);
    unanswered(e, rec, step, 1);
    if (sa->reject_notify) {
        if (sa->offer_count && sa->reject_notify == 14)
            compare_with_other_offers(e, pairs, sa);
        ikd_role by = sa->reject_sender == 0 ? IKD_ROLE_INITIATOR : IKD_ROLE_RESPONDER;
        set_verdict(sa, attach(e, sa->last_frame, sa->last_pdu, IKD_F_STUCK_PHASE1_REJECTED, sa->conn_id,
                               ikd_sa_state(sa), sa->reject_notify, sa->roles_known ? by : IKD_ROLE_UNKNOWN, 0));
        return;
    }
    ikd_finding_id id = IKD_FINDING_COUNT;
    uint32_t count_or_step = rec->copies;
    /* Refused with an encrypted informational that the refused peer could
     * read (it stopped resending): the keys agree, the credentials do not. */
    bool refusal_understood = sa->phase1_informationals && !sa->refused_step_resent;
    if (refusal_understood && ((sa->mode == IKD_EX_MAIN && top == 5) || (sa->mode == IKD_EX_AGGRESSIVE && top == 2))) {
        ikd_role by = sa->mode == IKD_EX_MAIN ? IKD_ROLE_RESPONDER : IKD_ROLE_INITIATOR;
        set_verdict(sa, attach(e, sa->last_frame, sa->last_pdu, IKD_F_STUCK_AUTH_REJECTED, sa->conn_id,
                               ikd_sa_state(sa), by, step, 0));
        return;
    }
    if (sa->mode == IKD_EX_MAIN) {
        static const ikd_finding_id by_step[6] = { IKD_F_STUCK_MM_NO_STATE, IKD_F_STUCK_NO_MM3, IKD_F_STUCK_NO_MM4,
                                                   IKD_F_STUCK_NO_MM5, IKD_F_STUCK_NO_MM6, IKD_FINDING_COUNT };
        id = by_step[top - 1];
        if (top == 5 && rec->on_nat_t && !sa->nat_t_answered) {
            id = IKD_F_STUCK_NAT_T_BLOCKED;
            count_or_step = IKD_STEP_MM5;
        }
    } else if (top < 3) {
        id = top == 1 ? IKD_F_STUCK_AG_NO_STATE : IKD_F_STUCK_AG_INIT_EXCH;
    }
    if (id != IKD_FINDING_COUNT)
        set_verdict(sa, attach(e, sa->last_frame, sa->last_pdu, id, sa->conn_id, count_or_step, span,
                               sa->phase1_informationals, 0));
}

static bool retried_later(GHashTable *pairs, const ikd_sa *sa)
{
    GPtrArray *peers = same_pair(pairs, sa);
    for (guint i = peers ? peers->len : 0; i-- > 0;) {
        const ikd_sa *later = g_ptr_array_index(peers, i);
        if (later->conn_id <= sa->conn_id)
            break;
        if (later->first_time >= sa->last_time && later->roles_known)
            return true;
    }
    return false;
}

/* Each peer's retransmission timing, from its most resent message, against
 * known implementations' back-off patterns: a hint to who the peer is. */
static void backoff_hints(ikd_sa *sa)
{
    const ikd_step_record *most[2] = { NULL, NULL };
    for (int n = 1; n <= 6; n++) {
        int peer = n % 2 == 1 ? 0 : 1;
        const ikd_step_record *r = &sa->p1[n];
        if (r->gap_count && (!most[peer] || r->gap_count > most[peer]->gap_count))
            most[peer] = r;
    }
    for (uint32_t i = 0; i < sa->qm_count; i++)
        for (int k = 0; k < 3; k++) {
            const ikd_step_record *r = &sa->qm[i].qm[k];
            int peer = k == 1 ? 1 - sa->qm[i].initiator_peer : sa->qm[i].initiator_peer;
            if (peer >= 0 && peer <= 1 && r->gap_count && (!most[peer] || r->gap_count > most[peer]->gap_count))
                most[peer] = r;
        }
    for (int peer = 0; peer < 2; peer++) {
        sa->backoff[peer] = NULL;
        if (!most[peer] || most[peer]->gap_count < 2)
            continue; /* one gap fits several implementations by chance */
        double gaps[IKD_MAX_GAPS];
        for (uint8_t i = 0; i < most[peer]->gap_count; i++)
            gaps[i] = most[peer]->gaps[i];
        sa->backoff[peer] = ikd_backoff_guess(gaps, most[peer]->gap_count);
    }
}

void ikd_verdicts_compute(ikd_engine *e)
{
    g_hash_table_remove_all(e->verdicts);
    GHashTable *pairs = index_by_pair(e);
    for (guint i = 0; i < e->sas->len; i++) {
        ikd_sa *sa = g_ptr_array_index(e->sas, i);
        sa->has_verdict = false;
        sa->abandoned = false;
        backoff_hints(sa);
        bool done = sa->established_frame || sa->established_before_capture;
        if (done) {
            quick_mode_verdicts(e, sa);
            continue;
        }
        if (sa->mode)
            phase1_verdict(e, pairs, sa);
        if (sa->mode && (retried_later(pairs, sa) || e->last_time - sa->last_time >= ABANDON_AFTER_SECONDS))
            sa->abandoned = true;
    }
    g_hash_table_destroy(pairs);
    e->verdicts_stale = false;
}
