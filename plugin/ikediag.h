/* ikediag - declarations shared by the plugin's files.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_PLUGIN_H
#define IKEDIAG_PLUGIN_H

#include <epan/packet.h>

void proto_register_ikediag(void);
void proto_reg_handoff_ikediag(void);

#endif
