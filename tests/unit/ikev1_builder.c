/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - ISAKMP message builder and canned valid messages. */
#include "ikev1_builder.h"

#include <stdbool.h>
#include <string.h>

/* --- Packets for record keeping ---------------------------------------------- */

ikd_packet ikb_packet_at(uint32_t frame, double time, uint64_t hash)
{
    ikd_packet p;
    memset(&p, 0, sizeof p);
    p.frame = frame;
    p.time = time;
    p.transport = IKD_TRANSPORT_UDP;
    p.hash = hash;
    return p;
}

/* --- Raw appends and patches ------------------------------------------------- */

void ikb_u8(GByteArray *b, uint8_t v)
{
    g_byte_array_append(b, &v, 1);
}

void ikb_u16(GByteArray *b, uint16_t v)
{
    const uint8_t p[2] = { (uint8_t)(v >> 8), (uint8_t)v };
    g_byte_array_append(b, p, 2);
}

void ikb_u32(GByteArray *b, uint32_t v)
{
    const uint8_t p[4] = { (uint8_t)(v >> 24), (uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v };
    g_byte_array_append(b, p, 4);
}

void ikb_bytes(GByteArray *b, const void *p, size_t n)
{
    if (n)
        g_byte_array_append(b, p, (guint)n);
}

void ikb_fill(GByteArray *b, uint8_t v, size_t n)
{
    for (size_t i = 0; i < n; i++)
        ikb_u8(b, v);
}

void ikb_set_u8(GByteArray *b, size_t offset, uint8_t v)
{
    g_assert(offset + 1 <= b->len);
    b->data[offset] = v;
}

void ikb_set_u16(GByteArray *b, size_t offset, uint16_t v)
{
    g_assert(offset + 2 <= b->len);
    b->data[offset] = (uint8_t)(v >> 8);
    b->data[offset + 1] = (uint8_t)v;
}

void ikb_set_u32(GByteArray *b, size_t offset, uint32_t v)
{
    g_assert(offset + 4 <= b->len);
    for (int i = 0; i < 4; i++)
        b->data[offset + (size_t)i] = (uint8_t)(v >> (24 - 8 * i));
}

uint16_t ikb_get_u16(const GByteArray *b, size_t offset)
{
    g_assert(offset + 2 <= b->len);
    return (uint16_t)((b->data[offset] << 8) | b->data[offset + 1]);
}

/* Deterministic filler for key-exchange data, nonces, hashes. */
static void pattern(GByteArray *b, size_t n, uint8_t seed)
{
    for (size_t i = 0; i < n; i++)
        ikb_u8(b, (uint8_t)(seed + i * 37u));
}

void ikb_header(GByteArray *b, const uint8_t icookie[8], const uint8_t rcookie[8], uint8_t next_payload,
                uint8_t version, uint8_t exchange, uint8_t flags, uint32_t message_id, uint32_t length)
{
    ikb_bytes(b, icookie, 8);
    ikb_bytes(b, rcookie, 8);
    ikb_u8(b, next_payload);
    ikb_u8(b, version);
    ikb_u8(b, exchange);
    ikb_u8(b, flags);
    ikb_u32(b, message_id);
    ikb_u32(b, length);
}

size_t ikb_generic(GByteArray *b, uint8_t next, uint8_t reserved, const void *body, size_t body_len)
{
    size_t offset = b->len;
    g_assert(body_len + 4 <= 0xffff);
    ikb_u8(b, next);
    ikb_u8(b, reserved);
    ikb_u16(b, (uint16_t)(body_len + 4));
    ikb_bytes(b, body, body_len);
    return offset;
}

/* --- SA payload contents ----------------------------------------------------- */

void ikb_attrs(GByteArray *b, const ikb_attr *attrs, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const ikb_attr *a = &attrs[i];
        if (a->tlv_len == 0) {
            ikb_u16(b, (uint16_t)(0x8000u | a->type));
            ikb_u16(b, (uint16_t)a->value);
        } else {
            g_assert(a->tlv_len <= 4);
            ikb_u16(b, a->type);
            ikb_u16(b, a->tlv_len);
            for (int k = a->tlv_len - 1; k >= 0; k--)
                ikb_u8(b, (uint8_t)(a->value >> (8 * k)));
        }
    }
}

static void transform(GByteArray *b, const ikb_transform *t, bool last)
{
    size_t start = b->len;
    ikb_u8(b, last ? 0 : 3);
    ikb_u8(b, 0);
    ikb_u16(b, 0); /* length, patched below */
    ikb_u8(b, t->number);
    ikb_u8(b, t->id);
    ikb_u16(b, 0); /* reserved2 */
    ikb_attrs(b, t->attrs, t->n_attrs);
    ikb_bytes(b, t->extra, t->extra_len);
    ikb_set_u16(b, start + 2, (uint16_t)(b->len - start));
}

static void proposal(GByteArray *b, const ikb_proposal *p, bool last)
{
    size_t start = b->len;
    ikb_u8(b, last ? 0 : 2);
    ikb_u8(b, 0);
    ikb_u16(b, 0); /* length, patched below */
    ikb_u8(b, p->number);
    ikb_u8(b, p->protocol);
    ikb_u8(b, p->spi_size);
    ikb_u8(b, (uint8_t)p->n_transforms);
    if (p->spi)
        ikb_bytes(b, p->spi, p->spi_size);
    else
        for (size_t i = 0; i < p->spi_size; i++)
            ikb_u8(b, (uint8_t)(0x11 * (i % 15 + 1)));
    for (size_t i = 0; i < p->n_transforms; i++)
        transform(b, &p->transforms[i], i + 1 == p->n_transforms);
    ikb_bytes(b, p->extra, p->extra_len);
    ikb_set_u16(b, start + 2, (uint16_t)(b->len - start));
}

void ikb_sa_body(GByteArray *b, const ikb_sa *sa)
{
    ikb_u32(b, sa->doi);
    ikb_u32(b, sa->situation);
    for (size_t i = 0; i < sa->n_proposals; i++)
        proposal(b, &sa->proposals[i], i + 1 == sa->n_proposals);
}

/* --- Messages ------------------------------------------------------------------ */

ikb_msg *ikb_msg_new(const uint8_t icookie[8], const uint8_t rcookie[8], uint8_t exchange, uint8_t flags,
                     uint32_t message_id)
{
    ikb_msg *m = g_new0(ikb_msg, 1);
    m->bytes = g_byte_array_new();
    ikb_header(m->bytes, icookie, rcookie, 0, 0x10, exchange, flags, message_id, 0);
    return m;
}

void ikb_msg_free(ikb_msg *m)
{
    if (!m)
        return;
    g_byte_array_unref(m->bytes);
    g_free(m);
}

size_t ikb_add(ikb_msg *m, uint8_t type, const void *body, size_t body_len)
{
    g_assert(m->count < IKB_MAX_PAYLOADS);
    m->offset[m->count] = ikb_generic(m->bytes, 0, 0, body, body_len);
    m->type[m->count] = type;
    return m->count++;
}

size_t ikb_add_sa(ikb_msg *m, const ikb_sa *sa)
{
    GByteArray *body = g_byte_array_new();
    ikb_sa_body(body, sa);
    size_t index = ikb_add(m, 1, body->data, body->len);
    g_byte_array_unref(body);
    return index;
}

void ikb_add_raw(ikb_msg *m, const void *p, size_t n)
{
    ikb_bytes(m->bytes, p, n);
}

void ikb_finish(ikb_msg *m)
{
    if (m->count)
        ikb_set_u8(m->bytes, 16, m->type[0]);
    for (size_t i = 0; i < m->count; i++)
        ikb_set_u8(m->bytes, m->offset[i], i + 1 < m->count ? m->type[i + 1] : 0);
    ikb_set_u32(m->bytes, 24, m->bytes->len);
}

size_t ikb_body_len(const ikb_msg *m, size_t index)
{
    g_assert(index < m->count);
    return ikb_get_u16(m->bytes, m->offset[index] + 2) - 4u;
}

void ikb_resize_body(ikb_msg *m, size_t index, size_t new_body_len, uint8_t fill)
{
    size_t old_body_len = ikb_body_len(m, index);
    size_t body_end = m->offset[index] + 4 + old_body_len;
    g_assert(new_body_len + 4 <= 0xffff);
    if (new_body_len > old_body_len) {
        size_t grow = new_body_len - old_body_len;
        size_t tail = m->bytes->len - body_end;
        g_byte_array_set_size(m->bytes, (guint)(m->bytes->len + grow));
        memmove(m->bytes->data + body_end + grow, m->bytes->data + body_end, tail);
        memset(m->bytes->data + body_end, fill, grow);
        for (size_t i = index + 1; i < m->count; i++)
            m->offset[i] += grow;
    } else if (new_body_len < old_body_len) {
        size_t shrink = old_body_len - new_body_len;
        g_byte_array_remove_range(m->bytes, (guint)(body_end - shrink), (guint)shrink);
        for (size_t i = index + 1; i < m->count; i++)
            m->offset[i] -= shrink;
    }
    ikb_set_u16(m->bytes, m->offset[index] + 2, (uint16_t)(new_body_len + 4));
    ikb_finish(m);
}

/* --- Values used by the canned messages ------------------------------------------ */

const uint8_t ikb_icookie[8] = { 0x5a, 0x1e, 0x8f, 0x21, 0x03, 0x9c, 0x47, 0xb2 };
const uint8_t ikb_rcookie[8] = { 0xc4, 0x77, 0x0d, 0x93, 0x6e, 0x18, 0xa5, 0x3f };
const uint8_t ikb_zero_cookie[8] = { 0 };

/* RFC 2409 appendix A attribute classes and values. */
enum {
    IKE_ENC = 1, IKE_HASH = 2, IKE_AUTH = 3, IKE_GROUP = 4, IKE_LIFE_TYPE = 11, IKE_LIFE_DURATION = 12,
    IKE_KEY_LENGTH = 14,
    ENC_3DES_CBC = 5, ENC_AES_CBC = 7, HASH_SHA = 2, AUTH_PSK = 1, MODP_2048 = 14, LIFE_SECONDS = 1,
};

static const ikb_attr mm1_t1_attrs[] = {
    { IKE_ENC, ENC_AES_CBC, 0 },     { IKE_KEY_LENGTH, 128, 0 },    { IKE_HASH, HASH_SHA, 0 },
    { IKE_AUTH, AUTH_PSK, 0 },       { IKE_GROUP, MODP_2048, 0 },   { IKE_LIFE_TYPE, LIFE_SECONDS, 0 },
    { IKE_LIFE_DURATION, 86400, 4 }, /* TLV: 86400 does not fit 16 bits */
};
static const ikb_attr mm1_t2_attrs[] = {
    { IKE_ENC, ENC_3DES_CBC, 0 },    { IKE_HASH, HASH_SHA, 0 },     { IKE_AUTH, AUTH_PSK, 0 },
    { IKE_GROUP, MODP_2048, 0 },     { IKE_LIFE_TYPE, LIFE_SECONDS, 0 },
    { IKE_LIFE_DURATION, 86400, 4 },
};

const ikb_transform ikb_mm1_transforms[2] = {
    { 1, 1 /* KEY_IKE */, mm1_t1_attrs, G_N_ELEMENTS(mm1_t1_attrs), NULL, 0 },
    { 2, 1 /* KEY_IKE */, mm1_t2_attrs, G_N_ELEMENTS(mm1_t2_attrs), NULL, 0 },
};

/* RFC 2407 4.5 IPsec attributes. */
static const ikb_attr esp_attrs[] = {
    { 1, 1, 0 },    /* SA life type: seconds */
    { 2, 3600, 0 }, /* SA life duration */
    { 4, 3, 0 },    /* encapsulation: UDP-Encapsulated-Tunnel (RFC 3947) */
    { 5, 2, 0 },    /* authentication: HMAC-SHA */
    { 6, 128, 0 },  /* key length */
};
const ikb_transform ikb_esp_transform = { 1, 12 /* ESP_AES */, esp_attrs, G_N_ELEMENTS(esp_attrs), NULL, 0 };

/* RFC 3947 NAT-T vendor ID: MD5("RFC 3947"). */
static const uint8_t vid_rfc3947[16] = { 0x4a, 0x13, 0x1c, 0x81, 0x07, 0x03, 0x58, 0x45,
                                         0x5c, 0x57, 0x28, 0xf2, 0x0e, 0x95, 0x45, 0x2f };

enum { EX_MAIN = 2, EX_AGGRESSIVE = 4, EX_INFO = 5, EX_TRANSACTION = 6, EX_QUICK = 32 };
enum { PL_SA = 1, PL_KE = 4, PL_ID = 5, PL_HASH = 8, PL_NONCE = 10, PL_NOTIFY = 11, PL_DELETE = 12,
       PL_VID = 13, PL_ATTR = 14, PL_NATD = 20, PL_NATOA = 21, PL_CISCO_FRAG = 132 };

static void add_patterned(ikb_msg *m, uint8_t type, size_t n, uint8_t seed)
{
    GByteArray *b = g_byte_array_new();
    pattern(b, n, seed);
    ikb_add(m, type, b->data, b->len);
    g_byte_array_unref(b);
}

/* An ID payload: ID_IPV4_ADDR, UDP port 500. */
static void add_id_ipv4(ikb_msg *m, const uint8_t addr[4])
{
    const uint8_t body[8] = { 1 /* ID_IPV4_ADDR */, 17, 0x01, 0xf4, addr[0], addr[1], addr[2], addr[3] };
    ikb_add(m, PL_ID, body, sizeof body);
}

static const ikb_proposal one_transform_ike = { 1, 1, 0, NULL, ikb_mm1_transforms, 1, NULL, 0 };

/* --- Canned valid messages -------------------------------------------------------- */

ikb_msg *ikb_mm1_with(const ikb_proposal *proposals, size_t n)
{
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_zero_cookie, EX_MAIN, 0, 0);
    const ikb_sa sa = { 1, 1, proposals, n };
    ikb_add_sa(m, &sa);
    ikb_add(m, PL_VID, vid_rfc3947, sizeof vid_rfc3947);
    ikb_finish(m);
    return m;
}

ikb_msg *ikb_canned_mm1(void)
{
    const ikb_proposal p = { 1, 1 /* ISAKMP */, 0, NULL, ikb_mm1_transforms, 2, NULL, 0 };
    return ikb_mm1_with(&p, 1);
}

ikb_msg *ikb_canned_mm2(void)
{
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_rcookie, EX_MAIN, 0, 0);
    const ikb_sa sa = { 1, 1, &one_transform_ike, 1 };
    ikb_add_sa(m, &sa);
    ikb_add(m, PL_VID, vid_rfc3947, sizeof vid_rfc3947);
    ikb_finish(m);
    return m;
}

ikb_msg *ikb_canned_mm3(void)
{
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_rcookie, EX_MAIN, 0, 0);
    add_patterned(m, PL_KE, 256, 0x31);
    add_patterned(m, PL_NONCE, 32, 0x52);
    add_patterned(m, PL_NATD, 20, 0x73);
    add_patterned(m, PL_NATD, 20, 0x94);
    ikb_finish(m);
    return m;
}

ikb_msg *ikb_canned_mm5(void)
{
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_rcookie, EX_MAIN, 0x01, 0);
    GByteArray *b = g_byte_array_new();
    pattern(b, 64, 0xa5);
    ikb_add_raw(m, b->data, b->len);
    g_byte_array_unref(b);
    ikb_set_u8(m->bytes, 16, PL_ID); /* first encrypted payload */
    ikb_finish(m);
    return m;
}

ikb_msg *ikb_canned_qm1(void)
{
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_rcookie, EX_QUICK, 0x01, 0x9d3c51e7);
    GByteArray *b = g_byte_array_new();
    pattern(b, 160, 0x0f);
    ikb_add_raw(m, b->data, b->len);
    g_byte_array_unref(b);
    ikb_set_u8(m->bytes, 16, PL_HASH);
    ikb_finish(m);
    return m;
}

ikb_msg *ikb_canned_am1(void)
{
    static const uint8_t addr[4] = { 192, 0, 2, 1 };
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_zero_cookie, EX_AGGRESSIVE, 0, 0);
    const ikb_sa sa = { 1, 1, &one_transform_ike, 1 };
    ikb_add_sa(m, &sa);
    add_patterned(m, PL_KE, 256, 0x31);
    add_patterned(m, PL_NONCE, 32, 0x52);
    add_id_ipv4(m, addr);
    ikb_finish(m);
    return m;
}

ikb_msg *ikb_canned_am2(void)
{
    static const uint8_t addr[4] = { 198, 51, 100, 2 };
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_rcookie, EX_AGGRESSIVE, 0, 0);
    const ikb_sa sa = { 1, 1, &one_transform_ike, 1 };
    ikb_add_sa(m, &sa);
    add_patterned(m, PL_KE, 256, 0x3c);
    add_patterned(m, PL_NONCE, 32, 0x5d);
    add_id_ipv4(m, addr);
    add_patterned(m, PL_HASH, 20, 0x7e);
    ikb_finish(m);
    return m;
}

/* The first offered transform with another authentication method. */
static const ikb_attr *attrs_with_auth(uint16_t auth, ikb_attr *out)
{
    memcpy(out, mm1_t1_attrs, sizeof mm1_t1_attrs);
    for (size_t i = 0; i < G_N_ELEMENTS(mm1_t1_attrs); i++)
        if (out[i].type == IKE_AUTH)
            out[i].value = auth;
    return out;
}

static void add_group_sa(ikb_msg *m, uint16_t auth)
{
    ikb_attr attrs[G_N_ELEMENTS(mm1_t1_attrs)];
    const ikb_transform t = { 1, 1, attrs_with_auth(auth, attrs), G_N_ELEMENTS(mm1_t1_attrs), NULL, 0 };
    const ikb_proposal p = { 1, 1, 0, NULL, &t, 1, NULL, 0 };
    const ikb_sa sa = { 1, 1, &p, 1 };
    ikb_add_sa(m, &sa);
}

ikb_msg *ikb_am1_group(const uint8_t icookie[8], const char *group, uint16_t auth)
{
    ikb_msg *m = ikb_msg_new(icookie, ikb_zero_cookie, EX_AGGRESSIVE, 0, 0);
    add_group_sa(m, auth);
    add_patterned(m, PL_KE, 256, 0x31);
    add_patterned(m, PL_NONCE, 32, 0x52);
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, 11); /* KEY_ID */
    ikb_u8(b, 17); /* UDP */
    ikb_u16(b, 500);
    ikb_bytes(b, group, strlen(group));
    ikb_add(m, PL_ID, b->data, b->len);
    g_byte_array_unref(b);
    ikb_finish(m);
    return m;
}

ikb_msg *ikb_am2_auth(const uint8_t icookie[8], const uint8_t rcookie[8], uint16_t auth)
{
    static const uint8_t addr[4] = { 192, 0, 2, 1 };
    ikb_msg *m = ikb_msg_new(icookie, rcookie, EX_AGGRESSIVE, 0, 0);
    add_group_sa(m, auth);
    add_patterned(m, PL_KE, 256, 0x3c);
    add_patterned(m, PL_NONCE, 32, 0x5d);
    add_id_ipv4(m, addr);
    add_patterned(m, PL_HASH, 20, 0x7e);
    ikb_finish(m);
    return m;
}

void ikb_cfg_body(GByteArray *b, uint8_t cfg_type, uint16_t identifier, const ikb_cfg_attr *attrs, size_t n)
{
    ikb_u8(b, cfg_type);
    ikb_u8(b, 0);
    ikb_u16(b, identifier);
    for (size_t i = 0; i < n; i++) {
        if (attrs[i].basic) {
            ikb_u16(b, (uint16_t)(0x8000 | attrs[i].type));
            ikb_bytes(b, attrs[i].value, 2);
        } else {
            ikb_u16(b, attrs[i].type);
            ikb_u16(b, attrs[i].len);
            ikb_bytes(b, attrs[i].value, attrs[i].len);
        }
    }
}

ikb_msg *ikb_txn_plain(const uint8_t icookie[8], const uint8_t rcookie[8], uint32_t message_id, uint8_t cfg_type,
                       const ikb_cfg_attr *attrs, size_t n)
{
    ikb_msg *m = ikb_msg_new(icookie, rcookie, EX_TRANSACTION, 0, message_id);
    add_patterned(m, PL_HASH, 20, 0x66);
    GByteArray *b = g_byte_array_new();
    ikb_cfg_body(b, cfg_type, 0x1a2b, attrs, n);
    ikb_add(m, PL_ATTR, b->data, b->len);
    g_byte_array_unref(b);
    ikb_finish(m);
    return m;
}

ikb_msg *ikb_canned_info_nopc(void)
{
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_zero_cookie, EX_INFO, 0, 0);
    GByteArray *b = g_byte_array_new();
    ikb_u32(b, 1);  /* DOI IPsec */
    ikb_u8(b, 1);   /* protocol ISAKMP */
    ikb_u8(b, 16);  /* SPI size: the two cookies */
    ikb_u16(b, 14); /* NO-PROPOSAL-CHOSEN */
    ikb_bytes(b, ikb_icookie, 8);
    ikb_bytes(b, ikb_zero_cookie, 8);
    ikb_add(m, PL_NOTIFY, b->data, b->len);
    g_byte_array_unref(b);
    ikb_finish(m);
    return m;
}

ikb_msg *ikb_canned_delete(void)
{
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_rcookie, EX_INFO, 0, 0);
    GByteArray *b = g_byte_array_new();
    ikb_u32(b, 1); /* DOI IPsec */
    ikb_u8(b, 1);  /* protocol ISAKMP */
    ikb_u8(b, 16); /* SPI size */
    ikb_u16(b, 1); /* one SPI */
    ikb_bytes(b, ikb_icookie, 8);
    ikb_bytes(b, ikb_rcookie, 8);
    ikb_add(m, PL_DELETE, b->data, b->len);
    g_byte_array_unref(b);
    ikb_finish(m);
    return m;
}

ikb_msg *ikb_qm_clear_with(const ikb_proposal *proposals, size_t n)
{
    /* RFC 3947 5.2: NAT-OA, ID_IPV4_ADDR, three reserved bytes, the address. */
    static const uint8_t natoa_i[8] = { 1, 0, 0, 0, 10, 0, 0, 5 };
    static const uint8_t natoa_r[8] = { 1, 0, 0, 0, 203, 0, 113, 9 };
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_rcookie, EX_QUICK, 0, 0x5fa3c2d1);
    const ikb_sa sa = { 1, 1, proposals, n };
    add_patterned(m, PL_HASH, 20, 0x21);
    ikb_add_sa(m, &sa);
    add_patterned(m, PL_NONCE, 32, 0x43);
    ikb_add(m, PL_NATOA, natoa_i, sizeof natoa_i);
    ikb_add(m, PL_NATOA, natoa_r, sizeof natoa_r);
    ikb_finish(m);
    return m;
}

ikb_msg *ikb_canned_natoa(void)
{
    static const uint8_t spi[4] = { 0xc1, 0x2a, 0x5e, 0x90 };
    const ikb_proposal p = { 1, 3 /* ESP */, 4, spi, &ikb_esp_transform, 1, NULL, 0 };
    return ikb_qm_clear_with(&p, 1);
}

ikb_msg *ikb_canned_modecfg(void)
{
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_rcookie, EX_TRANSACTION, 0, 0x3e8d1f07);
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, 1);       /* ISAKMP_CFG_REQUEST */
    ikb_u8(b, 0);       /* reserved */
    ikb_u16(b, 0x1a2b); /* identifier */
    ikb_u16(b, 1);      /* INTERNAL_IP4_ADDRESS, TLV, empty */
    ikb_u16(b, 0);
    ikb_u16(b, 2);      /* INTERNAL_IP4_NETMASK */
    ikb_u16(b, 0);
    ikb_u16(b, 3);      /* INTERNAL_IP4_DNS */
    ikb_u16(b, 0);
    ikb_u16(b, 7);      /* APPLICATION_VERSION "Cisco" */
    ikb_u16(b, 5);
    ikb_bytes(b, "Cisco", 5);
    ikb_u16(b, 0x8000 | 16520); /* XAUTH_TYPE, TV: generic */
    ikb_u16(b, 0);
    add_patterned(m, PL_HASH, 20, 0x66);
    ikb_add(m, PL_ATTR, b->data, b->len);
    g_byte_array_unref(b);
    ikb_finish(m);
    return m;
}

ikb_msg *ikb_canned_ikev2(void)
{
    /* IKE_SA_INIT request: one IKE proposal AES-CBC-128, PRF SHA2-256,
     * HMAC-SHA2-256-128, MODP-2048. */
    static const uint8_t sa[] = {
        0, 0, 0, 44, 1, 1, 0, 4,                      /* proposal 1, IKE, no SPI, 4 transforms */
        3, 0, 0, 12, 1, 0, 0, 12, 0x80, 0x0e, 0, 128, /* ENCR AES-CBC, key length 128 */
        3, 0, 0, 8, 2, 0, 0, 5,                       /* PRF HMAC-SHA2-256 */
        3, 0, 0, 8, 3, 0, 0, 12,                      /* INTEG HMAC-SHA2-256-128 */
        0, 0, 0, 8, 4, 0, 0, 14,                      /* D-H MODP-2048 */
    };
    ikb_msg *m = ikb_msg_new(ikb_icookie, ikb_zero_cookie, 34 /* IKE_SA_INIT */, 0x08 /* initiator */, 0);
    ikb_set_u8(m->bytes, 17, 0x20);
    ikb_add(m, 33, sa, sizeof sa);
    GByteArray *ke = g_byte_array_new();
    ikb_u16(ke, 14);
    ikb_u16(ke, 0);
    pattern(ke, 256, 0x19);
    ikb_add(m, 34, ke->data, ke->len);
    g_byte_array_unref(ke);
    add_patterned(m, 40, 32, 0x2a);
    ikb_finish(m);
    return m;
}

/* --- Messages for engine scenarios -------------------------------------------------- */

ikb_msg *ikb_with_cookies(ikb_msg *m, const uint8_t icookie[8], const uint8_t rcookie[8])
{
    g_assert(m->bytes->len >= 16);
    memcpy(m->bytes->data, icookie, 8);
    memcpy(m->bytes->data + 8, rcookie, 8);
    return m;
}

ikb_msg *ikb_encrypted(const uint8_t icookie[8], const uint8_t rcookie[8], uint8_t exchange, uint32_t message_id,
                       uint8_t first_payload, size_t body_len, uint8_t seed)
{
    ikb_msg *m = ikb_msg_new(icookie, rcookie, exchange, 0x01, message_id);
    GByteArray *b = g_byte_array_new();
    pattern(b, body_len, seed);
    ikb_add_raw(m, b->data, b->len);
    g_byte_array_unref(b);
    ikb_set_u8(m->bytes, 16, first_payload);
    ikb_finish(m);
    return m;
}

ikb_msg *ikb_mm2_with(const uint8_t icookie[8], const uint8_t rcookie[8], const ikb_transform *chosen)
{
    ikb_msg *m = ikb_msg_new(icookie, rcookie, EX_MAIN, 0, 0);
    const ikb_proposal p = { 1, 1 /* ISAKMP */, 0, NULL, chosen, 1, NULL, 0 };
    const ikb_sa sa = { 1, 1, &p, 1 };
    ikb_add_sa(m, &sa);
    ikb_add(m, PL_VID, vid_rfc3947, sizeof vid_rfc3947);
    ikb_finish(m);
    return m;
}

ikb_msg *ikb_mm_ke_natd(const uint8_t icookie[8], const uint8_t rcookie[8], const uint8_t *hashes, size_t hash_len,
                        size_t n_hashes, uint8_t seed)
{
    ikb_msg *m = ikb_msg_new(icookie, rcookie, EX_MAIN, 0, 0);
    add_patterned(m, PL_KE, 256, seed);
    add_patterned(m, PL_NONCE, 32, (uint8_t)(seed + 0x21));
    for (size_t i = 0; i < n_hashes; i++)
        ikb_add(m, PL_NATD, hashes + i * hash_len, hash_len);
    ikb_finish(m);
    return m;
}

size_t ikb_natd_hash(GChecksumType type, const uint8_t icookie[8], const uint8_t rcookie[8], const uint8_t *ip,
                     size_t ip_len, uint16_t port, uint8_t *out)
{
    uint8_t digest[64];
    const uint8_t port_bytes[2] = { (uint8_t)(port >> 8), (uint8_t)port };
    GChecksum *c = g_checksum_new(type);
    g_assert(c);
    g_checksum_update(c, icookie, 8);
    g_checksum_update(c, rcookie, 8);
    g_checksum_update(c, ip, (gssize)ip_len);
    g_checksum_update(c, port_bytes, 2);
    gsize len = sizeof digest;
    g_checksum_get_digest(c, digest, &len);
    g_checksum_free(c);
    memcpy(out, digest, len);
    return len;
}

ikb_msg *ikb_info_notify(const uint8_t icookie[8], const uint8_t rcookie[8], uint16_t notify_type)
{
    ikb_msg *m = ikb_msg_new(icookie, rcookie, EX_INFO, 0, 0);
    GByteArray *b = g_byte_array_new();
    ikb_u32(b, 1);  /* DOI IPsec */
    ikb_u8(b, 1);   /* protocol ISAKMP */
    ikb_u8(b, 16);  /* SPI size: the two cookies */
    ikb_u16(b, notify_type);
    ikb_bytes(b, icookie, 8);
    ikb_bytes(b, rcookie, 8);
    ikb_add(m, PL_NOTIFY, b->data, b->len);
    g_byte_array_unref(b);
    ikb_finish(m);
    return m;
}

ikb_msg *ikb_info_delete(const uint8_t icookie[8], const uint8_t rcookie[8], uint8_t protocol, uint8_t spi_size,
                         uint16_t count)
{
    ikb_msg *m = ikb_msg_new(icookie, rcookie, EX_INFO, 0, 0);
    GByteArray *b = g_byte_array_new();
    ikb_u32(b, 1); /* DOI IPsec */
    ikb_u8(b, protocol);
    ikb_u8(b, spi_size);
    ikb_u16(b, count);
    for (uint16_t i = 0; i < count; i++) {
        if (protocol == 1 && spi_size == 16) {
            ikb_bytes(b, icookie, 8);
            ikb_bytes(b, rcookie, 8);
        } else {
            pattern(b, spi_size, (uint8_t)(0xc1 + i));
        }
    }
    ikb_add(m, PL_DELETE, b->data, b->len);
    g_byte_array_unref(b);
    ikb_finish(m);
    return m;
}

void ikb_cisco_fragments(const ikb_msg *inner, uint16_t fragment_id, size_t n, ikb_msg **frags)
{
    const GByteArray *in = inner->bytes;
    g_assert(n >= 1 && n <= 255 && in->len >= 28);
    const uint8_t *h = in->data;
    uint32_t message_id = (uint32_t)h[20] << 24 | (uint32_t)h[21] << 16 | (uint32_t)h[22] << 8 | h[23];
    size_t piece = (in->len + n - 1) / n;
    for (size_t i = 0; i < n; i++) {
        size_t start = i * piece;
        size_t len = start < in->len ? MIN(piece, in->len - start) : 0;
        ikb_msg *m = ikb_msg_new(h, h + 8, h[18], 0, message_id);
        GByteArray *b = g_byte_array_new();
        ikb_u16(b, fragment_id);
        ikb_u8(b, (uint8_t)(i + 1));
        ikb_u8(b, i + 1 == n ? 1 : 0);
        ikb_bytes(b, in->data + start, len);
        ikb_add(m, PL_CISCO_FRAG, b->data, b->len);
        g_byte_array_unref(b);
        ikb_finish(m);
        frags[i] = m;
    }
}

const ikb_canned ikb_canned_valid[] = {
    { "mm1", ikb_canned_mm1 },
    { "mm2", ikb_canned_mm2 },
    { "mm3", ikb_canned_mm3 },
    { "mm5_encrypted", ikb_canned_mm5 },
    { "qm1_encrypted", ikb_canned_qm1 },
    { "am1", ikb_canned_am1 },
    { "am2", ikb_canned_am2 },
    { "info_no_proposal_chosen", ikb_canned_info_nopc },
    { "info_delete", ikb_canned_delete },
    { "qm_nat_oa", ikb_canned_natoa },
    { "mode_config", ikb_canned_modecfg },
    { "ikev2_sa_init", ikb_canned_ikev2 },
};
const size_t ikb_canned_valid_count = G_N_ELEMENTS(ikb_canned_valid);
