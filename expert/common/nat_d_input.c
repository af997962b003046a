/* ikediag - the NAT detection hash's input.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/nat_d_input.h"

#include <string.h>

size_t ikd_nat_d_input(const uint8_t spi_i[8], const uint8_t spi_r[8], const ikd_address *ip, uint16_t port,
                       uint8_t out[IKD_NAT_D_INPUT_MAX])
{
    size_t ip_len = ip->family == 6 ? 16 : 4;
    memcpy(out, spi_i, 8);
    memcpy(out + 8, spi_r, 8);
    memcpy(out + 16, ip->bytes, ip_len);
    out[16 + ip_len] = (uint8_t)(port >> 8);
    out[17 + ip_len] = (uint8_t)port;
    return 18 + ip_len;
}
