/* ikediag - remote access over IKEv1 (Cisco Easy VPN): the SA's record of
 * the group (AM1's KEY_ID identity, ikev1/ra_group.h) and of the transaction
 * exchanges (type 6) that carry XAUTH and mode-config, each paired by
 * message ID and named.
 *
 * The SA's record (ikd_v1_ra, in its rare part: ikd_v1_ra_of) is made when
 * AM1 names a group or the first transaction message arrives. What the messages are comes from Wireshark's
 * decryption when there is one; without keys, from the counting rule
 * (research ikev2-remote-access-pki.md 3.1): the server's first exchange is
 * XAUTH's credentials, its second XAUTH's status, the client's first the
 * mode-config pull.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_REMOTE_ACCESS_H
#define IKD_REMOTE_ACCESS_H

#include "common/exchange.h"
#include "common/cfg_attributes.h"
#include "core/keyed_items.h"
#include "ikev1/event.h"

#include <glib.h>

typedef enum {
    IKD_TXN_UNKNOWN = 0,
    IKD_TXN_XAUTH_REQUEST,
    IKD_TXN_XAUTH_REPLY,
    IKD_TXN_XAUTH_SET,
    IKD_TXN_XAUTH_ACK,
    IKD_TXN_CFG_REQUEST,
    IKD_TXN_CFG_REPLY,
    IKD_TXN_CFG_SET,
    IKD_TXN_CFG_ACK,
    IKD_TXN_STEPS
} ikd_txn_step;

/* "XAUTH REQUEST" ... "MODE-CFG ACK"; "TXN" for unknown. */
const char *ikd_txn_step_name(ikd_txn_step step);
bool ikd_txn_step_is_xauth(ikd_txn_step step);
/* The answer to a REQUEST or SET (REPLY, ACK), UNKNOWN for others. */
ikd_txn_step ikd_txn_answer_of(ikd_txn_step step);

typedef enum { IKD_XAUTH_UNKNOWN = 0, IKD_XAUTH_OK, IKD_XAUTH_FAIL } ikd_xauth_outcome;

enum { IKD_MAX_REQUESTED = 16 };

/* One transaction exchange: a request (or set) and its answer, one message ID. */
typedef struct {
    uint32_t message_id;
    int starter;           /* peer index of its first message's sender */
    ikd_txn_step kind;     /* of its first message: a REQUEST or a SET; UNKNOWN */
    bool inferred;         /* kind from the counting rule */
    ikd_step_record steps[2]; /* the first message, its answer */
    uint16_t requested[IKD_MAX_REQUESTED]; /* a mode-config REQUEST's attribute types */
    uint32_t requested_count;
    bool answer_read;      /* the answer was decrypted */
} ikd_txn;

typedef struct ikd_v1_ra {
    char group[IKD_RA_NAME_TEXT]; /* AM1's KEY_ID, "" when none */
    char user[IKD_RA_NAME_TEXT];  /* XAUTH user name, from a decrypted REPLY */
    GPtrArray *txns;              /* ikd_txn*, owned, in order */
    ikd_keyed_items txn_by_id;    /* the transactions by message ID: walking them for each was quadratic */
    uint32_t started[2];          /* exchanges each peer started */
    uint32_t xauth_requests;      /* XAUTH REQUEST exchanges: the tries */
    ikd_xauth_outcome xauth;      /* read from a decrypted SET */
    uint32_t xauth_status_frame;  /* the SET that carried it (decrypted, or inferred) */
    bool address_known;
    ikd_address address;          /* what a reply or set assigned */
    uint32_t address_frame;
    uint32_t no_address_frame;    /* a read reply without the address the client asked for */
    uint32_t group_id;            /* ikd_intern of the group, 0 for none */
    uint32_t user_id;             /* ... of the user */
    /* Unread informationals each peer sent after the answer to an unread
     * mode-config REQUEST (ikev1/ra_config_refusal.h). */
    bool infos_after_reply_known;
    uint32_t infos_after_reply_of; /* that REQUEST's message ID */
    uint32_t infos_after_reply[2];
    uint32_t first_info_after_reply, last_info_after_reply;
} ikd_v1_ra;

/* A record for an SA's rare part (ikd_v1_ra_of), and its release. */
ikd_v1_ra *ikd_v1_ra_new(void);
void ikd_v1_ra_free(ikd_v1_ra *ra);
uint32_t ikd_v1_ra_txn_count(const ikd_v1_ra *ra);
const ikd_txn *ikd_v1_ra_txn_at(const ikd_v1_ra *ra, uint32_t i);
/* The exchange with this message ID, made when new (starter = peer). */
ikd_txn *ikd_v1_ra_txn(ikd_v1_ra *ra, uint32_t message_id, int peer);

#endif
