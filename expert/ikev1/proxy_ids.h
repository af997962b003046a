/* ikediag - the proxy identities (IDci, IDcr) of a quick mode, read from the
 * ID payloads of a decrypted QM1 or QM2 (RFC 2409 5.5).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_PROXY_IDS_H
#define IKD_PROXY_IDS_H

#include "common/proxy_id.h"
#include "ikev1/message_view.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One ID payload (generic header at `offset` in bytes, len bytes in all) as
 * a proxy identity; false when it is not an address type or is cut short. */
bool ikd_v1_read_proxy_id(const uint8_t *bytes, size_t len, size_t offset, ikd_proxy_id *out);

/* The first two ID payloads of a quick-mode message (its clear or decrypted
 * payloads `content`, whose offsets count from the ISAKMP header; `plaintext`
 * starts right after that header): the initiator's and the responder's
 * proxy. False when there are not two readable address IDs: then the
 * proxies are the peers' own addresses (RFC 2409 5.5). */
bool ikd_v1_read_proxy_ids(const ikd_message *content, const uint8_t *plaintext, size_t len,
                           ikd_proxy_id ids[2]);

#endif
