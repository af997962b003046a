/* ikediag - weak cryptography in the IKE SA an IKEv2 responder chose
 * (RFC 8247 2.1-2.4): DES, 3DES and the other 64-bit-block ciphers, MD5
 * for PRF or integrity, DH groups 1, 2, 5 and 22; a SHA-1 PRF is noted.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_WEAK_CRYPTO_H
#define IKD_V2_WEAK_CRYPTO_H

#include "common/annotation.h"
#include "ikev2/ikev2_sa.h"

/* Flags the chosen transforms of v2 on this message (its IKE_SA_INIT
 * response, where the choice is made) and notes them in the SA's
 * weaknesses (IKD_WEAK_*). Once per SA. */
void ikd_v2_check_weak_crypto(ikd_v2_sa *v2, ikd_annotation *ann);

#endif
