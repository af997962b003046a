/* ikediag - retransmission back-off fingerprinting: which IKE implementation
 * resends a message at these intervals.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_BACKOFF_H
#define IKD_BACKOFF_H

#include <stddef.h>

/* intervals: seconds between consecutive copies of one message (first copy at
 * t=0 excluded), n >= 1.
 * Returns the best-matching implementation name (e.g. "Cisco IOS 12.1-15.0
 * (10 s)", "strongSwan charon (4, 7, 13, 23, 42 s)", "Windows 2000/XP (1, 2,
 * 4, 8 s)", "libreswan (0.5 s doubling)", "Cisco ASA / VPN 3000 (8 s)", ...)
 * or NULL if nothing fits within tolerance, or if more than one pattern fits
 * equally well (see backoff.c for the rules). NULL too for n == 0 or
 * intervals == NULL. The string is static. */
const char *ikd_backoff_guess(const double *intervals, size_t n);

#endif
