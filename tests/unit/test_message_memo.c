/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/ikev1/message_memo: a remembered view is the
 * reader's view of the same bytes, with the message's own cookies.
 *
 * Every read through the memo is compared, as text of every readable part
 * of the view, with ikd_message_read of the same bytes: the first read of a
 * template (remembered), the next ones (copied), other cookies, a zero
 * cookie that changes the findings, another transport, a malformed template,
 * messages the memo leaves alone, and more templates than it has slots, read
 * in turns so that they evict one another. */
#include "ikev1_builder.h"
#include "ikev1/message_memo.h"

#include <glib.h>
#include <string.h>

/* Every part of the view a later stage may read. */
static char *view_text(const ikd_message *m)
{
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "hdr %d %u i%02x%02x%02x%02x%02x%02x%02x%02x r%02x%02x%02x%02x%02x%02x%02x%02x", m->header_read,
                           m->header_bytes, m->icookie[0], m->icookie[1], m->icookie[2], m->icookie[3],
                           m->icookie[4], m->icookie[5], m->icookie[6], m->icookie[7], m->rcookie[0], m->rcookie[1],
                           m->rcookie[2], m->rcookie[3], m->rcookie[4], m->rcookie[5], m->rcookie[6], m->rcookie[7]);
    g_string_append_printf(s, " np %u v %u.%u ex %u fl %u id %u len %u enc %d cut %d inc %d", m->next_payload,
                           m->major, m->minor, m->exchange, m->flags, m->message_id, m->length, m->encrypted,
                           m->capture_truncated, m->incomplete);
    g_string_append_printf(s, " payloads %u/%u:", m->payload_count, m->payloads_seen);
    for (uint32_t i = 0; i < m->payload_count && i < IKD_MAX_PAYLOADS; i++)
        g_string_append_printf(s, " %u@%u+%u", m->payloads[i].type, m->payloads[i].offset, m->payloads[i].length);
    for (size_t i = 0; i < G_N_ELEMENTS(m->payload_types); i++)
        g_string_append_printf(s, " %08x", m->payload_types[i]);
    g_string_append_printf(s, " sa %u/%u notify %u", m->sa.proposals, m->sa.transforms, m->notify_count);
    for (uint32_t i = 0; i < m->notify_count && i < IKD_MAX_NOTIFIES; i++)
        g_string_append_printf(s, " %u@%u", m->notify_types[i], m->notify_offsets[i]);
    g_string_append_printf(s, " delete %d %u %u %u", m->has_delete, m->delete_protocol, m->delete_spi_count,
                           m->delete_spis_read);
    for (uint32_t i = 0; i < m->delete_spis_read && i < IKD_MAX_DELETE_SPIS; i++)
        g_string_append_printf(s, " %08x", m->delete_spis[i]);
    g_string_append_printf(s, " frag %d %u %u %d findings %u/%u:", m->has_fragment, m->fragment_id,
                           m->fragment_number, m->fragment_last, m->findings.count, m->findings.dropped);
    for (uint32_t i = 0; i < m->findings.count && i < IKD_MAX_FINDINGS; i++) {
        const ikd_finding *f = &m->findings.items[i];
        g_string_append_printf(s, " %u@%u+%u(", f->id, f->offset, f->length);
        for (int k = 0; k < IKD_FINDING_ARGS; k++)
            g_string_append_printf(s, "%s%u", k ? "," : "", f->arg[k]);
        g_string_append_c(s, ')');
    }
    return g_string_free(s, FALSE);
}

/* Reads an exact-size copy both ways; the memo's view must be the reader's. */
static void read_both(const GByteArray *b, size_t reported, ikd_transport transport)
{
    uint8_t *copy = g_memdup2(b->data, b->len);
    ikd_message *plain = g_new(ikd_message, 1), *remembered = g_new(ikd_message, 1);
    memset(remembered, 0xa5, sizeof *remembered); /* what the memo leaves unwritten shows */
    ikd_message_read(copy, b->len, reported, transport, plain);
    ikd_message_read_remembered(copy, b->len, reported, transport, remembered);
    char *want = view_text(plain), *got = view_text(remembered);
    g_assert_cmpstr(got, ==, want);
    g_free(want);
    g_free(got);
    g_free(plain);
    g_free(remembered);
    g_free(copy);
}

static const uint8_t cookie_a[8] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };
static const uint8_t cookie_b[8] = { 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xf0, 0x01 };
static const uint8_t cookie_c[8] = { 0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x07, 0x08 };
static const uint8_t zero[8] = { 0 };

static void test_same_view_other_cookies(void)
{
    ikb_msg *mm1 = ikb_canned_mm1(), *mm2 = ikb_canned_mm2();
    for (int round = 0; round < 3; round++) { /* the first remembers, the others copy */
        read_both(ikb_with_cookies(mm1, cookie_a, zero)->bytes, mm1->bytes->len, IKD_TRANSPORT_UDP);
        read_both(ikb_with_cookies(mm1, cookie_b, zero)->bytes, mm1->bytes->len, IKD_TRANSPORT_UDP);
        read_both(ikb_with_cookies(mm2, cookie_a, cookie_c)->bytes, mm2->bytes->len, IKD_TRANSPORT_UDP);
        read_both(ikb_with_cookies(mm2, cookie_b, cookie_a)->bytes, mm2->bytes->len, IKD_TRANSPORT_UDP);
    }
    ikb_msg_free(mm1);
    ikb_msg_free(mm2);
}

/* A zero initiator cookie, a responder cookie in an MM1: findings of their
 * own, not the remembered view of the same template. */
static void test_cookies_that_change_findings(void)
{
    ikb_msg *mm1 = ikb_canned_mm1();
    for (int round = 0; round < 2; round++) {
        read_both(ikb_with_cookies(mm1, cookie_a, zero)->bytes, mm1->bytes->len, IKD_TRANSPORT_UDP);
        read_both(ikb_with_cookies(mm1, zero, zero)->bytes, mm1->bytes->len, IKD_TRANSPORT_UDP);
        read_both(ikb_with_cookies(mm1, cookie_a, cookie_b)->bytes, mm1->bytes->len, IKD_TRANSPORT_UDP);
        read_both(ikb_with_cookies(mm1, zero, cookie_b)->bytes, mm1->bytes->len, IKD_TRANSPORT_UDP);
    }
    ikb_msg_free(mm1);
}

/* The same bytes over another transport are checked by its rules (a TCP
 * segment may end mid-message), with a malformed payload among them. */
static void test_transport_and_malformed(void)
{
    ikb_msg *mm1 = ikb_with_cookies(ikb_canned_mm1(), cookie_a, zero);
    ikb_msg *bad = ikb_with_cookies(ikb_canned_mm1(), cookie_b, zero);
    ikb_set_u8(bad->bytes, bad->offset[0] + 1, 0x40); /* reserved byte of the SA payload */
    for (int round = 0; round < 2; round++) {
        read_both(mm1->bytes, mm1->bytes->len, IKD_TRANSPORT_UDP);
        read_both(mm1->bytes, mm1->bytes->len, IKD_TRANSPORT_TCP);
        read_both(mm1->bytes, mm1->bytes->len, IKD_TRANSPORT_UDP_ENCAP);
        read_both(bad->bytes, bad->bytes->len, IKD_TRANSPORT_UDP);
    }
    ikb_msg_free(mm1);
    ikb_msg_free(bad);
}

/* A message cut by the snap length, an encrypted one and every other
 * canned message are read as they are. */
static void test_others_read_as_they_are(void)
{
    ikb_msg *mm1 = ikb_with_cookies(ikb_canned_mm1(), cookie_a, zero);
    read_both(mm1->bytes, mm1->bytes->len + 40, IKD_TRANSPORT_UDP);
    for (size_t i = 0; i < ikb_canned_valid_count; i++) {
        ikb_msg *m = ikb_canned_valid[i].build();
        read_both(m->bytes, m->bytes->len, IKD_TRANSPORT_UDP);
        read_both(m->bytes, m->bytes->len, IKD_TRANSPORT_UDP);
        ikb_msg_free(m);
    }
    ikb_msg_free(mm1);
}

/* Forty templates (the SA payload's last byte differs) read in turns, three
 * times: more than the memo's slots, so they replace one another. */
static void test_more_templates_than_slots(void)
{
    ikb_msg *mm1 = ikb_with_cookies(ikb_canned_mm1(), cookie_a, zero);
    size_t sa_end = mm1->offset[0] + ikb_get_u16(mm1->bytes, mm1->offset[0] + 2) - 1;
    for (int round = 0; round < 3; round++) {
        for (int k = 0; k < 40; k++) {
            ikb_set_u8(mm1->bytes, sa_end, (uint8_t)k);
            read_both(mm1->bytes, mm1->bytes->len, IKD_TRANSPORT_UDP);
        }
    }
    ikb_msg_free(mm1);
}

static uint64_t template_of(const ikb_msg *m, size_t reported)
{
    ikd_message *view = g_new(ikd_message, 1);
    ikd_message_read_remembered(m->bytes->data, m->bytes->len, reported, IKD_TRANSPORT_UDP, view);
    uint64_t id = view->template_id;
    g_free(view);
    return id;
}

/* A template's id: the same for every message that repeats it (other
 * cookies), another for other bytes, a new one once the template was
 * replaced in the memo and read again; 0 for a message read on its own.
 * Templates in the memo at one time differ in their low bits. */
static void test_template_ids(void)
{
    ikb_msg *mm1 = ikb_with_cookies(ikb_canned_mm1(), cookie_a, zero);
    uint64_t first = template_of(mm1, mm1->bytes->len);
    g_assert_cmpuint(first, !=, 0);
    g_assert_cmpuint(template_of(ikb_with_cookies(mm1, cookie_b, zero), mm1->bytes->len), ==, first);
    g_assert_cmpuint(template_of(mm1, mm1->bytes->len + 40), ==, 0); /* cut by the snap length */
    size_t sa_end = mm1->offset[0] + ikb_get_u16(mm1->bytes, mm1->offset[0] + 2) - 1;
    uint8_t last = mm1->bytes->data[sa_end];
    uint64_t seen[40];
    for (int k = 0; k < 40; k++) { /* more templates than slots: the first is replaced */
        ikb_set_u8(mm1->bytes, sa_end, (uint8_t)(last + 1 + k));
        seen[k] = template_of(mm1, mm1->bytes->len);
        g_assert_cmpuint(seen[k], !=, 0);
        g_assert_cmpuint(seen[k], !=, first);
        for (int j = 0; j < k; j++)
            g_assert_cmpuint(seen[j], !=, seen[k]);
        g_assert_cmpuint(template_of(mm1, mm1->bytes->len), ==, seen[k]);
    }
    ikb_set_u8(mm1->bytes, sa_end, last);
    uint64_t again = template_of(mm1, mm1->bytes->len);
    g_assert_cmpuint(again, !=, 0);
    g_assert_cmpuint(again, !=, first);
    ikb_msg *mm2 = ikb_canned_mm2();
    uint64_t other = template_of(mm2, mm2->bytes->len);
    g_assert_cmpuint(template_of(mm1, mm1->bytes->len), ==, again); /* both in the memo now */
    g_assert_cmpuint(other & ((1u << IKD_TEMPLATE_SLOT_BITS) - 1), !=, again & ((1u << IKD_TEMPLATE_SLOT_BITS) - 1));
    ikb_msg *mm3 = ikb_canned_mm3();
    g_assert_cmpuint(template_of(mm3, mm3->bytes->len), ==, 0); /* not a first message */
    ikb_msg_free(mm1);
    ikb_msg_free(mm2);
    ikb_msg_free(mm3);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions();
    g_test_add_func("/message_memo/same_view_other_cookies", test_same_view_other_cookies);
    g_test_add_func("/message_memo/cookies_that_change_findings", test_cookies_that_change_findings);
    g_test_add_func("/message_memo/transport_and_malformed", test_transport_and_malformed);
    g_test_add_func("/message_memo/others_read_as_they_are", test_others_read_as_they_are);
    g_test_add_func("/message_memo/more_templates_than_slots", test_more_templates_than_slots);
    g_test_add_func("/message_memo/template_ids", test_template_ids);
    return g_test_run();
}
