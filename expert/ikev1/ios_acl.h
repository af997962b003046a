/* ikediag - IOS extended access lists, as crypto maps use them to name the
 * traffic a phase-2 SA protects (its proxy identities), read from pasted
 * configuration: `ip access-list extended NAME` with `permit ip SRC DST` /
 * `deny ...` sub-lines, and numbered `access-list 100-199|2000-2699 ...`
 * lines. SRC and DST are `any`, `host A` or `A WILDCARD` (IPv4).
 *
 * Only `ip` entries are compared with proxy identities; an entry with another
 * protocol or with ports is kept as unreadable, so a walk over that list says
 * it cannot judge rather than guessing. Untrusted input: see ios_policy.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IOS_ACL_H
#define IKD_IOS_ACL_H

#include "common/proxy_id.h"
#include "ikev1/ios_config_text.h"

#include <glib.h>
#include <stdbool.h>
#include <stdint.h>

/* At most this many entries are kept per list; more are reported. */
enum { IKD_IOS_MAX_ACES = 256, IKD_IOS_ACE_TEXT = 100 };

typedef struct {
    bool permit;
    bool readable;        /* false: not an `ip` entry ikediag compares (another protocol, ports) */
    ikd_address src, src_wildcard, dst, dst_wildcard; /* IPv4; wildcard 255.255.255.255 for any */
    uint32_t line;
    char text[IKD_IOS_ACE_TEXT]; /* the entry as written, printable ASCII */
} ikd_ios_ace;

typedef struct {
    char name[64];
    GArray *entries; /* ikd_ios_ace */
    uint32_t line;   /* where it was first written */
} ikd_ios_acl;

/* rest follows `access-list` (numbered). */
void ikd_ios_acl_numbered(GArray *acls, ikd_span rest, ikd_ios_messages *m);
/* rest follows `ip access-list`; returns the list's index, or -1 when the
 * line does not open an extended list (then its sub-lines are ignored). */
int ikd_ios_acl_named(GArray *acls, ikd_span rest, ikd_ios_messages *m);
/* A sub-line of the named list at index. */
void ikd_ios_acl_line(GArray *acls, guint index, ikd_span rest, ikd_ios_messages *m);
void ikd_ios_acls_free(GArray *acls);
const ikd_ios_acl *ikd_ios_acl_find(const GArray *acls, const char *name);

/* How an entry's block compares with a proxy identity's block. */
typedef enum {
    IKD_ACL_DISJOINT, /* no address in common: this entry cannot be the one */
    IKD_ACL_EXACT,    /* the same block, protocol any and port any */
    IKD_ACL_OVERLAP,  /* one inside the other, or anything ikediag does not compare */
} ikd_acl_fit;

/* Entry e against proxies as the router, responding, sees them: its source
 * against local (the initiator's IDcr), its destination against remote
 * (IDci). The worse of the two fits: DISJOINT if either is, EXACT if both are. */
ikd_acl_fit ikd_ios_ace_fit(const ikd_ios_ace *e, const ikd_proxy_id *local, const ikd_proxy_id *remote);

#endif
