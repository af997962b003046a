/* ikediag - comparing, naming, packing and matching transforms of any kind,
 * driven by the kind's field table.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/proposal.h"

#include "core/bits.h"
#include "core/text_buf.h"

#include <limits.h>
#include <string.h>

/* Fields are read and written through memcpy: the struct is only known by
 * its table, and its fields may have any alignment. */
static uint32_t field_value(const ikd_proposal_field *f, const void *t)
{
    const unsigned char *p = (const unsigned char *)t + f->offset;
    uint8_t v8;
    uint16_t v16;
    uint32_t v32;
    switch (f->size) {
    case 1: memcpy(&v8, p, 1); return v8;
    case 2: memcpy(&v16, p, 2); return v16;
    default: memcpy(&v32, p, 4); return v32;
    }
}

static void set_field_value(const ikd_proposal_field *f, void *t, uint32_t value)
{
    unsigned char *p = (unsigned char *)t + f->offset;
    uint8_t v8 = (uint8_t)value;
    uint16_t v16 = (uint16_t)value;
    switch (f->size) {
    case 1: memcpy(p, &v8, 1); break;
    case 2: memcpy(p, &v16, 2); break;
    default: memcpy(p, &value, 4); break;
    }
}

static uint32_t comparable_value(const ikd_proposal_field *f, const void *t)
{
    uint32_t v = field_value(f, t);
    return f->comparable ? f->comparable(v) : v;
}

/* The largest value a packed slot of bits holds. */
static uint32_t slot_max(uint8_t bits)
{
    return bits >= 32 ? UINT32_MAX : (1u << bits) - 1;
}

static bool field_valid(const ikd_proposal_kind *kind, const ikd_proposal_field *f, uint32_t used[])
{
    if ((f->size != 1 && f->size != 2 && f->size != 4) || f->size > kind->struct_size ||
        f->offset > kind->struct_size - f->size)
        return false;
    if (!f->bits)
        return true;
    if (f->word >= kind->packed_words || f->bits > 32 || f->shift > 32 - f->bits)
        return false;
    uint32_t slot = slot_max(f->bits) << f->shift;
    if (used[f->word] & slot)
        return false;
    used[f->word] |= slot;
    return true;
}

bool ikd_proposal_kind_valid(const ikd_proposal_kind *kind)
{
    uint32_t used[IKD_PROPOSAL_MAX_WORDS] = { 0 };
    size_t compared = 0;
    if (!kind || !kind->fields || kind->packed_words > IKD_PROPOSAL_MAX_WORDS)
        return false;
    for (size_t i = 0; i < kind->field_count; i++) {
        if (!field_valid(kind, &kind->fields[i], used))
            return false;
        if (kind->fields[i].difference)
            compared++;
    }
    return compared <= IKD_PROPOSAL_MAX_COMPARED;
}

unsigned ikd_proposal_differences(const ikd_proposal_kind *kind, const void *a, const void *b)
{
    unsigned d = 0, bit = 0;
    for (size_t i = 0; i < kind->field_count; i++) {
        const ikd_proposal_field *f = &kind->fields[i];
        if (!f->difference)
            continue;
        if (comparable_value(f, a) != comparable_value(f, b))
            d |= 1u << bit;
        bit++;
    }
    return d;
}

unsigned ikd_proposal_all_differences(const ikd_proposal_kind *kind)
{
    unsigned all = 0, bit = 0;
    for (size_t i = 0; i < kind->field_count; i++)
        if (kind->fields[i].difference)
            all |= 1u << bit++;
    return all;
}

const char *ikd_proposal_difference_names(const ikd_proposal_kind *kind, unsigned bits, char *buf, size_t size)
{
    const char *names[IKD_PROPOSAL_MAX_COMPARED];
    size_t count = 0;
    for (size_t i = 0; i < kind->field_count && count < IKD_PROPOSAL_MAX_COMPARED; i++)
        if (kind->fields[i].difference)
            names[count++] = kind->fields[i].difference;
    return ikd_bit_names(bits, names, count, buf, size);
}

void ikd_proposal_pack(const ikd_proposal_kind *kind, const void *t, uint32_t *out)
{
    memset(out, 0, kind->packed_words * sizeof *out);
    for (size_t i = 0; i < kind->field_count; i++) {
        const ikd_proposal_field *f = &kind->fields[i];
        if (!f->bits)
            continue;
        /* Capped, not cut: a lifetime too long for its slot shows as the
         * largest the slot holds rather than as a wrapped-around value. */
        uint32_t v = field_value(f, t), max = slot_max(f->bits);
        out[f->word] |= (v > max ? max : v) << f->shift;
    }
}

void ikd_proposal_unpack(const ikd_proposal_kind *kind, const uint32_t *in, void *t)
{
    memset(t, 0, kind->struct_size);
    for (size_t i = 0; i < kind->field_count; i++) {
        const ikd_proposal_field *f = &kind->fields[i];
        if (f->bits)
            set_field_value(f, t, (in[f->word] >> f->shift) & slot_max(f->bits));
    }
}

static const void *list_at(ikd_proposal_list list, size_t i)
{
    return (const unsigned char *)list.first + i * list.stride;
}

ikd_proposal_match ikd_proposal_closest(const ikd_proposal_kind *kind, const void *target, ikd_proposal_list offers)
{
    ikd_proposal_match best = { offers.count, ikd_proposal_all_differences(kind) };
    int best_count = INT_MAX;
    for (size_t i = 0; i < offers.count && best_count; i++) {
        unsigned d = ikd_proposal_differences(kind, list_at(offers, i), target);
        if (ikd_bit_count(d) < best_count) {
            best = (ikd_proposal_match){ i, d };
            best_count = ikd_bit_count(d);
        }
    }
    return best;
}

ikd_proposal_pair ikd_proposal_closest_pair(const ikd_proposal_kind *kind, ikd_proposal_list a, ikd_proposal_list b)
{
    ikd_proposal_pair best = { a.count, b.count, ikd_proposal_all_differences(kind) };
    int best_count = INT_MAX;
    for (size_t i = 0; i < a.count && b.count && best_count; i++) {
        ikd_proposal_match m = ikd_proposal_closest(kind, list_at(a, i), b);
        if (ikd_bit_count(m.differences) < best_count) {
            best = (ikd_proposal_pair){ i, m.index, m.differences };
            best_count = ikd_bit_count(m.differences);
        }
    }
    return best;
}
