/* ikediag - CRL and OCSP fetches over HTTP, read from Wireshark's own TCP
 * and HTTP dissectors (never parsed here) and handed to the engine, which
 * ties each to the SA whose certificate named its URL; the frames of a
 * fetch show what it was for and what came of it (ikediag.revocation.*).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_REVOCATION_FETCH_H
#define IKEDIAG_REVOCATION_FETCH_H

#include <epan/packet.h>

void ikediag_revocation_fetch_register(int proto);
/* At hand-off: the TCP and HTTP fields' ids. */
void ikediag_revocation_fetch_init(void);
/* Adds the fields the postdissector needs kept in the tree. */
void ikediag_revocation_fetch_want(GArray *ids);
/* Every pass: a TCP segment is handed to the engine (first pass) and, when
 * it belongs to a fetch, shown under the ikediag protocol item. */
void ikediag_revocation_fetch_frame(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, int proto);

#endif
