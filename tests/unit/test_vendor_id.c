/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/vendor_id: the vendor ID catalogue.
 *
 * The expected IDs below are written from their sources (RFCs, ike-scan's
 * ike-vendor-ids, Wireshark's vendor_id[], libreswan's vendorid.c; MD5 ones
 * re-computed from their strings), not copied from the catalogue, and every
 * catalogue prefix must be exercised by at least one case. Data is always an
 * exact-size heap copy so that a read past the end shows under ASan. */
#include "common/vendor_id.h"

#include <glib.h>
#include <stdint.h>
#include <string.h>

typedef struct {
    const char *hex; /* the whole vendor ID payload data */
    ikd_vid_kind kind;
    const char *vendor; /* NULL: standard / capability */
    const char *name;
    const char *detail;
} vid_case;

#define NS "Juniper NetScreen (ScreenOS)"

static const vid_case cases[] = {
    /* NAT traversal */
    { "4a131c81070358455c5728f20e95452f", IKD_VID_NAT_T, NULL, "NAT-T (RFC 3947)", "" },
    { "90cb80913ebb696e086381b5ec427b1f", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike-02\\n)", "" },
    { "4485152d18b6bbcd0be8a8469579ddcc", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike-00)", "" },
    { "16f6ca16e4a4066d83821a0f0aeaa862", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike-01)", "" },
    { "cd60464335df21f87cfdb2fc68b6a448", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike-02)", "" },
    { "7d9419a65310ca6f2c179d9215529d56", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike-03)", "" },
    { "9909b64eed937c6573de52ace952fa6b", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike-04)", "" },
    { "80d0bb3def54565ee84645d4c85ce3ee", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike-05)", "" },
    { "4d1e0e136deafa34c4f3ea9f02ec7285", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike-06)", "" },
    { "439b59f8ba676c4c7737ae22eab8f582", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike-07)", "" },
    { "8f8d83826d246b6fc7a8a6a428c11de8", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike-08)", "" },
    { "42ea5b6f898d9773a575df26e7dd19e1", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike-09)", "" },
    { "4df37928e9fc4fd1b3262170d515c662", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike, unnumbered)", "" },
    { "27bab5dc01ea0760ea4e3190ac27c0d0", IKD_VID_OTHER, NULL, "NAT traversal (draft-stenberg-ipsec-nat-traversal-01)",
      "" },
    { "6105c422e76847e43f9684801292aecd", IKD_VID_OTHER, NULL, "NAT traversal (draft-stenberg-ipsec-nat-traversal-02)",
      "" },
    { "6a7434c19d7e36348090a02334c9c805", IKD_VID_OTHER, NULL, "NAT traversal (draft-huttunen-ipsec-esp-in-udp-00)",
      "" },
    { "50760f624c63e5c53eea386c685ca083", IKD_VID_OTHER, NULL,
      "NAT traversal (ESPThruNAT, draft-huttunen-ipsec-esp-in-udp-01)", "" },

    /* DPD: the prefix alone, version 1.0 (what everyone sends) and 1.1 */
    { "afcad71368a1f1c96b8696fc7757", IKD_VID_DPD, NULL, "Dead Peer Detection (RFC 3706)", "" },
    { "afcad71368a1f1c96b8696fc77570100", IKD_VID_DPD, NULL, "Dead Peer Detection (RFC 3706)", "1.0" },
    { "afcad71368a1f1c96b8696fc77570101", IKD_VID_DPD, NULL, "Dead Peer Detection (RFC 3706)", "1.1" },
    /* XAUTH: 8-byte and 16-byte */
    { "09002689dfd6b712", IKD_VID_XAUTH, NULL, "XAUTH (draft-ietf-ipsra-isakmp-xauth)", "" },
    { "09002689dfd6b71280a224dec33b81e5", IKD_VID_XAUTH, NULL, "XAUTH (draft-ietf-ipsra-isakmp-xauth)",
      "full 16-byte hash" },
    /* Cisco Unity: prefix, 1.0, 2.3 */
    { "12f5f28c457168a9702d9fe274cc", IKD_VID_CISCO_UNITY, "Cisco", "Cisco Unity", "" },
    { "12f5f28c457168a9702d9fe274cc0100", IKD_VID_CISCO_UNITY, "Cisco", "Cisco Unity", "1.0" },
    { "12f5f28c457168a9702d9fe274cc0203", IKD_VID_CISCO_UNITY, "Cisco", "Cisco Unity", "2.3" },
    /* FRAGMENTATION: bare (Windows), with each capability combination */
    { "4048b7d56ebce88525e7de7f00d6c2d3", IKD_VID_FRAGMENTATION, NULL, "IKE fragmentation (Cisco/Microsoft)", "" },
    { "4048b7d56ebce88525e7de7f00d6c2d380000000", IKD_VID_FRAGMENTATION, NULL, "IKE fragmentation (Cisco/Microsoft)",
      "caps 0x80000000: main/aggressive mode" },
    { "4048b7d56ebce88525e7de7f00d6c2d3c0000000", IKD_VID_FRAGMENTATION, NULL, "IKE fragmentation (Cisco/Microsoft)",
      "caps 0xc0000000: main/aggressive + base mode" },
    { "4048b7d56ebce88525e7de7f00d6c2d340000000", IKD_VID_FRAGMENTATION, NULL, "IKE fragmentation (Cisco/Microsoft)",
      "caps 0x40000000: base mode only" },
    { "4048b7d56ebce88525e7de7f00d6c2d300000000", IKD_VID_FRAGMENTATION, NULL, "IKE fragmentation (Cisco/Microsoft)",
      "caps 0x00000000: none" },
    { "4048b7d56ebce88525e7de7f00d6c2d380000001", IKD_VID_FRAGMENTATION, NULL, "IKE fragmentation (Cisco/Microsoft)",
      "caps 0x80000001: MM/AM + unknown bits" },
    { "4048b7d56ebce88525e7de7f00d6c2d3c0000100", IKD_VID_FRAGMENTATION, NULL, "IKE fragmentation (Cisco/Microsoft)",
      "caps 0xc0000100: MM/AM + base + unknown bits" },
    { "4048b7d56ebce88525e7de7f00d6c2d340000100", IKD_VID_FRAGMENTATION, NULL, "IKE fragmentation (Cisco/Microsoft)",
      "caps 0x40000100: base + unknown bits" },
    { "4048b7d56ebce88525e7de7f00d6c2d300000100", IKD_VID_FRAGMENTATION, NULL, "IKE fragmentation (Cisco/Microsoft)",
      "caps 0x00000100: unknown bits" },
    /* "HeartBeat_Notify" with the trailer ike-scan shows from NetScreens, and the spaced form */
    { "4865617274426561745f4e6f74696679", IKD_VID_OTHER, NULL, "Heartbeat Notify", "" },
    { "4865617274426561745f4e6f74696679386b0100", IKD_VID_OTHER, NULL, "Heartbeat Notify", "386b0100" },
    { "486561727442656174204e6f74696679", IKD_VID_OTHER, NULL, "Heartbeat Notify", "" },

    /* Cisco */
    { "3e984048101e66cc659fd002b0ed3655", IKD_VID_OTHER, "Cisco", "Cisco IOS device", "" },
    { "1f07f70eaa6514d3b0fa96542a50", IKD_VID_OTHER, "Cisco", "Cisco VPN 3000 / ASA (ALTIGA GATEWAY)", "" },
    { "1f07f70eaa6514d3b0fa96542a500100", IKD_VID_OTHER, "Cisco", "Cisco VPN 3000 / ASA (ALTIGA GATEWAY)",
      "version 1.0.0" },
    { "1f07f70eaa6514d3b0fa96542a500300", IKD_VID_OTHER, "Cisco", "Cisco VPN 3000 / ASA (ALTIGA GATEWAY)",
      "version 3.0.0" },
    { "1f07f70eaa6514d3b0fa96542a500305", IKD_VID_OTHER, "Cisco", "Cisco VPN 3000 / ASA (ALTIGA GATEWAY)",
      "version 3.0.5" },
    { "1f07f70eaa6514d3b0fa96542a500407", IKD_VID_OTHER, "Cisco", "Cisco VPN 3000 / ASA (ALTIGA GATEWAY)",
      "version 4.0.7" },
    { "f6f7efc7f5aeb8cb158cb9d094ba69e7", IKD_VID_OTHER, "Cisco", "Cisco VPN 3000 Client (ALTIGA NETWORKS)", "" },
    { "ade1e70e9953c1328373ebf0257b85ed", IKD_VID_OTHER, "Cisco", "Cisco PIX (unclassified)", "" },
    { "bdb41038a7ec5e5534dd004d0f91f927", IKD_VID_OTHER, "Cisco", "Cisco, maybe IOS (unclassified)", "" },
    { "e23ae9f51a46876ff93d89ba725d649d", IKD_VID_OTHER, "Cisco", "Cisco (unclassified)", "" },
    { "5946c258f99a1a57b03eb9d1759e0f24", IKD_VID_OTHER, "Cisco", "Cisco VPN 3000 (unclassified)", "" },
    { "ebbc5b00141d0c895e11bd395902d690", IKD_VID_OTHER, "Cisco", "Cisco VPN 3000 (unclassified)", "" },
    /* "CISCO-DELETE-REASON" */
    { "434953434f2d44454c4554452d524541534f4e", IKD_VID_OTHER, "Cisco", "Cisco delete reason (CISCO-DELETE-REASON)",
      "" },
    /* "CISCO(COPYRIGHT)&Copyright (c) 2009 Cisco Systems, Inc." */
    { "434953434f28434f505952494748542926436f7079726967687420286329203230303920436973636f2053797374656d732c20496e632e",
      IKD_VID_OTHER, "Cisco", "Cisco copyright (CISCO(COPYRIGHT))", "" },
    /* "FLEXVPN-SUPPORTED" */
    { "464c455856504e2d535550504f52544544", IKD_VID_OTHER, "Cisco", "Cisco FlexVPN supported (FLEXVPN-SUPPORTED)", "" },
    /* "CISCO-GRE-MODE" */
    { "434953434f2d4752452d4d4f4445", IKD_VID_OTHER, "Cisco", "Cisco GRE mode (CISCO-GRE-MODE)", "" },
    /* "CISCO-DYNAMIC-ROUTE" */
    { "434953434f2d44594e414d49432d524f555445", IKD_VID_OTHER, "Cisco", "Cisco dynamic route (CISCO-DYNAMIC-ROUTE)",
      "" },
    /* "CISCOVPN-REV-02" */
    { "434953434f56504e2d5245562d3032", IKD_VID_OTHER, "Cisco", "Cisco VPN revision 2 (CISCOVPN-REV-02)", "" },

    /* strongSwan, libreswan, Openswan, FreeS/WAN, KAME */
    { "882fe56d6fd20dbc2251613b2ebe5beb", IKD_VID_OTHER, "strongSwan", "strongSwan", "" },
    /* "OE-Libreswan-" alone, "OE-Libreswan-4.12", "OE-Libreswan-3.32", and a version ending in a NUL */
    { "4f452d4c696272657377616e2d", IKD_VID_OTHER, "libreswan/Openswan", "Libreswan", "" },
    { "4f452d4c696272657377616e2d342e3132", IKD_VID_OTHER, "libreswan/Openswan", "Libreswan", "4.12" },
    { "4f452d4c696272657377616e2d332e3332", IKD_VID_OTHER, "libreswan/Openswan", "Libreswan", "3.32" },
    { "4f452d4c696272657377616e2d352e3000ff", IKD_VID_OTHER, "libreswan/Openswan", "Libreswan", "5.0" },
    /* ike-scan "Libreswan 3.5" (OEN) */
    { "4f454e5f52685050487b645e", IKD_VID_OTHER, "libreswan/Openswan",
      "Libreswan 3.0-3.5 or Openswan/FreeS/WAN (OEN hash)", "" },
    /* ike-scan "Openswan 2.6.42" (OSW) */
    { "4f535751624a50497c705f61", IKD_VID_OTHER, "libreswan/Openswan", "Openswan (OSW hash)", "" },
    /* ike-scan "Openswan 2.2.0" and "Linux FreeS/WAN 1.5.0" (OE) */
    { "4f4548724b6e5e68557c604f", IKD_VID_OTHER, "libreswan/Openswan", "Openswan/FreeS/WAN (OE hash)", "" },
    { "4f455676404f5b55457d5479", IKD_VID_OTHER, "libreswan/Openswan", "Openswan/FreeS/WAN (OE hash)", "" },
    { "7003cbc1097dbe9c2600ba6983bc8b35", IKD_VID_OTHER, "KAME/racoon", "KAME/racoon", "" },
    { "20a3622c1cea7ce37bee3ca484425276", IKD_VID_OTHER, "KAME/racoon", "ipsec-tools racoon", "" },

    /* Microsoft: MS NT5 ISAKMPOAKLEY bare, versions 2-9 and an unknown one */
    { "1e2b516905991c7d7c96fcbfb587e461", IKD_VID_OTHER, "Microsoft", "Windows (MS NT5 ISAKMPOAKLEY)", "" },
    { "1e2b516905991c7d7c96fcbfb587e46100000002", IKD_VID_OTHER, "Microsoft", "Windows 2000",
      "MS NT5 ISAKMPOAKLEY version 2" },
    { "1e2b516905991c7d7c96fcbfb587e46100000003", IKD_VID_OTHER, "Microsoft", "Windows XP SP1",
      "MS NT5 ISAKMPOAKLEY version 3" },
    { "1e2b516905991c7d7c96fcbfb587e46100000004", IKD_VID_OTHER, "Microsoft", "Windows Server 2003 / XP SP2",
      "MS NT5 ISAKMPOAKLEY version 4" },
    { "1e2b516905991c7d7c96fcbfb587e46100000005", IKD_VID_OTHER, "Microsoft", "Windows Vista",
      "MS NT5 ISAKMPOAKLEY version 5" },
    { "1e2b516905991c7d7c96fcbfb587e46100000006", IKD_VID_OTHER, "Microsoft", "Windows Server 2008",
      "MS NT5 ISAKMPOAKLEY version 6" },
    { "1e2b516905991c7d7c96fcbfb587e46100000007", IKD_VID_OTHER, "Microsoft", "Windows 7",
      "MS NT5 ISAKMPOAKLEY version 7" },
    { "1e2b516905991c7d7c96fcbfb587e46100000008", IKD_VID_OTHER, "Microsoft", "Windows Server 2008 R2",
      "MS NT5 ISAKMPOAKLEY version 8" },
    { "1e2b516905991c7d7c96fcbfb587e46100000009", IKD_VID_OTHER, "Microsoft",
      "Windows 8 / 8.1 / 10 / Server 2012 R2 / 2016", "MS NT5 ISAKMPOAKLEY version 9" },
    { "1e2b516905991c7d7c96fcbfb587e46100000010", IKD_VID_OTHER, "Microsoft", "Windows (MS NT5 ISAKMPOAKLEY)",
      "MS NT5 ISAKMPOAKLEY version 16" },
    { "01528bbbc00696121849ab9a1c5b2a51", IKD_VID_OTHER, "Microsoft", "Windows KEY_MODS", "" },
    { "01528bbbc00696121849ab9a1c5b2a5100000000", IKD_VID_OTHER, "Microsoft", "Windows KEY_MODS", "IKE" },
    { "01528bbbc00696121849ab9a1c5b2a5100000001", IKD_VID_OTHER, "Microsoft", "Windows KEY_MODS", "AuthIP" },
    { "01528bbbc00696121849ab9a1c5b2a5100000002", IKD_VID_OTHER, "Microsoft", "Windows KEY_MODS", "IKEv2" },
    { "01528bbbc00696121849ab9a1c5b2a5100000007", IKD_VID_OTHER, "Microsoft", "Windows KEY_MODS", "protocol 7" },
    { "7bb93867d76c8d80df0f40fae8fc3b1900000000", IKD_VID_OTHER, "Microsoft", "Windows AuthIP initiator KE",
      "DH none" },
    { "7bb93867d76c8d80df0f40fae8fc3b1900000003", IKD_VID_OTHER, "Microsoft", "Windows AuthIP initiator KE",
      "DH group 14" },
    { "7bb93867d76c8d80df0f40fae8fc3b1900000009", IKD_VID_OTHER, "Microsoft", "Windows AuthIP initiator KE",
      "value 9" },
    { "fb1de3cdf341b7ea16b7e5be0855f120", IKD_VID_OTHER, "Microsoft", "MS-Negotiation Discovery Capable", "" },
    { "e3a5966a76379fe707228231e5ce8652", IKD_VID_OTHER, "Microsoft", "IKE CGA version 1", "" },
    { "214ca4faffa7f32d6748e5303395ae83", IKD_VID_OTHER, "Microsoft", "MS-MamieExists (AuthIP supported)", "" },
    { "26244d38eddb61b3172a36e3d0cfb819", IKD_VID_OTHER, "Microsoft", "Vid-Initial-Contact", "" },
    { "72872b95fcda2eb708efe322119b4971", IKD_VID_OTHER, "Microsoft", "NLBS_PRESENT (NLB/MSCS fast failover)", "" },
    { "ad2c0dd0b9c32083ccba25b8861ec455", IKD_VID_OTHER, "Microsoft", "GSS-API authentication", "" },
    { "b46d8914f3aaa3f2fedeb7c7db2943ca", IKD_VID_OTHER, "Microsoft", "GSS-API authentication (\\n variant)", "" },
    { "621b04bb09882ac1e15935fefa24aeee", IKD_VID_OTHER, "Microsoft", "GSSAPI", "" },

    /* Juniper NetScreen: the ike-scan prefixes, and whole IDs from its examples */
    { "299ee8289f40a8973bc78687e2e7226b532c3b76", IKD_VID_OTHER, "Juniper", NS, "Netscreen-01" },
    { "299ee8289f40a8973bc78687e2e7226b532c3b760000000900000500", IKD_VID_OTHER, "Juniper", NS,
      "Netscreen-01, data 00000009 00000500" },
    { "3a15e1f3cf2a63582e3ac82d1c64cbe3b6d779e7", IKD_VID_OTHER, "Juniper", NS, "Netscreen-02" },
    { "47d2b126bfcd83489760e2cf8c5d4d5a03497c15", IKD_VID_OTHER, "Juniper", NS, "Netscreen-03" },
    { "4a4340b543e02b84c88a8b96a8af9ebe77d9accc0000000b00000500", IKD_VID_OTHER, "Juniper", NS,
      "Netscreen-04, data 0000000b 00000500" },
    { "64405f46f03b7660a23be116a1975058e69e83870000000400000403", IKD_VID_OTHER, "Juniper", NS,
      "Netscreen-05, data 00000004 00000403" },
    { "699369228741c6d4ca094c93e242c9de19e7b7c6", IKD_VID_OTHER, "Juniper", NS, "Netscreen-06" },
    { "8c0dc6cf62a0ef1b5c6eabd1b67ba69866adf16a", IKD_VID_OTHER, "Juniper", NS, "Netscreen-07" },
    { "92d27a9ecb31d99246986d3453d0c3d57a222a61", IKD_VID_OTHER, "Juniper", NS, "Netscreen-08" },
    { "9b096d9ac3275a7d6fe8b91c583111b09efed1a0", IKD_VID_OTHER, "Juniper", NS, "Netscreen-09" },
    { "bf03746108d746c904f1f3547de24f78479fed12", IKD_VID_OTHER, "Juniper", NS, "Netscreen-10" },
    { "c2e80500f4cc5fbf5daaeed3bb59abaeee56c652", IKD_VID_OTHER, "Juniper", NS, "Netscreen-11" },
    { "c8660a62b03b1b6130bf781608d32a6a8d0fb89f", IKD_VID_OTHER, "Juniper", NS, "Netscreen-12" },
    { "f885da40b1e7a9abd17655ec5bbec0f21f0ed52e", IKD_VID_OTHER, "Juniper", NS, "Netscreen-13" },
    { "2a2bcac19b8e91b426107807e02e7249569d6fd30000000b0000050a", IKD_VID_OTHER, "Juniper", NS,
      "Netscreen-14, data 0000000b 0000050a" },
    /* Arkime labels this one "strongswan" */
    { "166f932d55eb64d8e4df4fd37e2313f0d0fd84510000000000000000", IKD_VID_OTHER, "Juniper", NS,
      "Netscreen-15, data 00000000 00000000" },
    { "a35bfd05ca1ac0b3d2f24e9e82bfcbff9c9e52b50000000b00000514", IKD_VID_OTHER, "Juniper", NS,
      "Netscreen-16, data 0000000b 00000514" },
    { "9436e8d67174ef9aed068d5ad5213f187a3f8ba6", IKD_VID_OTHER, "Juniper", NS, "Netscreen-16" },

    /* Fortinet */
    { "8299031757a36082c6a621de", IKD_VID_OTHER, "Fortinet", "FortiGate", "" },
    { "8299031757a36082c6a621de00000000", IKD_VID_OTHER, "Fortinet", "FortiGate", "release 0, build 0" },
    { "8299031757a36082c6a621de000604b0", IKD_VID_OTHER, "Fortinet", "FortiGate", "release 6, build 1200" },
    { "1d6e178f6c2c0be284985465450fe9d4", IKD_VID_OTHER, "Fortinet", "FortiGate", "" },
    { "b4f01ca951e9da8d0bafbbd34ad3044e", IKD_VID_OTHER, "Fortinet", "FortiClient endpoint control", "" },
    { "4c53427b6d465d1b337bb755a37a7fef", IKD_VID_OTHER, "Fortinet", "FortiClient connect license", "" },

    /* Check Point: prefix, and product/version words as in ike-scan's table */
    { "f4ed19e0c114eb516faaac0ee37daf2807b4381f", IKD_VID_OTHER, "Check Point", "Check Point", "" },
    { "f4ed19e0c114eb516faaac0ee37daf2807b4381f00000001000000020000000000000000", IKD_VID_OTHER, "Check Point",
      "Check Point", "Firewall-1 4.1" },
    { "f4ed19e0c114eb516faaac0ee37daf2807b4381f0000000100000fa2000000000000000000000000", IKD_VID_OTHER,
      "Check Point", "Check Point", "Firewall-1 4.1 SP2-SP6" },
    { "f4ed19e0c114eb516faaac0ee37daf2807b4381f000000010000138b0000000000000000", IKD_VID_OTHER, "Check Point",
      "Check Point", "Firewall-1 NG FP3" },
    { "f4ed19e0c114eb516faaac0ee37daf2807b4381f000000010000138d0000000000000000", IKD_VID_OTHER, "Check Point",
      "Check Point", "Firewall-1 NG AI R55" },
    { "f4ed19e0c114eb516faaac0ee37daf2807b4381f000000010000138d4a1b2c3d00000000", IKD_VID_OTHER, "Check Point",
      "Check Point", "Firewall-1 NGX or later" },
    { "f4ed19e0c114eb516faaac0ee37daf2807b4381f000000020000138a", IKD_VID_OTHER, "Check Point", "Check Point",
      "SecuRemote/SecureClient NG FP2" },
    { "f4ed19e0c114eb516faaac0ee37daf2807b4381f0000000100001400", IKD_VID_OTHER, "Check Point", "Check Point",
      "product 1, version 5120" },

    /* SonicWall */
    { "404bf439522ca3f6", IKD_VID_OTHER, "SonicWall", "SonicWall", "" },
    { "da8e937880010000", IKD_VID_OTHER, "SonicWall", "SonicWall (also SafeNet/WatchGuard clients)", "" },
    { "5b362bc820f60001", IKD_VID_OTHER, "SonicWall", "SonicWall", "variant 1" },
    { "5b362bc820f60008", IKD_VID_OTHER, "SonicWall", "SonicWall", "variant 8" },
    { "5b362bc820f70001", IKD_VID_OTHER, "SonicWall", "SonicWall", "" },
};

/* --- helpers ---------------------------------------------------------------- */

/* An exact-size heap copy of the bytes a hex string spells (NULL for ""). */
static uint8_t *from_hex(const char *hex, size_t *len)
{
    size_t n = strlen(hex);
    g_assert_cmpuint(n % 2, ==, 0);
    *len = n / 2;
    if (!*len)
        return NULL;
    uint8_t *b = g_malloc(*len);
    for (size_t i = 0; i < *len; i++) {
        int hi = g_ascii_xdigit_value(hex[2 * i]), lo = g_ascii_xdigit_value(hex[2 * i + 1]);
        g_assert_cmpint(hi, >=, 0);
        g_assert_cmpint(lo, >=, 0);
        b[i] = (uint8_t)(hi << 4 | lo);
    }
    return b;
}

static void assert_case(const char *hex, ikd_vid_kind kind, const char *vendor, const char *name, const char *detail)
{
    size_t len;
    uint8_t *b = from_hex(hex, &len);
    ikd_vid_info info;
    memset(&info, 0x55, sizeof info);
    g_test_message("%s", hex);
    g_assert_true(ikd_vid_identify(b, len, &info));
    g_assert_cmpint(info.kind, ==, kind);
    g_assert_cmpstr(info.vendor, ==, vendor);
    g_assert_cmpstr(info.name, ==, name);
    g_assert_cmpstr(info.detail, ==, detail);
    g_assert_cmpint(ikd_vid_classify(b, len), ==, kind);
    /* What an SA keeps of the vendor: its number, which gives the name back. */
    uint8_t number = ikd_vendor_number(info.vendor);
    g_assert_cmpstr(ikd_vendor_name(number), ==, vendor);
    g_assert_true(vendor ? number > 0 : number == 0);
    g_free(b);
}

static void assert_unknown(const uint8_t *b, size_t len)
{
    ikd_vid_info info;
    memset(&info, 0x55, sizeof info);
    g_assert_false(ikd_vid_identify(b, len, &info));
    g_assert_cmpint(info.kind, ==, IKD_VID_OTHER);
    g_assert_null(info.vendor);
    g_assert_cmpstr(info.name, ==, "unknown");
    g_assert_cmpstr(info.detail, ==, "");
    g_assert_cmpint(ikd_vid_classify(b, len), ==, IKD_VID_OTHER);
}

static void assert_unknown_hex(const char *hex)
{
    size_t len;
    uint8_t *b = from_hex(hex, &len);
    g_test_message("%s", hex);
    assert_unknown(b, len);
    g_free(b);
}

/* --- the catalogue ------------------------------------------------------------ */

static void test_catalogue_cases(void)
{
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++)
        assert_case(cases[i].hex, cases[i].kind, cases[i].vendor, cases[i].name, cases[i].detail);
}

/* Every catalogue entry is exercised by a case that starts with its prefix,
 * and the prefixes are well-formed lower-case hex. */
static void test_catalogue_covered(void)
{
    size_t n = ikd_vid_catalogue_size();
    g_assert_cmpuint(n, ==, 82);
    g_assert_null(ikd_vid_catalogue_prefix(n));
    for (size_t i = 0; i < n; i++) {
        const char *prefix = ikd_vid_catalogue_prefix(i);
        bool covered = false;
        g_assert_nonnull(prefix);
        g_assert_cmpuint(strlen(prefix) % 2, ==, 0);
        g_assert_cmpuint(strlen(prefix), >=, 4);
        for (const char *c = prefix; *c; c++)
            g_assert_true(g_ascii_isdigit(*c) || (*c >= 'a' && *c <= 'f'));
        for (size_t j = 0; j < G_N_ELEMENTS(cases) && !covered; j++)
            covered = g_str_has_prefix(cases[j].hex, prefix);
        if (!covered)
            g_test_message("catalogue entry %zu (%s) has no test case", i, prefix);
        g_assert_true(covered);
    }
}

/* Longer data than an entry: still that entry (prefix matching), with the
 * decoded part read from the bytes right after the prefix. */
static void test_prefix_matching(void)
{
    /* plain MD5 IDs followed by junk */
    assert_case("4a131c81070358455c5728f20e95452fdeadbeef", IKD_VID_NAT_T, NULL, "NAT-T (RFC 3947)", "");
    assert_case("882fe56d6fd20dbc2251613b2ebe5beb00", IKD_VID_OTHER, "strongSwan", "strongSwan", "");
    assert_case("09002689dfd6b712ffff", IKD_VID_XAUTH, NULL, "XAUTH (draft-ietf-ipsra-isakmp-xauth)", "");
    /* versioned IDs with extra bytes after the version */
    assert_case("afcad71368a1f1c96b8696fc7757010000", IKD_VID_DPD, NULL, "Dead Peer Detection (RFC 3706)", "1.0");
    assert_case("12f5f28c457168a9702d9fe274cc01000102", IKD_VID_CISCO_UNITY, "Cisco", "Cisco Unity", "1.0");
    assert_case("4048b7d56ebce88525e7de7f00d6c2d380000000ff", IKD_VID_FRAGMENTATION, NULL,
                "IKE fragmentation (Cisco/Microsoft)", "caps 0x80000000: main/aggressive mode");
    assert_case("1e2b516905991c7d7c96fcbfb587e4610000000700", IKD_VID_OTHER, "Microsoft", "Windows 7",
                "MS NT5 ISAKMPOAKLEY version 7");
    /* a version byte short: the prefix matches, nothing is decoded */
    assert_case("afcad71368a1f1c96b8696fc775701", IKD_VID_DPD, NULL, "Dead Peer Detection (RFC 3706)", "");
    assert_case("4048b7d56ebce88525e7de7f00d6c2d3800000", IKD_VID_FRAGMENTATION, NULL,
                "IKE fragmentation (Cisco/Microsoft)", "");
    assert_case("1e2b516905991c7d7c96fcbfb587e461000000", IKD_VID_OTHER, "Microsoft", "Windows (MS NT5 ISAKMPOAKLEY)",
                "");
    assert_case("8299031757a36082c6a621de0006", IKD_VID_OTHER, "Fortinet", "FortiGate", "");
    assert_case("f4ed19e0c114eb516faaac0ee37daf2807b4381f00000001", IKD_VID_OTHER, "Check Point", "Check Point", "");
    assert_case("699369228741c6d4ca094c93e242c9de19e7b7c600000005", IKD_VID_OTHER, "Juniper", NS, "Netscreen-06");
    /* a long libreswan version (60 characters) is cut to fit the detail buffer (47) */
    assert_case("4f452d4c696272657377616e2d"
                "313233343536373839303132333435363738393031323334353637383930"
                "313233343536373839303132333435363738393031323334353637383930",
                IKD_VID_OTHER, "libreswan/Openswan", "Libreswan", "12345678901234567890123456789012345678901234567");
    /* a long heartbeat trailer likewise (23 bytes shown, 46 hex digits) */
    assert_case("4865617274426561745f4e6f74696679"
                "000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f",
                IKD_VID_OTHER, NULL, "Heartbeat Notify", "000102030405060708090a0b0c0d0e0f10111213141516");
}

/* Entries with an exact length, and the OE hash alphabet (0x40..0x7f). */
static void test_exact_length_entries(void)
{
    /* Cisco IOS: 16 bytes only */
    assert_unknown_hex("3e984048101e66cc659fd002b0ed36");
    assert_unknown_hex("3e984048101e66cc659fd002b0ed365500");
    assert_unknown_hex("3e984048");
    /* OE hashes: 12 bytes only, each hash byte within 0x40..0x7f */
    assert_unknown_hex("4f4548724b6e5e68557c60");
    assert_unknown_hex("4f4548724b6e5e68557c604f4f");
    assert_unknown_hex("4f4548724b6e5e68557c6080");
    assert_unknown_hex("4f4548724b6e5e68557c603f");
    assert_unknown_hex("4f535751624a50497c705f01");
    /* an "OEN" VID with a byte out of the alphabet is not an OE hash either */
    assert_unknown_hex("4f454e5f52685050487b6400");
    /* "OE-" is not an OE hash (0x2d) and not libreswan without "Libreswan-" */
    assert_unknown_hex("4f452d4c6962726573776100");
}

static void test_too_short(void)
{
    assert_unknown_hex("afcad71368a1f1c96b8696fc77");     /* DPD minus one byte of its prefix */
    assert_unknown_hex("09002689dfd6b7");                 /* XAUTH minus one */
    assert_unknown_hex("12f5f28c457168a9702d9fe274");     /* Unity minus one */
    assert_unknown_hex("4048b7d56ebce88525e7de7f00d6c2"); /* FRAGMENTATION minus one */
    assert_unknown_hex("4a131c81070358455c5728f20e9545"); /* RFC 3947 minus one */
    assert_unknown_hex("299ee8289f40a8973bc78687e2e7226b532c3b"); /* NetScreen minus one */
    assert_unknown_hex("4f452d4c696272657377616e");       /* "OE-Libreswan" without the dash */
    assert_unknown_hex("5b362bc820f6");
    assert_unknown_hex("4f");
    assert_unknown_hex("00");
}

static void test_empty(void)
{
    static const uint8_t one = 0xaf;
    ikd_vid_info info;
    assert_unknown(NULL, 0);
    assert_unknown(&one, 0); /* a pointer but no bytes */
    /* NULL data with a length is treated as nothing */
    g_assert_false(ikd_vid_identify(NULL, 16, &info));
    g_assert_cmpstr(info.name, ==, "unknown");
    g_assert_cmpint(ikd_vid_classify(NULL, 16), ==, IKD_VID_OTHER);
    /* info may be NULL */
    {
        size_t len;
        uint8_t *b = from_hex("afcad71368a1f1c96b8696fc77570100", &len);
        g_assert_true(ikd_vid_identify(b, len, NULL));
        g_free(b);
    }
    g_assert_false(ikd_vid_identify(NULL, 0, NULL));
}

/* Random 16-byte IDs are unknown: a fixed one, then many from a seeded
 * generator (deterministic). */
static void test_unknown_random(void)
{
    assert_unknown_hex("5c1e9a0b7d2f43e8a6b1c09d3e7f2a64");
    assert_unknown_hex("a9b9b1034f7e50a2513b47b100bb85a9"); /* real, from arkime/IKEv1.pcap: unidentified */
    assert_unknown_hex("9df426e3fa4cd8085fa586643f46fdc8"); /* real, from wireshark-wiki/test1.pcap */
    GRand *r = g_rand_new_with_seed(20260806);
    for (int i = 0; i < 20000; i++) {
        uint8_t *b = g_malloc(16);
        for (int j = 0; j < 16; j++)
            b[j] = (uint8_t)g_rand_int_range(r, 0, 256);
        assert_unknown(b, 16);
        g_free(b);
    }
    g_rand_free(r);
}

/* ikd_vid_classify answers as it did before the catalogue existed, for the
 * IDs it knew: DPD (14-byte prefix), XAUTH (8), Unity (14), FRAGMENTATION
 * (16) and the six NAT-T IDs. */
static void test_classify_unchanged(void)
{
    static const struct {
        const char *hex;
        ikd_vid_kind kind;
    } old[] = {
        { "afcad71368a1f1c96b8696fc7757", IKD_VID_DPD },
        { "afcad71368a1f1c96b8696fc77570100", IKD_VID_DPD },
        { "afcad71368a1f1c96b8696fc7757ffff", IKD_VID_DPD },
        { "09002689dfd6b712", IKD_VID_XAUTH },
        { "09002689dfd6b71280a224dec33b81e5", IKD_VID_XAUTH },
        { "12f5f28c457168a9702d9fe274cc", IKD_VID_CISCO_UNITY },
        { "12f5f28c457168a9702d9fe274cc0100", IKD_VID_CISCO_UNITY },
        { "4048b7d56ebce88525e7de7f00d6c2d3", IKD_VID_FRAGMENTATION },
        { "4048b7d56ebce88525e7de7f00d6c2d380000000", IKD_VID_FRAGMENTATION },
        { "4048b7d56ebce88525e7de7f00d6c2d3c0000000", IKD_VID_FRAGMENTATION },
        { "4a131c81070358455c5728f20e95452f", IKD_VID_NAT_T },
        { "90cb80913ebb696e086381b5ec427b1f", IKD_VID_NAT_T },
        { "cd60464335df21f87cfdb2fc68b6a448", IKD_VID_NAT_T },
        { "7d9419a65310ca6f2c179d9215529d56", IKD_VID_NAT_T },
        { "439b59f8ba676c4c7737ae22eab8f582", IKD_VID_NAT_T },
        { "4df37928e9fc4fd1b3262170d515c662", IKD_VID_NAT_T },
        /* and everything else stays OTHER */
        { "882fe56d6fd20dbc2251613b2ebe5beb", IKD_VID_OTHER },
        { "1e2b516905991c7d7c96fcbfb587e46100000009", IKD_VID_OTHER },
        { "27bab5dc01ea0760ea4e3190ac27c0d0", IKD_VID_OTHER },
        { "afcad71368a1f1c96b8696fc77", IKD_VID_OTHER },
        { "5c1e9a0b7d2f43e8a6b1c09d3e7f2a64", IKD_VID_OTHER },
    };
    for (size_t i = 0; i < G_N_ELEMENTS(old); i++) {
        size_t len;
        uint8_t *b = from_hex(old[i].hex, &len);
        g_test_message("%s", old[i].hex);
        g_assert_cmpint(ikd_vid_classify(b, len), ==, old[i].kind);
        g_free(b);
    }
}

static void test_kind_names(void)
{
    g_assert_cmpstr(ikd_vid_kind_name(IKD_VID_OTHER), ==, "other");
    g_assert_cmpstr(ikd_vid_kind_name(IKD_VID_DPD), ==, "DPD");
    g_assert_cmpstr(ikd_vid_kind_name(IKD_VID_XAUTH), ==, "XAUTH");
    g_assert_cmpstr(ikd_vid_kind_name(IKD_VID_NAT_T), ==, "NAT-T");
    g_assert_cmpstr(ikd_vid_kind_name(IKD_VID_CISCO_UNITY), ==, "Cisco Unity");
    g_assert_cmpstr(ikd_vid_kind_name(IKD_VID_FRAGMENTATION), ==, "IKE fragmentation");
    g_assert_cmpstr(ikd_vid_kind_name((ikd_vid_kind)99), ==, "?");
}

/* --- real captures -------------------------------------------------------------
 * Vendor IDs as tshark prints them (-T fields -e isakmp.vid_bytes); nothing is
 * read from disk. */

/* captures/public/zeek-spicy-ipsec/ipsec.cap frame 1 (192.168.140.205, a
 * strongSwan initiator), in payload order. */
static void test_capture_zeek_ipsec(void)
{
    assert_case("882fe56d6fd20dbc2251613b2ebe5beb", IKD_VID_OTHER, "strongSwan", "strongSwan", "");
    assert_case("12f5f28c457168a9702d9fe274cc0100", IKD_VID_CISCO_UNITY, "Cisco", "Cisco Unity", "1.0");
    assert_case("09002689dfd6b712", IKD_VID_XAUTH, NULL, "XAUTH (draft-ietf-ipsra-isakmp-xauth)", "");
    assert_case("afcad71368a1f1c96b8696fc77570100", IKD_VID_DPD, NULL, "Dead Peer Detection (RFC 3706)", "1.0");
    assert_case("4a131c81070358455c5728f20e95452f", IKD_VID_NAT_T, NULL, "NAT-T (RFC 3947)", "");
    assert_case("7d9419a65310ca6f2c179d9215529d56", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike-03)", "");
    assert_case("cd60464335df21f87cfdb2fc68b6a448", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike-02)", "");
    assert_case("90cb80913ebb696e086381b5ec427b1f", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike-02\\n)",
                "");
    assert_case("4485152d18b6bbcd0be8a8469579ddcc", IKD_VID_NAT_T, NULL, "NAT-T (draft-ietf-ipsec-nat-t-ike-00)", "");
}

/* Other public captures: Cisco's FRAGMENTATION capabilities, a FortiGate,
 * a Windows client, a NetScreen and Openswan's OE hash. */
static void test_capture_others(void)
{
    /* wireshark-wiki/test1.pcap frames 19 and 20 */
    assert_case("4048b7d56ebce88525e7de7f00d6c2d380000000", IKD_VID_FRAGMENTATION, NULL,
                "IKE fragmentation (Cisco/Microsoft)", "caps 0x80000000: main/aggressive mode");
    assert_case("4048b7d56ebce88525e7de7f00d6c2d3c0000000", IKD_VID_FRAGMENTATION, NULL,
                "IKE fragmentation (Cisco/Microsoft)", "caps 0xc0000000: main/aggressive + base mode");
    /* arkime/IKEv1.pcap frame 2 */
    assert_case("8299031757a36082c6a621de00000000", IKD_VID_OTHER, "Fortinet", "FortiGate", "release 0, build 0");
    /* zeek-spicy-ipsec/ipsec_client.pcap frame 1 */
    assert_case("1e2b516905991c7d7c96fcbfb587e46100000009", IKD_VID_OTHER, "Microsoft",
                "Windows 8 / 8.1 / 10 / Server 2012 R2 / 2016", "MS NT5 ISAKMPOAKLEY version 9");
    assert_case("01528bbbc00696121849ab9a1c5b2a5100000002", IKD_VID_OTHER, "Microsoft", "Windows KEY_MODS", "IKEv2");
    assert_case("26244d38eddb61b3172a36e3d0cfb819", IKD_VID_OTHER, "Microsoft", "Vid-Initial-Contact", "");
    /* wireshark-test/ikev1-certs.pcap frames 1 and 2 */
    assert_case("699369228741c6d4ca094c93e242c9de19e7b7c60000000500000500", IKD_VID_OTHER, "Juniper", NS,
                "Netscreen-06, data 00000005 00000500");
    assert_case("4f4568794c64414365636661", IKD_VID_OTHER, "libreswan/Openswan", "Openswan/FreeS/WAN (OE hash)", "");
    /* tcpdump/isakmp4500.pcap frame 3 */
    assert_case("4f456b5262475852766d5045", IKD_VID_OTHER, "libreswan/Openswan", "Openswan/FreeS/WAN (OE hash)", "");
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/vendor_id/catalogue/cases", test_catalogue_cases);
    g_test_add_func("/vendor_id/catalogue/covered", test_catalogue_covered);
    g_test_add_func("/vendor_id/prefix_matching", test_prefix_matching);
    g_test_add_func("/vendor_id/exact_length", test_exact_length_entries);
    g_test_add_func("/vendor_id/too_short", test_too_short);
    g_test_add_func("/vendor_id/empty", test_empty);
    g_test_add_func("/vendor_id/unknown_random", test_unknown_random);
    g_test_add_func("/vendor_id/classify_unchanged", test_classify_unchanged);
    g_test_add_func("/vendor_id/kind_names", test_kind_names);
    g_test_add_func("/vendor_id/capture/zeek_ipsec", test_capture_zeek_ipsec);
    g_test_add_func("/vendor_id/capture/others", test_capture_others);
    return g_test_run();
}
