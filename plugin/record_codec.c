/* ikediag - a message's record in few bytes.
 *
 * Most of a record's 80 bytes are zero for most messages (a resend's,
 * DPD's, remote access's fields) and its numbers are small (conn-ids,
 * frame numbers, offsets). Encoded, a record is a mask of the fields that
 * are not zero and then each of those: 4-byte numbers as LEB128 varints,
 * time spans as a short varint (put_span), frame numbers as their distance
 * from the record's own frame, shared extras by number, the states packed,
 * other bytes and pointers as they are. A healthy main mode + quick mode
 * SA's nine records took 720 bytes, then about 250, now about 150 (200k
 * healthy SAs: 16.4 bytes a message, 28 before the last four).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "record_codec.h"

#include "extras_ids.h"
#include "varint.h"

#include <stddef.h>
#include <string.h>

/* Every field in the order written. A mask's varint is a byte per seven
 * fields up to the last one set, and it is written XORed with the fields
 * nearly every message has (TYPICAL), so most records' mask is one byte:
 * first what varies from message to message, then what every message has
 * (conn-id, the packed states, where it starts, how long it is), then the
 * rest. A field's type and size say how it is written: a double as a time
 * span (put_span), 4 bytes as a varint, 1 or 8 (a pointer) as they are;
 * S() marks the fields written their own way (put_<name>), B() the one-byte
 * states, which go packed in one varint (put_states) when they fit, as they
 * do whenever the engine set them, and are written one by one otherwise. */
#define ALL_FIELDS(X, S, B)                                                                                           \
    X(result.message_id) S(response_to) X(result.since_request) S(extras)                                          \
    X(result.conn_id) S(states) X(start) X(length)                                                                  \
    X(ds_index) X(pdu)                                                                                              \
    B(result.ike_version) B(result.encrypted) B(result.step) B(result.sender) B(result.state)                      \
    B(result.state_initiator) B(result.state_responder) B(result.state_ios) B(result.asa_state)                    \
    X(result.retransmission) S(original_frame) X(result.since_original) X(result.dpd_seq) X(result.dpd)           \
    X(result.txn_step) X(result.txn_inferred) X(result.xauth_status) X(result.cp_type) X(result.eap_code)         \
    X(result.eap_type)
/* The fifth to eighth fields above: conn-id, states, start, length. */
enum { TYPICAL = 0xf0 };

#define FIELD_SIZE(f) sizeof(((ikediag_pdu_result *)0)->f)
#define PLUS_SIZE(f) +FIELD_SIZE(f)
#define MAX_BYTES_OF(size) ((size) == 4 ? 5 : (size) == 8 ? 9 : (size)) /* 8: a pointer, or a time span (9) */
#define PLUS_MAX_BYTES(f) +MAX_BYTES_OF(FIELD_SIZE(f))
#define PLUS_ONE(f) +1
#define NOTHING(f)
/* Those written their own way: at most a 0 byte and a pointer (extras), a
 * 33-bit varint (frame differences), a 28-bit one (states). */
#define PLUS_OWN_MAX_BYTES(name) +OWN_MAX_BYTES_##name
enum { OWN_MAX_BYTES_extras = 9, OWN_MAX_BYTES_response_to = 5, OWN_MAX_BYTES_original_frame = 5,
       OWN_MAX_BYTES_states = 4 /* PACKED_BITS (below) */ };

enum { FIELD_COUNT = 0 ALL_FIELDS(PLUS_ONE, PLUS_ONE, PLUS_ONE), MASK_MAX_BYTES = 5 };

/* A field added to ikd_message_result and not listed above would be lost
 * on every later pass: the result has no padding, so its size tells (the
 * fields listed are the result's and the four saying where it lives). */
G_STATIC_ASSERT(0 ALL_FIELDS(PLUS_SIZE, NOTHING, PLUS_SIZE) PLUS_SIZE(result.response_to)
                    PLUS_SIZE(result.original_frame) ==
                sizeof(ikd_message_result) PLUS_SIZE(start) PLUS_SIZE(length) PLUS_SIZE(ds_index) PLUS_SIZE(pdu));
G_STATIC_ASSERT(FIELD_COUNT <= 32);
/* put_field and get_field know three sizes: a 2-byte field needs a case. */
#define SIZE_KNOWN(f) &&(FIELD_SIZE(f) == 1 || FIELD_SIZE(f) == 4 || FIELD_SIZE(f) == 8)
G_STATIC_ASSERT(1 ALL_FIELDS(SIZE_KNOWN, NOTHING, SIZE_KNOWN));
G_STATIC_ASSERT(MASK_MAX_BYTES ALL_FIELDS(PLUS_MAX_BYTES, PLUS_OWN_MAX_BYTES, PLUS_MAX_BYTES) <=
                IKEDIAG_RECORD_MAX_BYTES);

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

/* A frame number as its distance from the record's own frame (zigzag, for
 * the rare one after it): an answer's request is a few frames back, which
 * is a byte or two where the number itself is three at a million frames. */
static inline guint8 *put_frame_near(guint8 *out, guint32 value, guint32 frame, guint32 bit, guint32 *mask)
{
    if (!value)
        return out;
    *mask |= bit;
    gint64 back = (gint64)frame - (gint64)value;
    return out + ikediag_varint_put(out, back >= 0 ? (guint64)back << 1 : (guint64)(-back - 1) << 1 | 1);
}

static inline const guint8 *get_frame_near(const guint8 *in, guint32 *value, guint32 frame, guint32 bit,
                                           guint32 mask)
{
    if (!(mask & bit))
        return in;
    guint64 code;
    in += ikediag_varint_get(in, &code);
    gint64 back = code & 1 ? -(gint64)(code >> 1) - 1 : (gint64)(code >> 1);
    *value = (guint32)((gint64)frame - back);
    return in;
}

/* What the fields written their own way are written from. */
typedef struct {
    const ikediag_pdu_result *r;
    guint32 frame;  /* the record's own */
    guint32 packed; /* packed_states(), worked out once */
} encoding;

static inline guint8 *put_response_to(guint8 *out, const encoding *c, guint32 bit, guint32 *mask)
{
    return put_frame_near(out, c->r->result.response_to, c->frame, bit, mask);
}

static inline const guint8 *get_response_to(const guint8 *in, ikediag_pdu_result *r, guint32 frame, guint32 bit,
                                            guint32 mask)
{
    return get_frame_near(in, &r->result.response_to, frame, bit, mask);
}

static inline guint8 *put_original_frame(guint8 *out, const encoding *c, guint32 bit, guint32 *mask)
{
    return put_frame_near(out, c->r->result.original_frame, c->frame, bit, mask);
}

static inline const guint8 *get_original_frame(const guint8 *in, ikediag_pdu_result *r, guint32 frame,
                                               guint32 bit, guint32 mask)
{
    return get_frame_near(in, &r->result.original_frame, frame, bit, mask);
}

/* Extras shared by many messages (every SA's MM1 from one kind of peer) by
 * their number, one a message's own as a 0 byte and its pointer. */
static inline guint8 *put_extras(guint8 *out, const encoding *c, guint32 bit, guint32 *mask)
{
    const ikediag_pdu_result *r = c->r;
    if (!r->extras)
        return out;
    *mask |= bit;
    if (r->extras->shared_id)
        return out + ikediag_varint_put(out, r->extras->shared_id); /* never starts with a 0 byte */
    *out++ = 0;
    memcpy(out, &r->extras, sizeof r->extras);
    return out + sizeof r->extras;
}

static inline const guint8 *get_extras(const guint8 *in, ikediag_pdu_result *r, guint32 frame, guint32 bit,
                                       guint32 mask)
{
    (void)frame;
    if (!(mask & bit))
        return in;
    if (*in) {
        guint64 id;
        in += ikediag_varint_get(in, &id);
        r->extras = ikediag_extras_by_id((guint32)id);
        return in;
    }
    memcpy(&r->extras, in + 1, sizeof r->extras);
    return in + 1 + sizeof r->extras;
}

/* The step, sender, encryption, the three IOS states, the IKE version and
 * one of the ASA state and the IKEv2 state-machine name (a message has at
 * most one) in one varint instead of seven bytes. What an IKEv1 message has
 * takes the low 20 bits (3 bytes): its version is coded 0, its shared place
 * holds the ASA state, and its SA state, the less advanced of the two
 * sides', is not written (STATE_DIFFERS says it is, in the top bits). */
enum {
    SENDER_AT = 5, ENCRYPTED_AT = 7, INITIATOR_AT = 8, RESPONDER_AT = 12, SLOT_AT = 16, SLOT_IS_IOS_AT = 20,
    VERSION_AT = 21, STATE_DIFFERS_AT = 23, STATE_AT = 24, PACKED_BITS = 28,
};
G_STATIC_ASSERT(IKD_STEP_COUNT <= 1 << SENDER_AT && IKD_IOS_STATE_COUNT <= 16 && IKD_ASA_STATE_COUNT <= 16);
G_STATIC_ASSERT(PACKED_BITS <= 7 * OWN_MAX_BYTES_states);

/* IKE versions 1, 2, 0 (not captured) and 3 as 0, 1, 2, 3: its own inverse. */
static guint32 version_code(guint32 v)
{
    return v < 2 ? v ^ 1 : v;
}

/* The packed states, or 0 when a value does not fit (only a result the
 * engine did not make) and they are written one by one, or all are 0. */
static guint32 packed_states(const ikd_message_result *m)
{
    guint nibbles = (guint)m->state | m->state_initiator | m->state_responder | m->asa_state | m->state_ios;
    guint pairs = (guint)m->sender | m->ike_version;
    if (!(nibbles | pairs | m->step | m->encrypted) || nibbles >= 16 || pairs >= 4 || m->step >= 1 << SENDER_AT ||
        (m->asa_state && m->state_ios))
        return 0;
    guint32 slot_is_ios = m->state_ios != 0;
    guint32 least = MIN(m->state_initiator, m->state_responder);
    guint32 differs = m->state != least;
    return (guint32)m->step | (guint32)m->sender << SENDER_AT | (guint32)m->encrypted << ENCRYPTED_AT |
           (guint32)m->state_initiator << INITIATOR_AT | (guint32)m->state_responder << RESPONDER_AT |
           (guint32)(slot_is_ios ? m->state_ios : m->asa_state) << SLOT_AT | slot_is_ios << SLOT_IS_IOS_AT |
           version_code(m->ike_version) << VERSION_AT | differs << STATE_DIFFERS_AT |
           (differs ? (guint32)m->state : 0) << STATE_AT;
}

static inline guint8 *put_states(guint8 *out, const encoding *c, guint32 bit, guint32 *mask)
{
    if (!c->packed)
        return out;
    *mask |= bit;
    return out + ikediag_varint_put(out, c->packed);
}

static inline const guint8 *get_states(const guint8 *in, ikediag_pdu_result *r, guint32 frame, guint32 bit,
                                       guint32 mask)
{
    (void)frame;
    if (!(mask & bit))
        return in;
    guint64 wide;
    in += ikediag_varint_get(in, &wide);
    guint32 p = (guint32)wide;
    ikd_message_result *m = &r->result;
    m->step = p & 0x1f;
    m->sender = p >> SENDER_AT & 3;
    m->encrypted = p >> ENCRYPTED_AT & 1;
    m->state_initiator = p >> INITIATOR_AT & 0xf;
    m->state_responder = p >> RESPONDER_AT & 0xf;
    if (p >> SLOT_IS_IOS_AT & 1)
        m->state_ios = p >> SLOT_AT & 0xf;
    else
        m->asa_state = p >> SLOT_AT & 0xf;
    m->ike_version = (guint8)version_code(p >> VERSION_AT & 3);
    m->state = p >> STATE_DIFFERS_AT & 1 ? p >> STATE_AT & 0xf : MIN(m->state_initiator, m->state_responder);
    return in;
}

/* Each field by its kind: a double is a time span, the rest by size; the
 * one-byte states only when they were not packed. */
#define PUT(f)                                                                                                        \
    at = _Generic((r->f), double                                                                                  \
                  : put_span(at, (const double *)(const void *)&r->f, bit, &mask), default                        \
                  : put_field(at, &r->f, FIELD_SIZE(f), bit, &mask));                                             \
    bit <<= 1;
#define PUT_STATE(f)                                                                                                  \
    if (!c.packed)                                                                                                \
        at = put_field(at, &r->f, 1, bit, &mask);                                                                 \
    bit <<= 1;
#define PUT_OWN(name)                                                                                                 \
    at = put_##name(at, &c, bit, &mask);                                                                          \
    bit <<= 1;

#define GET(f)                                                                                                        \
    in = _Generic((r->f), double                                                                                  \
                  : get_span(in, (double *)(void *)&r->f, bit, mask), default                                     \
                  : get_field(in, &r->f, FIELD_SIZE(f), bit, mask));                                              \
    bit <<= 1;
#define GET_OWN(name)                                                                                                 \
    in = get_##name(in, r, frame, bit, mask);                                                                     \
    bit <<= 1;

size_t ikediag_record_encode(const ikediag_pdu_result *r, guint32 frame, guint8 *out)
{
    /* The fields go after room for the mask's varint, then move up to it. */
    guint8 *body = out + MASK_MAX_BYTES, *at = body;
    guint32 mask = 0, bit = 1;
    const encoding c = { r, frame, packed_states(&r->result) };
    ALL_FIELDS(PUT, PUT_OWN, PUT_STATE)
    size_t head = ikediag_varint_put(out, mask ^ TYPICAL);
    memmove(out + head, body, (size_t)(at - body));
    return head + (size_t)(at - body);
}

size_t ikediag_record_decode(const guint8 *in, guint32 frame, ikediag_pdu_result *r)
{
    const guint8 *start = in;
    memset(r, 0, sizeof *r);
    guint64 wide_mask;
    in += ikediag_varint_get(in, &wide_mask);
    guint32 mask = (guint32)wide_mask ^ TYPICAL, bit = 1;
    ALL_FIELDS(GET, GET_OWN, GET)
    return (size_t)(in - start);
}
