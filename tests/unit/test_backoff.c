/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/backoff: retransmission back-off fingerprints.
 *
 * Every pattern of research note 2.4 is matched exactly, with jitter inside
 * the tolerance (max(0.1 s, 10 %)), and rejected just outside it; then
 * partial traces, over-long traces, one-interval traces, ambiguity and bad
 * input. Traces are heap copies of exactly n doubles so that a read past the
 * end shows under ASan. */
#include "common/backoff.h"

#include <glib.h>
#include <math.h>
#include <stdbool.h>
#include <string.h>

#define IOS "Cisco IOS 12.1-15.0 (10 s)"
#define IOS_OLD "Cisco IOS 11.3/12.0 or PIX <= 6.2 (15 s)"
#define PIX63 "Cisco PIX 6.3 (5 s)"
#define ASA "Cisco ASA / VPN 3000 (8 s)"
#define PLUTO "FreeS/WAN, Openswan or strongSwan pluto (10, 20 s)"
#define CHARON "strongSwan charon (4, 7, 13, 23, 42 s)"
#define LIBRESWAN "libreswan (0.5 s doubling)"
#define WINDOWS "Windows 2000/XP (1, 2, 4, 8 s)"
#define FORTIGATE "FortiGate (6, 12 s)"
#define NETSCREEN "Juniper NetScreen (4 s)"
#define CHECKPOINT "Check Point FW-1 (2 s, then 4 s)"
#define SOLARIS "Solaris (0.5 s doubling, 5 tries)"

typedef struct {
    const char *name;
    const char *expect; /* what a trace of this pattern gives */
    size_t n;
    double step[12];
} pattern_case;

/* The full patterns, written from research 2.4 (charon: 4 * 1.8^k). Solaris's
 * whole pattern is libreswan's first five steps, so it is ambiguous (NULL);
 * it is in the table so that such a trace is not called libreswan. */
static const pattern_case full[] = {
    { IOS, IOS, 5, { 10, 10, 10, 10, 10 } },
    { IOS_OLD, IOS_OLD, 2, { 15, 15 } },
    { PIX63, PIX63, 5, { 5, 5, 5, 5, 5 } },
    { ASA, ASA, 3, { 8, 8, 8 } },
    { PLUTO, PLUTO, 2, { 10, 20 } },
    { CHARON, CHARON, 5, { 4, 7.2, 12.96, 23.328, 41.9904 } },
    { LIBRESWAN, LIBRESWAN, 7, { 0.5, 1, 2, 4, 8, 16, 32 } },
    { WINDOWS, WINDOWS, 6, { 1, 2, 4, 8, 16, 32 } },
    { FORTIGATE, FORTIGATE, 2, { 6, 12 } },
    { NETSCREEN, NETSCREEN, 11, { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4 } },
    { CHECKPOINT, CHECKPOINT, 11, { 2, 2, 2, 2, 2, 2, 4, 4, 4, 4, 4 } },
    { SOLARIS, NULL, 5, { 0.5, 1, 2, 4, 8 } },
};

static double tol(double v)
{
    return v * 0.10 > 0.1 ? v * 0.10 : 0.1;
}

/* Runs the guess on an exact-size heap copy. */
static const char *guess(const double *v, size_t n)
{
    double *copy = n ? g_memdup2(v, n * sizeof *v) : NULL;
    const char *r = ikd_backoff_guess(copy, n);
    g_free(copy);
    return r;
}

/* The first n steps of a pattern, each scaled by sign * fraction of its
 * tolerance (+ alternating with - when alternate is set). */
static const char *guess_jittered(const pattern_case *p, size_t n, double fraction, bool alternate)
{
    double v[12];
    g_assert_cmpuint(n, <=, p->n);
    for (size_t i = 0; i < n; i++) {
        double sign = alternate && (i % 2) ? -1.0 : 1.0;
        v[i] = p->step[i] + sign * fraction * tol(p->step[i]);
    }
    return guess(v, n);
}

static void test_exact(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(full); i++) {
        g_test_message("%s", full[i].name);
        g_assert_cmpstr(guess(full[i].step, full[i].n), ==, full[i].expect);
    }
}

/* The documented rounded charon values (4, 7, 13, 23, 42) are within 10 %. */
static void test_charon_rounded(void)
{
    const double v[] = { 4, 7, 13, 23, 42 };
    g_assert_cmpstr(guess(v, 5), ==, CHARON);
}

static void test_jitter_inside(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(full); i++) {
        g_test_message("%s", full[i].name);
        g_assert_cmpstr(guess_jittered(&full[i], full[i].n, 0.9, false), ==, full[i].expect);
        g_assert_cmpstr(guess_jittered(&full[i], full[i].n, -0.9, false), ==, full[i].expect);
        g_assert_cmpstr(guess_jittered(&full[i], full[i].n, 0.9, true), ==, full[i].expect);
    }
    /* concrete examples: IOS 10 s +- 1 s, libreswan 0.5 s +- 0.1 s */
    const double ios[] = { 10.9, 9.1, 10.0, 10.5, 9.5 };
    const double lsw[] = { 0.59, 1.09, 2.1, 3.7, 8.7, 16.5 };
    g_assert_cmpstr(guess(ios, 5), ==, IOS);
    g_assert_cmpstr(guess(lsw, 6), ==, LIBRESWAN);
}

/* One interval just outside its tolerance (by 0.02 s past the bound) and the
 * pattern no longer fits; nothing else does either. */
static void test_jitter_outside(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(full); i++) {
        for (size_t k = 0; k < full[i].n; k++) {
            double v[12];
            memcpy(v, full[i].step, sizeof v);
            v[k] = full[i].step[k] + tol(full[i].step[k]) + 0.02;
            g_test_message("%s, step %zu high", full[i].name, k);
            g_assert_cmpstr(guess(v, full[i].n), !=, full[i].name);
            v[k] = full[i].step[k] - tol(full[i].step[k]) - 0.02;
            g_test_message("%s, step %zu low", full[i].name, k);
            g_assert_cmpstr(guess(v, full[i].n), !=, full[i].name);
        }
    }
    const double ios_late[] = { 10, 11.2, 10 };
    const double asa_early[] = { 7.1, 8, 8 };
    g_assert_null(guess(ios_late, 3));
    g_assert_null(guess(asa_early, 3));
}

/* A trace cut short (capture ended, or the peer finally answered) still
 * matches from two intervals on; one longer than the pattern does not. */
static void test_partial_and_overlong(void)
{
    const double ios2[] = { 10, 10 };
    const double charon3[] = { 4.0, 7.2, 12.96 };
    const double win4[] = { 1, 2, 4, 8 };
    const double ns2[] = { 4, 4 };
    const double cp8[] = { 2, 2, 2, 2, 2, 2, 4, 4 };
    const double lsw6[] = { 0.5, 1, 2, 4, 8, 16 };
    g_assert_cmpstr(guess(ios2, 2), ==, IOS);
    g_assert_cmpstr(guess(charon3, 3), ==, CHARON);
    g_assert_cmpstr(guess(win4, 4), ==, WINDOWS);
    g_assert_cmpstr(guess(ns2, 2), ==, NETSCREEN);
    g_assert_cmpstr(guess(cp8, 8), ==, CHECKPOINT);
    g_assert_cmpstr(guess(lsw6, 6), ==, LIBRESWAN); /* Solaris stops after 5 */

    const double ios6[] = { 10, 10, 10, 10, 10, 10 }; /* IOS gives up after 5 retransmits */
    const double asa4[] = { 8, 8, 8, 8 };
    const double forti3[] = { 6, 12, 24 };
    const double ns12[] = { 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4, 4 };
    g_assert_null(guess(ios6, 6));
    g_assert_null(guess(asa4, 4));
    g_assert_null(guess(forti3, 3));
    g_assert_null(guess(ns12, 12));

    /* far longer than any pattern (none has more than 11 steps) */
    double many[40];
    for (size_t i = 0; i < G_N_ELEMENTS(many); i++)
        many[i] = 4;
    g_assert_null(guess(many, G_N_ELEMENTS(many)));
}

/* libreswan and Solaris share 0.5, 1, 2, 4, 8: ambiguous, so NULL, jitter or
 * not; the sixth step (16 s) settles it. */
static void test_ambiguous(void)
{
    const double shared[] = { 0.5, 1, 2, 4, 8 };
    const double jittered[] = { 0.45, 1.05, 2.1, 3.9, 8.3 };
    const double six[] = { 0.45, 1.05, 2.1, 3.9, 8.3, 15.2 };
    g_assert_null(guess(shared, 2));
    g_assert_null(guess(shared, 5));
    g_assert_null(guess(jittered, 5));
    g_assert_cmpstr(guess(six, 6), ==, LIBRESWAN);
}

/* One interval: a name only when exactly one pattern starts with it. */
static void test_single_interval(void)
{
    const double ten = 10, four = 4, half = 0.5, eight = 8, fifteen = 15, five = 5, six = 6, one = 1, two = 2;
    const double three = 3, seven = 7;
    g_assert_null(guess(&ten, 1));  /* IOS or FreeS/WAN pluto */
    g_assert_null(guess(&four, 1)); /* charon or NetScreen */
    g_assert_null(guess(&half, 1)); /* libreswan or Solaris */
    g_assert_cmpstr(guess(&eight, 1), ==, ASA);
    g_assert_cmpstr(guess(&fifteen, 1), ==, IOS_OLD);
    g_assert_cmpstr(guess(&five, 1), ==, PIX63);
    g_assert_cmpstr(guess(&six, 1), ==, FORTIGATE);
    g_assert_cmpstr(guess(&one, 1), ==, WINDOWS);
    g_assert_cmpstr(guess(&two, 1), ==, CHECKPOINT);
    g_assert_null(guess(&three, 1));
    g_assert_null(guess(&seven, 1)); /* nothing starts at 7 s (charon's second step) */
}

/* Patterns that are not in the table. */
static void test_unknown(void)
{
    /* the capture lab's shortened strongSwan timers: 2.0, 4.8, 8.7 s after the first copy */
    const double lab[] = { 2.0, 2.8, 3.9 };
    const double isakmpd[] = { 7, 9, 11 };
    const double fast[] = { 0.01, 0.01, 0.01 };
    g_assert_null(guess(lab, 3));
    g_assert_null(guess(isakmpd, 3));
    g_assert_null(guess(fast, 3));
}

static void test_bad_input(void)
{
    const double v[] = { 10, 10 };
    const double nan_trace[] = { 10, NAN };
    const double inf_trace[] = { 10, INFINITY };
    const double negative[] = { -10, -10 };
    g_assert_null(ikd_backoff_guess(NULL, 0));
    g_assert_null(ikd_backoff_guess(NULL, 3));
    g_assert_null(ikd_backoff_guess(v, 0));
    g_assert_null(guess(nan_trace, 2));
    g_assert_null(guess(inf_trace, 2));
    g_assert_null(guess(negative, 2));
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/backoff/exact", test_exact);
    g_test_add_func("/backoff/charon_rounded", test_charon_rounded);
    g_test_add_func("/backoff/jitter_inside", test_jitter_inside);
    g_test_add_func("/backoff/jitter_outside", test_jitter_outside);
    g_test_add_func("/backoff/partial_and_overlong", test_partial_and_overlong);
    g_test_add_func("/backoff/ambiguous", test_ambiguous);
    g_test_add_func("/backoff/single_interval", test_single_interval);
    g_test_add_func("/backoff/unknown", test_unknown);
    g_test_add_func("/backoff/bad_input", test_bad_input);
    return g_test_run();
}
