/* ikediag - transaction exchanges.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/transaction.h"

void ikd_v1_on_transaction(const ikd_v1_event *ev)
{
    ev->ann->result.step = IKD_STEP_TXN;
    ev->sa->sa.capabilities |= IKD_CAP_MODE_CFG;
}
