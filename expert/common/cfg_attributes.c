/* ikediag - attribute payloads (IKEv1 transaction exchanges, IKEv2 CP), read and named.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/cfg_attributes.h"

#include "core/byte_reader.h"

#include <stdio.h>
#include <string.h>

enum { AF_BIT = 0x8000, TYPE_MASK = 0x7fff };

static void add_attribute(ikd_cfg_payload *out, uint16_t type, bool basic, uint16_t length, const uint8_t *value)
{
    out->seen++;
    if (out->count >= IKD_MAX_CFG_ATTRIBUTES)
        return;
    ikd_cfg_attribute *a = &out->attributes[out->count++];
    a->type = type;
    a->basic = basic;
    a->length = length;
    a->value = value;
}

/* The attributes after the payload's 4-byte header. IKEv1 (af_bit): the
 * first bit marks the TV form; IKEv2: it is reserved and ignored on receipt
 * (RFC 7296 3.15.1), every attribute has a length. */
static void read_attributes(ikd_reader *r, bool af_bit, ikd_cfg_payload *out)
{
    while (ikd_reader_remaining(r)) {
        uint16_t word, length;
        const uint8_t *value;
        if (!ikd_read_u16(r, &word)) {
            out->cut = true;
            return;
        }
        if (af_bit && (word & AF_BIT)) {
            if (!ikd_read_bytes(r, 2, &value)) {
                out->cut = true;
                return;
            }
            add_attribute(out, word & TYPE_MASK, true, 2, value);
            continue;
        }
        if (!ikd_read_u16(r, &length) || !ikd_read_bytes(r, length, &value)) {
            out->cut = true;
            return;
        }
        add_attribute(out, af_bit ? word : word & TYPE_MASK, false, length, value);
    }
}

bool ikd_cfg_payload_read(const uint8_t *body, size_t len, ikd_cfg_payload *out)
{
    memset(out, 0, sizeof *out);
    ikd_reader r = ikd_reader_make(body, len, 0);
    uint8_t reserved;
    if (!ikd_read_u8(&r, &out->cfg_type) || !ikd_read_u8(&r, &reserved) || !ikd_read_u16(&r, &out->identifier))
        return false;
    read_attributes(&r, true, out);
    return true;
}

bool ikd_cfg_payload_read_v2(const uint8_t *body, size_t len, ikd_cfg_payload *out)
{
    memset(out, 0, sizeof *out);
    ikd_reader r = ikd_reader_make(body, len, 0);
    if (!ikd_read_u8(&r, &out->cfg_type) || !ikd_reader_skip(&r, 3))
        return false;
    read_attributes(&r, false, out);
    return true;
}

const ikd_cfg_attribute *ikd_cfg_payload_find(const ikd_cfg_payload *cfg, uint16_t type)
{
    for (uint32_t i = 0; i < cfg->count; i++)
        if (cfg->attributes[i].type == type)
            return &cfg->attributes[i];
    return NULL;
}

static const char *base_name(uint16_t type)
{
    static const char *const names[] = {
        NULL, "INTERNAL_IP4_ADDRESS", "INTERNAL_IP4_NETMASK", "INTERNAL_IP4_DNS", "INTERNAL_IP4_NBNS",
        "INTERNAL_ADDRESS_EXPIRY", "INTERNAL_IP4_DHCP", "APPLICATION_VERSION", "INTERNAL_IP6_ADDRESS",
        "INTERNAL_IP6_NETMASK", "INTERNAL_IP6_DNS", "INTERNAL_IP6_NBNS", "INTERNAL_IP6_DHCP",
        "INTERNAL_IP4_SUBNET", "SUPPORTED_ATTRIBUTES",
        /* 15-26: IKEv2's (IANA "IKEv2 Configuration Payload Attribute Types") */
        "INTERNAL_IP6_SUBNET", "MIP6_HOME_PREFIX", "INTERNAL_IP6_LINK", "INTERNAL_IP6_PREFIX",
        "HOME_AGENT_ADDRESS", "P_CSCF_IP4_ADDRESS", "P_CSCF_IP6_ADDRESS", "FTT_KAT",
        "EXTERNAL_SOURCE_IP4_NAT_INFO", "TIMEOUT_PERIOD_FOR_LIVENESS_CHECK", "INTERNAL_DNS_DOMAIN",
        "INTERNAL_DNSSEC_TA",
    };
    static const char *const xauth[] = {
        "XAUTH_TYPE", "XAUTH_USER_NAME", "XAUTH_USER_PASSWORD", "XAUTH_PASSCODE", "XAUTH_MESSAGE",
        "XAUTH_CHALLENGE", "XAUTH_DOMAIN", "XAUTH_STATUS", "XAUTH_NEXT_PIN", "XAUTH_ANSWER",
    };
    static const char *const unity[] = {
        "UNITY_BANNER", "UNITY_SAVE_PASSWD", "UNITY_DEF_DOMAIN", "UNITY_SPLIT_DOMAIN", "UNITY_SPLIT_INCLUDE",
        "UNITY_NATT_PORT", "UNITY_LOCAL_LAN", "UNITY_PFS", "UNITY_FW_TYPE", "UNITY_BACKUP_SERVERS",
        "UNITY_DDNS_HOSTNAME",
    };
    if (type < sizeof names / sizeof names[0])
        return names[type];
    if (type >= IKD_XAUTH_TYPE && type <= IKD_XAUTH_ANSWER)
        return xauth[type - IKD_XAUTH_TYPE];
    if (type >= IKD_UNITY_BANNER && type <= IKD_UNITY_DDNS_HOSTNAME)
        return unity[type - IKD_UNITY_BANNER];
    return NULL;
}

const char *ikd_cfg_attribute_name(uint16_t type, char *buf, size_t size)
{
    const char *name = base_name(type);
    if (name)
        return name;
    snprintf(buf, size, "attribute %u", type);
    return buf;
}

const char *ikd_cfg_type_name(uint8_t type, char *buf, size_t size)
{
    static const char *const names[] = { NULL, "REQUEST", "REPLY", "SET", "ACK" };
    if (type >= 1 && type <= 4)
        return names[type];
    snprintf(buf, size, "type %u", type);
    return buf;
}

bool ikd_cfg_attribute_is_xauth(uint16_t type)
{
    return type >= IKD_XAUTH_TYPE && type <= IKD_XAUTH_ANSWER;
}

bool ikd_cfg_attribute_is_secret(uint16_t type)
{
    return type == IKD_XAUTH_USER_PASSWORD || type == IKD_XAUTH_PASSCODE || type == IKD_XAUTH_NEXT_PIN ||
           type == IKD_XAUTH_ANSWER;
}

bool ikd_cfg_value_number(const ikd_cfg_attribute *a, uint32_t *out)
{
    if (!a->length || a->length > 4)
        return false;
    uint32_t v = 0;
    for (uint16_t i = 0; i < a->length; i++)
        v = v << 8 | a->value[i];
    *out = v;
    return true;
}

bool ikd_cfg_value_address(const ikd_cfg_attribute *a, ikd_address *out)
{
    memset(out, 0, sizeof *out);
    if (a->basic || (a->length != 4 && a->length != 16 && a->length != 17))
        return false;
    out->family = a->length == 4 ? 4 : 6;
    memcpy(out->bytes, a->value, a->length == 4 ? 4 : 16);
    return true;
}

const char *ikd_cfg_value_string(const ikd_cfg_attribute *a, char *buf, size_t size)
{
    size_t n = 0;
    for (uint16_t i = 0; i < a->length && n + 1 < size; i++) {
        uint8_t c = a->value[i];
        if (c == 0 && i + 1 == a->length)
            break; /* a C string's terminator */
        buf[n++] = c >= 0x20 && c < 0x7f ? (char)c : c == '\n' || c == '\r' || c == '\t' ? ' ' : '?';
    }
    if (size)
        buf[n] = '\0';
    return buf;
}

uint32_t ikd_cfg_split_count(const ikd_cfg_attribute *a)
{
    return a->basic ? 0 : a->length / IKD_UNITY_SPLIT_ENTRY;
}

bool ikd_cfg_split_entry(const ikd_cfg_attribute *a, uint32_t i, ikd_address *network, ikd_address *mask)
{
    if (i >= ikd_cfg_split_count(a))
        return false;
    const uint8_t *e = a->value + (size_t)i * IKD_UNITY_SPLIT_ENTRY;
    memset(network, 0, sizeof *network);
    memset(mask, 0, sizeof *mask);
    network->family = mask->family = 4;
    memcpy(network->bytes, e, 4);
    memcpy(mask->bytes, e + 4, 4);
    return true;
}

static const char *split_text(const ikd_cfg_attribute *a, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    ikd_address net, mask;
    for (uint32_t i = 0; ikd_cfg_split_entry(a, i, &net, &mask) && used + 1 < size; i++) {
        char n[IKD_ADDRESS_TEXT], m[IKD_ADDRESS_TEXT];
        int w = snprintf(buf + used, size - used, "%s%s/%s", i ? ", " : "", ikd_address_format(&net, n, sizeof n),
                         ikd_address_format(&mask, m, sizeof m));
        used = w < 0 ? size : used + (size_t)w;
    }
    if (a->length % IKD_UNITY_SPLIT_ENTRY && used + 1 < size)
        snprintf(buf + used, size - used, "%s(%u bytes left over)", used ? ", " : "",
                 (unsigned)(a->length % IKD_UNITY_SPLIT_ENTRY));
    return buf;
}

static const char *number_name(uint16_t type, uint32_t v)
{
    static const char *const xauth_types[] = { "Generic", "RADIUS-CHAP", "OTP", "S/KEY" };
    if (type == IKD_XAUTH_STATUS)
        return v == IKD_XAUTH_STATUS_OK ? "OK" : v == IKD_XAUTH_STATUS_FAIL ? "FAIL" : NULL;
    if (type == IKD_XAUTH_TYPE && v < 4)
        return xauth_types[v];
    return NULL;
}

static const char *number_text(const ikd_cfg_attribute *a, char *buf, size_t size)
{
    uint32_t v;
    if (!ikd_cfg_value_number(a, &v)) {
        snprintf(buf, size, "%u bytes", a->length);
        return buf;
    }
    const char *name = number_name(a->type, v);
    if (name)
        snprintf(buf, size, "%s", name);
    else
        snprintf(buf, size, "%u", v);
    return buf;
}

static bool is_address_type(uint16_t type)
{
    return (type >= IKD_CFG_IP4_ADDRESS && type <= IKD_CFG_IP4_NBNS) || type == IKD_CFG_IP4_DHCP ||
           (type >= IKD_CFG_IP6_ADDRESS && type <= IKD_CFG_IP6_DHCP) || type == IKD_CFG_P_CSCF_IP4_ADDRESS ||
           type == IKD_CFG_P_CSCF_IP6_ADDRESS;
}

static bool is_text_type(uint16_t type)
{
    return type == IKD_CFG_APPLICATION_VERSION || type == IKD_CFG_DNS_DOMAIN || type == IKD_XAUTH_USER_NAME ||
           type == IKD_XAUTH_MESSAGE || type == IKD_XAUTH_CHALLENGE || type == IKD_XAUTH_DOMAIN ||
           type == IKD_UNITY_BANNER ||
           type == IKD_UNITY_DEF_DOMAIN || type == IKD_UNITY_SPLIT_DOMAIN || type == IKD_UNITY_BACKUP_SERVERS ||
           type == IKD_UNITY_DDNS_HOSTNAME;
}

static const char *subnet_text(const ikd_cfg_attribute *a, char *buf, size_t size)
{
    ikd_address net = { 4, { 0 } }, mask = { 4, { 0 } };
    char n[IKD_ADDRESS_TEXT], m[IKD_ADDRESS_TEXT];
    if (a->basic || a->length != 8) {
        snprintf(buf, size, "%u bytes", a->length);
        return buf;
    }
    memcpy(net.bytes, a->value, 4);
    memcpy(mask.bytes, a->value + 4, 4);
    snprintf(buf, size, "%s/%s", ikd_address_format(&net, n, sizeof n), ikd_address_format(&mask, m, sizeof m));
    return buf;
}

/* An address; IKEv2's 17-byte IPv6 values end with a prefix length. */
static void address_text(const ikd_cfg_attribute *a, char *buf, size_t size)
{
    ikd_address addr;
    char text[IKD_ADDRESS_TEXT];
    if (!ikd_cfg_value_address(a, &addr))
        snprintf(buf, size, "%u bytes", a->length); /* not an address's length */
    else if (a->length == 17)
        snprintf(buf, size, "%s/%u", ikd_address_format(&addr, text, sizeof text), a->value[16]);
    else
        ikd_address_format(&addr, buf, size);
}

/* SUPPORTED_ATTRIBUTES: the attribute types the sender knows, two bytes each. */
static void supported_text(const ikd_cfg_attribute *a, char *buf, size_t size)
{
    size_t used = 0;
    buf[0] = '\0';
    for (uint16_t i = 0; !a->basic && i + 1 < a->length && used + 1 < size; i += 2) {
        char name[32];
        uint16_t type = (uint16_t)((a->value[i] << 8 | a->value[i + 1]) & TYPE_MASK);
        int w = snprintf(buf + used, size - used, "%s%s", used ? ", " : "",
                         ikd_cfg_attribute_name(type, name, sizeof name));
        used = w < 0 ? size : used + (size_t)w;
    }
    if (a->length % 2 && used + 1 < size)
        snprintf(buf + used, size - used, "%s(1 byte left over)", used ? ", " : "");
}

const char *ikd_cfg_value_text(const ikd_cfg_attribute *a, char *buf, size_t size)
{
    if (ikd_cfg_attribute_is_secret(a->type) && (a->basic || a->length)) {
        const char *what = a->type == IKD_XAUTH_USER_PASSWORD ? "password"
                           : a->type == IKD_XAUTH_PASSCODE    ? "passcode"
                           : a->type == IKD_XAUTH_NEXT_PIN    ? "next PIN"
                                                              : "answer";
        snprintf(buf, size, "<%s, %u character%s>", what, a->length, a->length == 1 ? "" : "s");
    } else if (!a->basic && !a->length) {
        snprintf(buf, size, "(empty)");
    } else if (is_address_type(a->type) || a->type == IKD_CFG_IP6_SUBNET) {
        address_text(a, buf, size);
    } else if (a->type == IKD_CFG_SUPPORTED_ATTRIBUTES) {
        supported_text(a, buf, size);
    } else if (a->type == IKD_CFG_IP4_SUBNET) {
        subnet_text(a, buf, size);
    } else if (a->type == IKD_UNITY_SPLIT_INCLUDE || a->type == IKD_UNITY_LOCAL_LAN) {
        split_text(a, buf, size);
    } else if (is_text_type(a->type) && !a->basic) {
        char text[IKD_CFG_TEXT_MAX];
        snprintf(buf, size, "'%s'", ikd_cfg_value_string(a, text, sizeof text));
    } else {
        number_text(a, buf, size);
    }
    return buf;
}
