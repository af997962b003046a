/* ikediag - what a decrypted transaction message's attributes tell: the
 * XAUTH user and status, the mode-config request and the address and
 * settings handed out, with the Easy VPN server's debug lines for them.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_RA_ATTRIBUTES_H
#define IKD_RA_ATTRIBUTES_H

#include "ikev1/remote_access.h"

/* Reads cfg (the attribute payload of ev's message, step `step` of
 * exchange t) into the SA's record and ev's annotation. */
void ikd_v1_ra_read_attributes(const ikd_v1_event *ev, ikd_v1_ra *ra, ikd_txn *t, ikd_txn_step step,
                               const ikd_cfg_payload *cfg);

/* The IOS Easy VPN server's `debug crypto isakmp` lines for a mode-config
 * REPLY or SET it sends, one "\n"-terminated line each, appended to out.
 * See ra_attributes.c for which wording is real output. */
void ikd_v1_ra_ios_debug(const ikd_cfg_payload *cfg, GString *out);

#endif
