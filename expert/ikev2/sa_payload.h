/* ikediag - the IKEv2 SA payload (RFC 7296 3.3): its proposals and their
 * transforms, checked and kept in the message view, and the questions later
 * stages ask of an offer or a choice.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_SA_PAYLOAD_H
#define IKD_V2_SA_PAYLOAD_H

#include "ikev2/walk.h"

/* body covers the bytes after the SA payload's generic header, which starts
 * at payload_offset. The first SA payload of a message fills msg->sa. */
void ikd_v2_check_sa_body(ikd_v2_walk *w, ikd_reader *body, size_t payload_offset);

/* The first transform of this type in stored proposal p of msg->sa, or NULL. */
const ikd_v2_transform *ikd_v2_proposal_transform(const ikd_v2_message *msg, size_t p, uint8_t type);
/* Whether any proposal of msg->sa has a transform of this type and ID. */
bool ikd_v2_sa_offers(const ikd_v2_message *msg, uint8_t type, uint16_t id);

/* Visits every stored proposal of msg->sa and, in order, its transforms:
 * an offer's alternatives, or a choice's one proposal. */
typedef void ikd_v2_transform_visitor(void *context, const ikd_v2_proposal *proposal,
                                      const ikd_v2_transform *transform);
void ikd_v2_sa_visit(const ikd_v2_message *msg, ikd_v2_transform_visitor *visit, void *context);

#endif
