/* ikediag - the certificates each peer of an SA sent in CERT payloads
 * (IKEv1 RFC 2408 3.9, IKEv2 RFC 7296 3.6: an encoding byte, then the
 * data), read and checked as they arrive: expired or not yet valid at the
 * moment the message was sent, expiring within 30 days, weak key or
 * signature. Both IKE versions hand their CERT payloads over here.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_CERT_NOTES_H
#define IKD_CERT_NOTES_H

#include "common/annotation.h"
#include "common/certificate.h"
#include "common/sa.h"

/* Per SA, at most IKD_MAX_SA_CERTS certificates and IKD_MAX_SA_CA_REQUESTS
 * requested CAs are kept (a real chain has a handful): hostile input
 * cannot grow an SA without end; later ones are still checked. */
enum { IKD_CERT_ENCODING_X509_SIGNATURE = 4, IKD_CERT_EXPIRING_DAYS = 30, IKD_MAX_SA_CERTS = 16,
       IKD_MAX_SA_CA_REQUESTS = 64 };

typedef struct ikd_cert_record {
    uint32_t frame;   /* the message that carried it first */
    uint8_t sender;   /* peer index */
    int8_t validity;  /* when it was sent: -1 not yet valid, 0 valid, 1 expired (certificate.h) */
    uint32_t unnamed_identity; /* the sender's identity it does not name (core/interned.h), 0: none seen */
    ikd_cert_info info;
} ikd_cert_record;

/* A CA one peer asked for in a CERTREQ payload: IKEv1 by distinguished
 * name (RFC 2408 3.10; empty: any CA), IKEv2 by the SHA-1 of its public
 * key (RFC 7296 3.7). */
typedef struct ikd_ca_request {
    uint8_t sender;
    bool by_key;
    char dn[IKD_CERT_NAME];
    uint8_t key_sha1[20];
} ikd_ca_request;

/* One CERTREQ payload's body (encoding, then the CA names) from peer
 * `sender`; each CA asked for is also listed in ann->requests (ann may be
 * NULL). */
void ikd_cert_request_note(ikd_sa *sa, int sender, const uint8_t *body, size_t len, bool ikev2, ikd_annotation *ann);

/* Whether peer `asker` asked for the CA that issued cert: 1 yes, 0 no (it
 * asked for others), -1 cannot tell (no CERTREQ, one for any CA, or an
 * IKEv2 key hash while the issuer's certificate is not in the capture). */
int ikd_cert_issuer_requested(const ikd_sa *sa, int asker, const ikd_cert_record *cert);
uint32_t ikd_cert_requests_from(const ikd_sa *sa, int asker);

/* One CERT payload's body from peer `sender`. An X.509 certificate is kept
 * once per sender (a resend adds nothing), checked, and listed in the
 * annotation; findings point at [at, at + span) of the message (the SK
 * payload for a decrypted one). Other encodings are left alone. */
void ikd_cert_note(ikd_sa *sa, int sender, const uint8_t *body, size_t len, const ikd_packet *p,
                   ikd_annotation *ann, size_t at, size_t span);

/* The first certificate peer `sender` sent that was not valid when it was
 * sent (expired or not yet valid), or NULL: the reason a refusal of its
 * authentication can name. */
const ikd_cert_record *ikd_cert_invalid_when_sent(const ikd_sa *sa, int sender);

/* Whether a verdict is one of the certificate refusals ikd_cert_refusal_verdict
 * gives (its arguments 1 and 2: the refusing and the refused roles). */
bool ikd_is_cert_refusal(ikd_finding_id id);

/* The verdict on an SA whose authentication by peer `refused` was refused
 * by peer `by` with an error notification, when that peer sent a
 * certificate: STUCK_CERT_EXPIRED or _NOT_YET_VALID (arguments 1..4: by,
 * refused, subject, date) when it was not valid, STUCK_CERT_ID_MISMATCH (by,
 * refused, identity, subject) when it did not name the identity sent with
 * it, STUCK_CERT_REVOKED / _PROBABLY_REVOKED (by, refused, subject, answer
 * frame) or STUCK_CRL_FETCH_FAILED (by, refused, what came of the fetch,
 * its frame) when `by` checked its revocation on the wire (common/
 * revocation.h), STUCK_CERT_CHAIN_INCOMPLETE (by, refused, issuer, CAs asked
 * for) when its issuer was neither sent nor asked for, _UNTRUSTED_ISSUER
 * (same) when the top of the chain sent was issued by a CA not asked for,
 * else STUCK_CERT_REFUSED_NO_ISSUER (by, refused, subject, issuer) when its
 * issuer's certificate was not sent either (it may be a missing
 * intermediate), STUCK_CERT_REFUSED (same) when it was or the certificate
 * is self-issued; false when it sent none (common/cert_refusal.c). */
bool ikd_cert_refusal_verdict(const ikd_sa *sa, int by, int refused, ikd_finding_id *id,
                              uint32_t args[IKD_FINDING_ARGS]);

/* The sender's identity, an ID payload's body (type, three bytes, data:
 * the same layout in IKEv1 and IKEv2), against the first certificate this
 * message carried (ann->certs[0], the end entity's): a cert.id_mismatch
 * finding when the certificate names it neither as subject nor as an
 * alternative name (RFC 4945 3.1). Nothing when it cannot tell. */
void ikd_cert_check_identity(ikd_sa *sa, int sender, const uint8_t *id_body, size_t len, ikd_annotation *ann,
                             size_t at, size_t span);

/* 1 when cert names the identity (type, data), 0 when it does not, -1 when
 * the type cannot be told from a certificate (KEY_ID, unknown). */
int ikd_cert_names_identity(const ikd_cert_info *cert, uint8_t id_type, const uint8_t *data, size_t len);

/* Peer `sender` signed its authentication (IKEv1 SIG payload, IKEv2 AUTH
 * with a signature method): when neither this message nor an earlier one
 * of it carried a certificate, cert.request_unanswered (the other peer sent
 * a CERTREQ) or cert.not_sent, once per sender (common/cert_absent.c). */
void ikd_cert_check_signature(ikd_sa *sa, int sender, bool message_has_cert, ikd_annotation *ann, size_t at,
                              size_t span);

uint32_t ikd_cert_count(const ikd_sa *sa);
/* The first certificate peer `sender` sent (its own comes first), or NULL. */
const ikd_cert_record *ikd_cert_first_sent_by(const ikd_sa *sa, int sender);
/* The certificate of cert's issuer, when its sender sent it too, or NULL. */
const ikd_cert_record *ikd_cert_issuer_sent(const ikd_sa *sa, const ikd_cert_record *cert);
const ikd_cert_record *ikd_cert_at(const ikd_sa *sa, uint32_t index);

#endif
