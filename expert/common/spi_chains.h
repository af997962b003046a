/* ikediag - the SA store's long chains of SAs that share one initiator SPI,
 * indexed by responder SPI.
 *
 * The store finds an SA by walking the SAs with its initiator SPI, newest
 * first: one or two in any real capture. A capture where thousands share
 * one (an initiator that never changes its SPI, or a hostile capture), each
 * answered with its own responder SPI, made every answer walk them all,
 * twice: 40k such IKEv2 SAs took 80 s. A chain that reaches
 * IKD_KEYED_ITEMS_WALKED SAs gets an index: its SAs by responder SPI, and
 * those still waiting for one, newest on top.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_SPI_CHAINS_H
#define IKD_SPI_CHAINS_H

#include "common/sa.h"

#include <glib.h>
#include <stdbool.h>

typedef struct {
    GHashTable *indexed; /* initiator SPI (key64) -> its chain's index; NULL until a chain is long */
} ikd_spi_chains;

void ikd_spi_chains_init(ikd_spi_chains *chains);
void ikd_spi_chains_clear(ikd_spi_chains *chains);

/* newest, just added at the head of its chain (older ones follow its
 * ikd_sa_older_same_spi), is filed; a chain that grows long is indexed. */
void ikd_spi_chains_note_added(ikd_spi_chains *chains, ikd_sa *newest);

/* When newest's chain is indexed: true, and *found is what the walk would
 * find for this (non-zero) responder SPI: the newest SA with it, else the
 * newest still waiting for one, which it is bound to; else NULL. False when
 * the chain is short: walk it. */
bool ikd_spi_chains_find(ikd_spi_chains *chains, ikd_sa *newest, const uint8_t spi_r[8], ikd_sa **found);

/* SAs were removed and the chains rebuilt: each chain's index is made
 * again from the chain that starts at newest_of(spi) (NULL: none left). */
typedef ikd_sa *(*ikd_chain_head)(const void *ctx, uint64_t spi_i);
void ikd_spi_chains_rebuild(ikd_spi_chains *chains, ikd_chain_head newest_of, const void *ctx);

#endif
