/* ikediag - a message's record (ikediag_pdu_result) in few bytes, for the
 * frame store (record_codec.c).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_RECORD_CODEC_H
#define IKEDIAG_RECORD_CODEC_H

#include "ikediag.h"

/* The most bytes one record takes once encoded. */
enum { IKEDIAG_RECORD_MAX_BYTES = 112 };

/* Writes r, a message of frame `frame`, at out, which has room for
 * IKEDIAG_RECORD_MAX_BYTES and may all be used on the way; returns how many
 * bytes the record took. */
size_t ikediag_record_encode(const ikediag_pdu_result *r, guint32 frame, guint8 *out);
/* Reads a record ikediag_record_encode wrote for the same frame into *r;
 * returns how many bytes it took. */
size_t ikediag_record_decode(const guint8 *in, guint32 frame, ikediag_pdu_result *r);

#endif
