/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - ikev1/phase2_outcome: how each IPsec SA ended
 * (rekeyed, deleted, refused, not completed, still up), and report/ipsec_text:
 * the table's lines, byte for byte.
 *
 * The ISAKMP SAs and their quick modes are built by hand, as the engine
 * leaves them at the end of a capture, so each rule is tested alone. */
#include "ikev1/phase2_outcome.h"
#include "report/ipsec_text.h"
#include "ikev1_builder.h"

#include <glib.h>
#include <string.h>

enum { PROTO_ESP = 3, ESP_AES = 12, AUTH_SHA256 = 5 };

typedef struct {
    GPtrArray *sas; /* ikd_sa*, conn-id order */
} capture;

/* Where the SAs' later parts and quick modes come from, as the engine's. */
static ikd_v1_records records;

static void free_sa(gpointer p)
{
    ikd_v1_sa_free(&records, p);
}

static capture *capture_new(void)
{
    capture *c = g_new0(capture, 1);
    c->sas = g_ptr_array_new_with_free_func(free_sa);
    return c;
}

static void capture_free(capture *c)
{
    g_ptr_array_free(c->sas, TRUE);
    g_free(c);
}

/* An ISAKMP SA from i to r begun at first_frame. */
static ikd_v1_sa *isakmp_sa(capture *c, const endpoint *i, const endpoint *r, uint32_t first_frame)
{
    ikd_v1_sa *v1 = g_new0(ikd_v1_sa, 1);
    v1->sa.ike_version = 1;
    v1->sa.conn_id = 1001 + c->sas->len;
    v1->sa.peer[0] = i->addr;
    v1->sa.peer[1] = r->addr;
    v1->sa.port[0] = i->port;
    v1->sa.port[1] = r->port;
    v1->sa.first_frame = first_frame;
    g_ptr_array_add(c->sas, v1);
    return v1;
}

static ikd_proxy_id subnet(uint8_t a, uint8_t b, uint8_t c, uint8_t mask_last)
{
    ikd_proxy_id id = { .kind = IKD_PROXY_SUBNET };
    id.first = (ikd_address){ 4, { a, b, c, 0 } };
    id.second = (ikd_address){ 4, { 255, 255, 255, mask_last } };
    return id;
}

/* A quick mode started by peer `by` whose steps QM1..QM3 came in frames[0..2]
 * (0: not seen). Chosen esp-aes esp-sha256-hmac, tunnel, PFS 14, 3600 s;
 * the initiator's SPI is spi_i, the responder's spi_r; proxies 198.51.100.0/24
 * (the ISAKMP initiator's side) and 203.0.113.0/24. */
static ikd_quick_mode *quick_mode(ikd_v1_sa *sa, uint32_t message_id, int by, const uint32_t frames[3],
                                  uint32_t spi_i, uint32_t spi_r)
{
    ikd_quick_mode *qm = ikd_v1_quick_mode(&records, sa, message_id);
    qm->initiator_peer = by;
    for (int k = 0; k < 3; k++) {
        qm->steps[k].copies = frames[k] ? 1 : 0;
        qm->steps[k].first_frame = frames[k];
    }
    ikd_v1_qm_decrypted(qm)->ids[by] = subnet(198, 51, 100, 0);
    ikd_v1_qm_decrypted(qm)->ids[1 - by] = subnet(203, 0, 113, 0);
    ikd_v1_qm_decrypted(qm)->ids_known = true;
    const ikd_phase2_transform t = { .proposal_number = 1, .protocol = PROTO_ESP, .spi = spi_r,
                                     .transform_number = 1, .transform_id = ESP_AES, .encapsulation = 1,
                                     .auth = AUTH_SHA256, .key_length = 128, .pfs_group = 14, .life_seconds = 3600 };
    *ikd_v1_qm_add_offer(qm) = t;
    ikd_v1_qm_decrypted(qm)->offers[0].spi = spi_i;
    ikd_v1_qm_decrypted(qm)->chosen = t;
    ikd_v1_qm_decrypted(qm)->chosen_known = frames[1] != 0;
    ikd_v1_qm_decrypted(qm)->initiator_spi = spi_i;
    return qm;
}

static ikd_phase2_outcome outcome_of(const capture *c, const ikd_v1_sa *sa, const ikd_quick_mode *qm)
{
    ikd_phase2_outcome o;
    const ikd_sa_group all = { (ikd_sa *const *)c->sas->pdata, c->sas->len };
    ikd_v1_phase2_outcome(all, sa, qm, &o);
    return o;
}

static const char *text_of(const ikd_phase2_outcome *o, uint16_t notify)
{
    static char buf[192];
    return ikd_phase2_outcome_text(o, notify, buf, sizeof buf);
}

static void deleted(ikd_quick_mode *qm, uint32_t frame, const endpoint *by)
{
    ikd_v1_qm_decrypted(qm)->deleted_frame = frame;
    ikd_v1_qm_decrypted(qm)->deleted_by = by->addr;
}

/* --- Outcomes ------------------------------------------------------------------ */

/* The dpd-rekey capture's first two: a rekey in the same ISAKMP SA, then a
 * DELETE of the old SPI; the rekey itself still up. */
static void test_rekey_same_sa(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    ikd_quick_mode *old = quick_mode(sa, 0x1033985c, 0, (uint32_t[3]){ 7, 8, 9 }, 0xd05274ff, 0xcaf654c0);
    ikd_quick_mode *rekey = quick_mode(sa, 0xd8cbb978, 0, (uint32_t[3]){ 18, 19, 20 }, 0xe7ce10a2, 0xcc5f31b5);
    deleted(old, 21, &ini);
    ikd_phase2_outcome o = outcome_of(c, sa, old);
    g_assert_cmpint(o.end, ==, IKD_P2_END_REPLACED);
    g_assert_cmpuint(o.up_frame, ==, 9);
    g_assert_cmpuint(o.replaced_frame, ==, 20);
    g_assert_cmpuint(o.replaced_conn_id, ==, 0);
    g_assert_cmpstr(text_of(&o, 0), ==, "replaced by rekey in frame 20, deleted by DELETE in frame 21 (from 192.0.2.10)");
    o = outcome_of(c, sa, rekey);
    g_assert_cmpint(o.end, ==, IKD_P2_END_UP);
    g_assert_cmpstr(text_of(&o, 0), ==, "still up at capture end");
    capture_free(c);
}

/* After a re-authentication the rekey runs under the new ISAKMP SA. */
static void test_rekey_later_sa(void)
{
    capture *c = capture_new();
    ikd_v1_sa *first = isakmp_sa(c, &ini, &resp, 1);
    ikd_v1_sa *second = isakmp_sa(c, &ini, &resp, 28);
    ikd_quick_mode *old = quick_mode(first, 1, 0, (uint32_t[3]){ 18, 19, 20 }, 0x1111, 0x2222);
    quick_mode(second, 2, 0, (uint32_t[3]){ 37, 38, 39 }, 0x3333, 0x4444);
    ikd_phase2_outcome o = outcome_of(c, first, old);
    g_assert_cmpint(o.end, ==, IKD_P2_END_REPLACED);
    g_assert_cmpuint(o.replaced_frame, ==, 39);
    g_assert_cmpuint(o.replaced_conn_id, ==, 1002);
    g_assert_cmpstr(text_of(&o, 0), ==, "replaced by rekey in frame 39 (conn-id 1002)");
    capture_free(c);
}

/* Both peers start at once: two ISAKMP SAs side by side, one quick mode
 * each, same proxies. Both sides keep both: neither replaces the other. */
static void test_simultaneous_not_rekey(void)
{
    capture *c = capture_new();
    ikd_v1_sa *a = isakmp_sa(c, &ini, &resp, 1);
    ikd_v1_sa *b = isakmp_sa(c, &resp, &ini, 3);
    ikd_quick_mode *qa = quick_mode(a, 1, 0, (uint32_t[3]){ 13, 14, 15 }, 0x1111, 0x2222);
    ikd_v1_qm_decrypted(qa)->ids[0] = subnet(198, 51, 100, 0);
    ikd_v1_qm_decrypted(qa)->ids[1] = subnet(203, 0, 113, 0);
    ikd_quick_mode *qb = quick_mode(b, 2, 0, (uint32_t[3]){ 16, 17, 18 }, 0x3333, 0x4444);
    ikd_v1_qm_decrypted(qb)->ids[0] = subnet(203, 0, 113, 0); /* started by resp: its own side first */
    ikd_v1_qm_decrypted(qb)->ids[1] = subnet(198, 51, 100, 0);
    g_assert_cmpint(outcome_of(c, a, qa).end, ==, IKD_P2_END_UP);
    g_assert_cmpint(outcome_of(c, b, qb).end, ==, IKD_P2_END_UP);
    capture_free(c);
}

/* The rekey may come from the other peer: its IDci is the other side's proxy. */
static void test_rekey_by_other_peer(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    ikd_quick_mode *old = quick_mode(sa, 1, 0, (uint32_t[3]){ 7, 8, 9 }, 0x1111, 0x2222);
    quick_mode(sa, 2, 1, (uint32_t[3]){ 20, 21, 22 }, 0x3333, 0x4444);
    ikd_phase2_outcome o = outcome_of(c, sa, old);
    g_assert_cmpint(o.end, ==, IKD_P2_END_REPLACED);
    g_assert_cmpuint(o.replaced_frame, ==, 22);
    capture_free(c);
}

/* Other proxy identities, or another peer: a second tunnel, not a rekey. */
static void test_other_tunnel_not_rekey(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    ikd_v1_sa *other = isakmp_sa(c, &peer2, &resp, 10);
    ikd_quick_mode *old = quick_mode(sa, 1, 0, (uint32_t[3]){ 7, 8, 9 }, 0x1111, 0x2222);
    ikd_quick_mode *second = quick_mode(sa, 2, 0, (uint32_t[3]){ 20, 21, 22 }, 0x3333, 0x4444);
    ikd_v1_qm_decrypted(second)->ids[0] = subnet(198, 51, 100, 128);
    quick_mode(other, 3, 0, (uint32_t[3]){ 30, 31, 32 }, 0x5555, 0x6666);
    g_assert_cmpint(outcome_of(c, sa, old).end, ==, IKD_P2_END_UP);
    capture_free(c);
}

/* Without ID payloads the proxies are the peers' addresses: they still match. */
static void test_rekey_without_ids(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    ikd_quick_mode *old = quick_mode(sa, 1, 0, (uint32_t[3]){ 7, 8, 9 }, 0x1111, 0x2222);
    ikd_quick_mode *rekey = quick_mode(sa, 2, 1, (uint32_t[3]){ 20, 21, 22 }, 0x3333, 0x4444);
    ikd_v1_qm_decrypted(old)->ids_known = ikd_v1_qm_decrypted(rekey)->ids_known = false;
    g_assert_cmpuint(outcome_of(c, sa, old).replaced_frame, ==, 22);
    ikd_v1_qm_decrypted(rekey)->ids_known = true; /* one with IDs, one without: different proxies */
    g_assert_cmpint(outcome_of(c, sa, old).end, ==, IKD_P2_END_UP);
    capture_free(c);
}

/* Deleted before the next came up: the next is a new SA, not its rekey. */
static void test_deleted_then_new(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    ikd_quick_mode *old = quick_mode(sa, 1, 0, (uint32_t[3]){ 7, 8, 9 }, 0x1111, 0x2222);
    quick_mode(sa, 2, 0, (uint32_t[3]){ 20, 21, 22 }, 0x3333, 0x4444);
    deleted(old, 15, &resp);
    ikd_phase2_outcome o = outcome_of(c, sa, old);
    g_assert_cmpint(o.end, ==, IKD_P2_END_DELETED);
    g_assert_cmpuint(o.replaced_frame, ==, 0);
    g_assert_cmpstr(text_of(&o, 0), ==, "deleted by DELETE in frame 15 (from 192.0.2.1)");
    capture_free(c);
}

/* A quick mode begun before this one came up is not its rekey. */
static void test_overlapping_not_rekey(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    ikd_quick_mode *old = quick_mode(sa, 1, 0, (uint32_t[3]){ 7, 9, 11 }, 0x1111, 0x2222);
    quick_mode(sa, 2, 1, (uint32_t[3]){ 8, 10, 12 }, 0x3333, 0x4444);
    g_assert_cmpint(outcome_of(c, sa, old).end, ==, IKD_P2_END_UP);
    capture_free(c);
}

static void test_refused(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    ikd_quick_mode *qm = quick_mode(sa, 1, 0, (uint32_t[3]){ 7, 0, 0 }, 0x1111, 0);
    qm->rejected_by_info = 8;
    ikd_phase2_outcome o = outcome_of(c, sa, qm);
    g_assert_cmpint(o.end, ==, IKD_P2_END_REFUSED);
    g_assert_cmpuint(o.up_frame, ==, 0);
    g_assert_cmpstr(text_of(&o, 14), ==, "refused in frame 8 (NO-PROPOSAL-CHOSEN)");
    g_assert_cmpstr(text_of(&o, 0), ==, "refused in frame 8");
    capture_free(c);
}

static void test_not_completed(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    ikd_quick_mode *qm = quick_mode(sa, 1, 0, (uint32_t[3]){ 7, 0, 0 }, 0x1111, 0);
    ikd_phase2_outcome o = outcome_of(c, sa, qm);
    g_assert_cmpint(o.end, ==, IKD_P2_END_NOT_COMPLETED);
    g_assert_cmpstr(text_of(&o, 0), ==, "not completed");
    capture_free(c);
}

/* QM2 without QM3 came up at QM2; not decrypted, its end is unknown. */
static void test_up_at_qm2_unread(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    ikd_quick_mode *qm = quick_mode(sa, 1, 0, (uint32_t[3]){ 7, 8, 0 }, 0x1111, 0x2222);
    g_assert_cmpuint(outcome_of(c, sa, qm).up_frame, ==, 8);
    ikd_v1_qm_decrypted(qm)->chosen_known = false;
    ikd_phase2_outcome o = outcome_of(c, sa, qm);
    g_assert_cmpint(o.end, ==, IKD_P2_END_UNREAD);
    g_assert_cmpstr(text_of(&o, 0), ==, "up; how it ended needs the keys");
    capture_free(c);
}

/* --- Text ------------------------------------------------------------------------ */

static void test_entry_readable(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    ikd_quick_mode *old = quick_mode(sa, 0x1033985c, 0, (uint32_t[3]){ 7, 8, 9 }, 0xd05274ff, 0xcaf654c0);
    quick_mode(sa, 0xd8cbb978, 0, (uint32_t[3]){ 18, 19, 20 }, 0xe7ce10a2, 0xcc5f31b5);
    deleted(old, 21, &ini);
    ikd_phase2_outcome o = outcome_of(c, sa, old);
    GString *out = g_string_new(NULL);
    ikd_text_ipsec_sa_entry(sa, old, &o, out);
    g_assert_cmpstr(out->str, ==,
                    "conn-id 1001, quick mode 0x1033985c, started by local\n"
                    "   local  ident (addr/mask/prot/port): (198.51.100.0/255.255.255.0/0/0)\n"
                    "   remote ident (addr/mask/prot/port): (203.0.113.0/255.255.255.0/0/0)\n"
                    "   local 192.0.2.10 port 500, peer 192.0.2.1 port 500\n"
                    "   transform set: esp-aes esp-sha256-hmac, mode tunnel, PFS group 14\n"
                    "   inbound spi: 0xD05274FF, outbound spi: 0xCAF654C0\n"
                    "   lifetime: 3600 seconds, kilobytes not given\n"
                    "   frames: QM1 7, QM2 8, QM3 9; up in frame 9\n"
                    "   outcome: replaced by rekey in frame 20, deleted by DELETE in frame 21 (from 192.0.2.10)\n");
    g_string_free(out, TRUE);
    capture_free(c);
}

/* A quick mode the ISAKMP responder started: still the initiator's view,
 * so its proxies and SPIs swap sides. */
static void test_view_started_by_peer(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    ikd_quick_mode *qm = quick_mode(sa, 1, 1, (uint32_t[3]){ 7, 8, 9 }, 0xaaaa0001, 0xbbbb0002);
    ikd_v1_qm_decrypted(qm)->ids[1] = subnet(198, 51, 100, 0);
    ikd_v1_qm_decrypted(qm)->ids[0] = subnet(203, 0, 113, 0);
    ikd_ipsec_view v;
    ikd_ipsec_view_of(sa, qm, &v);
    g_assert_false(v.local_started);
    g_assert_cmpstr(v.local_ident, ==, "198.51.100.0/255.255.255.0/0/0");
    g_assert_cmpstr(v.remote_ident, ==, "203.0.113.0/255.255.255.0/0/0");
    g_assert_cmphex(v.inbound_spi, ==, 0xbbbb0002);
    g_assert_cmphex(v.outbound_spi, ==, 0xaaaa0001);
    capture_free(c);
}

/* QM1 read, refused: the offer stands in for the choice. */
static void test_entry_refused_offer(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    ikd_quick_mode *qm = quick_mode(sa, 0x4f1c2b3a, 0, (uint32_t[3]){ 7, 0, 0 }, 0x1111, 0);
    ikd_v1_qm_decrypted(qm)->ids_known = false;
    qm->rejected_by_info = 8;
    qm->reject_notify = 14;
    ikd_phase2_outcome o = outcome_of(c, sa, qm);
    GString *out = g_string_new(NULL);
    ikd_text_ipsec_sa_entry(sa, qm, &o, out);
    g_assert_cmpstr(out->str, ==,
                    "conn-id 1001, quick mode 0x4f1c2b3a, started by local\n"
                    "   local  ident (addr/mask/prot/port): (192.0.2.10/255.255.255.255/0/0)\n"
                    "   remote ident (addr/mask/prot/port): (192.0.2.1/255.255.255.255/0/0)\n"
                    "   local 192.0.2.10 port 500, peer 192.0.2.1 port 500\n"
                    "   no QM2 read: no chosen transform, SPIs or lifetimes; offered: esp-aes esp-sha256-hmac (PFS group 14)\n"
                    "   frames: QM1 7\n"
                    "   outcome: refused in frame 8 (NO-PROPOSAL-CHOSEN)\n");
    g_string_free(out, TRUE);
    capture_free(c);
}

static void test_entry_unreadable(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    ikd_quick_mode *up = quick_mode(sa, 0x1033985c, 0, (uint32_t[3]){ 7, 8, 9 }, 0, 0);
    ikd_quick_mode *refused = quick_mode(sa, 0x22, 0, (uint32_t[3]){ 12, 0, 0 }, 0, 0);
    ikd_v1_qm_decrypted(up)->chosen_known = ikd_v1_qm_decrypted(refused)->chosen_known = false;
    ikd_v1_qm_decrypted(up)->offer_count = ikd_v1_qm_decrypted(refused)->offer_count = 0;
    refused->rejected_by_info = 13;
    GString *out = g_string_new(NULL);
    ikd_phase2_outcome o = outcome_of(c, sa, up);
    ikd_text_ipsec_sa_entry(sa, up, &o, out);
    o = outcome_of(c, sa, refused);
    ikd_text_ipsec_sa_entry(sa, refused, &o, out);
    g_assert_cmpstr(out->str, ==,
                    "conn-id 1001, quick mode 0x1033985c: QM1 7, QM2 8, QM3 9; up in frame 9; "
                    "not decrypted: keys are needed for the rest\n"
                    "conn-id 1001, quick mode 0x00000022: QM1 12; refused in frame 13; "
                    "not decrypted: keys are needed for the rest\n");
    g_string_free(out, TRUE);
    capture_free(c);
}

static void test_words(void)
{
    char buf[64];
    g_assert_cmpstr(ikd_ipsec_mode_text(0, buf, sizeof buf), ==, "not given");
    g_assert_cmpstr(ikd_ipsec_mode_text(1, buf, sizeof buf), ==, "tunnel");
    g_assert_cmpstr(ikd_ipsec_mode_text(2, buf, sizeof buf), ==, "transport");
    g_assert_cmpstr(ikd_ipsec_mode_text(3, buf, sizeof buf), ==, "tunnel, UDP-encapsulated");
    g_assert_cmpstr(ikd_ipsec_mode_text(61444, buf, sizeof buf), ==, "transport, UDP-encapsulated");
    g_assert_cmpstr(ikd_ipsec_mode_text(9, buf, sizeof buf), ==, "encapsulation 9");
    g_assert_cmpstr(ikd_ipsec_spi_text(0xd05274ff, buf, sizeof buf), ==, "0xD05274FF");
    g_assert_cmpstr(ikd_ipsec_spi_text(0x1a, buf, sizeof buf), ==, "0x0000001A");
    g_assert_cmpstr(ikd_ipsec_spi_text(0, buf, sizeof buf), ==, "unknown");
    const ikd_phase2_transform transport = { .protocol = PROTO_ESP, .transform_id = ESP_AES, .key_length = 256,
                                             .auth = 2, .encapsulation = 2 };
    g_assert_cmpstr(ikd_ipsec_transform_text(&transport, buf, sizeof buf), ==, "esp-aes 256 esp-sha-hmac");
}

/* --- The quick-mode list -------------------------------------------------------- */

/* The leading quick modes that all got a QM2: 0 before any, stopping at the
 * first still waiting, moving on once it is answered; the list keeps its
 * order as it grows. */
static void test_quick_modes_answered(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    g_assert_cmpuint(ikd_v1_quick_modes_answered(sa), ==, 0);
    const uint32_t answered[3] = { 10, 11, 12 }, waiting[3] = { 20, 0, 0 };
    quick_mode(sa, 0x100, 0, answered, 1, 2);
    g_assert_cmpuint(ikd_v1_quick_modes_answered(sa), ==, 1);
    ikd_quick_mode *second = quick_mode(sa, 0x200, 0, waiting, 3, 4);
    for (uint32_t id = 0x300; id <= 0x900; id += 0x100)
        quick_mode(sa, id, 0, answered, 5, 6);
    g_assert_cmpuint(ikd_v1_quick_mode_count(sa), ==, 9);
    g_assert_cmpuint(ikd_v1_quick_modes_answered(sa), ==, 1);
    second->steps[1].copies = 1;
    g_assert_cmpuint(ikd_v1_quick_modes_answered(sa), ==, 9);
    quick_mode(sa, 0xa00, 1, waiting, 7, 8);
    g_assert_cmpuint(ikd_v1_quick_modes_answered(sa), ==, 9);
    for (uint32_t i = 0; i < ikd_v1_quick_mode_count(sa); i++)
        g_assert_cmphex(ikd_v1_quick_mode_at(sa, i)->message_id, ==, 0x100 * (i + 1));
    capture_free(c);
}

/* Past the few quick modes found by walking them, each is still found
 * again by its message ID (the same record, none added), and a new ID
 * still makes a new one at the end. Each came from the quick modes' slab,
 * the SA's later part from its own, and freeing the SA gives all back. */
static void test_quick_modes_by_id(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    g_assert_cmpuint(records.quick_modes.live, ==, 0);
    g_assert_cmpuint(records.laters.live, ==, 0);
    enum { N = 100 };
    ikd_quick_mode *made[N];
    for (uint32_t i = 0; i < N; i++)
        made[i] = ikd_v1_quick_mode(&records, sa, 0xabc00000u + i * 7919u);
    for (uint32_t i = 0; i < N; i++) {
        g_assert_true(ikd_v1_quick_mode(&records, sa, 0xabc00000u + i * 7919u) == made[i]);
        g_assert_true(ikd_v1_quick_mode_at(sa, i) == made[i]);
    }
    g_assert_cmpuint(ikd_v1_quick_mode_count(sa), ==, N);
    ikd_quick_mode *zero = ikd_v1_quick_mode(&records, sa, 0);
    g_assert_cmpuint(ikd_v1_quick_mode_count(sa), ==, N + 1);
    g_assert_true(ikd_v1_quick_mode(&records, sa, 0) == zero);
    g_assert_true(ikd_v1_quick_mode_at(sa, N) == zero);
    g_assert_cmpuint(records.quick_modes.live, ==, N + 1);
    g_assert_cmpuint(records.laters.live, ==, 1);
    capture_free(c);
    g_assert_cmpuint(records.quick_modes.live, ==, 0);
    g_assert_cmpuint(records.laters.live, ==, 0);
}

/* The quick mode an encrypted informational from a peer may refuse (the
 * newest with QM1 and no QM2, not refused, not started by that peer), as
 * the SA's stacks give it past the few walked, checked against a walk of
 * them all over a seeded run of random events: quick modes made (some by a
 * sender of unknown address, whose starter becomes known later), QM2s,
 * QM2s put back in order (the starter changes), refusals and refusals taken
 * back while their informational is read. */
static ikd_quick_mode *walked_awaiting(const ikd_v1_sa *sa, int peer)
{
    for (uint32_t i = ikd_v1_quick_mode_count(sa); i-- > 0;) {
        ikd_quick_mode *qm = ikd_v1_quick_mode_at(sa, i);
        if (qm->initiator_peer != peer && qm->steps[0].copies && !qm->steps[1].copies && !qm->rejected_by_info)
            return qm;
    }
    return NULL;
}

static void test_newest_awaiting_qm2(void)
{
    capture *c = capture_new();
    ikd_v1_sa *sa = isakmp_sa(c, &ini, &resp, 1);
    GRand *rand = g_rand_new_with_seed(20261203);
    uint32_t frame = 100, found = 0;
    for (int step = 0; step < 20000; step++) {
        uint32_t count = ikd_v1_quick_mode_count(sa);
        ikd_quick_mode *any = count ? ikd_v1_quick_mode_at(sa, g_rand_int_range(rand, 0, (gint32)count)) : NULL;
        int event = g_rand_int_range(rand, 0, 10);
        if (!any || event < 3) { /* a QM1 makes a quick mode */
            ikd_quick_mode *qm = ikd_v1_quick_mode(&records, sa, 0x10000u + count);
            qm->initiator_peer = (int8_t)(g_rand_int_range(rand, 0, 8) == 0 ? -1 : g_rand_int_range(rand, 0, 2));
            qm->steps[0].copies = 1;
            qm->steps[0].first_frame = ++frame;
        } else if (event < 5) { /* its QM2 */
            any->steps[1].copies = 1;
        } else if (event == 5) { /* a QM2 put back in order: the other peer started it */
            any->steps[1].copies = 1;
            any->initiator_peer = (int8_t)(any->initiator_peer == 0);
        } else if (event == 6 && any->initiator_peer < 0) { /* a later message tells its starter */
            any->initiator_peer = (int8_t)g_rand_int_range(rand, 0, 2);
        } else { /* an encrypted informational from a peer (or an unknown address) */
            int peer = g_rand_int_range(rand, -1, 2);
            ikd_quick_mode *expected = walked_awaiting(sa, peer);
            ikd_quick_mode *got = ikd_v1_newest_awaiting_qm2(sa, peer);
            if (got != expected)
                g_printerr("step %d count %u peer %d got %p (%d, frame %u) expected %p (%d, frame %u)\n", step, count, peer, (void *)got, got ? got->initiator_peer : 9, got ? got->steps[0].first_frame : 0, (void *)expected, expected ? expected->initiator_peer : 9, expected ? expected->steps[0].first_frame : 0);
            g_assert_true(got == expected);
            if (got) {
                found++;
                got->rejected_by_info = ++frame;
                if (g_rand_int_range(rand, 0, 3) == 0) /* readable, and no refusal after all */
                    got->rejected_by_info = 0;
            }
        }
    }
    g_assert_cmpuint(ikd_v1_quick_mode_count(sa), >, 5000);
    g_assert_cmpuint(found, >, 1000);
    g_rand_free(rand);
    capture_free(c);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    ikd_v1_records_init(&records);
    g_test_add_func("/phase2_outcome/rekey_same_sa", test_rekey_same_sa);
    g_test_add_func("/phase2_outcome/newest_awaiting_qm2", test_newest_awaiting_qm2);
    g_test_add_func("/phase2_outcome/rekey_later_sa", test_rekey_later_sa);
    g_test_add_func("/phase2_outcome/simultaneous_not_rekey", test_simultaneous_not_rekey);
    g_test_add_func("/phase2_outcome/rekey_by_other_peer", test_rekey_by_other_peer);
    g_test_add_func("/phase2_outcome/other_tunnel_not_rekey", test_other_tunnel_not_rekey);
    g_test_add_func("/phase2_outcome/rekey_without_ids", test_rekey_without_ids);
    g_test_add_func("/phase2_outcome/deleted_then_new", test_deleted_then_new);
    g_test_add_func("/phase2_outcome/overlapping_not_rekey", test_overlapping_not_rekey);
    g_test_add_func("/phase2_outcome/refused", test_refused);
    g_test_add_func("/phase2_outcome/not_completed", test_not_completed);
    g_test_add_func("/phase2_outcome/up_at_qm2_unread", test_up_at_qm2_unread);
    g_test_add_func("/ipsec_text/entry_readable", test_entry_readable);
    g_test_add_func("/ipsec_text/view_started_by_peer", test_view_started_by_peer);
    g_test_add_func("/ipsec_text/entry_refused_offer", test_entry_refused_offer);
    g_test_add_func("/ipsec_text/entry_unreadable", test_entry_unreadable);
    g_test_add_func("/ipsec_text/words", test_words);
    g_test_add_func("/phase2_outcome/quick_modes_answered", test_quick_modes_answered);
    g_test_add_func("/phase2_outcome/quick_modes_by_id", test_quick_modes_by_id);
    int failed = g_test_run();
    ikd_v1_records_clear(&records);
    return failed;
}
