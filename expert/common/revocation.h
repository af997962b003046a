/* ikediag - revocation checks seen on the wire: while it checks a
 * certificate, a peer fetches the CRL named by its CRL distribution point,
 * or asks the OCSP responder its authority information access names, over
 * HTTP (RFC 5280 4.2.1.13, RFC 6960 A.1). The plugin hands over each TCP
 * segment's flags and what Wireshark's own HTTP dissector read in it (never
 * HTTP parsed here); a connection to a certificate's URL, made by the peer
 * that received the certificate, is a fetch of that SA: its attempts, its
 * answer, and the CRL it brought back.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_REVOCATION_H
#define IKD_REVOCATION_H

#include "common/cert_notes.h"
#include "common/ocsp.h"
#include "common/sa_store.h"
#include "core/address.h"

#include <stdbool.h>
#include <stdint.h>

/* Per SA, at most IKD_MAX_SA_FETCHES fetches are kept; a CRL body is kept
 * (to look serials up in it) up to IKD_MAX_CRL_BYTES. A fetch counts when it
 * starts within IKD_FETCH_WINDOW seconds of the SA's last message. */
enum { IKD_MAX_SA_FETCHES = 8, IKD_MAX_CRL_BYTES = 1 << 20, IKD_FETCH_WINDOW = 60 };

typedef enum { IKD_FETCH_CRL, IKD_FETCH_OCSP } ikd_fetch_kind;

/* One TCP segment, and the HTTP message Wireshark read in it (if any). */
typedef struct {
    uint32_t frame;
    double time;
    ikd_address src, dst;
    uint16_t src_port, dst_port;
    uint32_t stream;            /* Wireshark's TCP stream index */
    bool syn, ack, rst;
    const char *request_uri;    /* an HTTP request's full URI, or NULL */
    uint16_t response_code;     /* an HTTP response's status, 0: none in this segment */
    const uint8_t *body;        /* a request's or response's entity body (as Wireshark rebuilt it), or NULL */
    size_t body_len;
} ikd_tcp_segment;

typedef struct ikd_fetch {
    ikd_fetch_kind kind;
    uint8_t by;               /* the SA's peer that fetched */
    const ikd_cert_record *cert; /* the certificate whose URL it is */
    char url[IKD_CERT_NAME];  /* the certificate's URL */
    uint32_t stream;
    uint32_t frame;           /* its first segment (a SYN, or the request) */
    double time;
    uint32_t attempts;        /* SYNs sent (1 + retransmissions) */
    bool connected;           /* the server answered the SYN */
    bool reset;               /* the server refused (RST) */
    uint32_t request_frame;   /* the HTTP request, 0: none seen */
    uint16_t status;          /* HTTP status, 0: no answer */
    uint32_t answer_frame;
    double answer_time;
    int8_t crl_read;          /* the answer's body: 1 a CRL GnuTLS read, -1 not one, 0 none */
    char crl_issuer[IKD_CERT_NAME];
    uint32_t crl_revoked;     /* serials the CRL lists */
    int8_t crl_lists_cert;    /* 1: it lists the certificate's serial, 0: it does not, -1: unknown */
    int8_t ocsp_asks_cert;    /* the OCSP request: 1 asks about the certificate, 0 only others, -1 not read */
    int8_t ocsp_read;         /* the answer's body: 1 an OCSP response GnuTLS read, -1 not one, 0 none */
    ikd_ocsp_answer ocsp;     /* when ocsp_read is 1 */
} ikd_fetch;

/* Whether the segment may open a fetch (a SYN, an HTTP request); any other
 * belongs to a fetch already open or to none. */
bool ikd_revocation_may_open(const ikd_tcp_segment *seg);

/* The fetch this segment belongs to (kept by its SA, valid while the SA
 * store is), or NULL when it is not one. *sa_out: its SA. */
const ikd_fetch *ikd_revocation_note(ikd_sa_store *store, const ikd_tcp_segment *seg, const ikd_sa **sa_out);

/* What the revocation checks peer `by` made on cert tell. */
typedef enum {
    IKD_REVOCATION_NONE,       /* no fetch for it in the capture */
    IKD_REVOCATION_FAILED,     /* no answer, refused, an HTTP error, an OCSP error status or "unknown":
                                  the check could not complete */
    IKD_REVOCATION_ANSWERED,   /* answered, but the capture does not say the certificate's status (a body
                                  GnuTLS cannot read, an OCSP response about other certificates) */
    IKD_REVOCATION_NOT_LISTED, /* a CRL that does not list the certificate, or OCSP "good" */
    IKD_REVOCATION_LISTED,     /* a CRL that lists it, or OCSP "revoked": revoked */
} ikd_revocation_outcome;

/* The strongest outcome among the fetches (LISTED first, then a CRL that
 * does not list it, then an answer, then failures); *which: that fetch. */
ikd_revocation_outcome ikd_revocation_outcome_of(const ikd_sa *sa, int by, const ikd_cert_record *cert,
                                                 const ikd_fetch **which);

uint32_t ikd_fetch_count(const ikd_sa *sa);
const ikd_fetch *ikd_fetch_at(const ikd_sa *sa, uint32_t index);

/* "no answer to 3 connection attempts", "connection refused", "HTTP 404",
 * "no answer to the HTTP request", "HTTP 200, CRL of CN=... listing 1
 * serial(s)", "HTTP 200, OCSP: revoked on ... (keyCompromise)": what came
 * of it. */
const char *ikd_fetch_outcome_text(const ikd_fetch *fetch, char *buf, size_t size);

/* Whether the URL ("http://host[:port]/path") names this server: host as an
 * IP address literal (a name would need DNS, which the capture may lack)
 * and the port (80 when none). */
bool ikd_url_names_server(const char *url, const ikd_address *server, uint16_t port);

#endif
