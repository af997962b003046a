/* ikediag - the remote-access record of an ISAKMP SA.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/remote_access.h"

const char *ikd_txn_step_name(ikd_txn_step step)
{
    static const char *const names[IKD_TXN_STEPS] = {
        "TXN",           "XAUTH REQUEST",    "XAUTH REPLY",    "XAUTH SET",    "XAUTH ACK",
        "MODE-CFG REQUEST", "MODE-CFG REPLY", "MODE-CFG SET", "MODE-CFG ACK",
    };
    return step < IKD_TXN_STEPS ? names[step] : names[0];
}

bool ikd_txn_step_is_xauth(ikd_txn_step step)
{
    return step >= IKD_TXN_XAUTH_REQUEST && step <= IKD_TXN_XAUTH_ACK;
}

ikd_txn_step ikd_txn_answer_of(ikd_txn_step step)
{
    switch (step) {
    case IKD_TXN_XAUTH_REQUEST: return IKD_TXN_XAUTH_REPLY;
    case IKD_TXN_XAUTH_SET: return IKD_TXN_XAUTH_ACK;
    case IKD_TXN_CFG_REQUEST: return IKD_TXN_CFG_REPLY;
    case IKD_TXN_CFG_SET: return IKD_TXN_CFG_ACK;
    default: return IKD_TXN_UNKNOWN;
    }
}

static void free_txn(gpointer p)
{
    ikd_txn *t = p;
    ikd_step_record_release(&t->steps[0]);
    ikd_step_record_release(&t->steps[1]);
    g_free(t);
}

ikd_v1_ra *ikd_v1_ra_new(void)
{
    ikd_v1_ra *ra = g_new0(ikd_v1_ra, 1);
    ra->txns = g_ptr_array_new_with_free_func(free_txn);
    return ra;
}

void ikd_v1_ra_free(ikd_v1_ra *ra)
{
    if (!ra)
        return;
    ikd_keyed_items_clear(&ra->txn_by_id);
    g_ptr_array_free(ra->txns, TRUE);
    g_free(ra);
}

uint32_t ikd_v1_ra_txn_count(const ikd_v1_ra *ra)
{
    return ra ? ra->txns->len : 0;
}

const ikd_txn *ikd_v1_ra_txn_at(const ikd_v1_ra *ra, uint32_t i)
{
    return g_ptr_array_index(ra->txns, i);
}

static uint64_t key_of_txn(const void *item)
{
    return ((const ikd_txn *)item)->message_id;
}

ikd_txn *ikd_v1_ra_txn(ikd_v1_ra *ra, uint32_t message_id, int peer)
{
    ikd_txn *found = ikd_keyed_items_find(&ra->txn_by_id, ra->txns->pdata, ra->txns->len, message_id, key_of_txn);
    if (found)
        return found;
    ikd_txn *t = g_new0(ikd_txn, 1);
    t->message_id = message_id;
    t->starter = peer;
    g_ptr_array_add(ra->txns, t);
    ikd_keyed_items_file(&ra->txn_by_id, ra->txns->pdata, ra->txns->len, key_of_txn);
    if (peer == 0 || peer == 1)
        ra->started[peer]++;
    return t;
}
