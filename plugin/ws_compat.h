/* ikediag - where Wireshark's plugin API differs between the releases
 * ikediag is compiled against (4.0, 4.4 and 4.6; packaging/PORTING.md says
 * how each was checked). Everything else in plugin/ builds unchanged on all.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_WS_COMPAT_H
#define IKEDIAG_WS_COMPAT_H

#include <ws_version.h>
#include <epan/packet.h>

#define IKEDIAG_WS_AT_LEAST(major, minor)                                                                  \
    (WIRESHARK_VERSION_MAJOR > (major) || (WIRESHARK_VERSION_MAJOR == (major) && WIRESHARK_VERSION_MINOR >= (minor)))

/* From 4.5 on, a -z statistic's init callback says whether it started, and
 * tshark stops on false; before, it returned nothing. */
#if IKEDIAG_WS_AT_LEAST(4, 5)
typedef bool ikediag_tap_init_result;
#define IKEDIAG_TAP_INIT_RETURN(started) return (started)
#else
typedef void ikediag_tap_init_result;
#define IKEDIAG_TAP_INIT_RETURN(started) (void)(started)
#endif

/* The frame's data source of this name ("Decrypted IKE"), or NULL. 4.5
 * dropped get_data_source_tvb_by_name() for a lookup of the source itself. */
static inline tvbuff_t *ikediag_data_source_tvb(packet_info *pinfo, const char *name)
{
#if IKEDIAG_WS_AT_LEAST(4, 5)
    struct data_source *source = get_data_source_by_name(pinfo, name);
    return source ? get_data_source_tvb(source) : NULL;
#else
    return get_data_source_tvb_by_name(pinfo, name);
#endif
}

/* A byte of a tvb: 4.4 renamed tvb_get_guint8 and deprecates the old name. */
static inline guint8 ikediag_tvb_u8(tvbuff_t *tvb, gint offset)
{
#if IKEDIAG_WS_AT_LEAST(4, 4)
    return tvb_get_uint8(tvb, offset);
#else
    return tvb_get_guint8(tvb, offset);
#endif
}

#endif
