/* ikediag - an IP address as the engine keeps it: family and bytes, compared
 * and printed without any network library.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_ADDRESS_H
#define IKD_ADDRESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct {
    uint8_t family; /* 4 or 6; 0 when unknown */
    uint8_t bytes[16];
} ikd_address;

enum { IKD_ADDRESS_TEXT = 46 }; /* the longest IPv6 text form and its NUL */

bool ikd_address_equal(const ikd_address *a, const ikd_address *b);
/* Text form ("192.0.2.1", "2001:db8::1", RFC 5952); buf needs IKD_ADDRESS_TEXT bytes. */
const char *ikd_address_format(const ikd_address *a, char *buf, size_t size);
/* An address in four 32-bit words (a finding's arguments), IPv4 as
 * IPv4-mapped IPv6 (::ffff:a.b.c.d), and back. Unknown packs as all zero. */
void ikd_address_pack(const ikd_address *a, uint32_t words[4]);
ikd_address ikd_address_unpack(const uint32_t words[4]);

/* The address with only the bytes its family uses, the rest zero: equal
 * addresses (ikd_address_equal) are then equal byte for byte. */
ikd_address ikd_address_canonical(const ikd_address *a);

/* Two addresses as one key, the same whichever is given first: both
 * canonical, the lower (family, then bytes) first. 34 bytes, no padding,
 * so a pair can be hashed and compared as bytes. */
typedef struct {
    ikd_address lower, higher;
} ikd_address_pair;

ikd_address_pair ikd_address_pair_of(const ikd_address *a, const ikd_address *b);

#endif
