/* ikediag - the SA table as IOS prints it.
 *
 * Geometry measured from real IOS output (cisco-ike-facts.md 1.1, 1.3):
 * dst and src left-aligned in 16 columns, state in 15, conn-id right-aligned
 * in 7, slot right-aligned in 5, then the status. dst is the responder and
 * src the initiator, as IOS prints them on the initiating router.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/cisco_text.h"

#include "ikev1/ikev1_names.h"
#include "ikev1/ikev1_sa.h"
#include "ikev1/remote_access.h"
#include "report/finding_text.h"

#include <stdio.h>
#include <string.h>

gboolean ikd_sa_selected(const ikd_sa_selection *which, const ikd_sa *sa)
{
    if (!which)
        return TRUE;
    return sa->index < which->count && which->include[sa->index];
}

void ikd_text_between_sas(const ikd_sa_selection *which, GString *out)
{
    if (!which || !which->flush || out->len < IKD_TEXT_FLUSH_BYTES)
        return;
    which->flush(out, which->flush_ctx);
    g_string_truncate(out, 0);
}

/* A row is written into a buffer and appended to the output once: a
 * GString append for every field and every run of padding was most of a
 * show crypto isakmp sa row's 3,100 instructions (callgrind, 10k MM1
 * flood); printf's "%-*s" and "%7u" took 4,900 before that. Each put_ writes
 * at `at` and returns where it ended; a row holds four fields of FIELD_MAX
 * and their separators (two addresses, a state, two numbers of 10 digits). */
enum { FIELD_MAX = IKD_ADDRESS_TEXT - 1, ROW_BYTES = 4 * (FIELD_MAX + 1) };

/* text (at most FIELD_MAX bytes of it: no address or state is longer), then
 * spaces up to `width` columns, as "%-*s" does. */
static char *put_left(char *at, const char *text, size_t width)
{
    const char *nul = memchr(text, '\0', FIELD_MAX);
    size_t n = nul ? (size_t)(nul - text) : FIELD_MAX;
    memcpy(at, text, n);
    if (n < width) {
        memset(at + n, ' ', width - n);
        n = width;
    }
    return at + n;
}

/* value right-aligned in `width` columns, as "%*u" does. */
static char *put_right(char *at, unsigned value, size_t width)
{
    char digits[16];
    size_t n = 0;
    do {
        digits[sizeof digits - 1 - n++] = (char)('0' + value % 10);
        value /= 10;
    } while (value);
    if (n < width) {
        memset(at, ' ', width - n);
        at += width - n;
    }
    memcpy(at, digits + sizeof digits - n, n);
    return at + n;
}

/* An address's text in a column of `width`, always followed by at least one space. */
static char *put_address(char *at, const char *text, size_t width)
{
    at = put_left(at, text, width - 1);
    *at++ = ' ';
    return at;
}

/* The text of each peer's address in the row before: the rows of a section
 * mostly share a responder (a head-end's own address), whose text need not
 * be written out again for each. */
typedef struct {
    bool valid[2];
    ikd_address address[2];
    char text[2][IKD_ADDRESS_TEXT];
} peer_texts;

static const char *peer_text(peer_texts *memo, const ikd_sa *sa, int peer)
{
    if (!memo->valid[peer] || !ikd_address_equal(&memo->address[peer], &sa->peer[peer])) {
        memo->address[peer] = sa->peer[peer];
        ikd_address_format(&sa->peer[peer], memo->text[peer], sizeof memo->text[peer]);
        memo->valid[peer] = true;
    }
    return memo->text[peer];
}

static const char *state_text(const ikd_v1_sa *sa)
{
    const char *s = ikd_ios_state_name(ikd_v1_sa_state(sa));
    return *s ? s : "-"; /* phase 1 was not in the capture */
}

/* The ISAKMP SAs of one address family, one row each. */
static void section(ikd_engine *e, const ikd_sa_selection *which, int family, GString *out,
                    void (*row)(ikd_engine *, const ikd_v1_sa *, peer_texts *, GString *))
{
    peer_texts texts;
    texts.valid[0] = texts.valid[1] = false;
    if (!ikd_engine_v1_sa_count_of_family(e, family))
        return;
    for (uint32_t i = 0; i < ikd_engine_sa_count(e); i++) {
        const ikd_v1_sa *v1 = ikd_v1_sa_of_const(ikd_engine_sa(e, i));
        if (v1 && v1->sa.peer[0].family == family && ikd_sa_selected(which, &v1->sa)) {
            row(e, v1, &texts, out);
            ikd_text_between_sas(which, out);
        }
    }
}

static void show_row(ikd_engine *e, const ikd_v1_sa *v1, peer_texts *texts, GString *out)
{
    (void)e;
    const ikd_sa *sa = &v1->sa;
    char row[ROW_BYTES], *at = row;
    at = put_address(at, peer_text(texts, sa, 1), 16); /* dst */
    at = put_address(at, peer_text(texts, sa, 0), 16); /* src */
    at = put_left(at, state_text(v1), 14);  /* "%-14s %7u %4u %s\n" */
    *at++ = ' ';
    at = put_right(at, sa->conn_id, 7);
    *at++ = ' ';
    at = put_right(at, 0u, 4); /* slot */
    *at++ = ' ';
    g_string_append_len(out, row, at - row);
    g_string_append(out, ikd_sa_status(sa));
    g_string_append_c(out, '\n');
}

void ikd_text_show_isakmp_sa(ikd_engine *e, const ikd_sa_selection *which, GString *out)
{
    g_string_append(out, "IPv4 Crypto ISAKMP SA\n");
    g_string_append(out, "dst             src             state          conn-id slot status\n");
    section(e, which, 4, out, show_row);
    g_string_append(out, "\nIPv6 Crypto ISAKMP SA\n");
    section(e, which, 6, out, show_row);
}

const char *ikd_sa_lifetime_left(ikd_engine *e, const ikd_sa *sa, char *buf, size_t size)
{
    const ikd_v1_sa *v1 = ikd_v1_sa_of_const(sa);
    buf[0] = '\0';
    const ikd_transform *chosen = v1 ? ikd_v1_chosen(v1) : NULL;
    if (!chosen || !sa->established_frame || !chosen->life_seconds)
        return buf;
    double used = ikd_engine_last_time(e) - sa->established_time;
    double left = (double)chosen->life_seconds - (used > 0 ? used : 0);
    unsigned s = left > 0 ? (unsigned)left : 0;
    snprintf(buf, size, "%02u:%02u:%02u", s / 3600, s / 60 % 60, s % 60);
    return buf;
}

static void detail_row(ikd_engine *e, const ikd_v1_sa *v1, peer_texts *texts, GString *out)
{
    char encr[24], hash[24], auth[24], dh[8] = "", life[16], caps[8];
    const ikd_sa *sa = &v1->sa;
    const ikd_transform *t = ikd_v1_chosen_or_none(v1);
    bool known = ikd_v1_chosen(v1) != NULL;
    if (known && t->group)
        snprintf(dh, sizeof dh, "%u", t->group);
    g_string_append_printf(out, "%-5u ", sa->conn_id);
    char row[ROW_BYTES], *at = row;
    at = put_address(at, peer_text(texts, sa, 0), 16);
    at = put_address(at, peer_text(texts, sa, 1), 16);
    g_string_append_len(out, row, at - row);
    g_string_append_printf(out, "%-6s %-6s %-4s %-6s %-4s %-2s %-8s %s\n", "", ikd_sa_status(sa),
                           known ? ikd_encryption_text(t->encryption, 0, encr, sizeof encr) : "",
                           known ? ikd_hash_text(t->hash, hash, sizeof hash) : "",
                           known ? ikd_auth_text(t->auth, auth, sizeof auth) : "", dh,
                           ikd_sa_lifetime_left(e, sa, life, sizeof life), ikd_sa_capabilities(sa, caps, sizeof caps));
    /* IOS numbers the software engine's connections from 1 where conn-ids start at 1001. */
    g_string_append_printf(out, "       Engine-id:Conn-id =  SW:%u\n", sa->conn_id - IKD_CONN_ID_BASE + 1);
}

void ikd_text_show_isakmp_sa_detail(ikd_engine *e, const ikd_sa_selection *which, GString *out)
{
    g_string_append(out,
                    "Codes: C - IKE configuration mode, D - Dead Peer Detection\n"
                    "       K - Keepalives, N - NAT-traversal\n"
                    "       T - cTCP encapsulation, X - IKE Extended Authentication\n"
                    "       F - IKE Fragmentation\n"
                    "       psk - Preshared key, rsig - RSA signature\n"
                    "       renc - RSA encryption\n"
                    "IPv4 Crypto ISAKMP SA\n\n"
                    "C-id  Local           Remote          I-VRF  Status Encr Hash   Auth DH Lifetime Cap.\n\n");
    section(e, which, 4, out, detail_row);
    g_string_append(out, "\nIPv6 Crypto ISAKMP SA\n\n");
    section(e, which, 6, out, detail_row);
}

const char *ikd_sa_verdict_text(ikd_engine *e, const ikd_sa *sa, char *buf, size_t size)
{
    (void)e;
    buf[0] = '\0';
    if (sa->verdict)
        ikd_finding_render(ikd_finding_lookup((ikd_finding_id)sa->verdict->id)->detail, sa->verdict, buf, size);
    return buf;
}

static void analysis_row(ikd_engine *e, const ikd_v1_sa *v1, peer_texts *texts, GString *out)
{
    const ikd_sa *sa = &v1->sa;
    char a[64], b[64], verdict[256], setup[24] = "-", dpd[24];
    /* RFC 5952 section 6: an IPv6 address with a port goes in brackets. */
    const char *fmt0 = sa->peer[0].family == 6 ? "[%s]:%u" : "%s:%u";
    const char *fmt1 = sa->peer[1].family == 6 ? "[%s]:%u" : "%s:%u";
    snprintf(a, sizeof a, fmt0, peer_text(texts, sa, 0), sa->port[0]);
    snprintf(b, sizeof b, fmt1, peer_text(texts, sa, 1), sa->port[1]);
    if (sa->established_frame && !sa->began_before_capture)
        snprintf(setup, sizeof setup, "%.3f s", sa->established_time - sa->first_time);
    const char *mode = v1->mode == IKD_EX_MAIN ? "main" : v1->mode == IKD_EX_AGGRESSIVE ? "aggr" : "-";
    const char *si = ikd_ios_state_name(v1->state_initiator), *sr = ikd_ios_state_name(v1->state_responder);
    const char *asa = ikd_asa_state_name(v1->asa_state);
    char user[IKD_RA_NAME_TEXT], group[IKD_RA_NAME_TEXT], address[IKD_ADDRESS_TEXT];
    ikd_v1_sa_remote_access_text(v1, user, group, address);
    g_string_append_printf(out, "%-7u %-*s %-*s %-4s %-12s %-12s %-12s %6u %6u %4u %4u %-7s %6u %-9s %-16s %-10s "
                           "%-12s %-12s %-15s %s\n",
                           sa->conn_id, sa->peer[0].family == 6 ? 41 : 21, a, sa->peer[1].family == 6 ? 41 : 21, b,
                           mode, *si ? si : "-", *sr ? sr : "-", *asa ? asa : "-", sa->first_frame, sa->last_frame,
                           sa->messages, ikd_sa_retransmissions(sa), ikd_sa_dpd_text(sa, dpd, sizeof dpd),
                           ikd_sa_extra_const(sa)->nat_keepalives, setup,
                           ikd_sa_status(sa), ikd_evidence_name(sa->verdict_evidence), user, group, address,
                           *ikd_sa_verdict_text(e, sa, verdict, sizeof verdict) ? verdict : "-");
    char weak[160];
    if (sa->weaknesses)
        g_string_append_printf(out, "        weak crypto: %s\n", ikd_v1_sa_weakness_text(v1, weak, sizeof weak));
    ikd_text_implementation_lines(sa, out);
}

void ikd_text_implementation_lines(const ikd_sa *sa, GString *out)
{
    const char *const *backoff = ikd_sa_extra_const(sa)->backoff;
    for (int peer = 0; peer < 2; peer++) {
        const char *implementation = ikd_sa_implementation(sa, peer);
        if (implementation || backoff[peer])
            g_string_append_printf(out, "        %s: %s%s%s\n", peer == 0 ? "initiator" : "responder",
                                   implementation ? implementation : "",
                                   implementation && backoff[peer] ? "; retransmits like " :
                                   backoff[peer] ? "retransmits like " : "",
                                   backoff[peer] ? backoff[peer] : "");
    }
}

void ikd_v1_sa_remote_access_text(const ikd_v1_sa *v1, char user[IKD_RA_NAME_TEXT], char group[IKD_RA_NAME_TEXT],
                                  char address[IKD_ADDRESS_TEXT])
{
    const ikd_v1_ra *ra = ikd_v1_ra_seen(v1);
    snprintf(user, IKD_RA_NAME_TEXT, "%s", ra && ra->user[0] ? ra->user : "-");
    snprintf(group, IKD_RA_NAME_TEXT, "%s", ra && ra->group[0] ? ra->group : "-");
    if (ra && ra->address_known)
        ikd_address_format(&ra->address, address, IKD_ADDRESS_TEXT);
    else
        snprintf(address, IKD_ADDRESS_TEXT, "-");
}

const char *ikd_sa_dpd_text(const ikd_sa *sa, char *buf, size_t size)
{
    const ikd_sa_extra *extra = ikd_sa_extra_const(sa);
    if (extra->dpd_sent)
        snprintf(buf, size, "%u/%u", (unsigned)extra->dpd_acked, (unsigned)extra->dpd_sent);
    else
        snprintf(buf, size, "-");
    return buf;
}

void ikd_text_ikev1_analysis(ikd_engine *e, const ikd_sa_selection *which, GString *out)
{
    g_string_append(out, "conn-id initiator             responder             mode initiator    responder    "
                         "ASA           first   last msgs retx dpd     nat-ka setup     status           evidence   "
                         "user         group        address         verdict\n");
    section(e, which, 4, out, analysis_row);
    section(e, which, 6, out, analysis_row);
}
