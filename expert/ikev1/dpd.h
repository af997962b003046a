/* ikediag - Dead Peer Detection (RFC 3706): R-U-THERE and R-U-THERE-ACK
 * notifications, which travel only in encrypted informationals and are read
 * from Wireshark's decryption of them. Each R-U-THERE is kept with the ACK
 * that answers it (matched by sequence number), so the capture can say which
 * probes went unanswered and whether the peer was declared dead. Without
 * keys nothing here is claimed: the notifications are not readable.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV1_DPD_H
#define IKD_IKEV1_DPD_H

#include "common/attached_findings.h"
#include "ikev1/dpd_log.h"
#include "ikev1/event.h"

enum { IKD_NOTIFY_R_U_THERE = 36136, IKD_NOTIFY_R_U_THERE_ACK = 36137 };

/* How a run of unacknowledged R-U-THEREs ended (the {N:dpdend} token). */
typedef enum {
    IKD_DPD_END_PROBING, /* still probing when the capture stops */
    IKD_DPD_END_DELETED, /* the sender then deleted the ISAKMP SA */
    IKD_DPD_END_SILENT,  /* the sender then sent nothing more on the SA */
    IKD_DPD_END_TOO_SHORT, /* too few, too close to the end of the capture to tell */
} ikd_dpd_end;

/* The last run of unacknowledged R-U-THEREs one peer sent. */
typedef struct {
    const ikd_dpd_probe *first, *last;
    uint32_t count;
    int sender;
    ikd_dpd_end end;
    double until; /* when it ended: the delete, or the last R-U-THERE */
} ikd_dpd_run;

/* A readable informational (content: the message or its decryption): its
 * R-U-THERE or R-U-THERE-ACK is noted in the result and on the SA, an ACK
 * linked to its R-U-THERE, an ISAKMP delete remembered. */
void ikd_v1_on_dpd(const ikd_v1_event *ev, const ikd_message *content);
/* An encrypted informational the capture cannot read may be the ACK of the
 * other peer's latest R-U-THERE: that one is then never called unanswered. */
void ikd_v1_dpd_unreadable(const ikd_v1_event *ev);

/* End of capture: each R-U-THERE never acknowledged though another followed
 * it, or the capture ran on past the time an ACK takes, gets dpd.unanswered. */
void ikd_v1_dpd_unanswered(ikd_attached_findings *board, const ikd_v1_sa *v1, double capture_end);
/* The longest final run of unacknowledged R-U-THEREs of one peer, and how it
 * ended; false when every R-U-THERE was acknowledged (or none was read). */
bool ikd_v1_dpd_last_run(const ikd_v1_sa *v1, double capture_end, ikd_dpd_run *run);
/* R-U-THEREs that make a peer dead on their own, without a delete or silence after them. */
enum { IKD_DPD_DEAD_AFTER = 3 };

#endif
