/* ikediag - questions any stage asks of an IKEv2 message view.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/message_view.h"

#include "ikev2/ikev2_names.h"

const ikd_v2_payload_ref *ikd_v2_message_payload(const ikd_v2_message *msg, uint8_t type)
{
    for (uint32_t i = 0; i < msg->payload_count; i++)
        if (msg->payloads[i].type == type)
            return &msg->payloads[i];
    return NULL;
}

bool ikd_v2_message_has_payload(const ikd_v2_message *msg, uint8_t type)
{
    return ikd_v2_message_payload(msg, type) != NULL;
}

const ikd_v2_notify *ikd_v2_message_notify(const ikd_v2_message *msg, uint16_t type)
{
    for (uint32_t i = 0; i < msg->notify_count; i++)
        if (msg->notifies[i].type == type)
            return &msg->notifies[i];
    return NULL;
}

uint16_t ikd_v2_first_error(const ikd_v2_message *view)
{
    for (uint32_t i = 0; i < view->notify_count; i++)
        if (view->notifies[i].type && view->notifies[i].type <= IKD_V2_N_ERROR_LAST)
            return view->notifies[i].type;
    return 0;
}
