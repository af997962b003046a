/* ikediag - the crypto sessions (report/sessions.h) as IOS's
 * `show crypto session detail` prints them, for what the wire shows.
 *
 * IOS's words, from real output (research ikev2-remote-access-pki.md 1 and
 * 3.3, cisco-ike-facts.md 1.3): "Crypto session current status",
 * "Username:", "Group:", "Assigned address:", "Session status: UP-ACTIVE     ",
 * "Peer: 10.1.1.2 port 500 ", "  IKEv1 SA: local A/500 remote B/500 Active ",
 * "  IKEv2 SA: ...", "Capabilities:DN connid:3 lifetime:23:07:14",
 * "  IPSEC FLOW: permit ip 0.0.0.0/0.0.0.0 host 3.3.3.4 ",
 * "        Active SAs: 2"; the statuses UP-ACTIVE and DOWN-NEGOTIATING are
 * seen in real output, UP-IDLE, UP-NO-IKE and DOWN are IOS's names as issue
 * 14 lists them. Not on the wire, so left out: Interface, Profile,
 * Session ID, Uptime, ", origin: crypto map", packet counters.
 * ikediag's own: the Capabilities line's indentation, "-" for a lifetime not
 * known, the status UNKNOWN and every line that begins "ikediag:".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_SESSION_TEXT_H
#define IKD_SESSION_TEXT_H

#include "engine.h"
#include "report/cisco_text.h"
#include "report/sessions.h"

#include <glib.h>

/* "Active" or "Inactive", as the IKE SA lines print a condition. */
const char *ikd_ike_sa_condition_word(ikd_ike_sa_condition c);
/* "UP-ACTIVE" ..., or for UNKNOWN the reason in ikediag's words. */
const char *ikd_session_status_text(const ikd_session *s, char *buf, size_t size);
/* "IKEv1 1001 Active, IKEv2 1 Inactive": the IKE SAs in one line (the GUI). */
const char *ikd_session_ike_sas_text(const ikd_session *s, char *buf, size_t size);

/* One session's block. */
void ikd_text_session_entry(ikd_engine *engine, const ikd_session *s, GString *out);
/* Every session of the selected SAs. */
void ikd_text_show_crypto_session(ikd_engine *engine, const ikd_sa_selection *which, GString *out);

#endif
