/* ikediag - SCEP enrollments followed over HTTP (RFC 8894), the way
 * `debug crypto pki transactions` tells them: GetCACaps, GetCACert,
 * PKIOperation requests and their CertReps paired by the HTTP exchange and
 * checked by transactionID and nonces; each enrollment's outcome (granted,
 * pending, rejected with its failInfo, never answered).
 *
 * The plugin hands over what Wireshark's HTTP dissector found (the request
 * line's operation, the body, the response code and content type); nothing
 * here reads HTTP. An enrollment is one client's steps with one CA URL: the
 * CA steps before a PKIOperation join the transaction that follows them;
 * a new transactionID, or any step after a final answer, opens a new one.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_SCEP_ENROLLMENT_H
#define IKD_SCEP_ENROLLMENT_H

#include "core/address.h"
#include "core/findings.h"
#include "scep/ca_certs.h"
#include "scep/operation.h"
#include "scep/scep_attributes.h"

enum { IKD_SCEP_MAX_STEPS = 32, IKD_SCEP_MAX_ENROLLMENTS = 4096, IKD_SCEP_TEXT = 256,
       IKD_SCEP_MAX_MESSAGE = 1 << 20 };

typedef enum {
    IKD_SCEP_IN_PROGRESS, /* no PKIOperation answered yet (or only CA steps) */
    IKD_SCEP_GRANTED,
    IKD_SCEP_PENDING_SEEN, /* last answer PENDING */
    IKD_SCEP_REJECTED,
    IKD_SCEP_NOT_ANSWERED, /* a request got no HTTP answer */
    IKD_SCEP_HTTP_FAILED,  /* an HTTP error code */
} ikd_scep_outcome;

/* One request and its answer. */
typedef struct {
    ikd_scep_op op;
    uint32_t request_frame, response_frame; /* response 0: none */
    double request_time, response_time;
    uint16_t http_code;
    int message_type;      /* the request's, IKD_SCEP_NO_VALUE for non-PKI steps */
    int pki_status, fail_info; /* the CertRep's */
    uint8_t sender_nonce[IKD_SCEP_NONCE_MAX];
    uint8_t sender_nonce_len;
    char transaction_id[IKD_SCEP_ID_MAX];
} ikd_scep_step;

typedef struct {
    uint32_t number; /* 1, 2, ... in order of the first request */
    ikd_address client, server;
    uint16_t server_port;
    char url[IKD_SCEP_TEXT];     /* "http://192.0.2.1:8080/scep" */
    char transaction_id[IKD_SCEP_ID_MAX];
    char capabilities[IKD_SCEP_TEXT];
    ikd_scep_ca_cert ca_certs[IKD_SCEP_MAX_CA_CERTS];
    uint32_t ca_cert_count;
    ikd_scep_step steps[IKD_SCEP_MAX_STEPS];
    uint32_t step_count, steps_dropped;
    ikd_scep_outcome outcome;
    int fail_info;
    uint32_t polls;              /* CertPoll requests */
    double poll_interval;        /* seconds between the last two CertPolls' first sends; < 0: none */
    double first_time, last_time;
    uint32_t first_frame, last_frame;
} ikd_scep_enrollment;

/* What one HTTP request tells. Strings may be NULL. */
typedef struct {
    uint32_t frame;
    double time;
    ikd_address client, server;
    uint16_t server_port;
    const char *host;       /* the Host header */
    const char *path;       /* the request URI without its query */
    const char *operation;  /* the operation= value */
    const char *message;    /* the message= value (GET PKIOperation) */
    const char *method;
    const char *request_line; /* "GET /scep?operation=GetCACert HTTP/1.1" */
    const uint8_t *body;
    size_t body_len;
} ikd_scep_request;

typedef struct {
    uint32_t frame;
    double time;
    uint32_t request_frame; /* the request it answers (Wireshark's HTTP pairing) */
    uint16_t code;
    const char *content_type;
    const uint8_t *body;
    size_t body_len;
} ikd_scep_response;

/* What the plugin keeps per HTTP message. */
typedef struct {
    bool is_scep;
    bool is_response;
    uint32_t enrollment;     /* its number */
    ikd_scep_op op;
    uint32_t peer_frame;     /* the answer's request, or the request's answer when known at once */
    ikd_scep_read_status read_status;
    bool has_attributes;
    ikd_scep_attributes attributes;
    char summary[IKD_SCEP_TEXT];   /* "PKCSReq, transaction X", "CertRep SUCCESS, transaction X" */
    char ios_debug[IKD_SCEP_TEXT]; /* IOS's own line where its wording is verified, else "" */
    char capabilities[IKD_SCEP_TEXT];
    ikd_scep_ca_cert ca_certs[IKD_SCEP_MAX_CA_CERTS];
    uint32_t ca_cert_count;
    ikd_finding_list findings;
} ikd_scep_frame;

typedef struct ikd_scep_store ikd_scep_store;

ikd_scep_store *ikd_scep_store_new(void);
void ikd_scep_store_free(ikd_scep_store *store);

/* Feed in capture order (first pass). A request that names no SCEP operation
 * gives is_scep false. */
void ikd_scep_request_seen(ikd_scep_store *store, const ikd_scep_request *req, ikd_scep_frame *out);
void ikd_scep_response_seen(ikd_scep_store *store, const ikd_scep_response *resp, ikd_scep_frame *out);

/* What only the whole capture tells about the message in `frame`: a request
 * never answered (capture ends at end_time). */
void ikd_scep_late_findings(const ikd_scep_store *store, uint32_t frame, double end_time, ikd_finding_list *out);

uint32_t ikd_scep_enrollment_count(const ikd_scep_store *store);
const ikd_scep_enrollment *ikd_scep_enrollment_at(const ikd_scep_store *store, uint32_t index);
/* The enrollment's outcome in words: "granted", "rejected (badRequest)", "pending, polling every 60 s"... */
void ikd_scep_outcome_text(const ikd_scep_enrollment *e, char *out, size_t size);

#endif
