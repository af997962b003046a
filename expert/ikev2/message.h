/* ikediag - the IKEv2 message reader (RFC 7296 3, RFC 7383): a read-only
 * view of one message and the sanity checks that need nothing but the
 * message itself.
 *
 * ikd_v2_message_read() never fails: whatever the bytes, it fills in what it
 * could read and lists what is wrong with them as findings, each marked as
 * an IKEv2 finding (core/findings.h) so its text names IKEv2's numbers.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_MESSAGE_H
#define IKD_V2_MESSAGE_H

#include "common/packet.h"
#include "ikev2/message_view.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* bytes: the message as captured (captured_len bytes); reported_len: how
 * long it was on the wire (larger when the snap length cut it). */
void ikd_v2_message_read(const uint8_t *bytes, size_t captured_len, size_t reported_len, ikd_transport transport,
                         ikd_v2_message *msg);

/* Reads Wireshark's decryption of outer's SK payload: the inner payloads,
 * then padding and the pad-length byte (RFC 7296 3.14). The chain starts
 * with outer->sk_next_payload. The header fields are outer's; payload and
 * finding offsets count from the start of the plaintext. */
void ikd_v2_message_read_decrypted(const ikd_v2_message *outer, const uint8_t *plaintext, size_t len,
                                   ikd_v2_message *inner);

/* Reads the plaintext of a message sent in SKF fragments (RFC 7383 2.6),
 * as Wireshark rebuilds it: every fragment's inner bytes joined, without
 * padding. The chain starts with first_payload, which only fragment 1's
 * SKF header names. */
void ikd_v2_message_read_reassembled(const ikd_v2_message *outer, uint8_t first_payload, const uint8_t *plaintext,
                                     size_t len, ikd_v2_message *inner);

#endif
