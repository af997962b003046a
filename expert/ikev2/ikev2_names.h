/* ikediag - IKEv2's numbers (RFC 7296 3, the IANA IKEv2 registry) and their
 * names, as a reader and a finding's text need them.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV2_NAMES_H
#define IKD_IKEV2_NAMES_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Exchange types (RFC 7296 3.1, RFC 5723, RFC 9242, RFC 9370). */
enum ikd_v2_exchange {
    IKD_V2_EX_SA_INIT = 34,
    IKD_V2_EX_AUTH = 35,
    IKD_V2_EX_CREATE_CHILD_SA = 36,
    IKD_V2_EX_INFORMATIONAL = 37,
    IKD_V2_EX_SESSION_RESUME = 38,
    IKD_V2_EX_INTERMEDIATE = 43,
    IKD_V2_EX_FOLLOWUP_KE = 44,
};

/* Header flags (RFC 7296 3.1): the rest of the byte is reserved. */
enum {
    IKD_V2_FLAG_INITIATOR = 0x08,
    IKD_V2_FLAG_VERSION = 0x10,
    IKD_V2_FLAG_RESPONSE = 0x20,
    IKD_V2_FLAGS_DEFINED = 0x38,
};

/* Payload types (RFC 7296 3.2, RFC 7383). Proposal (2) and transform (3)
 * are the "last substructure" values inside an SA payload. */
enum ikd_v2_payload_type {
    IKD_V2_PL_NONE = 0,
    IKD_V2_PL_PROPOSAL = 2,
    IKD_V2_PL_TRANSFORM = 3,
    IKD_V2_PL_SA = 33,
    IKD_V2_PL_KE = 34,
    IKD_V2_PL_IDI = 35,
    IKD_V2_PL_IDR = 36,
    IKD_V2_PL_CERT = 37,
    IKD_V2_PL_CERTREQ = 38,
    IKD_V2_PL_AUTH = 39,
    IKD_V2_PL_NONCE = 40,
    IKD_V2_PL_NOTIFY = 41,
    IKD_V2_PL_DELETE = 42,
    IKD_V2_PL_VID = 43,
    IKD_V2_PL_TSI = 44,
    IKD_V2_PL_TSR = 45,
    IKD_V2_PL_SK = 46,
    IKD_V2_PL_CP = 47,
    IKD_V2_PL_EAP = 48,
    IKD_V2_PL_SKF = 53,
};

/* Security protocol IDs (RFC 7296 3.3.1). */
enum { IKD_V2_PROTO_IKE = 1, IKD_V2_PROTO_AH = 2, IKD_V2_PROTO_ESP = 3 };

/* Transform types (RFC 7296 3.3.2); 6-12 are RFC 9370's additional key
 * exchanges, which carry D-H group numbers as 4 does. */
enum {
    IKD_V2_TT_ENCR = 1,
    IKD_V2_TT_PRF = 2,
    IKD_V2_TT_INTEG = 3,
    IKD_V2_TT_DH = 4,
    IKD_V2_TT_ESN = 5,
    IKD_V2_TT_ADDKE_FIRST = 6,
    IKD_V2_TT_ADDKE_LAST = 12,
};

/* The one transform attribute IKEv2 defines (RFC 7296 3.3.5). */
enum { IKD_V2_ATTR_KEY_LENGTH = 14 };

/* The notify types the engine acts on or names (RFC 7296 3.10.1, RFC 7383). */
enum {
    IKD_V2_N_INVALID_MAJOR_VERSION = 5,
    IKD_V2_N_NO_PROPOSAL_CHOSEN = 14,
    IKD_V2_N_INVALID_KE_PAYLOAD = 17,
    IKD_V2_N_AUTHENTICATION_FAILED = 24,
    IKD_V2_N_SINGLE_PAIR_REQUIRED = 34,
    IKD_V2_N_INTERNAL_ADDRESS_FAILURE = 36,
    IKD_V2_N_FAILED_CP_REQUIRED = 37,
    IKD_V2_N_TS_UNACCEPTABLE = 38,
    IKD_V2_N_ERROR_LAST = 16383, /* 0-16383 are errors, the rest status */
    IKD_V2_N_NAT_DETECTION_SOURCE_IP = 16388,
    IKD_V2_N_NAT_DETECTION_DESTINATION_IP = 16389,
    IKD_V2_N_COOKIE = 16390,
    IKD_V2_N_REKEY_SA = 16393,
    IKD_V2_N_IPCOMP_SUPPORTED = 16387,
    IKD_V2_N_HTTP_CERT_LOOKUP_SUPPORTED = 16392,
    IKD_V2_N_MOBIKE_SUPPORTED = 16396,
    IKD_V2_N_MULTIPLE_AUTH_SUPPORTED = 16404,
    IKD_V2_N_REDIRECT_SUPPORTED = 16406, /* RFC 5685 */
    IKD_V2_N_REDIRECT = 16407,
    IKD_V2_N_REDIRECTED_FROM = 16408,
    IKD_V2_N_EAP_ONLY_AUTHENTICATION = 16417,
    IKD_V2_N_CHILDLESS_IKEV2_SUPPORTED = 16418,
    IKD_V2_N_FRAGMENTATION_SUPPORTED = 16430,
    IKD_V2_N_SIGNATURE_HASH_ALGORITHMS = 16431, /* RFC 7427 */
    IKD_V2_N_INTERMEDIATE_EXCHANGE_SUPPORTED = 16438,
};

/* AUTH payload methods (RFC 7296 3.8, RFC 4754, RFC 7427); EAP is not one:
 * IKD_V2_AUTH_EAP stands for an authentication by EAP. */
enum {
    IKD_V2_AUTH_RSA = 1,
    IKD_V2_AUTH_PSK = 2,
    IKD_V2_AUTH_DSS = 3,
    IKD_V2_AUTH_ECDSA_256 = 9,
    IKD_V2_AUTH_ECDSA_521 = 11,
    IKD_V2_AUTH_DIGITAL_SIGNATURE = 14,
    IKD_V2_AUTH_EAP = 255,
};

/* Traffic selector types (RFC 7296 3.13.1, RFC 4595). */
enum { IKD_V2_TS_IPV4 = 7, IKD_V2_TS_IPV6 = 8, IKD_V2_TS_FC = 9 };

const char *ikd_v2_exchange_name(uint8_t type);
/* 34-38, 43, 44: the exchanges a peer may send today. */
bool ikd_v2_exchange_is_known(uint8_t type);
const char *ikd_v2_payload_name(uint8_t type);
/* 33-48 and 53: the payloads RFC 7296 and RFC 7383 define. */
bool ikd_v2_payload_is_known(uint8_t type);
const char *ikd_v2_protocol_name(uint8_t id);
/* Error types are RFC 7296's spelling, as IOS's debug prints them. */
const char *ikd_v2_notify_name(uint16_t type);
/* "pre-shared key", "RSA signature", "ECDSA signature", "digital signature", "EAP". */
const char *ikd_v2_auth_method_name(uint8_t method);

/* Bytes of KE data a D-H group takes (RFC 7296 3.4 with RFC 3526, 5114,
 * 5903, 7748, 8031), 0 when the group's size is not known here. */
size_t ikd_v2_dh_group_data_length(uint16_t group);

/* Encryption algorithms that need a Key Length attribute (AES and Camellia
 * in their modes, RFC 3602, 3686, 4106, 4309, 5529), and those that forbid
 * one because their key has a single length (RFC 7296 3.3.5). */
bool ikd_v2_encr_needs_key_length(uint16_t id);
bool ikd_v2_encr_fixed_key_length(uint16_t id);

#endif
