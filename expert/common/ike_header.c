/* ikediag - the header both IKE versions share, and its length checks.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/ike_header.h"

#include "core/byte_reader.h"

#include <string.h>

uint8_t ikd_ike_major_version(const uint8_t *bytes, size_t captured)
{
    return bytes && captured > IKD_HDR_VERSION ? (uint8_t)(bytes[IKD_HDR_VERSION] >> 4) : 0;
}

/* Reads the header's fields in order, stopping at the first one the
 * captured bytes do not hold whole (a failed read does not advance). */
static void read_fields(ikd_reader *r, ikd_ike_header *header)
{
    const uint8_t *spi_i, *spi_r;
    uint8_t version;
    if (!ikd_read_bytes(r, 8, &spi_i) || !ikd_read_bytes(r, 8, &spi_r))
        return;
    memcpy(header->spi_i, spi_i, 8);
    memcpy(header->spi_r, spi_r, 8);
    if (!ikd_read_u8(r, &header->next_payload) || !ikd_read_u8(r, &version))
        return;
    header->major = version >> 4;
    header->minor = version & 0x0f;
    (void)(ikd_read_u8(r, &header->exchange) && ikd_read_u8(r, &header->flags) &&
           ikd_read_u32(r, &header->message_id) && ikd_read_u32(r, &header->length));
}

bool ikd_ike_header_read(const uint8_t *bytes, size_t captured, size_t reported, ikd_ike_header *header,
                         ikd_ike_extent *extent, ikd_finding_list *out)
{
    memset(header, 0, sizeof *header);
    memset(extent, 0, sizeof *extent);
    if (!bytes)
        captured = 0;
    size_t header_bytes = captured < IKD_IKE_HEADER_LEN ? captured : IKD_IKE_HEADER_LEN;
    ikd_reader r = ikd_reader_make(bytes, header_bytes, 0);
    read_fields(&r, header);
    header->captured = (uint8_t)header_bytes;
    if (captured >= IKD_IKE_HEADER_LEN)
        return true;
    if (reported >= IKD_IKE_HEADER_LEN) {
        extent->capture_truncated = extent->incomplete = true;
        ikd_findings_add_within(out, captured, IKD_F_CAPTURE_TRUNCATED, 0, captured, (uint32_t)captured,
                                (uint32_t)reported, 0, 0);
    } else {
        ikd_findings_add_within(out, captured, IKD_F_HEADER_SHORT, 0, captured, (uint32_t)captured, 0, 0, 0);
    }
    return false;
}

/* Bytes after the message in its datagram: zeros are padding, anything else
 * is garbage a strict receiver rejects. Only the captured ones can be seen. */
static void flag_trailing_datagram_bytes(const ikd_ike_header *h, const uint8_t *bytes, size_t captured,
                                         size_t reported, ikd_finding_list *out)
{
    size_t extra = reported - h->length;
    size_t seen = captured > h->length ? captured - h->length : 0;
    if (seen == extra && ikd_bytes_all_zero(bytes + h->length, seen))
        ikd_findings_add_within(out, captured, IKD_F_DATAGRAM_PADDING, h->length, extra, h->length,
                                (uint32_t)reported, (uint32_t)extra, 0);
    else
        ikd_findings_add_within(out, captured, IKD_F_DATAGRAM_EXCEEDS_LENGTH, h->length, extra, h->length,
                                (uint32_t)reported, 0, 0);
}

void ikd_ike_header_check_length(const ikd_ike_header *h, const uint8_t *bytes, size_t captured, size_t reported,
                                 ikd_transport transport, ikd_ike_extent *extent, ikd_finding_list *out)
{
    extent->end = 0;
    if (h->length < IKD_IKE_HEADER_LEN) {
        ikd_findings_add_within(out, captured, IKD_F_LENGTH_BELOW_HEADER, IKD_HDR_LENGTH, 4, h->length, 0, 0, 0);
        return;
    }
    if (transport != IKD_TRANSPORT_TCP) {
        if (h->length > reported)
            ikd_findings_add_within(out, captured, IKD_F_LENGTH_EXCEEDS_DATAGRAM, IKD_HDR_LENGTH, 4, h->length,
                                    (uint32_t)reported, 0, 0);
        else if (h->length < reported)
            flag_trailing_datagram_bytes(h, bytes, captured, reported, out);
    }
    size_t present = h->length < reported ? h->length : reported;
    extent->incomplete = present < h->length;
    extent->message_end = h->length;
    if (captured < present) {
        extent->capture_truncated = extent->incomplete = true;
        ikd_findings_add_within(out, captured, IKD_F_CAPTURE_TRUNCATED, 0, captured, (uint32_t)captured,
                                (uint32_t)present, 0, 0);
        extent->end = captured;
        return;
    }
    extent->end = present;
}
