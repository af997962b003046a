/* ikediag - the quick modes of an SA that may still get their QM2 (awaiting_qm2.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/awaiting_qm2.h"

#include <glib.h>

/* Stack by starter: unknown (-1), peer 0, peer 1. */
enum { STARTERS = 3 };

struct ikd_awaiting_qm2 {
    GPtrArray *by_starter[STARTERS]; /* ikd_quick_mode* (not owned), oldest first */
    uint32_t filed;                  /* the SA's first quick modes, filed (or found not waiting) */
};

static int stack_of(int starter)
{
    return starter == 0 || starter == 1 ? starter + 1 : 0;
}

bool ikd_qm_awaits_qm2(const ikd_quick_mode *qm)
{
    return qm->steps[0].copies && !qm->steps[1].copies && !qm->rejected_by_info;
}

/* Order of creation: a waiting quick mode's QM1 (steps[0]) is the message that made it. */
static bool made_before(const ikd_quick_mode *a, const ikd_quick_mode *b)
{
    return ikd_step_record_first_before(&a->steps[0], &b->steps[0]);
}

ikd_awaiting_qm2 *ikd_awaiting_qm2_new(void)
{
    ikd_awaiting_qm2 *awaiting = g_new(ikd_awaiting_qm2, 1);
    for (int s = 0; s < STARTERS; s++)
        awaiting->by_starter[s] = g_ptr_array_new();
    awaiting->filed = 0;
    return awaiting;
}

void ikd_awaiting_qm2_free(ikd_awaiting_qm2 *awaiting)
{
    if (!awaiting)
        return;
    for (int s = 0; s < STARTERS; s++)
        g_ptr_array_free(awaiting->by_starter[s], TRUE);
    g_free(awaiting);
}

/* Files the quick modes made since the last search, their starters now set. */
static void file_new(ikd_awaiting_qm2 *awaiting, ikd_quick_mode *const *slots, uint32_t count)
{
    for (; awaiting->filed < count; awaiting->filed++) {
        ikd_quick_mode *qm = slots[awaiting->filed];
        if (ikd_qm_awaits_qm2(qm))
            g_ptr_array_add(awaiting->by_starter[stack_of(qm->initiator_peer)], qm);
    }
}

/* A quick mode whose starter became known, into its starter's stack in
 * order of creation (rare: its QM1 came from an address the SA did not know). */
static void move_to_starter(ikd_awaiting_qm2 *awaiting, ikd_quick_mode *qm)
{
    GPtrArray *stack = awaiting->by_starter[stack_of(qm->initiator_peer)];
    guint at = stack->len;
    while (at > 0 && made_before(qm, g_ptr_array_index(stack, at - 1)))
        at--;
    g_ptr_array_insert(stack, (gint)at, qm);
}

/* The stack's newest quick mode still waiting, dropping those that are not
 * (for good) from its top; NULL when it is empty. */
static ikd_quick_mode *settled_top(ikd_awaiting_qm2 *awaiting, int s)
{
    GPtrArray *stack = awaiting->by_starter[s];
    while (stack->len) {
        ikd_quick_mode *qm = g_ptr_array_index(stack, stack->len - 1);
        if (ikd_qm_awaits_qm2(qm) && stack_of(qm->initiator_peer) == s)
            return qm;
        g_ptr_array_set_size(stack, stack->len - 1);
        if (ikd_qm_awaits_qm2(qm))
            move_to_starter(awaiting, qm);
    }
    return NULL;
}

bool ikd_awaiting_qm2_newest(ikd_awaiting_qm2 *awaiting, ikd_quick_mode *const *slots, uint32_t count, int peer,
                             ikd_quick_mode **newest)
{
    file_new(awaiting, slots, count);
    *newest = NULL;
    for (int s = 0; s < STARTERS; s++) {
        ikd_quick_mode *top = settled_top(awaiting, s);
        if (top && top->initiator_peer == peer && s == stack_of(-1))
            return false; /* an unknown starter on top, an unknown sender: what lies under it (see the header) */
        if (top && top->initiator_peer != peer && (!*newest || made_before(*newest, top)))
            *newest = top;
    }
    return true;
}
