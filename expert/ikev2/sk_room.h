/* ikediag - how many plaintext bytes an IKEv2 SK payload can hold, from its
 * length and the IKE SA's chosen transforms (RFC 7296 3.14): the payload
 * header, the IV and the integrity checksum are not plaintext. Without keys
 * this bounds what an encrypted answer can carry: an IKE_AUTH response with
 * no room for IDr and AUTH cannot have authenticated anyone.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_SK_ROOM_H
#define IKD_V2_SK_ROOM_H

#include "ikev2/chosen.h"

#include <stdint.h>

/* Bytes of plaintext (inner payloads, padding, pad length) in an SK payload
 * of sk_payload_len bytes; -1 when the transforms are not known or not
 * understood, so nothing may be concluded. */
int32_t ikd_v2_sk_plaintext_room(const ikd_v2_ike_transforms *t, uint32_t sk_payload_len);

/* The smallest plaintexts that hold IDr and AUTH, and IDr, AUTH and a
 * child SA (SA, TSi, TSr), pad length included: an ID payload is at least
 * 9 bytes (header, type, one byte of data), an AUTH at least 24 (a 16-byte
 * PRF output, the shortest in use), an SA with one proposal, a 4-byte SPI
 * and one transform 24, a traffic selector payload with one IPv4 selector 24. */
enum { IKD_V2_ROOM_ID_AUTH = 9 + 24 + 1, IKD_V2_ROOM_ID_AUTH_CHILD = 9 + 24 + 24 + 24 + 24 + 1 };

#endif
