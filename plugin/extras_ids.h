/* ikediag - shared extras (kept_message.c) by number, so that a record names
 * one in a byte or two instead of a pointer's eight (record_codec.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_EXTRAS_IDS_H
#define IKEDIAG_EXTRAS_IDS_H

#include "ikediag.h"

/* Gives x the next number (from 1) in x->shared_id; x must live until the
 * next reset. */
void ikediag_extras_id_assign(ikediag_pdu_extras *x);
/* The extras numbered id, or NULL for a number never given. */
ikediag_pdu_extras *ikediag_extras_by_id(guint32 id);
/* Forgets every number (the capture's extras go with its file scope). */
void ikediag_extras_ids_reset(void);

#endif
