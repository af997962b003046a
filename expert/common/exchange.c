/* ikediag - exchange records: copies, retransmissions, answers.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/exchange.h"

#include <glib.h>
#include <string.h>

uint32_t ikd_elapsed_ms(double from, double to)
{
    double ms = (to - from) * 1000.0 + 0.5;
    if (ms < 0)
        return 0;
    return ms > 4e9 ? UINT32_MAX : (uint32_t)ms;
}

/* Eight bytes at a time, each word mixed before it joins (MurmurHash3's
 * 64-bit round and finaliser): the hash alone tells copies apart (the
 * duplicate window keeps no bytes), so a difference anywhere must reach
 * every bit. Multiplying alone (FNV taken eight bytes at a time) carries a
 * word's high byte only upwards: messages that differed only in a cookie's
 * or message ID's last byte fell into 256 hashes, and sequential cookies
 * made distinct SAs "copies" of one another. Byte by byte it was 7 % of the
 * engine's time (callgrind). */
static const uint64_t mix_c1 = 0x87c37b91114253d5ull;
static const uint64_t mix_c2 = 0x4cf5ad432745937full;

static uint64_t load64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, sizeof v);
    return v;
}

static uint64_t rotl64(uint64_t v, int by)
{
    return v << by | v >> (64 - by);
}

static uint64_t mixed_in(uint64_t h, uint64_t word)
{
    h ^= rotl64(word * mix_c1, 31) * mix_c2;
    return rotl64(h, 27) * 5 + 0x52dce729;
}

uint64_t ikd_bytes_hash(const uint8_t *bytes, size_t len)
{
    uint64_t h = len * mix_c2;
    size_t i = 0;
    for (; i + 8 <= len; i += 8)
        h = mixed_in(h, load64(bytes + i));
    if (i < len) {
        uint64_t tail = 0;
        memcpy(&tail, bytes + i, len - i);
        h = mixed_in(h, tail);
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdull;
    h ^= h >> 33;
    h *= 0xc4ceb9fe1a85ec53ull;
    return h ^ (h >> 33);
}

/* A message's hash reads sixteen bytes a step and folds them into the state
 * with one 64 x 64 -> 128-bit multiply, the high half xored onto the low
 * (the "mum" of wyhash): a third of the instructions of the rounds above and
 * half the chain of dependent ones. ikd_bytes_hash stays for the tables
 * whose order its values decide. */
static const uint64_t fold_k1 = 0x9e3779b97f4a7c15ull, fold_k2 = 0xd6e8feb86659fd93ull,
                      fold_k3 = 0xa0761d6478bd642full;

static uint64_t folded_product(uint64_t a, uint64_t b)
{
#if defined(__SIZEOF_INT128__)
    unsigned __int128 product = (unsigned __int128)a * b;
    return (uint64_t)product ^ (uint64_t)(product >> 64);
#else
    uint64_t al = (uint32_t)a, ah = a >> 32, bl = (uint32_t)b, bh = b >> 32;
    uint64_t ll = al * bl, lh = al * bh, hl = ah * bl, hh = ah * bh;
    uint64_t mid = (ll >> 32) + (uint32_t)lh + (uint32_t)hl;
    uint64_t low = mid << 32 | (uint32_t)ll, high = hh + (lh >> 32) + (hl >> 32) + (mid >> 32);
    return low ^ high;
#endif
}

uint64_t ikd_message_bytes_hash(const uint8_t *bytes, size_t len)
{
    uint64_t h = len * fold_k3 ^ fold_k2;
    size_t i = 0;
    for (; i + 16 <= len; i += 16)
        h ^= folded_product(load64(bytes + i) ^ fold_k1, load64(bytes + i + 8) ^ h ^ fold_k2);
    if (i < len) {
        uint64_t tail[2] = { 0, 0 };
        memcpy(tail, bytes + i, len - i);
        h ^= folded_product(tail[0] ^ fold_k1, tail[1] ^ h ^ fold_k2);
    }
    return folded_product(h ^ fold_k3, (uint64_t)len ^ fold_k1) ^ h;
}

uint64_t ikd_message_hash(const ikd_packet *packet)
{
    return ikd_message_bytes_hash(packet->bytes, packet->captured_len);
}

struct ikd_more_copies {
    uint64_t first_hash;
    double last_time;
    uint32_t last_frame;
    uint32_t resends;
    uint8_t last_pdu;
    uint8_t gap_count;
    float gaps[IKD_MAX_GAPS];
};

G_STATIC_ASSERT(sizeof(ikd_step_record) == 28);

bool ikd_step_record_first_before(const ikd_step_record *a, const ikd_step_record *b)
{
    return a->first_frame < b->first_frame || (a->first_frame == b->first_frame && a->first_pdu < b->first_pdu);
}

uint64_t ikd_step_record_hash(const ikd_step_record *record)
{
    return record->more ? record->u.more->first_hash : record->u.first_hash;
}

uint32_t ikd_step_record_last_frame(const ikd_step_record *record)
{
    return record->more ? record->u.more->last_frame : record->first_frame;
}

uint8_t ikd_step_record_last_pdu(const ikd_step_record *record)
{
    return record->more ? record->u.more->last_pdu : record->first_pdu;
}

double ikd_step_record_last_time(const ikd_step_record *record)
{
    return record->more ? record->u.more->last_time : record->first_time;
}

uint32_t ikd_step_record_resends(const ikd_step_record *record)
{
    return record->more ? record->u.more->resends : 0;
}

uint8_t ikd_step_record_gap_count(const ikd_step_record *record)
{
    return record->more ? record->u.more->gap_count : 0;
}

const float *ikd_step_record_gaps(const ikd_step_record *record)
{
    return ikd_step_record_gap_count(record) ? record->u.more->gaps : NULL;
}

/* Notes a resend: its retransmission number, first copy and finding. */
static void note_resend(const ikd_step_record *record, const ikd_packet *packet, ikd_annotation *ann, int phase)
{
    ikd_message_result *r = &ann->result;
    r->retransmission = record->u.more->resends;
    r->original_frame = record->first_frame;
    r->since_original = packet->time - record->first_time;
    const uint32_t args[IKD_FINDING_ARGS] = { r->step, r->retransmission,
                                              ikd_elapsed_ms(record->first_time, packet->time), record->first_frame,
                                              (uint32_t)phase };
    ikd_findings_add_args(&ann->findings, IKD_F_RETRANSMISSION, 0, 0, args);
}

static void note_first_copy(ikd_step_record *record, const ikd_packet *packet)
{
    record->u.first_hash = packet->hash;
    record->first_frame = packet->frame;
    record->first_pdu = (uint8_t)packet->pdu;
    record->first_time = packet->time;
    record->on_nat_t = packet->transport == IKD_TRANSPORT_UDP_ENCAP;
    record->copies = 1;
}

/* The second copy moves the hash into the record of later copies, which
 * starts as the first copy. */
static struct ikd_more_copies *more_copies(ikd_step_record *record)
{
    if (!record->more) {
        struct ikd_more_copies *more = g_new0(struct ikd_more_copies, 1);
        more->first_hash = record->u.first_hash;
        more->last_time = record->first_time;
        more->last_frame = record->first_frame;
        more->last_pdu = record->first_pdu;
        record->u.more = more;
        record->more = true;
    }
    return record->u.more;
}

bool ikd_step_record_copy(ikd_step_record *record, const ikd_packet *packet, ikd_annotation *ann, int phase)
{
    if (record->copies == 0) {
        note_first_copy(record, packet);
        return false;
    }
    /* A retransmission repeats the message byte for byte; another message
     * that takes the same step (its shape alike) is counted, not called one. */
    struct ikd_more_copies *more = more_copies(record);
    bool resend = more->first_hash == packet->hash;
    if (resend && more->gap_count < IKD_MAX_GAPS)
        more->gaps[more->gap_count++] = (float)(packet->time - more->last_time);
    if (record->copies < IKD_COPIES_MAX)
        record->copies++;
    more->resends += resend;
    more->last_frame = packet->frame;
    more->last_pdu = (uint8_t)packet->pdu;
    more->last_time = packet->time;
    if (resend)
        note_resend(record, packet, ann, phase);
    return resend;
}

void ikd_step_record_release(ikd_step_record *record)
{
    if (record->more)
        g_free(record->u.more);
    memset(record, 0, sizeof *record);
}

void ikd_step_record_link_answer(ikd_step_record *request, const ikd_packet *packet, ikd_annotation *ann)
{
    if (!request->copies)
        return;
    ann->result.response_to = request->first_frame;
    ann->result.since_request = packet->time - request->first_time;
    if (!request->answer_frame)
        request->answer_frame = packet->frame;
}

void ikd_flag_response_lost(ikd_annotation *ann, ikd_step lost_step, uint32_t lost_frame, ikd_role missing)
{
    const uint32_t args[IKD_FINDING_ARGS] = { ann->result.step, lost_step, lost_frame, missing, 0 };
    ikd_findings_add_args(&ann->findings, IKD_F_RESPONSE_LOST, 0, 0, args);
}

void ikd_step_record_link_earlier_answer(ikd_step_record *request, const ikd_step_record *answer)
{
    if (answer && answer->copies && request->copies && !request->answer_frame &&
        answer->first_time >= request->first_time)
        request->answer_frame = answer->first_frame;
}
