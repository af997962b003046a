/* ikediag - the words Cisco uses: IOS SA states, ASA SA states, and the
 * exchange steps (MM1..MM6, AM1..AM3, QM1..QM3; IKEv2's exchanges) a
 * message can be.
 *
 * Each list is an X-macro so a name can never go missing from its table.
 * Meanings: ../shared/research/cisco-ike-facts.md 1.4-1.6.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_CISCO_STATE_H
#define IKD_CISCO_STATE_H

/* IOS `show crypto isakmp sa` states, in the order an SA advances through
 * them within its mode. */
#define IKD_IOS_STATES(X) \
    X(NONE, "")                 \
    X(MM_NO_STATE, "MM_NO_STATE") \
    X(MM_SA_SETUP, "MM_SA_SETUP") \
    X(MM_KEY_EXCH, "MM_KEY_EXCH") \
    X(MM_KEY_AUTH, "MM_KEY_AUTH") \
    X(AG_NO_STATE, "AG_NO_STATE") \
    X(AG_INIT_EXCH, "AG_INIT_EXCH") \
    X(AG_AUTH, "AG_AUTH")       \
    X(QM_IDLE, "QM_IDLE")       \
    IKD_IKEV2_STATES(X)

/* IKEv2: the Status column of `show crypto ikev2 sa`, then the IOS IKEv2
 * state machine's names (debug `SM Trace` CurState), only those seen
 * verbatim in Cisco output (research notes 1.3). */
#define IKD_IKEV2_STATES(X) \
    X(V2_IN_NEG, "IN-NEG")      \
    X(V2_READY, "READY")        \
    X(V2_DELETE, "DELETE")      \
    X(I_WAIT_INIT, "I_WAIT_INIT") \
    X(I_WAIT_AUTH, "I_WAIT_AUTH") \
    X(R_WAIT_AUTH, "R_WAIT_AUTH") \
    X(AUTH_DONE, "AUTH_DONE")

/* ASA `show crypto ikev1 sa` states: the side that waits names the message
 * it waits for. */
#define IKD_ASA_STATES(X) \
    X(NONE, "")                   \
    X(MM_WAIT_MSG2, "MM_WAIT_MSG2") \
    X(MM_WAIT_MSG3, "MM_WAIT_MSG3") \
    X(MM_WAIT_MSG4, "MM_WAIT_MSG4") \
    X(MM_WAIT_MSG5, "MM_WAIT_MSG5") \
    X(MM_WAIT_MSG6, "MM_WAIT_MSG6") \
    X(MM_ACTIVE, "MM_ACTIVE")     \
    X(AM_WAIT_MSG2, "AM_WAIT_MSG2") \
    X(AM_WAIT_MSG3, "AM_WAIT_MSG3") \
    X(AM_ACTIVE, "AM_ACTIVE")

/* What a message is within its exchange. */
#define IKD_STEPS(X) \
    X(UNKNOWN, "unknown")   \
    X(MM1, "MM1") X(MM2, "MM2") X(MM3, "MM3") X(MM4, "MM4") X(MM5, "MM5") X(MM6, "MM6") \
    X(AM1, "AM1") X(AM2, "AM2") X(AM3, "AM3") \
    X(QM1, "QM1") X(QM2, "QM2") X(QM3, "QM3") \
    X(INFO, "INFO")         \
    X(TXN, "TXN")           \
    X(FRAGMENT, "FRAG")     \
    X(OTHER, "other")       \
    X(IKE_SA_INIT, "IKE_SA_INIT") X(IKE_AUTH, "IKE_AUTH") X(CREATE_CHILD_SA, "CREATE_CHILD_SA") \
    X(INFORMATIONAL, "INFORMATIONAL") X(IKE_INTERMEDIATE, "IKE_INTERMEDIATE") \
    X(KEEPALIVE, "KEEPALIVE") /* a NAT-T keepalive: not an IKE message */

typedef enum {
#define IKD_X(id, name) IKD_IOS_##id,
    IKD_IOS_STATES(IKD_X)
#undef IKD_X
    IKD_IOS_STATE_COUNT
} ikd_ios_state;

typedef enum {
#define IKD_X(id, name) IKD_ASA_##id,
    IKD_ASA_STATES(IKD_X)
#undef IKD_X
    IKD_ASA_STATE_COUNT
} ikd_asa_state;

typedef enum {
#define IKD_X(id, name) IKD_STEP_##id,
    IKD_STEPS(IKD_X)
#undef IKD_X
    IKD_STEP_COUNT
} ikd_step;

typedef enum {
    IKD_ROLE_UNKNOWN,
    IKD_ROLE_INITIATOR,
    IKD_ROLE_RESPONDER,
} ikd_role;

const char *ikd_ios_state_name(ikd_ios_state s);
const char *ikd_asa_state_name(ikd_asa_state s);
const char *ikd_step_name(ikd_step s);
const char *ikd_role_name(ikd_role r); /* "initiator", "responder", "unknown" */

/* Phase-1 steps in order: MM1..MM6 are 1..6, AM1..AM3 are 1..3, else 0. */
int ikd_step_phase1_number(ikd_step s);
int ikd_step_is_request(ikd_step s); /* a message that expects an answer */

#endif
