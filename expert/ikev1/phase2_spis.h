/* ikediag - the phase-2 SPIs quick modes chose, as Wireshark's decryption of
 * their QM2 told them (the responder's SPI and the initiator's), so that a
 * DELETE naming an SPI finds its quick mode without walking every quick mode
 * of every SA between the same peers (each DELETE did: linear per message,
 * quadratic over a long-lived SA's rekeys or a capture of many keyed SAs).
 * Only decrypted quick modes are noted: without keys it stays empty.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV1_PHASE2_SPIS_H
#define IKD_IKEV1_PHASE2_SPIS_H

#include "ikev1/ikev1_sa.h"

#include <glib.h>

/* A quick mode noted with an SPI: its ISAKMP SA by conn-id (looked up again,
 * so an SA dropped since is skipped) and the quick mode itself, valid while
 * that SA is. */
typedef struct {
    ikd_quick_mode *qm;
    uint32_t conn_id;
    uint32_t older; /* 1 + the index of the next older node with the same SPI, 0 for none */
} ikd_phase2_spi_node;

typedef struct {
    GHashTable *newest; /* SPI -> 1 + the index of its newest node */
    GArray *nodes;      /* ikd_phase2_spi_node */
} ikd_phase2_spis;

void ikd_phase2_spis_init(ikd_phase2_spis *spis);
void ikd_phase2_spis_clear(ikd_phase2_spis *spis);
/* Notes that qm, of the SA numbered conn_id, chose spi (once per SPI and quick mode). */
void ikd_phase2_spis_note(ikd_phase2_spis *spis, uint32_t spi, uint32_t conn_id, ikd_quick_mode *qm);
/* The quick modes noted with spi, newest first: the first, then each
 * next one; NULL after the last. */
const ikd_phase2_spi_node *ikd_phase2_spis_newest(const ikd_phase2_spis *spis, uint32_t spi);
const ikd_phase2_spi_node *ikd_phase2_spis_older(const ikd_phase2_spis *spis, const ikd_phase2_spi_node *node);

#endif
