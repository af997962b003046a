/* ikediag - a finding's text: a catalogue template with its arguments filled in.
 *
 * "{N}" is argument N in decimal; "{N:kind}" hands argument N (or, for kinds
 * that read several, arguments N on) to the kind's formatter in the table
 * below. Anything else between braces is copied as it stands, except "{v2}",
 * which splits a template into its IKEv1 and IKEv2 parts.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/finding_text.h"

#include "core/interned.h"

#include "report/ikev2_ios_names.h"

#include "common/cisco_state.h"
#include "core/text_buf.h"
#include "core/address.h"
#include "ikev1/dpd.h"
#include "common/icmp.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/ios_debug.h"
#include "ikev1/phase2.h"
#include "ikev1/phase2_refusal.h"
#include "ikev1/remote_access.h"
#include "common/proxy_id.h"
#include "ikev1/transform.h"
#include "ikev2/announced.h"
#include "ikev2/ikev2_names.h"
#include "ikev2/offer.h"
#include "ikev2/child_sa.h"
#include "ikev2/verdicts.h"

#include <glib.h>
#include <stdio.h>
#include <string.h>

/* Each formatted token goes through a buffer of this size first and is cut
 * to it: a number with its unit, or a text of words. */
enum { NUMBER_ROOM = 16, WORDS_ROOM = 200 };

/* Appends the text for the token whose first argument is f->arg[n]. */
typedef void token_formatter(ikd_text *out, const ikd_finding *f, unsigned n);

static void put_decimal(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char num[NUMBER_ROOM];
    snprintf(num, sizeof num, "%u", (unsigned)f->arg[n]);
    ikd_text_add(out, num);
}

static void put_hex(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char num[NUMBER_ROOM];
    snprintf(num, sizeof num, "0x%x", (unsigned)f->arg[n]);
    ikd_text_add(out, num);
}

/* "1 copy", "5 copies" */
static void put_copies(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char num[NUMBER_ROOM];
    snprintf(num, sizeof num, "%u cop%s", (unsigned)f->arg[n], f->arg[n] == 1 ? "y" : "ies");
    ikd_text_add(out, num);
}

/* Milliseconds shown as seconds with one truncated decimal: "12.3 s". */
static void put_ms(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char num[NUMBER_ROOM];
    uint32_t v = f->arg[n];
    snprintf(num, sizeof num, "%u.%u s", (unsigned)(v / 1000), (unsigned)(v % 1000 / 100));
    ikd_text_add(out, num);
}

/* Whether the finding's numbers are IKEv2's (core/findings.h); the argument
 * holding the tag is never the one named, so one check covers every kind. */
static bool is_ikev2(const ikd_finding *f, unsigned n)
{
    return n != IKD_FINDING_ARG_VERSION && f->arg[IKD_FINDING_ARG_VERSION] == IKD_FINDING_IKEV2;
}

static void put_payload(ikd_text *out, const ikd_finding *f, unsigned n)
{
    uint8_t type = (uint8_t)f->arg[n];
    ikd_text_add(out, is_ikev2(f, n) ? ikd_v2_payload_name(type) : ikd_payload_name(type));
}

static void put_exchange(ikd_text *out, const ikd_finding *f, unsigned n)
{
    uint8_t type = (uint8_t)f->arg[n];
    ikd_text_add(out, is_ikev2(f, n) ? ikd_v2_exchange_name(type) : ikd_exchange_name(type));
}

static void put_protocol(ikd_text *out, const ikd_finding *f, unsigned n)
{
    uint8_t id = (uint8_t)f->arg[n];
    ikd_text_add(out, is_ikev2(f, n) ? ikd_v2_protocol_name(id) : ikd_protocol_name(id));
}

static void put_notify(ikd_text *out, const ikd_finding *f, unsigned n)
{
    uint16_t type = (uint16_t)f->arg[n];
    ikd_text_add(out, is_ikev2(f, n) ? ikd_v2_notify_name(type) : ikd_notify_name(type));
}

/* A phase-1 refusal's probable cause after an em dash, when the notification
 * alone does not say it; other notifications are their own cause. */
static void put_phase1_cause(ikd_text *out, const ikd_finding *f, unsigned n)
{
    if (f->arg[n] == IKD_NOTIFY_NO_PROPOSAL_CHOSEN)
        ikd_text_add(out, " \xe2\x80\x94 no matching crypto isakmp policy");
}

/* After a pre-shared key mismatch in aggressive mode: the Easy VPN group
 * whose key it is (an interned name), nothing when AM1 named none. */
static void put_group_key(ikd_text *out, const ikd_finding *f, unsigned n)
{
    if (!f->arg[n])
        return;
    ikd_text_add(out, "; for this Easy VPN client that key is the secret of group '");
    ikd_text_add(out, ikd_interned(f->arg[n]));
    ikd_text_add(out, "' (the client's group password); XAUTH was never reached");
}

static void put_id_type(ikd_text *out, const ikd_finding *f, unsigned n)
{
    ikd_text_add(out, ikd_id_type_name((uint8_t)f->arg[n]));
}

static void put_step(ikd_text *out, const ikd_finding *f, unsigned n)
{
    ikd_text_add(out, ikd_step_name((ikd_step)f->arg[n]));
}

static void put_state(ikd_text *out, const ikd_finding *f, unsigned n)
{
    ikd_text_add(out, ikd_ios_state_name((ikd_ios_state)f->arg[n]));
}

static void put_role(ikd_text *out, const ikd_finding *f, unsigned n)
{
    ikd_text_add(out, ikd_role_name((ikd_role)f->arg[n]));
}

static void put_mismatch(ikd_text *out, const ikd_finding *f, unsigned n)
{
    ikd_text_add(out, ikd_ios_mismatch_text((ikd_ios_mismatch)f->arg[n]));
}

/* The summary of the finding whose id is the argument. */
static void put_finding(ikd_text *out, const ikd_finding *f, unsigned n)
{
    const ikd_finding_info *info = ikd_finding_lookup((ikd_finding_id)f->arg[n]);
    ikd_text_add(out, info ? info->summary : "?");
}

/* Encryption in the high 16 bits, key length in the low 16. */
static void put_encryption(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char words[WORDS_ROOM];
    uint32_t v = f->arg[n];
    ikd_text_add(out, ikd_encryption_text((uint16_t)(v >> 16), (uint16_t)v, words, sizeof words));
}

static void put_hash(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char words[WORDS_ROOM];
    ikd_text_add(out, ikd_hash_text((uint16_t)f->arg[n], words, sizeof words));
}

/* IKD_ATTR_* bits as words. */
static void put_attributes(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char words[WORDS_ROOM];
    ikd_text_add(out, ikd_proposal_difference_names(&ikd_phase1_kind, f->arg[n], words, sizeof words));
}

/* Phase-2 difference bits as words. */
static void put_phase2_attributes(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char words[WORDS_ROOM];
    ikd_text_add(out, ikd_proposal_difference_names(&ikd_phase2_kind, f->arg[n], words, sizeof words));
}

/* A count of requests: "1 request", "3 requests". */
static void put_requests(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char words[32];
    snprintf(words, sizeof words, "%u request%s", f->arg[n], f->arg[n] == 1 ? "" : "s");
    ikd_text_add(out, words);
}

/* A phase-1 authentication method in IOS's debug words ("XAUTHInitPreShared"). */
static void put_phase1_auth(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char buf[16];
    ikd_text_add(out, ikd_ios_auth_name((uint16_t)f->arg[n], buf, sizeof buf));
}

/* A transaction exchange step ("MODE-CFG REQUEST"). */
static void put_txn_step(ikd_text *out, const ikd_finding *f, unsigned n)
{
    ikd_text_add(out, ikd_txn_step_name((ikd_txn_step)f->arg[n]));
}

/* A phase-1 transform packed in arguments n..n+3, as IOS describes it. */
static void put_offer(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char words[WORDS_ROOM];
    ikd_transform t;
    ikd_proposal_unpack(&ikd_phase1_kind, &f->arg[n], &t);
    GString *ios = g_string_new(NULL);
    ikd_ios_describe_transform(&t, ios);
    snprintf(words, sizeof words, "%s", ios->str);
    g_string_free(ios, TRUE);
    ikd_text_add(out, words);
}

/* A phase-2 transform packed in arguments n..n+2, as IOS describes it. */
static void put_phase2_offer(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char words[WORDS_ROOM];
    ikd_phase2_transform t;
    ikd_proposal_unpack(&ikd_phase2_kind, &f->arg[n], &t);
    ikd_text_add(out, ikd_phase2_ios_text(&t, words, sizeof words));
}

/* A phase-2 transform packed in arguments n..n+2 with its PFS group and
 * lifetime; all zero (QM1 not decrypted) says so. */
static void put_phase2_set(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char words[WORDS_ROOM];
    ikd_phase2_transform t;
    ikd_proposal_unpack(&ikd_phase2_kind, &f->arg[n], &t);
    ikd_text_add(out, t.protocol ? ikd_phase2_offer_text(&t, words, sizeof words)
                                 : "an offer the capture could not decrypt");
}

/* How many transforms QM1 offered, when more than one: the text shows the first. */
static void put_phase2_offers(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char num[NUMBER_ROOM + 40];
    if (f->arg[n] > 1) {
        snprintf(num, sizeof num, "%u offered transforms, the first ", (unsigned)f->arg[n]);
        ikd_text_add(out, num);
    } else if (f->arg[n] == 1) {
        ikd_text_add(out, "the offered ");
    }
}

/* A proxy identity packed in arguments n..n+1, as IOS prints it. */
static void put_proxy(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char text[IKD_PROXY_ID_TEXT];
    ikd_proxy_id id;
    if (ikd_proxy_id_unpack(&f->arg[n], &id))
        ikd_text_add(out, ikd_proxy_id_format(&id, text, sizeof text));
    else if (ikd_proxy_id_packed_kind(&f->arg[n]) == IKD_PROXY_PACKED_OTHER)
        ikd_text_add(out, "(IPv6 or range: see ikediag.qm.*)");
    else
        ikd_text_add(out, "unknown (QM1 not decrypted)");
}

static void put_phase2_cause(ikd_text *out, const ikd_finding *f, unsigned n)
{
    ikd_text_add(out, ikd_phase2_refusal_cause((uint16_t)f->arg[n]));
}

/* The message an ICMP error quoted: "MM1 of SA 1001", and how it was tied. */
static void put_quoted(ikd_text *out, const ikd_finding *f, unsigned n)
{
    uint32_t conn_id;
    ikd_step step;
    bool cookie_only;
    ikd_icmp_unpack_quoted(f->arg[n], &conn_id, &step, &cookie_only);
    if (!conn_id) {
        ikd_text_add(out, cookie_only
                              ? "an IKE message no SA of the capture matches (the error quotes only its first bytes)"
                              : "an IKE message of no SA in the capture");
        return;
    }
    char num[NUMBER_ROOM];
    snprintf(num, sizeof num, "%u", (unsigned)ikd_sa_number(conn_id));
    ikd_text_add(out, step == IKD_STEP_UNKNOWN ? "a message" : ikd_step_name(step));
    ikd_text_add(out, " of SA ");
    ikd_text_add(out, num);
    if (cookie_only)
        ikd_text_add(out, ikd_conn_id_is_v2(conn_id)
                              ? " (tied by the initiator's SPI alone: the error quotes too little of the message to read more)"
                              : " (tied by the initiator cookie alone: the error quotes too little of the message to read more)");
}

/* An address packed in arguments n..n+3. */
static void put_address(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char text[IKD_ADDRESS_TEXT];
    ikd_address a = ikd_address_unpack(&f->arg[n]);
    ikd_text_add(out, a.family ? ikd_address_format(&a, text, sizeof text) : "an unknown address");
}

/* How a run of unanswered DPD probes ended (ikd_dpd_end). */
static void put_dpd_end(ikd_text *out, const ikd_finding *f, unsigned n)
{
    switch (f->arg[n]) {
    case IKD_DPD_END_DELETED: ikd_text_add(out, ", then the SA was deleted"); break;
    case IKD_DPD_END_SILENT: ikd_text_add(out, ", then the sender went silent"); break;
    case IKD_DPD_END_PROBING: ikd_text_add(out, ", still unanswered when the capture stops"); break;
    default: break;
    }
}

typedef struct {
    const char *kind;        /* what follows "N:" in the token */
    unsigned args;           /* arguments it reads, N on; past the last one the token is copied */
    token_formatter *format;
} token_kind;

static void put_v2_auth(ikd_text *out, const ikd_finding *f, unsigned n)
{
    ikd_text_add(out, f->arg[n] ? ikd_v2_auth_method_name((uint8_t)f->arg[n]) : "method not read");
}

static void put_v2_auth_cause(ikd_text *out, const ikd_finding *f, unsigned n)
{
    ikd_text_add(out, ikd_v2_auth_refusal_cause((uint8_t)f->arg[n]));
}

/* An IKEv2 transform ID by IOS's name for it ("3DES", "MD596"), "none" for 0. */
static void put_v2_transform(ikd_text *out, uint32_t id, const char *(*name)(uint16_t, char *, size_t))
{
    char buf[32];
    ikd_text_add(out, id ? name((uint16_t)id, buf, sizeof buf) : "none");
}

static void put_v2_encr(ikd_text *out, const ikd_finding *f, unsigned n)
{
    put_v2_transform(out, f->arg[n], ikd_v2_ios_encr);
}

static void put_v2_prf(ikd_text *out, const ikd_finding *f, unsigned n)
{
    put_v2_transform(out, f->arg[n], ikd_v2_ios_prf);
}

static void put_v2_integ(ikd_text *out, const ikd_finding *f, unsigned n)
{
    put_v2_transform(out, f->arg[n], ikd_v2_ios_integ);
}

static void put_v2_ts(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char buf[WORDS_ROOM];
    ikd_text_add(out, ikd_v2_ts_text(f->arg[n], n + 1 < IKD_FINDING_ARGS ? f->arg[n + 1] : 0, buf, sizeof buf));
}

static void put_interned(ikd_text *out, const ikd_finding *f, unsigned n)
{
    ikd_text_add(out, ikd_interned(f->arg[n]));
}

/* Seconds since 1970 as IOS prints a time, "11:53:58 UTC Jun 1 2025",
 * with English month names whatever the locale. */
static void put_date(ikd_text *out, const ikd_finding *f, unsigned n)
{
    static const char *const months[] = { "Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                          "Jul", "Aug", "Sep", "Oct", "Nov", "Dec" };
    GDateTime *t = g_date_time_new_from_unix_utc((gint64)f->arg[n]);
    if (!t) {
        ikd_text_add(out, "(no date)");
        return;
    }
    char text[48];
    snprintf(text, sizeof text, "%02d:%02d:%02d UTC %s %d %d", g_date_time_get_hour(t), g_date_time_get_minute(t),
             g_date_time_get_second(t), months[g_date_time_get_month(t) - 1], g_date_time_get_day_of_month(t),
             g_date_time_get_year(t));
    ikd_text_add(out, text);
    g_date_time_unref(t);
}

/* A REDIRECT's new gateway packed in arguments n..n+1 (ikev2/announced.h). */
static void put_v2_gateway(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char buf[WORDS_ROOM];
    ikd_text_add(out, ikd_v2_redirect_packed_text(f->arg[n], f->arg[n + 1], buf, sizeof buf));
}

static void put_icmp_kind(ikd_text *out, const ikd_finding *f, unsigned n)
{
    ikd_text_add(out, ikd_icmp_kind_name((ikd_icmp_kind)f->arg[n]));
}

static void put_icmp_cause(ikd_text *out, const ikd_finding *f, unsigned n)
{
    ikd_text_add(out, ikd_icmp_kind_cause((ikd_icmp_kind)f->arg[n]));
}

/* An IKEv2 offer packed in arguments n..n+2 (ikev2/offer.h). */
static void put_v2_offer(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char buf[WORDS_ROOM];
    const ikd_v2_offer offer = { f->arg[n], f->arg[n + 1], f->arg[n + 2] };
    ikd_text_add(out, ikd_v2_offer_text(&offer, buf, sizeof buf));
}

static void put_v2_offer_difference(ikd_text *out, const ikd_finding *f, unsigned n)
{
    char buf[WORDS_ROOM];
    if (!f->arg[n]) {
        ikd_text_add(out, "every type has something in common; the proposals combine them differently");
        return;
    }
    ikd_text_add(out, "the two offers share no ");
    ikd_text_add(out, ikd_v2_offer_difference_text(f->arg[n], buf, sizeof buf));
}

static const token_kind token_kinds[] = {
    { "text", 1, put_interned },
    { "date", 1, put_date },
    { "v2offer", 3, put_v2_offer },
    { "v2offerdiff", 1, put_v2_offer_difference },
    { "icmpkind", 1, put_icmp_kind },
    { "icmpcause", 1, put_icmp_cause },
    { "v2gateway", 2, put_v2_gateway },
    { "v2auth", 1, put_v2_auth },
    { "v2authcause", 1, put_v2_auth_cause },
    { "v2ts", 2, put_v2_ts },
    { "v2encr", 1, put_v2_encr },
    { "v2prf", 1, put_v2_prf },
    { "v2integ", 1, put_v2_integ },
    { "hex", 1, put_hex },
    { "payload", 1, put_payload },
    { "exchange", 1, put_exchange },
    { "protocol", 1, put_protocol },
    { "notify", 1, put_notify },
    { "p1cause", 1, put_phase1_cause },
    { "groupkey", 1, put_group_key },
    { "idtype", 1, put_id_type },
    { "step", 1, put_step },
    { "state", 1, put_state },
    { "role", 1, put_role },
    { "encr", 1, put_encryption },
    { "hash", 1, put_hash },
    { "p2attributes", 1, put_phase2_attributes },
    { "p2offer", 3, put_phase2_offer },
    { "p2set", 3, put_phase2_set },
    { "p2offers", 1, put_phase2_offers },
    { "p2cause", 1, put_phase2_cause },
    { "proxy", 2, put_proxy },
    { "mismatch", 1, put_mismatch },
    { "attributes", 1, put_attributes },
    { "offer", 4, put_offer },
    { "finding", 1, put_finding },
    { "copies", 1, put_copies },
    { "ms", 1, put_ms },
    { "quoted", 1, put_quoted },
    { "address", 4, put_address },
    { "dpdend", 1, put_dpd_end },
    { "requests", 1, put_requests },
    { "p1auth", 1, put_phase1_auth },
    { "txn", 1, put_txn_step },
};

static const token_kind *find_kind(const char *kind, size_t len)
{
    for (size_t i = 0; i < G_N_ELEMENTS(token_kinds); i++)
        if (strlen(token_kinds[i].kind) == len && !memcmp(token_kinds[i].kind, kind, len))
            return &token_kinds[i];
    return NULL;
}

/* Renders "{N}" or "{N:kind}" (token is what lies between the braces);
 * returns false when the token is not one we know, so the caller copies it
 * literally. */
static bool render_token(ikd_text *out, const char *token, size_t len, const ikd_finding *f)
{
    if (len < 1 || token[0] < '0' || token[0] >= '0' + IKD_FINDING_ARGS)
        return false;
    unsigned n = (unsigned)(token[0] - '0');
    if (len == 1) {
        put_decimal(out, f, n);
        return true;
    }
    if (len < 3 || token[1] != ':')
        return false;
    const token_kind *kind = find_kind(token + 2, len - 2);
    if (!kind || n + kind->args > IKD_FINDING_ARGS)
        return false;
    kind->format(out, f, n);
    return true;
}

/* The part of a template for the finding's IKE version: a template
 * "IKEv1 words{v2}IKEv2 words" has one for each, any other serves both. */
static void version_part(const char *template_text, const ikd_finding *f, const char **start, const char **end)
{
    static const char marker[] = "{v2}";
    const char *split = strstr(template_text, marker);
    *start = template_text;
    *end = template_text + strlen(template_text);
    if (!split)
        return;
    if (f->arg[IKD_FINDING_ARG_VERSION] == IKD_FINDING_IKEV2)
        *start = split + sizeof marker - 1;
    else
        *end = split;
}

char *ikd_finding_render(const char *template_text, const ikd_finding *f, char *buf, size_t size)
{
    ikd_text s;
    ikd_text_init(&s, buf, size);
    if (!size)
        return buf;
    const char *p, *end;
    version_part(template_text ? template_text : "", f, &p, &end);
    while (p < end) {
        const char *open = memchr(p, '{', (size_t)(end - p));
        const char *close = open ? memchr(open, '}', (size_t)(end - open)) : NULL;
        if (!open || !close) {
            ikd_text_put(&s, p, (size_t)(end - p));
            break;
        }
        ikd_text_put(&s, p, (size_t)(open - p));
        if (!render_token(&s, open + 1, (size_t)(close - open - 1), f))
            ikd_text_put(&s, open, (size_t)(close - open + 1));
        p = close + 1;
    }
    return buf;
}
