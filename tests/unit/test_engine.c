/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/engine: SAs rebuilt from sequences of messages.
 *
 * Each scenario is a table of messages, one row per message in capture order,
 * read like the exchange it is ("I -> R  MM1"). A row says what is fed (the
 * message, its addresses, frame and time) and what the engine must say about
 * it right away (conn-id, step, sender, the Cisco states, retransmission and
 * answer links, the findings added) and once the whole exchange was fed
 * (where its answer is, the verdicts attached to it). Rows are compared as
 * text, so a failure shows the expected and the actual annotation side by
 * side.
 *
 * Addresses are TEST-NET: the initiator 192.0.2.10, the responder 192.0.2.1,
 * other peers 198.51.100.20 and 203.0.113.5, IPv6 in 2001:db8::/32. */
#include "report/analysis_text.h"
#include "report/cisco_text.h"
#include "report/ikev2_text.h"
#include "engine.h"
#include "ikev1_builder.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/ikev1_sa.h"

#include <glib.h>
#include <string.h>

/* The IKEv1 record of an SA the engine made from IKEv1 messages. */
#define V1(sa) ikd_v1_sa_of_const(sa)

/* --- Endpoints ------------------------------------------------------------------- */


static const endpoint resp_nat = { { 4, { 192, 0, 2, 1 } }, 4500 };
/* The initiator seen through a NAT router that maps its ports (PAT). */
static const endpoint ini_pat = { { 4, { 192, 0, 2, 10 } }, 1024 };
static const endpoint ini_pat_nat = { { 4, { 192, 0, 2, 10 } }, 1025 };
/* The initiator's own address behind that NAT. */
static const endpoint ini_private = { { 4, { 10, 0, 0, 10 } }, 500 };

/* --- Messages ---------------------------------------------------------------------- */

enum { EX_MAIN = 2, EX_AGGRESSIVE = 4, EX_INFO = 5, EX_QUICK = 32, PL_ID = 5, PL_HASH = 8 };

/* Messages built for one test, freed when it ends. */
static GPtrArray *pool;

static const ikb_msg *keep(ikb_msg *m)
{
    if (!pool)
        pool = g_ptr_array_new_with_free_func((GDestroyNotify)ikb_msg_free);
    g_ptr_array_add(pool, m);
    return m;
}

static const ikb_msg *raw(const void *bytes, size_t n)
{
    ikb_msg *m = g_new0(ikb_msg, 1);
    m->bytes = g_byte_array_new();
    ikb_bytes(m->bytes, bytes, n);
    return keep(m);
}

static const uint8_t zero[8] = { 0 };
static const uint8_t ic_b[8] = { 0xb1, 0x0b, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 };
static const uint8_t rc_b[8] = { 0xb2, 0x8a, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee };
static const uint8_t ic_c[8] = { 0xc1, 0x0c, 0x13, 0x24, 0x35, 0x46, 0x57, 0x68 };
static const uint8_t rc_c[8] = { 0xc2, 0x79, 0x8a, 0x9b, 0xac, 0xbd, 0xce, 0xdf };
static const uint8_t ic_d[8] = { 0xd1, 0x0d, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06 };
static const uint8_t ic_e[8] = { 0xe1, 0x0e, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60 };
static const uint8_t rc_e[8] = { 0xe2, 0x70, 0x80, 0x90, 0xa0, 0xb0, 0xc0, 0xd0 };
static const uint8_t rc_2[8] = { 0x2f, 0x2e, 0x2d, 0x2c, 0x2b, 0x2a, 0x29, 0x28 };

/* NAT-D payloads hold the hash of the destination first, then of the source. */
static size_t natd_of(GChecksumType type, const uint8_t ic[8], const uint8_t rc[8], const endpoint *ep, uint8_t *out)
{
    return ikb_natd_hash(type, ic, rc, ep->addr.bytes, ep->addr.family == 6 ? 16 : 4, ep->port, out);
}

/* MM3/MM4 with NAT-D hashes of the given endpoints (destination first). */
static const ikb_msg *mm_natd(GChecksumType type, const uint8_t ic[8], const uint8_t rc[8], const endpoint *dst,
                              const endpoint *src, uint8_t seed)
{
    uint8_t hashes[2 * 64];
    size_t len = natd_of(type, ic, rc, dst, hashes);
    g_assert_cmpuint(natd_of(type, ic, rc, src, hashes + len), ==, len);
    return keep(ikb_mm_ke_natd(ic, rc, hashes, len, 2, seed));
}

typedef struct {
    const ikb_msg *mm1, *mm2, *mm3, *mm4, *mm5, *mm6;
} main_mode;

/* A main mode between i and r whose NAT-D payloads show no NAT. */
static main_mode main_mode_between(const uint8_t ic[8], const uint8_t rc[8], const endpoint *i, const endpoint *r)
{
    main_mode k;
    k.mm1 = keep(ikb_with_cookies(ikb_canned_mm1(), ic, zero));
    k.mm2 = keep(ikb_with_cookies(ikb_canned_mm2(), ic, rc));
    k.mm3 = mm_natd(G_CHECKSUM_SHA1, ic, rc, r, i, 0x31);
    k.mm4 = mm_natd(G_CHECKSUM_SHA1, ic, rc, i, r, 0x3c);
    k.mm5 = keep(ikb_encrypted(ic, rc, EX_MAIN, 0, PL_ID, 64, 0xa5));
    k.mm6 = keep(ikb_encrypted(ic, rc, EX_MAIN, 0, PL_ID, 64, 0x5a));
    return k;
}

static main_mode standard_main_mode(void)
{
    return main_mode_between(ikb_icookie, ikb_rcookie, &ini, &resp);
}

/* Quick-mode message k (0..2) of exchange message_id: QM1 and QM2 are long
 * (SA, nonce, IDs), QM3 is a bare hash. */
static const ikb_msg *qm(const uint8_t ic[8], const uint8_t rc[8], uint32_t message_id, int k)
{
    return keep(ikb_encrypted(ic, rc, EX_QUICK, message_id, PL_HASH, k == 2 ? 32 : 160, (uint8_t)(0x10 + k)));
}

static const ikb_msg *info_encrypted(const uint8_t ic[8], const uint8_t rc[8], uint32_t message_id)
{
    return keep(ikb_encrypted(ic, rc, EX_INFO, message_id, PL_HASH, 48, 0x77));
}

enum { QM_A = 0x4f1c2b3a, QM_B = 0x7e21d945, QM_C = 0x1357ace0, QM_D = 0x2468bdf1 };

/* --- Rows: what is fed and what must come out ----------------------------------------- */

typedef struct {
    bool set;
    ikd_finding_id id;
    uint32_t arg[IKD_FINDING_ARGS];
} want;

/* One finding: id without IKD_F_, then its arguments (at least one). */
#define F(id_, ...) { true, IKD_F_##id_, { __VA_ARGS__ } }

typedef struct {
    /* fed */
    const ikb_msg *m;
    const endpoint *src, *dst;
    uint32_t frame, pdu;
    double time;
    ikd_transport transport; /* UDP unless set; UDP 4500 on either side makes it UDP_ENCAP */
    bool rebuilt_here;       /* reassembled_in_frame */
    const ikb_msg *plain;    /* what Wireshark decrypted: this message's payloads after its header */
    /* the annotation */
    uint32_t conn;
    ikd_step step;
    ikd_role sender;
    ikd_ios_state state, si, sr;
    ikd_asa_state asa;
    uint32_t retx, orig, resp_to;
    want f[4]; /* findings, in order */
    const char *ids; /* when set: the proxy identity fields, "local | remote" */
    /* once everything was fed */
    uint32_t resp_in;
    want v[3]; /* verdicts attached to this message */
} row;

#define MSG(m_, src_, dst_, frame_, time_) .m = (m_), .src = &(src_), .dst = &(dst_), .frame = (frame_), .time = (time_)
#define BY_I IKD_ROLE_INITIATOR
#define BY_R IKD_ROLE_RESPONDER
#define BY_U IKD_ROLE_UNKNOWN
/* conn-id, step, sender (I, R, U), state, initiator's state, responder's state, ASA state. */
#define ANN(conn_, step_, by_, state_, si_, sr_, asa_)                                                   \
    .conn = (conn_), .step = IKD_STEP_##step_, .sender = BY_##by_, .state = IKD_IOS_##state_,            \
    .si = IKD_IOS_##si_, .sr = IKD_IOS_##sr_, .asa = IKD_ASA_##asa_
#define UNTRACKED ANN(0, UNKNOWN, U, NONE, NONE, NONE, NONE)
#define RETX(n_, orig_) .retx = (n_), .orig = (orig_)

static const char *or_dash(const char *s)
{
    return *s ? s : "-";
}

static void describe_finding(GString *s, ikd_finding_id id, const uint32_t *arg)
{
    const ikd_finding_info *fi = ikd_finding_lookup(id);
    int last = IKD_FINDING_ARGS - 1;
    while (last > 0 && !arg[last])
        last--;
    g_string_append_printf(s, " %s(", fi ? fi->name : "?");
    for (int i = 0; i <= last; i++)
        g_string_append_printf(s, i ? ",%u" : "%u", arg[i]);
    g_string_append_c(s, ')');
}

static void describe_wants(GString *s, const want *w, size_t n)
{
    size_t shown = 0;
    for (size_t i = 0; i < n && w[i].set; i++, shown++)
        describe_finding(s, w[i].id, w[i].arg);
    if (!shown)
        g_string_append(s, " -");
}

static void describe_list(GString *s, const ikd_finding_list *l)
{
    for (uint32_t i = 0; i < l->count; i++)
        describe_finding(s, (ikd_finding_id)l->items[i].id, l->items[i].arg);
    if (!l->count)
        g_string_append(s, " -");
    if (l->dropped)
        g_string_append_printf(s, " +%u dropped", l->dropped);
}

static void describe_annotation(GString *s, uint32_t frame, uint32_t pdu, uint32_t conn, ikd_step step, ikd_role by,
                                ikd_ios_state state, ikd_ios_state si, ikd_ios_state sr, ikd_asa_state asa,
                                uint32_t retx, uint32_t orig, double since_original, uint32_t resp_to,
                                double since_request)
{
    g_string_append_printf(s, "frame %u.%u: conn %u %s by %s, state %s (I %s, R %s, ASA %s)", frame, pdu, conn,
                           ikd_step_name(step), ikd_role_name(by), or_dash(ikd_ios_state_name(state)),
                           or_dash(ikd_ios_state_name(si)), or_dash(ikd_ios_state_name(sr)),
                           or_dash(ikd_asa_state_name(asa)));
    if (retx || orig)
        g_string_append_printf(s, ", resend %u of frame %u after %.3f s", retx, orig, since_original);
    if (resp_to)
        g_string_append_printf(s, ", answers frame %u after %.3f s", resp_to, since_request);
    g_string_append(s, ", findings");
}

/* The time of the row with this frame among rows[0..n). */
static double time_of(const row *rows, size_t n, uint32_t frame)
{
    for (size_t i = 0; i < n; i++)
        if (rows[i].frame == frame)
            return rows[i].time;
    g_error("frame %u is not in the scenario", frame);
    return 0;
}

static void feed(ikd_engine *e, const row *r, ikd_annotation *ann)
{
    uint8_t *copy = g_memdup2(r->m->bytes->data, r->m->bytes->len); /* exact size, for ASan */
    size_t plain_len = r->plain ? r->plain->bytes->len - 28 : 0;
    uint8_t *plain = r->plain ? g_memdup2(r->plain->bytes->data + 28, plain_len) : NULL;
    ikd_transport t = r->transport;
    if (t == IKD_TRANSPORT_UDP && (r->src->port == 4500 || r->dst->port == 4500))
        t = IKD_TRANSPORT_UDP_ENCAP;
    const ikd_packet p = { .frame = r->frame, .pdu = r->pdu, .time = r->time, .src = r->src->addr,
                           .dst = r->dst->addr, .src_port = r->src->port, .dst_port = r->dst->port, .transport = t,
                           .bytes = copy, .captured_len = r->m->bytes->len, .reported_len = r->m->bytes->len,
                           .reassembled_in_frame = r->rebuilt_here, .decrypted = plain,
                           .decrypted_len = plain_len };
    ikd_engine_feed(e, &p, ann);
    g_free(copy);
    g_free(plain);
}

/* The message ID a message's header carries, 0 when it has no header. */
static uint32_t header_message_id(const GByteArray *bytes)
{
    if (bytes->len < 28)
        return 0;
    const uint8_t *id = bytes->data + 20;
    return (uint32_t)id[0] << 24 | (uint32_t)id[1] << 16 | (uint32_t)id[2] << 8 | id[3];
}

/* Feeds rows[from..n) into e and checks each annotation as it comes. */
static void check_proxy_fields(const ikd_annotation *ann, const char *expected)
{
    char local[IKD_PROXY_ID_TEXT], remote[IKD_PROXY_ID_TEXT];
    char *got = g_strdup_printf("%s | %s", ikd_proxy_id_format(&ann->rare.local_id, local, sizeof local),
                                ikd_proxy_id_format(&ann->rare.remote_id, remote, sizeof remote));
    g_assert_cmpstr(got, ==, expected);
    g_free(got);
}

static void feed_rows(ikd_engine *e, const row *rows, size_t from, size_t n)
{
    for (size_t i = from; i < n; i++) {
        const row *r = &rows[i];
        ikd_annotation ann;
        feed(e, r, &ann);
        GString *want_s = g_string_new(NULL), *got_s = g_string_new(NULL);
        describe_annotation(want_s, r->frame, r->pdu, r->conn, r->step, r->sender, r->state, r->si, r->sr, r->asa,
                            r->retx, r->orig, r->orig ? r->time - time_of(rows, i, r->orig) : 0, r->resp_to,
                            r->resp_to ? r->time - time_of(rows, i, r->resp_to) : 0);
        describe_wants(want_s, r->f, G_N_ELEMENTS(r->f));
        describe_annotation(got_s, r->frame, r->pdu, ann.result.conn_id, ann.result.step, ann.result.sender, ann.result.state, ann.result.state_initiator,
                            ann.result.state_responder, ann.result.asa_state, ann.result.retransmission, ann.result.original_frame,
                            ann.result.since_original, ann.result.response_to, ann.result.since_request);
        describe_list(got_s, &ann.findings);
        g_assert_cmpstr(got_s->str, ==, want_s->str);
        g_string_free(want_s, TRUE);
        g_string_free(got_s, TRUE);

        const ikd_sa *sa = ikd_engine_sa_peek(e, ann.result.conn_id);
        if (ann.result.conn_id) {
            g_assert_nonnull(sa);
            g_assert_cmpuint(sa ? sa->conn_id : 0, ==, ann.result.conn_id);
            g_assert_cmpuint(sa ? sa->last_frame : 0, ==, r->frame);
        } else {
            g_assert_null(sa);
        }
        g_assert_cmpuint(ann.result.message_id, ==, header_message_id(r->m->bytes));
        if (r->ids)
            check_proxy_fields(&ann, r->ids);
        if (g_test_failed())
            return; /* the rows after the first difference would only repeat it */
    }
}

/* After everything was fed: each row's answer and verdicts. */
static void check_links(ikd_engine *e, const row *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const row *r = &rows[i];
        GString *want_s = g_string_new(NULL), *got_s = g_string_new(NULL);
        g_string_append_printf(want_s, "frame %u.%u: response in %u, verdicts", r->frame, r->pdu, r->resp_in);
        describe_wants(want_s, r->v, G_N_ELEMENTS(r->v));
        ikd_finding_list verdicts;
        ikd_engine_verdicts(e, r->frame, r->pdu, &verdicts);
        g_string_append_printf(got_s, "frame %u.%u: response in %u, verdicts", r->frame, r->pdu,
                               ikd_engine_response_in(e, r->frame, r->pdu));
        describe_list(got_s, &verdicts);
        g_assert_cmpstr(got_s->str, ==, want_s->str);
        g_string_free(want_s, TRUE);
        g_string_free(got_s, TRUE);
        if (g_test_failed())
            return;
    }
}

static ikd_engine *run(const row *rows, size_t n)
{
    ikd_engine *e = ikd_engine_new();
    feed_rows(e, rows, 0, n);
    check_links(e, rows, n);
    return e;
}

#define RUN(rows_) run((rows_), G_N_ELEMENTS(rows_))

/* The messages live until the test ends (see run_test). */
static void done(ikd_engine *e)
{
    ikd_engine_free(e);
}

/* --- The SA record ---------------------------------------------------------------------- */

static char *endpoint_text(const ikd_address *a, uint16_t port)
{
    char buf[48];
    return g_strdup_printf(a->family == 6 ? "[%s]:%u" : "%s:%u", ikd_address_format(a, buf, sizeof buf), port);
}

/* The SA as one line: who, the states, status and capabilities, the frames,
 * when phase 1 completed, the chosen transform, the verdict. */
static char *sa_text(ikd_engine *e, uint32_t conn)
{
    const ikd_sa *sa = ikd_engine_sa_by_conn_id(e, conn);
    if (!sa)
        return g_strdup_printf("no SA %u", conn);
    char caps[8], *a = endpoint_text(&sa->peer[0], sa->port[0]), *b = endpoint_text(&sa->peer[1], sa->port[1]);
    char *established = sa->established_before_capture ? g_strdup("before capture")
                      : sa->established_frame ? g_strdup_printf("in frame %u", sa->established_frame)
                                              : g_strdup("no");
    const ikd_transform *t = ikd_v1_chosen(V1(sa));
    char *chosen = t ? g_strdup_printf("encr %u/%u hash %u auth %u group %u life %u s", t->encryption,
                                       t->key_length, t->hash, t->auth, t->group, t->life_seconds)
                 : g_strdup("-");
    const ikd_finding_info *verdict = sa->verdict ? ikd_finding_lookup((ikd_finding_id)sa->verdict->id) : NULL;
    char *s = g_strdup_printf("%u %s %s > %s%s; %s (I %s, R %s, ASA %s) %s caps \"%s\"; frames %u..%u, %u messages, "
                              "%u resent; established %s; chosen %s; verdict %s",
                              sa->conn_id, V1(sa)->mode == 2 ? "main" : V1(sa)->mode == 4 ? "aggressive" : "-", a, b,
                              sa->roles_known ? "" : " (roles unknown)", or_dash(ikd_ios_state_name(ikd_v1_sa_state(V1(sa)))),
                              or_dash(ikd_ios_state_name(V1(sa)->state_initiator)),
                              or_dash(ikd_ios_state_name(V1(sa)->state_responder)),
                              or_dash(ikd_asa_state_name(V1(sa)->asa_state)), ikd_sa_status(sa),
                              ikd_sa_capabilities(sa, caps, sizeof caps), sa->first_frame, sa->last_frame,
                              sa->messages, ikd_sa_retransmissions(sa), established, chosen, verdict ? verdict->name : "-");
    g_free(a);
    g_free(b);
    g_free(established);
    g_free(chosen);
    return s;
}

static void expect_sa(ikd_engine *e, uint32_t conn, const char *expected)
{
    char *got = sa_text(e, conn);
    g_assert_cmpstr(got, ==, expected);
    g_free(got);
}

#define AES128_SHA_PSK_G14 "encr 7/128 hash 2 auth 1 group 14 life 86400 s"

/* --- 1. Main mode, then quick mode --------------------------------------------------------- */

static ikd_engine *main_mode_and_quick_mode(const endpoint *i, const endpoint *r)
{
    main_mode k = main_mode_between(ikb_icookie, ikb_rcookie, i, r);
    const row rows[] = {
        /* I -> R  MM1 */ { MSG(k.mm1, *i, *r, 1, 0.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 2 },
        /* R -> I  MM2 */ { MSG(k.mm2, *r, *i, 2, 0.020), ANN(1001, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3), .resp_to = 1, .resp_in = 3 },
        /* I -> R  MM3 */ { MSG(k.mm3, *i, *r, 3, 0.060), ANN(1001, MM3, I, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG4), .resp_to = 2, .resp_in = 4 },
        /* R -> I  MM4 */ { MSG(k.mm4, *r, *i, 4, 0.110), ANN(1001, MM4, R, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG5), .resp_to = 3, .resp_in = 5 },
        /* I -> R  MM5 */ { MSG(k.mm5, *i, *r, 5, 0.130), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), .resp_to = 4, .resp_in = 6 },
        /* R -> I  MM6 */ { MSG(k.mm6, *r, *i, 6, 0.150), ANN(1001, MM6, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 5 },
        /* I -> R  QM1 */ { MSG(qm(ikb_icookie, ikb_rcookie, QM_A, 0), *i, *r, 7, 30.000), ANN(1001, QM1, I, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_in = 8 },
        /* R -> I  QM2 */ { MSG(qm(ikb_icookie, ikb_rcookie, QM_A, 1), *r, *i, 8, 30.020), ANN(1001, QM2, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 7, .resp_in = 9 },
        /* I -> R  QM3 */ { MSG(qm(ikb_icookie, ikb_rcookie, QM_A, 2), *i, *r, 9, 30.030), ANN(1001, QM3, I, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 8 },
    };
    return RUN(rows);
}

static void test_main_mode_success(void)
{
    ikd_engine *e = main_mode_and_quick_mode(&ini, &resp);
    g_assert_cmpuint(ikd_engine_sa_count(e), ==, 1);
    expect_sa(e, 1001, "1001 main 192.0.2.10:500 > 192.0.2.1:500; QM_IDLE (I QM_IDLE, R QM_IDLE, ASA MM_ACTIVE) ACTIVE "
                       "caps \"\"; frames 1..9, 9 messages, 0 resent; established in frame 6; chosen "
                       AES128_SHA_PSK_G14 "; verdict -");
    const ikd_sa *sa = ikd_engine_sa(e, 0);
    g_assert_cmpmem(sa->spi_i, 8, ikb_icookie, 8);
    g_assert_cmpmem(sa->spi_r, 8, ikb_rcookie, 8);
    g_assert_true(sa->spi_r_known);
    g_assert_cmpuint(ikd_v1_quick_mode_count(V1(sa)), ==, 1);
    g_assert_cmpuint(ikd_v1_quick_mode_at(V1(sa), 0)->message_id, ==, QM_A);
    g_assert_cmpuint(sa->nat_behind, ==, 0);
    g_assert_cmpfloat(ikd_engine_last_time(e), ==, 30.030);
    /* 86400 s from MM6 (0.150 s) to the end of the capture (30.030 s): 29.88 s used. */
    char life[16];
    g_assert_cmpstr(ikd_sa_lifetime_left(e, sa, life, sizeof life), ==, "23:59:30");
    done(e);
}

/* The same over IPv6: NAT-D hashes over 16-byte addresses match. */
static void test_main_mode_ipv6(void)
{
    ikd_engine *e = main_mode_and_quick_mode(&ini6, &resp6);
    expect_sa(e, 1001, "1001 main [2001:db8::10]:500 > [2001:db8::1]:500; QM_IDLE (I QM_IDLE, R QM_IDLE, ASA MM_ACTIVE) "
                       "ACTIVE caps \"\"; frames 1..9, 9 messages, 0 resent; established in frame 6; chosen "
                       AES128_SHA_PSK_G14 "; verdict -");
    done(e);
}

/* --- 2. MM1 never answered ------------------------------------------------------------------- */

static void test_mm1_unanswered(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        /* I -> R  MM1 */ { MSG(k.mm1, ini, resp, 1, 0.0), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2) },
        /* I -> R  MM1 */ { MSG(k.mm1, ini, resp, 2, 4.0), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), RETX(1, 1),
                            .f = { F(RETRANSMISSION, IKD_STEP_MM1, 1, 4000, 1, 1) } },
        /* I -> R  MM1 */ { MSG(k.mm1, ini, resp, 3, 12.0), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), RETX(2, 1),
                            .f = { F(RETRANSMISSION, IKD_STEP_MM1, 2, 12000, 1, 1) } },
        /* I -> R  MM1 */ { MSG(k.mm1, ini, resp, 4, 28.0), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), RETX(3, 1),
                            .f = { F(RETRANSMISSION, IKD_STEP_MM1, 3, 28000, 1, 1) },
                            .v = { F(PEER_NOT_RESPONDING, IKD_STEP_MM1, 4, 28000, 1), F(STUCK_MM_NO_STATE, 1001, 4, 28000) } },
    };
    ikd_engine *e = RUN(rows);
    expect_sa(e, 1001, "1001 main 192.0.2.10:500 > 192.0.2.1:500; MM_NO_STATE (I MM_NO_STATE, R MM_NO_STATE, "
                       "ASA MM_WAIT_MSG2) ACTIVE caps \"\"; frames 1..4, 4 messages, 3 resent; established no; "
                       "chosen -; verdict STUCK_MM_NO_STATE");
    done(e);
}

/* --- 3. MM1 refused with a clear NO-PROPOSAL-CHOSEN ------------------------------------------ */

static void test_mm1_no_proposal_chosen(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        /* I -> R  MM1 */ { MSG(k.mm1, ini, resp, 1, 0.0), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 2 },
        /* R -> I  INFO NO-PROPOSAL-CHOSEN, rcookie 0 */
        { MSG(keep(ikb_canned_info_nopc()), resp, ini, 2, 0.010), ANN(1001, INFO, R, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, NONE), .resp_to = 1,
          /* and the refused offer, transform by transform: encryption << 16 | key length, hash << 16 | group, auth, life */
          .f = { F(NOTIFY_NO_PROPOSAL_CHOSEN, IKD_ROLE_RESPONDER, 14), F(OFFERED_TRANSFORM, 1, 7u << 16 | 128, 2u << 16 | 14, 1, 86400),
                 F(OFFERED_TRANSFORM, 2, 5u << 16, 2u << 16 | 14, 1, 86400) },
          .v = { F(STUCK_PHASE1_REJECTED, 1001, IKD_IOS_MM_NO_STATE, 14, IKD_ROLE_RESPONDER) } },
    };
    ikd_engine *e = RUN(rows);
    expect_sa(e, 1001, "1001 main 192.0.2.10:500 > 192.0.2.1:500; MM_NO_STATE (I MM_NO_STATE, R MM_NO_STATE, "
                       "ASA MM_WAIT_MSG2) ACTIVE (deleted) caps \"\"; frames 1..2, 2 messages, 0 resent; "
                       "established no; chosen -; verdict STUCK_PHASE1_REJECTED");
    done(e);
}

/* An offer with no transform free of weak algorithms (3DES in one, DH group 5 in
 * the other) is flagged on MM1, and the NO-PROPOSAL-CHOSEN answering it names
 * that modern cause before the offer's list. The standard offer above, whose
 * first transform is strong, gets neither. */
static void test_mm1_only_weak_refused(void)
{
    static const ikb_attr des3[] = { { 1, 5, 0 }, { 2, 2, 0 }, { 3, 1, 0 }, { 4, 14, 0 }, { 11, 1, 0 }, { 12, 86400, 4 } };
    static const ikb_attr group5[] = {
        { 1, 7, 0 }, { 14, 256, 0 }, { 2, 2, 0 }, { 3, 1, 0 }, { 4, 5, 0 }, { 11, 1, 0 }, { 12, 86400, 4 },
    };
    static const ikb_transform weak[] = { { 1, 1, des3, G_N_ELEMENTS(des3), NULL, 0 },
                                          { 2, 1, group5, G_N_ELEMENTS(group5), NULL, 0 } };
    static const ikb_proposal offer = { 1, 1, 0, NULL, weak, G_N_ELEMENTS(weak), NULL, 0 };
    const row rows[] = {
        /* I -> R  MM1 */ { MSG(keep(ikb_mm1_with(&offer, 1)), ini, resp, 1, 0.0), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 2,
                            .f = { F(OFFER_ONLY_WEAK, 2) } },
        /* R -> I  INFO NO-PROPOSAL-CHOSEN, rcookie 0 */
        { MSG(keep(ikb_canned_info_nopc()), resp, ini, 2, 0.010), ANN(1001, INFO, R, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, NONE), .resp_to = 1,
          .f = { F(NOTIFY_NO_PROPOSAL_CHOSEN, IKD_ROLE_RESPONDER, 14), F(REFUSED_WEAK_OFFER, 0),
                 F(OFFERED_TRANSFORM, 1, 5u << 16, 2u << 16 | 14, 1, 86400), F(OFFERED_TRANSFORM, 2, 7u << 16 | 256, 2u << 16 | 5, 1, 86400) },
          .v = { F(STUCK_PHASE1_REJECTED, 1001, IKD_IOS_MM_NO_STATE, 14, IKD_ROLE_RESPONDER) } },
    };
    done(RUN(rows));
}

/* --- 4. MM2 lost on the way back --------------------------------------------------------------- */

static void test_mm2_lost(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        /* I -> R  MM1 */ { MSG(k.mm1, ini, resp, 1, 0.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 2 },
        /* R -> I  MM2 (lost after the capture point) */
        { MSG(k.mm2, resp, ini, 2, 0.010), ANN(1001, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3), .resp_to = 1 },
        /* I -> R  MM1 again 5 s later: the initiator never got MM2 */
        { MSG(k.mm1, ini, resp, 3, 5.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_SA_SETUP, MM_WAIT_MSG2), RETX(1, 1), .resp_in = 2,
          .f = { F(RETRANSMISSION, IKD_STEP_MM1, 1, 5000, 1, 1), F(RESPONSE_LOST, IKD_STEP_MM1, IKD_STEP_MM2, 2, IKD_ROLE_INITIATOR) } },
        /* R -> I  MM2 again */
        { MSG(k.mm2, resp, ini, 4, 5.010), ANN(1001, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3), RETX(1, 2), .resp_to = 1,
          .f = { F(RETRANSMISSION, IKD_STEP_MM2, 1, 5000, 2, 1) },
          .v = { F(PEER_NOT_RESPONDING, IKD_STEP_MM2, 2, 5000, 1), F(STUCK_NO_MM3, 1001, 2, 5000) } },
    };
    ikd_engine *e = RUN(rows);
    expect_sa(e, 1001, "1001 main 192.0.2.10:500 > 192.0.2.1:500; MM_SA_SETUP (I MM_SA_SETUP, R MM_SA_SETUP, "
                       "ASA MM_WAIT_MSG3) ACTIVE caps \"\"; frames 1..4, 4 messages, 2 resent; established no; chosen "
                       AES128_SHA_PSK_G14 "; verdict STUCK_NO_MM3");
    done(e);
}

/* A resend less than a second after MM2 crossed it on the wire: nothing lost. */
static void test_mm1_resend_crossing_mm2(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        /* I -> R  MM1 */ { MSG(k.mm1, ini, resp, 1, 0.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 2 },
        /* R -> I  MM2 */ { MSG(k.mm2, resp, ini, 2, 0.010), ANN(1001, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3), .resp_to = 1 },
        /* I -> R  MM1 */ { MSG(k.mm1, ini, resp, 3, 0.500), ANN(1001, MM1, I, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG2), RETX(1, 1), .resp_in = 2,
                            .f = { F(RETRANSMISSION, IKD_STEP_MM1, 1, 500, 1, 1) },
                            .v = { F(CAPTURE_TOO_SHORT, 1001, IKD_IOS_MM_SA_SETUP, IKD_STEP_MM2, 1, 490) } },
    };
    done(RUN(rows));
}

/* --- 5. Stuck in MM_SA_SETUP / MM_KEY_EXCH ------------------------------------------------------- */

static void test_stuck_after_mm2(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        /* I -> R  MM1 */ { MSG(k.mm1, ini, resp, 1, 0.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 2 },
        /* R -> I  MM2 */ { MSG(k.mm2, resp, ini, 2, 0.010), ANN(1001, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3), .resp_to = 1,
                            .v = { F(CAPTURE_TOO_SHORT, 1001, IKD_IOS_MM_SA_SETUP, IKD_STEP_MM2, 1) } },
    };
    done(RUN(rows));
}

static void test_stuck_after_mm3(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        /* I -> R  MM1 */ { MSG(k.mm1, ini, resp, 1, 0.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 2 },
        /* R -> I  MM2 */ { MSG(k.mm2, resp, ini, 2, 0.010), ANN(1001, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3), .resp_to = 1, .resp_in = 3 },
        /* I -> R  MM3 */ { MSG(k.mm3, ini, resp, 3, 0.060), ANN(1001, MM3, I, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG4), .resp_to = 2 },
        /* I -> R  MM3 */ { MSG(k.mm3, ini, resp, 4, 4.060), ANN(1001, MM3, I, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG4), RETX(1, 3), .resp_to = 2,
                            .f = { F(RETRANSMISSION, IKD_STEP_MM3, 1, 4000, 3, 1) },
                            .v = { F(PEER_NOT_RESPONDING, IKD_STEP_MM3, 2, 4000, 1), F(STUCK_NO_MM4, 1001, 2, 4000) } },
    };
    done(RUN(rows));
}

static void test_stuck_after_mm4(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        /* I -> R  MM1 */ { MSG(k.mm1, ini, resp, 1, 0.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 2 },
        /* R -> I  MM2 */ { MSG(k.mm2, resp, ini, 2, 0.010), ANN(1001, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3), .resp_to = 1, .resp_in = 3 },
        /* I -> R  MM3 */ { MSG(k.mm3, ini, resp, 3, 0.060), ANN(1001, MM3, I, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG4), .resp_to = 2, .resp_in = 4 },
        /* R -> I  MM4 */ { MSG(k.mm4, resp, ini, 4, 0.110), ANN(1001, MM4, R, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG5), .resp_to = 3,
                            .v = { F(CAPTURE_TOO_SHORT, 1001, IKD_IOS_MM_KEY_EXCH, IKD_STEP_MM4, 1) } },
    };
    done(RUN(rows));
}

/* --- 6. MM5 refused: pre-shared key mismatch against identity refusal ----------------------------- */

/* MM1..MM4 of main_mode k; MM5's first copy is in frame mm5_frame. */
#define MM1_TO_MM4_THEN(k, mm5_frame)                                                                                             \
    /* I -> R  MM1 */ { MSG((k).mm1, ini, resp, 1, 0.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 2 }, \
    /* R -> I  MM2 */ { MSG((k).mm2, resp, ini, 2, 0.010), ANN(1001, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3), .resp_to = 1, .resp_in = 3 }, \
    /* I -> R  MM3 */ { MSG((k).mm3, ini, resp, 3, 0.060), ANN(1001, MM3, I, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG4), .resp_to = 2, .resp_in = 4 }, \
    /* R -> I  MM4 */ { MSG((k).mm4, resp, ini, 4, 0.110), ANN(1001, MM4, R, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG5), .resp_to = 3, .resp_in = (mm5_frame) }
#define MM1_TO_MM4(k) MM1_TO_MM4_THEN(k, 5)

static void test_psk_mismatch(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM4(k),
        /* I -> R  MM5 */ { MSG(k.mm5, ini, resp, 5, 0.130), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), .resp_to = 4, .resp_in = 6 },
        /* R -> I  INFO (encrypted with the responder's key) */
        { MSG(info_encrypted(ikb_icookie, ikb_rcookie, 0x1a2b3c4d), resp, ini, 6, 0.140), ANN(1001, INFO, R, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, NONE), .resp_to = 5 },
        /* I -> R  MM5: the initiator could not read it */
        { MSG(k.mm5, ini, resp, 7, 4.130), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), RETX(1, 5), .resp_to = 4, .resp_in = 6,
          .f = { F(RETRANSMISSION, IKD_STEP_MM5, 1, 4000, 5, 1) } },
        /* R -> I  INFO */
        { MSG(info_encrypted(ikb_icookie, ikb_rcookie, 0x5e6f7a8b), resp, ini, 8, 4.140), ANN(1001, INFO, R, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, NONE), .resp_to = 5 },
        /* I -> R  MM5 */
        { MSG(k.mm5, ini, resp, 9, 12.130), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), RETX(2, 5), .resp_to = 4, .resp_in = 6,
          .f = { F(RETRANSMISSION, IKD_STEP_MM5, 2, 12000, 5, 1) },
          .v = { F(STUCK_NO_MM6, 1001, 3, 12000, 2) } },
    };
    ikd_engine *e = RUN(rows);
    const ikd_sa *sa = ikd_engine_sa(e, 0);
    g_assert_cmpuint(ikd_v1_rare_const(V1(sa))->phase1_informationals, ==, 2);
    g_assert_cmpuint(ikd_v1_rare_const(V1(sa))->refusal_frame, ==, 6);
    g_assert_true(V1(sa)->refused_step_resent);
    expect_sa(e, 1001, "1001 main 192.0.2.10:500 > 192.0.2.1:500; MM_KEY_EXCH (I MM_KEY_EXCH, R MM_KEY_EXCH, "
                       "ASA MM_WAIT_MSG6) ACTIVE caps \"\"; frames 1..9, 9 messages, 2 resent; established no; chosen "
                       AES128_SHA_PSK_G14 "; verdict STUCK_NO_MM6");
    done(e);
}

static void test_identity_refused(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM4(k),
        /* I -> R  MM5 */ { MSG(k.mm5, ini, resp, 5, 0.130), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), .resp_to = 4, .resp_in = 6 },
        /* R -> I  INFO; the initiator reads it and stops */
        { MSG(info_encrypted(ikb_icookie, ikb_rcookie, 0x1a2b3c4d), resp, ini, 6, 0.140), ANN(1001, INFO, R, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, NONE), .resp_to = 5,
          .v = { F(STUCK_AUTH_REJECTED, 1001, IKD_IOS_MM_KEY_EXCH, IKD_ROLE_RESPONDER, IKD_STEP_MM5) } },
    };
    done(RUN(rows));
}

/* --- 7. NAT traversal ------------------------------------------------------------------------ */

/* The initiator sits behind a PAT router: its UDP 500 leaves as port 1024 and
 * UDP 4500 as 1025. Its MM3 NAT-D source hash is of its own private address. */
static main_mode nat_t_main_mode(void)
{
    main_mode k = main_mode_between(ikb_icookie, ikb_rcookie, &ini_pat, &resp);
    k.mm3 = mm_natd(G_CHECKSUM_SHA1, ikb_icookie, ikb_rcookie, &resp, &ini_private, 0x31);
    return k;
}

#define NAT_T_MM1_TO_MM4(k)                                                                                                         \
    /* I -> R  MM1 */ { MSG((k).mm1, ini_pat, resp, 1, 0.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 2 }, \
    /* R -> I  MM2 */ { MSG((k).mm2, resp, ini_pat, 2, 0.010), ANN(1001, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3), .resp_to = 1, .resp_in = 3 }, \
    /* I -> R  MM3 */ { MSG((k).mm3, ini_pat, resp, 3, 0.060), ANN(1001, MM3, I, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG4), .resp_to = 2, .resp_in = 4, \
                        .f = { F(NAT_DETECTED, IKD_ROLE_INITIATOR, 0, 1) } },                                                             \
    /* R -> I  MM4 */ { MSG((k).mm4, resp, ini_pat, 4, 0.110), ANN(1001, MM4, R, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG5), .resp_to = 3, .resp_in = 5 }

static void test_nat_t_float(void)
{
    main_mode k = nat_t_main_mode();
    const row rows[] = {
        NAT_T_MM1_TO_MM4(k),
        /* I -> R  MM5 on 4500 */ { MSG(k.mm5, ini_pat_nat, resp_nat, 5, 0.130), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), .resp_to = 4, .resp_in = 6 },
        /* R -> I  MM6 on 4500 */ { MSG(k.mm6, resp_nat, ini_pat_nat, 6, 0.150), ANN(1001, MM6, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 5 },
        /* I -> R  QM1 */ { MSG(qm(ikb_icookie, ikb_rcookie, QM_A, 0), ini_pat_nat, resp_nat, 7, 0.160), ANN(1001, QM1, I, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_in = 8 },
        /* R -> I  QM2 */ { MSG(qm(ikb_icookie, ikb_rcookie, QM_A, 1), resp_nat, ini_pat_nat, 8, 0.180), ANN(1001, QM2, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 7, .resp_in = 9 },
        /* I -> R  QM3 */ { MSG(qm(ikb_icookie, ikb_rcookie, QM_A, 2), ini_pat_nat, resp_nat, 9, 0.190), ANN(1001, QM3, I, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 8 },
    };
    ikd_engine *e = RUN(rows);
    expect_sa(e, 1001, "1001 main 192.0.2.10:1025 > 192.0.2.1:4500; QM_IDLE (I QM_IDLE, R QM_IDLE, ASA MM_ACTIVE) "
                       "ACTIVE caps \"N\"; frames 1..9, 9 messages, 0 resent; established in frame 6; chosen "
                       AES128_SHA_PSK_G14 "; verdict -");
    const ikd_sa *sa = ikd_engine_sa(e, 0);
    g_assert_cmpuint(sa->nat_behind, ==, 1);
    g_assert_cmpuint(ikd_sa_nat_t_frame(sa), ==, 5);
    g_assert_cmpint(ikd_sa_extra_const(sa)->nat_t_peer, ==, 0);
    g_assert_true(ikd_sa_extra_const(sa)->nat_t_answered);
    g_assert_true(ikd_v1_step_const(V1(sa), 5)->on_nat_t);
    g_assert_false(ikd_v1_step_const(V1(sa), 4)->on_nat_t);
    done(e);
}

static void test_nat_t_blocked(void)
{
    main_mode k = nat_t_main_mode();
    const row rows[] = {
        NAT_T_MM1_TO_MM4(k),
        /* I -> R  MM5 on 4500 */ { MSG(k.mm5, ini_pat_nat, resp_nat, 5, 0.130), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), .resp_to = 4 },
        /* I -> R  MM5 on 4500 */ { MSG(k.mm5, ini_pat_nat, resp_nat, 6, 4.130), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), RETX(1, 5), .resp_to = 4,
                                    .f = { F(RETRANSMISSION, IKD_STEP_MM5, 1, 4000, 5, 1) } },
        /* I -> R  MM5 on 4500 */ { MSG(k.mm5, ini_pat_nat, resp_nat, 7, 12.130), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), RETX(2, 5), .resp_to = 4,
                                    .f = { F(RETRANSMISSION, IKD_STEP_MM5, 2, 12000, 5, 1) },
                                    .v = { F(PEER_NOT_RESPONDING, IKD_STEP_MM5, 3, 12000, 1), F(STUCK_NAT_T_BLOCKED, 1001, IKD_STEP_MM5, 12000) } },
    };
    ikd_engine *e = RUN(rows);
    expect_sa(e, 1001, "1001 main 192.0.2.10:1025 > 192.0.2.1:500; MM_KEY_EXCH (I MM_KEY_EXCH, R MM_KEY_EXCH, "
                       "ASA MM_WAIT_MSG6) ACTIVE caps \"N\"; frames 1..7, 7 messages, 2 resent; established no; chosen "
                       AES128_SHA_PSK_G14 "; verdict STUCK_NAT_T_BLOCKED");
    g_assert_false(ikd_sa_extra_const(ikd_engine_sa(e, 0))->nat_t_answered);
    done(e);
}

/* --- 8. Aggressive mode ------------------------------------------------------------------------- */

typedef struct {
    const ikb_msg *am1, *am2, *am3;
} aggressive_mode;

static aggressive_mode standard_aggressive_mode(void)
{
    aggressive_mode k;
    k.am1 = keep(ikb_canned_am1());
    k.am2 = keep(ikb_canned_am2());
    k.am3 = keep(ikb_encrypted(ikb_icookie, ikb_rcookie, EX_AGGRESSIVE, 0, PL_HASH, 32, 0x9c));
    return k;
}

static void test_aggressive_success(void)
{
    aggressive_mode k = standard_aggressive_mode();
    const row rows[] = {
        /* I -> R  AM1 */ { MSG(k.am1, ini, resp, 1, 0.000), ANN(1001, AM1, I, AG_NO_STATE, AG_NO_STATE, AG_NO_STATE, AM_WAIT_MSG2), .resp_in = 2 },
        /* R -> I  AM2 */ { MSG(k.am2, resp, ini, 2, 0.050), ANN(1001, AM2, R, AG_INIT_EXCH, AG_INIT_EXCH, AG_INIT_EXCH, AM_WAIT_MSG3), .resp_to = 1, .resp_in = 3,
                            .f = { F(AGGRESSIVE_PSK, 0) } },
        /* I -> R  AM3 */ { MSG(k.am3, ini, resp, 3, 0.080), ANN(1001, AM3, I, QM_IDLE, QM_IDLE, QM_IDLE, AM_ACTIVE), .resp_to = 2 },
        /* I -> R  QM1 */ { MSG(qm(ikb_icookie, ikb_rcookie, QM_A, 0), ini, resp, 4, 0.100), ANN(1001, QM1, I, QM_IDLE, QM_IDLE, QM_IDLE, AM_ACTIVE), .resp_in = 5 },
        /* R -> I  QM2 */ { MSG(qm(ikb_icookie, ikb_rcookie, QM_A, 1), resp, ini, 5, 0.120), ANN(1001, QM2, R, QM_IDLE, QM_IDLE, QM_IDLE, AM_ACTIVE), .resp_to = 4, .resp_in = 6 },
        /* I -> R  QM3 */ { MSG(qm(ikb_icookie, ikb_rcookie, QM_A, 2), ini, resp, 6, 0.130), ANN(1001, QM3, I, QM_IDLE, QM_IDLE, QM_IDLE, AM_ACTIVE), .resp_to = 5 },
    };
    ikd_engine *e = RUN(rows);
    expect_sa(e, 1001, "1001 aggressive 192.0.2.10:500 > 192.0.2.1:500; QM_IDLE (I QM_IDLE, R QM_IDLE, ASA AM_ACTIVE) "
                       "ACTIVE caps \"\"; frames 1..6, 6 messages, 0 resent; established in frame 3; chosen "
                       AES128_SHA_PSK_G14 "; verdict -");
    done(e);
}

static void test_aggressive_am1_unanswered(void)
{
    aggressive_mode k = standard_aggressive_mode();
    const row rows[] = {
        /* I -> R  AM1 */ { MSG(k.am1, ini, resp, 1, 0.0), ANN(1001, AM1, I, AG_NO_STATE, AG_NO_STATE, AG_NO_STATE, AM_WAIT_MSG2) },
        /* I -> R  AM1 */ { MSG(k.am1, ini, resp, 2, 4.0), ANN(1001, AM1, I, AG_NO_STATE, AG_NO_STATE, AG_NO_STATE, AM_WAIT_MSG2), RETX(1, 1),
                            .f = { F(RETRANSMISSION, IKD_STEP_AM1, 1, 4000, 1, 1) } },
        /* I -> R  AM1 */ { MSG(k.am1, ini, resp, 3, 12.0), ANN(1001, AM1, I, AG_NO_STATE, AG_NO_STATE, AG_NO_STATE, AM_WAIT_MSG2), RETX(2, 1),
                            .f = { F(RETRANSMISSION, IKD_STEP_AM1, 2, 12000, 1, 1) },
                            .v = { F(PEER_NOT_RESPONDING, IKD_STEP_AM1, 3, 12000, 1), F(STUCK_AG_NO_STATE, 1001, 3, 12000) } },
    };
    done(RUN(rows));
}

/* The initiator cannot verify AM2 and says so encrypted; the responder cannot
 * read that (different keys) and resends AM2: a key mismatch. */
static void test_aggressive_psk_mismatch(void)
{
    aggressive_mode k = standard_aggressive_mode();
    const row rows[] = {
        /* I -> R  AM1 */ { MSG(k.am1, ini, resp, 1, 0.000), ANN(1001, AM1, I, AG_NO_STATE, AG_NO_STATE, AG_NO_STATE, AM_WAIT_MSG2), .resp_in = 2 },
        /* R -> I  AM2 */ { MSG(k.am2, resp, ini, 2, 0.050), ANN(1001, AM2, R, AG_INIT_EXCH, AG_INIT_EXCH, AG_INIT_EXCH, AM_WAIT_MSG3), .resp_to = 1, .resp_in = 3,
                            .f = { F(AGGRESSIVE_PSK, 0) } },
        /* I -> R  INFO */ { MSG(info_encrypted(ikb_icookie, ikb_rcookie, 0x0badcafe), ini, resp, 3, 0.080), ANN(1001, INFO, I, AG_INIT_EXCH, AG_INIT_EXCH, AG_INIT_EXCH, NONE), .resp_to = 2 },
        /* R -> I  AM2 */ { MSG(k.am2, resp, ini, 4, 4.050), ANN(1001, AM2, R, AG_INIT_EXCH, AG_INIT_EXCH, AG_INIT_EXCH, AM_WAIT_MSG3), RETX(1, 2), .resp_to = 1, .resp_in = 3,
                            .f = { F(RETRANSMISSION, IKD_STEP_AM2, 1, 4000, 2, 1) } },
        /* I -> R  INFO */ { MSG(info_encrypted(ikb_icookie, ikb_rcookie, 0x0badf00d), ini, resp, 5, 4.080), ANN(1001, INFO, I, AG_INIT_EXCH, AG_INIT_EXCH, AG_INIT_EXCH, NONE), .resp_to = 2 },
        /* R -> I  AM2 */ { MSG(k.am2, resp, ini, 6, 12.050), ANN(1001, AM2, R, AG_INIT_EXCH, AG_INIT_EXCH, AG_INIT_EXCH, AM_WAIT_MSG3), RETX(2, 2), .resp_to = 1, .resp_in = 3,
                            .f = { F(RETRANSMISSION, IKD_STEP_AM2, 2, 12000, 2, 1) },
                            .v = { F(STUCK_AG_INIT_EXCH, 1001, 3, 12000, 2) } },
    };
    done(RUN(rows));
}

static void test_aggressive_auth_refused(void)
{
    aggressive_mode k = standard_aggressive_mode();
    const row rows[] = {
        /* I -> R  AM1 */ { MSG(k.am1, ini, resp, 1, 0.000), ANN(1001, AM1, I, AG_NO_STATE, AG_NO_STATE, AG_NO_STATE, AM_WAIT_MSG2), .resp_in = 2 },
        /* R -> I  AM2 */ { MSG(k.am2, resp, ini, 2, 0.050), ANN(1001, AM2, R, AG_INIT_EXCH, AG_INIT_EXCH, AG_INIT_EXCH, AM_WAIT_MSG3), .resp_to = 1, .resp_in = 3,
                            .f = { F(AGGRESSIVE_PSK, 0) } },
        /* I -> R  INFO */ { MSG(info_encrypted(ikb_icookie, ikb_rcookie, 0x0badcafe), ini, resp, 3, 0.080), ANN(1001, INFO, I, AG_INIT_EXCH, AG_INIT_EXCH, AG_INIT_EXCH, NONE), .resp_to = 2,
                             .v = { F(STUCK_AUTH_REJECTED, 1001, IKD_IOS_AG_INIT_EXCH, IKD_ROLE_INITIATOR, IKD_STEP_AM2) } },
    };
    done(RUN(rows));
}

/* --- 9. Quick mode ---------------------------------------------------------------------------------- */

#define MM1_TO_MM6(k)                                                                                                             \
    MM1_TO_MM4(k),                                                                                                                \
    /* I -> R  MM5 */ { MSG((k).mm5, ini, resp, 5, 0.130), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), .resp_to = 4, .resp_in = 6 }, \
    /* R -> I  MM6 */ { MSG((k).mm6, resp, ini, 6, 0.150), ANN(1001, MM6, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 5 }

#define QM_ROW(id_, k_, src_, dst_, frame_, time_, step_, by_) \
    MSG(qm(ikb_icookie, ikb_rcookie, (id_), (k_)), src_, dst_, frame_, time_), ANN(1001, step_, by_, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE)

static void test_quick_mode_interleaved(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM6(k),
        /* two exchanges at once */
        /* I -> R  QM1 (A) */ { QM_ROW(QM_A, 0, ini, resp, 7, 1.000, QM1, I), .resp_in = 9 },
        /* I -> R  QM1 (B) */ { QM_ROW(QM_B, 0, ini, resp, 8, 1.001, QM1, I), .resp_in = 10 },
        /* R -> I  QM2 (A) */ { QM_ROW(QM_A, 1, resp, ini, 9, 1.020, QM2, R), .resp_to = 7, .resp_in = 12 },
        /* R -> I  QM2 (B) */ { QM_ROW(QM_B, 1, resp, ini, 10, 1.021, QM2, R), .resp_to = 8, .resp_in = 11 },
        /* I -> R  QM3 (B) */ { QM_ROW(QM_B, 2, ini, resp, 11, 1.030, QM3, I), .resp_to = 10 },
        /* I -> R  QM3 (A) */ { QM_ROW(QM_A, 2, ini, resp, 12, 1.031, QM3, I), .resp_to = 9 },
        /* a QM1 resent before its answer came */
        /* I -> R  QM1 (C) */ { QM_ROW(QM_C, 0, ini, resp, 13, 2.000, QM1, I), .resp_in = 15 },
        /* I -> R  QM1 (C) */ { QM_ROW(QM_C, 0, ini, resp, 14, 6.000, QM1, I), RETX(1, 13), .resp_in = 15,
                                .f = { F(RETRANSMISSION, IKD_STEP_QM1, 1, 4000, 13, 2) } },
        /* R -> I  QM2 (C) */ { QM_ROW(QM_C, 1, resp, ini, 15, 6.020, QM2, R), .resp_to = 13, .resp_in = 16 },
        /* I -> R  QM3 (C) */ { QM_ROW(QM_C, 2, ini, resp, 16, 6.030, QM3, I), .resp_to = 15 },
        /* the phase-1 responder starts a quick mode of its own */
        /* R -> I  QM1 (D) */ { QM_ROW(QM_D, 0, resp, ini, 17, 7.000, QM1, R), .resp_in = 18 },
        /* I -> R  QM2 (D) */ { QM_ROW(QM_D, 1, ini, resp, 18, 7.020, QM2, I), .resp_to = 17, .resp_in = 19 },
        /* R -> I  QM3 (D) */ { QM_ROW(QM_D, 2, resp, ini, 19, 7.030, QM3, R), .resp_to = 18 },
    };
    ikd_engine *e = RUN(rows);
    const ikd_sa *sa = ikd_engine_sa(e, 0);
    g_assert_cmpuint(ikd_v1_quick_mode_count(V1(sa)), ==, 4);
    g_assert_cmpint(ikd_v1_quick_mode_at(V1(sa), 3)->initiator_peer, ==, 1);
    g_assert_cmpuint(ikd_sa_retransmissions(sa), ==, 1);
    done(e);
}

static void test_quick_mode_rejected(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM6(k),
        /* I -> R  QM1 */ { QM_ROW(QM_A, 0, ini, resp, 7, 1.000, QM1, I),
                            .v = { F(STUCK_PHASE2_REJECTED, QM_A, 7) } },
        /* R -> I  INFO (NO-PROPOSAL-CHOSEN inside) */
        { MSG(info_encrypted(ikb_icookie, ikb_rcookie, 0x3c4d5e6f), resp, ini, 8, 1.020), ANN(1001, INFO, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE) },
    };
    ikd_engine *e = RUN(rows);
    g_assert_cmpuint(ikd_v1_quick_mode_at(V1(ikd_engine_sa(e, 0)), 0)->rejected_by_info, ==, 8);
    expect_sa(e, 1001, "1001 main 192.0.2.10:500 > 192.0.2.1:500; QM_IDLE (I QM_IDLE, R QM_IDLE, ASA MM_ACTIVE) ACTIVE "
                       "caps \"\"; frames 1..8, 8 messages, 0 resent; established in frame 6; chosen "
                       AES128_SHA_PSK_G14 "; verdict STUCK_PHASE2_REJECTED");
    done(e);
}

/* A notification travelling the same way does not count once QM2 follows. */
static void test_quick_mode_info_then_qm2(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM6(k),
        /* I -> R  QM1 */  { QM_ROW(QM_A, 0, ini, resp, 7, 1.000, QM1, I), .resp_in = 9 },
        /* R -> I  INFO */ { MSG(info_encrypted(ikb_icookie, ikb_rcookie, 0x3c4d5e6f), resp, ini, 8, 1.010), ANN(1001, INFO, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE) },
        /* R -> I  QM2 */  { QM_ROW(QM_A, 1, resp, ini, 9, 1.020, QM2, R), .resp_to = 7, .resp_in = 10 },
        /* I -> R  QM3 */  { QM_ROW(QM_A, 2, ini, resp, 10, 1.030, QM3, I), .resp_to = 9 },
    };
    done(RUN(rows));
}

static void test_quick_mode_no_qm3(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM6(k),
        /* I -> R  QM1 */ { QM_ROW(QM_A, 0, ini, resp, 7, 1.000, QM1, I), .resp_in = 8 },
        /* R -> I  QM2 */ { QM_ROW(QM_A, 1, resp, ini, 8, 1.020, QM2, R), .resp_to = 7,
                            .v = { F(CAPTURE_TOO_SHORT, 1001, IKD_IOS_QM_IDLE, IKD_STEP_QM2, 1) } },
    };
    done(RUN(rows));
}

static void test_quick_mode_before_auth(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM4(k),
        /* I -> R  MM5 */ { MSG(k.mm5, ini, resp, 5, 0.130), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), .resp_to = 4 },
        /* I -> R  QM1 without MM6 */
        { MSG(qm(ikb_icookie, ikb_rcookie, QM_A, 0), ini, resp, 6, 0.200), ANN(1001, QM1, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, NONE),
          .f = { F(QM_BEFORE_AUTH, IKD_IOS_MM_KEY_EXCH) },
          .v = { F(CAPTURE_TOO_SHORT, 1001, IKD_IOS_MM_KEY_EXCH, IKD_STEP_MM5, 1, 70) } },
    };
    done(RUN(rows));
}

/* QM2 lost on the way: the quick-mode initiator resends QM1 (byte for byte;
 * a QM1 is long, a QM3 a bare hash) four seconds after QM2 was seen. */
static void test_quick_mode_qm2_lost(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM6(k),
        /* I -> R  QM1 */ { QM_ROW(QM_A, 0, ini, resp, 7, 1.000, QM1, I), .resp_in = 8 },
        /* R -> I  QM2 */ { QM_ROW(QM_A, 1, resp, ini, 8, 1.020, QM2, R), .resp_to = 7, .resp_in = 11 },
        /* I -> R  QM1 */ { QM_ROW(QM_A, 0, ini, resp, 9, 5.000, QM1, I), RETX(1, 7), .resp_in = 8,
                            .f = { F(RETRANSMISSION, IKD_STEP_QM1, 1, 4000, 7, 2),
                                   F(RESPONSE_LOST, IKD_STEP_QM1, IKD_STEP_QM2, 8, IKD_ROLE_INITIATOR) } },
        /* R -> I  QM2 */ { QM_ROW(QM_A, 1, resp, ini, 10, 5.020, QM2, R), RETX(1, 8), .resp_to = 7, .resp_in = 11,
                            .f = { F(RETRANSMISSION, IKD_STEP_QM2, 1, 4000, 8, 2) } },
        /* I -> R  QM3 */ { QM_ROW(QM_A, 2, ini, resp, 11, 5.030, QM3, I), .resp_to = 8 },
    };
    done(RUN(rows));
}

/* --- 10. Several SAs at once -------------------------------------------------------------------------- */

static void test_interleaved_sas(void)
{
    main_mode b = main_mode_between(ic_b, rc_b, &ini, &resp);
    main_mode c = main_mode_between(ic_c, rc_c, &peer2, &resp);
    const ikb_msg *a_mm1 = keep(ikb_canned_mm1());
    const ikb_msg *d_mm1 = keep(ikb_with_cookies(ikb_canned_mm1(), ic_d, zero));
    const row rows[] = {
        /* I -> R    MM1 (A) */ { MSG(a_mm1, ini, resp, 1, 0.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2) },
        /* I -> R    MM1 (B) */ { MSG(b.mm1, ini, resp, 2, 0.100), ANN(1002, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 4 },
        /* P2 -> R   MM1 (C) */ { MSG(c.mm1, peer2, resp, 3, 0.200), ANN(1003, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 5 },
        /* R -> I    MM2 (B) */ { MSG(b.mm2, resp, ini, 4, 0.300), ANN(1002, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3), .resp_to = 2, .resp_in = 6 },
        /* R -> P2   MM2 (C) */ { MSG(c.mm2, resp, peer2, 5, 0.400), ANN(1003, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3), .resp_to = 3, .resp_in = 7 },
        /* I -> R    MM3 (B) */ { MSG(b.mm3, ini, resp, 6, 0.500), ANN(1002, MM3, I, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG4), .resp_to = 4, .resp_in = 8 },
        /* P2 -> R   MM3 (C) */ { MSG(c.mm3, peer2, resp, 7, 0.600), ANN(1003, MM3, I, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG4), .resp_to = 5, .resp_in = 9 },
        /* R -> I    MM4 (B) */ { MSG(b.mm4, resp, ini, 8, 0.700), ANN(1002, MM4, R, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG5), .resp_to = 6, .resp_in = 10 },
        /* R -> P2   MM4 (C), then C stops */
        { MSG(c.mm4, resp, peer2, 9, 0.800), ANN(1003, MM4, R, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG5), .resp_to = 7,
          .v = { F(CAPTURE_TOO_SHORT, 1003, IKD_IOS_MM_KEY_EXCH, IKD_STEP_MM4, 1, 10230) } },
        /* I -> R    MM5 (B) */ { MSG(b.mm5, ini, resp, 10, 0.900), ANN(1002, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), .resp_to = 8, .resp_in = 11 },
        /* R -> I    MM6 (B) */ { MSG(b.mm6, resp, ini, 11, 1.000), ANN(1002, MM6, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 10 },
        /* I -> R    MM1 (A) */ { MSG(a_mm1, ini, resp, 12, 4.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), RETX(1, 1),
                                  .f = { F(RETRANSMISSION, IKD_STEP_MM1, 1, 4000, 1, 1) },
                                  .v = { F(PEER_NOT_RESPONDING, IKD_STEP_MM1, 2, 4000, 1), F(STUCK_MM_NO_STATE, 1001, 2, 4000) } },
        /* I -> R    MM1 (D): a new try between the same peers abandons A */
        { MSG(d_mm1, ini, resp, 13, 10.000), ANN(1004, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2),
          .v = { F(CAPTURE_TOO_SHORT, 1004, IKD_IOS_MM_NO_STATE, IKD_STEP_MM1, 1, 1030) } },
        /* an SA whose phase 1 is older than the capture */
        /* P3 -> R   QM1 (E) */ { MSG(qm(ic_e, rc_e, QM_A, 0), peer3, resp, 14, 11.000), ANN(1005, QM1, U, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_in = 15 },
        /* R -> P3   QM2 (E) */ { MSG(qm(ic_e, rc_e, QM_A, 1), resp, peer3, 15, 11.020), ANN(1005, QM2, U, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 14, .resp_in = 16 },
        /* P3 -> R   QM3 (E) */ { MSG(qm(ic_e, rc_e, QM_A, 2), peer3, resp, 16, 11.030), ANN(1005, QM3, U, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 15 },
    };
    ikd_engine *e = RUN(rows);
    g_assert_cmpuint(ikd_engine_sa_count(e), ==, 5);
    expect_sa(e, 1001, "1001 main 192.0.2.10:500 > 192.0.2.1:500; MM_NO_STATE (I MM_NO_STATE, R MM_NO_STATE, "
                       "ASA MM_WAIT_MSG2) ACTIVE (deleted) caps \"\"; frames 1..12, 2 messages, 1 resent; "
                       "established no; chosen -; verdict STUCK_MM_NO_STATE");
    expect_sa(e, 1002, "1002 main 192.0.2.10:500 > 192.0.2.1:500; QM_IDLE (I QM_IDLE, R QM_IDLE, ASA MM_ACTIVE) "
                       "ACTIVE caps \"\"; frames 2..11, 6 messages, 0 resent; established in frame 11; chosen "
                       AES128_SHA_PSK_G14 "; verdict -");
    expect_sa(e, 1003, "1003 main 198.51.100.20:500 > 192.0.2.1:500; MM_KEY_EXCH (I MM_KEY_EXCH, R MM_KEY_EXCH, "
                       "ASA MM_WAIT_MSG5) ACTIVE caps \"\"; frames 3..9, 4 messages, 0 resent; established no; chosen "
                       AES128_SHA_PSK_G14 "; verdict CAPTURE_TOO_SHORT");
    expect_sa(e, 1004, "1004 main 192.0.2.10:500 > 192.0.2.1:500; MM_NO_STATE (I MM_NO_STATE, R MM_NO_STATE, "
                       "ASA MM_WAIT_MSG2) ACTIVE caps \"\"; frames 13..13, 1 messages, 0 resent; established no; "
                       "chosen -; verdict CAPTURE_TOO_SHORT");
    expect_sa(e, 1005, "1005 - 203.0.113.5:500 > 192.0.2.1:500 (roles unknown); QM_IDLE (I QM_IDLE, R QM_IDLE, ASA -) "
                       "ACTIVE caps \"\"; frames 14..16, 3 messages, 0 resent; established before capture; chosen -; "
                       "verdict -");
    g_assert_null(ikd_engine_sa_by_conn_id(e, 1006));
    g_assert_null(ikd_engine_sa_by_conn_id(e, 0));
    done(e);
}

/* A stuck SA counts as abandoned once the capture runs on 60 s after it. */
static void test_abandoned_after_a_minute(void)
{
    const ikb_msg *a = keep(ikb_canned_mm1());
    const ikb_msg *b = keep(ikb_with_cookies(ikb_canned_mm1(), ic_b, zero));
    const row rows[] = {
        /* I -> R    MM1 (A) */ { MSG(a, ini, resp, 1, 0.0), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2),
                                  .v = { F(CAPTURE_TOO_SHORT, 1001, IKD_IOS_MM_NO_STATE, IKD_STEP_MM1, 1, 59900) } },
        /* P2 -> R   MM1 (B) */ { MSG(b, peer2, resp, 2, 59.9), ANN(1002, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2),
                                  .v = { F(CAPTURE_TOO_SHORT, 1002, IKD_IOS_MM_NO_STATE, IKD_STEP_MM1, 1) } },
    };
    ikd_engine *e = RUN(rows);
    g_assert_cmpstr(ikd_sa_status(ikd_engine_sa(e, 0)), ==, "ACTIVE");
    done(e);

    row later[G_N_ELEMENTS(rows)];
    memcpy(later, rows, sizeof rows);
    later[1].time = 60.0;
    later[0].v[0].arg[4] = 60000; /* the capture now ends 60.0 s after MM1 (A) */
    e = RUN(later);
    g_assert_cmpstr(ikd_sa_status(ikd_engine_sa(e, 0)), ==, "ACTIVE (deleted)");
    g_assert_cmpstr(ikd_sa_status(ikd_engine_sa(e, 1)), ==, "ACTIVE");
    done(e);
}

/* Verdicts and status are "computed from everything fed so far": asking in
 * the middle of the capture must not change what is said at its end. */
static void test_status_does_not_depend_on_asking_early(void)
{
    main_mode k = standard_main_mode();
    const ikb_msg *b = keep(ikb_with_cookies(ikb_canned_mm1(), ic_b, zero));
    const row rows[] = {
        /* I -> R    MM1 (A) */ { MSG(k.mm1, ini, resp, 1, 0.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 2 },
        /* R -> I    MM2 (A) */ { MSG(k.mm2, resp, ini, 2, 0.010), ANN(1001, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3), .resp_to = 1 },
        /* P2 -> R   MM1 (B) */ { MSG(b, peer2, resp, 3, 61.000), ANN(1002, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2),
                                  .v = { F(CAPTURE_TOO_SHORT, 1002, IKD_IOS_MM_NO_STATE, IKD_STEP_MM1, 1, 1000) } },
        /* I -> R    MM1 (A), MM2 never arrived */
        { MSG(k.mm1, ini, resp, 4, 62.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_SA_SETUP, MM_WAIT_MSG2), RETX(1, 1), .resp_in = 2,
          .f = { F(RETRANSMISSION, IKD_STEP_MM1, 1, 62000, 1, 1), F(RESPONSE_LOST, IKD_STEP_MM1, IKD_STEP_MM2, 2, IKD_ROLE_INITIATOR) },
          .v = { F(CAPTURE_TOO_SHORT, 1001, IKD_IOS_MM_NO_STATE, IKD_STEP_MM2, 1, 61990) } },
    };
    /* Asked only at the end: A was last heard of at 62 s, the capture ends at 62 s. */
    ikd_engine *e = RUN(rows);
    g_assert_cmpstr(ikd_sa_status(ikd_engine_sa(e, 0)), ==, "ACTIVE");
    done(e);

    /* Asked after frame 3 too, when A had been silent for 61 s. */
    e = ikd_engine_new();
    feed_rows(e, rows, 0, 3);
    g_assert_cmpstr(ikd_sa_status(ikd_engine_sa(e, 0)), ==, "ACTIVE (deleted)");
    feed_rows(e, rows, 3, G_N_ELEMENTS(rows));
    check_links(e, rows, G_N_ELEMENTS(rows));
    g_assert_cmpstr(ikd_sa_status(ikd_engine_sa(e, 0)), ==, "ACTIVE");
    done(e);
}

/* A message that belongs to no SA still moves the end of the capture on, so
 * it can make a stuck SA abandoned, whether or not anyone asked before it. */
static void test_status_after_untracked_message(void)
{
    static const uint8_t runt[8] = { 1, 2, 3, 4, 5, 6, 7, 8 };
    const row rows[] = {
        /* I -> R  MM1 */ { MSG(keep(ikb_canned_mm1()), ini, resp, 1, 0.0), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2),
                            .v = { F(CAPTURE_TOO_SHORT, 1001, IKD_IOS_MM_NO_STATE, IKD_STEP_MM1, 1, 100000) } },
        /* I -> R  8 bytes */ { MSG(raw(runt, sizeof runt), ini, resp, 2, 100.0), UNTRACKED, .f = { F(HEADER_SHORT, 8) } },
    };
    ikd_engine *e = RUN(rows);
    g_assert_cmpstr(ikd_sa_status(ikd_engine_sa(e, 0)), ==, "ACTIVE (deleted)");
    done(e);

    e = ikd_engine_new();
    feed_rows(e, rows, 0, 1);
    g_assert_cmpstr(ikd_sa_status(ikd_engine_sa(e, 0)), ==, "ACTIVE");
    feed_rows(e, rows, 1, 2);
    g_assert_cmpfloat(ikd_engine_last_time(e), ==, 100.0);
    g_assert_cmpstr(ikd_sa_status(ikd_engine_sa(e, 0)), ==, "ACTIVE (deleted)");
    done(e);
}

/* A capture that starts in the middle of main mode (first seen: MM3) and
 * then sees quick mode: phase 1 completed in the capture, so quick mode is
 * not "before phase 1 completed", and the SA ends in QM_IDLE. */
static void test_capture_starts_mid_main_mode(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        /* I -> R  MM3: both on port 500, so the roles are a guess */
        { MSG(k.mm3, ini, resp, 1, 0.060), ANN(1001, MM3, I, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG4), .resp_in = 2,
          .f = { F(STARTED_LATE_GUESS, 1001, IKD_STEP_MM3) } },
        /* R -> I  MM4: the answer bears the guess out */
        { MSG(k.mm4, resp, ini, 2, 0.110), ANN(1001, MM4, R, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG5), .resp_to = 1, .resp_in = 3 },
        /* I -> R  MM5 */ { MSG(k.mm5, ini, resp, 3, 0.130), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), .resp_to = 2, .resp_in = 4 },
        /* R -> I  MM6 */ { MSG(k.mm6, resp, ini, 4, 0.150), ANN(1001, MM6, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 3 },
        /* I -> R  QM1 */ { MSG(qm(ikb_icookie, ikb_rcookie, QM_A, 0), ini, resp, 5, 0.160), ANN(1001, QM1, I, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_in = 6 },
        /* R -> I  QM2 */ { MSG(qm(ikb_icookie, ikb_rcookie, QM_A, 1), resp, ini, 6, 0.180), ANN(1001, QM2, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 5, .resp_in = 7 },
        /* I -> R  QM3 */ { MSG(qm(ikb_icookie, ikb_rcookie, QM_A, 2), ini, resp, 7, 0.190), ANN(1001, QM3, I, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 6 },
    };
    done(RUN(rows));
}

/* The capture starts at the responder's MM4, taken at first for an MM3 from
 * its sender; the initiator's encrypted MM5 in answer sets the roles right. */
static void test_capture_starts_at_mm4(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        { MSG(k.mm4, resp, ini, 1, 0.110), ANN(1001, MM3, I, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG4), .resp_in = 2,
          .f = { F(STARTED_LATE_GUESS, 1001, IKD_STEP_MM3) } },
        { MSG(k.mm5, ini, resp, 2, 0.130), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), .resp_to = 1,
          .resp_in = 3 },
        { MSG(k.mm6, resp, ini, 3, 0.150), ANN(1001, MM6, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 2 },
    };
    ikd_engine *e = RUN(rows);
    expect_sa(e, 1001, "1001 main 192.0.2.10:500 > 192.0.2.1:500; QM_IDLE (I QM_IDLE, R QM_IDLE, ASA MM_ACTIVE) "
                       "ACTIVE caps \"\"; frames 1..3, 3 messages, 0 resent; established in frame 3; chosen -; verdict -");
    done(e);
}

/* The ports tell the roles when only one side uses the IKE port: an MM4
 * from port 500 to a NAT's port 20000 comes from the responder. */
static void test_capture_starts_at_mm4_behind_nat(void)
{
    main_mode k = standard_main_mode();
    const endpoint natted = { { 4, { 198, 51, 100, 7 } }, 20000 };
    const row rows[] = {
        { MSG(k.mm4, resp, natted, 1, 0.110), ANN(1001, MM4, R, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG5),
          .f = { F(STARTED_LATE, 1001, IKD_STEP_MM4) },
          .v = { F(CAPTURE_TOO_SHORT, 1001, IKD_IOS_MM_KEY_EXCH, IKD_STEP_MM4, 1) } },
    };
    ikd_engine *e = RUN(rows);
    g_assert_true(V1(ikd_engine_sa(e, 0))->roles_confirmed);
    done(e);
}

/* --- 11. Binding the responder cookie ------------------------------------------------------------------ */

static void test_responder_cookie_binding(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        /* I -> R  MM1, rcookie 0 */ { MSG(k.mm1, ini, resp, 1, 0.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 2 },
        /* R -> I  MM2, rcookie r1: binds 1001 */
        { MSG(k.mm2, resp, ini, 2, 0.010), ANN(1001, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3), .resp_to = 1, .resp_in = 4 },
        /* R -> I  MM2 with another rcookie r2: 1001 is bound to r1, so a new SA */
        { MSG(keep(ikb_with_cookies(ikb_canned_mm2(), ikb_icookie, rc_2)), resp, ini, 3, 0.020),
          ANN(1002, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3) },
        /* I -> R  MM3, rcookie r1: back to 1001 */
        { MSG(k.mm3, ini, resp, 4, 0.060), ANN(1001, MM3, I, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG4), .resp_to = 2,
          .v = { F(CAPTURE_TOO_SHORT, 1001, IKD_IOS_MM_SA_SETUP, IKD_STEP_MM3, 1, 10) } },
        /* R -> I  INFO, rcookie 0: the newest SA with that icookie */
        { MSG(keep(ikb_canned_info_nopc()), resp, ini, 5, 0.070), ANN(1002, INFO, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, NONE),
          .f = { F(NOTIFY_NO_PROPOSAL_CHOSEN, IKD_ROLE_RESPONDER, 14) },
          .v = { F(STUCK_PHASE1_REJECTED, 1002, IKD_IOS_MM_SA_SETUP, 14, IKD_ROLE_RESPONDER) } },
    };
    ikd_engine *e = RUN(rows);
    const ikd_sa *first = ikd_engine_sa(e, 0), *second = ikd_engine_sa(e, 1);
    g_assert_true(first->spi_r_known);
    g_assert_cmpmem(first->spi_r, 8, ikb_rcookie, 8);
    g_assert_true(second->spi_r_known);
    g_assert_cmpmem(second->spi_r, 8, rc_2, 8);
    g_assert_cmpmem(second->spi_i, 8, ikb_icookie, 8);
    expect_sa(e, 1002, "1002 main 192.0.2.10:500 > 192.0.2.1:500; MM_SA_SETUP (I MM_SA_SETUP, R MM_SA_SETUP, "
                       "ASA MM_WAIT_MSG3) ACTIVE (deleted) caps \"\"; frames 3..5, 2 messages, 0 resent; established no; "
                       "chosen " AES128_SHA_PSK_G14 "; verdict STUCK_PHASE1_REJECTED");
    done(e);
}

/* --- 12. Cisco IKE fragments ---------------------------------------------------------------------------- */

static void fragmented_mm5(bool rebuilt)
{
    main_mode k = standard_main_mode();
    ikb_msg *frag[3];
    ikb_cisco_fragments(k.mm5, 0x0101, 3, frag);
    for (size_t i = 0; i < 3; i++)
        keep(frag[i]);
    /* out of order: 2, 3 (last), then 1 completes the set */
    const row plain[] = {
        MM1_TO_MM4_THEN(k, 7),
        /* I -> R  MM5 frag 2 */ { MSG(frag[1], ini, resp, 5, 0.130), ANN(1001, FRAGMENT, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, NONE) },
        /* I -> R  MM5 frag 3 */ { MSG(frag[2], ini, resp, 6, 0.131), ANN(1001, FRAGMENT, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, NONE) },
        /* I -> R  MM5 frag 1 */ { MSG(frag[0], ini, resp, 7, 0.132), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), .resp_to = 4, .resp_in = 8 },
        /* R -> I  MM6 */        { MSG(k.mm6, resp, ini, 8, 0.150), ANN(1001, MM6, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 7 },
    };
    const row wireshark_rebuilt[] = {
        MM1_TO_MM4_THEN(k, 7),
        /* I -> R  MM5 frag 2 */ { MSG(frag[1], ini, resp, 5, 0.130), ANN(1001, FRAGMENT, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, NONE) },
        /* I -> R  MM5 frag 3 */ { MSG(frag[2], ini, resp, 6, 0.131), ANN(1001, FRAGMENT, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, NONE) },
        /* I -> R  MM5 frag 1 */ { MSG(frag[0], ini, resp, 7, 0.132), .rebuilt_here = true, ANN(1001, FRAGMENT, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, NONE) },
        /* I -> R  MM5, rebuilt */ { MSG(k.mm5, ini, resp, 7, 0.132), .pdu = 1, .transport = IKD_TRANSPORT_REASSEMBLED,
                                     ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), .resp_to = 4, .resp_in = 8 },
        /* R -> I  MM6 */        { MSG(k.mm6, resp, ini, 8, 0.150), ANN(1001, MM6, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 7 },
    };
    ikd_engine *e = rebuilt ? RUN(wireshark_rebuilt) : RUN(plain);
    const ikd_sa *sa = ikd_engine_sa(e, 0);
    g_assert_cmpuint(ikd_v1_step_const(V1(sa), 5)->first_frame, ==, 7);
    g_assert_cmpuint(ikd_v1_step_const(V1(sa), 5)->first_pdu, ==, rebuilt ? 1 : 0);
    expect_sa(e, 1001, rebuilt ? "1001 main 192.0.2.10:500 > 192.0.2.1:500; QM_IDLE (I QM_IDLE, R QM_IDLE, ASA MM_ACTIVE) "
                                 "ACTIVE caps \"F\"; frames 1..8, 9 messages, 0 resent; established in frame 8; chosen "
                                 AES128_SHA_PSK_G14 "; verdict -"
                               : "1001 main 192.0.2.10:500 > 192.0.2.1:500; QM_IDLE (I QM_IDLE, R QM_IDLE, ASA MM_ACTIVE) "
                                 "ACTIVE caps \"F\"; frames 1..8, 8 messages, 0 resent; established in frame 8; chosen "
                                 AES128_SHA_PSK_G14 "; verdict -");
    done(e);
}

static void test_fragments_not_rebuilt(void)
{
    fragmented_mm5(false);
}

static void test_fragments_rebuilt(void)
{
    fragmented_mm5(true);
}

/* --- 13. NAT-D -------------------------------------------------------------------------------------------- */

/* MM1..MM6 of k, expecting these findings on MM2 (weak crypto), MM3 and MM4
 * (NAT-D) and these peers found behind NAT (bit 0 initiator, bit 1 responder). */
static void nat_d_run(const main_mode *k, const want on_mm1[2], const want on_mm2[2], const want on_mm3[2],
                      const want on_mm4[2], unsigned behind)
{
    const row rows[] = {
        /* I -> R  MM1 */ { MSG(k->mm1, ini, resp, 1, 0.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 2,
                            .f = { on_mm1[0], on_mm1[1] } },
        /* R -> I  MM2 */ { MSG(k->mm2, resp, ini, 2, 0.010), ANN(1001, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3), .resp_to = 1, .resp_in = 3,
                            .f = { on_mm2[0], on_mm2[1] } },
        /* I -> R  MM3 */ { MSG(k->mm3, ini, resp, 3, 0.060), ANN(1001, MM3, I, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG4), .resp_to = 2, .resp_in = 4,
                            .f = { on_mm3[0], on_mm3[1] } },
        /* R -> I  MM4 */ { MSG(k->mm4, resp, ini, 4, 0.110), ANN(1001, MM4, R, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG5), .resp_to = 3, .resp_in = 5,
                            .f = { on_mm4[0], on_mm4[1] } },
        /* I -> R  MM5 */ { MSG(k->mm5, ini, resp, 5, 0.130), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), .resp_to = 4, .resp_in = 6 },
        /* R -> I  MM6 */ { MSG(k->mm6, resp, ini, 6, 0.150), ANN(1001, MM6, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .resp_to = 5 },
    };
    ikd_engine *e = RUN(rows);
    g_assert_cmpuint(ikd_engine_sa(e, 0)->nat_behind, ==, behind);
    done(e);
}

static const want none[2];

/* The standard main mode with this MM3 and MM4 (NULL: the standard one). */
static void nat_d_case(const ikb_msg *mm3, const ikb_msg *mm4, const want on_mm3[2], const want on_mm4[2],
                       unsigned behind)
{
    main_mode k = standard_main_mode();
    k.mm3 = mm3 ? mm3 : k.mm3;
    k.mm4 = mm4 ? mm4 : k.mm4;
    nat_d_run(&k, none, none, on_mm3, on_mm4, behind);
}

static void test_nat_d_no_nat(void)
{
    nat_d_case(NULL, NULL, none, none, 0);
}

/* The initiator hashed its own (private) address: it is behind NAT. */
static void test_nat_d_initiator_behind_nat(void)
{
    const ikb_msg *mm3 = mm_natd(G_CHECKSUM_SHA1, ikb_icookie, ikb_rcookie, &resp, &ini_private, 0x31);
    const want on_mm3[2] = { F(NAT_DETECTED, IKD_ROLE_INITIATOR, 0, 1) };
    nat_d_case(mm3, NULL, on_mm3, none, 1);
}

/* The responder hashed an address of its own the capture does not show. */
static void test_nat_d_responder_behind_nat(void)
{
    static const endpoint resp_private = { { 4, { 172, 16, 0, 1 } }, 500 };
    const ikb_msg *mm4 = mm_natd(G_CHECKSUM_SHA1, ikb_icookie, ikb_rcookie, &ini, &resp_private, 0x3c);
    const want on_mm4[2] = { F(NAT_DETECTED, IKD_ROLE_RESPONDER, 0, 1) };
    nat_d_case(NULL, mm4, none, on_mm4, 2);
}

/* The capture is on the initiator's inside: the responder's hash of its
 * destination (the initiator as it sees it, after translation) differs. */
static void test_nat_d_destination_translated(void)
{
    const ikb_msg *mm4 = mm_natd(G_CHECKSUM_SHA1, ikb_icookie, ikb_rcookie, &ini_pat, &resp, 0x3c);
    const want on_mm4[2] = { F(NAT_DETECTED, IKD_ROLE_INITIATOR, 0, 1) };
    nat_d_case(NULL, mm4, none, on_mm4, 1);
}

/* A peer with two source addresses sends two source hashes; one matching is enough. */
static void test_nat_d_one_of_two_sources(void)
{
    uint8_t h[3 * 20];
    g_assert_cmpuint(natd_of(G_CHECKSUM_SHA1, ikb_icookie, ikb_rcookie, &resp, h), ==, 20);
    natd_of(G_CHECKSUM_SHA1, ikb_icookie, ikb_rcookie, &ini_private, h + 20);
    natd_of(G_CHECKSUM_SHA1, ikb_icookie, ikb_rcookie, &ini, h + 40);
    nat_d_case(keep(ikb_mm_ke_natd(ikb_icookie, ikb_rcookie, h, 20, 3, 0x31)), NULL, none, none, 0);

    /* Neither of two matches: 0 of 2. */
    natd_of(G_CHECKSUM_SHA1, ikb_icookie, ikb_rcookie, &peer2, h + 40);
    const want on_mm3[2] = { F(NAT_DETECTED, IKD_ROLE_INITIATOR, 0, 2) };
    nat_d_case(keep(ikb_mm_ke_natd(ikb_icookie, ikb_rcookie, h, 20, 3, 0x31)), NULL, on_mm3, none, 1);
}

/* MM1 offers and MM2 chooses AES-256, MD5, PSK, group 14, 28800 s: the
 * NAT-D hashes are MD5 digests (and MD5 is flagged as weak). */
static main_mode md5_main_mode(void)
{
    static const ikb_attr attrs[] = {
        { 1, 7, 0 }, { 14, 256, 0 }, { 2, 1, 0 }, { 3, 1, 0 }, { 4, 14, 0 }, { 11, 1, 0 }, { 12, 28800, 0 },
    };
    static const ikb_transform md5 = { 1, 1, attrs, G_N_ELEMENTS(attrs), NULL, 0 };
    static const ikb_proposal offer = { 1, 1, 0, NULL, &md5, 1, NULL, 0 };
    main_mode k = standard_main_mode();
    k.mm1 = keep(ikb_mm1_with(&offer, 1));
    k.mm2 = keep(ikb_mm2_with(ikb_icookie, ikb_rcookie, &md5));
    k.mm3 = mm_natd(G_CHECKSUM_MD5, ikb_icookie, ikb_rcookie, &resp, &ini, 0x31);
    k.mm4 = mm_natd(G_CHECKSUM_MD5, ikb_icookie, ikb_rcookie, &ini, &resp, 0x3c);
    return k;
}

static void test_nat_d_md5(void)
{
    const want weak_hash[2] = { F(WEAK_HASH, 1) };
    const want only_weak[2] = { F(OFFER_ONLY_WEAK, 1) }; /* its one transform has MD5 */
    main_mode k = md5_main_mode();
    nat_d_run(&k, only_weak, weak_hash, none, none, 0);
    const row rows[] = {
        /* I -> R  MM1 */ { MSG(k.mm1, ini, resp, 1, 0.000), ANN(1001, MM1, I, MM_NO_STATE, MM_NO_STATE, MM_NO_STATE, MM_WAIT_MSG2), .resp_in = 2,
                            .f = { F(OFFER_ONLY_WEAK, 1) } },
        /* R -> I  MM2 */ { MSG(k.mm2, resp, ini, 2, 0.010), ANN(1001, MM2, R, MM_SA_SETUP, MM_SA_SETUP, MM_SA_SETUP, MM_WAIT_MSG3), .resp_to = 1,
                            .f = { F(WEAK_HASH, 1) }, .v = { F(CAPTURE_TOO_SHORT, 1001, IKD_IOS_MM_SA_SETUP, IKD_STEP_MM2, 1) } },
    };
    ikd_engine *e = RUN(rows);
    expect_sa(e, 1001, "1001 main 192.0.2.10:500 > 192.0.2.1:500; MM_SA_SETUP (I MM_SA_SETUP, R MM_SA_SETUP, "
                       "ASA MM_WAIT_MSG3) ACTIVE caps \"\"; frames 1..2, 2 messages, 0 resent; established no; "
                       "chosen encr 7/256 hash 1 auth 1 group 14 life 28800 s; verdict CAPTURE_TOO_SHORT");
    done(e);

    /* The initiator's source hash is of its private address. */
    k.mm3 = mm_natd(G_CHECKSUM_MD5, ikb_icookie, ikb_rcookie, &resp, &ini_private, 0x31);
    const want on_mm3[2] = { F(NAT_DETECTED, IKD_ROLE_INITIATOR, 0, 1) };
    nat_d_run(&k, only_weak, weak_hash, on_mm3, none, 1);

    /* SHA-1 hashes (the standard MM3 and MM4) under an MD5 transform match nothing. */
    main_mode standard = standard_main_mode();
    k.mm3 = standard.mm3;
    k.mm4 = standard.mm4;
    const want sha_mm3[2] = { F(NAT_DETECTED, IKD_ROLE_INITIATOR, 0, 1), F(NAT_DETECTED, IKD_ROLE_RESPONDER, 0, 1) };
    const want sha_mm4[2] = { F(NAT_DETECTED, IKD_ROLE_RESPONDER, 0, 1), F(NAT_DETECTED, IKD_ROLE_INITIATOR, 0, 1) };
    nat_d_run(&k, only_weak, weak_hash, sha_mm3, sha_mm4, 3);
}

/* --- 14. Delete ---------------------------------------------------------------------------------------------- */

static void test_delete(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM6(k),
        /* I -> R  QM1 */ { QM_ROW(QM_A, 0, ini, resp, 7, 1.000, QM1, I), .resp_in = 8 },
        /* R -> I  QM2 */ { QM_ROW(QM_A, 1, resp, ini, 8, 1.020, QM2, R), .resp_to = 7, .resp_in = 9 },
        /* I -> R  QM3 */ { QM_ROW(QM_A, 2, ini, resp, 9, 1.030, QM3, I), .resp_to = 8 },
        /* I -> R  INFO delete ESP SA */
        { MSG(keep(ikb_info_delete(ikb_icookie, ikb_rcookie, 3, 4, 1)), ini, resp, 10, 40.000), ANN(1001, INFO, I, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE),
          .f = { F(SA_DELETED, IKD_ROLE_INITIATOR, 1, 3) } },
        /* I -> R  INFO delete ISAKMP SA */
        { MSG(keep(ikb_info_delete(ikb_icookie, ikb_rcookie, 1, 16, 1)), ini, resp, 11, 40.010), ANN(1001, INFO, I, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE),
          .f = { F(SA_DELETED, IKD_ROLE_INITIATOR, 1, 1) } },
    };
    ikd_engine *e = ikd_engine_new();
    feed_rows(e, rows, 0, 10);
    g_assert_cmpstr(ikd_sa_status(ikd_engine_sa(e, 0)), ==, "ACTIVE");
    feed_rows(e, rows, 10, G_N_ELEMENTS(rows));
    check_links(e, rows, G_N_ELEMENTS(rows));
    expect_sa(e, 1001, "1001 main 192.0.2.10:500 > 192.0.2.1:500; QM_IDLE (I QM_IDLE, R QM_IDLE, ASA MM_ACTIVE) "
                       "ACTIVE (deleted) caps \"\"; frames 1..11, 11 messages, 0 resent; established in frame 6; "
                       "chosen " AES128_SHA_PSK_G14 "; verdict -");
    g_assert_cmpuint(ikd_sa_deleted_frame(ikd_engine_sa(e, 0)), ==, 11);
    done(e);
}

/* The canned delete (ISAKMP, sent by the responder) right after phase 1. */
static void test_delete_by_responder(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM6(k),
        /* R -> I  INFO delete ISAKMP SA */
        { MSG(keep(ikb_canned_delete()), resp, ini, 7, 0.200), ANN(1001, INFO, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE),
          .f = { F(SA_DELETED, IKD_ROLE_RESPONDER, 1, 1) } },
    };
    ikd_engine *e = RUN(rows);
    g_assert_cmpstr(ikd_sa_status(ikd_engine_sa(e, 0)), ==, "ACTIVE (deleted)");
    done(e);
}

/* --- Wireshark's decryption ----------------------------------------------------------------------------------- */

/* Decrypted payloads of an informational: HASH, then a notification or a
 * delete for the given protocol with spi_size-byte SPIs. The header only
 * carries the first payload type; the engine reads what follows it. */
static const ikb_msg *plain_informational(bool is_delete, uint8_t protocol, uint8_t spi_size, uint16_t type_or_count)
{
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_rcookie, EX_INFO, 0, 0);
    GByteArray *b = g_byte_array_new();
    ikb_fill(b, 0x48, 20);
    ikb_add(m, PL_HASH, b->data, b->len);
    g_byte_array_set_size(b, 0);
    ikb_u32(b, 1); /* DOI IPsec */
    ikb_u8(b, protocol);
    ikb_u8(b, spi_size);
    ikb_u16(b, type_or_count);
    for (uint16_t i = 0; i < (is_delete ? type_or_count : 1); i++)
        ikb_fill(b, (uint8_t)(0x30 + i), spi_size);
    ikb_add(m, is_delete ? 12 : 11, b->data, b->len);
    g_byte_array_unref(b);
    ikb_finish(m);
    return keep(m);
}

/* The notify was read, QM1 was not: the verdict names the notify and says
 * the offer could not be read (no offer in its arguments). */
static void test_decrypted_phase2_refusal(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM6(k),
        /* I -> R  QM1 */ { QM_ROW(QM_A, 0, ini, resp, 7, 1.000, QM1, I),
                            .v = { F(STUCK_PHASE2_NO_PROPOSAL, QM_A, 0) } },
        /* R -> I  INFO: NO-PROPOSAL-CHOSEN for ESP, readable */
        { MSG(info_encrypted(ikb_icookie, ikb_rcookie, 0x3c4d5e6f), resp, ini, 8, 1.020), .plain = plain_informational(false, 3, 4, 14),
          ANN(1001, INFO, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .f = { F(NOTIFY_NO_PROPOSAL_CHOSEN, IKD_ROLE_RESPONDER, 14) } },
    };
    ikd_engine *e = RUN(rows);
    g_assert_cmpstr(ikd_sa_status(ikd_engine_sa(e, 0)), ==, "ACTIVE");
    done(e);
}

/* What Wireshark decrypted of a quick-mode message: HASH, SA with one ESP
 * transform (transform id, key length 0 for none, HMAC auth, tunnel), nonce. */
static const ikb_msg *plain_quick_mode_auth(uint8_t transform_id, uint16_t key_length, uint16_t auth)
{
    static const uint8_t spi[4] = { 0xc1, 0x2a, 0x5e, 0x90 };
    const ikb_attr attrs[] = { { 4, 1, 0 }, { 5, auth, 0 }, { 6, key_length, 0 } };
    const ikb_transform t = { 1, transform_id, attrs, key_length ? 3 : 2, NULL, 0 };
    const ikb_proposal p = { 1, 3 /* ESP */, 4, spi, &t, 1, NULL, 0 };
    return keep(ikb_qm_clear_with(&p, 1));
}

/* The same with HMAC-SHA. */
static const ikb_msg *plain_quick_mode(uint8_t transform_id, uint16_t key_length)
{
    return plain_quick_mode_auth(transform_id, key_length, 2);
}

/* A packed phase-2 transform as the findings carry it: ESP, transform id,
 * key length, auth, tunnel mode, no PFS, no lifetime. */
#define ESP_PACKED(id, key_length, auth) (3u << 24 | (id) << 16 | (key_length)), ((auth) << 16 | 1u), 0u

/* A decrypted QM1 or QM2 with proxy identities: HASH, SA (esp-aes
 * esp-sha-hmac, tunnel), nonce, IDci 198.51.100.0/25, IDcr 203.0.113.128/25. */
static const ikb_msg *plain_quick_mode_ids(void)
{
    static const uint8_t spi[4] = { 0xc1, 0x2a, 0x5e, 0x90 };
    static const uint8_t id_ci[] = { 4, 0, 0, 0, 198, 51, 100, 0, 255, 255, 255, 128 };
    static const uint8_t id_cr[] = { 4, 0, 0, 0, 203, 0, 113, 128, 255, 255, 255, 128 };
    const ikb_attr attrs[] = { { 4, 1, 0 }, { 5, 2, 0 } };
    const ikb_transform t = { 1, 12, attrs, 2, NULL, 0 };
    const ikb_proposal p = { 1, 3 /* ESP */, 4, spi, &t, 1, NULL, 0 };
    const ikb_sa sa = { 1, 1, &p, 1 };
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_rcookie, EX_QUICK, 0, QM_A);
    GByteArray *b = g_byte_array_new();
    ikb_fill(b, 0x21, 20);
    ikb_add(m, PL_HASH, b->data, b->len);
    ikb_add_sa(m, &sa);
    g_byte_array_set_size(b, 0);
    ikb_fill(b, 0x43, 32);
    ikb_add(m, 10 /* nonce */, b->data, b->len);
    ikb_add(m, PL_ID, id_ci, sizeof id_ci);
    ikb_add(m, PL_ID, id_cr, sizeof id_cr);
    g_byte_array_unref(b);
    ikb_finish(m);
    return keep(m);
}

/* QM1 and the INVALID-ID-INFORMATION answering it both read: the verdict
 * gives both proxies (packed IPv4 subnets, /25), QM1 its proxy fields from
 * the initiator's side. */
static void test_decrypted_phase2_proxy_refusal(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM6(k),
        /* I -> R  QM1 */ { QM_ROW(QM_A, 0, ini, resp, 7, 1.000, QM1, I), .plain = plain_quick_mode_ids(),
                            .ids = "198.51.100.0/255.255.255.128/0/0 | 203.0.113.128/255.255.255.128/0/0",
                            .v = { F(STUCK_PHASE2_PROXY_MISMATCH, QM_A, 0xc6336400u, 2u << 30 | 25u << 24,
                                     0xcb007180u, 2u << 30 | 25u << 24) } },
        /* R -> I  INFO: INVALID-ID-INFORMATION, readable */
        { MSG(info_encrypted(ikb_icookie, ikb_rcookie, 0x3c4d5e6f), resp, ini, 8, 1.020),
          .plain = plain_informational(false, 3, 4, 18), ANN(1001, INFO, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE),
          .f = { F(NOTIFY_INVALID_ID_INFORMATION, IKD_ROLE_RESPONDER, 18), F(PHASE2_OFFERED, 1, ESP_PACKED(12, 0, 2)) } },
    };
    ikd_engine *e = RUN(rows);
    done(e);
}

/* QM2 carries the same IDs: from the responder's side, local is IDcr. */
static void test_decrypted_qm2_proxy_fields(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM6(k),
        /* I -> R  QM1 */ { QM_ROW(QM_A, 0, ini, resp, 7, 1.000, QM1, I), .plain = plain_quick_mode_ids(),
                            .ids = "198.51.100.0/255.255.255.128/0/0 | 203.0.113.128/255.255.255.128/0/0",
                            .resp_in = 8 },
        /* R -> I  QM2 */ { QM_ROW(QM_A, 1, resp, ini, 8, 1.020, QM2, R), .plain = plain_quick_mode_ids(),
                            .ids = "203.0.113.128/255.255.255.128/0/0 | 198.51.100.0/255.255.255.128/0/0",
                            .resp_to = 7, .resp_in = 9 },
        /* I -> R  QM3 */ { QM_ROW(QM_A, 2, ini, resp, 9, 1.040, QM3, I), .resp_to = 8, .ids = " | " },
    };
    ikd_engine *e = RUN(rows);
    done(e);
}

/* QM1 offers esp-aes 256, QM2 chooses esp-3des: the choice was never offered. */
static void test_decrypted_phase2_not_offered(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM6(k),
        /* I -> R  QM1 */ { QM_ROW(QM_A, 0, ini, resp, 7, 1.000, QM1, I), .resp_in = 8, .plain = plain_quick_mode(12, 256) },
        /* R -> I  QM2 */ { QM_ROW(QM_A, 1, resp, ini, 8, 1.020, QM2, R), .resp_to = 7, .resp_in = 9,
                            .plain = plain_quick_mode(3, 0),
                            .f = { F(PHASE2_NOT_OFFERED, 1, 1, IKD_P2_TRANSFORM | IKD_P2_KEY_LENGTH),
                                   F(WEAK_P2_ENCRYPTION, ESP_PACKED(3, 0, 2)) } },
        /* I -> R  QM3 */ { QM_ROW(QM_A, 2, ini, resp, 9, 1.040, QM3, I), .resp_to = 8 },
    };
    ikd_engine *e = RUN(rows);
    done(e);
}

/* Weak phase-2 choices are flagged on QM2 and listed with the SA's weak
 * crypto, in transform-set words; a strong choice raises nothing. */
static void check_phase2_choice(uint8_t transform_id, uint16_t key_length, uint16_t auth, const char *weakness,
                                ikd_finding_id first, ikd_finding_id second)
{
    main_mode k = standard_main_mode();
    const uint32_t packed[3] = { ESP_PACKED(transform_id, key_length, auth) };
    row rows[] = {
        MM1_TO_MM6(k),
        /* I -> R  QM1 */ { QM_ROW(QM_A, 0, ini, resp, 7, 1.000, QM1, I), .resp_in = 8,
                            .plain = plain_quick_mode_auth(transform_id, key_length, auth) },
        /* R -> I  QM2 */ { QM_ROW(QM_A, 1, resp, ini, 8, 1.020, QM2, R), .resp_to = 7, .resp_in = 9,
                            .plain = plain_quick_mode_auth(transform_id, key_length, auth) },
        /* I -> R  QM3 */ { QM_ROW(QM_A, 2, ini, resp, 9, 1.040, QM3, I), .resp_to = 8 },
    };
    ikd_finding_id ids[2] = { first, second };
    for (int i = 0; i < 2; i++)
        if (ids[i]) {
            rows[7].f[i].set = true;
            rows[7].f[i].id = ids[i];
            memcpy(rows[7].f[i].arg, packed, sizeof packed);
        }
    ikd_engine *e = RUN(rows);
    char text[160];
    const ikd_sa *sa = ikd_engine_sa(e, 0);
    g_assert_cmpstr(sa->weaknesses ? ikd_v1_sa_weakness_text(V1(sa), text, sizeof text) : "", ==, weakness);
    done(e);
}

static void test_decrypted_phase2_weak_3des(void)
{
    check_phase2_choice(3, 0, 2, "esp-3des esp-sha-hmac", IKD_F_WEAK_P2_ENCRYPTION, 0);
}

static void test_decrypted_phase2_weak_null_md5(void)
{
    check_phase2_choice(11, 0, 1, "esp-null esp-md5-hmac", IKD_F_P2_NO_ENCRYPTION, IKD_F_WEAK_P2_HASH);
}

static void test_decrypted_phase2_strong(void)
{
    check_phase2_choice(12, 256, 2, "", 0, 0);
}

static void test_decrypted_authentication_failed(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM4(k),
        /* I -> R  MM5 */ { MSG(k.mm5, ini, resp, 5, 0.130), ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), .resp_to = 4, .resp_in = 6 },
        /* R -> I  INFO: AUTHENTICATION-FAILED, readable */
        { MSG(info_encrypted(ikb_icookie, ikb_rcookie, 0x1a2b3c4d), resp, ini, 6, 0.140), .plain = plain_informational(false, 1, 16, 24),
          ANN(1001, INFO, R, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, NONE), .resp_to = 5,
          .f = { F(NOTIFY_AUTHENTICATION_FAILED, IKD_ROLE_RESPONDER, 24) },
          .v = { F(STUCK_PHASE1_REJECTED, 1001, IKD_IOS_MM_KEY_EXCH, 24, IKD_ROLE_RESPONDER) } },
    };
    ikd_engine *e = RUN(rows);
    expect_sa(e, 1001, "1001 main 192.0.2.10:500 > 192.0.2.1:500; MM_KEY_EXCH (I MM_KEY_EXCH, R MM_KEY_EXCH, "
                       "ASA MM_WAIT_MSG6) ACTIVE (deleted) caps \"\"; frames 1..6, 6 messages, 0 resent; established no; "
                       "chosen " AES128_SHA_PSK_G14 "; verdict STUCK_PHASE1_REJECTED");
    done(e);
}

/* MM5 decrypted with the other peer's key: garbage. Its resend is not read. */
static void test_decrypted_garbage(void)
{
    main_mode k = standard_main_mode();
    ikb_msg *garbage = ikb_msg_new(ikb_icookie, ikb_rcookie, EX_MAIN, 0, 0);
    static const uint8_t id[8] = { 1, 17, 0x01, 0xf4, 192, 0, 2, 10 };
    ikb_add(garbage, PL_ID, id, sizeof id);
    ikb_finish(garbage);
    ikb_set_u8(garbage->bytes, 29, 0x5c); /* the ID payload's reserved byte */
    keep(garbage);
    const row rows[] = {
        MM1_TO_MM4(k),
        /* I -> R  MM5 */ { MSG(k.mm5, ini, resp, 5, 0.130), .plain = garbage, ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), .resp_to = 4,
                            .f = { F(DECRYPTED_GARBAGE, IKD_F_RESERVED_NOT_ZERO, 5) } },
        /* I -> R  MM5 */ { MSG(k.mm5, ini, resp, 6, 4.130), .plain = garbage, ANN(1001, MM5, I, MM_KEY_EXCH, MM_KEY_EXCH, MM_KEY_EXCH, MM_WAIT_MSG6), RETX(1, 5), .resp_to = 4,
                            .f = { F(RETRANSMISSION, IKD_STEP_MM5, 1, 4000, 5, 1) },
                            .v = { F(PEER_NOT_RESPONDING, IKD_STEP_MM5, 2, 4000, 1), F(STUCK_NO_MM6, 1001, 2, 4000) } },
    };
    done(RUN(rows));
}

static void test_decrypted_delete(void)
{
    main_mode k = standard_main_mode();
    const row rows[] = {
        MM1_TO_MM6(k),
        /* R -> I  INFO: delete of the ISAKMP SA, readable */
        { MSG(info_encrypted(ikb_icookie, ikb_rcookie, 0x600dcafe), resp, ini, 7, 50.0), .plain = plain_informational(true, 1, 16, 1),
          ANN(1001, INFO, R, QM_IDLE, QM_IDLE, QM_IDLE, MM_ACTIVE), .f = { F(SA_DELETED, IKD_ROLE_RESPONDER, 1, 1) } },
    };
    ikd_engine *e = RUN(rows);
    g_assert_cmpstr(ikd_sa_status(ikd_engine_sa(e, 0)), ==, "ACTIVE (deleted)");
    g_assert_cmpuint(ikd_sa_deleted_frame(ikd_engine_sa(e, 0)), ==, 7);
    done(e);
}

/* --- 15. Messages that belong to no SA, and hostile input ---------------------------------------------------- */

/* Messages no SA can be made of (IKEv2 ones have SAs of their own: test_ikev2_tracker). */
static void test_untracked(void)
{
    static const uint8_t garbage[10] = { 0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6 };
    ikb_msg *v3 = ikb_canned_mm1();
    ikb_set_u8(v3->bytes, 17, 0x30);
    const row rows[] = {
        /* I -> R  MM1, icookie 0 */
        { MSG(keep(ikb_with_cookies(ikb_canned_mm1(), zero, zero)), ini, resp, 2, 0.1), UNTRACKED, .f = { F(ICOOKIE_ZERO, 0) } },
        /* I -> R  10 bytes */ { MSG(raw(garbage, sizeof garbage), ini, resp, 3, 0.2), UNTRACKED, .f = { F(HEADER_SHORT, 10) } },
        /* I -> R  version 3.0 */ { MSG(keep(v3), ini, resp, 4, 0.3), UNTRACKED, .f = { F(MAJOR_VERSION, 3) } },
        /* I -> R  nothing at all */ { MSG(raw(NULL, 0), ini, resp, 5, 0.4), UNTRACKED, .f = { F(HEADER_SHORT, 0) } },
    };
    ikd_engine *e = RUN(rows);
    g_assert_cmpuint(ikd_engine_sa_count(e), ==, 0);
    g_assert_null(ikd_engine_sa(e, 0));
    g_assert_null(ikd_engine_sa_peek(e, 1001));
    g_assert_cmpuint(ikd_engine_response_in(e, 99, 0), ==, 0);
    done(e);
}

/* xorshift32: the same sequence on every run. */
static uint32_t next_random(uint32_t *state)
{
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    return *state = x;
}

/* Thousands of messages, frame after frame: random bytes, real messages with
 * random cookies, addresses, ports, transports and flipped bytes, and
 * coherent exchanges (main or aggressive mode, then quick mode) stepped
 * through with repeats and skips among the noise. */
enum { SCRIPTS = 8, SCRIPT_STEPS = 9 };
typedef struct {
    GPtrArray *templates;
    struct {
        const ikb_msg *m[SCRIPT_STEPS];
        bool from_initiator[SCRIPT_STEPS];
        uint32_t steps, pos;
    } script[SCRIPTS];
    uint32_t seed;
    double t;
    uint8_t *bytes[2]; /* the frame's messages, until the next frame */
} hostile_stream;

static void hostile_stream_init(hostile_stream *s)
{
    memset(s, 0, sizeof *s);
    s->templates = g_ptr_array_new_with_free_func((GDestroyNotify)ikb_msg_free);
    for (size_t i = 0; i < ikb_canned_valid_count; i++)
        g_ptr_array_add(s->templates, ikb_canned_valid[i].build());
    main_mode k = standard_main_mode();
    ikb_msg *frag[4];
    ikb_cisco_fragments(k.mm5, 7, 4, frag);
    for (size_t i = 0; i < 4; i++)
        g_ptr_array_add(s->templates, frag[i]);
    g_ptr_array_add(s->templates, ikb_info_delete(ikb_icookie, ikb_rcookie, 1, 16, 1));
    g_ptr_array_add(s->templates, ikb_encrypted(ikb_icookie, ikb_rcookie, EX_INFO, 9, PL_HASH, 48, 1));
    g_ptr_array_add(s->templates, ikb_encrypted(ikb_icookie, ikb_rcookie, EX_AGGRESSIVE, 0, PL_HASH, 32, 2));
    g_ptr_array_add(s->templates, ikb_with_cookies(ikb_canned_mm1(), ikb_icookie, zero));
    for (int j = 0; j < SCRIPTS; j++) {
        uint8_t ic[8] = { 0x5c, (uint8_t)j, 1, 2, 3, 4, 5, 6 }, rc[8] = { 0x5d, (uint8_t)j, 6, 5, 4, 3, 2, 1 };
        const ikb_msg *q[3] = { qm(ic, rc, QM_A, 0), qm(ic, rc, QM_A, 1), qm(ic, rc, QM_A, 2) };
        if (j % 2 == 0) {
            main_mode mm = main_mode_between(ic, rc, &ini, &resp);
            const ikb_msg *steps[] = { mm.mm1, mm.mm2, mm.mm3, mm.mm4, mm.mm5, mm.mm6, q[0], q[1], q[2] };
            memcpy(s->script[j].m, steps, sizeof steps);
            s->script[j].steps = G_N_ELEMENTS(steps);
        } else {
            const ikb_msg *steps[] = { keep(ikb_with_cookies(ikb_canned_am1(), ic, zero)),
                                       keep(ikb_with_cookies(ikb_canned_am2(), ic, rc)),
                                       keep(ikb_encrypted(ic, rc, EX_AGGRESSIVE, 0, PL_HASH, 32, 0x9c)), q[0], q[1], q[2] };
            memcpy(s->script[j].m, steps, sizeof steps);
            s->script[j].steps = G_N_ELEMENTS(steps);
        }
        for (uint32_t i = 0; i < s->script[j].steps; i++) /* QM1 and QM3 come from the initiator, QM2 does not */
            s->script[j].from_initiator[i] = i < s->script[j].steps - 3 ? i % 2 == 0 : i != s->script[j].steps - 2;
    }
    s->seed = 0x1badb002;
}

static void hostile_stream_clear(hostile_stream *s)
{
    g_free(s->bytes[0]);
    g_free(s->bytes[1]);
    g_ptr_array_unref(s->templates);
}

/* The frame's messages (one or two: a rebuilt fragment) into p; their bytes
 * are the stream's until its next frame. */
static uint32_t hostile_stream_frame(hostile_stream *s, uint32_t frame, ikd_packet p[2])
{
    const uint8_t *cookies[] = { ikb_icookie, ikb_rcookie, zero, ic_b, rc_b, ic_c };
    const endpoint *eps[] = { &ini, &resp, &resp_nat, &ini_pat, &peer2, &ini6, &resp6 };
    uint32_t *seed = &s->seed;
    uint32_t pdus = next_random(seed) % 8 == 0 ? 2 : 1;
    s->t += (next_random(seed) % 3000) / 1000.0 - 0.1; /* now and then a step back in time */
    for (uint32_t pdu = 0; pdu < pdus; pdu++) {
        GByteArray *b = g_byte_array_new();
        uint32_t kind = next_random(seed) % 5;
        const endpoint *src = eps[next_random(seed) % G_N_ELEMENTS(eps)];
        const endpoint *dst = eps[next_random(seed) % G_N_ELEMENTS(eps)];
        if (kind == 4) {
            uint32_t j = next_random(seed) % SCRIPTS, step = s->script[j].pos % s->script[j].steps;
            const ikb_msg *m = s->script[j].m[step];
            ikb_bytes(b, m->bytes->data, m->bytes->len);
            src = s->script[j].from_initiator[step] ? &ini : &resp;
            dst = s->script[j].from_initiator[step] ? &resp : &ini;
            uint32_t r = next_random(seed) % 8;
            s->script[j].pos += r == 0 ? 0 : r == 1 ? 2 : 1; /* resend, skip one, or go on */
        } else if (kind == 0) {
            size_t n = next_random(seed) % 120;
            for (size_t i = 0; i < n; i++)
                ikb_u8(b, (uint8_t)next_random(seed));
        } else {
            const ikb_msg *m = g_ptr_array_index(s->templates, next_random(seed) % s->templates->len);
            ikb_bytes(b, m->bytes->data, m->bytes->len);
            if (next_random(seed) % 2) {
                memcpy(b->data, cookies[next_random(seed) % G_N_ELEMENTS(cookies)], 8);
                memcpy(b->data + 8, cookies[next_random(seed) % G_N_ELEMENTS(cookies)], 8);
            }
            for (uint32_t flips = kind == 3 ? next_random(seed) % 6 : 0; flips; flips--)
                b->data[next_random(seed) % b->len] ^= (uint8_t)(1u << (next_random(seed) % 8));
            if (kind == 3 && next_random(seed) % 4 == 0)
                g_byte_array_set_size(b, next_random(seed) % b->len);
        }
        g_free(s->bytes[pdu]);
        s->bytes[pdu] = g_memdup2(b->data, b->len); /* exact size, for ASan */
        size_t captured = b->len;
        size_t reported = captured + (next_random(seed) % 16 == 0 ? next_random(seed) % 64 : 0);
        p[pdu] = (ikd_packet){ .frame = frame, .pdu = pdu, .time = s->t, .src = src->addr, .dst = dst->addr,
                               .src_port = src->port, .dst_port = dst->port,
                               .transport = (ikd_transport)(next_random(seed) % 4), .bytes = s->bytes[pdu],
                               .captured_len = captured, .reported_len = reported,
                               .reassembled_in_frame = next_random(seed) % 8 == 0 };
        g_byte_array_unref(b);
    }
    return pdus;
}

/* Nothing may crash or read out of bounds (run under AddressSanitizer), and
 * the answers stay sane. */
static void test_hostile_sequence(void)
{
    hostile_stream stream;
    hostile_stream_init(&stream);
    uint32_t seed = 0x5eed0001;
    ikd_engine *e = ikd_engine_new();
    uint32_t frames = 0, tracked = 0, steps_seen = 0;
    for (uint32_t frame = 1; frame <= 5000; frame++) {
        ikd_packet packets[2];
        uint32_t pdus = hostile_stream_frame(&stream, frame, packets);
        for (uint32_t pdu = 0; pdu < pdus; pdu++) {
            ikd_annotation ann;
            ikd_engine_feed(e, &packets[pdu], &ann);
            g_assert_cmpuint(ann.findings.count, <=, IKD_MAX_FINDINGS);
            g_assert_cmpuint(ann.result.step, <, IKD_STEP_COUNT);
            g_assert_cmpuint(ann.result.state, <, IKD_IOS_STATE_COUNT);
            g_assert_cmpuint(ann.result.asa_state, <, IKD_ASA_STATE_COUNT);
            if (ann.result.conn_id) {
                tracked++;
                steps_seen |= 1u << ann.result.step;
                const ikd_sa *sa = ikd_engine_sa_peek(e, ann.result.conn_id);
                g_assert_nonnull(sa);
                g_assert_cmpuint(sa->conn_id, ==, ann.result.conn_id);
                g_assert_cmpuint(ann.result.original_frame, <=, frame);
                g_assert_cmpuint(ann.result.response_to, <=, frame);
            }
            ikd_annotation_clear(&ann);
        }
        frames = frame;
        if (frame % 500 == 0) {
            ikd_finding_list verdicts;
            ikd_engine_verdicts(e, next_random(&seed) % frame + 1, 0, &verdicts);
            g_assert_cmpuint(ikd_engine_sa_count(e), <=, 2 * frame);
        }
    }
    for (uint32_t frame = 1; frame <= frames; frame++) {
        for (uint32_t pdu = 0; pdu < 2; pdu++) {
            ikd_finding_list verdicts;
            ikd_engine_verdicts(e, frame, pdu, &verdicts);
            g_assert_cmpuint(verdicts.count, <=, IKD_MAX_FINDINGS);
            g_assert_cmpuint(ikd_engine_response_in(e, frame, pdu), <=, frames);
        }
    }
    uint32_t count = ikd_engine_sa_count(e);
    g_test_message("%u messages tracked in %u SAs, step bits %#x", tracked, count, steps_seen);
    /* The loop reaches the engine's paths, not only the reader's. */
    g_assert_cmpuint(tracked, >, 2000);
    g_assert_cmpuint(count, >, 20);
    for (uint32_t i = 0; i < count; i++) {
        const ikd_sa *sa = ikd_engine_sa(e, i);
        g_assert_cmpuint(sa->index, ==, i);
        g_assert_true(ikd_engine_sa_peek(e, sa->conn_id) == sa); /* each version numbers its own SAs */
        if (V1(sa))
            g_assert_cmpuint(ikd_v1_sa_state(V1(sa)), <, IKD_IOS_STATE_COUNT);
        char buf[256];
        ikd_sa_lifetime_left(e, sa, buf, sizeof buf);
        ikd_sa_verdict_text(e, sa, buf, sizeof buf);
    }
    GString *text = g_string_new(NULL);
    ikd_text_show_isakmp_sa(e, NULL, text);
    ikd_text_show_isakmp_sa_detail(e, NULL, text);
    ikd_text_sa_analysis(e, NULL, text);
    g_assert_cmpuint(text->len, >, 0);
    g_string_free(text, TRUE);
    ikd_engine_free(e);
    hostile_stream_clear(&stream);
}

/* Everything the engine answers at the end, as text: the tables of both
 * versions, every message's verdicts, the bursts and the SAs dropped. */
static char *whole_answer(ikd_engine *e, uint32_t frames)
{
    GString *text = g_string_new(NULL);
    ikd_text_show_isakmp_sa(e, NULL, text);
    ikd_text_show_isakmp_sa_detail(e, NULL, text);
    ikd_text_sa_analysis(e, NULL, text);
    ikd_text_show_ikev2_sa_detailed(e, NULL, text);
    for (uint32_t frame = 1; frame <= frames; frame++) {
        for (uint32_t pdu = 0; pdu < 2; pdu++) {
            ikd_finding_list verdicts;
            ikd_engine_verdicts(e, frame, pdu, &verdicts);
            if (verdicts.count) {
                g_string_append_printf(text, "frame %u.%u:", frame, pdu);
                describe_list(text, &verdicts);
                g_string_append_c(text, '\n');
            }
        }
    }
    uint32_t bursts;
    ikd_engine_bursts(e, &bursts);
    g_string_append_printf(text, "%u bursts, %u SAs dropped\n", bursts, ikd_engine_sas_dropped(e));
    return g_string_free(text, FALSE);
}

/* Messages deferred (ikd_engine_defer) and fed in runs give the answers they
 * give fed one by one: the hostile stream, between frames that are not IKE
 * (some stamped later than the next message: out of time order), with a
 * bound on the SA table that drops SAs, now and then a message fed at once
 * or an answer asked mid-way (both feed the run so far). */
static void test_deferred_same_answers(void)
{
    hostile_stream stream;
    hostile_stream_init(&stream);
    uint32_t seed = 0x5eed0002;
    ikd_engine *fed = ikd_engine_new(), *deferred = ikd_engine_new();
    ikd_engine_set_max_sas(fed, 300);
    ikd_engine_set_max_sas(deferred, 300);
    uint32_t frames = 0, direct = 0;
    for (uint32_t n = 1; n <= 5000; n++) {
        uint32_t frame = 2 * n; /* frame 2n - 1: not IKE */
        ikd_packet packets[2];
        uint32_t pdus = hostile_stream_frame(&stream, frame, packets);
        if (next_random(&seed) % 3 == 0) {
            double other = packets[0].time + (next_random(&seed) % 400) / 100.0 - 1.0;
            ikd_engine_note_frame(fed, frame - 1, other);
            ikd_engine_note_frame(deferred, frame - 1, other);
        }
        bool at_once = next_random(&seed) % 97 == 0;
        for (uint32_t pdu = 0; pdu < pdus; pdu++) {
            ikd_annotation ann;
            ikd_engine_feed(fed, &packets[pdu], &ann);
            ikd_annotation_clear(&ann);
            if (at_once) {
                ikd_engine_feed(deferred, &packets[pdu], &ann);
                ikd_annotation_clear(&ann);
                direct++;
            } else {
                ikd_engine_defer(deferred, &packets[pdu]);
            }
        }
        if (n % 777 == 0)
            g_assert_cmpuint(ikd_engine_sa_count(deferred), ==, ikd_engine_sa_count(fed));
        frames = frame;
    }
    g_assert_cmpuint(direct, >, 20);
    g_assert_cmpuint(ikd_engine_sas_dropped(fed), >, 0);
    char *expected = whole_answer(fed, frames);
    char *got = whole_answer(deferred, frames);
    g_assert_cmpstr(got, ==, expected);
    g_free(expected);
    g_free(got);
    ikd_engine_free(fed);
    ikd_engine_free(deferred);
    hostile_stream_clear(&stream);
}

/* --- The router's policy file ------------------------------------------------------------------ */

/* MM1's findings and walk with the engine given the configuration text
 * (NULL: no file). The parser's result goes in as it is, so a configuration
 * without a usable policy reaches the engine even though the plugin never
 * hands one over (ikd_ios_config_load refuses it). */
static char *mm1_with_policy(const char *config_text, bool *walked)
{
    ikd_ios_config *c = config_text ? ikd_ios_config_parse(config_text, strlen(config_text), NULL) : NULL;
    ikd_engine *e = ikd_engine_new();
    ikd_engine_set_ios_config(e, c);
    main_mode k = standard_main_mode();
    const row r = { MSG(k.mm1, ini, resp, 1, 0.0) };
    ikd_annotation ann;
    feed(e, &r, &ann);
    GString *s = g_string_new(NULL);
    describe_list(s, &ann.findings);
    *walked = ann.ios_walk != NULL;
    ikd_annotation_clear(&ann);
    ikd_engine_free(e);
    ikd_ios_config_free(c);
    return g_string_free(s, FALSE);
}

static void test_policy_file(void)
{
    static const struct {
        const char *config;
        const char *findings;
        bool walked;
    } cases[] = {
        { NULL, " -", false },
        /* No usable policy: nothing said about the offer, not "refused". */
        { "", " -", false },
        { "hostname R1\n", " -", false },
        { "crypto ikev1 policy 10\n encryption aes-256\n", " -", false },
        { "crypto isakmp policy 10\n encr aes\n authentication pre-share\n group 14\n lifetime x\n", " -", false },
        /* The canned MM1 offers aes 128 and 3des, sha, pre-share, group 14. */
        { "crypto isakmp policy 10\n encr aes\n authentication pre-share\n group 14\n", " POLICY_ACCEPTED(1,10)",
          true },
        /* Offer 1: key length; offer 2: encryption (IKD_IOS_MISMATCH_*). */
        { "crypto isakmp policy 10\n encr aes 256\n authentication pre-share\n group 14\n",
          " POLICY_MISMATCH(1,2) POLICY_MISMATCH(2,1) POLICY_REFUSED(2,1)", true },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        bool walked;
        g_autofree char *got = mm1_with_policy(cases[i].config, &walked);
        g_test_message("config %zu", i);
        g_assert_cmpstr(got, ==, cases[i].findings);
        g_assert_cmpint(walked, ==, cases[i].walked);
    }
}

typedef struct {
    const char *path;
    void (*run)(void);
} test_case;

static const test_case tests[] = {
    { "/engine/main_mode/success", test_main_mode_success },
    { "/engine/main_mode/success_ipv6", test_main_mode_ipv6 },
    { "/engine/main_mode/mm1_unanswered", test_mm1_unanswered },
    { "/engine/main_mode/mm1_no_proposal_chosen", test_mm1_no_proposal_chosen },
    { "/engine/main_mode/mm1_only_weak_refused", test_mm1_only_weak_refused },
    { "/engine/main_mode/mm2_lost", test_mm2_lost },
    { "/engine/main_mode/mm1_resend_crossing_mm2", test_mm1_resend_crossing_mm2 },
    { "/engine/main_mode/stuck_after_mm2", test_stuck_after_mm2 },
    { "/engine/main_mode/stuck_after_mm3", test_stuck_after_mm3 },
    { "/engine/main_mode/stuck_after_mm4", test_stuck_after_mm4 },
    { "/engine/main_mode/psk_mismatch", test_psk_mismatch },
    { "/engine/main_mode/identity_refused", test_identity_refused },
    { "/engine/nat_t/float", test_nat_t_float },
    { "/engine/nat_t/blocked", test_nat_t_blocked },
    { "/engine/aggressive/success", test_aggressive_success },
    { "/engine/aggressive/am1_unanswered", test_aggressive_am1_unanswered },
    { "/engine/aggressive/psk_mismatch", test_aggressive_psk_mismatch },
    { "/engine/aggressive/auth_refused", test_aggressive_auth_refused },
    { "/engine/quick_mode/interleaved", test_quick_mode_interleaved },
    { "/engine/quick_mode/rejected", test_quick_mode_rejected },
    { "/engine/quick_mode/info_then_qm2", test_quick_mode_info_then_qm2 },
    { "/engine/quick_mode/no_qm3", test_quick_mode_no_qm3 },
    { "/engine/quick_mode/before_auth", test_quick_mode_before_auth },
    { "/engine/quick_mode/qm2_lost", test_quick_mode_qm2_lost },
    { "/engine/sa_table/interleaved", test_interleaved_sas },
    { "/engine/sa_table/abandoned_after_a_minute", test_abandoned_after_a_minute },
    { "/engine/sa_table/status_does_not_depend_on_asking_early", test_status_does_not_depend_on_asking_early },
    { "/engine/sa_table/status_after_untracked_message", test_status_after_untracked_message },
    { "/engine/sa_table/capture_starts_mid_main_mode", test_capture_starts_mid_main_mode },
    { "/engine/sa_table/capture_starts_at_mm4", test_capture_starts_at_mm4 },
    { "/engine/sa_table/capture_starts_at_mm4_behind_nat", test_capture_starts_at_mm4_behind_nat },
    { "/engine/sa_table/responder_cookie_binding", test_responder_cookie_binding },
    { "/engine/fragments/not_rebuilt", test_fragments_not_rebuilt },
    { "/engine/fragments/rebuilt", test_fragments_rebuilt },
    { "/engine/nat_d/no_nat", test_nat_d_no_nat },
    { "/engine/nat_d/initiator_behind_nat", test_nat_d_initiator_behind_nat },
    { "/engine/nat_d/responder_behind_nat", test_nat_d_responder_behind_nat },
    { "/engine/nat_d/destination_translated", test_nat_d_destination_translated },
    { "/engine/nat_d/one_of_two_sources", test_nat_d_one_of_two_sources },
    { "/engine/nat_d/md5", test_nat_d_md5 },
    { "/engine/delete/isakmp_and_esp", test_delete },
    { "/engine/delete/by_responder", test_delete_by_responder },
    { "/engine/decrypted/phase2_refusal", test_decrypted_phase2_refusal },
    { "/engine/decrypted/phase2_proxy_refusal", test_decrypted_phase2_proxy_refusal },
    { "/engine/decrypted/qm2_proxy_fields", test_decrypted_qm2_proxy_fields },
    { "/engine/decrypted/phase2_not_offered", test_decrypted_phase2_not_offered },
    { "/engine/decrypted/phase2_weak_3des", test_decrypted_phase2_weak_3des },
    { "/engine/decrypted/phase2_weak_null_md5", test_decrypted_phase2_weak_null_md5 },
    { "/engine/decrypted/phase2_strong", test_decrypted_phase2_strong },
    { "/engine/decrypted/authentication_failed", test_decrypted_authentication_failed },
    { "/engine/decrypted/garbage", test_decrypted_garbage },
    { "/engine/decrypted/delete", test_decrypted_delete },
    { "/engine/untracked/not_ikev1", test_untracked },
    { "/engine/untracked/hostile_sequence", test_hostile_sequence },
    { "/engine/deferred/same_answers", test_deferred_same_answers },
    { "/engine/policy_file/no_usable_policy_says_nothing", test_policy_file },
};

static void run_test(gconstpointer data)
{
    const test_case *t = data;
    t->run();
    if (pool)
        g_ptr_array_set_size(pool, 0);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    /* A failing scenario reports and the others still run (tests that show
     * an engine bug fail on their own). */
    g_test_set_nonfatal_assertions();
    for (size_t i = 0; i < G_N_ELEMENTS(tests); i++)
        g_test_add_data_func(tests[i].path, &tests[i], run_test);
    int status = g_test_run();
    if (pool)
        g_ptr_array_unref(pool);
    return status;
}
