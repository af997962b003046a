/* ikediag - bounds-checked cursor over untrusted bytes (the cursor itself is
 * inline, in byte_reader.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/byte_reader.h"

bool ikd_bytes_all_zero(const uint8_t *p, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (p[i])
            return false;
    return true;
}
