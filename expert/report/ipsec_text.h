/* ikediag - the phase-2 (IPsec) SAs of a capture, one per quick mode, in the
 * spirit of IOS's `show crypto ipsec sa` as far as the wire tells it.
 *
 * Only the ident lines use IOS's words ("local  ident (addr/mask/prot/port):
 * (...)"); the research notes hold no verified sample of the rest of IOS's
 * layout, so the other lines are ikediag's own. Every SA is shown as the
 * ISAKMP SA's initiator holds it (the same router `show crypto isakmp sa`
 * is printed for): "local" is that peer, "inbound" the SPI it receives on.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_IPSEC_TEXT_H
#define IKD_IPSEC_TEXT_H

#include "engine.h"
#include "ikev1/ikev1_sa.h"
#include "ikev1/phase2_outcome.h"
#include "report/cisco_text.h"

#include <glib.h>

/* A phase-2 SA seen from the ISAKMP SA's initiator (peer[0]). */
typedef struct {
    bool local_started;  /* local sent QM1 */
    char local_ident[IKD_PROXY_ID_TEXT];
    char remote_ident[IKD_PROXY_ID_TEXT];
    uint32_t inbound_spi;  /* 0 when unknown */
    uint32_t outbound_spi; /* 0 when unknown */
} ikd_ipsec_view;

void ikd_ipsec_view_of(const ikd_v1_sa *sa, const ikd_quick_mode *qm, ikd_ipsec_view *out);

/* Whether Wireshark decrypted any of the quick mode's offer or choice. */
bool ikd_ipsec_readable(const ikd_quick_mode *qm);

/* "tunnel", "transport", "tunnel, UDP-encapsulated", ..., "not given". */
const char *ikd_ipsec_mode_text(uint16_t encapsulation, char *buf, size_t size);
/* The transform set in IOS words without the mode: "esp-aes esp-sha256-hmac". */
const char *ikd_ipsec_transform_text(const ikd_phase2_transform *t, char *buf, size_t size);
/* "0xD05274FF", or "unknown" for 0. buf needs 16 bytes. */
const char *ikd_ipsec_spi_text(uint32_t spi, char *buf, size_t size);
/* "replaced by rekey in frame 20, deleted by DELETE in frame 21 (from
 * 192.0.2.10)", "refused in frame 8 (NO-PROPOSAL-CHOSEN)", "not completed",
 * "still up at capture end", ... reject_notify is the quick mode's. */
const char *ikd_phase2_outcome_text(const ikd_phase2_outcome *o, uint16_t reject_notify, char *buf, size_t size);
/* "QM1 7, QM2 8, QM3 9": the first copy of each step seen. */
const char *ikd_ipsec_frames_text(const ikd_quick_mode *qm, char *buf, size_t size);

/* One quick mode: a block of lines when it was decrypted, one line otherwise. */
void ikd_text_ipsec_sa_entry(const ikd_v1_sa *sa, const ikd_quick_mode *qm, const ikd_phase2_outcome *o,
                             GString *out);
/* Every quick mode of the selected ISAKMP SAs, in conn-id order. */
void ikd_text_show_ipsec_sa(ikd_engine *engine, const ikd_sa_selection *which, GString *out);

#endif
