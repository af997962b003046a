/* ikediag - phase-2 (quick mode) transforms, RFC 2407 IPsec DOI, and their
 * IOS transform-set names.
 *
 * IOS spellings: "esp-aes 256", "esp-sha-hmac", "esp-sha256-hmac",
 * "esp-md5-hmac", "esp-3des", "esp-null", "esp-gcm 256", "comp-lzs" and the
 * "mode transport" sub-command were checked against public IOS
 * configurations and transform-set descriptions; esp-des, esp-gmac,
 * esp-sha384/512-hmac and the ah-* names follow the IOS command reference
 * list given in the design brief, not an independently checked source.
 * IOS offers GCM only with the 16-octet ICV (transform 20); the 8- and
 * 12-octet variants have no IOS name and are shown as "esp-gcm-8"/"esp-gcm-12".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/phase2.h"

#include "core/byte_reader.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/sa_walk.h"
#include "ikev1/transform.h"
#include "core/text_buf.h"

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

enum {
    NEXT_PROPOSAL = 2,
    NEXT_TRANSFORM = 3,
    /* RFC 2407 4.5 attribute classes */
    ATTR_LIFE_TYPE = 1,
    ATTR_LIFE_DURATION = 2,
    ATTR_GROUP = 3,
    ATTR_ENCAPSULATION = 4,
    ATTR_AUTH = 5,
    ATTR_KEY_LENGTH = 6,
};

static uint16_t u16_of(uint32_t v)
{
    return v > UINT16_MAX ? UINT16_MAX : (uint16_t)v;
}

/* Reads the attributes filling the rest of r; false when they do not parse
 * (a TLV overrunning the transform, or 1..3 stray bytes at the end). */
static bool read_attributes(ikd_reader *r, ikd_phase2_transform *t)
{
    uint16_t life_type = 0, type;
    uint32_t value;
    while (ikd_reader_remaining(r) > 0) {
        if (!ikd_sa_walk_attribute(r, &type, &value))
            return false;
        switch (type & IKD_SA_ATTR_TYPE) {
        case ATTR_LIFE_TYPE: life_type = u16_of(value); break;
        case ATTR_LIFE_DURATION: ikd_sa_walk_life_duration(life_type, value, &t->life_seconds, &t->life_kilobytes); break;
        case ATTR_GROUP: t->pfs_group = u16_of(value); break;
        case ATTR_ENCAPSULATION: t->encapsulation = u16_of(value); break;
        case ATTR_AUTH: t->auth = u16_of(value); break;
        case ATTR_KEY_LENGTH: t->key_length = u16_of(value); break;
        default: break;
        }
    }
    return true;
}

static bool spi_size_fits(uint8_t protocol, uint8_t spi_size)
{
    /* RFC 2407 4.4.1 / 4.4.3: AH and ESP SPIs are 4 bytes; an IPCOMP CPI
     * may be sent in 2 bytes or as a 4-byte value. */
    return spi_size == 4 || (protocol == IKD_PROTO_IPCOMP && spi_size == 2);
}

/* Visits the transforms of one proposal body; returns how many. */
static unsigned proposal_transforms(ikd_reader *proposal, ikd_phase2_visitor visit, void *ctx)
{
    ikd_phase2_transform base = { 0 };
    uint8_t spi_size, announced;
    const uint8_t *spi;
    unsigned count = 0;
    if (!ikd_read_u8(proposal, &base.proposal_number) || !ikd_read_u8(proposal, &base.protocol) ||
        !ikd_read_u8(proposal, &spi_size) || !ikd_read_u8(proposal, &announced) ||
        base.protocol == IKD_PROTO_ISAKMP || !spi_size_fits(base.protocol, spi_size) ||
        !ikd_read_bytes(proposal, spi_size, &spi))
        return 0;
    base.spi = ikd_sa_walk_value(spi, spi_size);
    uint8_t tnext = NEXT_TRANSFORM;
    ikd_reader transform;
    while (tnext == NEXT_TRANSFORM && ikd_sa_walk_sub_payload(proposal, &tnext, &transform)) {
        ikd_phase2_transform t = base;
        if (!ikd_read_u8(&transform, &t.transform_number) || !ikd_read_u8(&transform, &t.transform_id) ||
            !ikd_reader_skip(&transform, 2) || !read_attributes(&transform, &t))
            break;
        count++;
        if (visit)
            visit(ctx, &t);
    }
    return count;
}

unsigned ikd_phase2_transforms(const uint8_t *msg, size_t len, size_t payload_offset, ikd_phase2_visitor visit,
                               void *ctx)
{
    ikd_reader sa;
    unsigned count = 0;
    if (!ikd_sa_walk_open(msg, len, payload_offset, &sa))
        return 0;
    uint8_t pnext = NEXT_PROPOSAL;
    ikd_reader proposal;
    /* A proposal with an unusable SPI is skipped; its neighbours still count. */
    while (pnext == NEXT_PROPOSAL && ikd_sa_walk_sub_payload(&sa, &pnext, &proposal))
        count += proposal_transforms(&proposal, visit, ctx);
    return count;
}

static void esp_cipher_text(const ikd_phase2_transform *t, ikd_text *out)
{
    const char *name;
    switch (t->transform_id) {
    case IKD_ESP_DES: ikd_text_add(out, "esp-des"); return;
    case IKD_ESP_3DES: ikd_text_add(out, "esp-3des"); return;
    case IKD_ESP_NULL: ikd_text_add(out, "esp-null"); return;
    case IKD_ESP_AES_CBC:
        /* IOS: "esp-aes" alone is 128 bits. */
        ikd_text_add(out, "esp-aes");
        if (t->key_length && t->key_length != IKD_AES_DEFAULT_KEY_LENGTH)
            ikd_text_printf(out, " %u", t->key_length);
        return;
    /* RFC 4106 8.4 / RFC 4543: the key length attribute is required for
     * these, so it is always shown ("esp-gcm 128"). */
    case IKD_ESP_AES_GCM_8: name = "esp-gcm-8"; break;
    case IKD_ESP_AES_GCM_12: name = "esp-gcm-12"; break;
    case IKD_ESP_AES_GCM_16: name = "esp-gcm"; break;
    case IKD_ESP_NULL_AES_GMAC: name = "esp-gmac"; break;
    default: ikd_text_printf(out, "esp-transform-%u", t->transform_id); return;
    }
    ikd_text_add(out, name);
    if (t->key_length)
        ikd_text_printf(out, " %u", t->key_length);
}

static void esp_auth_text(uint16_t auth, ikd_text *out)
{
    switch (auth) {
    case 0: break; /* none (combined-mode cipher, or esp-null without auth) */
    case IKD_P2_AUTH_HMAC_MD5: ikd_text_add(out, " esp-md5-hmac"); break;
    case IKD_P2_AUTH_HMAC_SHA: ikd_text_add(out, " esp-sha-hmac"); break;
    case IKD_P2_AUTH_HMAC_SHA2_256: ikd_text_add(out, " esp-sha256-hmac"); break;
    case IKD_P2_AUTH_HMAC_SHA2_384: ikd_text_add(out, " esp-sha384-hmac"); break;
    case IKD_P2_AUTH_HMAC_SHA2_512: ikd_text_add(out, " esp-sha512-hmac"); break;
    default: ikd_text_printf(out, " esp-auth-%u", auth); break;
    }
}

static void ah_text(uint8_t transform_id, ikd_text *out)
{
    switch (transform_id) {
    case IKD_AH_MD5: ikd_text_add(out, "ah-md5-hmac"); break;
    case IKD_AH_SHA: ikd_text_add(out, "ah-sha-hmac"); break;
    case IKD_AH_SHA2_256: ikd_text_add(out, "ah-sha256-hmac"); break;
    case IKD_AH_SHA2_384: ikd_text_add(out, "ah-sha384-hmac"); break;
    case IKD_AH_SHA2_512: ikd_text_add(out, "ah-sha512-hmac"); break;
    default: ikd_text_printf(out, "ah-transform-%u", transform_id); break;
    }
}

static bool is_transport(uint16_t encapsulation)
{
    return encapsulation == IKD_ENCAP_TRANSPORT || encapsulation == IKD_ENCAP_UDP_TRANSPORT ||
           encapsulation == IKD_ENCAP_UDP_TRANSPORT_DRAFT;
}

const char *ikd_phase2_ios_text(const ikd_phase2_transform *t, char *buf, size_t size)
{
    ikd_text text, *out = &text;
    ikd_text_init(out, buf, size);
    switch (t->protocol) {
    case IKD_PROTO_ESP:
        esp_cipher_text(t, out);
        esp_auth_text(t->auth, out);
        break;
    case IKD_PROTO_AH: ah_text(t->transform_id, out); break;
    case IKD_PROTO_IPCOMP:
        if (t->transform_id == IKD_IPCOMP_LZS)
            ikd_text_add(out, "comp-lzs");
        else
            ikd_text_printf(out, "comp-transform-%u", t->transform_id);
        break;
    default:
        ikd_text_printf(out, "protocol-%u", t->protocol);
        ikd_text_printf(out, " transform-%u", t->transform_id);
        break;
    }
    if (is_transport(t->encapsulation))
        ikd_text_add(out, " mode transport");
    return buf;
}

const char *ikd_phase2_offer_text(const ikd_phase2_transform *t, char *buf, size_t size)
{
    ikd_text text;
    char set[64];
    ikd_text_init(&text, buf, size);
    ikd_text_add(&text, ikd_phase2_ios_text(t, set, sizeof set));
    if (t->pfs_group)
        ikd_text_printf(&text, ", pfs group%u", t->pfs_group);
    else
        ikd_text_add(&text, ", no pfs");
    if (t->life_seconds)
        ikd_text_printf(&text, ", lifetime %u seconds", (unsigned)t->life_seconds);
    return buf;
}

/* The mode difference: tunnel or transport, with or without UDP encapsulation. */
static uint32_t transport_or_tunnel(uint32_t encapsulation)
{
    return is_transport((uint16_t)encapsulation);
}

/* One row of the phase-2 table; the size comes from the member itself. */
#define P2_FIELD(name, member, comparable, word, shift, bits)                                                   \
    { name, offsetof(ikd_phase2_transform, member), sizeof(((ikd_phase2_transform *)0)->member), comparable, word, \
      shift, bits }

/* Compared fields in IKD_P2_* bit order, then the packed lifetime. The
 * proposal and transform numbers, the SPI and life kilobytes are neither
 * compared nor packed. */
static const ikd_proposal_field phase2_fields[] = {
    P2_FIELD("protocol", protocol, NULL, 0, 24, 8),
    P2_FIELD("transform", transform_id, NULL, 0, 16, 8),
    P2_FIELD("key length", key_length, NULL, 0, 0, 16),
    P2_FIELD("authentication", auth, NULL, 1, 16, 16),
    P2_FIELD("mode", encapsulation, transport_or_tunnel, 1, 0, 16),
    P2_FIELD("PFS group", pfs_group, NULL, 2, 24, 8),
    P2_FIELD(NULL, life_seconds, NULL, 2, 0, 24),
};

const ikd_proposal_kind ikd_phase2_kind = {
    "phase 2", sizeof(ikd_phase2_transform), phase2_fields, sizeof phase2_fields / sizeof phase2_fields[0], 3,
};

