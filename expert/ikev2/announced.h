/* ikediag - what each IKEv2 peer announces about itself: its vendor IDs
 * (common/vendor_note.h: the implementation columns and ikediag.vendor),
 * the status notifications that say what it supports (MOBIKE RFC 4555,
 * redirect RFC 5685, fragmentation RFC 7383, signature hash algorithms
 * RFC 7427, ...), and a REDIRECT that sends the initiator to another
 * gateway (RFC 5685 3-5).
 *
 * Read from every copy of every message, clear and decrypted payloads
 * alike: announcing twice changes nothing.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_ANNOUNCED_H
#define IKD_V2_ANNOUNCED_H

#include "common/annotation.h"
#include "common/packet.h"
#include "common/sa.h"
#include "core/address.h"
#include "ikev2/message_view.h"

#include <stddef.h>
#include <stdint.h>

enum { IKD_V2_GATEWAY_TEXT = 64 };

/* The first REDIRECT read (RFC 5685). */
typedef struct {
    uint32_t frame, pdu;
    uint8_t by;               /* the peer that sent it */
    uint8_t exchange;         /* in IKE_SA_INIT, IKE_AUTH or INFORMATIONAL */
    ikd_address to;           /* the new gateway by address; family 0 when named or unreadable */
    char name[IKD_V2_GATEWAY_TEXT]; /* the new gateway's FQDN, "" when none or not printable */
} ikd_v2_redirect;

typedef struct {
    uint32_t supports[2];     /* per peer: bit i set when it sent ikd_v2_support_notify(i) */
    /* Owned, NULL when none was read: out of line, as few SAs are
     * redirected (inline it was 88 bytes of every IKEv2 SA). */
    ikd_v2_redirect *redirect;
} ikd_v2_announced;

/* sender: peer index of the message's sender; m: its clear or decrypted payloads. */
void ikd_v2_note_announced(ikd_v2_announced *a, ikd_sa *sa, int sender, const ikd_v2_body *m,
                           const ikd_packet *p, ikd_annotation *ann);

/* The status notifications that announce a capability, by bit: the notify
 * type of bit i, 0 past the last. */
uint16_t ikd_v2_support_notify(unsigned bit);

/* "MOBIKE_SUPPORTED, IKEV2_FRAGMENTATION_SUPPORTED" for a peer's bits, "" for none. */
const char *ikd_v2_supports_text(uint32_t bits, char *buf, size_t size);

/* The REDIRECT's new gateway: "192.0.2.7", "vpn2.example.com", or "" when unreadable. */
const char *ikd_v2_redirect_gateway(const ikd_v2_redirect *r, char *buf, size_t size);

/* The new gateway in two finding arguments: its kind, then an IPv4
 * address (RFC 5685's identity types; only IPv4 fits one argument). */
enum { IKD_V2_GATEWAY_UNREAD = 0, IKD_V2_GATEWAY_IPV4 = 1, IKD_V2_GATEWAY_IPV6 = 2, IKD_V2_GATEWAY_NAME = 3 };
void ikd_v2_redirect_pack(const ikd_v2_redirect *r, uint32_t out[2]);
/* "192.0.2.7"; "an IPv6 gateway" or "a gateway given by name" with where
 * the analysis table shows it; "a gateway not readable". */
const char *ikd_v2_redirect_packed_text(uint32_t kind, uint32_t ipv4, char *buf, size_t size);

#endif
