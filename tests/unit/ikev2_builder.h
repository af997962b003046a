/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - a small IKEv2 message builder (RFC 7296 3).
 *
 * A message is a header and a chain of payloads; each payload's body is
 * built into a GByteArray with the ikb_* byte helpers (ikev1_builder.h) or
 * the body helpers below, then appended with ikv2b_add(), which links it
 * into the chain. ikv2b_finish() writes the header's length. */
#ifndef IKV2B_BUILDER_H
#define IKV2B_BUILDER_H

#include "ikev1_builder.h"

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

typedef struct {
    GByteArray *b;
    size_t next_at; /* where the last next-payload field is: the header's, then each payload's */
} ikv2b_msg;

extern const uint8_t ikv2b_spi_i[8];
extern const uint8_t ikv2b_spi_r[8];
extern const uint8_t ikv2b_spi_zero[8];

ikv2b_msg *ikv2b_new(uint8_t exchange, uint8_t flags, uint32_t message_id, const uint8_t spi_r[8]);
void ikv2b_free(ikv2b_msg *m);
/* Appends a payload; flags is the byte after next-payload (critical bit,
 * reserved). Returns the payload's offset. */
size_t ikv2b_add_flags(ikv2b_msg *m, uint8_t type, uint8_t flags, const GByteArray *body);
size_t ikv2b_add(ikv2b_msg *m, uint8_t type, const GByteArray *body);
/* Appends bytes outside any payload (a malformation). */
void ikv2b_raw(ikv2b_msg *m, const void *p, size_t n);
void ikv2b_finish(ikv2b_msg *m);

typedef struct {
    uint8_t type;
    uint16_t id;
    uint16_t key_length; /* 0: no attribute */
} ikv2b_transform;

/* Appends a proposal substructure to an SA body. */
void ikv2b_proposal(GByteArray *sa, bool last, uint8_t number, uint8_t protocol, uint8_t spi_size,
                    const ikv2b_transform *t, size_t n);
/* Bodies: KE (group, data_len bytes of 0xab), nonce, notify (no SPI),
 * IPv4 traffic selectors (one selector). */
GByteArray *ikv2b_ke(uint16_t group, size_t data_len);
GByteArray *ikv2b_nonce(size_t len);
GByteArray *ikv2b_notify(uint8_t protocol, uint8_t spi_size, uint16_t type, size_t data_len);
GByteArray *ikv2b_ts_ipv4(const uint8_t start[4], const uint8_t end[4], uint16_t start_port, uint16_t end_port);

/* Seals inner (a clear message: its header and payload chain) the way it
 * travels and Wireshark hands it over: returns an SK message with inner's
 * header (SPIs, exchange, flags, message ID) and 32 opaque bytes of `salt`
 * (a resend keeps its salt, a new message does not), and sets *plaintext to
 * inner's payload chain and a zero pad length (free both). inner is freed. */
ikv2b_msg *ikv2b_seal(ikv2b_msg *inner, uint8_t salt, GByteArray **plaintext);

/* The canned, well-formed messages the tests change one thing in. */
ikv2b_msg *ikv2b_sa_init_request(void);
ikv2b_msg *ikv2b_sa_init_response(void);
ikv2b_msg *ikv2b_auth_request(void); /* an SK payload with 64 bytes of ciphertext */

#endif
