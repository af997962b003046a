/* ikediag - one IKE SA as rebuilt from the wire: what every IKE version's SA
 * has (peers, life on the wire, status, capabilities, weaknesses, verdict).
 * A version's own SA record begins with this one (ikev1/ikev1_sa.h), the way
 * strongSwan keeps ike_sa above its version-specific tasks.
 *
 * peer[0] is the initiator and peer[1] the responder when roles_known; for an
 * SA first seen after its first exchange (the capture started late) they are
 * simply the first sender and its peer.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_SA_H
#define IKD_SA_H

#include "common/cisco_state.h"
#include "common/packet.h"
#include "core/address.h"
#include "core/findings.h"

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

/* IOS numbers ISAKMP conn-ids from 1001 (IOS 15), in order of creation;
 * IKEv2 Tunnel-ids are a number space of their own, from 1. Inside the
 * engine an IKEv2 SA's conn_id is IKD_V2_CONN_ID_BASE + (Tunnel-id - 1), so
 * one number still names any SA. */
enum { IKD_CONN_ID_BASE = 1001 };
#define IKD_V2_CONN_ID_BASE 0x40000000u

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

/* How strongly the capture supports an SA's verdict. */
typedef enum {
    IKD_EVIDENCE_NONE,       /* no verdict */
    IKD_EVIDENCE_WEAK,       /* the capture is too short or too incomplete to tell */
    IKD_EVIDENCE_STRONG,     /* inferred from what the peers did: retransmissions, refusals understood */
    IKD_EVIDENCE_CONCLUSIVE, /* a peer said so on the wire: an error notification */
} ikd_evidence;

/* "-", "weak", "strong", "conclusive". */
const char *ikd_evidence_name(ikd_evidence evidence);

/* What few SAs have: certificates, CA requests, revocation fetches, a
 * retransmission timing that names an implementation, an older SA with the
 * same initiator SPI, retransmissions, a delete or refusal, NAT-T. Out of
 * line, made when first written (ikd_sa_extra_of): inline, they were 60 of
 * every SA's bytes, under a flood of MM1s and on healthy SAs alike. A NAT-T
 * SA mostly has its keepalives here anyway. */
typedef struct {
    struct ikd_sa *older_same_spi; /* the SA store's chain of SAs with the same initiator SPI */
    const char *backoff[2]; /* per peer: the implementation its retransmission timing matches, or NULL */
    GPtrArray *certs;       /* ikd_cert_record* (common/cert_notes.h) each peer sent; NULL: none */
    GPtrArray *ca_requests; /* ikd_ca_request* (common/cert_notes.h): CERTREQ payloads; NULL: none */
    GPtrArray *fetches;     /* ikd_fetch* (common/revocation.h): CRL/OCSP fetches; NULL: none */
    uint32_t nat_keepalives; /* NAT-T keepalives between its two NAT-T ends (both ways) */
    uint32_t dpd_sent;       /* DPD R-U-THERE read from Wireshark's decryption (both peers) */
    uint32_t dpd_acked;      /* of them, acknowledged by an R-U-THERE-ACK */
    uint32_t retransmissions; /* copies of its messages sent again (ikd_sa_add_retransmissions) */
    uint32_t deleted_frame;   /* the frame that rejected or deleted it (ikd_sa.deleted), 0 for none */
    uint32_t nat_t_frame;     /* first message on UDP 4500, 0 if none */
    int8_t nat_t_peer;        /* who sent nat_t_frame: 0 or 1 */
    bool nat_t_answered;      /* the other peer also sent on UDP 4500 */
} ikd_sa_extra;

/* One per SA of the capture: the fields are ordered by size so that none is
 * padding; flags, small numbers, bit sets and peer indices in bits (128
 * bytes of an IKEv1 SA's 184, where a byte each made it 168: 40 MB more
 * under a flood of a million MM1s, each megabyte fresh pages the kernel
 * must back). */
typedef struct ikd_sa {
    uint32_t conn_id;  /* IKEv1: the conn-id; IKEv2: see IKD_V2_CONN_ID_BASE */
    uint32_t index;    /* its place among all SAs of the capture, in order of creation */
    uint8_t spi_i[8]; /* IKEv1: the initiator cookie */
    uint8_t spi_r[8]; /* IKEv1: the responder cookie */

    double first_time, last_time;
    double established_time;
    ikd_sa_extra *extra;           /* owned, NULL until written (ikd_sa_extra_of) */
    /* Set at the end of the capture: where and why it stopped; NULL for
     * none. Kept by the engine's board (ikd_attached_findings_keep_verdict). */
    const ikd_finding *verdict;

    uint32_t first_frame, last_frame;
    uint32_t messages;
    uint32_t established_frame; /* 0 until the SA was set up in the capture */
    uint32_t burst;          /* the burst of half-open SAs (flood.h) it is one of, from 1; 0: none */
    uint16_t port[2];        /* latest seen */
    ikd_address peer[2];

    /* Per peer, 4 bits each (ikd_sa_vendor): the vendor its vendor IDs name, 0 for none. */
    uint8_t vendors;
    uint8_t weaknesses;        /* IKD_WEAK_* of the chosen transforms and mode */
    uint8_t last_pdu;          /* last_frame's message index (ikd_packet_key keeps 8 bits of it) */
    uint8_t ike_version : 2;
    uint8_t capabilities : 5;      /* IKD_CAP_* */
    uint8_t nat_behind : 2;        /* bit per peer found behind NAT by its NAT detection payloads */
    uint8_t cert_absent_noted : 2; /* bit per peer: its signature without a certificate was noted */
    uint8_t verdict_evidence : 2;  /* ikd_evidence of the verdict */
    bool spi_r_known : 1;
    bool roles_known : 1;
    bool established_before_capture : 1;
    bool began_before_capture : 1; /* the capture caught the SA mid-negotiation: its set-up time is unknown */
    bool deleted : 1;              /* rejected or deleted on the wire */
    bool abandoned : 1;            /* stopped short and given up (recomputed with the verdicts) */
} ikd_sa;

/* The number IOS shows: the conn-id (IKEv1) or the Tunnel-id (IKEv2). */
uint32_t ikd_sa_number(uint32_t conn_id);
bool ikd_conn_id_is_v2(uint32_t conn_id);

/* The SA was set up, in the capture or before it began. */
bool ikd_sa_established(const ikd_sa *sa);
/* The SA's extra part, made when first asked for (to be written). */
ikd_sa_extra *ikd_sa_extra_of(ikd_sa *sa);
/* The SA's extra part to read: all NULL when it was never made. */
const ikd_sa_extra *ikd_sa_extra_const(const ikd_sa *sa);
/* The next older SA with the same initiator SPI (the SA store's chain), or NULL. */
static inline ikd_sa *ikd_sa_older_same_spi(const ikd_sa *sa)
{
    return sa->extra ? sa->extra->older_same_spi : NULL;
}
/* Links sa to the next older SA with its initiator SPI (NULL: none); the
 * extra part is made only for an SA that has one. */
void ikd_sa_set_older_same_spi(ikd_sa *sa, ikd_sa *older);
/* The vendor peer's vendor IDs name ("Cisco", "strongSwan"...), or NULL. */
const char *ikd_sa_implementation(const ikd_sa *sa, int peer);
/* The same as its number (common/vendor_id.h), 0 for none. */
static inline uint8_t ikd_sa_vendor(const ikd_sa *sa, int peer)
{
    return (uint8_t)(sa->vendors >> (4 * peer) & 0xf);
}
/* Notes peer's vendor (a number up to IKD_VENDOR_MAX) unless one is already noted. */
void ikd_sa_note_vendor(ikd_sa *sa, int peer, uint8_t vendor);
/* Copies of its messages sent again; adding none makes no extra part. */
static inline uint32_t ikd_sa_retransmissions(const ikd_sa *sa)
{
    return sa->extra ? sa->extra->retransmissions : 0;
}
void ikd_sa_add_retransmissions(ikd_sa *sa, uint32_t copies);
/* The frame that rejected or deleted it (ikd_sa_mark_deleted), 0 for none. */
static inline uint32_t ikd_sa_deleted_frame(const ikd_sa *sa)
{
    return sa->extra ? sa->extra->deleted_frame : 0;
}
/* Rejected or deleted on the wire, in frame. */
void ikd_sa_mark_deleted(ikd_sa *sa, uint32_t frame);
/* Its first message on UDP 4500, 0 if none. */
static inline uint32_t ikd_sa_nat_t_frame(const ikd_sa *sa)
{
    return sa->extra ? sa->extra->nat_t_frame : 0;
}
/* The list *list, made (freeing its items with g_free) when NULL. */
GPtrArray *ikd_sa_owned_list(GPtrArray **list);
/* Frees the extra part and what it holds (the SA store, when it frees an SA). */
void ikd_sa_extra_free(ikd_sa *sa);
/* 0 or 1: which of sa->peer sent the packet; -1 when neither address fits. */
int ikd_sa_peer_index(const ikd_sa *sa, const ikd_packet *packet);
/* Its two peers as one key, whichever is which (ikd_address_pair_of). */
ikd_address_pair ikd_sa_address_pair(const ikd_sa *sa);
/* initiator or responder, for a peer index; unknown while the roles are. */
ikd_role ikd_sa_role_of(const ikd_sa *sa, int peer);
const char *ikd_sa_status(const ikd_sa *sa); /* "ACTIVE" or "ACTIVE (deleted)" */
/* Forgets the end-of-capture judgement before the verdicts are worked out
 * again (each version's judge): no verdict, no evidence, not abandoned. */
void ikd_sa_forget_verdict(ikd_sa *sa);
/* "DN" style capability letters, in IOS's order; buf needs 8 bytes. */
const char *ikd_sa_capabilities(const ikd_sa *sa, char *buf, size_t size);

#endif
