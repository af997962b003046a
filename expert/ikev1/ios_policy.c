/* ikediag - an IOS router's phase-1 policy, read from pasted configuration.
 *
 * Defaults (IOS 15.x): a `crypto isakmp policy` line with no sub-lines is
 * des, sha, rsa-sig, group 1, lifetime 86400, and each absent sub-line keeps
 * its default. Verified from real `show crypto isakmp policy` output of IOS
 * 15 labs ("Default protection suite: DES - Data Encryption Standard (56 bit
 * keys). / Secure Hash Standard / Rivest-Shamir-Adleman Signature / #1 (768
 * bit) / 86400 seconds, no volume limit", and a policy configured with only
 * `authentication pre-share` and `hash sha512` showing "encryption algorithm:
 * DES"). `encryption aes` alone means 128-bit keys ("AES - Advanced
 * Encryption Standard (128 bit keys).").
 * Not modelled, documented in docs/policy-file.md: since 12.4(20)T a router
 * with no policy at all uses eight default policies (priorities 65507-65514,
 * Cisco command reference for `show crypto isakmp policy`) unless `no crypto
 * isakmp default policy` is configured; their contents were not verified, so
 * a file without a usable policy is refused with the reason, and no offer is
 * walked (rather than every offer shown refused). IOS-XE 17 refuses weak algorithms ("is
 * not CSDL compliant", cisco-ike-facts.md 2.1) on some platforms; whether it
 * also changed the policy defaults could not be confirmed.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/ios_policy.h"

#include "ikev1/ios_acl.h"
#include "ikev1/ios_config_text.h"
#include "ikev1/ios_crypto_map.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

struct ikd_ios_config {
    GArray *policies; /* ikd_ios_isakmp_policy, sorted by priority once parsed */
    GArray *sets;     /* ikd_ios_transform_set, in the order written */
    GArray *maps;     /* ikd_ios_crypto_map, sorted as IOS checks them once parsed */
    GArray *acls;     /* ikd_ios_acl, in the order first written */
    guint errors;
};

typedef ikd_span span;
typedef ikd_ios_quoted quoted;

typedef enum { BLOCK_NONE, BLOCK_POLICY, BLOCK_TRANSFORM_SET, BLOCK_CRYPTO_MAP, BLOCK_ACL } block_kind;

/* A policy while the file is read. One line not understood and it is
 * dropped whole: a default in place of what the router really has would
 * give a false "acceptable". */
typedef struct {
    ikd_ios_isakmp_policy p;
    bool bad;
} parsed_policy;

typedef struct {
    ikd_ios_config *c;
    ikd_ios_messages m; /* messages, and the line being read */
    /* The block whose sub-lines (indented deeper than its header) follow. */
    block_kind block;
    size_t block_indent;
    guint block_index;
    GArray *parsed;         /* parsed_policy, in the order first written */
    /* Inside banner text (from banner_line, 0 when outside) until the delimiter. */
    uint32_t banner_line;
    char delim[2];
    size_t delim_len;
    guint asa_policies; /* `crypto ikev1 policy` lines */
} parser;

enum {
    IOS_ENCR_DES = 1,
    IOS_ENCR_3DES = 5,
    IOS_ENCR_AES = 7,
    IOS_AUTH_PSK = 1,
    IOS_AUTH_RSA_SIG = 3,
    IOS_AUTH_RSA_ENCR = 4,
    IOS_LIFE_MIN = 60,
    IOS_LIFE_MAX = 86400,
    IOS_PRIORITY_MAX = 10000,
};

static const ikd_transform ios_defaults = {
    .encryption = IOS_ENCR_DES,
    .key_length = 0,
    .hash = 2, /* sha */
    .auth = IOS_AUTH_RSA_SIG,
    .group = 1,
    .life_seconds = 86400,
    .life_kilobytes = 0,
};

/* --- Messages ---------------------------------------------------------------------- */

static void G_GNUC_PRINTF(3, 4) say(parser *ps, bool error, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    ikd_ios_vsay(&ps->m, error, fmt, ap);
    va_end(ap);
}

/* --- Tokens ------------------------------------------------------------------------ */

/* True if nothing follows; otherwise reports the first extra token. */
static bool expect_end(parser *ps, span rest, const char *after)
{
    span extra;
    quoted q;
    if (!ikd_ios_next_token(&rest, &extra))
        return true;
    say(ps, true, "unexpected %s after %s", ikd_ios_quote(&q, extra), after);
    return false;
}

/* --- crypto isakmp policy ---------------------------------------------------------- */

static parsed_policy *block_policy(parser *ps)
{
    return &g_array_index(ps->parsed, parsed_policy, ps->block_index);
}

static void policy_header(parser *ps, size_t indent, span rest)
{
    span tok, extra;
    quoted q;
    uint32_t priority;
    ps->block = BLOCK_NONE;
    if (!ikd_ios_next_token(&rest, &tok)) {
        say(ps, true, "crypto isakmp policy needs a priority (1-%u)", IOS_PRIORITY_MAX);
        return;
    }
    if (!ikd_ios_parse_number(tok, &priority) || priority < 1 || priority > IOS_PRIORITY_MAX) {
        say(ps, true, "bad isakmp policy priority %s (1-%u)", ikd_ios_quote(&q, tok), IOS_PRIORITY_MAX);
        return;
    }
    /* show running-config never writes anything after the priority: such a
     * line (a description pasted onto it, say) is not a policy header. */
    if (ikd_ios_next_token(&rest, &extra)) {
        say(ps, true, "unexpected %s after the priority; this block is skipped", ikd_ios_quote(&q, extra));
        return;
    }
    GArray *a = ps->parsed;
    guint i = 0;
    while (i < a->len && g_array_index(a, parsed_policy, i).p.priority != priority)
        i++;
    if (i == a->len) {
        /* A repeated block edits the same policy, as re-entering it does on IOS. */
        const parsed_policy pp = { { .priority = priority, .t = ios_defaults, .line = ps->m.line }, false };
        g_array_append_val(a, pp);
    }
    ps->block = BLOCK_POLICY;
    ps->block_indent = indent;
    ps->block_index = i;
}

static void policy_encryption(parser *ps, span rest, ikd_transform *t)
{
    span alg, bits;
    quoted q;
    uint32_t kl = 0;
    if (!ikd_ios_next_token(&rest, &alg)) {
        say(ps, true, "encryption needs an algorithm (des, 3des, aes [128|192|256])");
        return;
    }
    if (ikd_ios_is_word(alg, "des") || ikd_ios_is_word(alg, "3des")) {
        if (!expect_end(ps, rest, "the algorithm"))
            return;
        t->encryption = ikd_ios_is_word(alg, "des") ? IOS_ENCR_DES : IOS_ENCR_3DES;
        t->key_length = 0;
    } else if (ikd_ios_is_word(alg, "aes")) {
        if (ikd_ios_next_token(&rest, &bits) && (!ikd_ios_parse_number(bits, &kl) || (kl != 128 && kl != 192 && kl != 256))) {
            say(ps, true, "bad AES key length %s (128, 192 or 256)", ikd_ios_quote(&q, bits));
            return;
        }
        if (!expect_end(ps, rest, "the key length"))
            return;
        t->encryption = IOS_ENCR_AES;
        t->key_length = (uint16_t)(kl ? kl : 128);
    } else {
        say(ps, true, "unknown encryption %s (des, 3des, aes [128|192|256])", ikd_ios_quote(&q, alg));
    }
}

static void policy_hash(parser *ps, span rest, ikd_transform *t)
{
    static const struct {
        const char *word;
        uint16_t value;
    } hashes[] = { { "md5", 1 }, { "sha", 2 }, { "sha256", 4 }, { "sha384", 5 }, { "sha512", 6 } };
    span tok;
    quoted q;
    if (!ikd_ios_next_token(&rest, &tok)) {
        say(ps, true, "hash needs an algorithm (md5, sha, sha256, sha384, sha512)");
        return;
    }
    for (size_t i = 0; i < G_N_ELEMENTS(hashes); i++) {
        if (ikd_ios_is_word(tok, hashes[i].word)) {
            if (expect_end(ps, rest, "the hash"))
                t->hash = hashes[i].value;
            return;
        }
    }
    say(ps, true, "unknown hash %s (md5, sha, sha256, sha384, sha512)", ikd_ios_quote(&q, tok));
}

static void policy_authentication(parser *ps, span rest, ikd_transform *t)
{
    span tok;
    quoted q;
    uint16_t auth;
    if (!ikd_ios_next_token(&rest, &tok)) {
        say(ps, true, "authentication needs a method (pre-share, rsa-sig, rsa-encr)");
        return;
    }
    if (ikd_ios_is_word(tok, "pre-share"))
        auth = IOS_AUTH_PSK;
    else if (ikd_ios_is_word(tok, "rsa-sig"))
        auth = IOS_AUTH_RSA_SIG;
    else if (ikd_ios_is_word(tok, "rsa-encr"))
        auth = IOS_AUTH_RSA_ENCR;
    else {
        say(ps, true, "unknown authentication %s (pre-share, rsa-sig, rsa-encr)", ikd_ios_quote(&q, tok));
        return;
    }
    if (expect_end(ps, rest, "the method"))
        t->auth = auth;
}

static void policy_group(parser *ps, span rest, ikd_transform *t)
{
    static const uint32_t groups[] = { 1, 2, 5, 14, 15, 16, 19, 20, 21, 24 };
    span tok;
    quoted q;
    uint32_t g;
    if (!ikd_ios_next_token(&rest, &tok)) {
        say(ps, true, "group needs a number (1, 2, 5, 14, 15, 16, 19, 20, 21, 24)");
        return;
    }
    if (ikd_ios_parse_number(tok, &g)) {
        for (size_t i = 0; i < G_N_ELEMENTS(groups); i++) {
            if (groups[i] == g) {
                if (expect_end(ps, rest, "the group"))
                    t->group = (uint16_t)g;
                return;
            }
        }
    }
    say(ps, true, "bad group %s (1, 2, 5, 14, 15, 16, 19, 20, 21, 24)", ikd_ios_quote(&q, tok));
}

static void policy_lifetime(parser *ps, span rest, ikd_transform *t)
{
    span tok;
    quoted q;
    uint32_t s;
    if (!ikd_ios_next_token(&rest, &tok)) {
        say(ps, true, "lifetime needs a number of seconds (%u-%u)", IOS_LIFE_MIN, IOS_LIFE_MAX);
        return;
    }
    if (!ikd_ios_parse_number(tok, &s) || s < IOS_LIFE_MIN || s > IOS_LIFE_MAX) {
        say(ps, true, "bad lifetime %s (%u-%u seconds)", ikd_ios_quote(&q, tok), IOS_LIFE_MIN, IOS_LIFE_MAX);
        return;
    }
    if (expect_end(ps, rest, "the lifetime"))
        t->life_seconds = s;
}

static void policy_attribute(parser *ps, span rest, ikd_transform *t)
{
    span kw;
    quoted q;
    ikd_ios_next_token(&rest, &kw); /* the line is not blank */
    if (ikd_ios_is_word(kw, "encryption") || ikd_ios_is_word(kw, "encr"))
        policy_encryption(ps, rest, t);
    else if (ikd_ios_is_word(kw, "hash"))
        policy_hash(ps, rest, t);
    else if (ikd_ios_is_word(kw, "authentication"))
        policy_authentication(ps, rest, t);
    else if (ikd_ios_is_word(kw, "group"))
        policy_group(ps, rest, t);
    else if (ikd_ios_is_word(kw, "lifetime"))
        policy_lifetime(ps, rest, t);
    else
        say(ps, true, "unknown isakmp policy attribute %s", ikd_ios_quote(&q, kw));
}

static void policy_line(parser *ps, span rest)
{
    parsed_policy *pp = block_policy(ps);
    guint errors = ps->m.errors;
    ps->m.skip_priority = pp->p.priority;
    policy_attribute(ps, rest, &pp->p.t);
    ps->m.skip_priority = 0;
    if (ps->m.errors != errors)
        pp->bad = true;
}

/* --- crypto ipsec transform-set ---------------------------------------------------- */

static bool known_transform(span t, bool *takes_bits)
{
    static const char *const with_bits[] = { "esp-aes", "esp-gcm", "esp-gmac" };
    static const char *const plain[] = {
        "esp-des", "esp-3des", "esp-null", "esp-seal", "esp-md5-hmac", "esp-sha-hmac", "esp-sha256-hmac",
        "esp-sha384-hmac", "esp-sha512-hmac", "ah-md5-hmac", "ah-sha-hmac", "ah-sha256-hmac", "ah-sha384-hmac",
        "ah-sha512-hmac", "comp-lzs",
    };
    for (size_t i = 0; i < G_N_ELEMENTS(with_bits); i++)
        if (ikd_ios_is_word(t, with_bits[i]))
            return *takes_bits = true;
    *takes_bits = false;
    for (size_t i = 0; i < G_N_ELEMENTS(plain); i++)
        if (ikd_ios_is_word(t, plain[i]))
            return true;
    return false;
}

static void transform_set_header(parser *ps, size_t indent, span rest)
{
    ikd_ios_transform_set s = { .mode = "tunnel", .line = ps->m.line };
    span name, tok;
    quoted q;
    bool after_bits_taker = false, reported = false;
    size_t used = 0;
    ps->block = BLOCK_NONE;
    if (!ikd_ios_next_token(&rest, &name)) {
        say(ps, true, "crypto ipsec transform-set needs a name and transforms");
        return;
    }
    if (!ikd_ios_copy_printable(s.name, sizeof s.name, name))
        say(ps, true, "transform-set name %s longer than %zu bytes, truncated", ikd_ios_quote(&q, name),
            sizeof s.name - 1);
    while (ikd_ios_next_token(&rest, &tok)) {
        bool takes_bits = false;
        uint32_t bits;
        bool is_bits = after_bits_taker && ikd_ios_parse_number(tok, &bits) && (bits == 128 || bits == 192 || bits == 256);
        if (!is_bits && !known_transform(tok, &takes_bits) && !reported) {
            say(ps, true, "unknown transform %s in transform-set %s", ikd_ios_quote(&q, tok), s.name);
            reported = true;
        }
        after_bits_taker = !is_bits && takes_bits;
        size_t need = (used ? 1 : 0) + tok.n;
        if (used + need >= sizeof s.transforms) {
            if (!reported)
                say(ps, true, "transforms of transform-set %s longer than %zu bytes, truncated", s.name,
                    sizeof s.transforms - 1);
            reported = true;
            break;
        }
        if (used)
            s.transforms[used++] = ' ';
        ikd_ios_copy_printable(s.transforms + used, sizeof s.transforms - used, tok);
        used += tok.n;
    }
    if (!used)
        say(ps, true, "transform-set %s has no transforms", s.name);
    GArray *a = ps->c->sets;
    guint i = 0;
    while (i < a->len && strcmp(g_array_index(a, ikd_ios_transform_set, i).name, s.name) != 0)
        i++;
    if (i == a->len)
        g_array_append_val(a, s);
    else
        g_array_index(a, ikd_ios_transform_set, i) = s; /* re-entered: IOS replaces it */
    ps->block = BLOCK_TRANSFORM_SET;
    ps->block_indent = indent;
    ps->block_index = i;
}

static void transform_set_line(parser *ps, span rest)
{
    ikd_ios_transform_set *s = &g_array_index(ps->c->sets, ikd_ios_transform_set, ps->block_index);
    span kw, mode;
    quoted q;
    ikd_ios_next_token(&rest, &kw);
    if (!ikd_ios_is_word(kw, "mode")) {
        say(ps, true, "unknown transform-set attribute %s", ikd_ios_quote(&q, kw));
        return;
    }
    if (!ikd_ios_next_token(&rest, &mode) || !(ikd_ios_is_word(mode, "tunnel") || ikd_ios_is_word(mode, "transport"))) {
        say(ps, true, "mode needs tunnel or transport");
        return;
    }
    if (expect_end(ps, rest, "the mode"))
        snprintf(s->mode, sizeof s->mode, "%s", ikd_ios_is_word(mode, "tunnel") ? "tunnel" : "transport");
}

/* --- crypto ----------------------------------------------------------------------- */

static void ignored_block(parser *ps, const char *what, span rest)
{
    span name;
    quoted q;
    if (ikd_ios_next_token(&rest, &name))
        say(ps, false, "%s %s ignored: keyrings and profiles do not change policy matching", what,
            ikd_ios_quote(&q, name));
    else
        say(ps, false, "%s ignored: keyrings and profiles do not change policy matching", what);
}

/* A block read by another file (crypto map, access list): index -1 opens none. */
static void open_block(parser *ps, block_kind kind, size_t indent, int index)
{
    if (index < 0)
        return;
    ps->block = kind;
    ps->block_indent = indent;
    ps->block_index = (guint)index;
}

/* Sub-lines of the open block. */
static void block_line(parser *ps, span rest)
{
    switch (ps->block) {
    case BLOCK_POLICY: policy_line(ps, rest); break;
    case BLOCK_TRANSFORM_SET: transform_set_line(ps, rest); break;
    case BLOCK_CRYPTO_MAP: ikd_ios_crypto_map_line(ps->c->maps, ps->block_index, rest, &ps->m); break;
    case BLOCK_ACL: ikd_ios_acl_line(ps->c->acls, ps->block_index, rest, &ps->m); break;
    case BLOCK_NONE: break;
    }
}

/* `access-list N ...` and `ip access-list extended NAME`. */
static bool access_list_line(parser *ps, size_t indent, span first, span after)
{
    span w2;
    if (ikd_ios_is_word(first, "access-list")) {
        ikd_ios_acl_numbered(ps->c->acls, after, &ps->m);
        return true;
    }
    if (ikd_ios_is_word(first, "ip") && ikd_ios_next_token(&after, &w2) && ikd_ios_is_word(w2, "access-list")) {
        open_block(ps, BLOCK_ACL, indent, ikd_ios_acl_named(ps->c->acls, after, &ps->m));
        return true;
    }
    return false;
}

/* rest follows the word "crypto". Every crypto command starts a new block;
 * only policies and transform sets keep theirs open. */
static void crypto_line(parser *ps, size_t indent, span rest)
{
    span w1, w2;
    ps->block = BLOCK_NONE;
    if (!ikd_ios_next_token(&rest, &w1))
        return;
    if (ikd_ios_is_word(w1, "ikev1") && ikd_ios_next_token(&rest, &w2) && ikd_ios_is_word(w2, "policy")) {
        ps->asa_policies++;
        say(ps, true, "crypto ikev1 policy is an ASA command: ASA policies are not supported, only IOS crypto "
                      "isakmp policy blocks");
    } else if (ikd_ios_is_word(w1, "isakmp") && ikd_ios_next_token(&rest, &w2)) {
        if (ikd_ios_is_word(w2, "policy"))
            policy_header(ps, indent, rest);
        else if (ikd_ios_is_word(w2, "profile"))
            ignored_block(ps, "crypto isakmp profile", rest);
        else if (ikd_ios_is_word(w2, "key"))
            /* The key itself is a secret: never repeated in a message. */
            say(ps, false, "crypto isakmp key ignored: pre-shared keys do not change policy matching");
    } else if (ikd_ios_is_word(w1, "keyring")) {
        ignored_block(ps, "crypto keyring", rest);
    } else if (ikd_ios_is_word(w1, "ipsec") && ikd_ios_next_token(&rest, &w2) && ikd_ios_is_word(w2, "transform-set")) {
        transform_set_header(ps, indent, rest);
    } else if (ikd_ios_is_word(w1, "map")) {
        open_block(ps, BLOCK_CRYPTO_MAP, indent, ikd_ios_crypto_map_header(ps->c->maps, rest, &ps->m));
    }
}

/* --- banner ----------------------------------------------------------------------- */

/* Finds the banner's closing delimiter in t. */
static bool banner_closes(const parser *ps, span t)
{
    for (size_t i = 0; i + ps->delim_len <= t.n; i++)
        if (memcmp(t.p + i, ps->delim, ps->delim_len) == 0)
            return true;
    return false;
}

/* rest follows the word "banner". Its text runs from the delimiter (the
 * first character after the banner type) to the next one, on this line or a
 * later one, and is never read as commands. show running-config writes the
 * delimiter as "^C" whatever was typed; a configuration file copied off the
 * router may hold the byte itself (0x03), which is any other delimiter here. */
static void banner_start(parser *ps, span rest)
{
    static const char *const kinds[] = {
        "motd", "login", "exec", "incoming", "slip-ppp", "prompt-timeout", "config-save",
    };
    span probe = rest, kind;
    if (ikd_ios_next_token(&probe, &kind))
        for (size_t i = 0; i < G_N_ELEMENTS(kinds); i++)
            if (ikd_ios_is_word(kind, kinds[i]))
                rest = probe;
    while (rest.n && ikd_ios_is_blank(*rest.p)) {
        rest.p++;
        rest.n--;
    }
    /* A letter or digit is no delimiter but the text itself: an ASA's
     * one-line `banner motd Welcome`. */
    if (!rest.n || g_ascii_isalnum(*rest.p))
        return;
    ps->delim_len = rest.n > 1 && rest.p[0] == '^' && rest.p[1] == 'C' ? 2 : 1;
    memcpy(ps->delim, rest.p, ps->delim_len);
    span text = { rest.p + ps->delim_len, rest.n - ps->delim_len };
    if (!banner_closes(ps, text))
        ps->banner_line = ps->m.line;
}

/* --- Lines ------------------------------------------------------------------------- */

static void handle_line(parser *ps, span line)
{
    size_t indent = 0;
    span first;
    while (indent < line.n && ikd_ios_is_blank(line.p[indent]))
        indent++;
    span rest = { line.p + indent, line.n - indent };
    if (rest.n == 0)
        return; /* a blank line keeps the block open */
    if (rest.p[0] == '!') {
        if (indent <= ps->block_indent)
            ps->block = BLOCK_NONE; /* "!" between sections */
        return;
    }
    span after = rest;
    ikd_ios_next_token(&after, &first);
    /* Recognised by content, not column, so a pasted config indented as a
     * whole still reads. */
    if (ikd_ios_is_word(first, "crypto")) {
        crypto_line(ps, indent, after);
        return;
    }
    if (ps->block != BLOCK_NONE && indent > ps->block_indent) {
        block_line(ps, rest);
        return;
    }
    ps->block = BLOCK_NONE; /* any other command ends the block; the line is ignored */
    if (ikd_ios_is_word(first, "banner"))
        banner_start(ps, after);
    else
        access_list_line(ps, indent, first, after);
}

static gint by_priority(gconstpointer a, gconstpointer b)
{
    uint32_t pa = ((const ikd_ios_isakmp_policy *)a)->priority;
    uint32_t pb = ((const ikd_ios_isakmp_policy *)b)->priority;
    return pa < pb ? -1 : pa > pb;
}

/* The policies with no bad line, in priority order. */
static void keep_usable_policies(parser *ps)
{
    for (guint i = 0; i < ps->parsed->len; i++) {
        const parsed_policy *pp = &g_array_index(ps->parsed, parsed_policy, i);
        if (!pp->bad)
            g_array_append_val(ps->c->policies, pp->p);
    }
    g_array_sort(ps->c->policies, by_priority);
}

/* A banner still open at the end swallowed the rest of the file. */
static void say_unclosed_banner(parser *ps)
{
    quoted q;
    uint32_t after = ps->m.line - ps->banner_line;
    ps->m.line = ps->banner_line;
    say(ps, true, "banner text opened with %s is never closed: the %u line%s after it were not read",
        ikd_ios_quote(&q, (span){ ps->delim, ps->delim_len }), after, after == 1 ? "" : "s");
}

/* Why nothing can be walked, so that the user is told rather than shown
 * every offer refused. */
static void say_why_no_policy(const parser *ps, const char *text, size_t len)
{
    size_t control = 0, nul = 0;
    for (size_t i = 0; i < len; i++) {
        unsigned char ch = (unsigned char)text[i];
        nul += ch == 0;
        /* 0x03 is excepted: a saved configuration delimits banners with it. */
        control += (ch < 0x20 && !ikd_ios_is_blank((char)ch) && ch != '\n' && ch != '\r' && ch != 0x03) || ch == 0x7f;
    }
    if (ps->parsed->len)
        g_string_append_printf(ps->m.out, "no usable crypto isakmp policy: %u found, all skipped\n", ps->parsed->len);
    else if (nul || (control && control >= len / 16)) /* a stray escape byte is not enough */
        g_string_append_printf(ps->m.out,
                               "no crypto isakmp policy block found: the file is not text (%zu of its %zu bytes "
                               "are NUL or control bytes)\n",
                               control, len);
    else if (ps->asa_policies)
        g_string_append(ps->m.out, "no crypto isakmp policy block found: this is ASA configuration, which ikediag "
                                 "does not read\n");
    else
        g_string_append(ps->m.out, "no crypto isakmp policy block found (IOS 12.4(20)T and later would then use its "
                                 "default policies 65507-65514, which ikediag does not model)\n");
}

ikd_ios_config *ikd_ios_config_parse(const char *text, size_t len, GString *messages)
{
    ikd_ios_config *c = g_new0(ikd_ios_config, 1);
    c->policies = g_array_new(FALSE, TRUE, sizeof(ikd_ios_isakmp_policy));
    c->sets = g_array_new(FALSE, TRUE, sizeof(ikd_ios_transform_set));
    c->maps = g_array_new(FALSE, TRUE, sizeof(ikd_ios_crypto_map));
    c->acls = g_array_new(FALSE, TRUE, sizeof(ikd_ios_acl));
    parser ps = { .c = c, .m = { .out = messages }, .parsed = g_array_new(FALSE, TRUE, sizeof(parsed_policy)) };
    if (!text)
        len = 0;
    size_t pos = 0;
    while (pos < len) {
        size_t n = 0;
        while (pos + n < len && text[pos + n] != '\n' && text[pos + n] != '\r')
            n++;
        size_t next = pos + n;
        if (next < len) /* one line ending: LF, CRLF or a lone CR */
            next += text[next] == '\r' && next + 1 < len && text[next + 1] == '\n' ? 2 : 1;
        if (ps.m.line < UINT32_MAX)
            ps.m.line++;
        if (ps.banner_line) /* banner text: only its end matters, however long the line */
            ps.banner_line = banner_closes(&ps, (span){ text + pos, n }) ? 0 : ps.banner_line;
        else if (n > IKD_IOS_MAX_LINE)
            say(&ps, true, "line of %zu bytes ignored (longer than %u)", n, IKD_IOS_MAX_LINE);
        else
            handle_line(&ps, (span){ text + pos, n });
        pos = next;
    }
    if (ps.banner_line)
        say_unclosed_banner(&ps);
    keep_usable_policies(&ps);
    ikd_ios_crypto_maps_sort(c->maps);
    if (messages) {
        if (ps.m.hidden)
            g_string_append_printf(messages, "... %u more messages not shown\n", ps.m.hidden);
        if (c->policies->len == 0)
            say_why_no_policy(&ps, text, len);
    }
    c->errors = ps.m.errors;
    g_array_free(ps.parsed, TRUE);
    return c;
}

ikd_ios_config *ikd_ios_config_load(const char *path, GString *messages)
{
    if (!path || !*path) {
        if (messages)
            g_string_append(messages, "no policy file given\n");
        return NULL;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        int e = errno;
        if (messages)
            g_string_append_printf(messages, "cannot read policy file %s: %s\n", path, g_strerror(e));
        return NULL;
    }
    GString *data = g_string_new(NULL);
    char chunk[16384];
    size_t got;
    bool too_large = false;
    while ((got = fread(chunk, 1, sizeof chunk, f)) > 0) {
        if (data->len + got > IKD_IOS_MAX_FILE) {
            too_large = true;
            break;
        }
        g_string_append_len(data, chunk, (gssize)got);
    }
    int e = ferror(f) ? errno : 0;
    fclose(f);
    if (too_large || e) {
        if (messages) {
            if (too_large)
                g_string_append_printf(messages, "cannot read policy file %s: larger than %u bytes\n", path,
                                       IKD_IOS_MAX_FILE);
            else
                g_string_append_printf(messages, "cannot read policy file %s: %s\n", path, g_strerror(e));
        }
        g_string_free(data, TRUE);
        return NULL;
    }
    ikd_ios_config *c = ikd_ios_config_parse(data->str, data->len, messages);
    g_string_free(data, TRUE);
    if (!ikd_ios_config_policy_count(c)) { /* nothing to walk: the caller must not use it */
        ikd_ios_config_free(c);
        return NULL;
    }
    return c;
}

void ikd_ios_config_free(ikd_ios_config *c)
{
    if (!c)
        return;
    g_array_free(c->policies, TRUE);
    g_array_free(c->sets, TRUE);
    g_array_free(c->maps, TRUE);
    ikd_ios_acls_free(c->acls);
    g_free(c);
}

guint ikd_ios_config_policy_count(const ikd_ios_config *c)
{
    return c ? c->policies->len : 0;
}

const ikd_ios_isakmp_policy *ikd_ios_config_policy(const ikd_ios_config *c, guint i)
{
    return c && i < c->policies->len ? &g_array_index(c->policies, ikd_ios_isakmp_policy, i) : NULL;
}

guint ikd_ios_config_transform_set_count(const ikd_ios_config *c)
{
    return c ? c->sets->len : 0;
}

const ikd_ios_transform_set *ikd_ios_config_transform_set(const ikd_ios_config *c, guint i)
{
    return c && i < c->sets->len ? &g_array_index(c->sets, ikd_ios_transform_set, i) : NULL;
}

guint ikd_ios_config_crypto_map_count(const ikd_ios_config *c)
{
    return c ? c->maps->len : 0;
}

const ikd_ios_crypto_map *ikd_ios_config_crypto_map(const ikd_ios_config *c, guint i)
{
    return c && i < c->maps->len ? &g_array_index(c->maps, ikd_ios_crypto_map, i) : NULL;
}

const ikd_ios_acl *ikd_ios_config_acl(const ikd_ios_config *c, const char *name)
{
    return c ? ikd_ios_acl_find(c->acls, name) : NULL;
}

const ikd_ios_transform_set *ikd_ios_config_transform_set_named(const ikd_ios_config *c, const char *name)
{
    for (guint i = 0; c && i < c->sets->len; i++)
        if (strcmp(g_array_index(c->sets, ikd_ios_transform_set, i).name, name) == 0)
            return &g_array_index(c->sets, ikd_ios_transform_set, i);
    return NULL;
}

guint ikd_ios_config_error_count(const ikd_ios_config *c)
{
    return c ? c->errors : 0;
}

/* --- Summary ----------------------------------------------------------------------- */

void ikd_ios_policy_attribute_summary(const ikd_ios_isakmp_policy *p, GString *out)
{
    static const char *const hashes[] = { NULL, "md5", "sha", NULL, "sha256", "sha384", "sha512" };
    const ikd_transform *t = &p->t;
    g_string_append_printf(out, "priority %u: encryption ", p->priority);
    switch (t->encryption) {
    case IOS_ENCR_DES: g_string_append(out, "des"); break;
    case IOS_ENCR_3DES: g_string_append(out, "3des"); break;
    case IOS_ENCR_AES: g_string_append_printf(out, "aes %u", t->key_length ? t->key_length : 128u); break;
    default: g_string_append_printf(out, "%u", t->encryption); break;
    }
    if (t->hash < G_N_ELEMENTS(hashes) && hashes[t->hash])
        g_string_append_printf(out, ", hash %s", hashes[t->hash]);
    else
        g_string_append_printf(out, ", hash %u", t->hash);
    switch (t->auth) {
    case IOS_AUTH_PSK: g_string_append(out, ", authentication pre-share"); break;
    case IOS_AUTH_RSA_SIG: g_string_append(out, ", authentication rsa-sig"); break;
    case IOS_AUTH_RSA_ENCR: g_string_append(out, ", authentication rsa-encr"); break;
    default: g_string_append_printf(out, ", authentication %u", t->auth); break;
    }
    g_string_append_printf(out, ", group %u, lifetime %u", t->group, t->life_seconds);
}
