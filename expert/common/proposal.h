/* ikediag - one model for the transforms of every kind of proposal (IKEv1
 * phase 1, IKEv1 phase 2, later IKEv2): what two transforms are compared on
 * and how their differences are named, how a transform is packed into
 * finding arguments and back, and which offer comes closest to a choice.
 *
 * Each kind keeps its own readable struct; a const table of its fields
 * (ikd_proposal_kind) tells the functions below where each field lives, so
 * comparing, naming, packing and the closest-offer search are written once.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_PROPOSAL_H
#define IKD_PROPOSAL_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Difference bits are an unsigned; packed forms fill finding arguments. */
enum { IKD_PROPOSAL_MAX_COMPARED = 32, IKD_PROPOSAL_MAX_WORDS = 5 };

typedef struct {
    /* Name of this field's difference bit ("key length"); NULL: never
     * compared. Bit i stands for the i-th compared field in table order. */
    const char *difference;
    size_t offset; /* offsetof() in the kind's struct */
    uint8_t size;  /* 1, 2 or 4 bytes, unsigned */
    /* What is compared, when not the value itself (phase 2 compares the
     * encapsulation only as tunnel or transport). */
    uint32_t (*comparable)(uint32_t value);
    /* Packed form: the value, capped at the largest that fits in bits,
     * shifted left by shift in argument word. bits 0: not packed (unpacking
     * leaves the field 0). */
    uint8_t word, shift, bits;
} ikd_proposal_field;

typedef struct {
    const char *name;   /* "phase 1", "phase 2" */
    size_t struct_size; /* sizeof the kind's struct */
    const ikd_proposal_field *fields;
    size_t field_count;
    size_t packed_words; /* finding arguments the packed form takes */
} ikd_proposal_kind;

/* A table's consistency: field sizes 1, 2 or 4 and inside the struct, at
 * most IKD_PROPOSAL_MAX_COMPARED compared fields, packed slots inside
 * packed_words (at most IKD_PROPOSAL_MAX_WORDS) and not overlapping. */
bool ikd_proposal_kind_valid(const ikd_proposal_kind *kind);

/* The compared fields on which a and b (both of the kind's struct) differ. */
unsigned ikd_proposal_differences(const ikd_proposal_kind *kind, const void *a, const void *b);
/* Every difference bit of the kind. */
unsigned ikd_proposal_all_differences(const ikd_proposal_kind *kind);
/* The names of the bits set, in bit order, joined by ", ", into buf. */
const char *ikd_proposal_difference_names(const ikd_proposal_kind *kind, unsigned bits, char *buf, size_t size);

/* t into out[0 .. packed_words). */
void ikd_proposal_pack(const ikd_proposal_kind *kind, const void *t, uint32_t *out);
/* in[0 .. packed_words) into t; fields that are not packed are 0. */
void ikd_proposal_unpack(const ikd_proposal_kind *kind, const uint32_t *in, void *t);

/* count structs of the kind, stride bytes apart: the offers may sit inside
 * larger records (first = &entries[0].attributes, stride = sizeof entries[0]). */
typedef struct {
    const void *first;
    size_t count;
    size_t stride;
} ikd_proposal_list;

typedef struct {
    size_t index;         /* of the closest offer; the list's count when empty */
    unsigned differences; /* from it; every bit of the kind when the list is empty */
} ikd_proposal_match;

/* The offer differing from target in the fewest fields: the first of equals
 * wins, and the search stops at an offer that does not differ at all. */
ikd_proposal_match ikd_proposal_closest(const ikd_proposal_kind *kind, const void *target, ikd_proposal_list offers);

typedef struct {
    size_t a, b;          /* indexes into the two lists; their counts when one is empty */
    unsigned differences; /* every bit of the kind when a list is empty */
} ikd_proposal_pair;

/* The pair (one offer of each list) differing in the fewest fields; the
 * first of equals wins in the order a[0]b[0], a[0]b[1] ... a[1]b[0] ... */
ikd_proposal_pair ikd_proposal_closest_pair(const ikd_proposal_kind *kind, ikd_proposal_list a, ikd_proposal_list b);

#endif
