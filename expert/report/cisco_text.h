/* ikediag - the SA table as IOS prints it: `show crypto isakmp sa` and
 * `show crypto isakmp sa detail`, and ikediag's own longer table.
 *
 * Plain text into a GString, so the engine's unit tests check it byte for
 * byte and the plugin's taps only print it, part by part as it is written
 * (ikd_sa_selection's flush).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_CISCO_TEXT_H
#define IKD_CISCO_TEXT_H

#include "common/annotation.h"
#include "engine.h"
#include "ikev1/ikev1_sa.h"

#include <glib.h>

/* Which SAs to print: NULL prints all; otherwise include[i] says whether the
 * SA with index i (ikd_sa.index, its place in creation order) is printed
 * (entries past count are excluded).
 *
 * flush, when set, takes what a table has written so far once it is long,
 * between two SAs' rows, and the table goes on in an emptied string: a
 * million SAs' table is never held whole (ikd_text_between_sas). */
typedef struct {
    const gboolean *include;
    guint count;
    void (*flush)(const GString *written, void *ctx);
    void *flush_ctx;
} ikd_sa_selection;

/* Whether the selection includes sa. */
gboolean ikd_sa_selected(const ikd_sa_selection *which, const ikd_sa *sa);
/* Called by every table after an SA's rows: hands out to the selection's
 * flush, and empties it, once it holds IKD_TEXT_FLUSH_BYTES or more. */
enum { IKD_TEXT_FLUSH_BYTES = 64 * 1024 };
void ikd_text_between_sas(const ikd_sa_selection *which, GString *out);

void ikd_text_show_isakmp_sa(ikd_engine *engine, const ikd_sa_selection *which, GString *out);
void ikd_text_show_isakmp_sa_detail(ikd_engine *engine, const ikd_sa_selection *which, GString *out);
/* One line per SA with what a capture knows and a router does not. */
void ikd_text_ikev1_analysis(ikd_engine *engine, const ikd_sa_selection *which, GString *out);
/* The analysis table's "        initiator: Cisco; retransmits like ..." lines under an SA's row
 * (both versions): who the peers are, when their vendor IDs or retransmission timing say so. */
void ikd_text_implementation_lines(const ikd_sa *sa, GString *out);

/* Remaining lifetime "hh:mm:ss" at the end of the capture, "" if unknown. */
const char *ikd_sa_lifetime_left(ikd_engine *engine, const ikd_sa *sa, char *buf, size_t size);
/* The XAUTH user, the Easy VPN group and the mode-config address of an
 * IKEv1 SA, each "-" when none was read. */
void ikd_v1_sa_remote_access_text(const ikd_v1_sa *v1, char user[IKD_RA_NAME_TEXT], char group[IKD_RA_NAME_TEXT],
                                  char address[IKD_ADDRESS_TEXT]);
/* DPD R-U-THEREs acknowledged of those read, "9/9"; "-" when none was read. */
const char *ikd_sa_dpd_text(const ikd_sa *sa, char *buf, size_t size);
/* The SA's verdict in a few words ("stuck in MM_KEY_EXCH: ..."), "" if none. */
const char *ikd_sa_verdict_text(ikd_engine *engine, const ikd_sa *sa, char *buf, size_t size);

#endif
