/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/ikev1/transform_memo: an SA payload's
 * remembered transforms are the ones its walk visits, in the same order.
 *
 * Every walk through the memo is compared, as text of every visit and the
 * count, with ikd_sa_payload_transforms on the same bytes: a template walked
 * again, MM1's offer and MM2's choice, more transforms than the memo keeps
 * (20), a payload cut short by its message, a malformed one, and 40
 * templates in turns, evicting one another. */
#include "ikev1_builder.h"
#include "ikev1/transform_memo.h"

#include <glib.h>
#include <string.h>

static void visit_text(void *ctx, const ikd_transform_entry *e)
{
    const ikd_transform *t = &e->attributes;
    g_string_append_printf(ctx, "[%u %u %u %u: %u %u %u %u %u %u %u] ", e->proposal_number, e->protocol,
                           e->transform_number, e->transform_id, t->encryption, t->key_length, t->hash, t->auth,
                           t->group, t->life_seconds, t->life_kilobytes);
}

/* Walks the SA payload at offset in an exact-size copy of len bytes both ways. */
static void walk_both(const GByteArray *b, size_t len, size_t offset)
{
    uint8_t *copy = g_memdup2(b->data, len);
    GString *want = g_string_new(NULL), *got = g_string_new(NULL);
    unsigned n_want = ikd_sa_payload_transforms(copy, len, offset, visit_text, want);
    unsigned n_got = ikd_sa_payload_transforms_remembered(copy, len, offset, visit_text, got);
    g_assert_cmpstr(got->str, ==, want->str);
    g_assert_cmpuint(n_got, ==, n_want);
    g_assert_cmpuint(ikd_sa_payload_transforms_remembered(copy, len, offset, NULL, NULL), ==, n_want);
    g_string_free(want, TRUE);
    g_string_free(got, TRUE);
    g_free(copy);
}

static void test_offer_and_choice(void)
{
    ikb_msg *mm1 = ikb_canned_mm1(), *mm2 = ikb_canned_mm2();
    for (int round = 0; round < 3; round++) {
        walk_both(mm1->bytes, mm1->bytes->len, mm1->offset[0]);
        walk_both(mm2->bytes, mm2->bytes->len, mm2->offset[0]);
    }
    ikb_msg_free(mm1);
    ikb_msg_free(mm2);
}

static void test_more_transforms_than_kept(void)
{
    static const ikb_attr attrs[] = { { 1, 7, 0 }, { 14, 128, 0 }, { 2, 2, 0 }, { 3, 1, 0 }, { 4, 14, 0 } };
    ikb_transform t[20];
    for (size_t i = 0; i < G_N_ELEMENTS(t); i++)
        t[i] = (ikb_transform){ (uint8_t)(i + 1), 1, attrs, G_N_ELEMENTS(attrs), NULL, 0 };
    const ikb_proposal p = { 1, 1, 0, NULL, t, G_N_ELEMENTS(t), NULL, 0 };
    ikb_msg *mm1 = ikb_mm1_with(&p, 1);
    for (int round = 0; round < 2; round++)
        walk_both(mm1->bytes, mm1->bytes->len, mm1->offset[0]);
    ikb_msg_free(mm1);
}

/* The message ends inside its SA payload, or the payload's insides do not
 * nest (a transform longer than its proposal). */
static void test_cut_and_malformed(void)
{
    ikb_msg *mm1 = ikb_canned_mm1();
    for (int round = 0; round < 2; round++) {
        walk_both(mm1->bytes, mm1->offset[0] + 30, mm1->offset[0]);
        walk_both(mm1->bytes, mm1->offset[0] + 3, mm1->offset[0]);
    }
    size_t transform = mm1->offset[0] + 12 + 8; /* SA header, DOI, situation; proposal header */
    ikb_set_u16(mm1->bytes, transform + 2, 0x0400);
    for (int round = 0; round < 2; round++)
        walk_both(mm1->bytes, mm1->bytes->len, mm1->offset[0]);
    ikb_msg_free(mm1);
}

/* Forty templates (the last attribute's value differs) walked in turns,
 * three times: more than the memo's slots. */
static void test_more_templates_than_slots(void)
{
    ikb_msg *mm1 = ikb_canned_mm1();
    size_t sa_end = mm1->offset[0] + ikb_get_u16(mm1->bytes, mm1->offset[0] + 2) - 1;
    for (int round = 0; round < 3; round++) {
        for (int k = 0; k < 40; k++) {
            ikb_set_u8(mm1->bytes, sa_end, (uint8_t)k);
            walk_both(mm1->bytes, mm1->bytes->len, mm1->offset[0]);
        }
    }
    ikb_msg_free(mm1);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    g_test_add_func("/transform_memo/offer_and_choice", test_offer_and_choice);
    g_test_add_func("/transform_memo/more_transforms_than_kept", test_more_transforms_than_kept);
    g_test_add_func("/transform_memo/cut_and_malformed", test_cut_and_malformed);
    g_test_add_func("/transform_memo/more_templates_than_slots", test_more_templates_than_slots);
    return g_test_run();
}
