/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/findings: the catalogue, the template renderer
 * and the per-message finding list. */
#include "common/cisco_state.h"
#include "core/findings.h"
#include "ikev1/ios_debug.h"
#include "ikev1/phase2.h"
#include "report/finding_text.h"

#include <glib.h>
#include <string.h>

/* --- The catalogue ------------------------------------------------------------ */

/* Checks a property of one catalogue row; on failure names the row and the
 * property, fails the test and goes on to report every other bad row. */
#define ROW_CHECK(fi, cond)                                                     \
    do {                                                                        \
        if (!(cond)) {                                                          \
            g_test_message("%s (%s): not %s", (fi)->name, (fi)->filter, #cond); \
            g_test_fail();                                                      \
        }                                                                       \
    } while (0)

static const ikd_finding_info *info(unsigned id)
{
    const ikd_finding_info *fi = ikd_finding_lookup((ikd_finding_id)id);
    g_assert_nonnull(fi);
    return fi;
}

static gboolean nonempty(const char *s)
{
    return s && *s;
}

/* Every row is there, in enum order, with every text filled in. */
static void test_catalogue_complete(void)
{
    g_assert_cmpuint(IKD_FINDING_COUNT, >, 0);
    for (unsigned id = 0; id < IKD_FINDING_COUNT; id++) {
        const ikd_finding_info *fi = info(id);
        g_assert_true(nonempty(fi->name) && fi->filter);
        ROW_CHECK(fi, nonempty(fi->filter));
        ROW_CHECK(fi, nonempty(fi->summary));
        ROW_CHECK(fi, nonempty(fi->detail));
        ROW_CHECK(fi, fi->cisco != NULL); /* may be "" */
        ROW_CHECK(fi, nonempty(fi->causes));
        ROW_CHECK(fi, fi->group >= IKD_GROUP_MALFORMED && fi->group <= IKD_GROUP_DECRYPTION);
        ROW_CHECK(fi, fi->severity >= IKD_SEVERITY_CHAT && fi->severity <= IKD_SEVERITY_ERROR);
    }
    g_assert_null(ikd_finding_lookup(IKD_FINDING_COUNT));
    g_assert_null(ikd_finding_lookup((ikd_finding_id)(IKD_FINDING_COUNT + 100)));
    g_assert_null(ikd_finding_lookup((ikd_finding_id)-1));
}

/* The table is indexed by the enum, so each id finds its own row. */
static void test_catalogue_names_match_enum(void)
{
#define IKD_FINDING(id, filter_, group_, severity_, summary_, detail_, cisco_, causes_) \
    g_assert_cmpstr(info(IKD_F_##id)->name, ==, #id);                                   \
    g_assert_cmpstr(info(IKD_F_##id)->filter, ==, filter_);                             \
    g_assert_cmpint(info(IKD_F_##id)->group, ==, IKD_GROUP_##group_);                   \
    g_assert_cmpint(info(IKD_F_##id)->severity, ==, IKD_SEVERITY_##severity_);          \
    g_assert_cmpstr(info(IKD_F_##id)->summary, ==, summary_);                           \
    g_assert_cmpstr(info(IKD_F_##id)->detail, ==, detail_);                             \
    g_assert_cmpstr(info(IKD_F_##id)->cisco, ==, cisco_);                               \
    g_assert_cmpstr(info(IKD_F_##id)->causes, ==, causes_);
#include "core/findings.def"
#undef IKD_FINDING
}

static gboolean only_chars(const char *s, const char *allowed)
{
    return strspn(s, allowed) == strlen(s);
}

/* Filter names become "ikediag.<filter>" display-filter fields: lowercase,
 * dotted, unique. Names are unique C identifiers. */
static void test_catalogue_filters(void)
{
    GHashTable *filters = g_hash_table_new(g_str_hash, g_str_equal);
    GHashTable *names = g_hash_table_new(g_str_hash, g_str_equal);
    for (unsigned id = 0; id < IKD_FINDING_COUNT; id++) {
        const ikd_finding_info *fi = info(id);
        const char *f = fi->filter;
        ROW_CHECK(fi, only_chars(f, "abcdefghijklmnopqrstuvwxyz0123456789_."));
        ROW_CHECK(fi, f[0] != '.' && f[0] != '\0' && f[strlen(f) - 1] != '.');
        ROW_CHECK(fi, strstr(f, "..") == NULL);
        ROW_CHECK(fi, only_chars(fi->name, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_"));
        ROW_CHECK(fi, !g_hash_table_contains(filters, f));
        ROW_CHECK(fi, !g_hash_table_contains(names, fi->name));
        g_hash_table_add(filters, (gpointer)f);
        g_hash_table_add(names, (gpointer)fi->name);
    }
    g_hash_table_destroy(filters);
    g_hash_table_destroy(names);
}

/* The sanity checks ikd_message_read() makes on one message. */
static const ikd_finding_id sanity_findings[] = {
    IKD_F_HEADER_SHORT, IKD_F_LENGTH_BELOW_HEADER, IKD_F_LENGTH_EXCEEDS_DATAGRAM, IKD_F_DATAGRAM_EXCEEDS_LENGTH,
    IKD_F_MAJOR_VERSION, IKD_F_MINOR_VERSION, IKD_F_EXCHANGE_TYPE, IKD_F_FLAGS, IKD_F_ICOOKIE_ZERO,
    IKD_F_RCOOKIE_ZERO, IKD_F_RCOOKIE_IN_FIRST, IKD_F_MESSAGE_ID_PHASE1, IKD_F_MESSAGE_ID_ZERO,
    IKD_F_ENCRYPTED_LENGTH, IKD_F_PAYLOAD_TOO_SHORT, IKD_F_PAYLOAD_OVERRUN, IKD_F_CHAIN_CUT,
    IKD_F_TRAILING_BYTES, IKD_F_UNKNOWN_PAYLOAD, IKD_F_MISPLACED_PAYLOAD, IKD_F_RESERVED_NOT_ZERO, IKD_F_DOI,
    IKD_F_SITUATION, IKD_F_SA_CHAIN, IKD_F_SA_TRAILING, IKD_F_TRANSFORM_COUNT, IKD_F_PROPOSAL_NUMBERING,
    IKD_F_TRANSFORM_NUMBERING, IKD_F_PROTOCOL_ID, IKD_F_SPI_SIZE, IKD_F_TRANSFORM_ID, IKD_F_ATTRIBUTE_OVERRUN,
    IKD_F_NOTIFY_SPI, IKD_F_DELETE_SPI, IKD_F_NONCE_LENGTH, IKD_F_ID_TYPE, IKD_F_ID_LENGTH,
};

/* Sanity-check findings live under "ikediag.malformed.", and so does every
 * row of the MALFORMED group; the capture and private-exchange notes
 * ikd_message_read() also raises are not malformed messages. */
static void test_catalogue_malformed_prefix(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(sanity_findings); i++) {
        const ikd_finding_info *fi = info(sanity_findings[i]);
        ROW_CHECK(fi, g_str_has_prefix(fi->filter, "malformed."));
    }
    for (unsigned id = 0; id < IKD_FINDING_COUNT; id++) {
        const ikd_finding_info *fi = info(id);
        ROW_CHECK(fi, fi->group != IKD_GROUP_MALFORMED || g_str_has_prefix(fi->filter, "malformed."));
    }
    g_assert_false(g_str_has_prefix(info(IKD_F_CAPTURE_TRUNCATED)->filter, "malformed."));
    g_assert_false(g_str_has_prefix(info(IKD_F_PRIVATE_EXCHANGE)->filter, "malformed."));
    g_assert_false(g_str_has_prefix(info(IKD_F_FINDINGS_DROPPED)->filter, "malformed."));
}

/* Templates only use tokens the renderer knows: rendered with any arguments,
 * no '{' or '}' is left over. */
static void test_catalogue_templates_render(void)
{
    static const uint32_t samples[][4] = {
        { 0, 0, 0, 0 },
        { 5, 14, 2, 1 },
        { 200, 36136, 131, 240 },
        { UINT32_MAX, UINT32_MAX, UINT32_MAX, UINT32_MAX },
    };
    for (unsigned id = 0; id < IKD_FINDING_COUNT; id++) {
        const ikd_finding_info *fi = info(id);
        for (size_t s = 0; s < G_N_ELEMENTS(samples); s++) {
            ikd_finding f = { (uint16_t)id, 0, 0, { 0 } };
            for (size_t k = 0; k < IKD_FINDING_ARGS; k++)
                f.arg[k] = samples[s][k % 4];
            const char *templates[] = { fi->detail, fi->cisco, fi->summary };
            for (size_t t = 0; t < G_N_ELEMENTS(templates); t++) {
                char buf[512];
                ikd_finding_render(templates[t], &f, buf, sizeof buf);
                ROW_CHECK(fi, strchr(buf, '{') == NULL && strchr(buf, '}') == NULL);
                ROW_CHECK(fi, strlen(buf) < sizeof buf - 1); /* not truncated */
                if (g_test_failed())
                    g_test_message("rendered: %s", buf);
            }
        }
    }
}

/* --- The renderer ----------------------------------------------------------------- */

static char *render(const char *tmpl, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3)
{
    static char buf[256];
    ikd_finding f = { 0, 0, 0, { 0 } };
    f.arg[0] = a0;
    f.arg[1] = a1;
    f.arg[2] = a2;
    f.arg[3] = a3;
    memset(buf, 'x', sizeof buf);
    return ikd_finding_render(tmpl, &f, buf, sizeof buf);
}

/* "A{v2}B": A for IKEv1 findings, B for those tagged IKEv2; tokens in both. */
static void test_render_by_version(void)
{
    char buf[128];
    ikd_finding f = { IKD_F_RESERVED_NOT_ZERO, 0, 0, { 5, 0, 0, 0, 0 } };
    g_assert_cmpstr(ikd_finding_render("v1 {0}{v2}v2 {0:payload}", &f, buf, sizeof buf), ==, "v1 5");
    f.arg[IKD_FINDING_ARG_VERSION] = IKD_FINDING_IKEV2;
    f.arg[0] = 33;
    g_assert_cmpstr(ikd_finding_render("v1 {0}{v2}v2 {0:payload}", &f, buf, sizeof buf), ==, "v2 SA");
    g_assert_cmpstr(ikd_finding_render("both {0}", &f, buf, sizeof buf), ==, "both 33");
    g_assert_cmpstr(ikd_finding_render("only v1{v2}", &f, buf, sizeof buf), ==, "");
    const ikd_finding_info *info = ikd_finding_lookup(IKD_F_PAYLOAD_OVERRUN);
    g_assert_cmpstr(ikd_finding_render(info->cisco, &f, buf, sizeof buf), ==, "INVALID_SYNTAX");
    f.arg[IKD_FINDING_ARG_VERSION] = 0;
    g_assert_cmpstr(ikd_finding_render(info->cisco, &f, buf, sizeof buf), ==, "PAYLOAD-MALFORMED");
}

/* The texts IKEv2 findings share with IKEv1 speak neither version's words
 * alone: no "ISAKMP", no "phase 1" in what an IKEv2 finding renders. */
static void test_shared_texts_neutral_for_ikev2(void)
{
    static const ikd_finding_id shared[] = {
        IKD_F_HEADER_SHORT, IKD_F_LENGTH_BELOW_HEADER, IKD_F_LENGTH_EXCEEDS_DATAGRAM, IKD_F_DATAGRAM_EXCEEDS_LENGTH,
        IKD_F_DATAGRAM_PADDING, IKD_F_TRAILING_BYTES, IKD_F_FLAGS, IKD_F_RESERVED_NOT_ZERO, IKD_F_SPI_SIZE,
        IKD_F_CHAIN_CUT, IKD_F_PAYLOAD_OVERRUN, IKD_F_PAYLOAD_TOO_SHORT, IKD_F_NOTIFY_SPI, IKD_F_DELETE_SPI,
        IKD_F_SA_CHAIN, IKD_F_SA_EMPTY, IKD_F_SA_TRAILING, IKD_F_TRANSFORM_COUNT, IKD_F_PROTOCOL_ID,
        IKD_F_ATTRIBUTE_OVERRUN, IKD_F_PRIVATE_EXCHANGE,
    };
    char buf[1024];
    ikd_finding f = { 0, 0, 0, { 1, 2, 3, 4, IKD_FINDING_IKEV2 } };
    for (size_t i = 0; i < G_N_ELEMENTS(shared); i++) {
        const ikd_finding_info *info = ikd_finding_lookup(shared[i]);
        const char *texts[] = { info->summary, info->detail, info->cisco, info->causes };
        for (size_t t = 0; t < G_N_ELEMENTS(texts); t++) {
            ikd_finding_render(texts[t], &f, buf, sizeof buf);
            if (strstr(buf, "ISAKMP") || strstr(buf, "phase 1") || strstr(buf, "IKMP") || strstr(buf, "MM5"))
                g_error("%s speaks IKEv1 to IKEv2: %s", info->name, buf);
        }
    }
}

static void test_render_decimal(void)
{
    g_assert_cmpstr(render("{0}", 42, 0, 0, 0), ==, "42");
    g_assert_cmpstr(render("{1}", 42, 0, 0, 0), ==, "0");
    g_assert_cmpstr(render("{3}", 0, 0, 0, UINT32_MAX), ==, "4294967295");
    g_assert_cmpstr(render("a{0}b{1}c{2}d{3}e", 1, 22, 333, 4444), ==, "a1b22c333d4444e");
    g_assert_cmpstr(render("{0}{0}", 7, 0, 0, 0), ==, "77");
    g_assert_cmpstr(render("no tokens at all", 1, 2, 3, 4), ==, "no tokens at all");
}

static void test_render_hex(void)
{
    g_assert_cmpstr(render("{1:hex}", 0, 0x1f, 0, 0), ==, "0x1f");
    g_assert_cmpstr(render("{0:hex}", 0, 0, 0, 0), ==, "0x0");
    g_assert_cmpstr(render("{0:hex}", 0x9d3c51e7, 0, 0, 0), ==, "0x9d3c51e7");
    g_assert_cmpstr(render("{2:hex}", 0, 0, UINT32_MAX, 0), ==, "0xffffffff");
    /* FLAGS's detail, as the engine fills it for flags 0x0a */
    g_assert_cmpstr(render("flags {0:hex}: bits {1:hex} are reserved and must be zero", 0x0a, 0x08, 0, 0), ==,
                    "flags 0xa: bits 0x8 are reserved and must be zero");
}

static void test_render_payload(void)
{
    g_assert_cmpstr(render("{0:payload}", 5, 0, 0, 0), ==, "ID");
    g_assert_cmpstr(render("{0:payload}", 1, 0, 0, 0), ==, "SA");
    g_assert_cmpstr(render("{0:payload}", 0, 0, 0, 0), ==, "None");
    g_assert_cmpstr(render("{0:payload}", 14, 0, 0, 0), ==, "Attributes (mode-config)");
    g_assert_cmpstr(render("{0:payload}", 15, 0, 0, 0), ==, "NAT-D (draft, old number)");
    g_assert_cmpstr(render("{0:payload}", 130, 0, 0, 0), ==, "NAT-D (draft)");
    g_assert_cmpstr(render("{0:payload}", 132, 0, 0, 0), ==, "Cisco Fragmentation");
    g_assert_cmpstr(render("{0:payload}", 50, 0, 0, 0), ==, "reserved payload type");
    g_assert_cmpstr(render("{0:payload}", 200, 0, 0, 0), ==, "private-use payload type");
    g_assert_cmpstr(render("{0:payload}", 17, 0, 0, 0), ==, "GDOI payload type");
    g_assert_cmpstr(render("payload {0} ({0:payload}) says {1} bytes; it needs at least {2}", 10, 4, 5, 0), ==,
                    "payload 10 (Nonce) says 4 bytes; it needs at least 5");
}

static void test_render_exchange(void)
{
    g_assert_cmpstr(render("{0:exchange}", 2, 0, 0, 0), ==, "Identity Protection (Main Mode)");
    g_assert_cmpstr(render("{0:exchange}", 4, 0, 0, 0), ==, "Aggressive");
    g_assert_cmpstr(render("{0:exchange}", 32, 0, 0, 0), ==, "Quick Mode");
    g_assert_cmpstr(render("{0:exchange}", 7, 0, 0, 0), ==, "reserved exchange type");
    g_assert_cmpstr(render("{0:exchange}", 240, 0, 0, 0), ==, "private-use exchange");
}

static void test_render_protocol(void)
{
    g_assert_cmpstr(render("{0:protocol}", 1, 0, 0, 0), ==, "ISAKMP");
    g_assert_cmpstr(render("{0:protocol}", 3, 0, 0, 0), ==, "ESP");
    g_assert_cmpstr(render("{0:protocol}", 4, 0, 0, 0), ==, "IPCOMP");
    g_assert_cmpstr(render("{0:protocol}", 9, 0, 0, 0), ==, "unknown protocol");
}

static void test_render_notify(void)
{
    g_assert_cmpstr(render("{0:notify}", 14, 0, 0, 0), ==, "NO-PROPOSAL-CHOSEN");
    g_assert_cmpstr(render("{0:notify}", 24578, 0, 0, 0), ==, "INITIAL-CONTACT");
    g_assert_cmpstr(render("{0:notify}", 36136, 0, 0, 0), ==, "R-U-THERE");
    g_assert_cmpstr(render("{0:notify}", 99, 0, 0, 0), ==, "unknown error notify");
    g_assert_cmpstr(render("{0:notify}", 20000, 0, 0, 0), ==, "unknown status notify");
}

/* A phase-1 refusal's headline cause: NO-PROPOSAL-CHOSEN gets one after an em
 * dash; any other notification is its own cause and adds nothing. */
static void test_render_p1cause(void)
{
    const char *tmpl = info(IKD_F_STUCK_PHASE1_REJECTED)->detail;
    g_assert_cmpstr(render(tmpl, 1001, IKD_IOS_MM_NO_STATE, 14, IKD_ROLE_RESPONDER), ==,
                    "SA 1001 rejected in MM_NO_STATE: the responder answered with NO-PROPOSAL-CHOSEN \xe2\x80\x94 no "
                    "matching crypto isakmp policy");
    g_assert_cmpstr(render(tmpl, 1001, IKD_IOS_MM_KEY_EXCH, 24, IKD_ROLE_RESPONDER), ==,
                    "SA 1001 rejected in MM_KEY_EXCH: the responder answered with AUTHENTICATION-FAILED");
    g_assert_cmpstr(render("[{0:p1cause}]", 18, 0, 0, 0), ==, "[]");
}

static void test_render_idtype(void)
{
    g_assert_cmpstr(render("{0:idtype}", 1, 0, 0, 0), ==, "ID_IPV4_ADDR");
    g_assert_cmpstr(render("{0:idtype}", 12, 0, 0, 0), ==, "ID_LIST");
    g_assert_cmpstr(render("{0:idtype}", 13, 0, 0, 0), ==, "unknown ID type");
    g_assert_cmpstr(render("{0:idtype} with {1} bytes of data; it takes {2}", 1, 5, 4, 0), ==,
                    "ID_IPV4_ADDR with 5 bytes of data; it takes 4");
}

/* Milliseconds shown as seconds with one (truncated) decimal. */
static void test_render_ms(void)
{
    g_assert_cmpstr(render("{0:ms}", 12345, 0, 0, 0), ==, "12.3 s");
    g_assert_cmpstr(render("{0:ms}", 999, 0, 0, 0), ==, "0.9 s");
    g_assert_cmpstr(render("{0:ms}", 0, 0, 0, 0), ==, "0.0 s");
    g_assert_cmpstr(render("{0:ms}", UINT32_MAX, 0, 0, 0), ==, "4294967.2 s");
}

/* The sentence IOS logs for the first attribute a policy refuses. */
static void test_render_mismatch(void)
{
    g_assert_cmpstr(render("{0:mismatch}", IKD_IOS_MISMATCH_HASH, 0, 0, 0), ==,
                    "Hash algorithm offered does not match policy!");
    g_assert_cmpstr(render("{0:mismatch}", IKD_IOS_MISMATCH_KEY_LENGTH, 0, 0, 0), ==,
                    "Proposed key length does not match policy");
    g_assert_cmpstr(render("[{0:mismatch}]", IKD_IOS_MISMATCH_NONE, 0, 0, 0), ==, "[]");
    g_assert_cmpstr(render("[{0:mismatch}]", 99, 0, 0, 0), ==, "[]");
    /* POLICY_MISMATCH's cisco text */
    g_assert_cmpstr(render("{1:mismatch} / atts are not acceptable. Next payload is 3", 2, IKD_IOS_MISMATCH_GROUP, 0, 0),
                    ==, "Diffie-Hellman group offered does not match policy! / atts are not acceptable. Next payload is 3");
}

/* IKD_P2_* difference bits as words. */
static void test_render_p2attributes(void)
{
    g_assert_cmpstr(render("{0:p2attributes}", IKD_P2_PFS, 0, 0, 0), ==, "PFS group");
    g_assert_cmpstr(render("{0:p2attributes}", IKD_P2_TRANSFORM | IKD_P2_KEY_LENGTH | IKD_P2_MODE, 0, 0, 0), ==,
                    "transform, key length, mode");
    g_assert_cmpstr(render("[{0:p2attributes}]", 0, 0, 0, 0), ==, "[]");
    g_assert_cmpstr(render("{2:p2attributes}", 0, 0, UINT32_MAX, 0), ==,
                    "protocol, transform, key length, authentication, mode, PFS group");
}

/* Anything that is not a known token is copied as it stands. */
static void test_render_unknown_tokens(void)
{
    char *past_last = g_strdup_printf("{%d}", IKD_FINDING_ARGS); /* argument index out of range */
    g_assert_cmpstr(render(past_last, 1, 2, 3, 4), ==, past_last);
    g_free(past_last);
    g_assert_cmpstr(render("{9:hex}", 1, 2, 3, 4), ==, "{9:hex}");
    g_assert_cmpstr(render("{0:bogus}", 1, 2, 3, 4), ==, "{0:bogus}");
    g_assert_cmpstr(render("{0:hexx}", 1, 2, 3, 4), ==, "{0:hexx}");
    g_assert_cmpstr(render("{0:HEX}", 1, 2, 3, 4), ==, "{0:HEX}");
    g_assert_cmpstr(render("{0:}", 1, 2, 3, 4), ==, "{0:}");
    g_assert_cmpstr(render("{01}", 1, 2, 3, 4), ==, "{01}");
    g_assert_cmpstr(render("{x}", 1, 2, 3, 4), ==, "{x}");
    g_assert_cmpstr(render("{}", 1, 2, 3, 4), ==, "{}");
    g_assert_cmpstr(render("{{0}", 1, 2, 3, 4), ==, "{{0}");
    g_assert_cmpstr(render("a {0 b", 1, 2, 3, 4), ==, "a {0 b");     /* never closed */
    g_assert_cmpstr(render("a } b {1}", 1, 2, 3, 4), ==, "a } b 2"); /* stray close */
    g_assert_cmpstr(render("{bad} then {0}", 7, 0, 0, 0), ==, "{bad} then 7");
    /* kinds that read several arguments, started too late to have them all */
    g_assert_cmpstr(render("{2:offer}", 1, 2, 3, 4), ==, "{2:offer}");
    g_assert_cmpstr(render("{3:p2offer}", 1, 2, 3, 4), ==, "{3:p2offer}");
}

static void test_render_empty(void)
{
    const ikd_finding f = { 0, 0, 0, { 1, 2, 3 } };
    char buf[8];
    memset(buf, 'x', sizeof buf);
    g_assert_true(ikd_finding_render(NULL, &f, buf, sizeof buf) == buf);
    g_assert_cmpstr(buf, ==, "");
    memset(buf, 'x', sizeof buf);
    g_assert_cmpstr(ikd_finding_render("", &f, buf, sizeof buf), ==, "");
}

/* The output is cut to the buffer and always terminated; size 0 writes
 * nothing. Buffers are exact-size heap blocks so overruns are caught. */
static void test_render_truncation(void)
{
    const ikd_finding f = { 0, 0, 0, { 123456, 11, 0, 0 } };
    char *b1 = g_malloc(1);
    b1[0] = 'x';
    g_assert_cmpstr(ikd_finding_render("{0}", &f, b1, 1), ==, "");
    b1[0] = 'x';
    g_assert_cmpstr(ikd_finding_render("abc", &f, b1, 1), ==, "");

    char *b5 = g_malloc(5);
    g_assert_cmpstr(ikd_finding_render("abcdef", &f, b5, 5), ==, "abcd");
    g_assert_cmpstr(ikd_finding_render("{0}", &f, b5, 5), ==, "1234");      /* inside a number */
    g_assert_cmpstr(ikd_finding_render("xy{1:payload}", &f, b5, 5), ==, "xyNo"); /* inside a name */
    g_assert_cmpstr(ikd_finding_render("abcd{0}", &f, b5, 5), ==, "abcd");  /* exactly full */
    g_assert_cmpstr(ikd_finding_render("{7:x}", &f, b5, 5), ==, "{7:x");    /* inside a literal token */
    g_assert_cmpstr(ikd_finding_render("ab", &f, b5, 5), ==, "ab");

    char *b0 = g_malloc(1);
    b0[0] = 'x';
    g_assert_true(ikd_finding_render("abc", &f, b0, 0) == b0);
    g_assert_cmpint(b0[0], ==, 'x'); /* size 0: untouched */
    g_free(b0);
    g_free(b5);
    g_free(b1);
}

/* --- The finding list ----------------------------------------------------------------- */

static void test_list_add(void)
{
    ikd_finding_list list;
    memset(&list, 0, sizeof list);
    g_assert_false(ikd_findings_has(&list, IKD_F_DOI));
    ikd_findings_add(&list, IKD_F_DOI, 32, 4, 0, 1, 2, 3);
    ikd_findings_add(&list, IKD_F_NONCE_LENGTH, 100, 11, 7, 0, 0, 0);
    g_assert_cmpuint(list.count, ==, 2);
    g_assert_cmpuint(list.dropped, ==, 0);
    g_assert_cmpuint(list.items[0].id, ==, IKD_F_DOI);
    g_assert_cmpuint(list.items[0].offset, ==, 32);
    g_assert_cmpuint(list.items[0].length, ==, 4);
    g_assert_cmpuint(list.items[0].arg[0], ==, 0);
    g_assert_cmpuint(list.items[0].arg[1], ==, 1);
    g_assert_cmpuint(list.items[0].arg[2], ==, 2);
    g_assert_cmpuint(list.items[0].arg[3], ==, 3);
    g_assert_cmpuint(list.items[1].id, ==, IKD_F_NONCE_LENGTH);
    g_assert_cmpuint(list.items[1].offset, ==, 100);
    g_assert_cmpuint(list.items[1].length, ==, 11);
    g_assert_cmpuint(list.items[1].arg[0], ==, 7);
    g_assert_true(ikd_findings_has(&list, IKD_F_DOI));
    g_assert_true(ikd_findings_has(&list, IKD_F_NONCE_LENGTH));
    g_assert_false(ikd_findings_has(&list, IKD_F_ID_TYPE));
}

/* The list keeps the first IKD_MAX_FINDINGS and counts the rest. */
static void test_list_overflow(void)
{
    ikd_finding_list list;
    memset(&list, 0, sizeof list);
    for (uint32_t i = 0; i < IKD_MAX_FINDINGS; i++)
        ikd_findings_add(&list, IKD_F_RESERVED_NOT_ZERO, i, 1, i, 0, 0, 0);
    g_assert_cmpuint(list.count, ==, IKD_MAX_FINDINGS);
    g_assert_cmpuint(list.dropped, ==, 0);

    ikd_findings_add(&list, IKD_F_ID_TYPE, 999, 1, 13, 0, 0, 0); /* one too many */
    g_assert_cmpuint(list.count, ==, IKD_MAX_FINDINGS);
    g_assert_cmpuint(list.dropped, ==, 1);
    g_assert_false(ikd_findings_has(&list, IKD_F_ID_TYPE)); /* dropped, not stored */

    for (int i = 0; i < 7; i++)
        ikd_findings_add(&list, IKD_F_DOI, 0, 0, 0, 0, 0, 0);
    g_assert_cmpuint(list.count, ==, IKD_MAX_FINDINGS);
    g_assert_cmpuint(list.dropped, ==, 8);
    for (uint32_t i = 0; i < IKD_MAX_FINDINGS; i++) { /* the stored ones are untouched */
        g_assert_cmpuint(list.items[i].id, ==, IKD_F_RESERVED_NOT_ZERO);
        g_assert_cmpuint(list.items[i].offset, ==, i);
        g_assert_cmpuint(list.items[i].arg[0], ==, i);
    }

    /* The note the plugin adds for them reads well. */
    const ikd_finding note = { IKD_F_FINDINGS_DROPPED, 0, 0, { list.dropped, 0, 0, 0 } };
    char buf[128];
    g_assert_cmpstr(ikd_finding_render(info(IKD_F_FINDINGS_DROPPED)->detail, &note, buf, sizeof buf), ==,
                    "8 more findings in this message were not listed");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/findings/catalogue/complete", test_catalogue_complete);
    g_test_add_func("/findings/catalogue/names_match_enum", test_catalogue_names_match_enum);
    g_test_add_func("/findings/catalogue/filters", test_catalogue_filters);
    g_test_add_func("/findings/catalogue/malformed_prefix", test_catalogue_malformed_prefix);
    g_test_add_func("/findings/catalogue/templates_render", test_catalogue_templates_render);
    g_test_add_func("/findings/render/decimal", test_render_decimal);
    g_test_add_func("/findings/render/hex", test_render_hex);
    g_test_add_func("/findings/render/payload", test_render_payload);
    g_test_add_func("/findings/render/exchange", test_render_exchange);
    g_test_add_func("/findings/render/protocol", test_render_protocol);
    g_test_add_func("/findings/render/notify", test_render_notify);
    g_test_add_func("/findings/render/p1cause", test_render_p1cause);
    g_test_add_func("/findings/render/idtype", test_render_idtype);
    g_test_add_func("/findings/render/ms", test_render_ms);
    g_test_add_func("/findings/render/mismatch", test_render_mismatch);
    g_test_add_func("/findings/render/p2attributes", test_render_p2attributes);
    g_test_add_func("/findings/render/unknown_tokens", test_render_unknown_tokens);
    g_test_add_func("/findings/render/null_and_empty", test_render_empty);
    g_test_add_func("/findings/render/truncation", test_render_truncation);
    g_test_add_func("/findings/render/by_version", test_render_by_version);
    g_test_add_func("/findings/render/shared_neutral_for_ikev2", test_shared_texts_neutral_for_ikev2);
    g_test_add_func("/findings/list/add", test_list_add);
    g_test_add_func("/findings/list/overflow", test_list_overflow);
    return g_test_run();
}
