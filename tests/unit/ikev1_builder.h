/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - a byte-vector builder for ISAKMP messages, and canned
 * valid messages modelled on real captures.
 *
 * Raw helpers append to any GByteArray. An ikb_msg is a header followed by a
 * chain of top-level payloads; ikb_finish() fills in the header length, the
 * header's next-payload field and every payload's next-payload field, so a
 * test only ever states what it wants to be different.
 */
#ifndef IKEDIAG_TEST_IKEV1_BUILDER_H
#define IKEDIAG_TEST_IKEV1_BUILDER_H

#include "common/sa.h" /* ikd_address */

#include <glib.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* --- Packets for record keeping ------------------------------------------ */
/* A UDP packet with only a frame, a time and its bytes' hash (set by hand):
 * what step records and the duplicate window read, no bytes needed. */
ikd_packet ikb_packet_at(uint32_t frame, double time, uint64_t hash);

/* --- Raw appends and patches (big-endian) ------------------------------- */
void ikb_u8(GByteArray *b, uint8_t v);
void ikb_u16(GByteArray *b, uint16_t v);
void ikb_u32(GByteArray *b, uint32_t v);
void ikb_bytes(GByteArray *b, const void *p, size_t n);
void ikb_fill(GByteArray *b, uint8_t v, size_t n);
void ikb_set_u8(GByteArray *b, size_t offset, uint8_t v);
void ikb_set_u16(GByteArray *b, size_t offset, uint16_t v);
void ikb_set_u32(GByteArray *b, size_t offset, uint32_t v);
uint16_t ikb_get_u16(const GByteArray *b, size_t offset);

/* The 28-byte ISAKMP header. */
void ikb_header(GByteArray *b, const uint8_t icookie[8], const uint8_t rcookie[8], uint8_t next_payload,
                uint8_t version, uint8_t exchange, uint8_t flags, uint32_t message_id, uint32_t length);
/* A generic payload header (next, reserved, length) and its body; the length
 * is computed. Returns the offset of the header. */
size_t ikb_generic(GByteArray *b, uint8_t next, uint8_t reserved, const void *body, size_t body_len);

/* --- SA payload contents --------------------------------------------------- */
typedef struct {
    uint16_t type;   /* without the AF bit */
    uint32_t value;
    uint8_t tlv_len; /* 0: TV (AF bit set, 16-bit value); else TLV, value in this many bytes (1..4) */
} ikb_attr;

typedef struct {
    uint8_t number;
    uint8_t id;
    const ikb_attr *attrs;
    size_t n_attrs;
    const uint8_t *extra; /* raw bytes after the attributes (malformations) */
    size_t extra_len;
} ikb_transform;

typedef struct {
    uint8_t number;
    uint8_t protocol;
    uint8_t spi_size;
    const uint8_t *spi; /* spi_size bytes, or NULL for 0x11 0x22 ... */
    const ikb_transform *transforms;
    size_t n_transforms;
    const uint8_t *extra; /* raw bytes after the last transform */
    size_t extra_len;
} ikb_proposal;

typedef struct {
    uint32_t doi;
    uint32_t situation;
    const ikb_proposal *proposals;
    size_t n_proposals;
} ikb_sa;

/* Appends TV/TLV data attributes. */
void ikb_attrs(GByteArray *b, const ikb_attr *attrs, size_t n);
/* Appends an SA payload body: DOI, situation, the proposal/transform chain
 * with correct lengths, next fields and transform counts. */
void ikb_sa_body(GByteArray *b, const ikb_sa *sa);

/* --- Messages ---------------------------------------------------------------- */
enum { IKB_MAX_PAYLOADS = 64 };

typedef struct {
    GByteArray *bytes;
    size_t count;                    /* top-level payloads */
    size_t offset[IKB_MAX_PAYLOADS]; /* of each payload's generic header */
    uint8_t type[IKB_MAX_PAYLOADS];
} ikb_msg;

/* A header (version 1.0) with the given fields; ikb_finish sets the rest. */
ikb_msg *ikb_msg_new(const uint8_t icookie[8], const uint8_t rcookie[8], uint8_t exchange, uint8_t flags,
                     uint32_t message_id);
void ikb_msg_free(ikb_msg *m);
/* Adds a top-level payload; returns its index. */
size_t ikb_add(ikb_msg *m, uint8_t type, const void *body, size_t body_len);
size_t ikb_add_sa(ikb_msg *m, const ikb_sa *sa);
/* Adds bytes that are not a payload (an encrypted body). */
void ikb_add_raw(ikb_msg *m, const void *p, size_t n);
/* Patches the header length, the header's next payload (when the message has
 * payloads) and each payload's next payload. Safe to call again after edits. */
void ikb_finish(ikb_msg *m);
/* Grows (filling with fill) or shrinks the body of payload index, keeping its
 * length field, the later payloads' offsets and the header length right. */
void ikb_resize_body(ikb_msg *m, size_t index, size_t new_body_len, uint8_t fill);
size_t ikb_body_len(const ikb_msg *m, size_t index);

/* --- Values used by the canned messages -------------------------------------- */
extern const uint8_t ikb_icookie[8];
extern const uint8_t ikb_rcookie[8];
extern const uint8_t ikb_zero_cookie[8];

/* The MM1 offer: transform 1 AES-CBC/128, SHA, PSK, group 14, 86400 s;
 * transform 2 3DES, SHA, PSK, group 14, 86400 s. */
extern const ikb_transform ikb_mm1_transforms[2];
/* The quick-mode ESP transform: ESP_AES/128, HMAC-SHA, UDP tunnel, 3600 s. */
extern const ikb_transform ikb_esp_transform;

/* MM1 layout (SA around the given proposals, then the RFC 3947 NAT-T VID). */
ikb_msg *ikb_mm1_with(const ikb_proposal *proposals, size_t n);
/* The clear quick-mode layout of ikb_canned_natoa() around the given proposals. */
ikb_msg *ikb_qm_clear_with(const ikb_proposal *proposals, size_t n);

/* --- Canned valid messages (each must give zero findings) ----------------- */
ikb_msg *ikb_canned_mm1(void);          /* SA (1 ISAKMP proposal, 2 transforms) + NAT-T VID, rcookie 0 */
ikb_msg *ikb_canned_mm2(void);          /* SA (1 transform chosen) + NAT-T VID, rcookie set */
ikb_msg *ikb_canned_mm3(void);          /* KE 256, Nonce 32, NAT-D x2 (20 bytes each) */
ikb_msg *ikb_canned_mm5(void);          /* E flag, 64-byte encrypted body */
ikb_msg *ikb_canned_qm1(void);          /* Quick Mode, E flag, msgid set, 160-byte body */
ikb_msg *ikb_canned_am1(void);          /* Aggressive: SA (1 transform), KE, Nonce, ID_IPV4_ADDR, rcookie 0 */
ikb_msg *ikb_canned_am2(void);          /* Aggressive: SA, KE, Nonce, ID, HASH, rcookie set */
ikb_msg *ikb_canned_info_nopc(void);    /* clear Informational: Notify NO-PROPOSAL-CHOSEN, msgid 0, rcookie 0 */
ikb_msg *ikb_canned_delete(void);       /* clear Informational: Delete ISAKMP SA (16-byte SPI) */
ikb_msg *ikb_canned_natoa(void);        /* clear Quick Mode: HASH, SA (ESP), Nonce, NAT-OAi, NAT-OAr */
ikb_msg *ikb_canned_modecfg(void);      /* clear Transaction: HASH, ATTR CFG_REQUEST */
ikb_msg *ikb_canned_ikev2(void);        /* IKEv2 IKE_SA_INIT: SA, KE, Nonce */

/* --- Messages for engine scenarios ---------------------------------------------
 * Each returns a finished message that gives zero reader findings. */

/* Rewrites the cookies in the header (payload contents are left alone); returns m. */
ikb_msg *ikb_with_cookies(ikb_msg *m, const uint8_t icookie[8], const uint8_t rcookie[8]);
/* An encrypted message: E flag, `first_payload` as the header's next payload,
 * body_len bytes of ciphertext (keep it a multiple of 8) from a seeded pattern. */
ikb_msg *ikb_encrypted(const uint8_t icookie[8], const uint8_t rcookie[8], uint8_t exchange, uint32_t message_id,
                       uint8_t first_payload, size_t body_len, uint8_t seed);
/* MM2 choosing the given transform (with the RFC 3947 NAT-T VID). */
ikb_msg *ikb_mm2_with(const uint8_t icookie[8], const uint8_t rcookie[8], const ikb_transform *chosen);
/* MM3/MM4 shape: KE (256 bytes), nonce (32 bytes), then one NAT-D payload per
 * hash: n_hashes hashes of hash_len bytes each, back to back in `hashes`. */
ikb_msg *ikb_mm_ke_natd(const uint8_t icookie[8], const uint8_t rcookie[8], const uint8_t *hashes, size_t hash_len,
                        size_t n_hashes, uint8_t seed);
/* RFC 3947 3.2 NAT-D hash: HASH(CKY-I | CKY-R | IP | port). ip_len is 4 or
 * 16. Writes the digest to out (room for the type's digest) and returns its length. */
size_t ikb_natd_hash(GChecksumType type, const uint8_t icookie[8], const uint8_t rcookie[8], const uint8_t *ip,
                     size_t ip_len, uint16_t port, uint8_t *out);
/* A clear informational with one notification: protocol ISAKMP, the two
 * cookies as the 16-byte SPI, message ID 0. */
ikb_msg *ikb_info_notify(const uint8_t icookie[8], const uint8_t rcookie[8], uint16_t notify_type);
/* A clear informational with one Delete payload: count SPIs of spi_size bytes. */
ikb_msg *ikb_info_delete(const uint8_t icookie[8], const uint8_t rcookie[8], uint8_t protocol, uint8_t spi_size,
                         uint16_t count);
/* Cisco IKE fragmentation (payload 132): splits the whole of `inner` into n
 * near-equal pieces. Each fragment is a clear message with inner's cookies,
 * exchange type and message ID and a single fragment payload (fragment ID,
 * number 1..n, flags 1 on the last). frags[i] gets fragment i + 1. */
void ikb_cisco_fragments(const ikb_msg *inner, uint16_t fragment_id, size_t n, ikb_msg **frags);

/* --- Remote access (Easy VPN) ------------------------------------------------ */
/* AM1 offering one AES/SHA/group-14 transform with authentication `auth`
 * (65001: XAUTHInitPreShared) and an ID payload of type KEY_ID holding `group`. */
ikb_msg *ikb_am1_group(const uint8_t icookie[8], const char *group, uint16_t auth);
/* AM2 choosing that transform with `auth`. */
ikb_msg *ikb_am2_auth(const uint8_t icookie[8], const uint8_t rcookie[8], uint16_t auth);
/* One mode-config / XAUTH attribute for ikb_cfg: TLV with `len` bytes of
 * `value` (len 0: empty), or TV (basic) when `basic` (value's first 2 bytes). */
typedef struct {
    uint16_t type;
    bool basic;
    const void *value;
    uint16_t len;
} ikb_cfg_attr;
/* The attribute payload body: cfg type, reserved, identifier, attributes. */
void ikb_cfg_body(GByteArray *b, uint8_t cfg_type, uint16_t identifier, const ikb_cfg_attr *attrs, size_t n);
/* What Wireshark decrypts of a transaction message: HASH, then the attribute payload. */
ikb_msg *ikb_txn_plain(const uint8_t icookie[8], const uint8_t rcookie[8], uint32_t message_id, uint8_t cfg_type,
                       const ikb_cfg_attr *attrs, size_t n);

typedef struct {
    const char *name; /* test path component */
    ikb_msg *(*build)(void);
} ikb_canned;

extern const ikb_canned ikb_canned_valid[];
extern const size_t ikb_canned_valid_count;


/* The peers the engine tests talk about (TEST-NET and documentation
 * addresses). Static in the header: each test file uses some of them. */
typedef struct {
    ikd_address addr;
    uint16_t port;
} endpoint;

static const endpoint ini = { { 4, { 192, 0, 2, 10 } }, 500 };
static const endpoint resp = { { 4, { 192, 0, 2, 1 } }, 500 };
static const endpoint peer2 = { { 4, { 198, 51, 100, 20 } }, 500 };
static const endpoint peer3 = { { 4, { 203, 0, 113, 5 } }, 500 };
static const endpoint ini6 = { { 6, { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10 } }, 500 };
static const endpoint resp6 = { { 6, { 0x20, 0x01, 0x0d, 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01 } }, 500 };

#endif
