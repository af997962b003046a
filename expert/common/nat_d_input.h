/* ikediag - what a NAT detection payload hashes, in both IKE versions:
 * SPIi | SPIr | IP address | port (IKEv1: the cookies, RFC 3947 3.2, with
 * the negotiated hash; IKEv2: RFC 7296 2.23, with SHA-1).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_NAT_D_INPUT_H
#define IKD_NAT_D_INPUT_H

#include "core/address.h"

#include <stddef.h>
#include <stdint.h>

enum { IKD_NAT_D_INPUT_MAX = 8 + 8 + 16 + 2 };

/* Writes the hash's input for this address and port into out; returns its
 * length (22 for IPv4, 34 for IPv6). */
size_t ikd_nat_d_input(const uint8_t spi_i[8], const uint8_t spi_r[8], const ikd_address *ip, uint16_t port,
                       uint8_t out[IKD_NAT_D_INPUT_MAX]);

#endif
