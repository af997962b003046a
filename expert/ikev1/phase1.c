/* ikediag - phase 1: steps, each side's knowledge, Cisco states.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/phase1.h"

#include "ikev1/ikev1_names.h"
#include "ikev1/nat_detect.h"
#include "ikev1/phase1_proposals.h"
#include "ikev1/ra_group.h"

ikd_phase1_shape ikd_phase1_shape_of(const ikd_message *msg)
{
    if (!msg->payload_count && msg->capture_truncated) {
        /* The snap length left no payload header: the header's first payload
         * type is all there is (SA opens MM1/MM2, KE opens MM3/MM4). */
        ikd_phase1_shape first = { msg->encrypted, msg->next_payload == IKD_PL_KE, msg->next_payload == IKD_PL_SA };
        return first;
    }
    ikd_phase1_shape s = { msg->encrypted, ikd_message_has_payload(msg, IKD_PL_KE),
                           ikd_message_has_payload(msg, IKD_PL_SA) };
    return s;
}

ikd_step ikd_v1_phase1_step(const ikd_v1_sa *v1, ikd_phase1_shape m, int peer)
{
    if (v1->mode == IKD_EX_MAIN) {
        if (peer == 0)
            return m.encrypted ? IKD_STEP_MM5 : m.has_ke ? IKD_STEP_MM3 : IKD_STEP_MM1;
        return m.encrypted ? IKD_STEP_MM6 : m.has_ke ? IKD_STEP_MM4 : IKD_STEP_MM2;
    }
    if (peer == 0)
        return !m.encrypted && m.has_sa ? IKD_STEP_AM1 : IKD_STEP_AM3;
    return IKD_STEP_AM2;
}

/* The IOS main-mode state of a side that has received or sent `steps` messages. */
static ikd_ios_state main_mode_state(int steps)
{
    static const ikd_ios_state by_steps[IKD_MAIN_MODE_STEPS + 1] = {
        IKD_IOS_MM_NO_STATE, IKD_IOS_MM_NO_STATE, IKD_IOS_MM_SA_SETUP, IKD_IOS_MM_SA_SETUP,
        IKD_IOS_MM_KEY_EXCH, IKD_IOS_MM_KEY_EXCH, IKD_IOS_QM_IDLE,
    };
    return by_steps[steps < 0 ? 0 : steps > IKD_MAIN_MODE_STEPS ? IKD_MAIN_MODE_STEPS : steps];
}

static void update_phase1_states(ikd_v1_sa *v1)
{
    if (v1->mode == IKD_EX_MAIN) {
        v1->state_initiator = main_mode_state(v1->initiator_has);
        v1->state_responder = main_mode_state(v1->responder_sent);
        int top = ikd_v1_highest_step(v1);
        if (top < 1)
            top = 1;
        v1->asa_state = top == IKD_MAIN_MODE_STEPS ? IKD_ASA_MM_ACTIVE
                                                    : (ikd_asa_state)(IKD_ASA_MM_WAIT_MSG2 + top - 1);
    } else {
        bool am3 = ikd_v1_step_const(v1, 3)->copies > 0;
        v1->state_initiator = am3 ? IKD_IOS_QM_IDLE
                            : v1->initiator_has >= 2 ? IKD_IOS_AG_INIT_EXCH : IKD_IOS_AG_NO_STATE;
        v1->state_responder = am3 ? IKD_IOS_QM_IDLE
                            : v1->responder_sent >= 2 ? IKD_IOS_AG_INIT_EXCH : IKD_IOS_AG_NO_STATE;
        v1->asa_state = am3 ? IKD_ASA_AM_ACTIVE
                      : ikd_v1_step_const(v1, 2)->copies ? IKD_ASA_AM_WAIT_MSG3 : IKD_ASA_AM_WAIT_MSG2;
    }
}

/* What an ASA shows right after step n of the SA's mode. */
static ikd_asa_state asa_state_after(const ikd_v1_sa *v1, int n)
{
    bool main_mode = v1->mode == IKD_EX_MAIN;
    if (n == ikd_v1_phase1_steps(v1))
        return main_mode ? IKD_ASA_MM_ACTIVE : IKD_ASA_AM_ACTIVE;
    return (ikd_asa_state)((main_mode ? IKD_ASA_MM_WAIT_MSG2 : IKD_ASA_AM_WAIT_MSG2) + n - 1);
}

/* Step n was just seen (resend: again). Sending a step proves the step
 * before it arrived; repeating a step whose answer went out long ago means
 * that answer was lost. */
static void note_what_each_side_has(const ikd_v1_event *ev, int n, bool resend)
{
    ikd_v1_sa *v1 = ev->sa;
    const ikd_step_record *answer = n < ikd_v1_phase1_steps(v1) ? ikd_v1_step_const(v1, n + 1) : NULL;
    bool answer_lost = resend && answer && answer->copies &&
                       ev->packet->time - answer->first_time >= IKD_ANSWER_CROSSED_SECONDS;
    ikd_step next_step = (ikd_step)(ev->ann->result.step + 1);
    if (ev->peer == 0) {
        if (answer_lost && v1->initiator_has > n) {
            ikd_flag_response_lost(ev->ann, next_step, answer->first_frame, IKD_ROLE_INITIATOR);
            v1->initiator_has = n - 1;
        }
        if (n - 1 > v1->initiator_has)
            v1->initiator_has = n - 1;
    } else {
        if (answer_lost)
            ikd_flag_response_lost(ev->ann, next_step, answer->first_frame, IKD_ROLE_RESPONDER);
        if (n > v1->responder_sent)
            v1->responder_sent = n;
        if (n > v1->initiator_has)
            v1->initiator_has = n;
    }
}

static void note_established(ikd_v1_sa *v1, const ikd_packet *p)
{
    ikd_sa *sa = &v1->sa;
    if (!sa->established_frame && v1->state_initiator == IKD_IOS_QM_IDLE && v1->state_responder == IKD_IOS_QM_IDLE) {
        sa->established_frame = p->frame;
        sa->established_time = p->time;
    }
}

/* The step a responder sent last before step n. */
static int responder_step_before(const ikd_v1_sa *v1, int n)
{
    if (v1->mode == IKD_EX_AGGRESSIVE)
        return n > 2 ? 2 : 0;
    return (n - 1) / 2 * 2;
}

/* The first step seen of an SA the capture caught mid-exchange: both sides
 * had what comes before it. */
static void note_first_step(const ikd_v1_event *ev, int n)
{
    ikd_v1_sa *v1 = ev->sa;
    if (v1->first_step)
        return;
    v1->first_step = n;
    if (!v1->roles_inferred || n == 1)
        return; /* a first message with a responder cookie is flagged by the reader, not a late start */
    v1->sa.began_before_capture = true;
    v1->initiator_has = n - 1;
    v1->responder_sent = responder_step_before(v1, n);
    ikd_finding_id id = v1->roles_confirmed ? IKD_F_STARTED_LATE : IKD_F_STARTED_LATE_GUESS;
    ikd_findings_add(&ev->ann->findings, id, 0, 0, v1->sa.conn_id, ev->ann->result.step, 0, 0);
}

void ikd_v1_on_phase1(const ikd_v1_event *ev, ikd_phase1_shape shape, bool readable)
{
    ikd_v1_sa *v1 = ev->sa;
    ikd_message_result *result = &ev->ann->result;
    result->step = ikd_v1_phase1_step(v1, shape, ev->peer);
    int n = ikd_step_phase1_number(result->step);
    note_first_step(ev, n);
    int before = v1->initiator_has > v1->responder_sent ? v1->initiator_has : v1->responder_sent;
    ikd_step_record *record = ikd_v1_step(ev->ctx->records, v1, n);
    bool resend = ikd_step_record_copy(record, ev->packet, ev->ann, 1);
    ikd_sa_add_retransmissions(&v1->sa, resend);
    /* Resent after the peer's encrypted refusal: the sender could not read it. */
    uint32_t refusal = ikd_v1_rare_const(v1)->refusal_frame;
    if (resend && refusal && record->first_frame < refusal)
        v1->refused_step_resent = true;
    if (n >= 2)
        ikd_step_record_link_answer(ikd_v1_step(ev->ctx->records, v1, n - 1), ev->packet, ev->ann);
    if (n < ikd_v1_phase1_steps(v1))
        ikd_step_record_link_earlier_answer(record, ikd_v1_step_const(v1, n + 1));
    note_what_each_side_has(ev, n, resend);
    if (n > before)
        v1->sa.deleted = false; /* the negotiation went on after a rejection */
    update_phase1_states(v1);
    result->asa_state = asa_state_after(v1, n);

    if (readable && !resend)
        ikd_v1_read_phase1_proposals(ev);
    if (readable && !resend && result->step == IKD_STEP_AM1)
        ikd_v1_note_group(ev);
    if (readable && !resend && ikd_v1_chosen(v1))
        ikd_v1_check_nat_detection(ev);
    note_established(v1, ev->packet);
    /* The last step is answered by no step of its own. */
    ikd_message_index_remember(ev->ctx->messages, ev->packet->frame, ev->packet->pdu,
                               n < ikd_v1_phase1_steps(v1) ? record : NULL);
}
