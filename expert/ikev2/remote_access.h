/* ikediag - remote access over IKEv2: the configuration payload (CP, RFC
 * 7296 3.15) of decrypted messages, read with the attribute decoder IKEv1's
 * mode-config uses (common/cfg_attributes.h), and the EAP identity a client
 * gives (RFC 7296 2.16, RFC 3748 5.1). What they say goes to the SA's
 * record, the message's annotation (ikediag.ra.*) and the session table.
 *
 * Only Wireshark's decryption shows them: without keys the record stays empty.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_V2_REMOTE_ACCESS_H
#define IKD_V2_REMOTE_ACCESS_H

#include "common/annotation.h"
#include "common/cfg_attributes.h"
#include "common/packet.h"
#include "core/address.h"
#include "ikev2/message_view.h"

#include <stdbool.h>
#include <stdint.h>

enum { IKD_V2_MAX_REQUESTED = IKD_MAX_CFG_ATTRIBUTES };

/* EAP inside IKE_AUTH (RFC 7296 2.16), from the decrypted EAP payloads. */
typedef struct {
    uint8_t rounds;       /* IKE_AUTH exchanges that carried EAP */
    uint8_t method;       /* the last EAP method type requested (26: MSCHAPv2), 0: identity only */
    uint8_t outcome;      /* EAP code 3 (Success) or 4 (Failure) when one was seen, else 0 */
    bool mschapv2_failed; /* an MSCHAPv2 Failure request (RFC 2759 / draft-kamath 2.5) */
    uint16_t mschapv2_error; /* its E= code (691: wrong user name or password), 0: unread */
    uint32_t failure_frame;  /* the message that said it failed */
} ikd_v2_eap;

typedef struct {
    uint32_t request_frame;     /* the first CFG_REQUEST read, 0: none */
    uint8_t client;             /* peer index of its sender */
    uint16_t requested[IKD_V2_MAX_REQUESTED]; /* its attribute types */
    uint32_t requested_count;
    bool wants_address;         /* it asked INTERNAL_IP4_ADDRESS or INTERNAL_IP6_ADDRESS */
    uint32_t reply_frame;       /* the first CFG_REPLY read, 0: none */
    bool address_known;
    ikd_address address;        /* what a CFG_REPLY or CFG_SET assigned */
    uint32_t address_frame;
    uint32_t no_address_frame;  /* an IKE_AUTH response ending the authentication that
                                   carried no address though one was asked for */
    uint32_t address_failure_frame; /* a response with INTERNAL_ADDRESS_FAILURE (36) */
    char eap_identity[IKD_RA_NAME_TEXT]; /* EAP Response/Identity, printable, "" when none read */
    uint32_t eap_identity_frame;
    ikd_v2_eap eap;             /* what the EAP rounds told (auth.c) */
} ikd_v2_ra;

struct ikd_v2_sa;

/* Notes what one message says (any copy: a resend says the same). inner:
 * Wireshark's decryption of its SK payload (inner->view NULL when none). */
void ikd_v2_note_remote_access(struct ikd_v2_sa *v2, int sender, const ikd_v2_body *inner, const ikd_packet *p,
                               ikd_annotation *ann);

/* The SA's remote-access record, made on first need: when a CP or an EAP
 * payload was read. */
ikd_v2_ra *ikd_v2_ra_record(struct ikd_v2_sa *v2);

/* The side that asked for configuration or authenticated by EAP: the remote
 * client; -1 when the SA shows neither (site to site, or not decrypted). */
int ikd_v2_ra_client(const struct ikd_v2_sa *v2);
/* The client's user name: its EAP identity, else its IKE identity (IDi);
 * "" when not remote access or nothing was read. */
const char *ikd_v2_ra_user(const struct ikd_v2_sa *v2);

#endif
