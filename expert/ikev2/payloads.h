/* ikediag - what an IKEv2 message's payloads tell its SA, beyond the
 * header: why IKE_SA_INIT was refused and what it chose (sa_init.c),
 * authentication and EAP (auth.c), child SAs and IKE SA rekeys,
 * liveness checks, deletes and late refusals (informational.c).
 *
 * Called by the tracker once per message, on its first copy: a resend
 * tells nothing new. Encrypted exchanges are read only when Wireshark
 * decrypted them; without keys the SA keeps what its headers proved.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_PAYLOADS_H
#define IKD_V2_PAYLOADS_H

#include "common/packet.h"
#include "ikev2/child_sa.h"
#include "ikev2/ikev2_sa.h"

/* One message as the reader saw it: its clear text, and its decrypted
 * payloads (inner.view NULL when it was not decrypted). */
typedef struct {
    ikd_v2_body clear;
    ikd_v2_body inner;
} ikd_v2_read;

/* The payloads the exchange is judged by: the clear ones of IKE_SA_INIT,
 * the decrypted ones of any other; NULL when they cannot be read. */
const ikd_v2_body *ikd_v2_payloads_of(const ikd_v2_read *m, uint8_t exchange);

/* sender: peer index of the message's sender. */
void ikd_v2_learn(ikd_v2_sa *v2, ikd_v2_exchange *x, int sender, bool response, const ikd_v2_read *m,
                  const ikd_packet *p);

/* What the payloads alone tell, without the message's size: for a message
 * rebuilt from fragments, read at the fragment that completed it. */
void ikd_v2_learn_payloads(ikd_v2_sa *v2, ikd_v2_exchange *x, int sender, bool response, const ikd_v2_read *m,
                           const ikd_packet *p);

/* sa_init.c */
void ikd_v2_learn_sa_init(ikd_v2_sa *v2, ikd_v2_exchange *x, int sender, bool response, const ikd_v2_body *m);
/* auth.c */
void ikd_v2_learn_auth(ikd_v2_sa *v2, ikd_v2_exchange *x, int sender, bool response, const ikd_v2_body *m,
                       const ikd_packet *p);
/* informational.c */
void ikd_v2_learn_informational(ikd_v2_sa *v2, ikd_v2_exchange *x, int sender, bool response,
                                const ikd_v2_body *m, const ikd_packet *p);

#endif
