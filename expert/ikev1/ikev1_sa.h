/* ikediag - one ISAKMP (IKEv1) SA: the version-neutral SA (common/sa.h)
 * followed by what only IKEv1 has: main or aggressive mode and its six or
 * three steps, each side's IOS state, the phase-1 offer and choice, Cisco
 * fragments in flight, and the quick modes (phase 2) run under it.
 *
 * Created by the first message with a new initiator cookie, bound to the
 * responder cookie when that appears, kept across the NAT-T move to UDP 4500.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV1_SA_H
#define IKD_IKEV1_SA_H

#include "common/exchange.h"
#include "common/icmp.h"
#include "common/proxy_id.h"
#include "common/sa_store.h"
#include "core/record_slab.h"
#include "ikev1/message.h"
#include "ikev1/offer_pool.h"
#include "ikev1/phase2.h"
#include "ikev1/transform.h"

#include <glib.h>

/* Phase-1 steps: main mode has six messages, aggressive mode three. Step
 * numbers count from 1 (MM1), as ikd_v1_step() takes them. */
enum { IKD_MAIN_MODE_STEPS = 6, IKD_AGGRESSIVE_MODE_STEPS = 3, IKD_QUICK_MODE_STEPS = 3 };

enum { IKD_MAX_PHASE2_OFFERS = 8, IKD_MAX_OFFERS = 32 };

/* What only Wireshark's decryption of a quick mode tells (QM1's proxies and
 * the policy walk of its offer, QM2's choice, a DELETE naming its SPIs):
 * kept out of line, made when first written, since most captures come
 * without keys and it was 140 of a quick mode's 336 bytes (massif). */
typedef struct {
    /* QM2's choice. chosen.spi is the SPI the responder receives on;
     * initiator_spi the one the initiator offered with the chosen proposal
     * (the SPI it receives on). */
    ikd_phase2_transform chosen;
    uint32_t initiator_spi;
    /* The policy file's walk of QM1's offer (ios_phase2_walk.h): the file
     * line it names, and its outcome (policy_outcome, below). */
    uint32_t policy_line;
    /* A DELETE that named one of its SPIs: its frame (0 when none) and sender (deleted_by, below). */
    uint32_t deleted_frame;
    /* Read from the decrypted QM1 (or QM2 when QM1 was not readable). */
    ikd_proxy_id ids[2]; /* the initiator's (IDci) and the responder's (IDcr) proxy identity */
    bool ids_known;      /* false: no ID payloads, the proxies are the peers' addresses */
    bool chosen_known;
    uint8_t policy_outcome; /* NOT_WALKED without a policy file or an offer */
    ikd_address deleted_by;
    uint32_t offer_count;
    ikd_phase2_transform *offers; /* QM1's (owned, at most IKD_MAX_PHASE2_OFFERS) */
} ikd_qm_decrypted;

/* One quick mode (phase 2) exchange: a "node" in IOS debugs. The fields
 * are ordered so that none is padding. */
typedef struct {
    uint32_t message_id;
    ikd_step_record steps[IKD_QUICK_MODE_STEPS]; /* QM1, QM2, QM3 */
    ikd_qm_decrypted *decrypted; /* owned; NULL until a decryption told something (ikd_v1_qm_decrypted) */
    uint32_t rejected_by_info; /* frame of an informational that answered QM1 instead of QM2 */
    uint16_t reject_notify;    /* the notify type the informational that answered QM1 carried, when readable */
    int8_t initiator_peer;     /* index into ikd_sa.peer of the peer that sent QM1, -1 until known */
} ikd_quick_mode;

/* A message one peer sent in Cisco fragments (payload 132), followed so it
 * can be placed even when Wireshark did not rebuild it (out-of-order
 * fragments, or two fragmented messages at once). */
typedef struct {
    bool active;
    uint8_t last_number; /* 0 until the fragment flagged "last" arrived */
    uint16_t id;
    uint32_t seen;       /* bit n-1 for fragment n (1..32) */
    bool have_inner;     /* fragment 1 arrived: the inner header is known */
    bool inner_encrypted;
    bool inner_has_ke;
    bool inner_has_sa;
} ikd_fragment_set;

/* A datagram whose first IP fragment was seen: whether it ever arrived whole. */
typedef struct {
    ikd_step step;        /* what its first fragment shows it is */
    uint32_t copies;      /* first fragments seen of it (resends included) */
    uint32_t last_frame, last_pdu;
    double first_time, last_time;
    uint64_t prefix_hash; /* of the bytes in the first fragment */
    size_t prefix_len;
    bool whole;           /* the whole message was seen after all (Wireshark rebuilt it) */
} ikd_ip_fragmented;

/* What few SAs need: Cisco fragments in flight, a weak phase-2 choice,
 * ISAKMP deletes, the phase-1 identities read, IP fragments, ICMP errors,
 * DPD probes, remote access. Out of line, made when first written (ikd_v1_rare): inline,
 * they were 92 of every SA's 576 bytes, under a flood of MM1s and on
 * healthy SAs alike (massif). */
typedef struct {
    ikd_fragment_set fragments[2]; /* per peer */
    ikd_phase2_transform chosen_phase2; /* the last decrypted QM2's choice (when IKD_WEAK_P2_* is set) */
    uint32_t isakmp_delete_frame[2];    /* per peer: its first readable ISAKMP delete, 0 for none */
    double isakmp_delete_time[2];
    GBytes *phase1_id[2]; /* per peer: the body of its first phase-1 ID payload read, owned, NULL until one */
    GArray *ip_fragmented; /* ikd_ip_fragmented, or NULL until one is seen */
    ikd_icmp_seen *icmp;   /* [IKD_ICMP_KINDS]: ICMP errors quoting its messages, by kind; NULL until one */
    struct ikd_dpd_log *dpd; /* its R-U-THEREs (ikev1/dpd_log.h), owned, NULL until one is read */
    struct ikd_v1_ra *ra;    /* remote access (ikev1/remote_access.h), owned, NULL until seen */
    /* Phase 1 refused: most SAs never are (inline, 16 of every SA's bytes). */
    uint32_t reject_frame;
    uint32_t phase1_informationals; /* encrypted refusals of MM5/AM2 before phase 1 completed */
    uint32_t refusal_frame;         /* the first of them */
    uint16_t reject_notify;         /* an error notification that ended phase 1 */
    int8_t reject_sender;           /* the peer that sent it */
} ikd_v1_sa_rare;

/* What an SA has beyond its first message: phase-1 steps 2.., the
 * responder's choice (ikd_v1_step, ikd_v1_chosen), its quick modes and its
 * rare parts. Made when one of them is first written: a half-open SA (one
 * MM1 or AM1, flood.h) never has it, and in place its quick modes and the
 * rare part's pointer were 20 of the 248 bytes that kept a million of them
 * in malloc's 256-byte blocks. From the engine's slab of them
 * (ikd_v1_records). */
struct ikd_v1_later {
    ikd_step_record steps[IKD_MAIN_MODE_STEPS - 1];
    ikd_transform chosen; /* when chosen_known */
    bool chosen_known;
    uint32_t quick_mode_count;
    /* Its quick modes, owned, in order of appearance (quick_mode_count):
     * the one most SAs have in place, an array from the second on. A
     * GPtrArray cost 80 bytes for an SA's one quick mode, an array of one 32. */
    union {
        ikd_quick_mode *one;              /* quick_mode_count <= 1 */
        struct ikd_quick_mode_list *many; /* quick_mode_count > 1 (ikev1_sa.c) */
    } quick_modes;
    ikd_v1_sa_rare *rare; /* owned, NULL until written (ikd_v1_rare) */
};

/* One per SA of the capture: the fields are ordered by size so that none
 * is padding; states, steps and peer indices in a byte, flags in bits (184
 * bytes, carved from the engine's slab of them: core/record_slab.h). */
typedef struct ikd_v1_sa {
    ikd_sa sa; /* first: what every IKE SA has */

    /* Phase 1: MM1..MM6 or AM1..AM3, through ikd_v1_step(). What comes
     * after the first message is allocated when first written (later):
     * under a flood of MM1s the later steps were a third of every SA's
     * memory (massif). */
    ikd_step_record step_one; /* 28 bytes, 4-aligned: the four bytes below complete its 8 */
    uint8_t mode;          /* IKD_EX_MAIN, IKD_EX_AGGRESSIVE, or 0 when phase 1 was not seen */
    int8_t first_step;     /* the phase-1 step the SA was first seen at, 0 until one was placed */
    int8_t initiator_has;  /* how many phase-1 steps the initiator is believed to have (received or sent) */
    int8_t responder_sent; /* how many phase-1 steps the responder has sent */
    struct ikd_v1_later *later; /* owned, or NULL (ikev1_sa.c) */
    /* The initiator's offer from MM1/AM1 (ISAKMP transforms, in order, read
     * through ikd_v1_offers), held in the engine's pool of offers, where SAs
     * that offered the same share it; NULL until one was read. A fixed array
     * was a third of every SA's memory under an MM1 flood (massif); the
     * first transform in place, 24 of its bytes. */
    const ikd_v1_offer *offer;

    bool roles_inferred : 1;      /* the capture began mid-exchange: roles taken from the first message */
    bool roles_confirmed : 1;     /* ... and the ports or the other peer's answer bore them out */
    bool refused_step_resent : 1; /* the refused message was sent again after it */
    bool xauth_announced : 1;     /* an XAUTH vendor ID was seen */
    uint8_t vid_dpd_peers : 2;    /* bit per peer that announced DPD */
    int8_t isakmp_deleted_by; /* peer index that deleted the ISAKMP SA with a DELETE (valid when sa.deleted) */
    uint8_t state_initiator : 4; /* ikd_ios_state (IKD_IOS_STATE_COUNT <= 16: ikev1_sa.c) */
    uint8_t state_responder : 4; /* ikd_ios_state */
    uint8_t asa_state;        /* ikd_asa_state */
} ikd_v1_sa;

enum { IKD_IKE_PORT = 500, IKD_NAT_T_PORT = 4500 };

/* Who sent a packet, by its ports alone: 1 (the responder) when it goes from
 * an IKE port to another port, 0 (the initiator) the other way, -1 when
 * both ports or neither are IKE ports. */
int ikd_v1_sender_by_ports(const ikd_packet *packet);

/* The initiator's offer: ikd_v1_offer_count transforms (a zeroed one for none). */
extern const ikd_transform_entry ikd_v1_no_offer;
static inline const ikd_transform_entry *ikd_v1_offers(const ikd_v1_sa *v1)
{
    return v1->offer ? v1->offer->entries : &ikd_v1_no_offer;
}
/* How many transforms of the offer are stored: at most IKD_MAX_OFFERS. */
static inline uint32_t ikd_v1_offer_count(const ikd_v1_sa *v1)
{
    return v1->offer ? v1->offer->count : 0;
}
/* The offer had more than IKD_MAX_OFFERS transforms: not all are stored. */
static inline bool ikd_v1_offers_dropped(const ikd_v1_sa *v1)
{
    return v1->offer && v1->offer->dropped;
}

/* Where an engine's IKEv1 SAs come from: their records, their later parts
 * and their quick modes, a slab each (core/record_slab.h). A healthy SA's
 * later part and quick mode, a malloc each, lay among Wireshark's own
 * short-lived allocations and kept its heap in pieces: with -T fields
 * (strings made and freed for every frame) malloc's search of its free
 * lists grew with the SAs held (perf, 200k healthy SAs: unlink_chunk 0.3 %
 * of plain tshark's run, 5.9 % of ikediag's). */
typedef struct ikd_v1_records {
    ikd_record_slab sas, laters, quick_modes;
} ikd_v1_records;

void ikd_v1_records_init(ikd_v1_records *records);
/* Frees the slabs: after every SA made from them was released. */
void ikd_v1_records_clear(ikd_v1_records *records);

/* The IKEv1 record of an SA, or NULL when it is another version's. */
ikd_v1_sa *ikd_v1_sa_of(ikd_sa *sa);
const ikd_v1_sa *ikd_v1_sa_of_const(const ikd_sa *sa);

/* A new SA for the first message of msg's cookies, made from records
 * (the engine's), added to the store. */
ikd_v1_sa *ikd_v1_sa_create(ikd_sa_store *store, ikd_v1_records *records, const ikd_message *msg,
                            const ikd_packet *packet);
/* Frees all an SA owns and gives its record back to records (the store's
 * destroy function, for IKEv1 SAs). */
void ikd_v1_sa_destroy(ikd_v1_records *records, ikd_v1_sa *v1);
/* Frees all an SA owns, its parts given back to records, and its record,
 * made with g_new0 (tests that build SAs without a store). */
void ikd_v1_sa_free(ikd_v1_records *records, ikd_v1_sa *v1);
/* Room for one more of QM1's offers (a zeroed transform the caller fills
 * in), or NULL when IKD_MAX_PHASE2_OFFERS are kept already. */
ikd_phase2_transform *ikd_v1_qm_add_offer(ikd_quick_mode *qm);
/* What decryption told of a quick mode, made when first written; the const
 * form never makes it: nothing decrypted reads as all zero (nothing known). */
ikd_qm_decrypted *ikd_v1_qm_decrypted(ikd_quick_mode *qm);
const ikd_qm_decrypted *ikd_v1_qm_decrypted_const(const ikd_quick_mode *qm);
/* The quick mode with this message ID, made from records when new (so an
 * SA has one quick mode per message ID). */
ikd_quick_mode *ikd_v1_quick_mode(ikd_v1_records *records, ikd_v1_sa *sa, uint32_t message_id);
/* The quick mode with this message ID, or NULL (never made). */
ikd_quick_mode *ikd_v1_find_quick_mode(const ikd_v1_sa *sa, uint32_t message_id);
uint32_t ikd_v1_quick_mode_count(const ikd_v1_sa *sa);
ikd_quick_mode *ikd_v1_quick_mode_at(const ikd_v1_sa *sa, uint32_t index);
/* How many of the first quick modes, in order, all got a QM2: none of them
 * can still be waiting for one (a QM2 seen stays seen), so a search for a
 * quick mode waiting for its answer starts after them. */
uint32_t ikd_v1_quick_modes_answered(ikd_v1_sa *sa);
/* The newest quick mode that got its QM1 and no QM2, was not taken as
 * refused, and was not started by `peer`: the one an encrypted
 * informational from `peer` may refuse. NULL for none. Walked while the SA
 * has few quick modes, through ikev1/awaiting_qm2.h past them. */
ikd_quick_mode *ikd_v1_newest_awaiting_qm2(ikd_v1_sa *sa, int peer);

/* The SA's rare parts, made when first written (with its later part,
 * from records, if need be); the const form never makes them: an SA
 * without reads them all zero. */
ikd_v1_sa_rare *ikd_v1_rare(ikd_v1_records *records, ikd_v1_sa *sa);
const ikd_v1_sa_rare *ikd_v1_rare_const(const ikd_v1_sa *sa);
/* The rare parts to write when they were made, else NULL (makes nothing). */
ikd_v1_sa_rare *ikd_v1_rare_if_made(ikd_v1_sa *sa);
/* The SA's remote access (XAUTH, mode-config), NULL when none was seen. */
const struct ikd_v1_ra *ikd_v1_ra_seen(const ikd_v1_sa *sa);
/* The same to write, made (in the rare part) when first asked for. */
struct ikd_v1_ra *ikd_v1_ra_of(ikd_v1_records *records, ikd_v1_sa *sa);

/* Steps of the SA's phase-1 mode: 6 or 3. */
int ikd_v1_phase1_steps(const ikd_v1_sa *sa);
/* The record of phase-1 step `number` (1-based, MM1 = 1), made if need be
 * (steps 2.. in the later part, from records); NULL when there is no such
 * step. The const form never makes one: a step not yet written reads as a
 * zeroed record (never sent). */
ikd_step_record *ikd_v1_step(ikd_v1_records *records, ikd_v1_sa *sa, int number);
const ikd_step_record *ikd_v1_step_const(const ikd_v1_sa *sa, int number);
/* The responder's choice from MM2/AM2: NULL until one was read. Inline:
 * read for every message, and by files ikev1_sa.c itself calls. */
static inline const ikd_transform *ikd_v1_chosen(const ikd_v1_sa *sa)
{
    return sa->later && sa->later->chosen_known ? &sa->later->chosen : NULL;
}
/* The same, all zero until one was read. */
extern const ikd_transform ikd_v1_no_choice;
static inline const ikd_transform *ikd_v1_chosen_or_none(const ikd_v1_sa *sa)
{
    const ikd_transform *t = ikd_v1_chosen(sa);
    return t ? t : &ikd_v1_no_choice;
}
void ikd_v1_set_chosen(ikd_v1_records *records, ikd_v1_sa *sa, const ikd_transform *chosen);
/* The side that runs XAUTH and hands out addresses (the Easy VPN server):
 * the responder, unless the chosen method is an XAUTHResp* one (the
 * responder is then the one authenticated). Peer index 0 or 1. Here, by
 * the choice it reads: remote_access.c, which ikev1_sa.c frees, would make
 * the two call each other. */
int ikd_v1_ra_server(const ikd_v1_sa *v1);
/* The highest phase-1 step sent, 0 for none. */
int ikd_v1_highest_step(const ikd_v1_sa *sa);

ikd_ios_state ikd_v1_sa_state(const ikd_v1_sa *sa); /* the less advanced side */
/* The SA's weak choices in words ("3des, md5, group 2, aggressive mode with psk"), "" if none. */
const char *ikd_v1_sa_weakness_text(const ikd_v1_sa *sa, char *buf, size_t size);

#endif
