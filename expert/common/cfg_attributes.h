/* ikediag - the attribute payload (14) of an IKEv1 transaction exchange and
 * IKEv2's configuration payload (CP, 47; RFC 7296 3.15), read: mode-config
 * (draft-dukes-ike-mode-cfg, whose attribute numbers 1-14 IKEv2 kept), IKEv2's
 * later ones, XAUTH (draft-beaulieu-ike-xauth) and Cisco Unity attributes,
 * with their names and values in words. One decoder for both versions.
 *
 * Passwords, passcodes and answers are never turned into text: their value
 * reads "<password, 8 characters>".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_CFG_ATTRIBUTES_H
#define IKD_CFG_ATTRIBUTES_H

#include "core/address.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The message types of an attribute payload (IKEv2 names them CFG_REQUEST ... CFG_ACK). */
enum ikd_cfg_type { IKD_CFG_REQUEST = 1, IKD_CFG_REPLY = 2, IKD_CFG_SET = 3, IKD_CFG_ACK = 4 };

/* Attribute types (research ikev2-remote-access-pki.md 3.2). */
enum ikd_cfg_attribute_type {
    IKD_CFG_IP4_ADDRESS = 1,
    IKD_CFG_IP4_NETMASK = 2,
    IKD_CFG_IP4_DNS = 3,
    IKD_CFG_IP4_NBNS = 4,
    IKD_CFG_ADDRESS_EXPIRY = 5,
    IKD_CFG_IP4_DHCP = 6,
    IKD_CFG_APPLICATION_VERSION = 7,
    IKD_CFG_IP6_ADDRESS = 8,
    IKD_CFG_IP6_NBNS = 11,
    IKD_CFG_IP6_DHCP = 12,
    IKD_CFG_IP4_SUBNET = 13,
    IKD_CFG_SUPPORTED_ATTRIBUTES = 14,
    IKD_CFG_IP6_SUBNET = 15, /* 15-26: IKEv2 only */
    IKD_CFG_P_CSCF_IP4_ADDRESS = 20,
    IKD_CFG_P_CSCF_IP6_ADDRESS = 21,
    IKD_CFG_DNS_DOMAIN = 25,
    IKD_XAUTH_TYPE = 16520,
    IKD_XAUTH_USER_NAME = 16521,
    IKD_XAUTH_USER_PASSWORD = 16522,
    IKD_XAUTH_PASSCODE = 16523,
    IKD_XAUTH_MESSAGE = 16524,
    IKD_XAUTH_CHALLENGE = 16525,
    IKD_XAUTH_DOMAIN = 16526,
    IKD_XAUTH_STATUS = 16527,
    IKD_XAUTH_NEXT_PIN = 16528,
    IKD_XAUTH_ANSWER = 16529,
    IKD_UNITY_BANNER = 28672,
    IKD_UNITY_SAVE_PASSWD = 28673,
    IKD_UNITY_DEF_DOMAIN = 28674,
    IKD_UNITY_SPLIT_DOMAIN = 28675,
    IKD_UNITY_SPLIT_INCLUDE = 28676,
    IKD_UNITY_NATT_PORT = 28677,
    IKD_UNITY_LOCAL_LAN = 28678,
    IKD_UNITY_PFS = 28679,
    IKD_UNITY_FW_TYPE = 28680,
    IKD_UNITY_BACKUP_SERVERS = 28681,
    IKD_UNITY_DDNS_HOSTNAME = 28682,
};

/* XAUTH_STATUS values. */
enum { IKD_XAUTH_STATUS_FAIL = 0, IKD_XAUTH_STATUS_OK = 1 };

enum { IKD_MAX_CFG_ATTRIBUTES = 32, IKD_CFG_TEXT_MAX = 200 };

typedef struct {
    uint16_t type;
    bool basic;          /* TV form: the value is the two bytes after the type */
    uint16_t length;     /* of the value */
    const uint8_t *value; /* inside the payload given to ikd_cfg_payload_read */
} ikd_cfg_attribute;

typedef struct {
    uint8_t cfg_type; /* ikd_cfg_type */
    uint16_t identifier;
    ikd_cfg_attribute attributes[IKD_MAX_CFG_ATTRIBUTES];
    uint32_t count;   /* stored */
    uint32_t seen;    /* read, may exceed IKD_MAX_CFG_ATTRIBUTES */
    bool cut;         /* the list ended inside an attribute: what follows was not read */
} ikd_cfg_payload;

/* Reads an attribute payload's body (after the 4-byte generic header: type,
 * reserved, identifier, attributes). False when even the first 4 bytes are
 * missing. Attribute values point into body, which must outlive out. */
bool ikd_cfg_payload_read(const uint8_t *body, size_t len, ikd_cfg_payload *out);
/* The same for an IKEv2 CP body (after the generic header: CFG Type, 3
 * reserved bytes, attributes). Every attribute has a length; the first bit
 * of its type is reserved and ignored. identifier is 0. */
bool ikd_cfg_payload_read_v2(const uint8_t *body, size_t len, ikd_cfg_payload *out);
/* The first attribute of this type, or NULL. */
const ikd_cfg_attribute *ikd_cfg_payload_find(const ikd_cfg_payload *cfg, uint16_t type);

/* Wireshark's names ("INTERNAL_IP4_ADDRESS", "XAUTH_USER_NAME",
 * "UNITY_SPLIT_INCLUDE"); "attribute N" for others (in buf). */
const char *ikd_cfg_attribute_name(uint16_t type, char *buf, size_t size);
/* "REQUEST", "REPLY", "SET", "ACK", or "type N" (in buf). */
const char *ikd_cfg_type_name(uint8_t type, char *buf, size_t size);
bool ikd_cfg_attribute_is_xauth(uint16_t type);
/* A value that is a secret: never printed, only its length. */
bool ikd_cfg_attribute_is_secret(uint16_t type);

/* The value in words: "198.51.100.100", "'alice'", "OK", "203.0.113.0/255.255.255.0",
 * "2001:db8::1/64" (IKEv2's IPv6 address and prefix), "INTERNAL_IP4_ADDRESS, INTERNAL_IP4_DNS"
 * (SUPPORTED_ATTRIBUTES), "<password, 8 characters>"; "(empty)" for an empty value (a request). */
const char *ikd_cfg_value_text(const ikd_cfg_attribute *a, char *buf, size_t size);
/* Its value as a number (TV form, or 1..4 bytes); false for others. */
bool ikd_cfg_value_number(const ikd_cfg_attribute *a, uint32_t *out);
/* Its value as an IPv4 or IPv6 address (4 or 16 bytes, 17 for IPv6 with a prefix). */
bool ikd_cfg_value_address(const ikd_cfg_attribute *a, ikd_address *out);
/* Its value as text, printable ASCII only (others become '?'), cut to fit. */
const char *ikd_cfg_value_string(const ikd_cfg_attribute *a, char *buf, size_t size);

/* A split-tunnel list (UNITY_SPLIT_INCLUDE / LOCAL_LAN): 14-byte entries of
 * network, mask and 6 bytes Cisco leaves for protocol and ports. */
enum { IKD_UNITY_SPLIT_ENTRY = 14 };
uint32_t ikd_cfg_split_count(const ikd_cfg_attribute *a);
/* Entry i's network and mask; false past the end. */
bool ikd_cfg_split_entry(const ikd_cfg_attribute *a, uint32_t i, ikd_address *network, ikd_address *mask);

#endif
