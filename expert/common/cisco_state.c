/* ikediag - Cisco's state and step names.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/cisco_state.h"

static const char *const ios_names[] = {
#define IKD_X(id, name) name,
    IKD_IOS_STATES(IKD_X)
#undef IKD_X
};

static const char *const asa_names[] = {
#define IKD_X(id, name) name,
    IKD_ASA_STATES(IKD_X)
#undef IKD_X
};

static const char *const step_names[] = {
#define IKD_X(id, name) name,
    IKD_STEPS(IKD_X)
#undef IKD_X
};

const char *ikd_ios_state_name(ikd_ios_state s)
{
    return (unsigned)s < IKD_IOS_STATE_COUNT ? ios_names[s] : "";
}

const char *ikd_asa_state_name(ikd_asa_state s)
{
    return (unsigned)s < IKD_ASA_STATE_COUNT ? asa_names[s] : "";
}

const char *ikd_step_name(ikd_step s)
{
    return (unsigned)s < IKD_STEP_COUNT ? step_names[s] : "unknown";
}

const char *ikd_role_name(ikd_role r)
{
    switch (r) {
    case IKD_ROLE_INITIATOR: return "initiator";
    case IKD_ROLE_RESPONDER: return "responder";
    default: return "unknown";
    }
}

int ikd_step_phase1_number(ikd_step s)
{
    if (s >= IKD_STEP_MM1 && s <= IKD_STEP_MM6)
        return (int)(s - IKD_STEP_MM1) + 1;
    if (s >= IKD_STEP_AM1 && s <= IKD_STEP_AM3)
        return (int)(s - IKD_STEP_AM1) + 1;
    return 0;
}

int ikd_step_is_request(ikd_step s)
{
    switch (s) {
    case IKD_STEP_MM1: case IKD_STEP_MM3: case IKD_STEP_MM5:
    case IKD_STEP_AM1: case IKD_STEP_QM1: case IKD_STEP_QM2:
        return 1;
    default:
        return 0;
    }
}
