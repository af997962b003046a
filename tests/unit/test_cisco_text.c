/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/cisco_text: the SA table as IOS prints it.
 *
 * One capture's worth of SAs is fed to an engine (an established IPv4 SA, one
 * stuck in MM_KEY_EXCH, one refused and deleted, an established IPv6 SA) and
 * the tables are compared with whole lines, byte for byte. Column geometry of
 * `show crypto isakmp sa` (cisco-ike-facts.md 1.1): dst 16, src 16, state 15,
 * conn-id right-aligned in 7, slot right-aligned in 5, then " status". */
#include "report/analysis_text.h"
#include "report/cisco_text.h"
#include "engine.h"
#include "ikev1_builder.h"

#include <glib.h>
#include <string.h>



enum { EX_MAIN = 2, EX_QUICK = 32, PL_ID = 5, PL_HASH = 8 };

static const uint8_t zero[8] = { 0 };
static const uint8_t ic_b[8] = { 0xb1, 0x0b, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77 };
static const uint8_t rc_b[8] = { 0xb2, 0x8a, 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee };
static const uint8_t ic_c[8] = { 0xc1, 0x0c, 0x13, 0x24, 0x35, 0x46, 0x57, 0x68 };
static const uint8_t ic_d[8] = { 0xd1, 0x0d, 0x01, 0x02, 0x03, 0x04, 0x05, 0x06 };
static const uint8_t rc_d[8] = { 0xd2, 0x17, 0x28, 0x39, 0x4a, 0x5b, 0x6c, 0x7d };

/* --- Feeding ------------------------------------------------------------------------ */

typedef struct {
    ikd_engine *engine;
    uint32_t frame;
} capture;

/* Feeds m (freed here) as the next frame. */
static void send(capture *c, ikb_msg *m, const endpoint *src, const endpoint *dst, double time)
{
    uint8_t *copy = g_memdup2(m->bytes->data, m->bytes->len);
    const ikd_packet p = { .frame = ++c->frame, .time = time, .src = src->addr, .dst = dst->addr,
                           .src_port = src->port, .dst_port = dst->port, .transport = IKD_TRANSPORT_UDP,
                           .bytes = copy, .captured_len = m->bytes->len, .reported_len = m->bytes->len };
    ikd_annotation ann;
    ikd_engine_feed(c->engine, &p, &ann);
    g_assert_cmpuint(ann.result.conn_id, !=, 0);
    g_free(copy);
    ikb_msg_free(m);
}

static ikb_msg *mm(const uint8_t ic[8], const uint8_t rc[8], int n)
{
    switch (n) {
    case 1: return ikb_with_cookies(ikb_canned_mm1(), ic, zero);
    case 2: return ikb_with_cookies(ikb_canned_mm2(), ic, rc);
    case 3: return ikb_with_cookies(ikb_canned_mm3(), ic, rc);
    case 4: return ikb_with_cookies(ikb_canned_mm3(), ic, rc); /* MM4 has MM3's shape */
    default: return ikb_encrypted(ic, rc, EX_MAIN, 0, PL_ID, 64, (uint8_t)(0xa0 + n));
    }
}

static ikb_msg *qm(const uint8_t ic[8], const uint8_t rc[8], int k)
{
    return ikb_encrypted(ic, rc, EX_QUICK, 0x4f1c2b3a, PL_HASH, k == 2 ? 32 : 160, (uint8_t)(0x10 + k));
}

/* Main mode MM1..MM6 between i and r, one message every `step` seconds from t. */
static void main_mode(capture *c, const uint8_t ic[8], const uint8_t rc[8], const endpoint *i, const endpoint *r,
                      double t)
{
    static const double at[7] = { 0, 0.000, 0.010, 0.060, 0.110, 0.130, 0.150 };
    for (int n = 1; n <= 6; n++)
        send(c, mm(ic, rc, n), n % 2 ? i : r, n % 2 ? r : i, t + at[n]);
}

/* The capture of the tables below:
 *   1001  192.0.2.10 -> 192.0.2.1       MM1..MM6 at 0.000-0.150 s, QM1..QM3 at 1 s: QM_IDLE
 *   1002  198.51.100.20 -> 192.0.2.1    MM1..MM5 from 2 s, MM5 resent at 6.12 and 14.12 s: MM_KEY_EXCH
 *   1003  203.0.113.5 -> 192.0.2.1      MM1 at 3 s, NO-PROPOSAL-CHOSEN: ACTIVE (deleted)
 *   1004  2001:db8::10 -> 2001:db8::1   MM1..MM6 at 5.000-5.150 s: QM_IDLE
 * The capture ends at 14.12 s. */
static ikd_engine *four_sas(void)
{
    capture c = { ikd_engine_new(), 0 };
    main_mode(&c, ikb_icookie, ikb_rcookie, &ini, &resp, 0.0); /* frames 1-6 */
    send(&c, qm(ikb_icookie, ikb_rcookie, 0), &ini, &resp, 1.000);
    send(&c, qm(ikb_icookie, ikb_rcookie, 1), &resp, &ini, 1.020);
    send(&c, qm(ikb_icookie, ikb_rcookie, 2), &ini, &resp, 1.030); /* frame 9 */
    for (int n = 1; n <= 5; n++) /* frames 10-14 */
        send(&c, mm(ic_b, rc_b, n), n % 2 ? &peer2 : &resp, n % 2 ? &resp : &peer2, 2.0 + (n - 1) * 0.03);
    send(&c, mm(ic_c, zero, 1), &peer3, &resp, 3.000); /* frame 15 */
    send(&c, ikb_info_notify(ic_c, zero, 14 /* NO-PROPOSAL-CHOSEN */), &resp, &peer3, 3.010);
    main_mode(&c, ic_d, rc_d, &ini6, &resp6, 5.0); /* frames 17-22 */
    send(&c, mm(ic_b, rc_b, 5), &peer2, &resp, 6.120);
    send(&c, mm(ic_b, rc_b, 5), &peer2, &resp, 14.120); /* frame 24 */
    return c.engine;
}

static void expect_text(ikd_engine *e, void (*print)(ikd_engine *, const ikd_sa_selection *, GString *),
                        const ikd_sa_selection *which, const char *expected)
{
    GString *out = g_string_new(NULL);
    print(e, which, out);
    g_assert_cmpstr(out->str, ==, expected);
    g_string_free(out, TRUE);
}

/* --- A long table, printed as it is written ------------------------------------------------ */

typedef struct {
    GString *printed;
    guint chunks;
    gboolean chunk_ends_row; /* every chunk ended with a whole row */
    gsize first_chunk;
} flushed;

static void collect(const GString *written, void *ctx)
{
    flushed *f = ctx;
    if (!f->chunks++)
        f->first_chunk = written->len;
    f->chunk_ends_row &= written->len > 0 && written->str[written->len - 1] == '\n';
    g_string_append_len(f->printed, written->str, (gssize)written->len);
}

/* 1,200 SAs' rows (84 KB): the table hands its first 64 KiB and the rows
 * that end there to the flush, between two SAs, and the rest stays in out;
 * together they are the table held whole. */
static void test_show_isakmp_sa_flushed(void)
{
    capture c = { ikd_engine_new(), 0 };
    for (guint i = 0; i < 1200; i++) {
        uint8_t ic[8] = { 0xe1, 0x0e, 0, 0, 0, 0, (uint8_t)(i >> 8), (uint8_t)i };
        send(&c, mm(ic, zero, 1), &ini, &resp, i * 0.001);
    }
    GString *whole = g_string_new(NULL);
    ikd_text_show_isakmp_sa(c.engine, NULL, whole);
    flushed f = { g_string_new(NULL), 0, TRUE, 0 };
    gboolean *every = g_new(gboolean, 1200);
    for (guint i = 0; i < 1200; i++)
        every[i] = TRUE;
    const ikd_sa_selection each = { every, 1200, collect, &f };
    GString *out = g_string_new(NULL);
    ikd_text_show_isakmp_sa(c.engine, &each, out);
    g_assert_cmpuint(f.chunks, ==, 1);
    g_assert_true(f.chunk_ends_row);
    const gsize row = strlen("192.0.2.1       192.0.2.10      MM_NO_STATE       1001    0 ACTIVE\n");
    g_assert_cmpuint(f.first_chunk, >=, IKD_TEXT_FLUSH_BYTES);
    g_assert_cmpuint(f.first_chunk, <, IKD_TEXT_FLUSH_BYTES + row);
    g_string_append_len(f.printed, out->str, (gssize)out->len);
    g_assert_cmpstr(f.printed->str, ==, whole->str);
    g_free(every);
    g_string_free(out, TRUE);
    g_string_free(f.printed, TRUE);
    g_string_free(whole, TRUE);
    ikd_engine_free(c.engine);
}

/* --- show crypto isakmp sa ---------------------------------------------------------------- */

static void test_show_isakmp_sa(void)
{
    ikd_engine *e = four_sas();
    expect_text(e, ikd_text_show_isakmp_sa, NULL,
                "IPv4 Crypto ISAKMP SA\n"
                "dst             src             state          conn-id slot status\n"
                "192.0.2.1       192.0.2.10      QM_IDLE           1001    0 ACTIVE\n"
                "192.0.2.1       198.51.100.20   MM_KEY_EXCH       1002    0 ACTIVE\n"
                "192.0.2.1       203.0.113.5     MM_NO_STATE       1003    0 ACTIVE (deleted)\n"
                "\n"
                "IPv6 Crypto ISAKMP SA\n"
                "2001:db8::1     2001:db8::10    QM_IDLE           1004    0 ACTIVE\n");
    ikd_engine_free(e);
}

static void test_show_isakmp_sa_selection(void)
{
    ikd_engine *e = four_sas();
    static const gboolean only_1002[] = { FALSE, TRUE };
    const ikd_sa_selection which = { .include = only_1002, .count = G_N_ELEMENTS(only_1002) };
    expect_text(e, ikd_text_show_isakmp_sa, &which,
                "IPv4 Crypto ISAKMP SA\n"
                "dst             src             state          conn-id slot status\n"
                "192.0.2.1       198.51.100.20   MM_KEY_EXCH       1002    0 ACTIVE\n"
                "\n"
                "IPv6 Crypto ISAKMP SA\n");
    /* SAs past the end of the selection are not printed. */
    static const gboolean only_1004[] = { FALSE, FALSE, FALSE, TRUE };
    const ikd_sa_selection ipv6 = { .include = only_1004, .count = G_N_ELEMENTS(only_1004) };
    expect_text(e, ikd_text_show_isakmp_sa, &ipv6,
                "IPv4 Crypto ISAKMP SA\n"
                "dst             src             state          conn-id slot status\n"
                "\n"
                "IPv6 Crypto ISAKMP SA\n"
                "2001:db8::1     2001:db8::10    QM_IDLE           1004    0 ACTIVE\n");
    const ikd_sa_selection nothing = { .include = NULL, .count = 0 };
    expect_text(e, ikd_text_show_isakmp_sa, &nothing,
                "IPv4 Crypto ISAKMP SA\n"
                "dst             src             state          conn-id slot status\n"
                "\n"
                "IPv6 Crypto ISAKMP SA\n");
    ikd_engine_free(e);
}

/* Each row shows its own peers when they change from one row to the next
 * and back (the table keeps the text of the row before's addresses): one
 * MM1 each, from ini to resp, then to peer2, then from peer3 to resp and
 * to peer2 (four pairs: no SA replaces another). */
static void test_show_isakmp_sa_peers_change(void)
{
    capture c = { ikd_engine_new(), 0 };
    const endpoint *from[] = { &ini, &ini, &peer3, &peer3 }, *to[] = { &resp, &peer2, &resp, &peer2 };
    for (uint8_t n = 0; n < G_N_ELEMENTS(from); n++) {
        const uint8_t ic[8] = { 0xf1, 0x0f, 0, 0, 0, 0, 0, (uint8_t)(n + 1) };
        send(&c, mm(ic, zero, 1), from[n], to[n], n * 0.5);
    }
    expect_text(c.engine, ikd_text_show_isakmp_sa, NULL,
                "IPv4 Crypto ISAKMP SA\n"
                "dst             src             state          conn-id slot status\n"
                "192.0.2.1       192.0.2.10      MM_NO_STATE       1001    0 ACTIVE\n"
                "198.51.100.20   192.0.2.10      MM_NO_STATE       1002    0 ACTIVE\n"
                "192.0.2.1       203.0.113.5     MM_NO_STATE       1003    0 ACTIVE\n"
                "198.51.100.20   203.0.113.5     MM_NO_STATE       1004    0 ACTIVE\n"
                "\n"
                "IPv6 Crypto ISAKMP SA\n");
    ikd_engine_free(c.engine);
}

/* An empty engine prints the headings only. */
static void test_show_isakmp_sa_empty(void)
{
    ikd_engine *e = ikd_engine_new();
    expect_text(e, ikd_text_show_isakmp_sa, NULL,
                "IPv4 Crypto ISAKMP SA\n"
                "dst             src             state          conn-id slot status\n"
                "\n"
                "IPv6 Crypto ISAKMP SA\n");
    ikd_engine_free(e);
}

/* An SA whose phase 1 is older than the capture shows QM_IDLE. */
static void test_show_isakmp_sa_late_capture(void)
{
    capture c = { ikd_engine_new(), 0 };
    send(&c, qm(ikb_icookie, ikb_rcookie, 0), &peer3, &resp, 0.0);
    expect_text(c.engine, ikd_text_show_isakmp_sa, NULL,
                "IPv4 Crypto ISAKMP SA\n"
                "dst             src             state          conn-id slot status\n"
                "192.0.2.1       203.0.113.5     QM_IDLE           1001    0 ACTIVE\n"
                "\n"
                "IPv6 Crypto ISAKMP SA\n");
    ikd_engine_free(c.engine);
}

/* --- show crypto isakmp sa detail ---------------------------------------------------------- */

#define DETAIL_HEADING                                                                           \
    "Codes: C - IKE configuration mode, D - Dead Peer Detection\n"                               \
    "       K - Keepalives, N - NAT-traversal\n"                                                 \
    "       T - cTCP encapsulation, X - IKE Extended Authentication\n"                           \
    "       F - IKE Fragmentation\n"                                                             \
    "       psk - Preshared key, rsig - RSA signature\n"                                         \
    "       renc - RSA encryption\n"                                                             \
    "IPv4 Crypto ISAKMP SA\n"                                                                    \
    "\n"                                                                                         \
    "C-id  Local           Remote          I-VRF  Status Encr Hash   Auth DH Lifetime Cap.\n"    \
    "\n"

static void test_show_isakmp_sa_detail(void)
{
    ikd_engine *e = four_sas();
    /* Lifetime left: 86400 s less the time since MM6 (1001: 14.12 - 0.15; 1004: 14.12 - 5.15). */
    expect_text(e, ikd_text_show_isakmp_sa_detail, NULL,
                DETAIL_HEADING
                "1001  192.0.2.10      192.0.2.1              ACTIVE aes  sha    psk  14 23:59:46 \n"
                "       Engine-id:Conn-id =  SW:1\n"
                "1002  198.51.100.20   192.0.2.1              ACTIVE aes  sha    psk  14          \n"
                "       Engine-id:Conn-id =  SW:2\n"
                "1003  203.0.113.5     192.0.2.1              ACTIVE (deleted)" /* then 30 blanks: empty Encr..Cap. */
                "                              \n"
                "       Engine-id:Conn-id =  SW:3\n"
                "\n"
                "IPv6 Crypto ISAKMP SA\n"
                "\n"
                "1004  2001:db8::10    2001:db8::1            ACTIVE aes  sha    psk  14 23:59:51 \n"
                "       Engine-id:Conn-id =  SW:4\n");
    static const gboolean only_1001[] = { TRUE };
    const ikd_sa_selection which = { .include = only_1001, .count = G_N_ELEMENTS(only_1001) };
    expect_text(e, ikd_text_show_isakmp_sa_detail, &which,
                DETAIL_HEADING
                "1001  192.0.2.10      192.0.2.1              ACTIVE aes  sha    psk  14 23:59:46 \n"
                "       Engine-id:Conn-id =  SW:1\n"
                "\n"
                "IPv6 Crypto ISAKMP SA\n"
                "\n");
    ikd_engine_free(e);
}

/* --- ikediag's own table --------------------------------------------------------------------- */

#define ANALYSIS_HEADING                                                                                     \
    "conn-id initiator             responder             mode initiator    responder    ASA           first " \
    "  last msgs retx dpd     nat-ka setup     status           evidence   user         group        address  " \
    "       verdict\n"

/* The user, group and address columns of an SA without remote access. */
#define NO_RA "-            -            -               "

/* The IKEv2 section (report/ikev2_analysis.c), empty here: no IKEv2 SA was fed. */
#define NO_IKEV2_SAS                                                                                         \
    "\nIKEv2 SAs\n"                                                                                           \
    "tunnel  initiator             responder             mode  initiator    responder      first   last msgs " \
    "retx setup     status  evidence   verdict\n"

#define ROW_1001                                                                                             \
    "1001    192.0.2.10:500        192.0.2.1:500         main QM_IDLE      QM_IDLE      MM_ACTIVE    "         \
    "     1      9    9    0 -            0 0.150 s   ACTIVE           -          " NO_RA "-\n"
#define ROW_1002                                                                                             \
    "1002    198.51.100.20:500     192.0.2.1:500         main MM_KEY_EXCH  MM_KEY_EXCH  MM_WAIT_MSG6 "         \
    "    10     24    7    2 -            0 -         ACTIVE           strong     " NO_RA "SA 1002 stuck in MM_KEY_EXCH: encrypted MM5 sent as 3 " \
    "copies over 12.0 s, no MM6; encrypted informationals from the responder: 0 \xe2\x80\x94 probable pre-shared key "    \
    "mismatch\n"
#define ROW_1003                                                                                             \
    "1003    203.0.113.5:500       192.0.2.1:500         main MM_NO_STATE  MM_NO_STATE  MM_WAIT_MSG2 "         \
    "    15     16    2    0 -            0 -         ACTIVE (deleted) conclusive " NO_RA "SA 1003 rejected in MM_NO_STATE: the responder "       \
    "answered with NO-PROPOSAL-CHOSEN \xe2\x80\x94 no matching crypto isakmp policy\n"

static void test_sa_analysis(void)
{
    ikd_engine *e = four_sas();
    static const gboolean ipv4[] = { TRUE, TRUE, TRUE };
    const ikd_sa_selection which = { .include = ipv4, .count = G_N_ELEMENTS(ipv4) };
    expect_text(e, ikd_text_sa_analysis, &which, ANALYSIS_HEADING ROW_1001 ROW_1002 ROW_1003 NO_IKEV2_SAS);
    static const gboolean only_1003[] = { FALSE, FALSE, TRUE };
    const ikd_sa_selection just_one = { .include = only_1003, .count = G_N_ELEMENTS(only_1003) };
    expect_text(e, ikd_text_sa_analysis, &just_one, ANALYSIS_HEADING ROW_1003 NO_IKEV2_SAS);
    ikd_engine_free(e);
}

/* An IPv6 address with a port is written [address]:port (RFC 5952 section 6):
 * "2001:db8::10:500" would read as another address. */
static void test_sa_analysis_ipv6(void)
{
    ikd_engine *e = four_sas();
    expect_text(e, ikd_text_sa_analysis, NULL,
                ANALYSIS_HEADING ROW_1001 ROW_1002 ROW_1003
                "1004    [2001:db8::10]:500                        [2001:db8::1]:500                         main "
                "QM_IDLE      QM_IDLE      MM_ACTIVE        17     22    6    0 -            0 0.150 s   ACTIVE           -          " NO_RA "-\n"
                NO_IKEV2_SAS);
    ikd_engine_free(e);
}

static void test_verdict_text(void)
{
    ikd_engine *e = four_sas();
    char buf[256];
    g_assert_cmpstr(ikd_sa_verdict_text(e, ikd_engine_sa_by_conn_id(e, 1001), buf, sizeof buf), ==, "");
    g_assert_cmpstr(ikd_sa_verdict_text(e, ikd_engine_sa_by_conn_id(e, 1002), buf, sizeof buf), ==,
                    "SA 1002 stuck in MM_KEY_EXCH: encrypted MM5 sent as 3 copies over 12.0 s, no MM6; encrypted "
                    "informationals from the responder: 0 \xe2\x80\x94 probable pre-shared key mismatch");
    char small[16];
    g_assert_cmpstr(ikd_sa_verdict_text(e, ikd_engine_sa_by_conn_id(e, 1003), small, sizeof small), ==,
                    "SA 1003 rejecte");
    ikd_engine_free(e);
}

/* --- Addresses ------------------------------------------------------------------------------- */

static const char *format6(const uint16_t g[8])
{
    static char buf[46];
    ikd_address a = { 6, { 0 } };
    for (int i = 0; i < 8; i++) {
        a.bytes[2 * i] = (uint8_t)(g[i] >> 8);
        a.bytes[2 * i + 1] = (uint8_t)g[i];
    }
    return ikd_address_format(&a, buf, sizeof buf);
}

static void test_address_format(void)
{
    static const struct {
        uint16_t g[8];
        const char *text;
    } cases[] = {
        { { 0x2001, 0xdb8, 0, 0, 0, 0, 0, 1 }, "2001:db8::1" },
        { { 0, 0, 0, 0, 0, 0, 0, 1 }, "::1" },
        { { 0, 0, 0, 0, 0, 0, 0, 0 }, "::" },
        { { 0x2001, 0xdb8, 0, 1, 0, 0, 0, 1 }, "2001:db8:0:1::1" },
        { { 1, 0, 0, 2, 0, 0, 0, 3 }, "1:0:0:2::3" },
        /* RFC 5952 4.2.2: one zero group is not shortened */
        { { 0x2001, 0xdb8, 0, 1, 1, 1, 1, 1 }, "2001:db8:0:1:1:1:1:1" },
        /* 4.2.3: of equal runs the first is shortened */
        { { 0x2001, 0xdb8, 0, 0, 1, 0, 0, 1 }, "2001:db8::1:0:0:1" },
        { { 0x2001, 0xdb8, 0, 0, 0, 0, 0, 0 }, "2001:db8::" },
        { { 0, 0, 0, 1, 0, 0, 0, 0 }, "0:0:0:1::" },
        /* 4.3: lowercase, no leading zeros */
        { { 0x2001, 0x0DB8, 0xABCD, 0x00EF, 0, 0, 0x000A, 0xFFFF }, "2001:db8:abcd:ef::a:ffff" },
        { { 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff, 0xffff },
          "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff" },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
        g_assert_cmpstr(format6(cases[i].g), ==, cases[i].text);

    char buf[46];
    g_assert_cmpstr(ikd_address_format(&ini.addr, buf, sizeof buf), ==, "192.0.2.10");
    const ikd_address broadcast = { 4, { 255, 255, 255, 255 } };
    g_assert_cmpstr(ikd_address_format(&broadcast, buf, sizeof buf), ==, "255.255.255.255");
    const ikd_address unknown = { 0, { 0 } };
    g_assert_cmpstr(ikd_address_format(&unknown, buf, sizeof buf), ==, "?");
    const ikd_address zeros = { 4, { 0, 0, 0, 0 } };
    g_assert_cmpstr(ikd_address_format(&zeros, buf, sizeof buf), ==, "0.0.0.0");
    /* A short buffer gets what fits, terminated, as snprintf would leave it. */
    char small[8];
    g_assert_cmpstr(ikd_address_format(&ini.addr, small, sizeof small), ==, "192.0.2");
}

/* --- Lifetime left ---------------------------------------------------------------------------- */

/* A main mode whose MM2 chooses a phase-1 lifetime of life_seconds, completed
 * at 0.150 s, and a capture that ends at end_time. */
static ikd_engine *lifetime_capture(uint32_t life_seconds, double end_time)
{
    const ikb_attr attrs[] = {
        { 1, 7, 0 }, { 14, 128, 0 }, { 2, 2, 0 }, { 3, 1, 0 }, { 4, 14, 0 }, { 11, 1, 0 }, { 12, life_seconds, 4 },
    };
    const ikb_transform t = { 1, 1, attrs, G_N_ELEMENTS(attrs), NULL, 0 };
    capture c = { ikd_engine_new(), 0 };
    send(&c, mm(ikb_icookie, zero, 1), &ini, &resp, 0.000);
    send(&c, ikb_mm2_with(ikb_icookie, ikb_rcookie, &t), &resp, &ini, 0.010);
    for (int n = 3; n <= 6; n++)
        send(&c, mm(ikb_icookie, ikb_rcookie, n), n % 2 ? &ini : &resp, n % 2 ? &resp : &ini, 0.0 + n * 0.025);
    send(&c, qm(ikb_icookie, ikb_rcookie, 0), &ini, &resp, end_time);
    return c.engine;
}

static void expect_lifetime(uint32_t life_seconds, double end_time, const char *expected)
{
    ikd_engine *e = lifetime_capture(life_seconds, end_time);
    char buf[16];
    g_assert_cmpstr(ikd_sa_lifetime_left(e, ikd_engine_sa(e, 0), buf, sizeof buf), ==, expected);
    ikd_engine_free(e);
}

static void test_lifetime_left(void)
{
    /* MM6 at 0.150 s. */
    expect_lifetime(86400, 0.150, "24:00:00");
    expect_lifetime(86400, 1.149, "23:59:59"); /* 86399.001 s left: whole seconds, rounded down */
    expect_lifetime(86400, 3661.650, "22:58:58"); /* 3661.5 s used */
    expect_lifetime(28800, 28800.150, "00:00:00");
    expect_lifetime(60, 100.0, "00:00:00"); /* expired */
    expect_lifetime(400000, 0.150, "111:06:40");
    expect_lifetime(0, 10.0, ""); /* no lifetime in seconds */

    ikd_engine *e = four_sas();
    char buf[16];
    g_assert_cmpstr(ikd_sa_lifetime_left(e, ikd_engine_sa_by_conn_id(e, 1001), buf, sizeof buf), ==, "23:59:46");
    g_assert_cmpstr(ikd_sa_lifetime_left(e, ikd_engine_sa_by_conn_id(e, 1002), buf, sizeof buf), ==, "");
    g_assert_cmpstr(ikd_sa_lifetime_left(e, ikd_engine_sa_by_conn_id(e, 1003), buf, sizeof buf), ==, "");
    g_assert_cmpstr(ikd_sa_lifetime_left(e, ikd_engine_sa_by_conn_id(e, 1004), buf, sizeof buf), ==, "23:59:51");
    ikd_engine_free(e);

    /* Phase 1 before the capture: nothing to count from. */
    capture c = { ikd_engine_new(), 0 };
    send(&c, qm(ikb_icookie, ikb_rcookie, 0), &peer3, &resp, 0.0);
    g_assert_cmpstr(ikd_sa_lifetime_left(c.engine, ikd_engine_sa(c.engine, 0), buf, sizeof buf), ==, "");
    ikd_engine_free(c.engine);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_set_nonfatal_assertions(); /* a failing table does not hide the others */
    g_test_add_func("/cisco_text/show_isakmp_sa/four_sas", test_show_isakmp_sa);
    g_test_add_func("/cisco_text/show_isakmp_sa/selection", test_show_isakmp_sa_selection);
    g_test_add_func("/cisco_text/show_isakmp_sa/peers_change", test_show_isakmp_sa_peers_change);
    g_test_add_func("/cisco_text/show_isakmp_sa/empty", test_show_isakmp_sa_empty);
    g_test_add_func("/cisco_text/show_isakmp_sa/late_capture", test_show_isakmp_sa_late_capture);
    g_test_add_func("/cisco_text/show_isakmp_sa/flushed", test_show_isakmp_sa_flushed);
    g_test_add_func("/cisco_text/show_isakmp_sa_detail/four_sas", test_show_isakmp_sa_detail);
    g_test_add_func("/cisco_text/sa_analysis/four_sas", test_sa_analysis);
    g_test_add_func("/cisco_text/sa_analysis/ipv6", test_sa_analysis_ipv6);
    g_test_add_func("/cisco_text/sa_analysis/verdict_text", test_verdict_text);
    g_test_add_func("/cisco_text/address_format", test_address_format);
    g_test_add_func("/cisco_text/lifetime_left", test_lifetime_left);
    return g_test_run();
}
