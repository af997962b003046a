/* ikediag - rekeys inside an IKEv2 SA's CREATE_CHILD_SA exchanges: the IKE
 * SA rekeyed (an SA payload for protocol IKE with an 8-byte SPI, RFC 7296
 * 1.3.2) or a child SA (N(REKEY_SA), 1.3.3), both peers rekeying the same
 * SA at once (a collision, 2.8.1-2.8.2), and what the new IKE SA takes over
 * from the one it replaces (2.18).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_REKEY_H
#define IKD_V2_REKEY_H

#include "ikev2/child_sa.h"
#include "ikev2/ikev2_sa.h"

/* A decrypted CREATE_CHILD_SA request: notes what it rekeys in x and, when
 * the other peer's rekey of the same SA is still unanswered, that request's
 * frame in its rekey record's collides_with (ikd_v2_rekey_of). Returns
 * true for an IKE SA rekey. */
bool ikd_v2_rekey_request(ikd_v2_sa *v2, ikd_v2_exchange *x, const ikd_v2_body *m);
/* Its decrypted response, for an IKE SA rekey: the new SPIr and the
 * proposal chosen. Returns false when x is no IKE SA rekey. */
bool ikd_v2_rekey_response(ikd_v2_sa *v2, ikd_v2_exchange *x, const ikd_v2_body *m);

/* The exchange of old that made the IKE SA with these SPIs, or NULL. */
const ikd_v2_exchange *ikd_v2_rekey_that_made(const ikd_v2_sa *old, const uint8_t spi_i[8], const uint8_t spi_r[8]);
/* x, an exchange of v2, made (answered) the IKE SA with these SPIs. */
bool ikd_v2_rekey_made(const ikd_v2_sa *v2, const ikd_v2_exchange *x, const uint8_t spi_i[8],
                       const uint8_t spi_r[8]);
/* An IKE SA's two SPIs as one key (core/key_chains.h). */
uint64_t ikd_v2_spi_pair_key(const uint8_t spi_i[8], const uint8_t spi_r[8]);
/* The new IKE SA fresh, made by old's exchange x, takes what a rekey does
 * not change (RFC 7296 2.18): the transforms x chose, each side's identity,
 * AUTH method, fragmentation support and NAT detection, and old's child SAs
 * still up. The rekey's requester is fresh's original initiator, so each
 * side is renumbered when it was old's responder. */
void ikd_v2_inherit(ikd_v2_sa *fresh, ikd_v2_sa *old, const ikd_v2_exchange *x);

#endif
