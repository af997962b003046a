/* ikediag - ICMP and ICMPv6 errors that quote an IKE message, the part both
 * IKE versions share: the error sorted into what it says about a silent
 * peer, kept per SA by kind with the message it quoted, the per-message
 * finding on the ICMP frame, and which version's handler the quote is for.
 * Each version finds the quoted SA and message its own way (ikev1/icmp.c,
 * ikev2/icmp.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_COMMON_ICMP_H
#define IKD_COMMON_ICMP_H

#include "common/annotation.h"
#include "common/packet.h"
#include "common/sa_store.h"
#include "core/address.h"

#include <stdbool.h>
#include <stdint.h>

/* What an ICMP or ICMPv6 error quoting an IKE message says, strongest
 * explanation of a silent peer first. */
typedef enum {
    IKD_ICMP_NONE,
    IKD_ICMP_PORT_UNREACHABLE,  /* the peer itself: nothing listens on the IKE port */
    IKD_ICMP_ADMIN_PROHIBITED,  /* an ACL or firewall refuses it */
    IKD_ICMP_FRAG_NEEDED,       /* too big for the path (ICMPv6: packet too big) */
    IKD_ICMP_UNREACHABLE,       /* net, host, protocol... unreachable */
    IKD_ICMP_TTL_EXCEEDED,      /* a routing loop, or the peer too many hops away */
    IKD_ICMP_REASSEMBLY,        /* fragment reassembly time exceeded: IP fragments lost */
    IKD_ICMP_KINDS
} ikd_icmp_kind;

/* The ICMP errors of one kind that quoted a message of the SA. */
typedef struct {
    uint32_t count;
    ikd_step step;        /* the message the last of them quoted */
    bool cookie_only;     /* it quoted too little to check the responder cookie (SPI) */
    uint32_t last_frame, last_pdu;
    ikd_address from;     /* who sent the last of them */
} ikd_icmp_seen;

/* An ICMP error's type and code (version 4 or 6) sorted; IKD_ICMP_NONE for
 * what is not an error about a datagram. */
ikd_icmp_kind ikd_icmp_kind_of(uint8_t version, uint8_t type, uint8_t code);

/* The IKE major version a quote (transport IKD_TRANSPORT_ICMP_QUOTE) is
 * about: from the quoted header, or, when the quote stops before the version
 * byte, from the newest SA with the quoted initiator cookie or SPI; 1 when
 * neither tells. */
uint8_t ikd_icmp_quoted_version(const ikd_sa_store *store, const ikd_packet *packet);

/* "ICMP port unreachable", ..., for a kind; "?" outside the enum. */
const char *ikd_icmp_kind_name(ikd_icmp_kind kind);
/* What the kind says about the silent peer, in a few words. */
const char *ikd_icmp_kind_cause(ikd_icmp_kind kind);

/* The newest SA of this IKE version with the quoted initiator cookie (SPI),
 * and the quoted responder one when there is one (zero in a first message).
 * Looked up without binding anything: a quote is not a message of the SA.
 * *cookie_only: the quote is too short to check the responder's. */
ikd_sa *ikd_icmp_quoted_sa(const ikd_sa_store *store, const ikd_packet *packet, uint8_t version, bool *cookie_only);

/* Keeps an error of this kind, quoting `step`, in the SA's seen[] table. */
void ikd_icmp_keep(ikd_icmp_seen seen[IKD_ICMP_KINDS], ikd_icmp_kind kind, ikd_step step, bool cookie_only,
                   const ikd_packet *packet);

/* The strongest ICMP explanation for the SA's silence after `step`: errors
 * quoting that step, port unreachable first; reassembly timeouts are left to
 * the IP-fragment verdicts. NULL when no such error came. */
const ikd_icmp_seen *ikd_icmp_reason(const ikd_icmp_seen seen[IKD_ICMP_KINDS], ikd_step step, ikd_icmp_kind *kind);

/* The per-message finding on the ICMP frame (icmp.*), naming the message
 * ann->result says it quoted (conn_id 0: none in the capture). */
void ikd_icmp_annotate(ikd_annotation *ann, ikd_icmp_kind kind, bool cookie_only, const ikd_packet *packet);

/* The quoted message in one finding argument ({N:quoted}): its SA (conn_id
 * 0: none in the capture), its step, and whether only the initiator cookie
 * or SPI tied it to the SA. */
uint32_t ikd_icmp_pack_quoted(uint32_t conn_id, ikd_step step, bool cookie_only);
void ikd_icmp_unpack_quoted(uint32_t arg, uint32_t *conn_id, ikd_step *step, bool *cookie_only);

#endif
