/* ikediag - IKEv1/ISAKMP numbers and the names engineers know them by.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/ikev1_names.h"

#include <stddef.h>

typedef struct {
    uint32_t value;
    const char *name;
} ikd_name;

static const char *lookup(const ikd_name *table, size_t n, uint32_t value, const char *fallback)
{
    for (size_t i = 0; i < n; i++)
        if (table[i].value == value)
            return table[i].name;
    return fallback;
}

#define LOOKUP(table, value, fallback) lookup(table, sizeof(table) / sizeof(table[0]), value, fallback)

static const ikd_name payload_names[] = {
    { IKD_PL_NONE, "None" },
    { IKD_PL_SA, "SA" },
    { IKD_PL_PROPOSAL, "Proposal" },
    { IKD_PL_TRANSFORM, "Transform" },
    { IKD_PL_KE, "Key Exchange" },
    { IKD_PL_ID, "ID" },
    { IKD_PL_CERT, "Certificate" },
    { IKD_PL_CERTREQ, "Certificate Request" },
    { IKD_PL_HASH, "Hash" },
    { IKD_PL_SIG, "Signature" },
    { IKD_PL_NONCE, "Nonce" },
    { IKD_PL_NOTIFY, "Notification" },
    { IKD_PL_DELETE, "Delete" },
    { IKD_PL_VID, "Vendor ID" },
    { IKD_PL_ATTR, "Attributes (mode-config)" },
    { IKD_PL_NATD_DRAFT_OLD, "NAT-D (draft, old number)" },
    { IKD_PL_NATOA_DRAFT_OLD, "NAT-OA (draft, old number)" },
    { IKD_PL_NATD, "NAT-D" },
    { IKD_PL_NATOA, "NAT-OA" },
    { IKD_PL_NATD_DRAFT, "NAT-D (draft)" },
    { IKD_PL_NATOA_DRAFT, "NAT-OA (draft)" },
    { IKD_PL_CISCO_FRAG, "Cisco Fragmentation" },
};

const char *ikd_payload_name(uint8_t type)
{
    if (type >= 22 && type <= 127)
        return "reserved payload type";
    if (type >= 128 && !ikd_payload_is_known(type))
        return "private-use payload type";
    return LOOKUP(payload_names, type, "GDOI payload type");
}

bool ikd_payload_is_known(uint8_t type)
{
    return type <= IKD_PL_NATOA_DRAFT_OLD || type == IKD_PL_NATD || type == IKD_PL_NATOA ||
           type == IKD_PL_NATD_DRAFT || type == IKD_PL_NATOA_DRAFT || type == IKD_PL_CISCO_FRAG;
}

enum ikd_payload_type ikd_payload_canonical(uint8_t type)
{
    switch (type) {
    case IKD_PL_NATD_DRAFT_OLD:
    case IKD_PL_NATD_DRAFT:
        return IKD_PL_NATD;
    case IKD_PL_NATOA_DRAFT_OLD:
    case IKD_PL_NATOA_DRAFT:
        return IKD_PL_NATOA;
    default:
        return (enum ikd_payload_type)type;
    }
}

static const ikd_name exchange_names[] = {
    { IKD_EX_BASE, "Base" },
    { IKD_EX_MAIN, "Identity Protection (Main Mode)" },
    { IKD_EX_AUTH_ONLY, "Authentication Only" },
    { IKD_EX_AGGRESSIVE, "Aggressive" },
    { IKD_EX_INFORMATIONAL, "Informational" },
    { IKD_EX_TRANSACTION, "Transaction (Mode-Config)" },
    { IKD_EX_QUICK, "Quick Mode" },
    { IKD_EX_NEW_GROUP, "New Group Mode" },
};

const char *ikd_exchange_name(uint8_t type)
{
    if (ikd_exchange_is_private(type))
        return "private-use exchange";
    return LOOKUP(exchange_names, type, "reserved exchange type");
}

bool ikd_exchange_is_known(uint8_t type)
{
    return (type >= IKD_EX_BASE && type <= IKD_EX_TRANSACTION) || type == IKD_EX_QUICK ||
           type == IKD_EX_NEW_GROUP;
}

bool ikd_exchange_is_phase1(uint8_t type)
{
    return type >= IKD_EX_BASE && type <= IKD_EX_AGGRESSIVE;
}

bool ikd_exchange_is_private(uint8_t type)
{
    return type >= 240;
}

static const ikd_name protocol_names[] = {
    { IKD_PROTO_ISAKMP, "ISAKMP" },
    { IKD_PROTO_AH, "AH" },
    { IKD_PROTO_ESP, "ESP" },
    { IKD_PROTO_IPCOMP, "IPCOMP" },
};

const char *ikd_protocol_name(uint8_t id)
{
    return LOOKUP(protocol_names, id, "unknown protocol");
}

/* Cisco's debug spells these with hyphens, as RFC 2408 does. */
static const ikd_name notify_names[] = {
    { 1, "INVALID-PAYLOAD-TYPE" },     { 2, "DOI-NOT-SUPPORTED" },
    { 3, "SITUATION-NOT-SUPPORTED" },  { 4, "INVALID-COOKIE" },
    { 5, "INVALID-MAJOR-VERSION" },    { 6, "INVALID-MINOR-VERSION" },
    { 7, "INVALID-EXCHANGE-TYPE" },    { 8, "INVALID-FLAGS" },
    { 9, "INVALID-MESSAGE-ID" },       { 10, "INVALID-PROTOCOL-ID" },
    { 11, "INVALID-SPI" },             { 12, "INVALID-TRANSFORM-ID" },
    { 13, "ATTRIBUTES-NOT-SUPPORTED" },{ 14, "NO-PROPOSAL-CHOSEN" },
    { 15, "BAD-PROPOSAL-SYNTAX" },     { 16, "PAYLOAD-MALFORMED" },
    { 17, "INVALID-KEY-INFORMATION" }, { 18, "INVALID-ID-INFORMATION" },
    { 19, "INVALID-CERT-ENCODING" },   { 20, "INVALID-CERTIFICATE" },
    { 21, "CERT-TYPE-UNSUPPORTED" },   { 22, "INVALID-CERT-AUTHORITY" },
    { 23, "INVALID-HASH-INFORMATION" },{ 24, "AUTHENTICATION-FAILED" },
    { 25, "INVALID-SIGNATURE" },       { 26, "ADDRESS-NOTIFICATION" },
    { 27, "NOTIFY-SA-LIFETIME" },      { 28, "CERTIFICATE-UNAVAILABLE" },
    { 29, "UNSUPPORTED-EXCHANGE-TYPE" },{ 30, "UNEQUAL-PAYLOAD-LENGTHS" },
    { 16384, "CONNECTED" },            { 24576, "RESPONDER-LIFETIME" },
    { 24577, "REPLAY-STATUS" },        { 24578, "INITIAL-CONTACT" },
    { 36136, "R-U-THERE" },            { 36137, "R-U-THERE-ACK" },
    { 40501, "UNITY-LOAD-BALANCE" },   { 40502, "UNITY-UNKNOWN" },
    { 40503, "UNITY-GROUP-HASH" },
};

const char *ikd_notify_name(uint16_t type)
{
    return LOOKUP(notify_names, type, type <= IKD_NOTIFY_LAST_ERROR ? "unknown error notify" : "unknown status notify");
}

static const ikd_name id_type_names[] = {
    { 1, "ID_IPV4_ADDR" },       { 2, "ID_FQDN" },
    { 3, "ID_USER_FQDN" },       { 4, "ID_IPV4_ADDR_SUBNET" },
    { 5, "ID_IPV6_ADDR" },       { 6, "ID_IPV6_ADDR_SUBNET" },
    { 7, "ID_IPV4_ADDR_RANGE" }, { 8, "ID_IPV6_ADDR_RANGE" },
    { 9, "ID_DER_ASN1_DN" },     { 10, "ID_DER_ASN1_GN" },
    { 11, "ID_KEY_ID" },         { 12, "ID_LIST" },
};

const char *ikd_id_type_name(uint8_t type)
{
    return LOOKUP(id_type_names, type, "unknown ID type");
}
