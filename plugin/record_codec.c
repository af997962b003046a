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
#define FIELD_ENTRY(f) { offsetof(ikediag_pdu_result, f), FIELD_SIZE(f) },
#define PLUS_SIZE(f) +FIELD_SIZE(f)
#define MAX_BYTES_OF(size) ((size) == 4 ? 5 : (size))
#define PLUS_MAX_BYTES(f) +MAX_BYTES_OF(FIELD_SIZE(f))
#define PLUS_ONE(f) +1

typedef struct {
    guint16 offset;
    guint8 size;
} field;

static const field fields[] = { ALL_FIELDS(FIELD_ENTRY) };
enum { FIELD_COUNT = 0 ALL_FIELDS(PLUS_ONE) };

/* A field added to ikd_message_result and not listed above would be lost
 * on every later pass: the result has no padding, so its size tells. */
G_STATIC_ASSERT(0 COMMON_RESULT_FIELDS(PLUS_SIZE) RARE_RESULT_FIELDS(PLUS_SIZE) == sizeof(ikd_message_result));
G_STATIC_ASSERT(FIELD_COUNT <= 32);
G_STATIC_ASSERT(5 ALL_FIELDS(PLUS_MAX_BYTES) <= IKEDIAG_RECORD_MAX_BYTES);

static size_t put_varint(guint8 *out, guint32 v)
{
    size_t n = 0;
    while (v >= 0x80) {
        out[n++] = (guint8)(v | 0x80);
        v >>= 7;
    }
    out[n++] = (guint8)v;
    return n;
}

static size_t get_varint(const guint8 *in, guint32 *v)
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

static gboolean all_zero(const guint8 *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return FALSE;
    return TRUE;
}

size_t ikediag_record_encode(const ikediag_pdu_result *r, guint8 *out)
{
    const guint8 *base = (const guint8 *)r;
    guint8 body[IKEDIAG_RECORD_MAX_BYTES];
    size_t used = 0;
    guint32 mask = 0;
    for (guint i = 0; i < FIELD_COUNT; i++) {
        const guint8 *p = base + fields[i].offset;
        if (all_zero(p, fields[i].size))
            continue;
        mask |= 1u << i;
        if (fields[i].size == 4) {
            guint32 v;
            memcpy(&v, p, sizeof v);
            used += put_varint(body + used, v);
        } else {
            memcpy(body + used, p, fields[i].size);
            used += fields[i].size;
        }
    }
    size_t head = put_varint(out, mask);
    memcpy(out + head, body, used);
    return head + used;
}

size_t ikediag_record_decode(const guint8 *in, ikediag_pdu_result *r)
{
    guint8 *base = (guint8 *)r;
    memset(r, 0, sizeof *r);
    guint32 mask;
    size_t used = get_varint(in, &mask);
    for (guint i = 0; i < FIELD_COUNT; i++) {
        if (!(mask & (1u << i)))
            continue;
        guint8 *p = base + fields[i].offset;
        if (fields[i].size == 4) {
            guint32 v;
            used += get_varint(in + used, &v);
            memcpy(p, &v, sizeof v);
        } else {
            memcpy(p, in + used, fields[i].size);
            used += fields[i].size;
        }
    }
    return used;
}
