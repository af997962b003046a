/* ikediag - how each IPsec SA ended (see phase2_outcome.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/phase2_outcome.h"

#include <string.h>

uint32_t ikd_v1_phase2_up_frame(const ikd_quick_mode *qm)
{
    if (qm->steps[2].copies)
        return qm->steps[2].first_frame;
    return qm->steps[1].copies ? qm->steps[1].first_frame : 0;
}

/* The first frame seen of the quick mode: QM1, or a later step when QM1 was missed. */
static uint32_t first_frame(const ikd_quick_mode *qm)
{
    for (int k = 0; k < IKD_QUICK_MODE_STEPS; k++)
        if (qm->steps[k].copies)
            return qm->steps[k].first_frame;
    return 0;
}

static bool same_peers(const ikd_sa *a, const ikd_sa *b)
{
    return (ikd_address_equal(&a->peer[0], &b->peer[0]) && ikd_address_equal(&a->peer[1], &b->peer[1])) ||
           (ikd_address_equal(&a->peer[0], &b->peer[1]) && ikd_address_equal(&a->peer[1], &b->peer[0]));
}

bool ikd_v1_phase2_proxies(const ikd_v1_sa *sa, const ikd_quick_mode *qm, const ikd_address *at, ikd_proxy_id out[2])
{
    int i = qm->initiator_peer;
    if (i < 0 || i > 1)
        return false;
    int first = ikd_address_equal(&sa->sa.peer[i], at) ? 0 : ikd_address_equal(&sa->sa.peer[1 - i], at) ? 1 : -1;
    if (first < 0)
        return false;
    const ikd_qm_decrypted *d = ikd_v1_qm_decrypted_const(qm);
    for (int k = 0; k < 2; k++) {
        out[k] = d->ids[k];
        if (!d->ids_known) { /* no ID payloads: each side's proxy is its own address */
            memset(&out[k], 0, sizeof out[k]);
            out[k].kind = IKD_PROXY_ADDRESS;
            out[k].first = sa->sa.peer[k == 0 ? i : 1 - i];
        }
    }
    if (first == 1) {
        ikd_proxy_id t = out[0];
        out[0] = out[1];
        out[1] = t;
    }
    return true;
}

static bool same_proxies(const ikd_v1_sa *a_sa, const ikd_quick_mode *a, const ikd_v1_sa *b_sa,
                         const ikd_quick_mode *b)
{
    const ikd_address *at = &a_sa->sa.peer[a->initiator_peer < 0 ? 0 : a->initiator_peer];
    ikd_proxy_id pa[2], pb[2];
    return ikd_v1_phase2_proxies(a_sa, a, at, pa) && ikd_v1_phase2_proxies(b_sa, b, at, pb) && ikd_proxy_id_equal(&pa[0], &pb[0]) &&
           ikd_proxy_id_equal(&pa[1], &pb[1]);
}

/* Whether `next`, a quick mode of next_sa, is a rekey of qm that came up at `up`. */
static bool is_rekey(const ikd_v1_sa *sa, const ikd_quick_mode *qm, uint32_t up, const ikd_v1_sa *next_sa,
                     const ikd_quick_mode *next)
{
    if (next == qm || !ikd_v1_qm_decrypted_const(next)->chosen_known || ikd_v1_phase2_up_frame(next) <= up ||
        first_frame(next) <= up)
        return false;
    if (next_sa != sa && next_sa->sa.first_frame <= up)
        return false; /* an ISAKMP SA running beside this one: a simultaneous start, not a rekey */
    return same_peers(&sa->sa, &next_sa->sa) && same_proxies(sa, qm, next_sa, next);
}

/* The earliest rekey of qm (up at `up`) among sas: its up frame, 0 if none. */
static uint32_t find_rekey(ikd_sa_group sas, const ikd_v1_sa *sa, const ikd_quick_mode *qm, uint32_t up,
                           uint32_t *conn_id)
{
    uint32_t best = 0;
    for (guint i = 0; i < sas.len; i++) {
        const ikd_v1_sa *other = ikd_v1_sa_of_const(sas.sas[i]);
        if (!other || (best && other->sa.first_frame > best))
            continue; /* an SA begun after the best rekey came up cannot hold an earlier one */
        for (uint32_t k = 0; k < ikd_v1_quick_mode_count(other); k++) {
            const ikd_quick_mode *next = ikd_v1_quick_mode_at(other, k);
            uint32_t next_up = ikd_v1_phase2_up_frame(next);
            if ((!best || next_up < best) && is_rekey(sa, qm, up, other, next)) {
                best = next_up;
                *conn_id = other == sa ? 0 : other->sa.conn_id;
            }
        }
    }
    return best;
}

void ikd_v1_phase2_outcome(ikd_sa_group sas, const ikd_v1_sa *sa, const ikd_quick_mode *qm,
                           ikd_phase2_outcome *out)
{
    memset(out, 0, sizeof *out);
    out->up_frame = ikd_v1_phase2_up_frame(qm);
    if (!out->up_frame) {
        out->refused_frame = qm->rejected_by_info;
        out->end = qm->rejected_by_info ? IKD_P2_END_REFUSED : IKD_P2_END_NOT_COMPLETED;
        return;
    }
    const ikd_qm_decrypted *d = ikd_v1_qm_decrypted_const(qm);
    if (!d->chosen_known) {
        out->end = IKD_P2_END_UNREAD;
        return;
    }
    out->deleted_frame = d->deleted_frame;
    out->deleted_by = d->deleted_by;
    out->replaced_frame = find_rekey(sas, sa, qm, out->up_frame, &out->replaced_conn_id);
    if (out->replaced_frame && out->deleted_frame && out->deleted_frame < out->replaced_frame)
        out->replaced_frame = out->replaced_conn_id = 0; /* deleted first: what came up later is a new SA */
    if (out->replaced_frame)
        out->end = IKD_P2_END_REPLACED;
    else
        out->end = out->deleted_frame ? IKD_P2_END_DELETED : IKD_P2_END_UP;
}
