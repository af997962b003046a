/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - an established IKEv2 SA's life fed through the
 * engine (ikev2_run.h). */
#include "ikev2_run.h"

#include "report/finding_text.h"

#include <string.h>

const uint8_t new_spi_i[8] = { 0xa1, 0xa2, 0xa3, 0xa4, 0xa5, 0xa6, 0xa7, 0xa8 };
const uint8_t new_spi_r[8] = { 0xb1, 0xb2, 0xb3, 0xb4, 0xb5, 0xb6, 0xb7, 0xb8 };

void feed_bytes(run *t, double time, const GByteArray *b, const GByteArray *plain)
{
    static const ikd_address ini_addr = { 4, { 192, 0, 2, 10 } }, resp_addr = { 4, { 192, 0, 2, 1 } };
    bool from_initiator = ((b->data[19] & IKD_V2_FLAG_INITIATOR) != 0) != t->roles_swapped;
    const ikd_packet p = { .frame = ++t->frame, .time = time, .src = from_initiator ? ini_addr : resp_addr,
                           .dst = from_initiator ? resp_addr : ini_addr, .src_port = 4500, .dst_port = 4500,
                           .transport = IKD_TRANSPORT_UDP, .bytes = b->data, .captured_len = b->len,
                           .reported_len = b->len, .decrypted = plain ? plain->data : NULL,
                           .decrypted_len = plain ? plain->len : 0 };
    memset(&t->ann, 0, sizeof t->ann);
    ikd_engine_feed(t->engine, &p, &t->ann);
}

void feed_clear(run *t, double time, ikv2b_msg *m)
{
    feed_bytes(t, time, m->b, NULL);
    ikv2b_free(m);
}

/* An encrypted message whose plaintext is inner's payload chain (none: an
 * empty INFORMATIONAL), ending with a zero pad length. salt changes the
 * ciphertext bytes: a retransmission keeps it, a new message does not. */
void feed_sealed_salted(run *t, double time, ikv2b_msg *inner, uint8_t salt)
{
    GByteArray *plain;
    ikv2b_msg *outer = ikv2b_seal(inner, salt, &plain);
    feed_bytes(t, time, outer->b, plain);
    g_byte_array_free(plain, TRUE);
    ikv2b_free(outer);
}

void feed_sealed(run *t, double time, ikv2b_msg *inner)
{
    feed_sealed_salted(t, time, inner, (uint8_t)(0x20 + t->frame));
}

void add(ikv2b_msg *m, uint8_t type, GByteArray *body)
{
    ikv2b_add(m, type, body);
    g_byte_array_free(body, TRUE);
}

/* A message of the IKE SA (spi_i, spi_r); the builder's SPIi is replaced. */
ikv2b_msg *msg(const uint8_t spi_i[8], const uint8_t spi_r[8], uint8_t exchange, bool initiator,
               bool response, uint32_t id)
{
    uint8_t flags = (initiator ? IKD_V2_FLAG_INITIATOR : 0) | (response ? IKD_V2_FLAG_RESPONSE : 0);
    ikv2b_msg *m = ikv2b_new(exchange, flags, id, spi_r);
    memcpy(m->b->data, spi_i, 8);
    return m;
}

ikv2b_msg *old_msg(uint8_t exchange, bool initiator, bool response, uint32_t id)
{
    return msg(ikv2b_spi_i, ikv2b_spi_r, exchange, initiator, response, id);
}

void put_u32(uint8_t *at, uint32_t v)
{
    at[0] = (uint8_t)(v >> 24);
    at[1] = (uint8_t)(v >> 16);
    at[2] = (uint8_t)(v >> 8);
    at[3] = (uint8_t)v;
}

/* One proposal whose SPI is spi (spi_size bytes). */
GByteArray *sa_body(uint8_t protocol, const uint8_t *spi, uint8_t spi_size)
{
    static const ikv2b_transform esp[] = { { IKD_V2_TT_ENCR, 12, 128 }, { IKD_V2_TT_INTEG, 12, 0 },
                                           { IKD_V2_TT_ESN, 0, 0 } };
    static const ikv2b_transform ike[] = { { IKD_V2_TT_ENCR, 12, 128 }, { IKD_V2_TT_PRF, 5, 0 },
                                           { IKD_V2_TT_INTEG, 12, 0 }, { IKD_V2_TT_DH, 14, 0 } };
    GByteArray *sa = g_byte_array_new();
    if (protocol == IKD_V2_PROTO_IKE)
        ikv2b_proposal(sa, true, 1, protocol, spi_size, ike, G_N_ELEMENTS(ike));
    else
        ikv2b_proposal(sa, true, 1, protocol, spi_size, esp, G_N_ELEMENTS(esp));
    memcpy(sa->data + 8, spi, spi_size); /* after the proposal's 8-byte header */
    return sa;
}

GByteArray *esp_sa(uint32_t spi)
{
    uint8_t b[4];
    put_u32(b, spi);
    return sa_body(IKD_V2_PROTO_ESP, b, 4);
}

const uint8_t net_a[4] = { 198, 51, 100, 0 }, net_a_end[4] = { 198, 51, 100, 255 };
const uint8_t net_b[4] = { 203, 0, 113, 0 }, net_b_end[4] = { 203, 0, 113, 255 };

void add_child(ikv2b_msg *m, uint32_t spi)
{
    add(m, IKD_V2_PL_SA, esp_sa(spi));
    add(m, IKD_V2_PL_TSI, ikv2b_ts_ipv4(net_a, net_a_end, 0, 65535));
    add(m, IKD_V2_PL_TSR, ikv2b_ts_ipv4(net_b, net_b_end, 0, 65535));
}

GByteArray *auth_body(void)
{
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, IKD_V2_AUTH_PSK);
    ikb_fill(b, 0, 3);
    ikb_fill(b, 0xaa, 32);
    return b;
}

/* A Delete payload (RFC 7296 3.11): IKE with no SPI, or ESP SPIs. */
GByteArray *delete_body(uint8_t protocol, uint32_t spi)
{
    GByteArray *b = g_byte_array_new();
    ikb_u8(b, protocol);
    ikb_u8(b, protocol == IKD_V2_PROTO_IKE ? 0 : 4);
    ikb_u16(b, protocol == IKD_V2_PROTO_IKE ? 0 : 1);
    if (protocol != IKD_V2_PROTO_IKE)
        ikb_u32(b, spi);
    return b;
}

/* IKE_SA_INIT, then IKE_AUTH with a PSK and a child (SPIs as in the
 * capture): established at frame 4, t = 0.03. */
void establish(run *t)
{
    feed_clear(t, 0.0, ikv2b_sa_init_request());
    feed_clear(t, 0.01, ikv2b_sa_init_response());
    ikv2b_msg *req = old_msg(IKD_V2_EX_AUTH, true, false, 1);
    add(req, IKD_V2_PL_AUTH, auth_body());
    add_child(req, OLD_SPI_I);
    feed_sealed(t, 0.02, req);
    ikv2b_msg *answer = old_msg(IKD_V2_EX_AUTH, false, true, 1);
    add(answer, IKD_V2_PL_AUTH, auth_body());
    add_child(answer, OLD_SPI_R);
    feed_sealed(t, 0.03, answer);
    g_assert_cmpint(t->ann.result.state, ==, IKD_IOS_V2_READY);
}

/* An empty INFORMATIONAL request from the initiator (a liveness check),
 * answered by an empty response unless answered is false. */
void liveness(run *t, double time, uint32_t id, bool answered)
{
    feed_sealed(t, time, old_msg(IKD_V2_EX_INFORMATIONAL, true, false, id));
    if (answered)
        feed_sealed(t, time + 0.001, old_msg(IKD_V2_EX_INFORMATIONAL, false, true, id));
}

const ikd_v2_sa *sa_at(run *t, uint32_t index)
{
    return ikd_v2_sa_of_const(ikd_engine_sa(t->engine, index));
}

/* The finding's detail text as the catalogue renders it. */
const char *render(const ikd_finding *f, char *buf, size_t size)
{
    return ikd_finding_render(ikd_finding_lookup(f->id)->detail, f, buf, size);
}

/* The verdicts attached to one frame. */
ikd_finding_list verdicts_at(run *t, uint32_t frame)
{
    ikd_finding_list list;
    ikd_engine_verdicts(t->engine, frame, 0, &list);
    return list;
}

/* Delete(IKE) from the initiator, answered empty (RFC 7296 1.4.1). */
void delete_ike(run *t, const uint8_t spi_i[8], const uint8_t spi_r[8], uint32_t id, double time)
{
    ikv2b_msg *req = msg(spi_i, spi_r, IKD_V2_EX_INFORMATIONAL, true, false, id);
    add(req, IKD_V2_PL_DELETE, delete_body(IKD_V2_PROTO_IKE, 0));
    feed_sealed(t, time, req);
    feed_sealed(t, time + 0.001, msg(spi_i, spi_r, IKD_V2_EX_INFORMATIONAL, false, true, id));
}


void rekey_child(run *t, double time, uint32_t id, uint32_t spi_i, uint32_t spi_r, bool with_ke)
{
    for (int response = 0; response < 2; response++) {
        ikv2b_msg *m = old_msg(IKD_V2_EX_CREATE_CHILD_SA, response == 0, response == 1, id);
        if (!response) {
            GByteArray *rekey = ikv2b_notify(IKD_V2_PROTO_ESP, 4, IKD_V2_N_REKEY_SA, 0);
            put_u32(rekey->data + 4, OLD_SPI_I);
            add(m, IKD_V2_PL_NOTIFY, rekey);
        }
        add(m, IKD_V2_PL_NONCE, ikv2b_nonce(32));
        if (with_ke)
            add(m, IKD_V2_PL_KE, ikv2b_ke(14, 256));
        add_child(m, response ? spi_r : spi_i);
        feed_sealed(t, time + response * 0.003, m);
    }
}
