/* ikediag - what an IKEv2 SA's payloads say about its negotiation, for the
 * `show crypto ikev2 sa [detailed]` tables: the transforms the responder
 * chose (RFC 7296 3.3), each side's authentication method and identity
 * (RFC 7296 3.5, 3.8: readable only from Wireshark's decryption), NAT
 * detection (RFC 7296 2.23) and fragmentation support (RFC 7383 2.3).
 *
 * Kept apart from the tracker, which works from the headers alone: one call
 * per message, after the tracker placed it in its SA.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_CHOSEN_H
#define IKD_V2_CHOSEN_H

#include "common/packet.h"
#include "ikev2/message_view.h"

#include <stdbool.h>
#include <stdint.h>

enum { IKD_V2_ID_TEXT = 64 };

/* The IKE SA's transforms, from the IKE_SA_INIT response's SA payload. */
typedef struct {
    bool known;
    uint16_t encr, encr_key_bits; /* key bits 0: no Key Length attribute */
    uint16_t prf;
    bool has_integ;               /* absent with a combined-mode cipher (AES-GCM) */
    uint16_t integ;
    uint16_t dh;
} ikd_v2_ike_transforms;

/* Each side's identity (IDi, IDr) in text, "" if not read or not printable. */
typedef struct {
    char id[2][IKD_V2_ID_TEXT];
} ikd_v2_identities;

/* Per side, index 0 the original initiator as in ikd_sa.peer. */
typedef struct {
    ikd_v2_ike_transforms ike;
    bool init_read[2];     /* the side's IKE_SA_INIT (the response: one that set the SA up) was read */
    bool fragmentation[2]; /* its IKE_SA_INIT carried N(IKEV2_FRAGMENTATION_SUPPORTED) */
    bool natd_read[2];     /* its IKE_SA_INIT carried NAT detection notifications */
    uint8_t auth_method[2]; /* its first AUTH payload's method, 0 if none was read */
    bool eap[2];            /* it sent its identity without AUTH: EAP follows (RFC 7296 2.16) */
    /* Owned, NULL until an identity is read: out of line, as only a
     * decrypted IKE_AUTH tells it (inline, 128 bytes of every SA). */
    ikd_v2_identities *ids;
} ikd_v2_chosen;

/* Side's identity in text: "" when not read or not printable. */
const char *ikd_v2_identity(const ikd_v2_chosen *c, int side);
/* Sets side's identity to text ("" forgets it). */
void ikd_v2_set_identity(ikd_v2_chosen *c, int side, const char *text);

struct ikd_v2_sa;

/* The transforms of an SA payload's first proposal (the one a response
 * chose): false, and out untouched, when there is none or it is malformed. */
bool ikd_v2_ike_transforms_read(const ikd_v2_sa_payload *sa, ikd_v2_ike_transforms *out);

/* Notes what this message tells. msg is the clear-text view of the
 * message (bytes: the message), inner the view of Wireshark's decryption
 * of its SK payload (plaintext) or NULL. Also keeps ikd_sa.port current
 * and sets ikd_sa.nat_behind from the NAT detection hashes. */
void ikd_v2_chosen_note(struct ikd_v2_sa *v2, const ikd_packet *p, const ikd_v2_message *msg,
                        const ikd_v2_message *inner);

#endif
