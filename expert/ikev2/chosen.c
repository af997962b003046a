/* ikediag - what an IKEv2 SA's payloads say about its negotiation.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/chosen.h"

#include "common/nat_d_input.h"
#include "ikev2/ikev2_names.h"
#include "ikev2/ikev2_sa.h"
#include "ikev2/message.h"

#include <glib.h>
#include <gnutls/crypto.h>
#include <string.h>

enum {
    N_NAT_SOURCE = 16388,
    N_NAT_DESTINATION = 16389,
    N_FRAGMENTATION = 16430,
    ID_IPV4 = 1, ID_FQDN = 2, ID_RFC822 = 3, ID_IPV6 = 5,
    SHA1_LEN = 20,
};

bool ikd_v2_ike_transforms_read(const ikd_v2_sa_payload *sa, ikd_v2_ike_transforms *out)
{
    if (!sa->present || sa->malformed || !sa->proposal_count)
        return false;
    const ikd_v2_proposal *p = &sa->proposals[0];
    ikd_v2_ike_transforms t = { .known = true };
    for (uint16_t i = 0; i < p->transform_count; i++) {
        const ikd_v2_transform *x = &sa->transforms[p->first_transform + i];
        switch (x->type) {
        case IKD_V2_TT_ENCR: t.encr = x->id, t.encr_key_bits = x->key_length; break;
        case IKD_V2_TT_PRF: t.prf = x->id; break;
        case IKD_V2_TT_INTEG: t.has_integ = x->id != 0, t.integ = x->id; break;
        case IKD_V2_TT_DH: t.dh = x->id; break;
        default: break;
        }
    }
    *out = t;
    return true;
}

/* Whether a NAT detection hash is SHA-1(SPIi | SPIr | IP | port) of this
 * address and port (RFC 7296 2.23). Hashed in one call of GnuTLS, as
 * IKEv1's (ikev1/nat_detect.c): a GChecksum made, fed four times and freed
 * for each was a third of the engine's time on healthy IKEv2 SAs
 * (callgrind: four hashes an SA, 12,000 instructions). */
static bool natd_matches(const ikd_v2_message *msg, const uint8_t *data, const ikd_address *a, uint16_t port)
{
    uint8_t input[IKD_NAT_D_INPUT_MAX], digest[SHA1_LEN];
    size_t input_len = ikd_nat_d_input(msg->spi_i, msg->spi_r, a, port, input);
    return gnutls_hash_fast(GNUTLS_DIG_SHA1, input, input_len, digest) == 0 && memcmp(digest, data, SHA1_LEN) == 0;
}

/* -1: no notification of this type with a hash; 1: one matches; 0: none does. */
static int natd_result(const ikd_v2_message *msg, const ikd_packet *p, uint16_t type, const ikd_address *a,
                       uint16_t port)
{
    int result = -1;
    for (uint32_t i = 0; i < msg->notify_count; i++) {
        const ikd_v2_notify *n = &msg->notifies[i];
        if (n->type != type || n->data_length != SHA1_LEN || n->data_offset + SHA1_LEN > p->captured_len)
            continue;
        if (natd_matches(msg, p->bytes + n->data_offset, a, port))
            return 1;
        result = 0;
    }
    return result;
}

/* An IKE_SA_INIT message: fragmentation support and NAT detection. A
 * source hash that does not match what the capture shows means the
 * sender's address was translated; a destination hash that does not match,
 * the receiver's. */
static void note_sa_init(ikd_v2_sa *v2, const ikd_packet *p, const ikd_v2_message *msg, int sender)
{
    ikd_v2_chosen *c = &v2->chosen;
    if (msg->response && (ikd_spi_is_zero(msg->spi_r) || !msg->sa.present))
        return; /* refused (COOKIE, INVALID_KE_PAYLOAD, NO_PROPOSAL_CHOSEN, with or without an SPI): no SA set up by it */
    c->init_read[sender] = true;
    c->fragmentation[sender] = ikd_v2_message_notify(msg, N_FRAGMENTATION) != NULL;
    int source = natd_result(msg, p, N_NAT_SOURCE, &p->src, p->src_port);
    int destination = natd_result(msg, p, N_NAT_DESTINATION, &p->dst, p->dst_port);
    c->natd_read[sender] = source >= 0 || destination >= 0;
    if (source == 0)
        v2->sa.nat_behind |= 1u << sender;
    if (destination == 0)
        v2->sa.nat_behind |= 1u << (1 - sender);
    if (msg->response)
        ikd_v2_ike_transforms_read(&msg->sa, &c->ike);
}

/* An identity in text: addresses and names only (a DN needs an ASN.1
 * reader; it is left out rather than shown as bytes). */
static void id_text(const uint8_t *b, size_t len, char *out, size_t size)
{
    out[0] = '\0';
    if (len < 4)
        return;
    uint8_t type = b[0];
    const uint8_t *data = b + 4;
    size_t n = len - 4;
    if ((type == ID_IPV4 && n == 4) || (type == ID_IPV6 && n == 16)) {
        ikd_address a = { .family = type == ID_IPV4 ? 4 : 6 };
        memcpy(a.bytes, data, n);
        ikd_address_format(&a, out, size);
    } else if ((type == ID_FQDN || type == ID_RFC822) && n && n < size) {
        for (size_t i = 0; i < n; i++)
            if (!g_ascii_isgraph(data[i]))
                return;
        memcpy(out, data, n);
        out[n] = '\0';
    }
}

const char *ikd_v2_identity(const ikd_v2_chosen *c, int side)
{
    return c->ids ? c->ids->id[side] : "";
}

void ikd_v2_set_identity(ikd_v2_chosen *c, int side, const char *text)
{
    if (!c->ids && !text[0])
        return;
    if (!c->ids)
        c->ids = g_new0(ikd_v2_identities, 1);
    g_strlcpy(c->ids->id[side], text, sizeof c->ids->id[side]);
}

/* The decrypted payloads of an IKE_AUTH message: the sender's identity
 * (IDi from the initiator, IDr from the responder) and its AUTH method. */
static void note_auth(ikd_v2_chosen *c, const ikd_packet *p, const ikd_v2_message *inner, int sender)
{
    uint8_t own_id = sender == 0 ? IKD_V2_PL_IDI : IKD_V2_PL_IDR;
    const ikd_v2_payload_ref *id = ikd_v2_message_payload(inner, own_id);
    const ikd_v2_payload_ref *auth = ikd_v2_message_payload(inner, IKD_V2_PL_AUTH);
    if (id && !ikd_v2_identity(c, sender)[0] && id->length >= 8 &&
        (size_t)id->offset + id->length <= p->decrypted_len) {
        char text[IKD_V2_ID_TEXT] = "";
        id_text(p->decrypted + id->offset + 4, id->length - 4u, text, sizeof text);
        ikd_v2_set_identity(c, sender, text);
    }
    if (auth && !c->auth_method[sender] && auth->length >= 8 && (size_t)auth->offset + 8 <= p->decrypted_len)
        c->auth_method[sender] = p->decrypted[auth->offset + 4];
    if (id && !auth && !c->auth_method[sender])
        c->eap[sender] = true;
}

void ikd_v2_chosen_note(ikd_v2_sa *v2, const ikd_packet *p, const ikd_v2_message *msg, const ikd_v2_message *inner)
{
    int sender = msg->initiator ? 0 : 1;
    v2->sa.port[sender] = p->src_port; /* latest seen: IOS shows 4500 once the SA moved there */
    v2->sa.port[1 - sender] = p->dst_port;
    if (msg->exchange == IKD_V2_EX_SA_INIT)
        note_sa_init(v2, p, msg, sender);
    else if (msg->exchange == IKD_V2_EX_AUTH && inner && p->decrypted)
        note_auth(&v2->chosen, p, inner, sender);
}
