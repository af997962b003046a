/* ikediag - libFuzzer target for the IKEv1 message reader.
 *
 * The first input byte picks the transport and how much of the message the
 * "capture" holds; the rest is the message. Beyond the sanitizers' own checks,
 * it aborts if a finding points outside the captured bytes or names an id
 * the catalogue does not have, and renders every finding's text.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "core/findings.h"
#include "ikev1/message.h"
#include "report/finding_text.h"

#include <stdlib.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    uint8_t mode = data[0];
    data++;
    size--;
    ikd_transport transport = (ikd_transport)(mode & 3);
    size_t captured = size;
    size_t reported = size;
    if (mode & 4)
        reported += (size_t)(mode >> 3) * 64; /* the snap length cut the message */

    ikd_message msg;
    ikd_message_read(data, captured, reported, transport, &msg);

    if (msg.findings.count > IKD_MAX_FINDINGS || msg.payload_count > IKD_MAX_PAYLOADS)
        abort();
    for (uint32_t i = 0; i < msg.findings.count; i++) {
        const ikd_finding *f = &msg.findings.items[i];
        const ikd_finding_info *info = ikd_finding_lookup((ikd_finding_id)f->id);
        if (!info || f->offset > captured || f->length > captured - f->offset)
            abort();
        char text[96];
        ikd_finding_render(info->detail, f, text, sizeof text);
        ikd_finding_render(info->cisco, f, text, sizeof text);
    }
    return 0;
}
