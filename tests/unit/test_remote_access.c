/* ikediag unit tests - remote access over IKEv1 (Easy VPN): the group from
 * AM1's KEY_ID, the transaction step machine (paired by message ID, named
 * from the decryption or by the counting rule without keys), the XAUTH user
 * and status, the mode-config address and the server's IOS debug lines, and
 * the verdicts (XAUTH failed, probable failure, prompt unanswered, XAUTH not
 * started, no address, address given twice, group refused). No password ever
 * reaches a text. Packets are fed as the plugin feeds them.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "engine.h"
#include "ikev1/ikev1_sa.h"
#include "ikev1/ios_debug.h"
#include "ikev1/remote_access.h"
#include "ikev1_builder.h"
#include "report/analysis_text.h"
#include "report/cisco_text.h"
#include "report/finding_text.h"

#include <glib.h>
#include <string.h>

enum { EX_AGGRESSIVE = 4, EX_TXN = 6, EX_QUICK = 32, PL_HASH = 8, XAUTH_PSK = 65001 };
enum { CFG_REQUEST = 1, CFG_REPLY = 2, CFG_SET = 3, CFG_ACK = 4 };

static const char PASSWORD[] = "Hunter2-secret";

typedef struct {
    ikd_engine *e;
    GPtrArray *msgs;
    uint32_t frame;
    const uint8_t *ic, *rc;
    const endpoint *client, *server;
} lab;

static lab lab_new(void)
{
    lab l = { ikd_engine_new(), g_ptr_array_new_with_free_func((GDestroyNotify)ikb_msg_free), 0,
              ikb_icookie, ikb_rcookie, &ini, &resp };
    return l;
}

static void lab_free(lab *l)
{
    ikd_engine_free(l->e);
    g_ptr_array_free(l->msgs, TRUE);
}

static ikb_msg *keep(lab *l, ikb_msg *m)
{
    g_ptr_array_add(l->msgs, m);
    return m;
}

static void feed(lab *l, const ikb_msg *m, const ikb_msg *plain, const endpoint *src, double time,
                 ikd_annotation *ann)
{
    const endpoint *dst = src == l->client ? l->server : l->client;
    ikd_packet p = { .frame = ++l->frame, .time = time, .src = src->addr, .dst = dst->addr,
                     .src_port = src->port, .dst_port = dst->port, .transport = IKD_TRANSPORT_UDP,
                     .bytes = m->bytes->data, .captured_len = m->bytes->len, .reported_len = m->bytes->len };
    if (plain) {
        p.decrypted = plain->bytes->data + 28;
        p.decrypted_len = plain->bytes->len - 28;
    }
    ikd_engine_feed(l->e, &p, ann);
}

static void feed_quietly(lab *l, const ikb_msg *m, const endpoint *src, double time)
{
    ikd_annotation ann;
    feed(l, m, NULL, src, time, &ann);
    ikd_annotation_clear(&ann);
}

/* AM1 (group `group`, auth `auth`) .. AM3 at t = 0 .. 0.02. */
static ikd_annotation aggressive_mode(lab *l, const char *group, uint16_t auth)
{
    ikd_annotation am1;
    feed(l, keep(l, ikb_am1_group(l->ic, group, auth)), NULL, l->client, 0.0, &am1);
    feed_quietly(l, keep(l, ikb_am2_auth(l->ic, l->rc, auth)), l->server, 0.01);
    feed_quietly(l, keep(l, ikb_encrypted(l->ic, l->rc, EX_AGGRESSIVE, 0, PL_HASH, 48, 0x21)), l->client, 0.02);
    return am1;
}

/* One transaction message; `plain` lists its attributes when it is "decrypted". */
static ikd_annotation txn(lab *l, uint32_t message_id, const endpoint *src, double time, bool decrypted,
                          uint8_t cfg_type, const ikb_cfg_attr *attrs, size_t n)
{
    ikd_annotation ann;
    const ikb_msg *wire = keep(l, ikb_encrypted(l->ic, l->rc, EX_TXN, message_id, PL_HASH, 64,
                                                (uint8_t)(message_id + cfg_type + (src == l->client))));
    const ikb_msg *plain = decrypted ? keep(l, ikb_txn_plain(l->ic, l->rc, message_id, cfg_type, attrs, n)) : NULL;
    feed(l, wire, plain, src, time, &ann);
    return ann;
}

static const uint8_t STATUS_OK[2] = { 0, 1 }, STATUS_FAIL[2] = { 0, 0 };

/* The XAUTH exchanges: REQUEST/REPLY under ID 0x100, SET/ACK under 0x200. */
static void xauth(lab *l, bool decrypted, const uint8_t status[2], ikd_annotation out[4])
{
    const ikb_cfg_attr ask[] = { { 16521, false, NULL, 0 }, { 16522, false, NULL, 0 } };
    const ikb_cfg_attr answer[] = { { 16521, false, "alice", 5 }, { 16522, false, PASSWORD, sizeof PASSWORD - 1 } };
    const ikb_cfg_attr set[] = { { 16527, true, status, 2 } };
    const ikb_cfg_attr ack[] = { { 16527, false, NULL, 0 } };
    out[0] = txn(l, 0x100, l->server, 0.03, decrypted, CFG_REQUEST, ask, 2);
    out[1] = txn(l, 0x100, l->client, 0.04, decrypted, CFG_REPLY, answer, 2);
    out[2] = txn(l, 0x200, l->server, 0.05, decrypted, CFG_SET, set, 1);
    out[3] = txn(l, 0x200, l->client, 0.06, decrypted, CFG_ACK, ack, 1);
}

static void clear_all(ikd_annotation *a, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ikd_annotation_clear(&a[i]);
}

static const char *rendered(const ikd_finding *f)
{
    static char text[512];
    return ikd_finding_render(ikd_finding_lookup((ikd_finding_id)f->id)->detail, f, text, sizeof text);
}

/* The verdict attached to a frame, or NULL (as a static copy). */
static const ikd_finding *verdict_at(lab *l, uint32_t frame, ikd_finding_id id)
{
    static ikd_finding_list list;
    ikd_engine_verdicts(l->e, frame, 0, &list);
    for (uint32_t i = 0; i < list.count; i++)
        if (list.items[i].id == id)
            return &list.items[i];
    return NULL;
}

static void assert_no_password(const char *text)
{
    g_assert_null(strstr(text ? text : "", PASSWORD));
}

/* Every text the engine makes of the capture: the tables and all findings. */
static void assert_no_password_anywhere(lab *l)
{
    GString *all = g_string_new(NULL);
    ikd_text_show_isakmp_sa(l->e, NULL, all);
    ikd_text_show_isakmp_sa_detail(l->e, NULL, all);
    ikd_text_sa_analysis(l->e, NULL, all);
    for (uint32_t f = 1; f <= l->frame; f++) {
        ikd_finding_list list;
        ikd_engine_verdicts(l->e, f, 0, &list);
        for (uint32_t i = 0; i < list.count; i++)
            g_string_append(all, rendered(&list.items[i]));
    }
    g_assert_cmpuint(all->len, >, 0);
    assert_no_password(all->str);
    g_string_free(all, TRUE);
}

static void test_group_from_am1(void)
{
    lab l = lab_new();
    ikd_annotation am1 = aggressive_mode(&l, "EasyGroup", XAUTH_PSK);
    g_assert_cmpstr(am1.ra_group, ==, "EasyGroup");
    ikd_annotation_clear(&am1);
    const ikd_v1_sa *v1 = ikd_v1_sa_of_const(ikd_engine_sa_peek(l.e, 1001));
    g_assert_nonnull(ikd_v1_ra_seen(v1));
    g_assert_cmpstr(ikd_v1_ra_seen(v1)->group, ==, "EasyGroup");
    /* An AM1 whose identity is an address names no group. */
    lab m = lab_new();
    ikd_annotation plain;
    feed(&m, keep(&m, ikb_canned_am1()), NULL, m.client, 0.0, &plain);
    g_assert_cmpstr(plain.ra_group, ==, "");
    ikd_annotation_clear(&plain);
    lab_free(&l);
    lab_free(&m);
}

static void test_xauth_failed_with_keys(void)
{
    lab l = lab_new();
    ikd_annotation am1 = aggressive_mode(&l, "rgroup", XAUTH_PSK);
    ikd_annotation_clear(&am1);
    ikd_annotation a[4];
    xauth(&l, true, STATUS_FAIL, a);
    g_assert_cmpint(a[0].result.step, ==, IKD_STEP_TXN);
    g_assert_cmpint(a[0].result.txn_step, ==, IKD_TXN_XAUTH_REQUEST);
    g_assert_cmpint(a[1].result.txn_step, ==, IKD_TXN_XAUTH_REPLY);
    g_assert_cmpint(a[2].result.txn_step, ==, IKD_TXN_XAUTH_SET);
    g_assert_cmpint(a[3].result.txn_step, ==, IKD_TXN_XAUTH_ACK);
    g_assert_false(a[1].result.txn_inferred);
    g_assert_cmpuint(a[1].result.response_to, ==, 4);
    g_assert_cmpuint(a[3].result.response_to, ==, 6);
    g_assert_cmpstr(a[0].ra_attributes, ==, "XAUTH_USER_NAME: (empty)\nXAUTH_USER_PASSWORD: (empty)\n");
    g_assert_cmpstr(a[1].ra_attributes, ==,
                    "XAUTH_USER_NAME: 'alice'\nXAUTH_USER_PASSWORD: <password, 14 characters>\n");
    g_assert_cmpstr(a[1].ra_user, ==, "alice");
    g_assert_cmpstr(a[1].ra_group, ==, "rgroup");
    g_assert_cmpint(a[2].result.xauth_status, ==, IKD_XAUTH_FAIL);
    g_assert_cmpstr(a[3].ra_attributes, ==, "XAUTH_STATUS: (acknowledged)\n");
    for (int i = 0; i < 4; i++) {
        assert_no_password(a[i].ra_attributes);
        assert_no_password(a[i].ra_debug);
    }
    clear_all(a, 4);
    const ikd_sa *sa = ikd_engine_sa_peek(l.e, 1001);
    g_assert_cmpstr(ikd_sa_status(sa), ==, "ACTIVE (deleted)");
    const ikd_finding *v = verdict_at(&l, 6, IKD_F_RA_XAUTH_FAILED);
    g_assert_nonnull(v);
    g_assert_cmpstr(rendered(v), ==,
                    "SA 1001: XAUTH of user 'alice' failed (status FAIL, frame 6, 1 request for credentials), the SA "
                    "is deleted — wrong password, unknown user or the AAA server refused");
    g_assert_cmpint(ikd_engine_sa_peek(l.e, 1001)->verdict_evidence, ==, IKD_EVIDENCE_CONCLUSIVE);
    assert_no_password_anywhere(&l);
    lab_free(&l);
}

/* A server that asks again after a wrong password, then gives up: the tries are counted. */
static void test_xauth_retries_counted(void)
{
    lab l = lab_new();
    ikd_annotation am1 = aggressive_mode(&l, "rgroup", XAUTH_PSK);
    ikd_annotation_clear(&am1);
    const ikb_cfg_attr ask[] = { { 16521, false, NULL, 0 }, { 16522, false, NULL, 0 } };
    const ikb_cfg_attr answer[] = { { 16521, false, "bob", 3 }, { 16522, false, PASSWORD, sizeof PASSWORD - 1 } };
    const ikb_cfg_attr set[] = { { 16527, true, STATUS_FAIL, 2 } };
    ikd_annotation a[6];
    a[0] = txn(&l, 0x100, l.server, 0.03, true, CFG_REQUEST, ask, 2);
    a[1] = txn(&l, 0x100, l.client, 0.04, true, CFG_REPLY, answer, 2);
    a[2] = txn(&l, 0x110, l.server, 0.05, true, CFG_REQUEST, ask, 2);
    a[3] = txn(&l, 0x110, l.client, 0.06, true, CFG_REPLY, answer, 2);
    a[4] = txn(&l, 0x200, l.server, 0.07, true, CFG_SET, set, 1);
    a[5] = txn(&l, 0x200, l.client, 0.08, true, CFG_ACK, NULL, 0);
    g_assert_cmpint(a[2].result.txn_step, ==, IKD_TXN_XAUTH_REQUEST);
    g_assert_cmpint(a[5].result.txn_step, ==, IKD_TXN_XAUTH_ACK); /* an empty ACK answers XAUTH's SET */
    g_assert_null(a[5].ra_attributes);
    clear_all(a, 6);
    const ikd_finding *v = verdict_at(&l, 8, IKD_F_RA_XAUTH_FAILED);
    g_assert_nonnull(v);
    g_assert_cmpstr(rendered(v), ==,
                    "SA 1001: XAUTH of user 'bob' failed (status FAIL, frame 8, 2 requests for credentials), the SA "
                    "is deleted — wrong password, unknown user or the AAA server refused");
    lab_free(&l);
}

/* Without an XAUTH method, the server's first exchange pushes mode-config;
 * an XAUTH exchange read under such a method is a note. */
static void test_push_and_unexpected_xauth(void)
{
    lab l = lab_new();
    ikd_annotation am1 = aggressive_mode(&l, "rgroup", 1), set, ack;
    ikd_annotation_clear(&am1);
    set = txn(&l, 0x400, l.server, 0.03, false, 0, NULL, 0);
    ack = txn(&l, 0x400, l.client, 0.04, false, 0, NULL, 0);
    g_assert_cmpint(set.result.txn_step, ==, IKD_TXN_CFG_SET);
    g_assert_cmpint(ack.result.txn_step, ==, IKD_TXN_CFG_ACK);
    g_assert_true(ack.result.txn_inferred);
    ikd_annotation_clear(&set);
    ikd_annotation_clear(&ack);
    /* A third exchange from the server cannot be told without keys. */
    ikd_annotation third = txn(&l, 0x500, l.server, 0.05, false, 0, NULL, 0);
    g_assert_cmpint(third.result.txn_step, ==, IKD_TXN_UNKNOWN);
    g_assert_false(third.result.txn_inferred);
    ikd_annotation_clear(&third);
    lab_free(&l);

    lab m = lab_new();
    am1 = aggressive_mode(&m, "rgroup", 1);
    ikd_annotation_clear(&am1);
    ikd_annotation a[4];
    xauth(&m, true, STATUS_OK, a);
    clear_all(a, 4);
    const ikd_finding *v = verdict_at(&m, 4, IKD_F_RA_XAUTH_UNEXPECTED);
    g_assert_nonnull(v);
    g_assert_cmpstr(rendered(v), ==,
                    "SA 1001: XAUTH exchanges (frame 4) although the chosen authentication method is pre-share");
    g_assert_null(ikd_engine_sa_peek(m.e, 1001)->verdict);
    lab_free(&m);
}

static void test_xauth_without_keys(void)
{
    lab l = lab_new();
    ikd_annotation am1 = aggressive_mode(&l, "rgroup", XAUTH_PSK);
    ikd_annotation_clear(&am1);
    ikd_annotation a[4];
    xauth(&l, false, STATUS_FAIL, a);
    static const ikd_txn_step want[4] = { IKD_TXN_XAUTH_REQUEST, IKD_TXN_XAUTH_REPLY, IKD_TXN_XAUTH_SET,
                                          IKD_TXN_XAUTH_ACK };
    for (int i = 0; i < 4; i++) {
        g_assert_cmpint(a[i].result.txn_step, ==, want[i]);
        g_assert_true(a[i].result.txn_inferred);
        g_assert_null(a[i].ra_attributes);
        g_assert_cmpstr(a[i].ra_user, ==, "");
    }
    clear_all(a, 4);
    g_assert_cmpstr(ikd_sa_status(ikd_engine_sa_peek(l.e, 1001)), ==, "ACTIVE");
    const ikd_finding *v = verdict_at(&l, 7, IKD_F_RA_XAUTH_PROBABLE_FAILURE);
    g_assert_nonnull(v);
    g_assert_cmpstr(rendered(v), ==,
                    "SA 1001: XAUTH prompted, credentials sent, status sent (frame 6) and acknowledged, then no "
                    "mode-config or quick mode (capture ends 0.0 s later) — probable XAUTH failure; decrypt to read "
                    "the status");
    g_assert_cmpint(ikd_engine_sa_peek(l.e, 1001)->verdict_evidence, ==, IKD_EVIDENCE_WEAK);
    /* The client going on with mode-config takes the suspicion away. */
    ikd_annotation pull = txn(&l, 0x300, l.client, 0.07, false, 0, NULL, 0);
    g_assert_cmpint(pull.result.txn_step, ==, IKD_TXN_CFG_REQUEST);
    ikd_annotation_clear(&pull);
    g_assert_null(verdict_at(&l, 7, IKD_F_RA_XAUTH_PROBABLE_FAILURE));
    lab_free(&l);
}

static const uint8_t POOL_ADDR[4] = { 198, 51, 100, 100 }, MASK[4] = { 255, 255, 255, 0 },
                     DNS[4] = { 203, 0, 113, 53 }, SAVE[2] = { 0, 0 };
static const uint8_t SPLIT[14] = { 203, 0, 113, 0, 255, 255, 255, 0 };

/* The client's mode-config pull (ID 0x300) and the server's reply, with or without an address. */
static void pull(lab *l, bool with_address, ikd_annotation out[2])
{
    const ikb_cfg_attr ask[] = { { 1, false, NULL, 0 }, { 3, false, NULL, 0 }, { 28678, false, NULL, 0 } };
    const ikb_cfg_attr reply[] = { { 1, false, POOL_ADDR, 4 }, { 2, false, MASK, 4 }, { 3, false, DNS, 4 },
                                   { 28673, true, SAVE, 2 }, { 28676, false, SPLIT, 14 } };
    out[0] = txn(l, 0x300, l->client, 0.07, true, CFG_REQUEST, ask, 3);
    out[1] = with_address ? txn(l, 0x300, l->server, 0.08, true, CFG_REPLY, reply, 5)
                          : txn(l, 0x300, l->server, 0.08, true, CFG_REPLY, reply + 1, 4);
}

static void test_mode_config_reply(void)
{
    lab l = lab_new();
    ikd_annotation am1 = aggressive_mode(&l, "rgroup", XAUTH_PSK), a[4], c[2];
    ikd_annotation_clear(&am1);
    xauth(&l, true, STATUS_OK, a);
    g_assert_cmpint(a[2].result.xauth_status, ==, IKD_XAUTH_OK);
    clear_all(a, 4);
    pull(&l, true, c);
    g_assert_cmpint(c[0].result.txn_step, ==, IKD_TXN_CFG_REQUEST);
    g_assert_cmpint(c[1].result.txn_step, ==, IKD_TXN_CFG_REPLY);
    g_assert_cmpint(c[1].rare.ra_address.family, ==, 4);
    g_assert_cmpmem(c[1].rare.ra_address.bytes, 4, POOL_ADDR, 4);
    g_assert_cmpstr(c[1].ra_user, ==, "alice");
    g_assert_cmpstr(c[1].ra_attributes, ==,
                    "INTERNAL_IP4_ADDRESS: 198.51.100.100\nINTERNAL_IP4_NETMASK: 255.255.255.0\n"
                    "INTERNAL_IP4_DNS: 203.0.113.53\nUNITY_SAVE_PASSWD: 0\n"
                    "UNITY_SPLIT_INCLUDE: 203.0.113.0/255.255.255.0\nrequested but not sent: UNITY_LOCAL_LAN\n");
    g_assert_cmpstr(c[1].ra_debug, ==,
                    "Sending private address: 198.51.100.100\nSending subnet mask: 255.255.255.0\n"
                    "Sending IP4_DNS server address: 203.0.113.53\nSending save password reply value 0\n");
    g_assert_null(c[0].ra_debug); /* the client's request: nothing the server prints */
    clear_all(c, 2);
    const ikd_sa *sa = ikd_engine_sa_peek(l.e, 1001);
    g_assert_cmpstr(ikd_sa_status(sa), ==, "ACTIVE");
    g_assert_null(sa->verdict);
    char caps[8];
    g_assert_cmpstr(ikd_sa_capabilities(sa, caps, sizeof caps), ==, "CX");
    lab_free(&l);
}

static void test_mode_config_without_address(void)
{
    lab l = lab_new();
    ikd_annotation am1 = aggressive_mode(&l, "rgroup", XAUTH_PSK), a[4], c[2];
    ikd_annotation_clear(&am1);
    xauth(&l, true, STATUS_OK, a);
    clear_all(a, 4);
    pull(&l, false, c);
    g_assert_cmpint(c[1].rare.ra_address.family, ==, 0);
    g_assert_nonnull(strstr(c[1].ra_attributes, "requested but not sent: INTERNAL_IP4_ADDRESS, UNITY_LOCAL_LAN\n"));
    g_assert_cmpstr(c[1].ra_debug, ==,
                    "Sending subnet mask: 255.255.255.0\nSending IP4_DNS server address: 203.0.113.53\n"
                    "Sending save password reply value 0\n");
    clear_all(c, 2);
    const ikd_finding *v = verdict_at(&l, 9, IKD_F_RA_NO_ADDRESS);
    g_assert_nonnull(v);
    g_assert_cmpstr(rendered(v), ==,
                    "SA 1001: the client asked for an address, the mode-config REPLY (frame 9) carried none — the "
                    "address pool is exhausted, or the group has no pool");
    lab_free(&l);
}

enum { EX_INFO = 5 };

/* Without keys: XAUTH and the mode-config pull only counted (frames 4-9),
 * then `infos` encrypted informationals from the client (or the server) at t = 0.09, 0.10, ... */
static lab pull_then_informationals(bool from_server, int infos)
{
    lab l = lab_new();
    ikd_annotation am1 = aggressive_mode(&l, "rgroup", XAUTH_PSK), a[4], c[2];
    ikd_annotation_clear(&am1);
    xauth(&l, false, STATUS_OK, a);
    clear_all(a, 4);
    c[0] = txn(&l, 0x300, l.client, 0.07, false, 0, NULL, 0);
    c[1] = txn(&l, 0x300, l.server, 0.08, false, 0, NULL, 0);
    g_assert_cmpint(c[1].result.txn_step, ==, IKD_TXN_CFG_REPLY);
    clear_all(c, 2);
    const endpoint *from = from_server ? l.server : l.client;
    for (int i = 0; i < infos; i++)
        feed_quietly(&l, keep(&l, ikb_encrypted(l.ic, l.rc, EX_INFO, 0x900 + (uint32_t)i, PL_HASH, 64,
                                                (uint8_t)(0x50 + i))),
                     from, 0.09 + 0.01 * i);
    return l;
}

/* The vpnc client of ikev1-vpnc-pool-exhausted, without keys: an empty
 * reply answered by ATTRIBUTES-NOT-SUPPORTED and a DELETE, both unread. */
static void test_config_refused_without_keys(void)
{
    lab l = pull_then_informationals(false, 2);
    const ikd_finding *v = verdict_at(&l, 11, IKD_F_RA_CFG_PROBABLE_REFUSAL);
    g_assert_nonnull(v);
    g_assert_cmpstr(rendered(v), ==,
                    "SA 1001: mode-config REQUEST answered (frame 9), then encrypted informationals from the client: "
                    "2 (from frame 10), no quick mode, and silence (capture ends 0.0 s later) — probably the client "
                    "refused the reply and ended the SA: no address in it (pool exhausted, or no pool for the group) "
                    "or an attribute it cannot use; decrypt to read the reply");
    const ikd_sa *sa = ikd_engine_sa_peek(l.e, 1001);
    g_assert_cmpint(sa->verdict_evidence, ==, IKD_EVIDENCE_WEAK);
    /* A quick mode after them: the client went on, no refusal. */
    feed_quietly(&l, keep(&l, ikb_encrypted(l.ic, l.rc, EX_QUICK, 0x77, PL_HASH, 160, 0x44)), l.client, 0.2);
    g_assert_null(verdict_at(&l, 11, IKD_F_RA_CFG_PROBABLE_REFUSAL));
    g_assert_null(ikd_engine_sa_peek(l.e, 1001)->verdict);
    lab_free(&l);
    /* Nothing after the reply: a capture that stopped there, no verdict. */
    lab quiet = pull_then_informationals(false, 0);
    g_assert_null(ikd_engine_sa_peek(quiet.e, 1001)->verdict);
    lab_free(&quiet);
    /* The server answers (DPD both ways, say): the SA is alive. */
    lab both = pull_then_informationals(false, 1);
    feed_quietly(&both, keep(&both, ikb_encrypted(both.ic, both.rc, EX_INFO, 0x950, PL_HASH, 64, 0x60)), both.server,
                 0.3);
    g_assert_null(verdict_at(&both, 11, IKD_F_RA_CFG_PROBABLE_REFUSAL));
    lab_free(&both);
    /* Only the server spoke after its reply: not the client's refusal. */
    lab server = pull_then_informationals(true, 1);
    g_assert_null(verdict_at(&server, 10, IKD_F_RA_CFG_PROBABLE_REFUSAL));
    lab_free(&server);
}

/* With keys the reply is read: the no-address verdict, not the guess. */
static void test_config_refusal_needs_unread_reply(void)
{
    lab l = lab_new();
    ikd_annotation am1 = aggressive_mode(&l, "rgroup", XAUTH_PSK), a[4], c[2];
    ikd_annotation_clear(&am1);
    xauth(&l, true, STATUS_OK, a);
    clear_all(a, 4);
    pull(&l, false, c);
    clear_all(c, 2);
    feed_quietly(&l, keep(&l, ikb_encrypted(l.ic, l.rc, EX_INFO, 0x900, PL_HASH, 64, 0x50)), l.client, 0.09);
    g_assert_null(verdict_at(&l, 10, IKD_F_RA_CFG_PROBABLE_REFUSAL));
    g_assert_nonnull(verdict_at(&l, 9, IKD_F_RA_NO_ADDRESS));
    lab_free(&l);
}

static void test_prompt_unanswered(void)
{
    lab l = lab_new();
    ikd_annotation am1 = aggressive_mode(&l, "rgroup", XAUTH_PSK);
    ikd_annotation_clear(&am1);
    const ikb_cfg_attr ask[] = { { 16521, false, NULL, 0 }, { 16522, false, NULL, 0 } };
    /* One prompt, the capture stopping 1 s later: too soon to say. */
    ikd_annotation r1 = txn(&l, 0x100, l.server, 0.03, false, CFG_REQUEST, ask, 2);
    ikd_annotation_clear(&r1);
    g_assert_null(verdict_at(&l, 4, IKD_F_RA_XAUTH_UNANSWERED));
    /* Resent twice (same bytes): the client never answered. */
    ikd_annotation r2 = txn(&l, 0x100, l.server, 5.03, false, CFG_REQUEST, ask, 2);
    g_assert_cmpuint(r2.result.retransmission, ==, 1);
    g_assert_cmpint(r2.result.txn_step, ==, IKD_TXN_XAUTH_REQUEST);
    ikd_annotation_clear(&r2);
    ikd_annotation r3 = txn(&l, 0x100, l.server, 10.03, false, CFG_REQUEST, ask, 2);
    ikd_annotation_clear(&r3);
    const ikd_finding *v = verdict_at(&l, 6, IKD_F_RA_XAUTH_UNANSWERED);
    g_assert_nonnull(v);
    g_assert_cmpstr(rendered(v), ==,
                    "SA 1001: the server's XAUTH REQUEST (frame 4, 3 copies) got no REPLY in 10.0 s — the user did "
                    "not enter the credentials in time, or the client does not do XAUTH");
    lab_free(&l);
}

static void test_xauth_not_started(void)
{
    lab l = lab_new();
    ikd_annotation am1 = aggressive_mode(&l, "rgroup", XAUTH_PSK);
    ikd_annotation_clear(&am1);
    feed_quietly(&l, keep(&l, ikb_encrypted(l.ic, l.rc, EX_QUICK, 0x77, PL_HASH, 160, 0x44)), l.client, 0.05);
    const ikd_finding *v = verdict_at(&l, 4, IKD_F_RA_XAUTH_NOT_STARTED);
    g_assert_nonnull(v);
    g_assert_cmpstr(rendered(v), ==,
                    "SA 1001: the chosen authentication method XAUTHInitPreShared needs XAUTH, but QM1 followed "
                    "phase 1 with no XAUTH exchange — the server skipped XAUTH for this peer");
    lab_free(&l);
    /* Plain pre-shared keys: quick mode straight away is normal. */
    lab m = lab_new();
    ikd_annotation p1 = aggressive_mode(&m, "rgroup", 1);
    ikd_annotation_clear(&p1);
    feed_quietly(&m, keep(&m, ikb_encrypted(m.ic, m.rc, EX_QUICK, 0x77, PL_HASH, 160, 0x44)), m.client, 0.05);
    g_assert_null(verdict_at(&m, 4, IKD_F_RA_XAUTH_NOT_STARTED));
    lab_free(&m);
}

static void test_group_refused(void)
{
    lab l = lab_new();
    ikd_annotation am1;
    feed(&l, keep(&l, ikb_am1_group(l.ic, "nosuchgroup", XAUTH_PSK)), NULL, l.client, 0.0, &am1);
    ikd_annotation_clear(&am1);
    feed_quietly(&l, keep(&l, ikb_info_notify(l.ic, ikb_zero_cookie, 18)), l.server, 0.01);
    const ikd_finding *v = verdict_at(&l, 2, IKD_F_RA_GROUP_REFUSED);
    g_assert_nonnull(v);
    g_assert_cmpstr(rendered(v), ==,
                    "SA 1001: AM1 for group 'nosuchgroup' answered by INVALID-ID-INFORMATION — the server refused the "
                    "group");
    lab_free(&l);
    /* NO-PROPOSAL-CHOSEN: the offer was refused, the phase-1 verdict says so. */
    lab n = lab_new();
    feed_quietly(&n, keep(&n, ikb_am1_group(n.ic, "nosuchgroup", XAUTH_PSK)), n.client, 0.0);
    feed_quietly(&n, keep(&n, ikb_info_notify(n.ic, ikb_zero_cookie, 14)), n.server, 0.01);
    g_assert_null(verdict_at(&n, 2, IKD_F_RA_GROUP_REFUSED));
    g_assert_nonnull(verdict_at(&n, 2, IKD_F_STUCK_PHASE1_REJECTED));
    lab_free(&n);
    /* Never answered, resent: probably dropped. */
    lab m = lab_new();
    const ikb_msg *again = keep(&m, ikb_am1_group(m.ic, "nosuchgroup", XAUTH_PSK));
    feed_quietly(&m, again, m.client, 0.0);
    feed_quietly(&m, again, m.client, 2.0);
    v = verdict_at(&m, 2, IKD_F_RA_GROUP_UNANSWERED);
    g_assert_nonnull(v);
    g_assert_cmpstr(rendered(v), ==,
                    "SA 1001: AM1 for group 'nosuchgroup' got no answer (2 copies) — probably refused without a "
                    "word: an unknown group or no aggressive mode on the server, or UDP 500 blocked");
    lab_free(&m);
}

/* A known group with the wrong secret (lab ikev1-vpnc-bad-group-secret):
 * the client cannot verify AM2 and leaves silently; the verdict names the
 * group whose key it is, and nothing about XAUTH. */
static void test_group_secret_mismatch(void)
{
    lab l = lab_new();
    feed_quietly(&l, keep(&l, ikb_am1_group(l.ic, "labgroup", XAUTH_PSK)), l.client, 0.0);
    const ikb_msg *am2 = keep(&l, ikb_am2_auth(l.ic, l.rc, XAUTH_PSK));
    feed_quietly(&l, am2, l.server, 0.01);
    feed_quietly(&l, am2, l.server, 2.01);
    const ikd_finding *v = verdict_at(&l, 3, IKD_F_STUCK_AG_INIT_EXCH);
    g_assert_nonnull(v);
    g_assert_cmpstr(rendered(v), ==,
                    "SA 1001 stuck in AG_INIT_EXCH: AM2 sent as 2 copies over 2.0 s, no AM3; encrypted "
                    "informationals from the initiator: 0 — probable pre-shared key mismatch (the initiator could "
                    "not verify the responder's hash); for this Easy VPN client that key is the secret of group "
                    "'labgroup' (the client's group password); XAUTH was never reached");
    lab_free(&l);
}

static void test_address_given_twice(void)
{
    static const uint8_t ic2[8] = { 0x21, 0x22, 0x23, 0x24, 0x25, 0x26, 0x27, 0x28 };
    static const uint8_t rc2[8] = { 0x31, 0x32, 0x33, 0x34, 0x35, 0x36, 0x37, 0x38 };
    lab l = lab_new();
    ikd_annotation am1 = aggressive_mode(&l, "rgroup", XAUTH_PSK), a[4], c[2];
    ikd_annotation_clear(&am1);
    xauth(&l, true, STATUS_OK, a);
    clear_all(a, 4);
    pull(&l, true, c);
    clear_all(c, 2);
    /* A second client, another address, the same pool address. */
    l.ic = ic2;
    l.rc = rc2;
    l.client = &peer2;
    am1 = aggressive_mode(&l, "rgroup", XAUTH_PSK);
    ikd_annotation_clear(&am1);
    xauth(&l, true, STATUS_OK, a);
    clear_all(a, 4);
    pull(&l, true, c);
    clear_all(c, 2);
    g_assert_null(verdict_at(&l, 9, IKD_F_RA_ADDRESS_TWICE));
    const ikd_finding *v = verdict_at(&l, 18, IKD_F_RA_ADDRESS_TWICE);
    g_assert_nonnull(v);
    g_assert_cmpstr(rendered(v), ==,
                    "mode-config assigned 198.51.100.100 to this client and to the client of SA 1001 — two clients "
                    "with one inside address");
    lab_free(&l);
}

static void test_ios_names(void)
{
    char buf[16];
    g_assert_cmpstr(ikd_ios_auth_name(65001, buf, sizeof buf), ==, "XAUTHInitPreShared");
    g_assert_cmpstr(ikd_ios_auth_name(65010, buf, sizeof buf), ==, "XAUTHRespRSARevisedEncryption");
    g_assert_cmpstr(ikd_ios_auth_name(64221, buf, sizeof buf), ==, "HybridInitRSA");
    g_assert_cmpstr(ikd_ios_auth_name(64224, buf, sizeof buf), ==, "HybridRespDSS");
    g_assert_cmpstr(ikd_ios_auth_name(1, buf, sizeof buf), ==, "pre-share");
    g_assert_cmpstr(ikd_ios_auth_name(64999, buf, sizeof buf), ==, "64999");
    ikd_transform t = { .encryption = 7, .key_length = 128, .hash = 2, .auth = 65001, .group = 14 };
    GString *s = g_string_new(NULL);
    ikd_ios_describe_transform(&t, s);
    g_assert_nonnull(strstr(s->str, "auth XAUTHInitPreShared"));
    g_string_free(s, TRUE);
    g_assert_cmpstr(ikd_txn_step_name(IKD_TXN_CFG_ACK), ==, "MODE-CFG ACK");
    g_assert_cmpstr(ikd_txn_step_name(IKD_TXN_UNKNOWN), ==, "TXN");
    g_assert_cmpstr(ikd_txn_step_name(IKD_TXN_STEPS), ==, "TXN");
}

/* Past the few transaction exchanges found by walking them, each is still
 * found again by its message ID (the same record, none added, the starter
 * kept), and a new ID makes a new one at the end. */
static void test_many_transactions(void)
{
    ikd_v1_records records;
    ikd_v1_records_init(&records);
    ikd_v1_sa *v1 = g_new0(ikd_v1_sa, 1);
    ikd_v1_ra *ra = ikd_v1_ra_of(&records, v1);
    enum { N = 40 };
    ikd_txn *made[N];
    for (uint32_t i = 0; i < N; i++)
        made[i] = ikd_v1_ra_txn(ra, 0x5000u + 31u * i, (int)(i % 2));
    for (uint32_t i = 0; i < N; i++) {
        g_assert_true(ikd_v1_ra_txn(ra, 0x5000u + 31u * i, 1) == made[i]);
        g_assert_true(ikd_v1_ra_txn_at(ra, i) == made[i]);
        g_assert_cmpint(made[i]->starter, ==, (int)(i % 2));
    }
    g_assert_cmpuint(ikd_v1_ra_txn_count(ra), ==, N);
    const ikd_txn *fresh = ikd_v1_ra_txn(ra, 7, 0);
    g_assert_cmpuint(ikd_v1_ra_txn_count(ra), ==, N + 1);
    g_assert_true(ikd_v1_ra_txn_at(ra, N) == fresh);
    g_assert_cmpuint(ra->started[0], ==, N / 2 + 1);
    g_assert_cmpuint(ra->started[1], ==, N / 2);
    ikd_v1_sa_free(&records, v1); /* its rare part holds ra */
    ikd_v1_records_clear(&records);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/remote_access/group_from_am1", test_group_from_am1);
    g_test_add_func("/remote_access/xauth_failed_with_keys", test_xauth_failed_with_keys);
    g_test_add_func("/remote_access/xauth_retries_counted", test_xauth_retries_counted);
    g_test_add_func("/remote_access/xauth_without_keys", test_xauth_without_keys);
    g_test_add_func("/remote_access/push_and_unexpected_xauth", test_push_and_unexpected_xauth);
    g_test_add_func("/remote_access/mode_config_reply", test_mode_config_reply);
    g_test_add_func("/remote_access/mode_config_without_address", test_mode_config_without_address);
    g_test_add_func("/remote_access/prompt_unanswered", test_prompt_unanswered);
    g_test_add_func("/remote_access/config_refused_without_keys", test_config_refused_without_keys);
    g_test_add_func("/remote_access/config_refusal_needs_unread_reply", test_config_refusal_needs_unread_reply);
    g_test_add_func("/remote_access/xauth_not_started", test_xauth_not_started);
    g_test_add_func("/remote_access/group_refused", test_group_refused);
    g_test_add_func("/remote_access/group_secret_mismatch", test_group_secret_mismatch);
    g_test_add_func("/remote_access/address_given_twice", test_address_given_twice);
    g_test_add_func("/remote_access/ios_names", test_ios_names);
    g_test_add_func("/remote_access/many_transactions", test_many_transactions);
    return g_test_run();
}
