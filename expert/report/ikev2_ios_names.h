/* ikediag - IKEv2 numbers in the words `show crypto ikev2 sa` uses.
 *
 * Spellings seen in real IOS-XE output (ikev2-remote-access-pki.md 1.1):
 * AES-CBC, AES-GCM, 3DES; PRF SHA1/SHA256/SHA384/SHA512; Hash SHA96,
 * SHA256, SHA384, SHA512, None; Auth PSK. The others are unverified
 * (README: "IKEv2 tables"); numbers without a name print as IOS prints an
 * unset field, "Unknown - <n>".
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_REPORT_IKEV2_IOS_NAMES_H
#define IKD_REPORT_IKEV2_IOS_NAMES_H

#include <stddef.h>
#include <stdint.h>

/* buf receives "Unknown - <n>" when the number has no name. */
const char *ikd_v2_ios_encr(uint16_t id, char *buf, size_t size);
const char *ikd_v2_ios_prf(uint16_t id, char *buf, size_t size);
const char *ikd_v2_ios_integ(uint16_t id, char *buf, size_t size);
const char *ikd_v2_ios_auth(uint8_t method, char *buf, size_t size);

#endif
