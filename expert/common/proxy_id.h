/* ikediag - a proxy identity (IKEv1 quick-mode IDci/IDcr, later IKEv2
 * traffic selectors): the address block, IP protocol and port a phase-2 SA
 * protects, and its text as IOS prints it in `show crypto ipsec sa`
 * ("198.51.100.0/255.255.255.128/0/0").
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_PROXY_ID_H
#define IKD_PROXY_ID_H

#include "core/address.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* How the block is given (RFC 2407 4.6.2.1 ID types). */
typedef enum {
    IKD_PROXY_NONE = 0,
    IKD_PROXY_ADDRESS, /* one host: `first` */
    IKD_PROXY_SUBNET,  /* `first` with mask `second` */
    IKD_PROXY_RANGE,   /* `first` to `second` */
} ikd_proxy_kind;

typedef struct {
    uint8_t kind;     /* ikd_proxy_kind */
    uint8_t protocol; /* IP protocol, 0 for any */
    uint16_t port;    /* 0 for any */
    ikd_address first;
    ikd_address second; /* the mask, or the range's end; unset for one address */
} ikd_proxy_id;

enum { IKD_PROXY_ID_TEXT = 2 * IKD_ADDRESS_TEXT + 16 };

/* IOS's addr/mask/prot/port: "198.51.100.0/255.255.255.128/0/0" (IPv4),
 * "2001:db8::/64/0/0" (IPv6, prefix length), "192.0.2.10/255.255.255.255/17/500"
 * for one host; a range as "192.0.2.1-192.0.2.9/0/0". "" when kind is NONE.
 * buf needs IKD_PROXY_ID_TEXT bytes. */
const char *ikd_proxy_id_format(const ikd_proxy_id *id, char *buf, size_t size);

bool ikd_proxy_id_equal(const ikd_proxy_id *a, const ikd_proxy_id *b);

/* The prefix length of a contiguous mask, or -1 when it is not one. */
int ikd_mask_prefix_length(const ikd_address *mask);

/* A proxy identity in two finding arguments, for verdict texts: an IPv4
 * host or an IPv4 subnet with a contiguous mask fits (the address, then
 * kind << 30 | prefix << 24 | protocol << 16 | port). Anything else (IPv6,
 * a range, a mask with holes) packs as IKD_PROXY_PACKED_OTHER, and NONE as
 * two zero words. Unpacking gives false for both of those. */
enum { IKD_PROXY_PACKED_OTHER = 3 };
void ikd_proxy_id_pack(const ikd_proxy_id *id, uint32_t words[2]);
bool ikd_proxy_id_unpack(const uint32_t words[2], ikd_proxy_id *id);
/* The kind field of a packed proxy identity (an ikd_proxy_kind, or IKD_PROXY_PACKED_OTHER). */
unsigned ikd_proxy_id_packed_kind(const uint32_t words[2]);

#endif
