/* ikediag - IKEv2 child SAs (ESP or AH) as the decrypted exchanges build
 * them: proposed in an IKE_AUTH or CREATE_CHILD_SA request, set up or
 * refused by its response (RFC 7296 1.2-1.3), replaced by a rekey
 * (N(REKEY_SA)), deleted by an INFORMATIONAL Delete.
 *
 * Each peer's SPI comes from its own SA proposal: the requester's from the
 * request, the responder's from the response. Traffic selectors are the
 * first selector of each of TSi and TSr, as the response narrowed them
 * (the request's while no answer was read).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_CHILD_SA_H
#define IKD_V2_CHILD_SA_H

#include "ikev2/ikev2_sa.h"
#include "ikev2/message.h"

#include <stdbool.h>
#include <stdint.h>

/* One traffic selector (RFC 7296 3.13.1); family 0: none read. */
typedef struct {
    uint8_t family; /* 4 or 6 */
    uint8_t protocol; /* 0: any */
    uint16_t start_port, end_port;
    uint8_t start[16], end[16];
} ikd_v2_ts;

typedef struct {
    uint32_t request_frame;  /* the request that proposed it */
    uint32_t frame;          /* the response that set it up, 0 while none */
    int requester;           /* peer index */
    uint8_t protocol;        /* IKD_V2_PROTO_ESP or _AH */
    uint32_t spi[2];         /* per peer: the SPI it chose (its inbound SPI), 0 unread */
    ikd_v2_ts ts[2];         /* TSi, TSr */
    uint16_t encryption, key_length, integrity, dh_group; /* the chosen transform; dh_group: PFS */
    bool esn;
    uint16_t error;          /* the response refused it with this notify */
    uint32_t rekeys_spi;     /* N(REKEY_SA): an SPI of the child it replaces, 0 */
    uint32_t rekeyed_frame;  /* replaced by a rekey answered in this frame */
    uint32_t deleted_frame;  /* its SPI named in a Delete */
    bool transport;          /* N(USE_TRANSPORT_MODE) in request and response: transport mode, else tunnel */
    bool ipcomp;             /* N(IPCOMP_SUPPORTED) in request and response */
} ikd_v2_child;

/* A request with an ESP or AH proposal: a child is pending. */
void ikd_v2_child_request(ikd_v2_sa *v2, int requester, const ikd_v2_body *m, uint32_t frame);
/* The response to the requester's last pending child: set up with its SA
 * and selectors, or refused with error (a child SA error notify). */
void ikd_v2_child_response(ikd_v2_sa *v2, int requester, const ikd_v2_body *m, uint16_t error, uint32_t frame);
/* A Delete of ESP or AH SPIs: the children named are marked deleted. */
void ikd_v2_child_delete(ikd_v2_sa *v2, const ikd_v2_body *m, uint32_t frame);

/* N(REKEY_SA)'s SPI: the child a request replaces (RFC 7296 1.3.3), 0 if none. */
uint32_t ikd_v2_child_rekeyed_spi(const ikd_v2_body *m);
/* The child one of whose SPIs this is, or NULL. */
const ikd_v2_child *ikd_v2_child_by_spi(const ikd_v2_sa *v2, uint32_t spi);
/* Set up and neither replaced by a rekey nor deleted by its own Delete. */
bool ikd_v2_child_current(const ikd_v2_child *c);
/* An IKE SA rekey: the children set up and not deleted move to the new IKE
 * SA (RFC 7296 2.18), renumbered (requester, SPIs) when swap: the new SA's
 * original initiator was the old one's responder. */
void ikd_v2_children_move(ikd_v2_sa *to, ikd_v2_sa *from, bool swap);

uint32_t ikd_v2_child_count(const ikd_v2_sa *v2);
const ikd_v2_child *ikd_v2_child_at(const ikd_v2_sa *v2, uint32_t index);
/* Children set up (a response with SA and selectors was read). */
uint32_t ikd_v2_children_up(const ikd_v2_sa *v2);

/* The first selector of a TSi or TSr payload body at payload offset. */
bool ikd_v2_ts_read(const ikd_v2_body *m, const ikd_v2_payload_ref *ts, ikd_v2_ts *out);

/* A selector in two finding arguments: its IPv4 start address, then its
 * prefix length (0xff: not a prefix), protocol << 8 and family << 16. */
void ikd_v2_ts_pack(const ikd_v2_ts *ts, uint32_t out[2]);
/* "198.51.100.0/25", "198.51.100.0/25 protocol 6", "an IPv6 selector",
 * "a range from 198.51.100.7", "none read". */
const char *ikd_v2_ts_text(uint32_t address, uint32_t packed, char *buf, size_t size);

#endif
