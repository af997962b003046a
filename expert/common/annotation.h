/* ikediag - what the engine says about one message: the per-message result
 * the plugin keeps and renders, and the lists that go with it.
 *
 * ikd_message_result holds only scalars, so the plugin keeps it by copying it
 * whole: a new field is added here and rendered, nothing else.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_ANNOTATION_H
#define IKD_ANNOTATION_H

#include "common/cisco_state.h"
#include "common/proxy_id.h"
#include "core/address.h"
#include "core/findings.h"

#include <stdbool.h>
#include <stdint.h>

/* A Dead Peer Detection notification (RFC 3706). */
typedef enum {
    IKD_DPD_NONE,
    IKD_DPD_R_U_THERE,
    IKD_DPD_R_U_THERE_ACK,
} ikd_dpd_kind;

/* The plugin keeps one of these for every IKE message of the capture, so it
 * is kept small (56 bytes): the enums in a byte each, the 32-bit fields and
 * the doubles together so that nothing is padding, and what few messages
 * carry (proxy identities, an assigned address) in ikd_message_rare. */
typedef struct {
    uint32_t conn_id;        /* the SA (1001, 1002, ...); 0 when the message belongs to none */
    uint32_t message_id;
    uint32_t retransmission; /* 0: first copy; n: the n-th resend */
    uint32_t original_frame; /* for a resend: the first copy */
    uint32_t response_to;    /* for an answer: the first copy of what it answers */
    uint32_t dpd_seq;        /* the DPD notification's sequence number */
    double since_original;   /* seconds since the first copy (resends) */
    double since_request;    /* seconds since the first copy of the request (answers) */
    uint8_t ike_version; /* the header's major version; 0 when it was not captured */
    bool encrypted;
    uint8_t step;            /* ikd_step */
    uint8_t sender;          /* ikd_role */
    uint8_t state;           /* ikd_ios_state: the SA after this message, the less advanced of the two sides */
    uint8_t state_initiator; /* ikd_ios_state */
    uint8_t state_responder; /* ikd_ios_state */
    uint8_t state_ios;       /* ikd_ios_state; IKEv2: the sender's last IOS state-machine name the wire confirms */
    uint8_t asa_state;       /* ikd_asa_state: what the waiting side shows on an ASA */
    uint8_t dpd;             /* ikd_dpd_kind: what Wireshark's decryption shows */
    /* A transaction exchange message (IKEv1 XAUTH / mode-config). */
    uint8_t txn_step;        /* ikd_txn_step (ikev1/remote_access.h); 0: not known */
    bool txn_inferred;       /* txn_step from the exchanges' order alone (not decrypted) */
    uint8_t xauth_status;    /* ikd_xauth_outcome (ikev1/remote_access.h) read from it */
    /* IKEv2 remote access, from the decrypted payloads (ikev2/remote_access.h). */
    uint8_t cp_type;         /* its CP payload's CFG type (1 CFG_REQUEST .. 4 CFG_ACK), 0: none */
    uint8_t eap_code;        /* its EAP payload's code (1 Request .. 4 Failure), 0: none */
    uint8_t eap_type;        /* ... and type, for a Request or Response */
} ikd_message_result;

/* What only a few messages say (a decrypted quick mode, a mode-config
 * reply): apart from ikd_message_result, kept by the plugin only when
 * ikd_message_rare_present() says there is something. */
typedef struct {
    /* A decrypted QM1 or QM2's proxy identities, from the sender's side:
     * local is its own (QM1: IDci, QM2: IDcr), remote the other peer's.
     * Kind NONE when the message carried no address ID payloads. */
    ikd_proxy_id local_id;
    ikd_proxy_id remote_id;
    ikd_address ra_address; /* the address a mode-config reply or set assigned (family 0: none) */
} ikd_message_rare;

bool ikd_message_rare_present(const ikd_message_rare *rare);

enum { IKD_MAX_VENDORS = 12, IKD_VENDOR_TEXT = 96, IKD_MAX_MESSAGE_CERTS = 4, IKD_RA_NAME_TEXT = 64 };
enum { IKD_MAX_MESSAGE_REQUESTS = 8 };

struct ikd_cert_record;
struct ikd_ca_request;

typedef struct {
    ikd_message_result result;
    ikd_message_rare rare;
    ikd_finding_list findings; /* the reader's and this message's sequence findings */
    /* Vendor IDs of this message, identified: "Cisco Unity 1.0", "strongSwan". */
    char vendors[IKD_MAX_VENDORS][IKD_VENDOR_TEXT];
    uint32_t vendor_count;
    /* IOS's `debug crypto isakmp` walk of this offer against the router's
     * policy file, one line per "\n"; owned, freed by ikd_annotation_clear().
     * NULL when there is no policy file or no offer. */
    char *ios_walk;
    /* The certificates this message's CERT payloads carried (its first
     * IKD_MAX_MESSAGE_CERTS), owned by the SA: valid while the engine is. */
    const struct ikd_cert_record *certs[IKD_MAX_MESSAGE_CERTS];
    uint32_t cert_count;
    /* The CAs this message's CERTREQ payloads asked for (its first
     * IKD_MAX_MESSAGE_REQUESTS), owned by the SA like the certificates. */
    const struct ikd_ca_request *requests[IKD_MAX_MESSAGE_REQUESTS];
    uint32_t request_count;
    /* Remote access (Easy VPN): AM1's KEY_ID identity (the group) and the
     * XAUTH user name a decrypted message carried; "" when none. */
    char ra_group[IKD_RA_NAME_TEXT];
    char ra_user[IKD_RA_NAME_TEXT];
    /* A decrypted transaction message's attributes, one "NAME: value" per
     * "\n" (passwords as "<password, N characters>"), and what the Easy VPN
     * server's `debug crypto isakmp` prints for it; owned, NULL when none. */
    char *ra_attributes;
    char *ra_debug;
} ikd_annotation;

/* Makes an annotation ready for the next message: every field zero but
 * the bodies of the findings' and vendor IDs' arrays (2 of its 2.6 KB),
 * which only their counts make readable. */
void ikd_annotation_reset(ikd_annotation *annotation);
/* Frees what an annotation owns (the IOS walk and remote-access texts). */
void ikd_annotation_clear(ikd_annotation *annotation);

#endif
