/* ikediag unit tests - crypto sessions (`-z isakmp,session`): the status
 * rules, each IKE SA's condition, the IPSEC FLOW words, the grouping of SAs
 * by remote peer, and the text layout of an Easy VPN session fed as the
 * plugin feeds it (with and without a quick mode, XAUTH passed and failed).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/findings.h"
#include "engine.h"
#include "ikev1/ikev1_sa.h"
#include "ikev1_builder.h"
#include "ikev2/ikev2_sa.h"
#include "report/cisco_text.h"
#include "report/session_index.h"
#include "report/session_text.h"
#include "report/sessions.h"

#include <glib.h>
#include <string.h>

enum { EX_AGGRESSIVE = 4, EX_TXN = 6, EX_QUICK = 32, PL_HASH = 8, XAUTH_PSK = 65001 };
enum { CFG_REQUEST = 1, CFG_REPLY = 2, CFG_SET = 3, CFG_ACK = 4 };

/* --- Status rules ------------------------------------------------------------ */

static void test_status_rules(void)
{
    static const struct {
        ikd_session_counts counts; /* active, negotiating, unconfirmed, ipsec up, ipsec unread */
        ikd_session_status want;
    } cases[] = {
        { { 1, 0, 0, 1, 0 }, IKD_SESSION_UP_ACTIVE },
        { { 1, 1, 1, 2, 0 }, IKD_SESSION_UP_ACTIVE },  /* one active IKE SA is enough */
        { { 1, 0, 0, 0, 0 }, IKD_SESSION_UP_IDLE },
        { { 1, 0, 0, 0, 1 }, IKD_SESSION_UNKNOWN },    /* IKEv2 children not decrypted */
        { { 0, 0, 0, 1, 0 }, IKD_SESSION_UP_NO_IKE },  /* IPsec SAs outlive a deleted ISAKMP SA */
        { { 0, 1, 0, 1, 0 }, IKD_SESSION_UP_NO_IKE },
        { { 0, 1, 0, 0, 0 }, IKD_SESSION_DOWN_NEGOTIATING },
        { { 0, 0, 1, 0, 0 }, IKD_SESSION_UNKNOWN },    /* IKE_AUTH answered, not decrypted */
        { { 0, 1, 1, 1, 0 }, IKD_SESSION_UNKNOWN },
        { { 0, 0, 0, 0, 0 }, IKD_SESSION_DOWN },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
        g_assert_cmpint(ikd_session_status_of(&cases[i].counts), ==, cases[i].want);
    g_assert_cmpstr(ikd_session_status_name(IKD_SESSION_UP_ACTIVE), ==, "UP-ACTIVE");
    g_assert_cmpstr(ikd_session_status_name(IKD_SESSION_UP_IDLE), ==, "UP-IDLE");
    g_assert_cmpstr(ikd_session_status_name(IKD_SESSION_UP_NO_IKE), ==, "UP-NO-IKE");
    g_assert_cmpstr(ikd_session_status_name(IKD_SESSION_DOWN_NEGOTIATING), ==, "DOWN-NEGOTIATING");
    g_assert_cmpstr(ikd_session_status_name(IKD_SESSION_DOWN), ==, "DOWN");
    g_assert_cmpstr(ikd_session_status_name(IKD_SESSION_UNKNOWN), ==, "UNKNOWN");
}

/* --- Each IKE SA's condition ----------------------------------------------------- */

static void test_ikev1_conditions(void)
{
    ikd_v1_sa v1 = { 0 };
    ikd_finding verdict = { 0 };
    v1.sa.ike_version = 1;
    g_assert_cmpint(ikd_ike_sa_condition_of(&v1.sa), ==, IKD_IKE_SA_NEGOTIATING);
    v1.sa.established_frame = 6;
    g_assert_cmpint(ikd_ike_sa_condition_of(&v1.sa), ==, IKD_IKE_SA_ACTIVE);
    v1.sa.verdict = &verdict; /* without keys, XAUTH's status then silence */
    verdict.id = IKD_F_RA_XAUTH_PROBABLE_FAILURE;
    g_assert_cmpint(ikd_ike_sa_condition_of(&v1.sa), ==, IKD_IKE_SA_UNCONFIRMED);
    g_assert_cmpstr(ikd_ike_sa_unconfirmed_reason(&v1.sa), ==, "XAUTH status sent, then silence: probably failed");
    verdict.id = IKD_F_RA_CFG_PROBABLE_REFUSAL; /* without keys, the client's informationals after mode-config */
    g_assert_cmpint(ikd_ike_sa_condition_of(&v1.sa), ==, IKD_IKE_SA_UNCONFIRMED);
    g_assert_cmpstr(ikd_ike_sa_unconfirmed_reason(&v1.sa), ==,
                    "mode-config answered, then the client's informationals and silence: probably refused");
    /* DPD found the peer dead: the SA is cleared */
    verdict.id = IKD_F_STUCK_PEER_DEAD;
    g_assert_cmpint(ikd_ike_sa_condition_of(&v1.sa), ==, IKD_IKE_SA_ENDED);
    v1.sa.verdict = NULL;
    v1.sa.deleted = true;
    g_assert_cmpint(ikd_ike_sa_condition_of(&v1.sa), ==, IKD_IKE_SA_ENDED);
    v1.sa.deleted = false;
    v1.sa.established_frame = 0;
    v1.sa.abandoned = true;
    g_assert_cmpint(ikd_ike_sa_condition_of(&v1.sa), ==, IKD_IKE_SA_ENDED);
    g_assert_cmpstr(ikd_ike_sa_condition_word(IKD_IKE_SA_ACTIVE), ==, "Active");
    g_assert_cmpstr(ikd_ike_sa_condition_word(IKD_IKE_SA_UNCONFIRMED), ==, "Inactive");
}

static void test_ikev2_conditions(void)
{
    ikd_v2_sa v2 = { 0 };
    ikd_v2_exchange init = { 0 };
    init.exchange = IKD_V2_EX_SA_INIT;
    v2.sa.ike_version = 2;
    v2.few[0] = &init;
    v2.exchange_count = 1;
    v2.status = IKD_IOS_V2_IN_NEG;
    g_assert_cmpint(ikd_ike_sa_condition_of(&v2.sa), ==, IKD_IKE_SA_NEGOTIATING);
    init.refused = true; /* COOKIE asks for a restart: still negotiating */
    init.error = IKD_V2_N_COOKIE;
    g_assert_cmpint(ikd_ike_sa_condition_of(&v2.sa), ==, IKD_IKE_SA_NEGOTIATING);
    init.error = IKD_V2_N_NO_PROPOSAL_CHOSEN;
    g_assert_cmpint(ikd_ike_sa_condition_of(&v2.sa), ==, IKD_IKE_SA_ENDED);
    init.refused = false;
    v2.auth_answered = true; /* without keys: up, or AUTHENTICATION_FAILED */
    g_assert_cmpint(ikd_ike_sa_condition_of(&v2.sa), ==, IKD_IKE_SA_UNCONFIRMED);
    g_assert_cmpstr(ikd_ike_sa_unconfirmed_reason(&v2.sa), ==, "IKE_AUTH answered but not decrypted, so up or refused");
    v2.status = IKD_IOS_V2_READY;
    g_assert_cmpint(ikd_ike_sa_condition_of(&v2.sa), ==, IKD_IKE_SA_ACTIVE);
    v2.auth_failed = true;
    g_assert_cmpint(ikd_ike_sa_condition_of(&v2.sa), ==, IKD_IKE_SA_ENDED);
    v2.auth_failed = false;
    v2.status = IKD_IOS_V2_DELETE;
    g_assert_cmpint(ikd_ike_sa_condition_of(&v2.sa), ==, IKD_IKE_SA_ENDED);
}

/* --- IPSEC FLOW words ----------------------------------------------------------- */

static ikd_proxy_id proxy(uint8_t kind, const uint8_t first[4], const uint8_t second[4], uint8_t protocol,
                          uint16_t port)
{
    ikd_proxy_id id = { .kind = kind, .protocol = protocol, .port = port };
    id.first.family = 4;
    memcpy(id.first.bytes, first, 4);
    if (second) {
        id.second.family = 4;
        memcpy(id.second.bytes, second, 4);
    }
    return id;
}

static void test_flow_from_proxies(void)
{
    static const uint8_t any[4] = { 0 }, pool[4] = { 198, 51, 100, 100 }, net[4] = { 203, 0, 113, 0 },
                         mask[4] = { 255, 255, 255, 0 }, a[4] = { 192, 0, 2, 1 }, b[4] = { 192, 0, 2, 10 },
                         low[4] = { 10, 0, 0, 1 }, high[4] = { 10, 0, 0, 6 };
    char text[IKD_FLOW_TEXT];
    ikd_proxy_id all = proxy(IKD_PROXY_SUBNET, any, any, 0, 0), host = proxy(IKD_PROXY_ADDRESS, pool, NULL, 0, 0);
    /* The sample of IOS's own output: permit ip 0.0.0.0/0.0.0.0 host 3.3.3.4 */
    g_assert_cmpstr(ikd_session_flow_text(&all, &host, text, sizeof text), ==,
                    "permit ip 0.0.0.0/0.0.0.0 host 198.51.100.100");
    ikd_proxy_id gre_a = proxy(IKD_PROXY_ADDRESS, a, NULL, 47, 0), gre_b = proxy(IKD_PROXY_ADDRESS, b, NULL, 47, 0);
    g_assert_cmpstr(ikd_session_flow_text(&gre_a, &gre_b, text, sizeof text), ==, "permit 47 host 192.0.2.1 host 192.0.2.10");
    ikd_proxy_id web = proxy(IKD_PROXY_SUBNET, net, mask, 6, 443), range = proxy(IKD_PROXY_RANGE, low, high, 0, 0);
    g_assert_cmpstr(ikd_session_flow_text(&range, &web, text, sizeof text), ==,
                    "permit 6 10.0.0.1-10.0.0.6 203.0.113.0/255.255.255.0 port 443");
}

static ikd_v2_ts selector(uint8_t protocol, const uint8_t start[4], const uint8_t end[4], uint16_t low,
                          uint16_t high)
{
    ikd_v2_ts ts = { .family = 4, .protocol = protocol, .start_port = low, .end_port = high };
    memcpy(ts.start, start, 4);
    memcpy(ts.end, end, 4);
    return ts;
}

static void test_flow_from_selectors(void)
{
    static const uint8_t zero[4] = { 0 }, all[4] = { 255, 255, 255, 255 }, net[4] = { 198, 51, 100, 0 },
                         net_end[4] = { 198, 51, 100, 127 }, host[4] = { 203, 0, 113, 9 },
                         odd_end[4] = { 198, 51, 100, 126 };
    char text[IKD_FLOW_TEXT];
    ikd_v2_ts any = selector(0, zero, all, 0, 65535), half = selector(0, net, net_end, 0, 65535);
    g_assert_cmpstr(ikd_session_selector_flow_text(&half, &any, text, sizeof text), ==,
                    "permit ip 198.51.100.0/255.255.255.128 0.0.0.0/0.0.0.0");
    ikd_v2_ts one = selector(17, host, host, 500, 500), odd = selector(17, net, odd_end, 1000, 2000);
    g_assert_cmpstr(ikd_session_selector_flow_text(&one, &odd, text, sizeof text), ==,
                    "permit 17 host 203.0.113.9 port 500 198.51.100.0-198.51.100.126 port 1000-2000");
}

/* --- Sessions fed as the plugin feeds them ------------------------------------------ */

static const char PASSWORD[] = "Hunter2-secret";
static const uint8_t icookie2[8] = { 0xc2, 2, 3, 4, 5, 6, 7, 8 }, icookie3[8] = { 0xc3, 2, 3, 4, 5, 6, 7, 8 };

typedef struct {
    ikd_engine *e;
    GPtrArray *msgs;
    uint32_t frame;
    const uint8_t *ic;
    endpoint client;
    const endpoint *server;
} lab;

static lab lab_new(void)
{
    lab l = { ikd_engine_new(), g_ptr_array_new_with_free_func((GDestroyNotify)ikb_msg_free), 0, ikb_icookie,
              ini, &resp };
    return l;
}

static void lab_free(lab *l)
{
    ikd_engine_free(l->e);
    g_ptr_array_free(l->msgs, TRUE);
}

static const ikb_msg *keep(lab *l, ikb_msg *m)
{
    g_ptr_array_add(l->msgs, m);
    return m;
}

static void feed(lab *l, const ikb_msg *m, const ikb_msg *plain, bool from_client, double time)
{
    const endpoint *src = from_client ? &l->client : l->server, *dst = from_client ? l->server : &l->client;
    ikd_annotation ann;
    ikd_packet p = { .frame = ++l->frame, .time = time, .src = src->addr, .dst = dst->addr,
                     .src_port = src->port, .dst_port = dst->port, .transport = IKD_TRANSPORT_UDP,
                     .bytes = m->bytes->data, .captured_len = m->bytes->len, .reported_len = m->bytes->len };
    if (plain) {
        p.decrypted = plain->bytes->data + 28;
        p.decrypted_len = plain->bytes->len - 28;
    }
    ikd_engine_feed(l->e, &p, &ann);
    ikd_annotation_clear(&ann);
}

static void aggressive_mode(lab *l, const char *group, double t)
{
    feed(l, keep(l, ikb_am1_group(l->ic, group, XAUTH_PSK)), NULL, true, t);
    feed(l, keep(l, ikb_am2_auth(l->ic, ikb_rcookie, XAUTH_PSK)), NULL, false, t + 0.01);
    feed(l, keep(l, ikb_encrypted(l->ic, ikb_rcookie, EX_AGGRESSIVE, 0, PL_HASH, 48, 0x21)), NULL, true, t + 0.02);
}

static const ikb_msg *txn_wire(lab *l, uint32_t message_id, bool from_client, uint8_t cfg_type)
{
    return keep(l, ikb_encrypted(l->ic, ikb_rcookie, EX_TXN, message_id, PL_HASH, 64,
                                 (uint8_t)(message_id + cfg_type + from_client)));
}

static void txn(lab *l, uint32_t message_id, bool from_client, double time, uint8_t cfg_type,
                const ikb_cfg_attr *attrs, size_t n)
{
    const ikb_msg *wire = txn_wire(l, message_id, from_client, cfg_type);
    feed(l, wire, keep(l, ikb_txn_plain(l->ic, ikb_rcookie, message_id, cfg_type, attrs, n)), from_client, time);
}

static const uint8_t STATUS_OK[2] = { 0, 1 }, STATUS_FAIL[2] = { 0, 0 };
static const uint8_t POOL_ADDR[4] = { 198, 51, 100, 100 }, MASK[4] = { 255, 255, 255, 0 };

/* XAUTH (user alice) with this status, then, when it passed, a mode-config pull. */
static void easy_vpn(lab *l, const uint8_t status[2])
{
    const ikb_cfg_attr ask[] = { { 16521, false, NULL, 0 }, { 16522, false, NULL, 0 } };
    const ikb_cfg_attr answer[] = { { 16521, false, "alice", 5 }, { 16522, false, PASSWORD, sizeof PASSWORD - 1 } };
    const ikb_cfg_attr set[] = { { 16527, true, status, 2 } }, ack[] = { { 16527, false, NULL, 0 } };
    const ikb_cfg_attr pull[] = { { 1, false, NULL, 0 } };
    const ikb_cfg_attr reply[] = { { 1, false, POOL_ADDR, 4 }, { 2, false, MASK, 4 } };
    aggressive_mode(l, "rgroup", 0.0);
    txn(l, 0x100, false, 0.03, CFG_REQUEST, ask, 2);
    txn(l, 0x100, true, 0.04, CFG_REPLY, answer, 2);
    txn(l, 0x200, false, 0.05, CFG_SET, set, 1);
    txn(l, 0x200, true, 0.06, CFG_ACK, ack, 1);
    if (status == STATUS_OK) {
        txn(l, 0x300, true, 0.07, CFG_REQUEST, pull, 1);
        txn(l, 0x300, false, 0.08, CFG_REPLY, reply, 2);
    }
}

static char *session_text(lab *l)
{
    GString *out = g_string_new(NULL);
    ikd_text_show_crypto_session(l->e, NULL, out);
    g_assert_null(strstr(out->str, PASSWORD));
    return g_string_free(out, FALSE);
}

static void test_easy_vpn_idle_then_active(void)
{
    lab l = lab_new();
    easy_vpn(&l, STATUS_OK);
    char *text = session_text(&l);
    g_assert_cmpstr(text, ==,
                    "Crypto session current status\n"
                    "\n"
                    "Username: alice\n"
                    "Group: rgroup\n"
                    "Assigned address: 198.51.100.100\n"
                    "Session status: UP-IDLE       \n"
                    "Peer: 192.0.2.10 port 500 \n"
                    "  IKEv1 SA: local 192.0.2.1/500 remote 192.0.2.10/500 Active \n"
                    "          Capabilities:CX connid:1001 lifetime:23:59:59\n"); /* 86400 s, 0.08 s used */
    g_free(text);
    /* The analysis table's columns for the same SA. */
    char user[IKD_RA_NAME_TEXT], group[IKD_RA_NAME_TEXT], address[IKD_ADDRESS_TEXT];
    ikd_v1_sa_remote_access_text(ikd_v1_sa_of_const(ikd_engine_sa_peek(l.e, 1001)), user, group, address);
    g_assert_cmpstr(user, ==, "alice");
    g_assert_cmpstr(group, ==, "rgroup");
    g_assert_cmpstr(address, ==, "198.51.100.100");
    /* A quick mode the keys did not open: up, counted, and said so. */
    for (int k = 0; k < 3; k++)
        feed(&l, keep(&l, ikb_encrypted(l.ic, ikb_rcookie, EX_QUICK, 0x5000, PL_HASH, 96, (uint8_t)(0x40 + k))),
             NULL, k != 1, 0.1 + 0.01 * k);
    text = session_text(&l);
    g_assert_nonnull(strstr(text, "Session status: UP-ACTIVE     \n"));
    g_assert_nonnull(strstr(text, "\n  ikediag: 1 quick mode up but not decrypted: counted as up; "
                                  "the flows, and any DELETE of them, need the keys\n"));
    g_free(text);
    lab_free(&l);
}

static void test_easy_vpn_xauth_failed(void)
{
    lab l = lab_new();
    easy_vpn(&l, STATUS_FAIL);
    char *text = session_text(&l);
    g_assert_cmpstr(text, ==,
                    "Crypto session current status\n"
                    "\n"
                    "Username: alice\n"
                    "Group: rgroup\n"
                    "Session status: DOWN          \n"
                    "Peer: 192.0.2.10 port 500 \n"
                    "  IKEv1 SA: local 192.0.2.1/500 remote 192.0.2.10/500 Inactive \n"
                    "          Capabilities:CX connid:1001 lifetime:-\n");
    g_free(text);
    char user[IKD_RA_NAME_TEXT], group[IKD_RA_NAME_TEXT], address[IKD_ADDRESS_TEXT];
    ikd_v1_sa_remote_access_text(ikd_v1_sa_of_const(ikd_engine_sa_peek(l.e, 1001)), user, group, address);
    g_assert_cmpstr(address, ==, "-"); /* none given */
    lab_free(&l);
}

/* Without keys: XAUTH's four messages, then silence. The SA may be gone
 * (probable XAUTH failure), so the session is not called up. */
static void test_easy_vpn_without_keys(void)
{
    lab l = lab_new();
    aggressive_mode(&l, "rgroup", 0.0);
    static const uint8_t types[4] = { CFG_REQUEST, CFG_REPLY, CFG_SET, CFG_ACK };
    for (int k = 0; k < 4; k++)
        feed(&l, txn_wire(&l, k < 2 ? 0x100 : 0x200, k % 2, types[k]), NULL, k % 2, 0.03 + 0.01 * k);
    char *text = session_text(&l);
    g_assert_cmpstr(text, ==,
                    "Crypto session current status\n"
                    "\n"
                    "Group: rgroup\n"
                    "Session status: UNKNOWN (ikediag: XAUTH status sent, then silence: probably failed; supply "
                    "the keys)\n"
                    "Peer: 192.0.2.10 port 500 \n"
                    "  IKEv1 SA: local 192.0.2.1/500 remote 192.0.2.10/500 Inactive \n"
                    "          Capabilities:CX connid:1001 lifetime:-\n");
    g_free(text);
    lab_free(&l);
}

/* NAT-T's move from 500 to 4500 keeps the peer; another NAT port is another client. */
static void test_grouping_by_peer(void)
{
    lab l = lab_new();
    aggressive_mode(&l, "rgroup", 0.0);
    l.ic = icookie2;
    l.client.port = 4500;
    aggressive_mode(&l, "rgroup", 1.0);
    l.ic = icookie3;
    l.client.port = 1500;
    aggressive_mode(&l, "rgroup", 2.0);
    ikd_engine_sa_count(l.e);
    GPtrArray *sessions = ikd_sessions_collect(l.e, NULL);
    g_assert_cmpuint(sessions->len, ==, 2);
    char text[128];
    const ikd_session *first = g_ptr_array_index(sessions, 0), *second = g_ptr_array_index(sessions, 1);
    g_assert_cmpstr(ikd_session_ike_sas_text(first, text, sizeof text), ==, "IKEv1 1001 Active, IKEv1 1002 Active");
    g_assert_cmpuint(first->remote_port, ==, 4500); /* the latest SA's */
    g_assert_cmpstr(ikd_session_ike_sas_text(second, text, sizeof text), ==, "IKEv1 1003 Active");
    g_assert_cmpuint(second->remote_port, ==, 1500);
    g_assert_cmpint(ikd_session_local_peer(second, ikd_engine_sa_peek(l.e, 1003)), ==, 1); /* the server */
    g_ptr_array_unref(sessions);
    ikd_session *of = ikd_session_of(l.e, ikd_engine_sa_peek(l.e, 1002));
    g_assert_cmpstr(ikd_session_ike_sas_text(of, text, sizeof text), ==, "IKEv1 1001 Active, IKEv1 1002 Active");
    ikd_session_free(of);
    lab_free(&l);
}

/* The GUI table's index finds the session a walk of every SA finds, for
 * every SA, as SAs come and as the bound drops half-open ones (which moves
 * the others' places). */
static void assert_index_agrees(ikd_session_index *index, const ikd_engine *e)
{
    for (uint32_t i = 0; i < ikd_engine_sa_count_peek(e); i++) {
        const ikd_sa *sa = ikd_engine_sa_peek_at(e, i);
        ikd_session *walked = ikd_session_of(e, sa), *indexed = ikd_session_of_indexed(index, e, sa);
        char a[256] = "none", b[256] = "none";
        if (walked)
            ikd_session_ike_sas_text(walked, a, sizeof a);
        if (indexed)
            ikd_session_ike_sas_text(indexed, b, sizeof b);
        g_assert_cmpstr(b, ==, a);
        ikd_session_free(walked);
        ikd_session_free(indexed);
    }
}

static void test_index_agrees_with_walk(void)
{
    lab l = lab_new();
    ikd_engine_set_max_sas(l.e, 6);
    ikd_session_index *index = ikd_session_index_new();
    const uint8_t clients[3] = { 10, 11, 12 };
    for (uint8_t n = 0; n < 24; n++) {
        uint8_t cookie[8] = { 0xd0, n, 3, 4, 5, 6, 7, 8 };
        l.ic = cookie;
        l.client.addr.bytes[3] = clients[n % 3];
        if (n % 4 == 0) /* answered: stays */
            aggressive_mode(&l, "rgroup", n);
        else            /* MM1 only: half-open, dropped past the bound */
            feed(&l, keep(&l, ikb_with_cookies(ikb_canned_mm1(), cookie, ikb_zero_cookie)), NULL, true, n);
        assert_index_agrees(index, l.e);
    }
    g_assert_cmpuint(ikd_engine_sas_dropped(l.e), >, 0);
    char text[256];
    ikd_session *s = ikd_session_of_indexed(index, l.e, ikd_engine_sa_peek(l.e, 1001));
    g_assert_cmpstr(ikd_session_ike_sas_text(s, text, sizeof text), ==, "IKEv1 1001 Active, IKEv1 1013 Active");
    ikd_session_free(s);
    ikd_session_index_free(index);
    lab_free(&l);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/sessions/status_rules", test_status_rules);
    g_test_add_func("/sessions/ikev1_conditions", test_ikev1_conditions);
    g_test_add_func("/sessions/ikev2_conditions", test_ikev2_conditions);
    g_test_add_func("/sessions/flow_from_proxies", test_flow_from_proxies);
    g_test_add_func("/sessions/flow_from_selectors", test_flow_from_selectors);
    g_test_add_func("/sessions/easy_vpn_idle_then_active", test_easy_vpn_idle_then_active);
    g_test_add_func("/sessions/easy_vpn_xauth_failed", test_easy_vpn_xauth_failed);
    g_test_add_func("/sessions/easy_vpn_without_keys", test_easy_vpn_without_keys);
    g_test_add_func("/sessions/grouping_by_peer", test_grouping_by_peer);
    g_test_add_func("/sessions/index_agrees_with_walk", test_index_agrees_with_walk);
    return g_test_run();
}
