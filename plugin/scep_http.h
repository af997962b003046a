/* ikediag - SCEP enrollment (RFC 8894) read from Wireshark's HTTP
 * dissector: ikediag's postdissector hands each SCEP request and answer to
 * the engine's enrollment tracker (expert/scep/enrollment.h) and shows what
 * it says under `ikediag.scep.*`.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_SCEP_HTTP_H
#define IKEDIAG_SCEP_HTTP_H

#include <epan/packet.h>

#include "scep/enrollment.h"

/* Fields, init/cleanup and the tap ("ikediag_scep", one ikd_scep_frame per
 * SCEP message). Call from proto_register_ikediag. */
void ikediag_scep_register(int proto_ikediag);
/* The HTTP field ids; call from the handoff. */
void ikediag_scep_handoff(void);
/* Adds the HTTP fields a frame's SCEP is read from to the postdissector's. */
void ikediag_scep_want(GArray *ids);
/* A frame's SCEP message, if it carries one: read (first pass), shown and
 * tapped; returns the bytes it took, 0 for none. Called by ikediag's
 * postdissector for every frame: a postdissector of its own cost Wireshark
 * 410 instructions a frame (callgrind, 2k healthy SAs). */
int ikediag_scep_frame(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree);

/* The enrollments of the open capture (NULL between files). */
const ikd_scep_store *ikediag_scep_store(void);

/* The -z ikediag,pki text table and the GUI's PKI table (pki_table.c). */
void ikediag_pki_table_register(void);

#endif
