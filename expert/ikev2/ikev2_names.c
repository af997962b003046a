/* ikediag - IKEv2's numbers and their names.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/ikev2_names.h"

typedef struct {
    uint16_t value;
    const char *name;
} v2_name;

static const char *lookup(const v2_name *table, size_t n, uint16_t value, const char *otherwise)
{
    for (size_t i = 0; i < n; i++)
        if (table[i].value == value)
            return table[i].name;
    return otherwise;
}

#define LOOKUP(table, value, otherwise) lookup(table, sizeof table / sizeof table[0], value, otherwise)

static const v2_name exchange_names[] = {
    { IKD_V2_EX_SA_INIT, "IKE_SA_INIT" },
    { IKD_V2_EX_AUTH, "IKE_AUTH" },
    { IKD_V2_EX_CREATE_CHILD_SA, "CREATE_CHILD_SA" },
    { IKD_V2_EX_INFORMATIONAL, "INFORMATIONAL" },
    { IKD_V2_EX_SESSION_RESUME, "IKE_SESSION_RESUME" },
    { IKD_V2_EX_INTERMEDIATE, "IKE_INTERMEDIATE" },
    { IKD_V2_EX_FOLLOWUP_KE, "IKE_FOLLOWUP_KE" },
};

const char *ikd_v2_exchange_name(uint8_t type)
{
    if (type >= 240)
        return "private-use exchange";
    return LOOKUP(exchange_names, type, "reserved exchange type");
}

bool ikd_v2_exchange_is_known(uint8_t type)
{
    return (type >= IKD_V2_EX_SA_INIT && type <= IKD_V2_EX_SESSION_RESUME) || type == IKD_V2_EX_INTERMEDIATE ||
           type == IKD_V2_EX_FOLLOWUP_KE;
}

static const v2_name payload_names[] = {
    { IKD_V2_PL_NONE, "NONE" },
    { IKD_V2_PL_PROPOSAL, "Proposal substructure" },
    { IKD_V2_PL_TRANSFORM, "Transform substructure" },
    { IKD_V2_PL_SA, "SA" },
    { IKD_V2_PL_KE, "KE" },
    { IKD_V2_PL_IDI, "IDi" },
    { IKD_V2_PL_IDR, "IDr" },
    { IKD_V2_PL_CERT, "CERT" },
    { IKD_V2_PL_CERTREQ, "CERTREQ" },
    { IKD_V2_PL_AUTH, "AUTH" },
    { IKD_V2_PL_NONCE, "Nonce" },
    { IKD_V2_PL_NOTIFY, "Notify" },
    { IKD_V2_PL_DELETE, "Delete" },
    { IKD_V2_PL_VID, "Vendor ID" },
    { IKD_V2_PL_TSI, "TSi" },
    { IKD_V2_PL_TSR, "TSr" },
    { IKD_V2_PL_SK, "SK (encrypted)" },
    { IKD_V2_PL_CP, "CP" },
    { IKD_V2_PL_EAP, "EAP" },
    { 49, "GSPM" },
    { IKD_V2_PL_SKF, "SKF (encrypted fragment)" },
};

const char *ikd_v2_payload_name(uint8_t type)
{
    if (type >= 128)
        return "private-use payload type";
    return LOOKUP(payload_names, type, "reserved payload type");
}

bool ikd_v2_payload_is_known(uint8_t type)
{
    return (type >= IKD_V2_PL_SA && type <= IKD_V2_PL_EAP) || type == IKD_V2_PL_SKF;
}

static const v2_name protocol_names[] = {
    { IKD_V2_PROTO_IKE, "IKE" },
    { IKD_V2_PROTO_AH, "AH" },
    { IKD_V2_PROTO_ESP, "ESP" },
};

const char *ikd_v2_protocol_name(uint8_t id)
{
    return LOOKUP(protocol_names, id, "unknown protocol");
}

static const v2_name notify_names[] = {
    { 1, "UNSUPPORTED_CRITICAL_PAYLOAD" }, { 4, "INVALID_IKE_SPI" },
    { 5, "INVALID_MAJOR_VERSION" },        { 7, "INVALID_SYNTAX" },
    { 9, "INVALID_MESSAGE_ID" },           { 11, "INVALID_SPI" },
    { 14, "NO_PROPOSAL_CHOSEN" },          { 17, "INVALID_KE_PAYLOAD" },
    { 24, "AUTHENTICATION_FAILED" },       { 34, "SINGLE_PAIR_REQUIRED" },
    { 35, "NO_ADDITIONAL_SAS" },           { 36, "INTERNAL_ADDRESS_FAILURE" },
    { 37, "FAILED_CP_REQUIRED" },          { 38, "TS_UNACCEPTABLE" },
    { 39, "INVALID_SELECTORS" },           { 40, "UNACCEPTABLE_ADDRESSES" },
    { 41, "UNEXPECTED_NAT_DETECTED" },     { 42, "USE_ASSIGNED_HoA" },
    { 43, "TEMPORARY_FAILURE" },           { 44, "CHILD_SA_NOT_FOUND" },
    { 45, "INVALID_GROUP_ID" },            { 46, "AUTHORIZATION_FAILED" },
    { 47, "STATE_NOT_FOUND" },             { 48, "TS_MAX_QUEUE" },
    { 16384, "INITIAL_CONTACT" },          { 16385, "SET_WINDOW_SIZE" },
    { 16386, "ADDITIONAL_TS_POSSIBLE" },   { 16387, "IPCOMP_SUPPORTED" },
    { 16388, "NAT_DETECTION_SOURCE_IP" },  { 16389, "NAT_DETECTION_DESTINATION_IP" },
    { 16390, "COOKIE" },                   { 16391, "USE_TRANSPORT_MODE" },
    { 16392, "HTTP_CERT_LOOKUP_SUPPORTED" },{ 16393, "REKEY_SA" },
    { 16394, "ESP_TFC_PADDING_NOT_SUPPORTED" },{ 16395, "NON_FIRST_FRAGMENTS_ALSO" },
    { 16396, "MOBIKE_SUPPORTED" },         { 16404, "MULTIPLE_AUTH_SUPPORTED" },
    { 16405, "ANOTHER_AUTH_FOLLOWS" },     { 16406, "REDIRECT_SUPPORTED" },
    { 16407, "REDIRECT" },                 { 16408, "REDIRECTED_FROM" },
    { 16417, "EAP_ONLY_AUTHENTICATION" },
    { 16418, "CHILDLESS_IKEV2_SUPPORTED" },{ 16430, "IKEV2_FRAGMENTATION_SUPPORTED" },
    { 16431, "SIGNATURE_HASH_ALGORITHMS" },{ 16438, "INTERMEDIATE_EXCHANGE_SUPPORTED" },
    { 16441, "ADDITIONAL_KEY_EXCHANGE" },
};

const char *ikd_v2_notify_name(uint16_t type)
{
    return LOOKUP(notify_names, type, type < 16384 ? "unknown error notify" : "unknown status notify");
}

/* Public-value sizes: MODP groups send the modulus length, ECP groups both
 * coordinates (RFC 5903 7), Curve25519/448 their u-coordinate (RFC 8031). */
static const struct {
    uint16_t group;
    uint16_t bytes;
} dh_lengths[] = {
    { 1, 96 },  { 2, 128 }, { 5, 192 }, { 14, 256 }, { 15, 384 }, { 16, 512 }, { 17, 768 },
    { 18, 1024 }, { 19, 64 }, { 20, 96 }, { 21, 132 }, { 22, 128 }, { 23, 256 }, { 24, 256 },
    { 25, 48 }, { 26, 56 }, { 27, 56 }, { 28, 64 }, { 29, 96 }, { 30, 128 }, { 31, 32 }, { 32, 56 },
};

size_t ikd_v2_dh_group_data_length(uint16_t group)
{
    for (size_t i = 0; i < sizeof dh_lengths / sizeof dh_lengths[0]; i++)
        if (dh_lengths[i].group == group)
            return dh_lengths[i].bytes;
    return 0;
}

bool ikd_v2_encr_needs_key_length(uint16_t id)
{
    /* AES-CBC, -CTR, -CCM, -GCM, GMAC, Camellia, and the implicit-IV AES modes. */
    return (id >= 12 && id <= 16) || (id >= 18 && id <= 21) || (id >= 23 && id <= 27) || id == 29 || id == 30;
}

bool ikd_v2_encr_fixed_key_length(uint16_t id)
{
    /* DES, 3DES, NULL, ChaCha20-Poly1305 (and its implicit-IV form). */
    return id == 2 || id == 3 || id == 11 || id == 28 || id == 31;
}

static const v2_name auth_method_names[] = {
    { IKD_V2_AUTH_RSA, "RSA signature" },
    { IKD_V2_AUTH_PSK, "pre-shared key" },
    { IKD_V2_AUTH_DSS, "DSS signature" },
    { IKD_V2_AUTH_ECDSA_256, "ECDSA signature" },
    { 10, "ECDSA signature" },
    { IKD_V2_AUTH_ECDSA_521, "ECDSA signature" },
    { IKD_V2_AUTH_DIGITAL_SIGNATURE, "digital signature" },
    { IKD_V2_AUTH_EAP, "EAP" },
};

const char *ikd_v2_auth_method_name(uint8_t method)
{
    return LOOKUP(auth_method_names, method, "unknown authentication method");
}
