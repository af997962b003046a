/* ikediag - IOS's phase-2 check of an offer against the policy file.
 *
 * Matching rules and how sure they are (docs/policy-file.md):
 * - the router, responding, looks for a crypto map entry whose `set peer` is
 *   the initiator and whose ACL, read from the router's side, mirrors the
 *   proposal: its source is the initiator's remote (IDcr), its destination
 *   the initiator's local (IDci). Equal blocks match and disjoint ones do
 *   not; an identity inside an entry without being equal to it is left
 *   undecided (whether IOS accepts a narrower proposal was not verified).
 * - transform sets are compared as sets of transforms ("esp-aes" alone is
 *   128-bit, as in the phase-1 docs); a tunnel-mode set refuses a transport
 *   offer, a transport set accepts a tunnel one (inferred).
 * - `set pfs groupN` needs the offer's PFS group to be N; without `set pfs`,
 *   the command reference says offers of group 1 or 2 are accepted; other
 *   groups are left undecided.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/ios_phase2_walk.h"

#include <stdlib.h>
#include <string.h>

enum { UNITS = 8, UNIT_TEXT = 24, UNITS_TEXT = UNITS * UNIT_TEXT, OFFER_TEXT = 100 };

static int by_text(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* "esp-aes 128" is "esp-aes"; "esp-gcm" and "esp-gmac" alone are 128-bit (inferred). */
static void normalise_unit(char *unit)
{
    if (strcmp(unit, "esp-aes 128") == 0)
        unit[strlen("esp-aes")] = '\0';
    else if (strcmp(unit, "esp-gcm") == 0 || strcmp(unit, "esp-gmac") == 0)
        strcat(unit, " 128");
}

void ikd_ios_transform_units(const char *transforms, char *out, size_t size)
{
    char units[UNITS][UNIT_TEXT];
    size_t n = 0;
    gchar **tokens = g_strsplit_set(transforms ? transforms : "", " ", -1);
    for (gchar **t = tokens; *t; t++) {
        bool number = **t && strspn(*t, "0123456789") == strlen(*t);
        if (!**t || (number && !n))
            continue;
        if (number) { /* a key length belongs to the transform before it */
            g_strlcat(units[n - 1], " ", UNIT_TEXT);
            g_strlcat(units[n - 1], *t, UNIT_TEXT);
        } else if (n < UNITS) {
            g_strlcpy(units[n++], *t, UNIT_TEXT);
        }
    }
    g_strfreev(tokens);
    for (size_t i = 0; i < n; i++) {
        for (char *c = units[i]; *c; c++)
            *c = g_ascii_tolower(*c);
        normalise_unit(units[i]);
    }
    qsort(units, n, sizeof units[0], by_text);
    if (size)
        out[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            g_strlcat(out, "|", size);
        g_strlcat(out, units[i], size);
    }
}

/* --- The crypto map entry ---------------------------------------------------------- */

static bool names_peer(const ikd_ios_crypto_map *e, const ikd_address *peer)
{
    for (unsigned i = 0; i < e->peer_count; i++)
        if (ikd_address_equal(&e->peers[i], peer))
            return true;
    return false;
}

typedef enum { ACL_MIRRORS, ACL_DOES_NOT, ACL_CANNOT_TELL } acl_answer;

/* The entry's ACL against the proxies, from the router's side. *line: the
 * deciding ACL entry, or the list's first permit when none decided. */
static acl_answer acl_mirrors(const ikd_ios_config *c, const ikd_ios_crypto_map *e, const ikd_proxy_id ids[2],
                              GString *debug, uint32_t *line)
{
    const ikd_ios_acl *acl = e->acl[0] ? ikd_ios_config_acl(c, e->acl) : NULL;
    if (!acl) {
        g_string_append_printf(debug, "ikediag: crypto map %s %u: %s%s%s; cannot tell\n", e->name, e->seq,
                               e->acl[0] ? "match address " : "no match address", e->acl,
                               e->acl[0] ? " names no access list in the file" : "");
        return ACL_CANNOT_TELL;
    }
    *line = e->acl_line;
    for (guint i = 0; i < acl->entries->len; i++) {
        const ikd_ios_ace *a = &g_array_index(acl->entries, ikd_ios_ace, i);
        if (a->permit && *line == e->acl_line)
            *line = a->line;
        ikd_acl_fit fit = ikd_ios_ace_fit(a, &ids[1], &ids[0]);
        if (fit == IKD_ACL_DISJOINT)
            continue;
        *line = a->line;
        g_string_append_printf(debug, "ikediag: access-list %s line %u '%s': %s\n", acl->name, a->line, a->text,
                               fit == IKD_ACL_OVERLAP ? "overlaps the proxy identities without mirroring them; "
                                                        "cannot tell"
                               : a->permit ? "mirrors the proxy identities"
                                           : "denies them (not protected by this entry)");
        return fit == IKD_ACL_OVERLAP ? ACL_CANNOT_TELL : a->permit ? ACL_MIRRORS : ACL_DOES_NOT;
    }
    g_string_append_printf(debug, "ikediag: access-list %s (crypto map %s %u) has no entry for these proxy "
                                  "identities\n", acl->name, e->name, e->seq);
    return ACL_DOES_NOT;
}

/* The entry for the peer whose ACL mirrors the proxies, or NULL with the
 * outcome and line saying why not. */
static const ikd_ios_crypto_map *find_entry(const ikd_ios_config *c, const ikd_proxy_id ids[2],
                                            const ikd_address *peer, GString *debug, ikd_p2_walk_result *r)
{
    bool any_for_peer = false, undecided = false;
    uint32_t first_line = 0;
    for (guint i = 0; i < ikd_ios_config_crypto_map_count(c); i++) {
        const ikd_ios_crypto_map *e = ikd_ios_config_crypto_map(c, i);
        if (!names_peer(e, peer))
            continue;
        any_for_peer = true;
        g_string_append_printf(debug, "ikediag: crypto map %s %u (line %u) has set peer for the initiator\n",
                               e->name, e->seq, e->line);
        uint32_t line = 0;
        acl_answer a = acl_mirrors(c, e, ids, debug, &line);
        if (a == ACL_MIRRORS)
            return e;
        undecided |= a == ACL_CANNOT_TELL;
        if (!first_line)
            first_line = line;
    }
    char address[IKD_ADDRESS_TEXT];
    if (!any_for_peer)
        g_string_append_printf(debug, "ikediag: no crypto map entry has set peer %s (dynamic maps and isakmp "
                                      "profiles are not modelled); cannot tell\n",
                               ikd_address_format(peer, address, sizeof address));
    if (!any_for_peer || undecided) {
        r->outcome = IKD_P2_WALK_UNDETERMINED;
        return NULL;
    }
    g_string_append(debug, "map_db_find_best did not find matching map\n"
                           "IPSEC(ipsec_process_proposal): proxy identities not supported\n"
                           "phase 2 SA policy not acceptable!\n");
    r->outcome = IKD_P2_WALK_PROXY;
    r->line = first_line;
    return NULL;
}

/* --- Transform sets and PFS -------------------------------------------------------- */

/* One offered alternative: transform i with the other protocols of its
 * proposal (an AH + ESP bundle), as units, its text and what it asks. */
typedef struct {
    char units[UNITS_TEXT];
    char text[OFFER_TEXT];
    bool transport;
    uint16_t pfs;
} candidate;

static void make_candidate(const ikd_phase2_transform *offers, size_t n, size_t i, candidate *c)
{
    char words[64];
    GString *all = g_string_new(NULL);
    uint8_t protocols_seen = 0;
    for (size_t j = 0; j < n; j++) {
        const ikd_phase2_transform *o = &offers[j];
        bool mine = j == i || (o->proposal_number == offers[i].proposal_number && o->protocol != offers[i].protocol &&
                               !(protocols_seen & (1u << (o->protocol & 7))));
        if (!mine)
            continue;
        protocols_seen |= (uint8_t)(1u << (o->protocol & 7));
        ikd_phase2_transform t = *o;
        c->transport |= strstr(ikd_phase2_ios_text(&t, words, sizeof words), " mode transport") != NULL;
        t.encapsulation = IKD_ENCAP_TUNNEL;
        g_string_append_printf(all, "%s%s", all->len ? " " : "", ikd_phase2_ios_text(&t, words, sizeof words));
    }
    c->pfs = offers[i].pfs_group;
    ikd_ios_transform_units(all->str, c->units, sizeof c->units);
    g_strlcpy(c->text, all->str, sizeof c->text);
    g_string_free(all, TRUE);
}

typedef enum { SET_FITS, SET_DIFFERS, SET_PFS_DIFFERS, SET_CANNOT_TELL } set_answer;

static set_answer check_set(const ikd_ios_config *c, const ikd_ios_crypto_map *e, const char *name,
                            const candidate *o, GString *debug)
{
    const ikd_ios_transform_set *set = ikd_ios_config_transform_set_named(c, name);
    if (!set) {
        g_string_append_printf(debug, "ikediag: transform-set %s is not in the file; cannot tell\n", name);
        return SET_CANNOT_TELL;
    }
    char units[UNITS_TEXT];
    ikd_ios_transform_units(set->transforms, units, sizeof units);
    bool fits = strcmp(units, o->units) == 0 && !(o->transport && strcmp(set->mode, "tunnel") == 0);
    g_string_append_printf(debug, "ikediag: {%s} against transform-set %s (line %u: %s, mode %s): %s\n", o->text,
                           set->name, set->line, set->transforms, set->mode, fits ? "fits" : "differs");
    if (!fits)
        return SET_DIFFERS;
    if (e->pfs_group ? o->pfs == e->pfs_group : o->pfs <= 2)
        return SET_FITS;
    if (!e->pfs_group) {
        g_string_append_printf(debug, "ikediag: no set pfs, offer with PFS group %u: cannot tell\n", o->pfs);
        return SET_CANNOT_TELL;
    }
    g_string_append_printf(debug, "ikediag: crypto map %s %u sets pfs group%u, the offer has %s%u\n", e->name,
                           e->seq, e->pfs_group, o->pfs ? "group" : "no PFS", o->pfs ? o->pfs : 0);
    return SET_PFS_DIFFERS;
}

/* Every offered alternative against the entry's transform sets, in order. */
static void walk_transforms(const ikd_ios_config *c, const ikd_ios_crypto_map *e, const ikd_phase2_transform *offers,
                            size_t n, GString *debug, ikd_p2_walk_result *r)
{
    bool pfs_differs = false, undecided = false;
    for (size_t i = 0; i < n; i++) {
        candidate o = { .transport = false };
        make_candidate(offers, n, i, &o);
        for (unsigned s = 0; s < e->set_count; s++) {
            set_answer a = check_set(c, e, e->sets[s], &o, debug);
            if (a == SET_FITS) {
                g_string_append(debug, "atts are acceptable.\n");
                r->outcome = IKD_P2_WALK_ACCEPTED;
                return;
            }
            pfs_differs |= a == SET_PFS_DIFFERS;
            undecided |= a == SET_CANNOT_TELL;
        }
        if (!pfs_differs && !undecided)
            g_string_append_printf(debug, "IPSEC(ipsec_process_proposal): transform proposal not supported for "
                                          "identity: {%s }\n", o.text);
    }
    if (undecided) {
        r->outcome = IKD_P2_WALK_UNDETERMINED;
        return;
    }
    g_string_append(debug, "phase 2 SA policy not acceptable!\n");
    r->outcome = pfs_differs ? IKD_P2_WALK_PFS : IKD_P2_WALK_TRANSFORM;
    r->line = pfs_differs ? (e->pfs_line ? e->pfs_line : e->line) : (e->sets_line ? e->sets_line : e->line);
}

void ikd_ios_phase2_walk(const ikd_ios_config *c, const ikd_phase2_transform *offers, size_t n,
                         const ikd_proxy_id ids[2], const ikd_address *initiator, GString *debug,
                         ikd_p2_walk_result *result)
{
    result->outcome = IKD_P2_WALK_NOT_WALKED;
    result->line = 0;
    if (!c || !n || !ikd_ios_config_crypto_map_count(c))
        return;
    char local[IKD_PROXY_ID_TEXT], remote[IKD_PROXY_ID_TEXT];
    g_string_append_printf(debug, "ikediag: proxy identities, the router's side: local %s, remote %s\n",
                           ikd_proxy_id_format(&ids[1], local, sizeof local),
                           ikd_proxy_id_format(&ids[0], remote, sizeof remote));
    const ikd_ios_crypto_map *e = find_entry(c, ids, initiator, debug, result);
    if (!e)
        return;
    if (!e->set_count) {
        g_string_append_printf(debug, "ikediag: crypto map %s %u has no set transform-set; cannot tell\n", e->name,
                               e->seq);
        result->outcome = IKD_P2_WALK_UNDETERMINED;
        return;
    }
    walk_transforms(c, e, offers, n, debug, result);
}
