/* ikediag - IKEv1/ISAKMP numbers and the names engineers know them by.
 *
 * Sources: RFC 2407, 2408, 2409, 3947 (NAT-T), draft-ietf-ipsec-nat-t-ike-02
 * (payload numbers 130/131, and 15/16 as early IOS sent them), RFC 3706 (DPD),
 * draft-dukes-ike-mode-cfg (transaction exchange 6, attribute payload 14),
 * Cisco's proprietary fragmentation payload (132).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV1_NAMES_H
#define IKD_IKEV1_NAMES_H

#include "common/ike_header.h"

#include <stdbool.h>
#include <stdint.h>

enum {
    IKD_ISAKMP_HEADER_LEN = IKD_IKE_HEADER_LEN,
};

/* Payload types (RFC 2408 3.1 and later additions). */
enum ikd_payload_type {
    IKD_PL_NONE = 0,
    IKD_PL_SA = 1,
    IKD_PL_PROPOSAL = 2,
    IKD_PL_TRANSFORM = 3,
    IKD_PL_KE = 4,
    IKD_PL_ID = 5,
    IKD_PL_CERT = 6,
    IKD_PL_CERTREQ = 7,
    IKD_PL_HASH = 8,
    IKD_PL_SIG = 9,
    IKD_PL_NONCE = 10,
    IKD_PL_NOTIFY = 11,
    IKD_PL_DELETE = 12,
    IKD_PL_VID = 13,
    IKD_PL_ATTR = 14,          /* mode-config / XAUTH */
    IKD_PL_NATD_DRAFT_OLD = 15, /* NAT-D as draft-02 era IOS sent it (GDOI: SAK) */
    IKD_PL_NATOA_DRAFT_OLD = 16,/* NAT-OA likewise (GDOI: SAT) */
    IKD_PL_NATD = 20,
    IKD_PL_NATOA = 21,
    IKD_PL_NATD_DRAFT = 130,
    IKD_PL_NATOA_DRAFT = 131,
    IKD_PL_CISCO_FRAG = 132,
};

/* Exchange types (RFC 2408 3.1, RFC 2409, mode-cfg draft). */
enum ikd_exchange_type {
    IKD_EX_BASE = 1,
    IKD_EX_MAIN = 2, /* Identity Protection */
    IKD_EX_AUTH_ONLY = 3,
    IKD_EX_AGGRESSIVE = 4,
    IKD_EX_INFORMATIONAL = 5,
    IKD_EX_TRANSACTION = 6,
    IKD_EX_QUICK = 32,
    IKD_EX_NEW_GROUP = 33,
};

enum ikd_header_flags {
    IKD_FLAG_ENCRYPTION = 0x01,
    IKD_FLAG_COMMIT = 0x02,
    IKD_FLAG_AUTH_ONLY = 0x04,
    IKD_FLAGS_DEFINED = 0x07,
};

enum ikd_protocol_id {
    IKD_PROTO_ISAKMP = 1,
    IKD_PROTO_AH = 2,
    IKD_PROTO_ESP = 3,
    IKD_PROTO_IPCOMP = 4,
};

/* Notify message types the engine acts on (RFC 2408 3.14.1). */
enum ikd_notify_type {
    IKD_NOTIFY_NO_PROPOSAL_CHOSEN = 14,
    IKD_NOTIFY_LAST_ERROR = 16383, /* 1..16383 are errors, from 16384 on status */
};

/* Identification types (RFC 2407 4.6.2.1). */
enum ikd_id_type {
    IKD_ID_IPV4_ADDR = 1,
    IKD_ID_FQDN = 2,
    IKD_ID_USER_FQDN = 3,
    IKD_ID_IPV4_ADDR_SUBNET = 4,
    IKD_ID_IPV6_ADDR = 5,
    IKD_ID_IPV6_ADDR_SUBNET = 6,
    IKD_ID_IPV4_ADDR_RANGE = 7,
    IKD_ID_IPV6_ADDR_RANGE = 8,
    IKD_ID_DER_ASN1_DN = 9,
    IKD_ID_DER_ASN1_GN = 10,
    IKD_ID_KEY_ID = 11,
    IKD_ID_LIST = 12, /* RFC 3554 */
};

enum ikd_doi {
    IKD_DOI_ISAKMP = 0,
    IKD_DOI_IPSEC = 1,
    IKD_DOI_GDOI = 2,
};

enum { IKD_SIT_IDENTITY_ONLY = 0x01, IKD_TRANSFORM_KEY_IKE = 1 };

/* Which family a payload type belongs to once draft numbers are folded in. */
enum ikd_payload_type ikd_payload_canonical(uint8_t type);
bool ikd_payload_is_known(uint8_t type);

/* Names; each returns a static string, "unknown" style text for other values. */
const char *ikd_payload_name(uint8_t type);
const char *ikd_exchange_name(uint8_t type);
const char *ikd_protocol_name(uint8_t id);
const char *ikd_notify_name(uint16_t type);
const char *ikd_id_type_name(uint8_t type);

bool ikd_exchange_is_known(uint8_t type);
bool ikd_exchange_is_phase1(uint8_t type);
bool ikd_exchange_is_private(uint8_t type);

#endif
