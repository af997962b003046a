/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/ikev1/vendor_list_memo: the vendor IDs of an
 * MM1 that repeats a template are noted as the template's first message's
 * were, from the engine's own feed.
 *
 * Every MM1 is fed through the engine as a new SA (its own cookie); its
 * annotation's vendor texts must be the plain identification of its own
 * vendor ID payloads (ikd_vid_identify and ikd_vid_text, no memo), and its
 * SA must name the implementation and the DPD and XAUTH announcements its
 * IDs make. Templates that differ only in their IDs are fed in turns, so a
 * list noted under the wrong template shows; so are more templates than the
 * memo has slots, and a message with more IDs than an annotation holds. */
#include "common/vendor_id.h"
#include "engine.h"
#include "ikev1/ikev1_sa.h"
#include "ikev1_builder.h"

#include <glib.h>
#include <string.h>

enum { PL_VID = 13 };

/* MD5("strongSwan"), RFC 3706 DPD, XAUTH, Cisco Unity 1.0, and an ID no
 * catalogue entry matches. */
static const uint8_t vid_strongswan[] = { 0x88, 0x2f, 0xe5, 0x6d, 0x6f, 0xd2, 0x0d, 0xbc,
                                          0x22, 0x51, 0x61, 0x3b, 0x2e, 0xbe, 0x5b, 0xeb };
static const uint8_t vid_dpd[] = { 0xaf, 0xca, 0xd7, 0x13, 0x68, 0xa1, 0xf1, 0xc9,
                                   0x6b, 0x86, 0x96, 0xfc, 0x77, 0x57, 0x01, 0x00 };
static const uint8_t vid_xauth[] = { 0x09, 0x00, 0x26, 0x89, 0xdf, 0xd6, 0xb7, 0x12 };
static const uint8_t vid_unity[] = { 0x12, 0xf5, 0xf2, 0x8c, 0x45, 0x71, 0x68, 0xa9,
                                     0x70, 0x2d, 0x9f, 0xe2, 0x74, 0xcc, 0x01, 0x00 };
static const uint8_t vid_unknown[] = { 0x5e, 0x1f, 0x0a, 0x77, 0x31, 0x42, 0x99, 0x10,
                                       0xc3, 0x04, 0x6b, 0x2d, 0x88, 0x0e, 0xf1, 0x00 };

typedef struct {
    const uint8_t *data;
    size_t len;
} vid;

typedef struct {
    ikd_engine *engine;
    uint32_t frame;
    uint64_t cookie;
} run;

/* An MM1 offering the canned proposal, with these vendor IDs after the
 * builder's own NAT-T ID. */
static ikb_msg *mm1_with(const vid *ids, size_t n)
{
    ikb_msg *m = ikb_canned_mm1();
    for (size_t i = 0; i < n; i++)
        ikb_add(m, PL_VID, ids[i].data, ids[i].len);
    ikb_finish(m);
    return m;
}

/* What the annotation must say of an MM1: its IDs identified one by one. */
static void assert_plain_texts(const ikd_annotation *ann, const ikb_msg *m)
{
    uint32_t expected = 0;
    for (size_t i = 0; i < m->count; i++) {
        if (m->type[i] != PL_VID)
            continue;
        const uint8_t *data = m->bytes->data + m->offset[i] + 4;
        size_t len = ikb_get_u16(m->bytes, m->offset[i] + 2) - 4u;
        if (expected < IKD_MAX_VENDORS) {
            ikd_vid_info info;
            char text[IKD_VENDOR_TEXT];
            ikd_vid_identify(data, len, &info);
            g_assert_cmpstr(ann->vendors[expected], ==, ikd_vid_text(&info, data, len, text, sizeof text));
        }
        expected++;
    }
    g_assert_cmpuint(ann->vendor_count, ==, MIN(expected, IKD_MAX_VENDORS));
}

/* Feeds m as a new SA's MM1 and checks its annotation; returns the SA. */
static const ikd_v1_sa *feed_new_sa(run *t, ikb_msg *m)
{
    uint8_t cookie[8];
    uint64_t c = ++t->cookie * 0x0101010101010101ull;
    memcpy(cookie, &c, sizeof cookie);
    static const uint8_t zero[8] = { 0 };
    ikb_with_cookies(m, cookie, zero);
    ikd_packet p = { .frame = ++t->frame, .time = t->frame * 0.001, .src = { 4, { 192, 0, 2, 10 } },
                     .dst = { 4, { 192, 0, 2, 1 } }, .src_port = 500, .dst_port = 500,
                     .transport = IKD_TRANSPORT_UDP, .bytes = m->bytes->data, .captured_len = m->bytes->len,
                     .reported_len = m->bytes->len };
    ikd_annotation ann;
    ikd_engine_feed(t->engine, &p, &ann);
    assert_plain_texts(&ann, m);
    ikd_annotation_clear(&ann);
    uint32_t sas = ikd_engine_sa_count(t->engine);
    g_assert_cmpuint(sas, ==, t->cookie);
    return ikd_v1_sa_of_const(ikd_engine_sa(t->engine, sas - 1));
}

static void assert_announced(const ikd_v1_sa *v1, const char *implementation, bool dpd, bool xauth)
{
    g_assert_cmpstr(ikd_sa_implementation(&v1->sa, 0), ==, implementation);
    g_assert_cmpuint(v1->vid_dpd_peers, ==, dpd ? 1u : 0u);
    g_assert_cmpint(v1->xauth_announced, ==, xauth);
}

static void test_templates_in_turns(void)
{
    const vid swan[] = { { vid_strongswan, 16 }, { vid_dpd, 16 }, { vid_xauth, 8 } };
    const vid cisco[] = { { vid_unity, 16 }, { vid_unknown, 16 } };
    const vid bare[] = { { vid_unknown, 16 } };
    ikb_msg *a = mm1_with(swan, G_N_ELEMENTS(swan)), *b = mm1_with(cisco, G_N_ELEMENTS(cisco));
    ikb_msg *c = mm1_with(bare, G_N_ELEMENTS(bare));
    run t = { .engine = ikd_engine_new() };
    for (int round = 0; round < 3; round++) { /* the first remembers, the others are noted from the memo */
        assert_announced(feed_new_sa(&t, a), "strongSwan", true, true);
        assert_announced(feed_new_sa(&t, b), "Cisco", false, false);
        assert_announced(feed_new_sa(&t, c), NULL, false, false);
    }
    ikd_engine_free(t.engine);
    ikb_msg_free(a);
    ikb_msg_free(b);
    ikb_msg_free(c);
}

/* Forty templates, each with its own last unknown ID (its last byte), fed in
 * turns three times: more than the memo's slots, so that they replace one
 * another; the text of the unknown ID shows its bytes. */
static void test_more_templates_than_slots(void)
{
    uint8_t own[16];
    memcpy(own, vid_unknown, sizeof own);
    const vid ids[] = { { vid_dpd, 16 }, { own, 16 } };
    run t = { .engine = ikd_engine_new() };
    for (int round = 0; round < 3; round++) {
        for (int k = 0; k < 40; k++) {
            own[15] = (uint8_t)k;
            ikb_msg *m = mm1_with(ids, G_N_ELEMENTS(ids));
            assert_announced(feed_new_sa(&t, m), NULL, true, false);
            ikb_msg_free(m);
        }
    }
    ikd_engine_free(t.engine);
}

/* More IDs than an annotation holds: the first IKD_MAX_VENDORS are shown,
 * and an ID past them (DPD, XAUTH, the vendor) still counts for the SA. */
static void test_more_ids_than_texts(void)
{
    vid ids[IKD_MAX_VENDORS + 3];
    for (size_t i = 0; i < IKD_MAX_VENDORS; i++)
        ids[i] = (vid){ vid_unknown, 16 };
    ids[IKD_MAX_VENDORS] = (vid){ vid_dpd, 16 };
    ids[IKD_MAX_VENDORS + 1] = (vid){ vid_xauth, 8 };
    ids[IKD_MAX_VENDORS + 2] = (vid){ vid_strongswan, 16 };
    ikb_msg *m = mm1_with(ids, G_N_ELEMENTS(ids));
    run t = { .engine = ikd_engine_new() };
    for (int round = 0; round < 3; round++)
        assert_announced(feed_new_sa(&t, m), "strongSwan", true, true);
    ikd_engine_free(t.engine);
    ikb_msg_free(m);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/vendor_list_memo/templates_in_turns", test_templates_in_turns);
    g_test_add_func("/vendor_list_memo/more_templates_than_slots", test_more_templates_than_slots);
    g_test_add_func("/vendor_list_memo/more_ids_than_texts", test_more_ids_than_texts);
    return g_test_run();
}
