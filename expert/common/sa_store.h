/* ikediag - every SA of the capture, in order of creation (conn-id order),
 * and found again by its SPIs.
 *
 * An IKE SA is named by its SPI pair (IKEv1: the cookie pair), but the
 * responder's SPI is zero in the initiator's first message (and in clear
 * notifications answering it). So, as strongSwan's SA manager does, look up
 * by the initiator's SPI, then prefer the SA with the same responder SPI,
 * else bind an SA still waiting for its responder SPI (RFC 2408 2.5.3).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_SA_STORE_H
#define IKD_SA_STORE_H

#include "common/sa.h"
#include "common/spi_chains.h"
#include "common/spi_set.h"

#include <glib.h>

/* Frees an SA and all its version's record holds; ctx is the store's
 * (ikd_sa_store_init): where the engine keeps the SAs' records. */
typedef void (*ikd_sa_destroy)(ikd_sa *sa, void *ctx);

typedef struct {
    GPtrArray *sas;       /* ikd_sa*, owned (freed with destroy), in order of creation */
    /* IKEv1 and IKEv2 SAs (not owned), in conn-id / Tunnel-id order. IKEv1's
     * is NULL while the store holds only IKEv1 SAs and none was removed:
     * sas is that list (a copy was 8 MB under a flood of a million MM1s). */
    GPtrArray *by_number[2];
    /* The newest SA with each initiator SPI (not owned); older ones follow
     * ikd_sa_older_same_spi. A GPtrArray per SPI (an array, its 16-slot block
     * and a key copy) was 220 bytes of every SA; the set is 8 a slot, at
     * most half full. */
    ikd_spi_set by_spi_i;
    ikd_spi_chains long_chains; /* the chains too long to walk, indexed */
    uint32_t removed[2];  /* IKEv1 and IKEv2 SAs removed (ikd_sa_store_remove): conn-ids keep counting */
    /* One for the store, not a pointer in every SA (8 of its bytes under a
     * flood of MM1s): whoever knows the versions picks by sa->ike_version. */
    ikd_sa_destroy destroy;
    void *destroy_ctx;
} ikd_sa_store;

void ikd_sa_store_init(ikd_sa_store *store, ikd_sa_destroy destroy, void *destroy_ctx);
void ikd_sa_store_clear(ikd_sa_store *store);

/* The SA these SPIs name (binding the responder SPI to an SA still waiting
 * for one), or NULL. */
ikd_sa *ikd_sa_store_find(ikd_sa_store *store, const uint8_t spi_i[8], const uint8_t spi_r[8]);
/* Fetches where ikd_sa_store_find will look for spi_i into the caches:
 * a hint, for a find a message later. */
void ikd_sa_store_prefetch(const ikd_sa_store *store, const uint8_t spi_i[8]);
/* The newest SA with this initiator SPI (older ones follow its
 * ikd_sa_older_same_spi), or NULL; binds nothing. */
ikd_sa *ikd_sa_store_newest_with_spi_i(const ikd_sa_store *store, const uint8_t spi_i[8]);
/* Takes sa (its SPIs and IKE version set), gives it the next conn-id of its
 * version and indexes it. */
void ikd_sa_store_add(ikd_sa_store *store, ikd_sa *sa);

/* Removes and frees every SA doomed(sa, ctx) says to, in one pass; the
 * others keep their conn-ids and order (their index is renumbered). Returns
 * how many went. Whoever held a removed SA's records must forget them. */
typedef bool (*ikd_sa_doomed)(const ikd_sa *sa, void *ctx);
uint32_t ikd_sa_store_remove(ikd_sa_store *store, ikd_sa_doomed doomed, void *ctx);

uint32_t ikd_sa_store_count(const ikd_sa_store *store);
ikd_sa *ikd_sa_store_at(const ikd_sa_store *store, uint32_t index);
/* Asks for the first IKD_SA_PREFETCH_BYTES of the SA IKD_SA_PREFETCH_AHEAD
 * places after index, if there is one: a walk over every SA in store order
 * calls it at each SA it reads, since each is a cache miss otherwise (eight
 * ahead: engine_bench's verdicts on a 1M MM1 flood were no faster at
 * sixteen, a little slower at four). */
enum { IKD_SA_PREFETCH_BYTES = 256, IKD_SA_PREFETCH_AHEAD = 8 };
void ikd_sa_store_prefetch_ahead(const ikd_sa_store *store, uint32_t index);
/* NULL for a conn-id no SA has. */
ikd_sa *ikd_sa_store_by_conn_id(const ikd_sa_store *store, uint32_t conn_id);

bool ikd_spi_is_zero(const uint8_t spi[8]);

#endif
