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
#include "core/text_buf.h"

#include <stdbool.h>
#include <stdio.h>
#include <string.h>

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
    LIFE_SECONDS = 1,
    LIFE_KILOBYTES = 2,
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
        switch (type & 0x7fffu) {
        case ATTR_LIFE_TYPE: life_type = u16_of(value); break;
        case ATTR_LIFE_DURATION:
            if (life_type == LIFE_SECONDS)
                t->life_seconds = value;
            else if (life_type == LIFE_KILOBYTES)
                t->life_kilobytes = value;
            break;
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
    case 2: ikd_text_add(out, "esp-des"); return;
    case 3: ikd_text_add(out, "esp-3des"); return;
    case 11: ikd_text_add(out, "esp-null"); return;
    case 12:
        /* IOS: "esp-aes" alone is 128 bits. */
        ikd_text_add(out, "esp-aes");
        if (t->key_length && t->key_length != 128)
            ikd_text_printf(out, " %u", t->key_length);
        return;
    /* RFC 4106 8.4 / RFC 4543: the key length attribute is required for
     * these, so it is always shown ("esp-gcm 128"). */
    case 18: name = "esp-gcm-8"; break;
    case 19: name = "esp-gcm-12"; break;
    case 20: name = "esp-gcm"; break;
    case 23: name = "esp-gmac"; break;
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
    case 1: ikd_text_add(out, " esp-md5-hmac"); break;
    case 2: ikd_text_add(out, " esp-sha-hmac"); break;
    case 5: ikd_text_add(out, " esp-sha256-hmac"); break;
    case 6: ikd_text_add(out, " esp-sha384-hmac"); break;
    case 7: ikd_text_add(out, " esp-sha512-hmac"); break;
    default: ikd_text_printf(out, " esp-auth-%u", auth); break;
    }
}

static void ah_text(uint8_t transform_id, ikd_text *out)
{
    switch (transform_id) {
    case 2: ikd_text_add(out, "ah-md5-hmac"); break;
    case 3: ikd_text_add(out, "ah-sha-hmac"); break;
    case 5: ikd_text_add(out, "ah-sha256-hmac"); break;
    case 6: ikd_text_add(out, "ah-sha384-hmac"); break;
    case 7: ikd_text_add(out, "ah-sha512-hmac"); break;
    default: ikd_text_printf(out, "ah-transform-%u", transform_id); break;
    }
}

static bool is_transport(uint16_t encapsulation)
{
    /* 2 transport, 4 UDP-encapsulated transport (RFC 3947), 61444 its draft value. */
    return encapsulation == 2 || encapsulation == 4 || encapsulation == 61444;
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
        if (t->transform_id == 3)
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

unsigned ikd_phase2_differences(const ikd_phase2_transform *a, const ikd_phase2_transform *b)
{
    unsigned d = 0;
    if (a->protocol != b->protocol)
        d |= IKD_P2_PROTOCOL;
    if (a->transform_id != b->transform_id)
        d |= IKD_P2_TRANSFORM;
    if (a->key_length != b->key_length)
        d |= IKD_P2_KEY_LENGTH;
    if (a->auth != b->auth)
        d |= IKD_P2_AUTH;
    if (is_transport(a->encapsulation) != is_transport(b->encapsulation))
        d |= IKD_P2_MODE;
    if (a->pfs_group != b->pfs_group)
        d |= IKD_P2_PFS;
    return d;
}

const char *ikd_phase2_difference_names(unsigned bits, char *buf, size_t size)
{
    static const char *const names[] = { "protocol", "transform", "key length", "authentication", "mode",
                                         "PFS group" };
    return ikd_bit_names(bits, names, sizeof names / sizeof names[0], buf, size);
}

void ikd_phase2_pack(const ikd_phase2_transform *t, uint32_t out[3])
{
    out[0] = (uint32_t)t->protocol << 24 | (uint32_t)t->transform_id << 16 | t->key_length;
    out[1] = (uint32_t)t->auth << 16 | t->encapsulation;
    out[2] = (uint32_t)t->pfs_group << 16 | (t->life_seconds > 0xffff ? 0xffff : t->life_seconds);
}

ikd_phase2_transform ikd_phase2_unpack(const uint32_t in[3])
{
    ikd_phase2_transform t;
    memset(&t, 0, sizeof t);
    t.protocol = (uint8_t)(in[0] >> 24);
    t.transform_id = (uint8_t)(in[0] >> 16);
    t.key_length = (uint16_t)in[0];
    t.auth = (uint16_t)(in[1] >> 16);
    t.encapsulation = (uint16_t)in[1];
    t.pfs_group = (uint16_t)(in[2] >> 16);
    t.life_seconds = in[2] & 0xffff;
    return t;
}
