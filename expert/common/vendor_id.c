/* ikediag - recognising vendor ID payloads.
 *
 * The catalogue below is written from the public protocol constants collected
 * in shared/research/cisco-ike-facts.md section 4 (4.2 key IDs, 4.3 pitfalls).
 * Each entry names where the constant is documented: an RFC or draft, the
 * ike-scan table (royhills/ike-scan ike-vendor-ids), Wireshark's vendor_id[]
 * (epan/dissectors/packet-isakmp.c), libreswan's lib/libswan/vendorid.c or
 * strongSwan's isakmp_vendor.c. The MD5-derived ones were re-computed from
 * their source strings (noted as MD5("...")). Arkime's labels are not used
 * (it calls FRAGMENTATION "ikev2" and two NetScreen IDs strongSwan/openswan).
 *
 * Matching: an entry's hex string is a prefix; data at least that long that
 * starts with it matches (versioned IDs carry more bytes, which the entry's
 * decoder reads). An entry may also demand an exact total length (the short
 * "OE" hash prefixes and the 4-byte Cisco IOS prefix would otherwise match
 * too much). The longest matching entry wins, so table order does not matter.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/vendor_id.h"

#include <stdio.h>
#include <string.h>

/* How the bytes after the prefix are read into ikd_vid_info.detail (and for
 * some, name). A decoder may also reject the data (OE hash alphabet). */
typedef enum {
    DEC_NONE,
    DEC_MAJOR_MINOR,  /* two bytes: major, minor (DPD, Cisco Unity) */
    DEC_XAUTH16,      /* the full 16-byte hash rather than the usual 8 */
    DEC_FRAG_CAPS,    /* 4-byte capability bits after MD5("FRAGMENTATION") */
    DEC_ALTIGA,       /* 2 bytes: major, minor<<4 | patch (0407 = 4.0.7) */
    DEC_MS_NT5,       /* 4-byte big-endian Windows version */
    DEC_MS_KEYMODS,   /* 4-byte big-endian KEY_MODS protocol */
    DEC_MS_AUTHIP_KE, /* 4-byte big-endian AuthIP initiator DH group */
    DEC_NETSCREEN,    /* 8 bytes: two big-endian words (model/version) */
    DEC_FORTIGATE,    /* 2-byte release, 2-byte build, big-endian */
    DEC_CHECKPOINT,   /* product, version, timestamp words */
    DEC_LIBRESWAN,    /* ASCII version after "OE-Libreswan-" */
    DEC_OE_HASH,      /* rest must be MD5 bytes masked into 0x40..0x7f */
    DEC_SONICWALL,    /* one variant byte */
    DEC_TRAILER,      /* unknown extra bytes shown as hex */
} vid_decoder;

typedef struct {
    const char *hex;   /* prefix that must match, lower-case hex */
    uint8_t exact_len; /* 0: any length >= prefix; else the total length */
    uint8_t decoder;   /* vid_decoder */
    ikd_vid_kind kind;
    const char *vendor;
    const char *name;
    const char *tag; /* decoder argument (the ike-scan label for NetScreen) */
} vid_entry;

#define CISCO "Cisco"
#define MS "Microsoft"
#define JUNIPER "Juniper"
#define FORTINET "Fortinet"
#define CHECKPOINT "Check Point"
#define SONICWALL "SonicWall"
#define SWAN "libreswan/Openswan"
#define KAME "KAME/racoon"
#define STRONGSWAN "strongSwan"

/* Who sends the catalogue's IDs, numbered from 1: an SA keeps the number
 * (a byte) rather than the name (a pointer). */
static const char *const vendors[] = { CISCO, MS, JUNIPER, FORTINET, CHECKPOINT, SONICWALL, SWAN, KAME, STRONGSWAN };
enum { VENDOR_COUNT = sizeof vendors / sizeof vendors[0] };
_Static_assert((int)VENDOR_COUNT <= (int)IKD_VENDOR_MAX, "a vendor's number fits an SA's 4 bits");
#define NETSCREEN(hex, tag) { hex, 0, DEC_NETSCREEN, IKD_VID_OTHER, JUNIPER, "Juniper NetScreen (ScreenOS)", tag }

static const vid_entry catalogue[] = {
    /* --- NAT traversal ----------------------------------------------------- */
    /* RFC 3947 section 3.1: MD5("RFC 3947") */
    { "4a131c81070358455c5728f20e95452f", 0, DEC_NONE, IKD_VID_NAT_T, NULL, "NAT-T (RFC 3947)", NULL },
    /* draft-ietf-ipsec-nat-t-ike-02 hashed with its trailing newline (the draft's typo); ike-scan, IOS sends it */
    { "90cb80913ebb696e086381b5ec427b1f", 0, DEC_NONE, IKD_VID_NAT_T, NULL,
      "NAT-T (draft-ietf-ipsec-nat-t-ike-02\\n)", NULL },
    /* MD5("draft-ietf-ipsec-nat-t-ike-00"); ike-scan */
    { "4485152d18b6bbcd0be8a8469579ddcc", 0, DEC_NONE, IKD_VID_NAT_T, NULL,
      "NAT-T (draft-ietf-ipsec-nat-t-ike-00)", NULL },
    /* MD5("draft-ietf-ipsec-nat-t-ike-01"); ike-scan */
    { "16f6ca16e4a4066d83821a0f0aeaa862", 0, DEC_NONE, IKD_VID_NAT_T, NULL,
      "NAT-T (draft-ietf-ipsec-nat-t-ike-01)", NULL },
    /* MD5("draft-ietf-ipsec-nat-t-ike-02"); ike-scan, IOS "constructed NAT-T vendor-02 ID" */
    { "cd60464335df21f87cfdb2fc68b6a448", 0, DEC_NONE, IKD_VID_NAT_T, NULL,
      "NAT-T (draft-ietf-ipsec-nat-t-ike-02)", NULL },
    /* MD5("draft-ietf-ipsec-nat-t-ike-03"); ike-scan, IOS "constructed NAT-T vendor-03 ID" */
    { "7d9419a65310ca6f2c179d9215529d56", 0, DEC_NONE, IKD_VID_NAT_T, NULL,
      "NAT-T (draft-ietf-ipsec-nat-t-ike-03)", NULL },
    /* MD5("draft-ietf-ipsec-nat-t-ike-04"); ike-scan */
    { "9909b64eed937c6573de52ace952fa6b", 0, DEC_NONE, IKD_VID_NAT_T, NULL,
      "NAT-T (draft-ietf-ipsec-nat-t-ike-04)", NULL },
    /* MD5("draft-ietf-ipsec-nat-t-ike-05"); ike-scan */
    { "80d0bb3def54565ee84645d4c85ce3ee", 0, DEC_NONE, IKD_VID_NAT_T, NULL,
      "NAT-T (draft-ietf-ipsec-nat-t-ike-05)", NULL },
    /* MD5("draft-ietf-ipsec-nat-t-ike-06"); ike-scan */
    { "4d1e0e136deafa34c4f3ea9f02ec7285", 0, DEC_NONE, IKD_VID_NAT_T, NULL,
      "NAT-T (draft-ietf-ipsec-nat-t-ike-06)", NULL },
    /* MD5("draft-ietf-ipsec-nat-t-ike-07"); ike-scan, IOS "constructed NAT-T vendor-07 ID" */
    { "439b59f8ba676c4c7737ae22eab8f582", 0, DEC_NONE, IKD_VID_NAT_T, NULL,
      "NAT-T (draft-ietf-ipsec-nat-t-ike-07)", NULL },
    /* MD5("draft-ietf-ipsec-nat-t-ike-08"); ike-scan */
    { "8f8d83826d246b6fc7a8a6a428c11de8", 0, DEC_NONE, IKD_VID_NAT_T, NULL,
      "NAT-T (draft-ietf-ipsec-nat-t-ike-08)", NULL },
    /* MD5("draft-ietf-ipsec-nat-t-ike-09"); ike-scan */
    { "42ea5b6f898d9773a575df26e7dd19e1", 0, DEC_NONE, IKD_VID_NAT_T, NULL,
      "NAT-T (draft-ietf-ipsec-nat-t-ike-09)", NULL },
    /* MD5("draft-ietf-ipsec-nat-t-ike"), no draft number; Mac OS X racoon; libreswan vendorid.c comment */
    { "4df37928e9fc4fd1b3262170d515c662", 0, DEC_NONE, IKD_VID_NAT_T, NULL,
      "NAT-T (draft-ietf-ipsec-nat-t-ike, unnumbered)", NULL },
    /* The pre-IETF NAT traversal drafts: a different encapsulation, so not IKD_VID_NAT_T. */
    /* MD5("draft-stenberg-ipsec-nat-traversal-01"); ike-scan */
    { "27bab5dc01ea0760ea4e3190ac27c0d0", 0, DEC_NONE, IKD_VID_OTHER, NULL,
      "NAT traversal (draft-stenberg-ipsec-nat-traversal-01)", NULL },
    /* MD5("draft-stenberg-ipsec-nat-traversal-02"); ike-scan */
    { "6105c422e76847e43f9684801292aecd", 0, DEC_NONE, IKD_VID_OTHER, NULL,
      "NAT traversal (draft-stenberg-ipsec-nat-traversal-02)", NULL },
    /* MD5("draft-huttunen-ipsec-esp-in-udp-00.txt"); ike-scan, libreswan vendorid.c */
    { "6a7434c19d7e36348090a02334c9c805", 0, DEC_NONE, IKD_VID_OTHER, NULL,
      "NAT traversal (draft-huttunen-ipsec-esp-in-udp-00)", NULL },
    /* MD5("ESPThruNAT"); ike-scan, libreswan vendorid.c; Wireshark vendor_id[] calls it draft-huttunen-...-01 */
    { "50760f624c63e5c53eea386c685ca083", 0, DEC_NONE, IKD_VID_OTHER, NULL,
      "NAT traversal (ESPThruNAT, draft-huttunen-ipsec-esp-in-udp-01)", NULL },

    /* --- Capabilities ------------------------------------------------------ */
    /* RFC 3706 section 5: truncated MD5("CISCO-DEAD-PEER-DETECTION") + major, minor (01 00) */
    { "afcad71368a1f1c96b8696fc7757", 0, DEC_MAJOR_MINOR, IKD_VID_DPD, NULL, "Dead Peer Detection (RFC 3706)", NULL },
    /* draft-ietf-ipsra-isakmp-xauth-06: MD5 of the draft's file name truncated to 8 bytes; ike-scan */
    { "09002689dfd6b712", 0, DEC_NONE, IKD_VID_XAUTH, NULL, "XAUTH (draft-ietf-ipsra-isakmp-xauth)", NULL },
    /* the same MD5 untruncated; Wireshark vendor_id[] ("draft-beaulieu-ike-xauth-02") */
    { "09002689dfd6b71280a224dec33b81e5", 0, DEC_XAUTH16, IKD_VID_XAUTH, NULL,
      "XAUTH (draft-ietf-ipsra-isakmp-xauth)", NULL },
    /* MD5("CISCO-UNITY") with the last 2 bytes replaced by major, minor; ike-scan, libreswan vendorid.c */
    { "12f5f28c457168a9702d9fe274cc", 0, DEC_MAJOR_MINOR, IKD_VID_CISCO_UNITY, CISCO, "Cisco Unity", NULL },
    /* MD5("FRAGMENTATION") [+ 4-byte capabilities]; ike-scan, strongSwan isakmp_vendor.c */
    { "4048b7d56ebce88525e7de7f00d6c2d3", 0, DEC_FRAG_CAPS, IKD_VID_FRAGMENTATION, NULL,
      "IKE fragmentation (Cisco/Microsoft)", NULL },
    /* ASCII "HeartBeat_Notify" + version bytes; ike-scan (NetScreen), libreswan vendorid.c */
    { "4865617274426561745f4e6f74696679", 0, DEC_TRAILER, IKD_VID_OTHER, NULL, "Heartbeat Notify", NULL },
    /* ASCII "HeartBeat Notify" (space); ike-scan */
    { "486561727442656174204e6f74696679", 0, DEC_TRAILER, IKD_VID_OTHER, NULL, "Heartbeat Notify", NULL },

    /* --- Cisco ------------------------------------------------------------- */
    /* libreswan VID_CISCO_IOS (4-byte prefix, "From a Cisco 1800 IOS device": 3e984048101e66cc659fd002b0ed3655) */
    { "3e984048", 16, DEC_NONE, IKD_VID_OTHER, CISCO, "Cisco IOS device", NULL },
    /* truncated MD5("ALTIGA GATEWAY") + 2-byte version; ike-scan, libreswan vendorid.c */
    { "1f07f70eaa6514d3b0fa96542a50", 0, DEC_ALTIGA, IKD_VID_OTHER, CISCO,
      "Cisco VPN 3000 / ASA (ALTIGA GATEWAY)", NULL },
    /* MD5("ALTIGA NETWORKS"); ike-scan "VPN-3000-client" */
    { "f6f7efc7f5aeb8cb158cb9d094ba69e7", 0, DEC_NONE, IKD_VID_OTHER, CISCO,
      "Cisco VPN 3000 Client (ALTIGA NETWORKS)", NULL },
    /* libreswan vendorid.c comment "From a Cisco PIX" */
    { "ade1e70e9953c1328373ebf0257b85ed", 0, DEC_NONE, IKD_VID_OTHER, CISCO, "Cisco PIX (unclassified)", NULL },
    /* ike-scan "Maybe Cisco IOS" */
    { "bdb41038a7ec5e5534dd004d0f91f927", 0, DEC_NONE, IKD_VID_OTHER, CISCO, "Cisco, maybe IOS (unclassified)", NULL },
    /* ike-scan "Unknown-cisco" */
    { "e23ae9f51a46876ff93d89ba725d649d", 0, DEC_NONE, IKD_VID_OTHER, CISCO, "Cisco (unclassified)", NULL },
    /* libreswan vendorid.c comment "From a Cisco VPN 3k" */
    { "5946c258f99a1a57b03eb9d1759e0f24", 0, DEC_NONE, IKD_VID_OTHER, CISCO, "Cisco VPN 3000 (unclassified)", NULL },
    /* libreswan vendorid.c comment "From a Cisco VPN 3k" */
    { "ebbc5b00141d0c895e11bd395902d690", 0, DEC_NONE, IKD_VID_OTHER, CISCO, "Cisco VPN 3000 (unclassified)", NULL },
    /* ASCII "CISCO-DELETE-REASON" (IKEv2); Wireshark vendor_id[], libreswan vendorid.c */
    { "434953434f2d44454c4554452d524541534f4e", 0, DEC_NONE, IKD_VID_OTHER, CISCO,
      "Cisco delete reason (CISCO-DELETE-REASON)", NULL },
    /* ASCII "CISCO(COPYRIGHT)" + "&Copyright (c) 2009 Cisco Systems, Inc." (IKEv2); Wireshark vendor_id[] */
    { "434953434f28434f5059524947485429", 0, DEC_NONE, IKD_VID_OTHER, CISCO,
      "Cisco copyright (CISCO(COPYRIGHT))", NULL },
    /* ASCII "FLEXVPN-SUPPORTED" (IKEv2); Wireshark vendor_id[], libreswan vendorid.c */
    { "464c455856504e2d535550504f52544544", 0, DEC_NONE, IKD_VID_OTHER, CISCO,
      "Cisco FlexVPN supported (FLEXVPN-SUPPORTED)", NULL },
    /* ASCII "CISCO-GRE-MODE" (IKEv2); Wireshark vendor_id[] */
    { "434953434f2d4752452d4d4f4445", 0, DEC_NONE, IKD_VID_OTHER, CISCO, "Cisco GRE mode (CISCO-GRE-MODE)", NULL },
    /* ASCII "CISCO-DYNAMIC-ROUTE" (IKEv2); Wireshark vendor_id[], libreswan vendorid.c */
    { "434953434f2d44594e414d49432d524f555445", 0, DEC_NONE, IKD_VID_OTHER, CISCO,
      "Cisco dynamic route (CISCO-DYNAMIC-ROUTE)", NULL },
    /* ASCII "CISCOVPN-REV-02" (IKEv2); Wireshark vendor_id[], libreswan vendorid.c */
    { "434953434f56504e2d5245562d3032", 0, DEC_NONE, IKD_VID_OTHER, CISCO,
      "Cisco VPN revision 2 (CISCOVPN-REV-02)", NULL },

    /* --- strongSwan, libreswan, Openswan, FreeS/WAN, KAME ------------------ */
    /* MD5("strongSwan"), sent only with send_vendor_id = yes; strongSwan isakmp_vendor.c, ike-scan */
    { "882fe56d6fd20dbc2251613b2ebe5beb", 0, DEC_NONE, IKD_VID_OTHER, STRONGSWAN, "strongSwan", NULL },
    /* ASCII "OE-Libreswan-" + version (3.6+); libreswan vendorid.c VID_LIBRESWAN */
    { "4f452d4c696272657377616e2d", 0, DEC_LIBRESWAN, IKD_VID_OTHER, SWAN, "Libreswan", NULL },
    /* "OEN" + 9 hash bytes: Libreswan 3.0-3.5, but an OE hash can start with 'N' too; ike-scan, libreswan vendorid.c */
    { "4f454e", 12, DEC_OE_HASH, IKD_VID_OTHER, SWAN, "Libreswan 3.0-3.5 or Openswan/FreeS/WAN (OEN hash)", NULL },
    /* "OSW" + 9 hash bytes: later Openswan 2.6; ike-scan, libreswan vendorid.c VID_XOPENSWAN */
    { "4f5357", 12, DEC_OE_HASH, IKD_VID_OTHER, SWAN, "Openswan (OSW hash)", NULL },
    /* "OE" + MD5(name) truncated to 10 bytes masked into 0x40..0x7f; libreswan vendorid.c VID_FSWAN_HASH, ike-scan */
    { "4f45", 12, DEC_OE_HASH, IKD_VID_OTHER, SWAN, "Openswan/FreeS/WAN (OE hash)", NULL },
    /* MD5("KAME/racoon"); ike-scan, libreswan vendorid.c */
    { "7003cbc1097dbe9c2600ba6983bc8b35", 0, DEC_NONE, IKD_VID_OTHER, KAME, "KAME/racoon", NULL },
    /* MD5("IPSec-Tools"); Wireshark vendor_id[] */
    { "20a3622c1cea7ce37bee3ca484425276", 0, DEC_NONE, IKD_VID_OTHER, KAME, "ipsec-tools racoon", NULL },

    /* --- Microsoft --------------------------------------------------------- */
    /* MD5("MS NT5 ISAKMPOAKLEY") + 4-byte version; ike-scan, libreswan vendorid.c, MS-AIPS */
    { "1e2b516905991c7d7c96fcbfb587e461", 0, DEC_MS_NT5, IKD_VID_OTHER, MS, "Windows (MS NT5 ISAKMPOAKLEY)", NULL },
    /* KEY_MODS + 4-byte protocol (0 IKE, 1 AuthIP, 2 IKEv2); libreswan vendorid.c */
    { "01528bbbc00696121849ab9a1c5b2a51", 0, DEC_MS_KEYMODS, IKD_VID_OTHER, MS, "Windows KEY_MODS", NULL },
    /* AUTHIP INIT KE + 4-byte DH group index; libreswan vendorid.c */
    { "7bb93867d76c8d80df0f40fae8fc3b19", 0, DEC_MS_AUTHIP_KE, IKD_VID_OTHER, MS, "Windows AuthIP initiator KE", NULL },
    /* MD5("MS-Negotiation Discovery Capable"); ike-scan, libreswan vendorid.c */
    { "fb1de3cdf341b7ea16b7e5be0855f120", 0, DEC_NONE, IKD_VID_OTHER, MS, "MS-Negotiation Discovery Capable", NULL },
    /* MD5("IKE CGA version 1"); ike-scan, libreswan vendorid.c */
    { "e3a5966a76379fe707228231e5ce8652", 0, DEC_NONE, IKD_VID_OTHER, MS, "IKE CGA version 1", NULL },
    /* MD5("MS-MamieExists"); ike-scan, libreswan vendorid.c ("AuthIP supported") */
    { "214ca4faffa7f32d6748e5303395ae83", 0, DEC_NONE, IKD_VID_OTHER, MS, "MS-MamieExists (AuthIP supported)", NULL },
    /* MD5("Vid-Initial-Contact"); ike-scan, libreswan vendorid.c, Wireshark vendor_id[] */
    { "26244d38eddb61b3172a36e3d0cfb819", 0, DEC_NONE, IKD_VID_OTHER, MS, "Vid-Initial-Contact", NULL },
    /* MD5("NLBS_PRESENT"); ike-scan, libreswan vendorid.c */
    { "72872b95fcda2eb708efe322119b4971", 0, DEC_NONE, IKD_VID_OTHER, MS,
      "NLBS_PRESENT (NLB/MSCS fast failover)", NULL },
    /* MD5("A GSS-API Authentication Method for IKE"); ike-scan, libreswan vendorid.c */
    { "ad2c0dd0b9c32083ccba25b8861ec455", 0, DEC_NONE, IKD_VID_OTHER, MS, "GSS-API authentication", NULL },
    /* the same string with a trailing newline; ike-scan */
    { "b46d8914f3aaa3f2fedeb7c7db2943ca", 0, DEC_NONE, IKD_VID_OTHER, MS,
      "GSS-API authentication (\\n variant)", NULL },
    /* MD5("GSSAPI"); ike-scan, libreswan vendorid.c */
    { "621b04bb09882ac1e15935fefa24aeee", 0, DEC_NONE, IKD_VID_OTHER, MS, "GSSAPI", NULL },

    /* --- Juniper NetScreen: 20-byte prefixes + 8 bytes; ike-scan "Netscreen-NN" -- */
    NETSCREEN("299ee8289f40a8973bc78687e2e7226b532c3b76", "Netscreen-01"), /* ike-scan */
    NETSCREEN("3a15e1f3cf2a63582e3ac82d1c64cbe3b6d779e7", "Netscreen-02"), /* ike-scan */
    NETSCREEN("47d2b126bfcd83489760e2cf8c5d4d5a03497c15", "Netscreen-03"), /* ike-scan */
    NETSCREEN("4a4340b543e02b84c88a8b96a8af9ebe77d9accc", "Netscreen-04"), /* ike-scan */
    NETSCREEN("64405f46f03b7660a23be116a1975058e69e8387", "Netscreen-05"), /* ike-scan */
    NETSCREEN("699369228741c6d4ca094c93e242c9de19e7b7c6", "Netscreen-06"), /* ike-scan */
    NETSCREEN("8c0dc6cf62a0ef1b5c6eabd1b67ba69866adf16a", "Netscreen-07"), /* ike-scan */
    NETSCREEN("92d27a9ecb31d99246986d3453d0c3d57a222a61", "Netscreen-08"), /* ike-scan */
    NETSCREEN("9b096d9ac3275a7d6fe8b91c583111b09efed1a0", "Netscreen-09"), /* ike-scan */
    NETSCREEN("bf03746108d746c904f1f3547de24f78479fed12", "Netscreen-10"), /* ike-scan */
    NETSCREEN("c2e80500f4cc5fbf5daaeed3bb59abaeee56c652", "Netscreen-11"), /* ike-scan */
    NETSCREEN("c8660a62b03b1b6130bf781608d32a6a8d0fb89f", "Netscreen-12"), /* ike-scan */
    NETSCREEN("f885da40b1e7a9abd17655ec5bbec0f21f0ed52e", "Netscreen-13"), /* ike-scan */
    NETSCREEN("2a2bcac19b8e91b426107807e02e7249569d6fd3", "Netscreen-14"), /* ike-scan */
    NETSCREEN("166f932d55eb64d8e4df4fd37e2313f0d0fd8451", "Netscreen-15"), /* ike-scan; Arkime: "strongswan" */
    NETSCREEN("a35bfd05ca1ac0b3d2f24e9e82bfcbff9c9e52b5", "Netscreen-16"), /* ike-scan */
    NETSCREEN("9436e8d67174ef9aed068d5ad5213f187a3f8ba6", "Netscreen-16"), /* ike-scan (second "Netscreen-16") */

    /* --- Fortinet ---------------------------------------------------------- */
    /* 12-byte prefix + 2-byte release + 2-byte build; Wireshark vendor_id[] "Fortigate (Fortinet)" */
    { "8299031757a36082c6a621de", 0, DEC_FORTIGATE, IKD_VID_OTHER, FORTINET, "FortiGate", NULL },
    /* ike-scan "FortiGate" ("probably an MD5") */
    { "1d6e178f6c2c0be284985465450fe9d4", 0, DEC_NONE, IKD_VID_OTHER, FORTINET, "FortiGate", NULL },
    /* MD5("Fortinet Endpoint Control"); libreswan vendorid.c */
    { "b4f01ca951e9da8d0bafbbd34ad3044e", 0, DEC_NONE, IKD_VID_OTHER, FORTINET, "FortiClient endpoint control", NULL },
    /* MD5("forticlient connect license"); libreswan vendorid.c */
    { "4c53427b6d465d1b337bb755a37a7fef", 0, DEC_NONE, IKD_VID_OTHER, FORTINET, "FortiClient connect license", NULL },

    /* --- Check Point: 20-byte prefix + product, version, timestamp, reserved, features; ike-scan, Wireshark -- */
    { "f4ed19e0c114eb516faaac0ee37daf2807b4381f", 0, DEC_CHECKPOINT, IKD_VID_OTHER, CHECKPOINT, "Check Point", NULL },

    /* --- SonicWall --------------------------------------------------------- */
    /* ike-scan "SonicWall-a"; libreswan "Sonicwall 1 (TZ 170 Standard?)", also 3COM SuperStack */
    { "404bf439522ca3f6", 0, DEC_NONE, IKD_VID_OTHER, SONICWALL, "SonicWall", NULL },
    /* ike-scan "SonicWall-b" ("Safenet or Watchguard" da8e9378); libreswan "Sonicwall 2", also SafeNet SoftRemote */
    { "da8e937880010000", 0, DEC_NONE, IKD_VID_OTHER, SONICWALL, "SonicWall (also SafeNet/WatchGuard clients)", NULL },
    /* ike-scan "SonicWall-1" .. "SonicWall-8": 5b362bc820f600 + variant byte */
    { "5b362bc820f600", 0, DEC_SONICWALL, IKD_VID_OTHER, SONICWALL, "SonicWall", NULL },
    /* ike-scan "SonicWall-c" */
    { "5b362bc820f70001", 0, DEC_NONE, IKD_VID_OTHER, SONICWALL, "SonicWall", NULL },
};

#define CATALOGUE_SIZE (sizeof catalogue / sizeof catalogue[0])

/* --- matching -------------------------------------------------------------- */

static int hex_nibble(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    return -1;
}

/* Compares data against an entry's hex prefix. Returns the prefix length in
 * bytes, or 0 when the data is shorter or differs. */
static size_t prefix_match(const char *hex, const uint8_t *data, size_t len)
{
    size_t n = 0;
    for (const char *h = hex; *h;) {
        int hi = hex_nibble(h[0]);
        int lo = h[1] ? hex_nibble(h[1]) : -1;
        if (hi < 0 || lo < 0 || n >= len || data[n] != (uint8_t)(hi << 4 | lo))
            return 0;
        n++;
        h += 2;
    }
    return n;
}

static uint32_t be32(const uint8_t *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static uint16_t be16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

/* --- decoders -------------------------------------------------------------- */

/* Windows release by MS NT5 ISAKMPOAKLEY version: ike-scan and libreswan
 * vendorid.c (research 4.2 table). */
static const char *windows_name(uint32_t version)
{
    switch (version) {
    case 2: return "Windows 2000";
    case 3: return "Windows XP SP1";
    case 4: return "Windows Server 2003 / XP SP2";
    case 5: return "Windows Vista";
    case 6: return "Windows Server 2008";
    case 7: return "Windows 7";
    case 8: return "Windows Server 2008 R2";
    case 9: return "Windows 8 / 8.1 / 10 / Server 2012 R2 / 2016";
    default: return NULL;
    }
}

/* Check Point version word: Wireshark cp_version[] and ike-scan. */
static const char *checkpoint_version(uint32_t version, uint32_t timestamp)
{
    switch (version) {
    case 2: return "4.1";
    case 3: return "4.1 SP1";
    case 4002: return "4.1 SP2-SP6";
    case 5000: return "NG";
    case 5001: return "NG FP1";
    case 5002: return "NG FP2";
    case 5003: return "NG FP3";
    case 5004: return "NG AI R54";
    case 5005: return timestamp ? "NGX or later" : "NG AI R55"; /* ike-scan: NGX sets a timestamp */
    case 5006: return "NG AI R56";
    default: return NULL;
    }
}

static void frag_caps(char *out, size_t size, uint32_t caps)
{
    /* strongSwan isakmp_vendor.c after racoon: 0x80000000 fragmentation of
     * main and aggressive mode messages (what Cisco documents), 0x40000000
     * fragmentation of base-mode messages; Cisco sends both, 0xc0000000. */
    const uint32_t mm_am = 0x80000000u, base = 0x40000000u;
    const char *what;
    if (caps == mm_am)
        what = "main/aggressive mode";
    else if (caps == (mm_am | base))
        what = "main/aggressive + base mode";
    else if (caps == base)
        what = "base mode only";
    else if (caps == 0)
        what = "none";
    else if (caps & mm_am)
        what = caps & base ? "MM/AM + base + unknown bits" : "MM/AM + unknown bits";
    else
        what = caps & base ? "base + unknown bits" : "unknown bits";
    snprintf(out, size, "caps 0x%08x: %s", (unsigned)caps, what);
}

/* Each decoder reads the bytes after an entry's prefix (rest, extra of
 * them) into info; false when the data does not fit the entry after all. */
typedef struct {
    const vid_entry *entry;
    const uint8_t *rest;
    size_t extra;
    ikd_vid_info *info;
} vid_tail;

#define DETAIL(t, ...) snprintf((t)->info->detail, sizeof (t)->info->detail, __VA_ARGS__)

static bool decode_none(const vid_tail *t)
{
    (void)t;
    return true;
}

static bool decode_major_minor(const vid_tail *t)
{
    if (t->extra >= 2)
        DETAIL(t, "%u.%u", t->rest[0], t->rest[1]);
    return true;
}

static bool decode_xauth16(const vid_tail *t)
{
    DETAIL(t, "full 16-byte hash");
    return true;
}

static bool decode_frag_caps(const vid_tail *t)
{
    if (t->extra >= 4)
        frag_caps(t->info->detail, sizeof t->info->detail, be32(t->rest));
    return true;
}

static bool decode_altiga(const vid_tail *t)
{
    if (t->extra >= 2)
        DETAIL(t, "version %u.%u.%u", t->rest[0], t->rest[1] >> 4, t->rest[1] & 0x0fu);
    return true;
}

static bool decode_ms_nt5(const vid_tail *t)
{
    if (t->extra < 4)
        return true;
    uint32_t v = be32(t->rest);
    const char *w = windows_name(v);
    if (w)
        t->info->name = w;
    DETAIL(t, "MS NT5 ISAKMPOAKLEY version %u", (unsigned)v);
    return true;
}

static bool decode_ms_keymods(const vid_tail *t)
{
    static const char *const proto[] = { "IKE", "AuthIP", "IKEv2" };
    if (t->extra < 4)
        return true;
    uint32_t v = be32(t->rest);
    if (v < 3)
        DETAIL(t, "%s", proto[v]);
    else
        DETAIL(t, "protocol %u", (unsigned)v);
    return true;
}

static bool decode_ms_authip_ke(const vid_tail *t)
{
    static const char *const group[] = { "DH none", "DH group 1", "DH group 2", "DH group 14",
                                         "DH group 19", "DH group 20", "DH group 21", "DH max" };
    if (t->extra < 4)
        return true;
    uint32_t v = be32(t->rest);
    if (v < 8)
        DETAIL(t, "%s", group[v]);
    else
        DETAIL(t, "value %u", (unsigned)v);
    return true;
}

static bool decode_netscreen(const vid_tail *t)
{
    if (t->extra >= 8)
        DETAIL(t, "%s, data %08x %08x", t->entry->tag, (unsigned)be32(t->rest), (unsigned)be32(t->rest + 4));
    else
        DETAIL(t, "%s", t->entry->tag);
    return true;
}

static bool decode_fortigate(const vid_tail *t)
{
    if (t->extra >= 4)
        DETAIL(t, "release %u, build %u", be16(t->rest), be16(t->rest + 2));
    return true;
}

static bool decode_checkpoint(const vid_tail *t)
{
    if (t->extra < 8)
        return true;
    uint32_t product = be32(t->rest), version = be32(t->rest + 4);
    uint32_t timestamp = t->extra >= 12 ? be32(t->rest + 8) : 0;
    const char *pname = product == 1 ? "Firewall-1" : product == 2 ? "SecuRemote/SecureClient" : NULL;
    const char *vname = checkpoint_version(version, timestamp);
    if (pname && vname)
        DETAIL(t, "%s %s", pname, vname);
    else
        DETAIL(t, "product %u, version %u", (unsigned)product, (unsigned)version);
    return true;
}

static bool decode_libreswan(const vid_tail *t)
{
    char *d = t->info->detail;
    size_t n = 0;
    while (n < t->extra && n + 1 < sizeof t->info->detail && t->rest[n] >= 0x20 && t->rest[n] < 0x7f) {
        d[n] = (char)t->rest[n];
        n++;
    }
    d[n] = '\0';
    return true;
}

static bool decode_oe_hash(const vid_tail *t)
{
    for (size_t i = 0; i < t->extra; i++)
        if (t->rest[i] < 0x40 || t->rest[i] > 0x7f)
            return false;
    return true;
}

static bool decode_sonicwall(const vid_tail *t)
{
    if (t->extra >= 1)
        DETAIL(t, "variant %u", t->rest[0]);
    return true;
}

static bool decode_trailer(const vid_tail *t)
{
    char *d = t->info->detail;
    const size_t dsize = sizeof t->info->detail;
    for (size_t i = 0, o = 0; i < t->extra && o + 3 <= dsize; i++, o += 2)
        snprintf(d + o, dsize - o, "%02x", t->rest[i]);
    return true;
}

#undef DETAIL

static bool (*const decoders[])(const vid_tail *) = {
    [DEC_NONE] = decode_none,
    [DEC_MAJOR_MINOR] = decode_major_minor,
    [DEC_XAUTH16] = decode_xauth16,
    [DEC_FRAG_CAPS] = decode_frag_caps,
    [DEC_ALTIGA] = decode_altiga,
    [DEC_MS_NT5] = decode_ms_nt5,
    [DEC_MS_KEYMODS] = decode_ms_keymods,
    [DEC_MS_AUTHIP_KE] = decode_ms_authip_ke,
    [DEC_NETSCREEN] = decode_netscreen,
    [DEC_FORTIGATE] = decode_fortigate,
    [DEC_CHECKPOINT] = decode_checkpoint,
    [DEC_LIBRESWAN] = decode_libreswan,
    [DEC_OE_HASH] = decode_oe_hash,
    [DEC_SONICWALL] = decode_sonicwall,
    [DEC_TRAILER] = decode_trailer,
};

/* Runs an entry's decoder over the bytes after its prefix. Returns false if
 * the data does not fit the entry after all. */
static bool decode(const vid_entry *e, const uint8_t *data, size_t len, size_t plen, ikd_vid_info *info)
{
    const vid_tail tail = { e, data + plen, len - plen, info };
    if (e->decoder >= sizeof decoders / sizeof decoders[0] || !decoders[e->decoder])
        return true;
    return decoders[e->decoder](&tail);
}

/* --- public ---------------------------------------------------------------- */

static void set_unknown(ikd_vid_info *info)
{
    info->kind = IKD_VID_OTHER;
    info->vendor = NULL;
    info->name = "unknown";
    info->detail[0] = '\0';
}

bool ikd_vid_identify(const uint8_t *data, size_t len, ikd_vid_info *info)
{
    ikd_vid_info scratch, best;
    const vid_entry *winner = NULL;
    size_t winner_len = 0;

    set_unknown(&best);
    if (data && len) {
        for (size_t i = 0; i < CATALOGUE_SIZE; i++) {
            const vid_entry *e = &catalogue[i];
            size_t plen = prefix_match(e->hex, data, len);
            if (!plen || plen <= winner_len)
                continue;
            if (e->exact_len && len != e->exact_len)
                continue;
            scratch.kind = e->kind;
            scratch.vendor = e->vendor;
            scratch.name = e->name;
            scratch.detail[0] = '\0';
            if (!decode(e, data, len, plen, &scratch))
                continue;
            winner = e;
            winner_len = plen;
            best = scratch;
        }
    }
    if (info)
        *info = best;
    return winner != NULL;
}

ikd_vid_kind ikd_vid_classify(const uint8_t *data, size_t len)
{
    ikd_vid_info info;
    ikd_vid_identify(data, len, &info);
    return info.kind;
}

uint8_t ikd_vendor_number(const char *vendor)
{
    for (size_t i = 0; vendor && i < VENDOR_COUNT; i++)
        if (!strcmp(vendors[i], vendor))
            return (uint8_t)(i + 1);
    return 0;
}

const char *ikd_vendor_name(uint8_t number)
{
    return number >= 1 && number <= VENDOR_COUNT ? vendors[number - 1] : NULL;
}

size_t ikd_vid_catalogue_size(void)
{
    return CATALOGUE_SIZE;
}

const char *ikd_vid_catalogue_prefix(size_t i)
{
    return i < CATALOGUE_SIZE ? catalogue[i].hex : NULL;
}

const char *ikd_vid_kind_name(ikd_vid_kind kind)
{
    switch (kind) {
    case IKD_VID_OTHER: return "other";
    case IKD_VID_DPD: return "DPD";
    case IKD_VID_XAUTH: return "XAUTH";
    case IKD_VID_NAT_T: return "NAT-T";
    case IKD_VID_CISCO_UNITY: return "Cisco Unity";
    case IKD_VID_FRAGMENTATION: return "IKE fragmentation";
    }
    return "?";
}

const char *ikd_vid_text(const ikd_vid_info *info, const uint8_t *data, size_t len, char *out, size_t size)
{
    const char *space = info->detail[0] ? " " : "";
    if (info->vendor && !strcmp(info->vendor, info->name))
        snprintf(out, size, "%s%s%s", info->name, space, info->detail);
    else if (info->vendor && info->detail[0])
        snprintf(out, size, "%s: %s %s", info->vendor, info->name, info->detail);
    else if (info->vendor)
        snprintf(out, size, "%s: %s", info->vendor, info->name);
    else if (info->kind != IKD_VID_OTHER || strcmp(info->name, "unknown"))
        snprintf(out, size, "%s%s%s", info->name, space, info->detail);
    else {
        int n = snprintf(out, size, "unknown ");
        for (size_t i = 0; i < len && i < 16 && n > 0 && (size_t)n + 3 < size; i++)
            n += snprintf(out + n, size - (size_t)n, "%02x", data[i]);
    }
    return out;
}
