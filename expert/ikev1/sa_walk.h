/* ikediag - the pieces every walk over an SA payload needs: opening it,
 * carving its proposal and transform sub-payloads, reading data attributes.
 * Shared by the phase-1 (transform.c) and phase-2 (phase2.c) readers; each
 * decides for itself how tolerant to be.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_SA_WALK_H
#define IKD_SA_WALK_H

#include "core/byte_reader.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The proposals of the IPsec-DOI, identity-only SA payload whose generic
 * header starts at payload_offset in msg; false if it is not one. */
bool ikd_sa_walk_open(const uint8_t *msg, size_t len, size_t payload_offset, ikd_reader *proposals);

/* Reads a proposal or transform header and carves its body (length >= 8). */
bool ikd_sa_walk_sub_payload(ikd_reader *parent, uint8_t *next, ikd_reader *body);

/* RFC 2408 3.3 attribute type word: the AF bit marks a TV (fixed 2-byte
 * value) attribute, the other 15 bits are the attribute type. */
enum { IKD_SA_ATTR_TV = 0x8000u, IKD_SA_ATTR_TYPE = 0x7fffu };

/* Reads one TV or TLV data attribute; false when fewer than 4 bytes remain
 * or a TLV runs past r. Values longer than 4 bytes saturate. */
bool ikd_sa_walk_attribute(ikd_reader *r, uint16_t *type, uint32_t *value);

/* A lifetime attribute pair (life type, then life duration; RFC 2407 4.5,
 * RFC 2409 A): a duration goes to the unit the last life type named. */
enum { IKD_LIFE_SECONDS = 1, IKD_LIFE_KILOBYTES = 2 };
void ikd_sa_walk_life_duration(uint16_t life_type, uint32_t value, uint32_t *seconds, uint32_t *kilobytes);

/* A big-endian value of len bytes, saturating at UINT32_MAX. */
uint32_t ikd_sa_walk_value(const uint8_t *p, size_t len);

#endif
