/* ikediag - a finding's text: a catalogue template with its arguments filled in.
 *
 * The catalogue (core/findings.def) holds the templates; their tokens name
 * things from every floor (payload and exchange names, IOS states, phase-1
 * and phase-2 transforms), so the renderer sits up here in report/, above
 * the code it formats, and the catalogue stays on the ground floor.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_FINDING_TEXT_H
#define IKD_FINDING_TEXT_H

#include "core/findings.h"

#include <stddef.h>

/* Expands a catalogue template for one finding into buf (always terminated,
 * truncated to size). Returns buf. A token the renderer does not know is
 * copied as it stands. A template "A{v2}B" renders A for IKEv1 findings and
 * B for those tagged IKD_FINDING_IKEV2 (core/findings.h). */
char *ikd_finding_render(const char *template_text, const ikd_finding *f, char *buf, size_t size);

#endif
