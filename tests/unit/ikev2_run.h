/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - an established IKEv2 SA's life fed through the
 * engine, shared by the lifecycle and rekey tests.
 *
 * The packets are hand-crafted to RFC 7296 shapes (not copied from a
 * capture); encrypted exchanges carry their plaintext in ikd_packet.decrypted
 * as Wireshark's decryption hands it over. The sequence follows
 * captures/ikev2-rekey-dpd (its .log is the ground truth). Initiator
 * 192.0.2.10, responder 192.0.2.1, both on UDP 4500. */
#ifndef IKV2_RUN_H
#define IKV2_RUN_H

#include "engine.h"
#include "ikev2/child_sa.h"
#include "ikev2/ikev2_sa.h"
#include "ikev2_builder.h"

#include <glib.h>

typedef struct {
    ikd_engine *engine;
    uint32_t frame;
    ikd_annotation ann;
    bool roles_swapped; /* the SA fed now was begun by 192.0.2.1 (a rekey by the responder) */
} run;

/* The new IKE SA's SPIs in the rekey tests. */
extern const uint8_t new_spi_i[8];
extern const uint8_t new_spi_r[8];

/* Child SPIs as in the capture: the first child's, then the rekeyed one's. */
enum {
    OLD_SPI_I = 0xc82e0fca, OLD_SPI_R = 0xc0378e1a,
    NEW_SPI_I = 0xe224b2c3, NEW_SPI_R = 0xf442a122,
};

/* 198.51.100.0/24 (the initiator's side) and 203.0.113.0/24. */
extern const uint8_t net_a[4], net_a_end[4];
extern const uint8_t net_b[4], net_b_end[4];

/* The I flag names the original initiator (RFC 7296 3.1): its messages go
 * from 192.0.2.10, or from 192.0.2.1 when roles_swapped. */
void feed_bytes(run *t, double time, const GByteArray *b, const GByteArray *plain);
void feed_clear(run *t, double time, ikv2b_msg *m);
/* An encrypted message whose plaintext is inner's payload chain (none: an
 * empty INFORMATIONAL), ending with a zero pad length. salt changes the
 * ciphertext bytes: a retransmission keeps it, a new message does not. */
void feed_sealed_salted(run *t, double time, ikv2b_msg *inner, uint8_t salt);
void feed_sealed(run *t, double time, ikv2b_msg *inner);
void add(ikv2b_msg *m, uint8_t type, GByteArray *body);
/* A message of the IKE SA (spi_i, spi_r); the builder's SPIi is replaced. */
ikv2b_msg *msg(const uint8_t spi_i[8], const uint8_t spi_r[8], uint8_t exchange, bool initiator,
               bool response, uint32_t id);
ikv2b_msg *old_msg(uint8_t exchange, bool initiator, bool response, uint32_t id);
void put_u32(uint8_t *at, uint32_t v);
/* One proposal whose SPI is spi (spi_size bytes). */
GByteArray *sa_body(uint8_t protocol, const uint8_t *spi, uint8_t spi_size);
GByteArray *esp_sa(uint32_t spi);
void add_child(ikv2b_msg *m, uint32_t spi);
GByteArray *auth_body(void);
/* A Delete payload (RFC 7296 3.11): IKE with no SPI, or ESP SPIs. */
GByteArray *delete_body(uint8_t protocol, uint32_t spi);
/* IKE_SA_INIT, then IKE_AUTH with a PSK and a child (SPIs as in the
 * capture): established at frame 4, t = 0.03. */
void establish(run *t);
/* An empty INFORMATIONAL request from the initiator (a liveness check),
 * answered by an empty response unless answered is false. */
void liveness(run *t, double time, uint32_t id, bool answered);
const ikd_v2_sa *sa_at(run *t, uint32_t index);
/* The finding's detail text as the catalogue renders it. */
const char *render(const ikd_finding *f, char *buf, size_t size);
/* The verdicts attached to one frame. */
ikd_finding_list verdicts_at(run *t, uint32_t frame);
/* The initiator rekeys the child whose SPI is OLD_SPI_I (CREATE_CHILD_SA
 * with N(REKEY_SA), RFC 7296 1.3.3; a PFS KE when with_ke), message `id`,
 * answered 3 ms later with the new SPIs. */
void rekey_child(run *t, double time, uint32_t id, uint32_t spi_i, uint32_t spi_r, bool with_ke);
/* Delete(IKE) from the initiator, answered empty (RFC 7296 1.4.1). */
void delete_ike(run *t, const uint8_t spi_i[8], const uint8_t spi_r[8], uint32_t id, double time);

#endif
