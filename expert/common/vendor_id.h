/* ikediag - recognising vendor ID payloads: the capabilities they announce
 * and, where the ID is vendor specific, who sent it.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_VENDOR_ID_H
#define IKD_VENDOR_ID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* What a vendor ID means to the engine. Everything that is not one of the
 * capabilities below (product and version IDs included) is IKD_VID_OTHER. */
typedef enum {
    IKD_VID_OTHER,
    IKD_VID_DPD,           /* RFC 3706 */
    IKD_VID_XAUTH,         /* draft-ietf-ipsra-isakmp-xauth */
    IKD_VID_NAT_T,         /* RFC 3947 or one of the drafts */
    IKD_VID_CISCO_UNITY,
    IKD_VID_FRAGMENTATION, /* Cisco/Microsoft IKE fragmentation */
} ikd_vid_kind;

/* The kind of a vendor ID payload's data (without the generic header). */
ikd_vid_kind ikd_vid_classify(const uint8_t *data, size_t len);

/* "other", "DPD", "XAUTH", "NAT-T", "Cisco Unity", "IKE fragmentation";
 * "?" for a value outside the enum. */
const char *ikd_vid_kind_name(ikd_vid_kind kind);

typedef struct {
    ikd_vid_kind kind;
    /* Who sends it: "Cisco", "strongSwan", "Microsoft", "Juniper", "Fortinet",
     * "Check Point", "SonicWall", "libreswan/Openswan", "KAME/racoon"; NULL for
     * standards and capability IDs that many implementations send. */
    const char *vendor;
    /* What it announces, e.g. "Cisco Unity", "Dead Peer Detection (RFC 3706)",
     * "NAT-T (RFC 3947)", "Windows 7"; "unknown" when not identified. */
    const char *name;
    /* Decoded version or capability bits, e.g. "1.0",
     * "caps 0xc0000000: main/aggressive + base mode"; "" when none. */
    char detail[48];
} ikd_vid_info;

/* Identifies a vendor ID payload's data (without the generic header).
 * Returns false for unknown ones (info->name then "unknown", info->vendor
 * NULL, info->kind IKD_VID_OTHER and detail empty). info may be NULL.
 * Matching is by prefix: data longer than a catalogue entry still matches it,
 * and the longest matching entry wins. ikd_vid_classify(d, n) always equals
 * the kind this reports. */
bool ikd_vid_identify(const uint8_t *data, size_t len, ikd_vid_info *info);

/* The vendor ID in words for the per-message field: "Cisco Unity 1.0",
 * "strongSwan: strongSwan 5.9.8", "unknown 4048b7d5...". data/len are the
 * payload data the info was identified from. */
const char *ikd_vid_text(const ikd_vid_info *info, const uint8_t *data, size_t len, char *buf, size_t size);

/* A vendor (ikd_vid_info.vendor) as a number from 1 to at most
 * IKD_VENDOR_MAX (an SA keeps each peer's in 4 bits), and back; 0 and NULL
 * for none. */
enum { IKD_VENDOR_MAX = 15 };
uint8_t ikd_vendor_number(const char *vendor);
const char *ikd_vendor_name(uint8_t number);

/* The catalogue itself, for listings and tests: the number of entries and
 * entry i's prefix as lower-case hex (NULL past the end). */
size_t ikd_vid_catalogue_size(void);
const char *ikd_vid_catalogue_prefix(size_t i);

#endif
