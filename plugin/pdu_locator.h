/* ikediag - finds the ISAKMP messages Wireshark's own dissector found in a
 * frame, so the plugin reads exactly the bytes it decoded.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_PDU_LOCATOR_H
#define IKEDIAG_PDU_LOCATOR_H

#include <epan/packet.h>

#include "common/packet.h"

/* One ISAKMP message in a frame. The tvb is only valid during this dissection;
 * ds_index (position in pinfo->data_src) finds it again on later passes. */
typedef struct {
    tvbuff_t *tvb; /* the data source holding the message */
    guint ds_index;
    gint start;
    gint length;         /* captured bytes */
    guint reported_len;  /* bytes on the wire */
    ikd_transport transport;
    /* IKD_TRANSPORT_ICMP_QUOTE: the error, and the quoted datagram's ends */
    guint8 icmp_version, icmp_type, icmp_code;
    ikd_address quoted_src, quoted_dst;
    guint16 quoted_src_port, quoted_dst_port;
} ikediag_pdu;

enum { IKEDIAG_MAX_PDUS_PER_FRAME = 8 };

/* Resolves the protocol ids the locator needs; call from the handoff. */
void ikediag_locator_init(void);
/* The field ids a postdissector must ask Wireshark to keep in the tree. */
GArray *ikediag_locator_wanted_hfids(void);
/* Fills out[] with the frame's ISAKMP messages (first pass only: it needs the
 * primed tree) and returns how many. */
guint ikediag_locate_pdus(packet_info *pinfo, proto_tree *tree, ikediag_pdu *out, guint max);
/* The data source at index ds_index on this pass, or NULL. */
tvbuff_t *ikediag_data_source(packet_info *pinfo, guint ds_index);

#endif
