/* ikediag - retransmission back-off fingerprinting.
 *
 * The patterns are the default timers in shared/research/cisco-ike-facts.md
 * section 2.4 (from ike-scan's ike-backoff-patterns, the strongSwan and
 * libreswan documentation and the Solaris ike.config defaults).
 *
 * Rules:
 * - An observed interval matches an expected one when it is within
 *   max(0.1 s, 10 % of the expected value) of it. ike-scan's default fuzz is
 *   0.1 s and it gives Cisco IOS's 10 s steps 1 s, which is the 10 %.
 * - A pattern fits a trace when every observed interval matches the pattern's
 *   interval at the same position. The trace may stop early (the capture ended
 *   or the peer answered) but may not be longer than the pattern: an
 *   implementation never sends more copies than its pattern lists.
 * - Two or more intervals: the fitting pattern with the smallest mean relative
 *   error wins; if two fit equally well (libreswan and Solaris share 0.5, 1,
 *   2, 4, 8) the answer is NULL.
 * - One interval says little (10 s is both IOS and FreeS/WAN): a name is
 *   returned only if exactly one pattern fits.
 * Unknown patterns (e.g. the capture lab's shortened strongSwan timers, 2.0,
 * 2.8, 3.9 s) return NULL; they are not special-cased.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/backoff.h"

#include <stdbool.h>

#define MAX_STEPS 12

typedef struct {
    const char *name;
    size_t count;            /* intervals in the pattern */
    double step[MAX_STEPS];  /* seconds between consecutive copies */
} backoff_pattern;

static const backoff_pattern patterns[] = {
    /* ike-scan: IOS 12.1-12.4, 15.0 (also Watchguard, Gnat Box, racoon); IOS debug "attempt N of 5" */
    { "Cisco IOS 12.1-15.0 (10 s)", 5, { 10, 10, 10, 10, 10 } },
    /* ike-scan: IOS 11.3 / 12.0, PIX <= 6.2 */
    { "Cisco IOS 11.3/12.0 or PIX <= 6.2 (15 s)", 2, { 15, 15 } },
    /* ike-scan: PIX 6.3 */
    { "Cisco PIX 6.3 (5 s)", 5, { 5, 5, 5, 5, 5 } },
    /* ike-scan: VPN 3000 concentrator, PIX 7.0 (the ASA lineage) */
    { "Cisco ASA / VPN 3000 (8 s)", 3, { 8, 8, 8 } },
    /* ike-scan: FreeS/WAN 1.9, Openswan 2.2, strongSwan 4.0 pluto */
    { "FreeS/WAN, Openswan or strongSwan pluto (10, 20 s)", 2, { 10, 20 } },
    /* docs.strongswan.org retransmission: timeout 4.0 * base 1.8^n, 5 tries */
    { "strongSwan charon (4, 7, 13, 23, 42 s)", 5, { 4.0, 7.2, 12.96, 23.328, 41.9904 } },
    /* libreswan retransmit-interval 500 ms, doubled each time, retransmit-timeout 60 s */
    { "libreswan (0.5 s doubling)", 7, { 0.5, 1, 2, 4, 8, 16, 32 } },
    /* ike-scan: Windows 2000 / 2003 / XP */
    { "Windows 2000/XP (1, 2, 4, 8 s)", 6, { 1, 2, 4, 8, 16, 32 } },
    /* ike-scan: FortiGate */
    { "FortiGate (6, 12 s)", 2, { 6, 12 } },
    /* ike-scan: Juniper NetScreen (ScreenOS) */
    { "Juniper NetScreen (4 s)", 11, { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4 } },
    /* ike-scan: Check Point FireWall-1 4.1 / NG / NGX */
    { "Check Point FW-1 (2 s, then 4 s)", 11, { 2, 2, 2, 2, 2, 2, 4, 4, 4, 4, 4 } },
    /* ike-scan; Solaris ike.config retry_limit 5, retry_timer_init 0.5 */
    { "Solaris (0.5 s doubling, 5 tries)", 5, { 0.5, 1, 2, 4, 8 } },
};

#define PATTERN_COUNT (sizeof patterns / sizeof patterns[0])

static double tolerance(double expected)
{
    double t = expected * 0.10;
    return t > 0.1 ? t : 0.1;
}

/* The mean relative error of the trace against the pattern, or a negative
 * value when the pattern does not fit. */
static double fit(const backoff_pattern *p, const double *intervals, size_t n)
{
    double sum = 0;
    if (n > p->count)
        return -1;
    for (size_t i = 0; i < n; i++) {
        double want = p->step[i];
        double diff = intervals[i] > want ? intervals[i] - want : want - intervals[i];
        if (!(diff <= tolerance(want))) /* also rejects NaN */
            return -1;
        sum += diff / want;
    }
    return sum / (double)n;
}

const char *ikd_backoff_guess(const double *intervals, size_t n)
{
    const backoff_pattern *best = NULL;
    double best_err = 0;
    size_t fitting = 0;
    bool tie = false;

    if (!intervals || n == 0)
        return NULL;
    for (size_t i = 0; i < PATTERN_COUNT; i++) {
        double err = fit(&patterns[i], intervals, n);
        if (err < 0)
            continue;
        fitting++;
        if (!best || err < best_err) {
            best = &patterns[i];
            best_err = err;
            tie = false;
        } else if (err == best_err) {
            tie = true;
        }
    }
    if (!best || tie || (n == 1 && fitting != 1))
        return NULL;
    return best->name;
}
