/* ikediag - read-only view of one ISAKMP message, and the sanity checks that
 * need nothing but the message itself.
 *
 * ikd_message_read() never fails: whatever the bytes, it fills in what it
 * could read and lists what is wrong with them as findings.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_MESSAGE_H
#define IKD_MESSAGE_H

#include "ikev1/message_view.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* bytes: the message as captured (captured_len bytes); reported_len: how long
 * it was on the wire (larger when the capture's snap length cut it). */
void ikd_message_read(const uint8_t *bytes, size_t captured_len, size_t reported_len,
                      ikd_transport transport, ikd_message *msg);

/* Reads the plaintext Wireshark decrypted from an encrypted message (the
 * payloads after the header, padding included) as if it had been sent in
 * clear under outer's header. Padding after the last payload is not a finding. */
void ikd_message_read_decrypted(const ikd_message *outer, const uint8_t *plaintext, size_t len, ikd_message *inner);

bool ikd_cookie_is_zero(const uint8_t cookie[8]);
/* True if a payload of this type (draft numbers folded in) was seen. */
bool ikd_message_has_payload(const ikd_message *msg, uint8_t canonical_type);
/* The first payload of exactly this type, or NULL. */
const ikd_payload_ref *ikd_message_payload(const ikd_message *msg, uint8_t type);

#endif
