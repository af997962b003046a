/* ikediag - IOS's phase-1 policy walk and its `debug crypto isakmp` text.
 *
 * Verified against real IOS 12.x/15.x/IOS-XE debug output (public lab
 * transcripts and Cisco's "Network-Based IPsec VPN Solution 1.5" appendix B,
 * quoted in cisco-ike-facts.md 2.1 where the source is named):
 *   "Checking ISAKMP transform 1 against priority 10 policy"
 *   "encryption DES-CBC" / "encryption 3DES-CBC" / "encryption AES-CBC"
 *   "keylength of 128" / "keylength of 256"
 *   "hash SHA" / "hash MD5"
 *   "default group 2" / "default group 14"
 *   "auth pre-share"
 *   "life type in seconds"
 *   "life duration (basic) of 6000" and "life duration (VPI) of  0x0 0x1 0x51 0x80 "
 *     (two spaces after "of"; IOS also leaves a trailing space, dropped here)
 *   "Encryption algorithm offered does not match policy!"
 *   "Hash algorithm offered does not match policy!"
 *   "Diffie-Hellman group offered does not match policy!"
 *   "Proposed key length does not match policy" (no "!")
 *   "atts are not acceptable. Next payload is 0" / "atts are acceptable. Next payload is 0"
 *   "no offers accepted!", "phase 1 SA policy not acceptable! (local A remote B)"
 *   "Returning Actual lifetime: 600" (offer 1200 against a 600 s policy: accepted, lower wins)
 *   All attribute lines are printed before the mismatch sentence (real output
 *   with transform 2 checked against priorities 3 and 5).
 * Secondary source only (a troubleshooting blog, sendthepayload.com):
 *   "Authentication method offered does not match policy!"
 * Inferred, not seen in real output:
 *   - "hash SHA256" / "SHA384" / "SHA512", "auth RSA sig" / "RSA encr" /
 *     "DSS sig" / "RSA revised encr", "encryption CAMELLIA-CBC", the XAUTH and
 *     hybrid names (the draft's: "XAUTHInitPreShared"...), "life type in
 *     kilobytes", and numbers for values IOS does not name (the same names as
 *     the {N:offer} finding token, which uses this function);
 *   - "(basic)" for lifetimes up to 65535 and "(VPI)" with four bytes above:
 *     Cisco peers encode 600/1200/6000 as basic and 86400 as a 4-byte VPI;
 *   - "Next payload is 3" while another transform follows (the value is the
 *     transform payload's next-payload field; only single-transform offers,
 *     which show 0, were seen);
 *   - the loop order (each offer in turn against every policy, as the brief
 *     and the debug's "transform N against priority P" lines suggest; the
 *     Cisco configuration guide describes it from the policy side);
 *   - the check order encryption, key length, hash, authentication, group
 *     (each sentence is verified, their order against each other is not);
 *   - a missing AES key length is taken as 128 (IOS's `encryption aes`);
 *   - an XAUTH method matches the policy of its base method (XAUTHInitPreShared
 *     a pre-share policy): IOS accepts it when XAUTH is configured for the
 *     peer (crypto map client authentication, isakmp profile), which the
 *     policy file does not say.
 * Lifetime: never a reason to refuse in phase 1. The ASA/IOS configuration
 * guides say a match needs "a lifetime less than or equal to" the policy's,
 * but real IOS output accepts a higher offer and returns its own, lower,
 * lifetime ("lifetimes need not match: lower wins", cisco-ike-facts.md 2.1).
 * Kilobyte lifetimes do not matter either: IOS has no phase-1 volume limit.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/ios_debug.h"

#include <stdarg.h>
#include <stdio.h>

enum { ENCR_AES = 7, AES_DEFAULT_BITS = 128, MAX_ITEMS = 10, ITEM_SIZE = 64 };

typedef struct {
    char text[MAX_ITEMS][ITEM_SIZE];
    int n;
} items;

static void G_GNUC_PRINTF(2, 3) add(items *it, const char *fmt, ...)
{
    if (it->n >= MAX_ITEMS)
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(it->text[it->n++], ITEM_SIZE, fmt, ap);
    va_end(ap);
}

static void add_duration(items *it, uint32_t value)
{
    if (value <= 0xffffu)
        add(it, "life duration (basic) of %u", value);
    else
        add(it, "life duration (VPI) of  0x%x 0x%x 0x%x 0x%x", value >> 24, (value >> 16) & 0xffu,
            (value >> 8) & 0xffu, value & 0xffu);
}

const char *ikd_ios_auth_name(uint16_t auth, char *buf, size_t size)
{
    static const char *const xauth[] = {
        "XAUTHInitPreShared", "XAUTHRespPreShared", "XAUTHInitDSS", "XAUTHRespDSS",
        "XAUTHInitRSA", "XAUTHRespRSA", "XAUTHInitRSAEncryption", "XAUTHRespRSAEncryption",
        "XAUTHInitRSARevisedEncryption", "XAUTHRespRSARevisedEncryption",
    };
    static const char *const hybrid[] = { "HybridInitRSA", "HybridRespRSA", "HybridInitDSS", "HybridRespDSS" };
    switch (auth) {
    case IKD_AUTH_PSK: return "pre-share";
    case IKD_AUTH_DSS: return "DSS sig";
    case IKD_AUTH_RSA_SIG: return "RSA sig";
    case IKD_AUTH_RSA_ENC: return "RSA encr";
    case IKD_AUTH_RSA_ENC_REVISED: return "RSA revised encr";
    default: break;
    }
    if (ikd_auth_is_xauth(auth))
        return xauth[auth - IKD_AUTH_XAUTH_INIT_PSK];
    if (auth >= IKD_AUTH_HYBRID_INIT_RSA && auth <= IKD_AUTH_HYBRID_LAST)
        return hybrid[auth - IKD_AUTH_HYBRID_INIT_RSA];
    snprintf(buf, size, "%u", auth);
    return buf;
}

/* Cisco's order: what IOS itself sends, and what real debugs of Cisco peers show. */
static void attribute_items(const ikd_transform *t, items *it)
{
    static const char *const hashes[] = { NULL, "MD5", "SHA", NULL, "SHA256", "SHA384", "SHA512" };
    char buf[16];
    it->n = 0;
    switch (t->encryption) {
    case 0: break;
    case 1: add(it, "encryption DES-CBC"); break;
    case 5: add(it, "encryption 3DES-CBC"); break;
    case ENCR_AES: add(it, "encryption AES-CBC"); break;
    case 8: add(it, "encryption CAMELLIA-CBC"); break;
    default: add(it, "encryption %u", t->encryption); break;
    }
    if (t->key_length)
        add(it, "keylength of %u", t->key_length);
    if (t->hash < G_N_ELEMENTS(hashes) && hashes[t->hash])
        add(it, "hash %s", hashes[t->hash]);
    else if (t->hash)
        add(it, "hash %u", t->hash);
    if (t->group)
        add(it, "default group %u", t->group);
    if (t->auth)
        add(it, "auth %s", ikd_ios_auth_name(t->auth, buf, sizeof buf));
    if (t->life_seconds) {
        add(it, "life type in seconds");
        add_duration(it, t->life_seconds);
    }
    if (t->life_kilobytes) {
        add(it, "life type in kilobytes");
        add_duration(it, t->life_kilobytes);
    }
}

void ikd_ios_describe_transform(const ikd_transform *t, GString *out)
{
    items it;
    attribute_items(t, &it);
    for (int i = 0; i < it.n; i++) {
        if (i)
            g_string_append(out, ", ");
        g_string_append(out, it.text[i]);
    }
}

const char *ikd_ios_mismatch_text(ikd_ios_mismatch m)
{
    switch (m) {
    case IKD_IOS_MISMATCH_ENCRYPTION: return "Encryption algorithm offered does not match policy!";
    case IKD_IOS_MISMATCH_KEY_LENGTH: return "Proposed key length does not match policy";
    case IKD_IOS_MISMATCH_HASH: return "Hash algorithm offered does not match policy!";
    case IKD_IOS_MISMATCH_AUTH: return "Authentication method offered does not match policy!";
    case IKD_IOS_MISMATCH_GROUP: return "Diffie-Hellman group offered does not match policy!";
    case IKD_IOS_MISMATCH_NONE: break;
    }
    return "";
}

/* XAUTH methods pair Init/Resp with a base method 1..5 (65001/65002 psk, 65003/65004 dss...). */
static uint16_t base_auth(uint16_t auth)
{
    return ikd_auth_is_xauth(auth) ? (uint16_t)(IKD_AUTH_PSK + (auth - IKD_AUTH_XAUTH_INIT_PSK) / 2) : auth;
}

ikd_ios_mismatch ikd_ios_compare(const ikd_ios_isakmp_policy *p, const ikd_transform *t)
{
    if (t->encryption != p->t.encryption)
        return IKD_IOS_MISMATCH_ENCRYPTION;
    if (t->encryption == ENCR_AES) {
        unsigned offered = t->key_length ? t->key_length : AES_DEFAULT_BITS;
        unsigned mine = p->t.key_length ? p->t.key_length : AES_DEFAULT_BITS;
        if (offered != mine)
            return IKD_IOS_MISMATCH_KEY_LENGTH;
    }
    if (t->hash != p->t.hash)
        return IKD_IOS_MISMATCH_HASH;
    if (base_auth(t->auth) != p->t.auth)
        return IKD_IOS_MISMATCH_AUTH;
    if (t->group != p->t.group)
        return IKD_IOS_MISMATCH_GROUP;
    return IKD_IOS_MISMATCH_NONE;
}

static void check_lines(GString *debug, const ikd_transform_entry *e, const ikd_ios_isakmp_policy *p,
                        ikd_ios_mismatch m, unsigned next_payload)
{
    items it;
    g_string_append_printf(debug, "Checking ISAKMP transform %u against priority %u policy\n", e->transform_number,
                           p->priority);
    attribute_items(&e->attributes, &it);
    for (int i = 0; i < it.n; i++)
        g_string_append_printf(debug, "      %s\n", it.text[i]);
    if (m != IKD_IOS_MISMATCH_NONE)
        g_string_append_printf(debug, "%s\n", ikd_ios_mismatch_text(m));
    g_string_append_printf(debug, "atts are %sacceptable. Next payload is %u\n",
                           m == IKD_IOS_MISMATCH_NONE ? "" : "not ", next_payload);
}

void ikd_ios_walk(const ikd_ios_config *c, const ikd_transform_entry *offers, size_t n_offers, GString *debug,
                  ikd_ios_walk_result *result, ikd_ios_mismatch *first_mismatch_per_offer)
{
    ikd_ios_walk_result r = { 0 };
    guint n_policies = ikd_ios_config_policy_count(c);
    if (!offers)
        n_offers = 0;
    if (first_mismatch_per_offer)
        for (size_t i = 0; i < n_offers; i++)
            first_mismatch_per_offer[i] = IKD_IOS_MISMATCH_NONE;
    for (size_t i = 0; i < n_offers && !r.accepted; i++) {
        const ikd_transform_entry *e = &offers[i];
        /* The transform payload's next-payload field: 3 if another transform
         * of the same proposal follows, 0 after the proposal's last. */
        unsigned next = i + 1 < n_offers && offers[i + 1].proposal_number == e->proposal_number ? 3 : 0;
        ikd_ios_mismatch closest = IKD_IOS_MISMATCH_NONE;
        for (guint k = 0; k < n_policies; k++) {
            const ikd_ios_isakmp_policy *p = ikd_ios_config_policy(c, k);
            ikd_ios_mismatch m = ikd_ios_compare(p, &e->attributes);
            if (debug)
                check_lines(debug, e, p, m, next);
            if (m == IKD_IOS_MISMATCH_NONE) {
                uint32_t offered = e->attributes.life_seconds;
                r.accepted = true;
                r.policy_priority = p->priority;
                r.transform_number = e->transform_number;
                r.life_seconds = offered && offered < p->t.life_seconds ? offered : p->t.life_seconds;
                if (debug)
                    g_string_append_printf(debug, "Returning Actual lifetime: %u\n", r.life_seconds);
                break;
            }
            if (m > closest) /* strictly later: a tie keeps the higher priority */
                closest = m;
        }
        if (first_mismatch_per_offer && !r.accepted)
            first_mismatch_per_offer[i] = closest;
    }
    if (!r.accepted && debug)
        g_string_append(debug, "no offers accepted!\nphase 1 SA policy not acceptable!\n");
    if (result)
        *result = r;
}
