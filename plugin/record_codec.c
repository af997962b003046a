/* ikediag - a message's record in few bytes.
 *
 * Most of a record's 80 bytes are zero for most messages (a resend's,
 * DPD's, remote access's fields) and its numbers are small (conn-ids,
 * frame numbers, offsets). Encoded, a record is a mask of the fields that
 * are not zero and then each of those: 4-byte numbers as LEB128 varints,
 * time spans as a short varint (put_span), bytes and pointers as they are.
 * A healthy main mode + quick mode SA's nine records took 720 bytes, now
 * about 270 (massif, and the spans' 30 fewer since).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "record_codec.h"

#include "varint.h"

#include <stddef.h>
#include <string.h>

/* Every field, the most common first: a mask's varint is a byte per seven
 * fields up to the last one set. A field's type and size say how it is
 * written: a double as a time span (put_span), 4 bytes as a varint, 1 or 8
 * (a pointer) as they are. What every message has... */
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
#define MAX_BYTES_OF(size) ((size) == 4 ? 5 : (size) == 8 ? 9 : (size)) /* 8: a pointer, or a time span (9) */
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
            out += ikediag_varint_put(out, v);
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
        guint64 wide;
        in += ikediag_varint_get(in, &wide);
        guint32 v = (guint32)wide;
        memcpy(field, &v, 4);
    } else if (size == 1) {
        *(guint8 *)field = *in++;
    } else {
        memcpy(field, in, 8);
        in += 8;
    }
    return in;
}

/* A time span (the seconds since the first copy, or since the request) is
 * the difference of two capture times, so a short multiple of a power of
 * two: m x 2^e with m odd, about 16 bits for milliseconds between epoch
 * times. It is written as one varint of m, its sign and e (e + 128 in the
 * low byte, never 0) when that takes at most 7 bytes, else as a 0 byte and
 * the double's 8 bytes: lossless either way, and 3 to 4 bytes instead of 8
 * for most answers (eight of a healthy SA's nine messages carry one). */
enum { SPAN_MAX_MANTISSA_BITS = 40, SPAN_EXPONENT_BIAS = 128 };

/* How many zero bits end m (not 0), in six steps instead of one a bit. */
static inline int trailing_zeros(guint64 m)
{
    int n = 0;
    for (int width = 32; width; width /= 2) {
        if (!(m & ((G_GUINT64_CONSTANT(1) << width) - 1))) {
            m >>= width;
            n += width;
        }
    }
    return n;
}

/* x's m, sign and e in one number, or 0 when x does not fit (zero is -0.0:
 * +0.0 is never written). */
static guint64 span_code(double x)
{
    guint64 bits;
    memcpy(&bits, &x, sizeof bits);
    guint64 sign = bits >> 63, biased = bits >> 52 & 0x7ff, m = bits & ((G_GUINT64_CONSTANT(1) << 52) - 1);
    gint e = 0;
    if (biased) {
        if (biased == 0x7ff)
            return 0; /* infinite or not a number */
        m |= G_GUINT64_CONSTANT(1) << 52;
        int zeros = trailing_zeros(m); /* a span between epoch times: about 40 */
        m >>= zeros;
        e = (gint)biased - 1075 + zeros;
    } else if (m) {
        return 0; /* subnormal */
    }
    if (e < 1 - SPAN_EXPONENT_BIAS || e > 255 - SPAN_EXPONENT_BIAS || m >> SPAN_MAX_MANTISSA_BITS)
        return 0;
    return m << 9 | sign << 8 | (guint64)(e + SPAN_EXPONENT_BIAS);
}

static double span_of_code(guint64 code)
{
    gint e = (gint)(code & 0xff) - SPAN_EXPONENT_BIAS;
    guint64 scale_bits = (guint64)(e + 1023) << 52; /* 2^e, exactly */
    double scale;
    memcpy(&scale, &scale_bits, sizeof scale);
    double x = (double)(code >> 9) * scale;
    return code >> 8 & 1 ? -x : x;
}

static inline guint8 *put_span(guint8 *out, const double *field, guint32 bit, guint32 *mask)
{
    guint64 bits;
    memcpy(&bits, field, sizeof bits);
    if (!bits)
        return out;
    *mask |= bit;
    guint64 code = span_code(*field);
    if (code)
        return out + ikediag_varint_put(out, code);
    *out++ = 0;
    memcpy(out, field, 8);
    return out + 8;
}

static inline const guint8 *get_span(const guint8 *in, double *field, guint32 bit, guint32 mask)
{
    if (!(mask & bit))
        return in;
    guint64 code;
    in += ikediag_varint_get(in, &code);
    if (code) {
        *field = span_of_code(code);
        return in;
    }
    memcpy(field, in, 8);
    return in + 8;
}

/* Each field by its kind: a double is a time span, the rest by size. */
#define PUT(f)                                                                                                        \
    at = _Generic((r->f), double                                                                                  \
                  : put_span(at, (const double *)(const void *)&r->f, bit, &mask), default                        \
                  : put_field(at, &r->f, FIELD_SIZE(f), bit, &mask));                                             \
    bit <<= 1;
#define GET(f)                                                                                                        \
    in = _Generic((r->f), double                                                                                  \
                  : get_span(in, (double *)(void *)&r->f, bit, mask), default                                     \
                  : get_field(in, &r->f, FIELD_SIZE(f), bit, mask));                                              \
    bit <<= 1;

size_t ikediag_record_encode(const ikediag_pdu_result *r, guint8 *out)
{
    /* The fields go after room for the mask's varint, then move up to it. */
    guint8 *body = out + MASK_MAX_BYTES, *at = body;
    guint32 mask = 0, bit = 1;
    ALL_FIELDS(PUT)
    size_t head = ikediag_varint_put(out, mask);
    memmove(out + head, body, (size_t)(at - body));
    return head + (size_t)(at - body);
}

size_t ikediag_record_decode(const guint8 *in, ikediag_pdu_result *r)
{
    const guint8 *start = in;
    memset(r, 0, sizeof *r);
    guint64 wide_mask;
    in += ikediag_varint_get(in, &wide_mask);
    guint32 mask = (guint32)wide_mask, bit = 1;
    ALL_FIELDS(GET)
    return (size_t)(in - start);
}
