/* ikediag - an SA's R-U-THEREs (RFC 3706) as read, kept in order and found
 * again by the ACK that answers one: the bookkeeping under ikev1/dpd.c,
 * which reads the notifications and judges them. An ACK answers the newest
 * unanswered R-U-THERE of the other peer with the number it echoes, else
 * (sent again) the newest answered one. While an SA has few R-U-THEREs they
 * are walked; from IKD_KEYED_ITEMS_WALKED on, through a table of each
 * sender's numbers, the unanswered ones of a number a stack (walking them
 * for each ACK was quadratic in a long-lived SA's probes, or a hostile
 * capture's).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV1_DPD_LOG_H
#define IKD_IKEV1_DPD_LOG_H

#include "common/exchange.h"

#include <glib.h>

/* One R-U-THERE message and the ACK that answered it (rec.answer_frame). */
typedef struct ikd_dpd_probe {
    ikd_step_record rec;
    /* An older unanswered R-U-THERE with the same sender and number, once
     * they are found through the table. */
    struct ikd_dpd_probe *older_unanswered;
    uint32_t seq;
    int8_t sender;       /* peer index */
    bool maybe_answered; /* the other peer then sent an informational that could not be read */
} ikd_dpd_probe;

typedef struct ikd_dpd_log ikd_dpd_log;

ikd_dpd_log *ikd_dpd_log_new(void);
/* Frees the log and its R-U-THEREs (NULL: nothing). */
void ikd_dpd_log_free(ikd_dpd_log *log);
/* Keeps probe (g_new0'd, its sender, number and record filled in), the newest. */
void ikd_dpd_log_add(ikd_dpd_log *log, ikd_dpd_probe *probe);
/* The R-U-THERE that an ACK of number seq answers, sent by `sender`'s
 * peer, or NULL; *was_unanswered tells whether it waited for its ACK until
 * now. The caller links the answer into its record. */
ikd_dpd_probe *ikd_dpd_log_answer(ikd_dpd_log *log, int sender, uint32_t seq, bool *was_unanswered);

/* The R-U-THEREs in order (a NULL log has none). */
guint ikd_dpd_log_count(const ikd_dpd_log *log);
ikd_dpd_probe *ikd_dpd_log_at(const ikd_dpd_log *log, guint index);
/* The newest R-U-THERE from sender (0 or 1), or NULL. */
ikd_dpd_probe *ikd_dpd_log_latest(const ikd_dpd_log *log, int sender);

#endif
