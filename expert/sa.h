/* ikediag - one ISAKMP SA as rebuilt from the wire.
 *
 * Created by the first message with a new initiator cookie, bound to the
 * responder cookie when that appears, kept across the NAT-T move to UDP 4500.
 * peer[0] is the initiator and peer[1] the responder when roles_known; for an
 * SA first seen after phase 1 (the capture started late) they are simply the
 * first sender and its peer.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_SA_H
#define IKD_SA_H

#include "cisco_state.h"
#include "findings.h"
#include "phase2.h"
#include "transform.h"

#include <stdbool.h>
#include <stdint.h>

typedef struct {
    uint8_t family; /* 4 or 6; 0 when unknown */
    uint8_t bytes[16];
} ikd_address;

bool ikd_address_equal(const ikd_address *a, const ikd_address *b);
/* Text form ("192.0.2.1", "2001:db8::1"); buf needs 46 bytes. */
const char *ikd_address_format(const ikd_address *a, char *buf, size_t size);

enum { IKD_MAX_GAPS = 12 };

/* Copies of one message: the first, the last, and its answer. */
typedef struct {
    uint32_t copies; /* 0: never sent */
    uint32_t first_frame, first_pdu;
    double first_time;
    uint32_t last_frame, last_pdu;
    double last_time;
    uint32_t answer_frame; /* first copy of the peer's next message */
    bool on_nat_t;         /* sent on UDP 4500 */
    uint64_t first_hash;      /* of the first copy's bytes: tells a resend from the next message */
    float gaps[IKD_MAX_GAPS]; /* seconds between successive copies, for back-off fingerprints */
    uint8_t gap_count;
} ikd_step_record;

enum { IKD_MAX_PHASE2_OFFERS = 8 };

/* One quick mode (phase 2) exchange: a "node" in IOS debugs. */
typedef struct {
    uint32_t message_id;
    ikd_phase2_transform offers[IKD_MAX_PHASE2_OFFERS]; /* QM1's, when Wireshark decrypted it */
    uint32_t offer_count;
    int initiator_peer; /* index into ikd_sa.peer of the peer that sent QM1 */
    ikd_step_record qm[3];
    uint32_t rejected_by_info; /* frame of an informational that answered QM1 instead of QM2 */
} ikd_qm_node;

/* A message one peer sent in Cisco fragments (payload 132), followed so it
 * can be placed even when Wireshark did not rebuild it (out-of-order
 * fragments, or two fragmented messages at once). */
typedef struct {
    bool active;
    uint16_t id;
    uint8_t last_number;   /* 0 until the fragment flagged "last" arrived */
    uint32_t seen;         /* bit n-1 for fragment n (1..32) */
    bool have_inner;       /* fragment 1 arrived: the inner header is known */
    bool inner_encrypted;
    bool inner_has_ke;
    bool inner_has_sa;
} ikd_fragment_set;

/* Weak choices an SA made (set where the weak-crypto findings are raised). */
enum {
    IKD_WEAK_ENCRYPTION = 1u << 0,
    IKD_WEAK_HASH = 1u << 1,
    IKD_WEAK_GROUP = 1u << 2,
    IKD_WEAK_AGGRESSIVE_PSK = 1u << 3,
    IKD_WEAK_P2_ENCRYPTION = 1u << 4, /* esp-des, esp-3des and older ciphers */
    IKD_WEAK_P2_NULL = 1u << 5,       /* esp-null */
    IKD_WEAK_P2_HASH = 1u << 6,       /* HMAC-MD5 */
};

/* Capability letters of `show crypto isakmp sa detail`. */
enum {
    IKD_CAP_DPD = 1u << 0,      /* D */
    IKD_CAP_NAT_T = 1u << 1,    /* N */
    IKD_CAP_XAUTH = 1u << 2,    /* X */
    IKD_CAP_MODE_CFG = 1u << 3, /* C */
    IKD_CAP_FRAG = 1u << 4,     /* F */
};

enum { IKD_MAX_OFFERS = 32 };

typedef struct ikd_sa {
    uint32_t conn_id;
    uint8_t icookie[8];
    uint8_t rcookie[8];
    bool rcookie_known;
    bool roles_known;
    ikd_address peer[2];
    uint16_t port[2]; /* latest seen */
    uint8_t mode;     /* IKD_EX_MAIN, IKD_EX_AGGRESSIVE, or 0 when phase 1 was not seen */

    ikd_step_record p1[7]; /* phase-1 steps by number: MM1..MM6 or AM1..AM3 */
    int initiator_has; /* highest responder step the initiator is believed to have */
    int responder_sent; /* highest step the responder sent */
    ikd_ios_state state_initiator;
    ikd_ios_state state_responder;
    ikd_asa_state asa_state;

    bool deleted;   /* rejected or deleted on the wire */
    bool abandoned; /* stopped short and given up (recomputed with the verdicts) */
    uint32_t deleted_frame;
    uint16_t reject_notify; /* an error notification that ended phase 1 */
    int reject_sender;      /* peer index */
    uint32_t reject_frame;
    uint32_t phase1_informationals; /* encrypted refusals of MM5/AM2 before phase 1 completed */
    uint32_t refusal_frame;         /* the first of them */
    bool refused_step_resent;       /* the refused message was sent again after it */
    unsigned nat_behind;            /* bit per peer found behind NAT by its NAT-D payloads */

    uint32_t first_frame, last_frame, last_pdu;
    double first_time, last_time;
    uint32_t established_frame; /* 0 until phase 1 completed in the capture */
    double established_time;
    bool established_before_capture;
    uint32_t messages;
    uint32_t retransmissions;
    uint32_t nat_t_frame; /* first message on UDP 4500, 0 if none */
    int nat_t_peer;       /* who sent it */
    bool nat_t_answered;  /* the other peer also sent on UDP 4500 */
    unsigned capabilities;
    unsigned vid_dpd_peers; /* bit per peer that announced DPD */
    const char *implementation[2]; /* per peer: the vendor its vendor IDs name (static), or NULL */
    const char *backoff[2];        /* per peer: the implementation its retransmission timing matches, or NULL */
    bool xauth_announced;   /* an XAUTH vendor ID was seen */

    unsigned weaknesses;  /* IKD_WEAK_* of the chosen transform and mode */
    ikd_transform chosen; /* the responder's choice from MM2/AM2 */
    ikd_phase2_transform chosen_phase2; /* the last decrypted QM2's choice (when IKD_WEAK_P2_* is set) */
    bool chosen_known;
    /* The initiator's offer from MM1/AM1 (ISAKMP transforms, in order). */
    ikd_transform_entry offers[IKD_MAX_OFFERS];
    uint32_t offer_count; /* stored */
    uint32_t offers_seen; /* in the message, may exceed IKD_MAX_OFFERS */

    bool has_verdict; /* set at the end of the capture: where and why it stopped */
    ikd_finding verdict;

    ikd_fragment_set fragments[2]; /* per peer */

    ikd_qm_node *qm;
    uint32_t qm_count, qm_capacity;
} ikd_sa;

ikd_ios_state ikd_sa_state(const ikd_sa *sa); /* the less advanced side */
const char *ikd_sa_status(const ikd_sa *sa);   /* "ACTIVE" or "ACTIVE (deleted)" */
/* "DN" style capability letters; buf needs 8 bytes. */
const char *ikd_sa_capabilities(const ikd_sa *sa, char *buf, size_t size);
/* The SA's weak choices in words ("3des, md5, group 2, aggressive mode with psk"), "" if none. */
const char *ikd_sa_weakness_text(const ikd_sa *sa, char *buf, size_t size);

#endif
