/* ikediag - extended access lists read from pasted IOS configuration.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/ios_acl.h"

#include <string.h>

static const ikd_address any_wildcard = { 4, { 255, 255, 255, 255 } };

/* `any`, `host A` or `A WILDCARD`. */
static bool parse_block(ikd_span *rest, ikd_address *addr, ikd_address *wildcard)
{
    ikd_span tok, second;
    if (!ikd_ios_next_token(rest, &tok))
        return false;
    if (ikd_ios_is_word(tok, "any")) {
        memset(addr, 0, sizeof *addr);
        addr->family = 4;
        *wildcard = any_wildcard;
        return true;
    }
    if (ikd_ios_is_word(tok, "host")) {
        memset(wildcard, 0, sizeof *wildcard);
        wildcard->family = 4;
        return ikd_ios_next_token(rest, &tok) && ikd_ios_parse_ipv4(tok, addr);
    }
    return ikd_ios_parse_ipv4(tok, addr) && ikd_ios_next_token(rest, &second) && ikd_ios_parse_ipv4(second, wildcard);
}

/* rest follows `permit` or `deny`: `ip SRC DST`, with nothing after. */
static bool parse_ip_entry(ikd_span rest, ikd_ios_ace *e)
{
    ikd_span proto, extra;
    if (!ikd_ios_next_token(&rest, &proto) || !ikd_ios_is_word(proto, "ip"))
        return false;
    return parse_block(&rest, &e->src, &e->src_wildcard) && parse_block(&rest, &e->dst, &e->dst_wildcard) &&
           !ikd_ios_next_token(&rest, &extra);
}

static void add_entry(ikd_ios_acl *acl, ikd_span rest, ikd_ios_messages *m)
{
    ikd_span action, body = rest;
    ikd_ios_quoted q;
    if (!ikd_ios_next_token(&body, &action))
        return;
    if (ikd_ios_is_word(action, "remark"))
        return;
    bool permit = ikd_ios_is_word(action, "permit");
    if (!permit && !ikd_ios_is_word(action, "deny")) {
        ikd_ios_say(m, true, "unknown access-list entry %s in %s", ikd_ios_quote(&q, action), acl->name);
        return;
    }
    if (acl->entries->len >= IKD_IOS_MAX_ACES) {
        ikd_ios_say(m, true, "access-list %s has more than %u entries; the rest are not read", acl->name,
                    IKD_IOS_MAX_ACES);
        return;
    }
    ikd_ios_ace e = { .permit = permit, .line = m->line };
    while (rest.n && ikd_ios_is_blank(*rest.p)) {
        rest.p++;
        rest.n--;
    }
    ikd_ios_copy_printable(e.text, sizeof e.text, rest);
    e.readable = parse_ip_entry(body, &e);
    if (!e.readable)
        ikd_ios_say(m, false, "access-list %s entry %s not compared: only 'ip' entries without ports are",
                    acl->name, ikd_ios_quote(&q, rest));
    g_array_append_val(acl->entries, e);
}

/* The list with this name, made when new. */
static guint list_named(GArray *acls, ikd_span name, uint32_t line, ikd_ios_messages *m)
{
    char text[64];
    ikd_ios_quoted q;
    if (!ikd_ios_copy_printable(text, sizeof text, name))
        ikd_ios_say(m, true, "access-list name %s longer than 63 bytes, truncated", ikd_ios_quote(&q, name));
    for (guint i = 0; i < acls->len; i++)
        if (strcmp(g_array_index(acls, ikd_ios_acl, i).name, text) == 0)
            return i;
    ikd_ios_acl acl = { .entries = g_array_new(FALSE, TRUE, sizeof(ikd_ios_ace)), .line = line };
    memcpy(acl.name, text, sizeof acl.name);
    g_array_append_val(acls, acl);
    return acls->len - 1;
}

static bool extended_number(ikd_span t)
{
    uint32_t n;
    return ikd_ios_parse_number(t, &n) && ((n >= 100 && n <= 199) || (n >= 2000 && n <= 2699));
}

void ikd_ios_acl_numbered(GArray *acls, ikd_span rest, ikd_ios_messages *m)
{
    ikd_span number;
    if (!ikd_ios_next_token(&rest, &number) || !extended_number(number))
        return; /* standard lists (1-99) and others never name proxies */
    guint i = list_named(acls, number, m->line, m);
    add_entry(&g_array_index(acls, ikd_ios_acl, i), rest, m);
}

int ikd_ios_acl_named(GArray *acls, ikd_span rest, ikd_ios_messages *m)
{
    ikd_span kind, name;
    if (!ikd_ios_next_token(&rest, &kind) || !ikd_ios_is_word(kind, "extended") ||
        !ikd_ios_next_token(&rest, &name))
        return -1;
    return (int)list_named(acls, name, m->line, m);
}

void ikd_ios_acl_line(GArray *acls, guint index, ikd_span rest, ikd_ios_messages *m)
{
    ikd_span probe = rest, seq;
    uint32_t n;
    /* `show access-lists` and some configurations number the entries. */
    if (ikd_ios_next_token(&probe, &seq) && ikd_ios_parse_number(seq, &n))
        rest = probe;
    add_entry(&g_array_index(acls, ikd_ios_acl, index), rest, m);
}

void ikd_ios_acls_free(GArray *acls)
{
    for (guint i = 0; acls && i < acls->len; i++)
        g_array_free(g_array_index(acls, ikd_ios_acl, i).entries, TRUE);
    if (acls)
        g_array_free(acls, TRUE);
}

const ikd_ios_acl *ikd_ios_acl_find(const GArray *acls, const char *name)
{
    for (guint i = 0; acls && i < acls->len; i++)
        if (strcmp(g_array_index(acls, ikd_ios_acl, i).name, name) == 0)
            return &g_array_index(acls, ikd_ios_acl, i);
    return NULL;
}

static uint32_t word_of(const ikd_address *a)
{
    return (uint32_t)a->bytes[0] << 24 | (uint32_t)a->bytes[1] << 16 | (uint32_t)a->bytes[2] << 8 | a->bytes[3];
}

/* A proxy's block as address and mask words; false when it is not an IPv4
 * host or contiguous subnet. */
static bool proxy_block(const ikd_proxy_id *p, uint32_t *addr, uint32_t *mask)
{
    if (p->first.family != 4)
        return false;
    if (p->kind == IKD_PROXY_ADDRESS) {
        *mask = 0xffffffffu;
    } else if (p->kind == IKD_PROXY_SUBNET && ikd_mask_prefix_length(&p->second) >= 0) {
        *mask = word_of(&p->second);
    } else {
        return false;
    }
    *addr = word_of(&p->first) & *mask;
    return true;
}

static ikd_acl_fit block_fit(const ikd_address *addr, const ikd_address *wildcard, const ikd_proxy_id *p)
{
    uint32_t pa, pm, am = ~word_of(wildcard);
    if (!proxy_block(p, &pa, &pm))
        return IKD_ACL_OVERLAP;
    uint32_t aa = word_of(addr) & am, common = am & pm;
    if ((aa & common) != (pa & common))
        return IKD_ACL_DISJOINT;
    /* A wildcard with holes is no block: it can overlap without being equal. */
    bool contiguous = ((~am + 1u) & ~am) == 0;
    return contiguous && am == pm && aa == pa && !p->protocol && !p->port ? IKD_ACL_EXACT : IKD_ACL_OVERLAP;
}

ikd_acl_fit ikd_ios_ace_fit(const ikd_ios_ace *e, const ikd_proxy_id *local, const ikd_proxy_id *remote)
{
    if (!e->readable)
        return IKD_ACL_OVERLAP;
    ikd_acl_fit s = block_fit(&e->src, &e->src_wildcard, local), d = block_fit(&e->dst, &e->dst_wildcard, remote);
    if (s == IKD_ACL_DISJOINT || d == IKD_ACL_DISJOINT)
        return IKD_ACL_DISJOINT;
    return s == IKD_ACL_EXACT && d == IKD_ACL_EXACT ? IKD_ACL_EXACT : IKD_ACL_OVERLAP;
}
