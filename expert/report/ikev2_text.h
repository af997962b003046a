/* ikediag - the IKEv2 SA table as IOS prints it: `show crypto ikev2 sa`
 * and `show crypto ikev2 sa detailed`, and IKEv2's part of ikediag's
 * analysis table.
 *
 * Each SA is printed from its original initiator's side: Local is the
 * initiator and Remote the responder, as the IKEv1 tables print it
 * (cisco_text.c). What the wire cannot tell is left out or printed "-",
 * never guessed: the lifetime (not sent in IKEv2), the authentication
 * methods and identities without Wireshark's decryption.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IKEV2_TEXT_H
#define IKD_IKEV2_TEXT_H

#include "engine.h"
#include "ikev2/ikev2_sa.h"
#include "report/cisco_text.h"

#include <glib.h>

void ikd_text_show_ikev2_sa(ikd_engine *engine, const ikd_sa_selection *which, GString *out);
void ikd_text_show_ikev2_sa_detailed(ikd_engine *engine, const ikd_sa_selection *which, GString *out);
/* The "IKEv2 SAs" section of ikd_text_sa_analysis. */
void ikd_text_ikev2_analysis(ikd_engine *engine, const ikd_sa_selection *which, GString *out);

/* ikev2_ra_text.c: the client's user (EAP identity, else IKE identity) and
 * CP address, "-" when none; and the analysis table's line for them, only
 * for an SA that did remote access. */
void ikd_v2_sa_remote_access_text(const ikd_v2_sa *v2, char user[IKD_RA_NAME_TEXT], char address[IKD_ADDRESS_TEXT]);
void ikd_v2_remote_access_lines(const ikd_v2_sa *v2, GString *out);

/* Pieces the GUI's table shares. buf sizes: IKD_V2_TEXT_LINE. */
enum { IKD_V2_TEXT_LINE = 256 };
/* "192.0.2.10/500"; IPv6 in upper case, as IOS prints it. */
const char *ikd_v2_endpoint_text(const ikd_sa *sa, int peer, char *buf, size_t size);
/* "Encr: AES-CBC, keysize: 128, PRF: SHA256, ..." without the indent; "" if no choice was read. */
const char *ikd_v2_crypto_text(const ikd_v2_sa *v2, char *buf, size_t size);
/* "-/735 sec": the lifetime is not on the wire; the active time is "-" until the SA is up in the capture. */
const char *ikd_v2_life_text(ikd_engine *engine, const ikd_v2_sa *v2, char *buf, size_t size);

#endif
