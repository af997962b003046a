/* ikediag - counting set bits: how many attributes two proposals disagree on.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_BITS_H
#define IKD_BITS_H

static inline int ikd_bit_count(unsigned v)
{
    int n = 0;
    for (; v; v &= v - 1)
        n++;
    return n;
}

#endif
