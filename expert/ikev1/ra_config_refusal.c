/* ikediag - without keys: a client that refused the mode-config reply
 * (see ra_config_refusal.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/ra_config_refusal.h"

#include "ikev1/remote_access.h"

/* The SA's latest exchange when it is a mode-config REQUEST answered but not read. */
static const ikd_txn *unread_answered_pull(const ikd_v1_ra *ra)
{
    uint32_t n = ra ? ikd_v1_ra_txn_count(ra) : 0;
    if (!n)
        return NULL;
    const ikd_txn *t = ikd_v1_ra_txn_at(ra, n - 1);
    if (t->kind != IKD_TXN_CFG_REQUEST || !t->steps[1].copies || t->answer_read)
        return NULL;
    return t;
}

void ikd_v1_ra_note_unread_informational(const ikd_v1_event *ev)
{
    const ikd_txn *t = unread_answered_pull(ikd_v1_ra_seen(ev->sa));
    if (!t || ev->peer < 0 || ev->packet->frame <= ikd_step_record_last_frame(&t->steps[1]))
        return;
    ikd_v1_ra *ra = ikd_v1_ra_of(ev->ctx->records, ev->sa); /* there is one: t is its exchange */
    if (!ra->infos_after_reply_known || ra->infos_after_reply_of != t->message_id) {
        ra->infos_after_reply[0] = ra->infos_after_reply[1] = 0;
        ra->infos_after_reply_of = t->message_id;
        ra->infos_after_reply_known = true;
        ra->first_info_after_reply = ev->packet->frame;
    }
    ra->infos_after_reply[ev->peer]++;
    ra->last_info_after_reply = ev->packet->frame;
}

bool ikd_v1_ra_config_probably_refused(const ikd_v1_sa *v1, double capture_end, uint32_t args[IKD_FINDING_ARGS],
                                       uint32_t *frame)
{
    const ikd_v1_ra *ra = ikd_v1_ra_seen(v1);
    const ikd_txn *t = unread_answered_pull(ra);
    if (!t || ikd_v1_quick_mode_count(v1) || !ra->infos_after_reply_known || ra->infos_after_reply_of != t->message_id)
        return false;
    int client = t->starter;
    if (!ra->infos_after_reply[client] || ra->infos_after_reply[1 - client] ||
        v1->sa.last_frame != ra->last_info_after_reply)
        return false;
    args[0] = v1->sa.conn_id;
    args[1] = t->steps[1].first_frame;
    args[2] = ra->infos_after_reply[client];
    args[3] = ra->first_info_after_reply;
    args[4] = ikd_elapsed_ms(v1->sa.last_time, capture_end);
    *frame = ra->last_info_after_reply;
    return true;
}
