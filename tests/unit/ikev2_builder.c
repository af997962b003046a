/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - a small IKEv2 message builder. */
#include "ikev2_builder.h"

#include "ikev2/ikev2_names.h"

#include <string.h>

const uint8_t ikv2b_spi_i[8] = { 0x11, 0x22, 0x33, 0x44, 0x55, 0x66, 0x77, 0x88 };
const uint8_t ikv2b_spi_r[8] = { 0x99, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0xff, 0x01 };
const uint8_t ikv2b_spi_zero[8] = { 0 };

ikv2b_msg *ikv2b_new(uint8_t exchange, uint8_t flags, uint32_t message_id, const uint8_t spi_r[8])
{
    ikv2b_msg *m = g_new0(ikv2b_msg, 1);
    m->b = g_byte_array_new();
    ikb_bytes(m->b, ikv2b_spi_i, 8);
    ikb_bytes(m->b, spi_r, 8);
    ikb_u8(m->b, 0);    /* next payload, set by the first ikv2b_add */
    ikb_u8(m->b, 0x20); /* version 2.0 */
    ikb_u8(m->b, exchange);
    ikb_u8(m->b, flags);
    ikb_u32(m->b, message_id);
    ikb_u32(m->b, 0); /* length, set by ikv2b_finish */
    m->next_at = 16;
    return m;
}

void ikv2b_free(ikv2b_msg *m)
{
    g_byte_array_free(m->b, TRUE);
    g_free(m);
}

size_t ikv2b_add_flags(ikv2b_msg *m, uint8_t type, uint8_t flags, const GByteArray *body)
{
    size_t offset = m->b->len;
    ikb_set_u8(m->b, m->next_at, type);
    m->next_at = offset;
    ikb_u8(m->b, 0);
    ikb_u8(m->b, flags);
    ikb_u16(m->b, (uint16_t)(4 + (body ? body->len : 0)));
    if (body)
        ikb_bytes(m->b, body->data, body->len);
    return offset;
}

size_t ikv2b_add(ikv2b_msg *m, uint8_t type, const GByteArray *body)
{
    return ikv2b_add_flags(m, type, 0, body);
}

void ikv2b_raw(ikv2b_msg *m, const void *p, size_t n)
{
    ikb_bytes(m->b, p, n);
}

void ikv2b_finish(ikv2b_msg *m)
{
    ikb_set_u32(m->b, 24, m->b->len);
}

void ikv2b_proposal(GByteArray *sa, bool last, uint8_t number, uint8_t protocol, uint8_t spi_size,
                    const ikv2b_transform *t, size_t n)
{
    size_t start = sa->len;
    ikb_u8(sa, last ? 0 : 2);
    ikb_u8(sa, 0);
    ikb_u16(sa, 0); /* length, below */
    ikb_u8(sa, number);
    ikb_u8(sa, protocol);
    ikb_u8(sa, spi_size);
    ikb_u8(sa, (uint8_t)n);
    ikb_fill(sa, 0x5a, spi_size);
    for (size_t i = 0; i < n; i++) {
        ikb_u8(sa, i + 1 == n ? 0 : 3);
        ikb_u8(sa, 0);
        ikb_u16(sa, t[i].key_length ? 12 : 8);
        ikb_u8(sa, t[i].type);
        ikb_u8(sa, 0);
        ikb_u16(sa, t[i].id);
        if (t[i].key_length) {
            ikb_u16(sa, 0x8000 | IKD_V2_ATTR_KEY_LENGTH);
            ikb_u16(sa, t[i].key_length);
        }
    }
    ikb_set_u16(sa, start + 2, (uint16_t)(sa->len - start));
}

GByteArray *ikv2b_ke(uint16_t group, size_t data_len)
{
    GByteArray *b = g_byte_array_new();
    ikb_u16(b, group);
    ikb_u16(b, 0);
    ikb_fill(b, 0xab, data_len);
    return b;
}

GByteArray *ikv2b_nonce(size_t len)
{
    GByteArray *b = g_byte_array_new();
    ikb_fill(b, 0x4e, len);
    return b;
}

GByteArray *ikv2b_notify(uint8_t protocol, uint8_t spi_size, uint16_t type, size_t data_len)
{
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, protocol);
    ikb_u8(b, spi_size);
    ikb_u16(b, type);
    ikb_fill(b, 0x77, spi_size + data_len);
    return b;
}

GByteArray *ikv2b_ts_ipv4(const uint8_t start[4], const uint8_t end[4], uint16_t start_port, uint16_t end_port)
{
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, 1); /* one selector */
    ikb_fill(b, 0, 3);
    ikb_u8(b, IKD_V2_TS_IPV4);
    ikb_u8(b, 0); /* any protocol */
    ikb_u16(b, 16);
    ikb_u16(b, start_port);
    ikb_u16(b, end_port);
    ikb_bytes(b, start, 4);
    ikb_bytes(b, end, 4);
    return b;
}

static const ikv2b_transform offer1[] = {
    { IKD_V2_TT_ENCR, 12, 128 }, { IKD_V2_TT_PRF, 5, 0 }, { IKD_V2_TT_INTEG, 12, 0 }, { IKD_V2_TT_DH, 14, 0 },
};
static const ikv2b_transform offer2[] = {
    { IKD_V2_TT_ENCR, 20, 256 }, { IKD_V2_TT_PRF, 5, 0 }, { IKD_V2_TT_DH, 19, 0 },
};

static void add_sa_init_tail(ikv2b_msg *m, uint16_t group, size_t ke_len)
{
    GByteArray *ke = ikv2b_ke(group, ke_len), *nonce = ikv2b_nonce(32);
    GByteArray *nat_s = ikv2b_notify(0, 0, 16388, 20), *nat_d = ikv2b_notify(0, 0, 16389, 20);
    ikv2b_add(m, IKD_V2_PL_KE, ke);
    ikv2b_add(m, IKD_V2_PL_NONCE, nonce);
    ikv2b_add(m, IKD_V2_PL_NOTIFY, nat_s);
    ikv2b_add(m, IKD_V2_PL_NOTIFY, nat_d);
    g_byte_array_free(ke, TRUE);
    g_byte_array_free(nonce, TRUE);
    g_byte_array_free(nat_s, TRUE);
    g_byte_array_free(nat_d, TRUE);
}

ikv2b_msg *ikv2b_sa_init_request(void)
{
    ikv2b_msg *m = ikv2b_new(IKD_V2_EX_SA_INIT, IKD_V2_FLAG_INITIATOR, 0, ikv2b_spi_zero);
    GByteArray *sa = g_byte_array_new();
    ikv2b_proposal(sa, false, 1, IKD_V2_PROTO_IKE, 0, offer1, G_N_ELEMENTS(offer1));
    ikv2b_proposal(sa, true, 2, IKD_V2_PROTO_IKE, 0, offer2, G_N_ELEMENTS(offer2));
    ikv2b_add(m, IKD_V2_PL_SA, sa);
    g_byte_array_free(sa, TRUE);
    add_sa_init_tail(m, 14, 256);
    ikv2b_finish(m);
    return m;
}

ikv2b_msg *ikv2b_sa_init_response(void)
{
    ikv2b_msg *m = ikv2b_new(IKD_V2_EX_SA_INIT, IKD_V2_FLAG_RESPONSE, 0, ikv2b_spi_r);
    GByteArray *sa = g_byte_array_new();
    ikv2b_proposal(sa, true, 2, IKD_V2_PROTO_IKE, 0, offer2, G_N_ELEMENTS(offer2));
    ikv2b_add(m, IKD_V2_PL_SA, sa);
    g_byte_array_free(sa, TRUE);
    add_sa_init_tail(m, 19, 64);
    ikv2b_finish(m);
    return m;
}

ikv2b_msg *ikv2b_auth_request(void)
{
    ikv2b_msg *m = ikv2b_new(IKD_V2_EX_AUTH, IKD_V2_FLAG_INITIATOR, 1, ikv2b_spi_r);
    GByteArray *sk = g_byte_array_new();
    ikb_fill(sk, 0xc3, 64);
    ikv2b_add(m, IKD_V2_PL_SK, sk);
    ikb_set_u8(m->b, m->next_at, IKD_V2_PL_IDI); /* the first inner payload */
    g_byte_array_free(sk, TRUE);
    ikv2b_finish(m);
    return m;
}

ikv2b_msg *ikv2b_seal(ikv2b_msg *inner, uint8_t salt, GByteArray **plaintext)
{
    ikv2b_finish(inner);
    const uint8_t *h = inner->b->data;
    uint32_t id = (uint32_t)h[20] << 24 | (uint32_t)h[21] << 16 | (uint32_t)h[22] << 8 | h[23];
    ikv2b_msg *outer = ikv2b_new(h[18], h[19], id, h + 8);
    memcpy(outer->b->data, h, 8); /* SPIi too: a rekeyed SA has its own */
    GByteArray *sk = g_byte_array_new();
    ikb_fill(sk, salt, 32);
    ikv2b_add(outer, IKD_V2_PL_SK, sk);
    ikv2b_finish(outer);
    outer->b->data[28] = h[16]; /* the SK payload's next payload: inner's first */
    *plaintext = g_byte_array_new();
    g_byte_array_append(*plaintext, h + 28, inner->b->len - 28);
    ikb_u8(*plaintext, 0);
    g_byte_array_free(sk, TRUE);
    ikv2b_free(inner);
    return outer;
}
