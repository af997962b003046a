/* ikediag - what an IKEv2 SA payload offers, per transform type, as sets of
 * the algorithms IOS names (`show crypto ikev2 proposal` words: AES-CBC-256,
 * SHA256, SHA96, DH group 14), small enough for a finding's arguments: the
 * offer of a refused IKE_SA_INIT and what two peers' offers lack in common.
 *
 * The union over all proposals of the protocol is kept, not which proposal
 * holds which combination: enough to say which type shares nothing, which
 * is what a NO_PROPOSAL_CHOSEN usually comes down to; a type that shares
 * something may still be paired differently in the proposals.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_OFFER_H
#define IKD_V2_OFFER_H

#include "ikev2/message_view.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint32_t encr;      /* bit per named encryption and key length; bit 31: another */
    uint32_t integ_prf; /* integrity in the low 16 bits, PRF in the high 16; bit 15 of each: another */
    uint32_t dh;        /* bit g-1 for D-H group g (1-31); bit 31: another */
} ikd_v2_offer;

/* Differences, by transform type. */
enum { IKD_V2_OFFER_ENCR = 1, IKD_V2_OFFER_INTEG = 2, IKD_V2_OFFER_PRF = 4, IKD_V2_OFFER_DH = 8 };

/* The union of the transforms of every proposal for `protocol` in sa. */
void ikd_v2_offer_read(const ikd_v2_sa_payload *sa, uint8_t protocol, ikd_v2_offer *out);
bool ikd_v2_offer_empty(const ikd_v2_offer *offer);
/* IKD_V2_OFFER_* bits of the types both offers name but share nothing of. */
uint32_t ikd_v2_offer_no_common(const ikd_v2_offer *a, const ikd_v2_offer *b);

/* "Encr AES-CBC-256 AES-CBC-128, PRF SHA256, Integrity SHA256, DH group 14 19";
 * "an offer not read" when empty. */
const char *ikd_v2_offer_text(const ikd_v2_offer *offer, char *buf, size_t size);
/* "encryption, DH group" for IKD_V2_OFFER_* bits. */
const char *ikd_v2_offer_difference_text(uint32_t bits, char *buf, size_t size);

#endif
