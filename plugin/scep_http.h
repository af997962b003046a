/* ikediag - SCEP enrollment (RFC 8894) read from Wireshark's HTTP
 * dissector: a second postdissector of the ikediag protocol that hands each
 * SCEP request and answer to the engine's enrollment tracker
 * (expert/scep/enrollment.h) and shows what it says under `ikediag.scep.*`.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_SCEP_HTTP_H
#define IKEDIAG_SCEP_HTTP_H

#include "scep/enrollment.h"

/* Fields, the postdissector, its init/cleanup and its tap ("ikediag_scep",
 * one ikd_scep_frame per SCEP message). Call from proto_register_ikediag. */
void ikediag_scep_register(int proto_ikediag);
/* The HTTP field ids; call from the handoff. */
void ikediag_scep_handoff(void);

/* The enrollments of the open capture (NULL between files). */
const ikd_scep_store *ikediag_scep_store(void);

/* The -z ikediag,pki text table and the GUI's PKI table (pki_table.c). */
void ikediag_pki_table_register(void);

#endif
