/* ikediag - crypto map entries read from pasted IOS configuration.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/ios_crypto_map.h"

#include <string.h>

enum { SEQ_MAX = 65535 };

int ikd_ios_crypto_map_header(GArray *maps, ikd_span rest, ikd_ios_messages *m)
{
    ikd_span name, seq, kind, extra;
    ikd_ios_quoted q;
    ikd_ios_crypto_map e = { .line = m->line };
    if (!ikd_ios_next_token(&rest, &name) || !ikd_ios_next_token(&rest, &seq) ||
        !ikd_ios_parse_number(seq, &e.seq) || e.seq < 1 || e.seq > SEQ_MAX)
        return -1; /* `crypto map NAME local-address ...` and such: not an entry */
    if (!ikd_ios_next_token(&rest, &kind) || !ikd_ios_is_word(kind, "ipsec-isakmp")) {
        ikd_ios_say(m, false, "crypto map entry %u not modelled: only ipsec-isakmp entries are compared", e.seq);
        return -1;
    }
    if (ikd_ios_next_token(&rest, &extra)) {
        ikd_ios_say(m, false, "crypto map entry %u %s not modelled (dynamic maps are not compared)", e.seq,
                    ikd_ios_quote(&q, extra));
        return -1;
    }
    ikd_ios_copy_printable(e.name, sizeof e.name, name);
    for (guint i = 0; i < maps->len; i++) {
        const ikd_ios_crypto_map *old = &g_array_index(maps, ikd_ios_crypto_map, i);
        if (old->seq == e.seq && strcmp(old->name, e.name) == 0)
            return (int)i; /* re-entered: its sub-lines edit the same entry */
    }
    g_array_append_val(maps, e);
    return (int)maps->len - 1;
}

static void set_peer(ikd_ios_crypto_map *e, ikd_span rest, ikd_ios_messages *m)
{
    ikd_span tok;
    ikd_ios_quoted q;
    ikd_address a;
    if (!ikd_ios_next_token(&rest, &tok))
        return;
    if (!ikd_ios_parse_ipv4(tok, &a)) {
        ikd_ios_say(m, true, "set peer %s is not an IPv4 address; not compared", ikd_ios_quote(&q, tok));
        return;
    }
    if (e->peer_count < IKD_IOS_MAP_PEERS)
        e->peers[e->peer_count++] = a;
}

static void set_transform_sets(ikd_ios_crypto_map *e, ikd_span rest, ikd_ios_messages *m)
{
    ikd_span tok;
    e->set_count = 0;
    e->sets_line = m->line;
    while (ikd_ios_next_token(&rest, &tok)) {
        if (e->set_count == IKD_IOS_MAP_SETS) {
            ikd_ios_say(m, true, "more than %u transform sets; the rest are not compared", IKD_IOS_MAP_SETS);
            return;
        }
        ikd_ios_copy_printable(e->sets[e->set_count++], sizeof e->sets[0], tok);
    }
}

/* `set pfs` alone is group1; `set pfs groupN` names it. */
static void set_pfs(ikd_ios_crypto_map *e, ikd_span rest, ikd_ios_messages *m)
{
    ikd_span tok;
    ikd_ios_quoted q;
    uint32_t group = 1;
    if (ikd_ios_next_token(&rest, &tok) &&
        (tok.n <= 5 || g_ascii_strncasecmp(tok.p, "group", 5) != 0 ||
         !ikd_ios_parse_number((ikd_span){ tok.p + 5, tok.n - 5 }, &group) || group == 0 || group > 255)) {
        ikd_ios_say(m, true, "bad set pfs %s", ikd_ios_quote(&q, tok));
        return;
    }
    e->pfs_group = (uint16_t)group;
    e->pfs_line = m->line;
}

static void match_address(ikd_ios_crypto_map *e, ikd_span rest, ikd_ios_messages *m)
{
    ikd_span tok;
    if (!ikd_ios_next_token(&rest, &tok))
        return;
    ikd_ios_copy_printable(e->acl, sizeof e->acl, tok);
    e->acl_line = m->line;
}

void ikd_ios_crypto_map_line(GArray *maps, guint index, ikd_span rest, ikd_ios_messages *m)
{
    ikd_ios_crypto_map *e = &g_array_index(maps, ikd_ios_crypto_map, index);
    ikd_span w1, w2, after;
    if (!ikd_ios_next_token(&rest, &w1))
        return;
    after = rest;
    bool second = ikd_ios_next_token(&after, &w2);
    if (ikd_ios_is_word(w1, "set") && second && ikd_ios_is_word(w2, "peer"))
        set_peer(e, after, m);
    else if (ikd_ios_is_word(w1, "set") && second && ikd_ios_is_word(w2, "transform-set"))
        set_transform_sets(e, after, m);
    else if (ikd_ios_is_word(w1, "set") && second && ikd_ios_is_word(w2, "pfs"))
        set_pfs(e, after, m);
    else if (ikd_ios_is_word(w1, "match") && second && ikd_ios_is_word(w2, "address"))
        match_address(e, after, m);
    /* description, set security-association lifetime, reverse-route ...
     * do not decide whether a proposal is accepted. */
}

static gint by_name_and_seq(gconstpointer a, gconstpointer b)
{
    const ikd_ios_crypto_map *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->seq < y->seq ? -1 : x->seq > y->seq);
}

void ikd_ios_crypto_maps_sort(GArray *maps)
{
    g_array_sort(maps, by_name_and_seq);
}
