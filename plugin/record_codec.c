/* ikediag - a message's record in few bytes.
 *
 * Most of a record's 80 bytes are zero for most messages (a resend's,
 * DPD's, remote access's fields) and its numbers are small (conn-ids,
 * frame numbers, offsets). Encoded, a record is a mask of the fields that
 * are not zero and then each of those: 4-byte numbers as LEB128 varints,
 * bytes, doubles and pointers as they are. A healthy main mode + quick mode
 * SA's nine records took 720 bytes, now about a third of that (massif).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "record_codec.h"

#include <stddef.h>
#include <string.h>

/* Every field, the most common first: a mask's varint is a byte per seven
 * fields up to the last one set. A field's size says how it is written: 4
 * bytes as a varint, 1 or 8 as they are. What every message has... */
#define COMMON_RESULT_FIELDS(X)                                                                                       \
    X(result.conn_id) X(result.message_id) X(result.response_to) X(result.since_request) X(result.ike_version)     \
    X(result.encrypted) X(result.step) X(result.sender) X(result.state) X(result.state_initiator)                 \
    X(result.state_responder) X(result.state_ios) X(result.asa_state)
/* ... where it lives ... */
#define LOCATION_FIELDS(X) X(extras) X(start) X(length) X(ds_index) X(pdu)
/* ... and what resends, DPD and remote access add. */
#define RARE_RESULT_FIELDS(X)                                                                                         \
    X(result.retransmission) X(result.original_frame) X(result.since_original) X(result.dpd_seq) X(result.dpd)     \
    X(result.txn_step) X(result.txn_inferred) X(result.xauth_status) X(result.cp_type) X(result.eap_code)         \
    X(result.eap_type)
#define ALL_FIELDS(X) COMMON_RESULT_FIELDS(X) LOCATION_FIELDS(X) RARE_RESULT_FIELDS(X)

#define FIELD_SIZE(f) sizeof(((ikediag_pdu_result *)0)->f)
#define PLUS_SIZE(f) +FIELD_SIZE(f)
#define MAX_BYTES_OF(size) ((size) == 4 ? 5 : (size))
#define PLUS_MAX_BYTES(f) +MAX_BYTES_OF(FIELD_SIZE(f))
#define PLUS_ONE(f) +1

enum { FIELD_COUNT = 0 ALL_FIELDS(PLUS_ONE), MASK_MAX_BYTES = 5 };

/* A field added to ikd_message_result and not listed above would be lost
 * on every later pass: the result has no padding, so its size tells. */
G_STATIC_ASSERT(0 COMMON_RESULT_FIELDS(PLUS_SIZE) RARE_RESULT_FIELDS(PLUS_SIZE) == sizeof(ikd_message_result));
G_STATIC_ASSERT(FIELD_COUNT <= 32);
/* put_field and get_field know three sizes: a 2-byte field needs a case. */
#define SIZE_KNOWN(f) &&(FIELD_SIZE(f) == 1 || FIELD_SIZE(f) == 4 || FIELD_SIZE(f) == 8)
G_STATIC_ASSERT(1 ALL_FIELDS(SIZE_KNOWN));
G_STATIC_ASSERT(MASK_MAX_BYTES ALL_FIELDS(PLUS_MAX_BYTES) <= IKEDIAG_RECORD_MAX_BYTES);

static inline size_t put_varint(guint8 *out, guint32 v)
{
    size_t n = 0;
    while (v >= 0x80) {
        out[n++] = (guint8)(v | 0x80);
        v >>= 7;
    }
    out[n++] = (guint8)v;
    return n;
}

static inline size_t get_varint(const guint8 *in, guint32 *v)
{
    size_t n = 0;
    guint32 value = 0;
    for (unsigned shift = 0;; shift += 7) {
        guint8 b = in[n++];
        value |= (guint32)(b & 0x7f) << shift;
        if (!(b & 0x80))
            break;
    }
    *v = value;
    return n;
}

/* One field: size is a constant where it is called, so each call folds to
 * the few instructions of its kind (a loop over a table of fields cost
 * about 1,000 instructions a record: callgrind, 3k healthy SAs). */
static inline guint8 *put_field(guint8 *out, const void *field, size_t size, guint32 bit, guint32 *mask)
{
    if (size == 4) {
        guint32 v;
        memcpy(&v, field, 4);
        if (v) {
            *mask |= bit;
            out += put_varint(out, v);
        }
    } else if (size == 1) {
        guint8 v = *(const guint8 *)field;
        if (v) {
            *mask |= bit;
            *out++ = v;
        }
    } else {
        guint64 v;
        memcpy(&v, field, 8);
        if (v) {
            *mask |= bit;
            memcpy(out, &v, 8);
            out += 8;
        }
    }
    return out;
}

static inline const guint8 *get_field(const guint8 *in, void *field, size_t size, guint32 bit, guint32 mask)
{
    if (!(mask & bit))
        return in;
    if (size == 4) {
        guint32 v;
        in += get_varint(in, &v);
        memcpy(field, &v, 4);
    } else if (size == 1) {
        *(guint8 *)field = *in++;
    } else {
        memcpy(field, in, 8);
        in += 8;
    }
    return in;
}

#define PUT(f)                                                                                                        \
    at = put_field(at, &r->f, FIELD_SIZE(f), bit, &mask);                                                         \
    bit <<= 1;
#define GET(f)                                                                                                        \
    in = get_field(in, &r->f, FIELD_SIZE(f), bit, mask);                                                          \
    bit <<= 1;

size_t ikediag_record_encode(const ikediag_pdu_result *r, guint8 *out)
{
    /* The fields go after room for the mask's varint, then move up to it. */
    guint8 *body = out + MASK_MAX_BYTES, *at = body;
    guint32 mask = 0, bit = 1;
    ALL_FIELDS(PUT)
    size_t head = put_varint(out, mask);
    memmove(out + head, body, (size_t)(at - body));
    return head + (size_t)(at - body);
}

size_t ikediag_record_decode(const guint8 *in, ikediag_pdu_result *r)
{
    const guint8 *start = in;
    memset(r, 0, sizeof *r);
    guint32 mask, bit = 1;
    in += get_varint(in, &mask);
    ALL_FIELDS(GET)
    return (size_t)(in - start);
}
