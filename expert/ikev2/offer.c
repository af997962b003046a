/* ikediag - IKEv2 offers as sets of IOS-named algorithms.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/offer.h"

#include "ikev2/ikev2_names.h"

#include <stdio.h>
#include <string.h>

typedef struct {
    uint16_t id;
    uint16_t key_bits; /* 0: any (a cipher with one key length) */
    const char *name;
} named;

enum { OTHER_ENCR = 31, OTHER_HALF = 15, OTHER_DH = 31, HALF = 16 };

/* IANA IKEv2 numbers; names as ikev2_ios_names.c with the key length. */
static const named encr_names[] = {
    { 2, 0, "DES" },           { 3, 0, "3DES" },          { 12, 128, "AES-CBC-128" },  { 12, 192, "AES-CBC-192" },
    { 12, 256, "AES-CBC-256" }, { 13, 128, "AES-CTR-128" }, { 13, 192, "AES-CTR-192" }, { 13, 256, "AES-CTR-256" },
    { 20, 128, "AES-GCM-128" }, { 20, 192, "AES-GCM-192" }, { 20, 256, "AES-GCM-256" }, { 18, 128, "AES-GCM-8-128" },
    { 18, 256, "AES-GCM-8-256" }, { 19, 128, "AES-GCM-12-128" }, { 19, 256, "AES-GCM-12-256" },
    { 28, 0, "CHACHA20-POLY1305" },
};
static const named integ_names[] = {
    { 1, 0, "MD596" }, { 2, 0, "SHA96" }, { 5, 0, "AES-XCBC-96" }, { 12, 0, "SHA256" }, { 13, 0, "SHA384" },
    { 14, 0, "SHA512" },
};
static const named prf_names[] = {
    { 1, 0, "MD5" }, { 2, 0, "SHA1" }, { 4, 0, "AES-XCBC" }, { 5, 0, "SHA256" }, { 6, 0, "SHA384" }, { 7, 0, "SHA512" },
};

#define COUNT(t) (sizeof t / sizeof t[0])

static unsigned bit_of(const named *t, size_t n, const ikd_v2_transform *x, unsigned other)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].id == x->id && (!t[i].key_bits || t[i].key_bits == x->key_length))
            return (unsigned)i;
    return other;
}

static void add_transform(ikd_v2_offer *o, const ikd_v2_transform *x)
{
    switch (x->type) {
    case IKD_V2_TT_ENCR: o->encr |= 1u << bit_of(encr_names, COUNT(encr_names), x, OTHER_ENCR); break;
    case IKD_V2_TT_INTEG:
        if (x->id) /* NONE beside a combined-mode cipher */
            o->integ_prf |= 1u << bit_of(integ_names, COUNT(integ_names), x, OTHER_HALF);
        break;
    case IKD_V2_TT_PRF: o->integ_prf |= 1u << (HALF + bit_of(prf_names, COUNT(prf_names), x, OTHER_HALF)); break;
    case IKD_V2_TT_DH:
        if (x->id)
            o->dh |= 1u << (x->id >= 1 && x->id <= 31 ? x->id - 1u : OTHER_DH);
        break;
    default: break;
    }
}

void ikd_v2_offer_read(const ikd_v2_sa_payload *sa, uint8_t protocol, ikd_v2_offer *out)
{
    memset(out, 0, sizeof *out);
    if (!sa->present)
        return;
    for (uint16_t p = 0; p < sa->proposal_count; p++) {
        const ikd_v2_proposal *prop = &sa->proposals[p];
        if (prop->protocol != protocol)
            continue;
        for (uint16_t i = 0; i < prop->transform_count && prop->first_transform + i < sa->transform_count; i++)
            add_transform(out, &sa->transforms[prop->first_transform + i]);
    }
}

bool ikd_v2_offer_empty(const ikd_v2_offer *o)
{
    return !o->encr && !o->integ_prf && !o->dh;
}

/* Both name the type and share none of it. */
static bool disjoint(uint32_t a, uint32_t b)
{
    return a && b && !(a & b);
}

uint32_t ikd_v2_offer_no_common(const ikd_v2_offer *a, const ikd_v2_offer *b)
{
    const uint32_t low = 0xffffu;
    return (disjoint(a->encr, b->encr) ? IKD_V2_OFFER_ENCR : 0) |
           (disjoint(a->integ_prf & low, b->integ_prf & low) ? IKD_V2_OFFER_INTEG : 0) |
           (disjoint(a->integ_prf >> HALF, b->integ_prf >> HALF) ? IKD_V2_OFFER_PRF : 0) |
           (disjoint(a->dh, b->dh) ? IKD_V2_OFFER_DH : 0);
}

typedef struct {
    char *buf;
    size_t size, used;
} out_text;

static void put(out_text *o, const char *s)
{
    if (o->used + 1 >= o->size)
        return;
    int n = snprintf(o->buf + o->used, o->size - o->used, "%s", s);
    o->used += n > 0 ? (size_t)n : 0;
    if (o->used >= o->size)
        o->used = o->size - 1;
}

/* "PRF SHA256 SHA1" for a set; nothing for an empty one. */
static void put_set(out_text *o, const char *label, uint32_t bits, const named *t, size_t n, unsigned other)
{
    if (!bits)
        return;
    put(o, o->used ? ", " : "");
    put(o, label);
    for (unsigned b = 0; b < 32; b++)
        if (bits & 1u << b) {
            put(o, " ");
            put(o, b < n ? t[b].name : b == other ? "other" : "?");
        }
}

static void put_groups(out_text *o, uint32_t bits)
{
    if (!bits)
        return;
    put(o, o->used ? ", DH group" : "DH group");
    for (unsigned b = 0; b < 32; b++) {
        char num[16];
        if (!(bits & 1u << b))
            continue;
        snprintf(num, sizeof num, b == OTHER_DH ? " other" : " %u", b + 1);
        put(o, num);
    }
}

const char *ikd_v2_offer_text(const ikd_v2_offer *offer, char *buf, size_t size)
{
    out_text o = { buf, size, 0 };
    if (!size)
        return buf;
    buf[0] = '\0';
    if (ikd_v2_offer_empty(offer)) {
        put(&o, "an offer not read");
        return buf;
    }
    put_set(&o, "Encr", offer->encr, encr_names, COUNT(encr_names), OTHER_ENCR);
    put_set(&o, "PRF", offer->integ_prf >> HALF, prf_names, COUNT(prf_names), OTHER_HALF);
    put_set(&o, "Integrity", offer->integ_prf & 0xffffu, integ_names, COUNT(integ_names), OTHER_HALF);
    put_groups(&o, offer->dh);
    return buf;
}

const char *ikd_v2_offer_difference_text(uint32_t bits, char *buf, size_t size)
{
    static const char *const words[] = { "encryption", "integrity", "PRF", "DH group" };
    out_text o = { buf, size, 0 };
    if (!size)
        return buf;
    buf[0] = '\0';
    for (unsigned i = 0; i < 4; i++)
        if (bits & 1u << i) {
            put(&o, o.used ? ", " : "");
            put(&o, words[i]);
        }
    return buf;
}
