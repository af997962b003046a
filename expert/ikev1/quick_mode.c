/* ikediag - quick mode.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/quick_mode.h"

#include "ikev1/quick_mode_proposals.h"

#include <string.h>

/* Quick mode under an SA whose phase 1 did not finish in the capture: either
 * the capture began after it, or during it and missed its end (then it did
 * finish), or a peer sent it too early. */
static void check_phase1_done(ikd_v1_sa *v1, ikd_annotation *ann)
{
    if (ikd_sa_established(&v1->sa))
        return;
    if (v1->mode && v1->sa.roles_known && !v1->roles_inferred) {
        ikd_findings_add(&ann->findings, IKD_F_QM_BEFORE_AUTH, 0, 0, ikd_v1_sa_state(v1), 0, 0, 0);
    } else {
        v1->sa.established_before_capture = true;
        v1->state_initiator = v1->state_responder = IKD_IOS_QM_IDLE;
    }
}

/* The capture put QM2 before QM1 (their timestamps say so): the message in
 * hand, from the other peer and stamped earlier, is QM1, and the one taken
 * for QM1 was QM2. The records are put right for the verdicts. */
static bool put_back_in_order(const ikd_v1_event *ev, ikd_quick_mode *qm)
{
    if (ev->peer == qm->initiator_peer || qm->steps[1].copies || !qm->steps[0].copies ||
        ev->packet->time >= qm->steps[0].first_time)
        return false;
    qm->steps[1] = qm->steps[0];
    memset(&qm->steps[0], 0, sizeof qm->steps[0]);
    qm->initiator_peer = ev->peer;
    ikd_message_index_remember(ev->ctx->messages, qm->steps[1].first_frame, qm->steps[1].first_pdu, &qm->steps[1]);
    return true;
}

/* 0, 1, 2 for QM1, QM2, QM3: from the initiator after QM2 it is QM3, unless
 * it is QM1 again, byte for byte. */
static int quick_mode_step(const ikd_quick_mode *qm, const ikd_v1_event *ev)
{
    if (ev->peer != qm->initiator_peer)
        return 1;
    if (qm->steps[1].copies && ikd_step_record_hash(&qm->steps[0]) != ev->packet->hash)
        return 2;
    return 0;
}

void ikd_v1_on_quick_mode(const ikd_v1_event *ev)
{
    ikd_v1_sa *v1 = ev->sa;
    const ikd_packet *p = ev->packet;
    check_phase1_done(v1, ev->ann);
    ikd_quick_mode *qm = ikd_v1_quick_mode(ev->ctx->records, v1, ev->msg->message_id);
    if (qm->initiator_peer < 0)
        qm->initiator_peer = ev->peer;
    int k = put_back_in_order(ev, qm) ? 0 : quick_mode_step(qm, ev);
    ev->ann->result.step = (ikd_step)(IKD_STEP_QM1 + k);
    bool resend = ikd_step_record_copy(&qm->steps[k], p, ev->ann, 2);
    ikd_sa_add_retransmissions(&v1->sa, resend);
    if (k >= 1)
        ikd_step_record_link_answer(&qm->steps[k - 1], p, ev->ann);
    if (k < 2)
        ikd_step_record_link_earlier_answer(&qm->steps[k], &qm->steps[k + 1]);
    const ikd_step_record *answer = k < 2 ? &qm->steps[k + 1] : NULL;
    if (resend && answer && answer->copies && p->time - answer->first_time >= IKD_ANSWER_CROSSED_SECONDS) {
        ikd_role missing = k == 0 ? IKD_ROLE_INITIATOR : IKD_ROLE_RESPONDER;
        ikd_flag_response_lost(ev->ann, (ikd_step)(ev->ann->result.step + 1), answer->first_frame, missing);
    }
    ikd_message_index_remember(ev->ctx->messages, p->frame, p->pdu, k < 2 ? &qm->steps[k] : NULL); /* QM3: no answer */
    if (p->decrypted)
        ikd_v1_read_phase2_proposals(ev, qm, resend);
}
