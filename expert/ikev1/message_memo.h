/* ikediag - first messages read once.
 *
 * An initiator's MM1 and a responder's MM2 are, from one implementation, the
 * same bytes every time but for the cookies: a peer offers the same policies
 * for each new SA, and an IKE scan or a flood sends one template thousands or
 * millions of times. The reader's view of a message is a function of its
 * bytes, its lengths and its transport; of the cookies only whether each is
 * zero counts (the view copies them, no check reads their value). So the
 * view of such a message is remembered in a small direct-mapped memo and
 * copied, with the message's own cookies, instead of read again: reading was
 * a third of the engine's cost of a flood's MM1 (callgrind: 1,980
 * instructions, the memo's hit about 150).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_MESSAGE_MEMO_H
#define IKD_MESSAGE_MEMO_H

#include "ikev1/message.h"

enum { IKD_TEMPLATE_SLOT_BITS = 4 };

/* ikd_message_read, remembering the views of clear main-mode messages that
 * begin with an SA payload (MM1, MM2). msg->template_id names the template
 * a remembered message repeats (the first of its kind included): ids are
 * never reused, and IKD_TEMPLATE_SLOT_BITS low bits of two templates
 * remembered at the same time differ. */
void ikd_message_read_remembered(const uint8_t *bytes, size_t captured_len, size_t reported_len,
                                 ikd_transport transport, ikd_message *msg);

#endif
