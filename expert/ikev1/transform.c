/* ikediag - phase-1 transform attributes and their IOS names.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/transform.h"

#include "core/byte_reader.h"
#include "ikev1/sa_walk.h"

#include <stddef.h>
#include <stdio.h>

enum {
    ATTR_ENCRYPTION = 1,
    ATTR_HASH = 2,
    ATTR_AUTH = 3,
    ATTR_GROUP = 4,
    ATTR_LIFE_TYPE = 11,
    ATTR_LIFE_DURATION = 12,
    ATTR_KEY_LENGTH = 14,
};

static void read_attributes(ikd_reader *r, ikd_transform *t)
{
    uint16_t life_type = 0, type;
    uint32_t value;
    while (ikd_reader_remaining(r) >= 4 && ikd_sa_walk_attribute(r, &type, &value)) {
        switch (type & IKD_SA_ATTR_TYPE) {
        case ATTR_ENCRYPTION: t->encryption = (uint16_t)value; break;
        case ATTR_HASH: t->hash = (uint16_t)value; break;
        case ATTR_AUTH: t->auth = (uint16_t)value; break;
        case ATTR_GROUP: t->group = (uint16_t)value; break;
        case ATTR_KEY_LENGTH: t->key_length = (uint16_t)value; break;
        case ATTR_LIFE_TYPE: life_type = (uint16_t)value; break;
        case ATTR_LIFE_DURATION: ikd_sa_walk_life_duration(life_type, value, &t->life_seconds, &t->life_kilobytes); break;
        default: break;
        }
    }
}

unsigned ikd_sa_payload_transforms(const uint8_t *msg, size_t len, size_t payload_offset,
                                   ikd_transform_visitor visit, void *ctx)
{
    ikd_reader sa;
    unsigned count = 0;
    if (!ikd_sa_walk_open(msg, len, payload_offset, &sa))
        return 0;
    uint8_t pnext = 2;
    ikd_reader proposal;
    while (pnext == 2 && ikd_sa_walk_sub_payload(&sa, &pnext, &proposal)) {
        ikd_transform_entry e = { 0 };
        uint8_t spi_size, announced;
        if (!ikd_read_u8(&proposal, &e.proposal_number) || !ikd_read_u8(&proposal, &e.protocol) ||
            !ikd_read_u8(&proposal, &spi_size) || !ikd_read_u8(&proposal, &announced) ||
            !ikd_reader_skip(&proposal, spi_size))
            break;
        uint8_t tnext = 3;
        ikd_reader transform;
        while (tnext == 3 && ikd_sa_walk_sub_payload(&proposal, &tnext, &transform)) {
            if (!ikd_read_u8(&transform, &e.transform_number) || !ikd_read_u8(&transform, &e.transform_id) ||
                !ikd_reader_skip(&transform, 2))
                break;
            e.attributes = (ikd_transform){ 0 };
            read_attributes(&transform, &e.attributes);
            count++;
            if (visit)
                visit(ctx, &e);
        }
    }
    return count;
}

const char *ikd_encryption_text(uint16_t encryption, uint16_t key_length, char *buf, size_t size)
{
    switch (encryption) {
    case IKD_ENCR_DES: snprintf(buf, size, "des"); break;
    case IKD_ENCR_3DES: snprintf(buf, size, "3des"); break;
    case IKD_ENCR_AES_CBC:
        if (key_length && key_length != IKD_AES_DEFAULT_KEY_LENGTH)
            snprintf(buf, size, "aes %u", key_length);
        else
            snprintf(buf, size, "aes");
        break;
    case IKD_ENCR_CAMELLIA:
        if (key_length)
            snprintf(buf, size, "camellia %u", key_length);
        else
            snprintf(buf, size, "camellia");
        break;
    case 0: snprintf(buf, size, "-"); break; /* the transform did not say */
    default: snprintf(buf, size, "encr %u", encryption); break;
    }
    return buf;
}

const char *ikd_hash_text(uint16_t hash, char *buf, size_t size)
{
    static const char *const names[] = {
        [0] = "-", /* the transform did not say */
        [IKD_HASH_MD5] = "md5",
        [IKD_HASH_SHA1] = "sha",
        [IKD_HASH_TIGER] = "tiger",
        [IKD_HASH_SHA256] = "sha256",
        [IKD_HASH_SHA384] = "sha384",
        [IKD_HASH_SHA512] = "sha512",
    };
    if (hash < sizeof names / sizeof names[0])
        snprintf(buf, size, "%s", names[hash]);
    else
        snprintf(buf, size, "hash %u", hash);
    return buf;
}

bool ikd_auth_is_xauth(uint16_t auth)
{
    return auth >= IKD_AUTH_XAUTH_INIT_PSK && auth <= IKD_AUTH_XAUTH_LAST;
}

bool ikd_auth_is_psk(uint16_t auth)
{
    return auth == IKD_AUTH_PSK || auth == IKD_AUTH_XAUTH_INIT_PSK || auth == IKD_AUTH_XAUTH_RESP_PSK;
}

const char *ikd_auth_text(uint16_t auth, char *buf, size_t size)
{
    /* XAUTH methods (IKD_AUTH_XAUTH_*) pair Init/Resp with the base method. */
    static const char *const xauth[] = { "psk", "psk", "dss", "dss", "rsig", "rsig", "renc", "renc", "renc", "renc" };
    switch (auth) {
    case 0: snprintf(buf, size, "-"); break;
    case IKD_AUTH_PSK: snprintf(buf, size, "psk"); break;
    case IKD_AUTH_DSS: snprintf(buf, size, "dss"); break;
    case IKD_AUTH_RSA_SIG: snprintf(buf, size, "rsig"); break;
    case IKD_AUTH_RSA_ENC:
    case IKD_AUTH_RSA_ENC_REVISED: snprintf(buf, size, "renc"); break;
    case IKD_AUTH_HYBRID_INIT_RSA:
    case IKD_AUTH_HYBRID_RESP_RSA: snprintf(buf, size, "hybrid"); break;
    default:
        if (ikd_auth_is_xauth(auth))
            snprintf(buf, size, "%s", xauth[auth - IKD_AUTH_XAUTH_INIT_PSK]);
        else
            snprintf(buf, size, "auth %u", auth);
        break;
    }
    return buf;
}

/* One row of the phase-1 table; the size comes from the member itself. */
#define P1_FIELD(name, member, word, shift, bits) \
    { name, offsetof(ikd_transform, member), sizeof(((ikd_transform *)0)->member), NULL, word, shift, bits }

/* Compared fields in IKD_ATTR_* bit order. The packed slots keep the layout
 * findings have always carried, which is not that order: the group shares a
 * word with the hash, auth has a word of its own. */
static const ikd_proposal_field phase1_fields[] = {
    P1_FIELD("encryption", encryption, 0, 16, 16),
    P1_FIELD("key length", key_length, 0, 0, 16),
    P1_FIELD("hash", hash, 1, 16, 16),
    P1_FIELD("authentication", auth, 2, 0, 32),
    P1_FIELD("DH group", group, 1, 0, 16),
    P1_FIELD(NULL, life_seconds, 3, 0, 32),
};

const ikd_proposal_kind ikd_phase1_kind = {
    "phase 1", sizeof(ikd_transform), phase1_fields, sizeof phase1_fields / sizeof phase1_fields[0], 4,
};

