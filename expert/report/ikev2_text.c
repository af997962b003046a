/* ikediag - the IKEv2 SA table as IOS prints it.
 *
 * Geometry of real IOS-XE output (ikev2-remote-access-pki.md 1.1, genieparser
 * ShowCryptoIkev2Sa golden_output): headings "IPv4 Crypto IKEv2 SA " and
 * " IPv6 Crypto IKEv2 SA " (one space before SA; some releases print two),
 * then per SA a block ending in a blank line. IPv4: Tunnel-id in 10, Local
 * and Remote in 22, fvrf/ivrf in 21, Status padded to 7; IPv6 (golden_output2):
 * Tunnel-id in 11, fvrf/ivrf in 22, Local and Remote on lines of their own.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/ikev2_text.h"

#include "report/ikev2_child_text.h"
#include "report/ikev2_ios_names.h"

#include <stdio.h>
#include <string.h>

const char *ikd_v2_endpoint_text(const ikd_sa *sa, int peer, char *buf, size_t size)
{
    char addr[IKD_ADDRESS_TEXT];
    ikd_address_format(&sa->peer[peer], addr, sizeof addr);
    for (char *c = addr; *c; c++)
        *c = g_ascii_toupper(*c);
    snprintf(buf, size, "%s/%u", addr, (unsigned)sa->port[peer]);
    return buf;
}

/* A side's authentication method, "" when no AUTH payload of it was read. */
static const char *auth_text(const ikd_v2_chosen *c, int side, char *buf, size_t size)
{
    if (c->eap[side])
        return "EAP";
    if (!c->auth_method[side])
        return "";
    return ikd_v2_ios_auth(c->auth_method[side], buf, size);
}

const char *ikd_v2_crypto_text(const ikd_v2_sa *v2, char *buf, size_t size)
{
    const ikd_v2_ike_transforms *t = &v2->chosen.ike;
    char encr[32], prf[32], integ[32], keysize[24] = "", sign[32], verify[32], auth[96] = "";
    buf[0] = '\0';
    if (!t->known)
        return buf;
    if (t->encr_key_bits)
        snprintf(keysize, sizeof keysize, ", keysize: %u", (unsigned)t->encr_key_bits);
    const char *s = auth_text(&v2->chosen, 0, sign, sizeof sign);
    const char *v = auth_text(&v2->chosen, 1, verify, sizeof verify);
    if (*s && *v) /* both or none: half a pair reads as a claim about the other half */
        snprintf(auth, sizeof auth, ", Auth sign: %s, Auth verify: %s", s, v);
    snprintf(buf, size, "Encr: %s%s, PRF: %s, Hash: %s, DH Grp:%u%s", ikd_v2_ios_encr(t->encr, encr, sizeof encr),
             keysize, ikd_v2_ios_prf(t->prf, prf, sizeof prf),
             t->has_integ ? ikd_v2_ios_integ(t->integ, integ, sizeof integ) : "None", (unsigned)t->dh, auth);
    return buf;
}

const char *ikd_v2_life_text(ikd_engine *e, const ikd_v2_sa *v2, char *buf, size_t size)
{
    const ikd_sa *sa = &v2->sa;
    if (!sa->established_frame) {
        snprintf(buf, size, "-/- sec");
        return buf;
    }
    double active = ikd_engine_last_time(e) - sa->established_time;
    snprintf(buf, size, "-/%u sec", active > 0 ? (unsigned)active : 0u);
    return buf;
}

static const char *status_text(const ikd_v2_sa *v2)
{
    return ikd_ios_state_name(v2->status);
}

/* The lines every view has under the row: the crypto and the times. */
static void common_lines(ikd_engine *e, const ikd_v2_sa *v2, GString *out)
{
    char line[IKD_V2_TEXT_LINE];
    if (*ikd_v2_crypto_text(v2, line, sizeof line))
        g_string_append_printf(out, "      %s\n", line);
    g_string_append_printf(out, "      Life/Active Time: %s\n", ikd_v2_life_text(e, v2, line, sizeof line));
}

static void row_ipv4(const ikd_v2_sa *v2, GString *out)
{
    char local[IKD_V2_TEXT_LINE], remote[IKD_V2_TEXT_LINE];
    g_string_append(out, "Tunnel-id Local                 Remote                fvrf/ivrf            Status \n");
    g_string_append_printf(out, "%-9u %-21s %-21s %-20s %-7s\n", ikd_sa_number(v2->sa.conn_id),
                           ikd_v2_endpoint_text(&v2->sa, 0, local, sizeof local),
                           ikd_v2_endpoint_text(&v2->sa, 1, remote, sizeof remote), "none/none", status_text(v2));
}

static void row_ipv6(const ikd_v2_sa *v2, GString *out)
{
    char local[IKD_V2_TEXT_LINE], remote[IKD_V2_TEXT_LINE];
    g_string_append(out, "Tunnel-id    fvrf/ivrf              Status\n");
    g_string_append_printf(out, "%-10u %-21s %s\n", ikd_sa_number(v2->sa.conn_id), "none/none", status_text(v2));
    g_string_append_printf(out, "Local  %s\n", ikd_v2_endpoint_text(&v2->sa, 0, local, sizeof local));
    g_string_append_printf(out, "Remote  %s\n", ikd_v2_endpoint_text(&v2->sa, 1, remote, sizeof remote));
}

typedef void (*block_lines)(ikd_engine *e, const ikd_v2_sa *v2, GString *out);

/* The IKEv2 SAs of one address family, a block each. */
static void section(ikd_engine *e, const ikd_sa_selection *which, int family, block_lines lines, GString *out)
{
    for (uint32_t i = 0; i < ikd_engine_sa_count(e); i++) {
        const ikd_v2_sa *v2 = ikd_v2_sa_of_const(ikd_engine_sa(e, i));
        if (!v2 || v2->sa.peer[0].family != family || !ikd_sa_selected(which, &v2->sa))
            continue;
        (family == 6 ? row_ipv6 : row_ipv4)(v2, out);
        lines(e, v2, out);
        g_string_append_c(out, '\n');
        ikd_text_between_sas(which, out);
    }
}

static void show(ikd_engine *e, const ikd_sa_selection *which, block_lines lines, GString *out)
{
    g_string_append(out, "IPv4 Crypto IKEv2 SA \n\n");
    section(e, which, 4, lines, out);
    g_string_append(out, " IPv6 Crypto IKEv2 SA \n\n");
    section(e, which, 6, lines, out);
}

void ikd_text_show_ikev2_sa(ikd_engine *e, const ikd_sa_selection *which, GString *out)
{
    show(e, which, common_lines, out);
}

/* IOS's "req msg id": the message ID of the next request a side will send
 * (RFC 7296 2.2), i.e. one past the highest it sent; 0 if it sent none. */
static void next_request_ids(const ikd_v2_sa *v2, uint32_t next[2])
{
    next[0] = next[1] = 0;
    for (uint32_t i = 0; i < ikd_v2_exchange_count(v2); i++) {
        const ikd_v2_exchange *x = ikd_v2_exchange_at(v2, i);
        int side = x->requester ? 1 : 0;
        if (x->message_id + 1 > next[side])
            next[side] = x->message_id + 1;
    }
}

static void put_spi(GString *out, const uint8_t spi[8])
{
    for (int i = 0; i < 8; i++)
        g_string_append_printf(out, "%02X", spi[i]);
}

/* NAT detection as the initiator (Local) holds it: "inside" when it is
 * behind the NAT, "outside" when its peer is. Left out when the capture
 * lacks an IKE_SA_INIT message and found no NAT. */
static void nat_line(const ikd_v2_sa *v2, GString *out)
{
    const ikd_v2_chosen *c = &v2->chosen;
    if (v2->sa.nat_behind & 1u)
        g_string_append(out, "      NAT-T is detected inside\n");
    else if (v2->sa.nat_behind & 2u)
        g_string_append(out, "      NAT-T is detected  outside\n");
    else if (c->init_read[0] && c->init_read[1])
        g_string_append(out, "      NAT-T is not detected\n");
}

static void detailed_lines(ikd_engine *e, const ikd_v2_sa *v2, GString *out)
{
    const ikd_v2_chosen *c = &v2->chosen;
    uint32_t next[2];
    common_lines(e, v2, out);
    g_string_append(out, "      Local spi: ");
    put_spi(out, v2->sa.spi_i);
    g_string_append(out, "       Remote spi: ");
    put_spi(out, v2->sa.spi_r);
    g_string_append_c(out, '\n');
    if (ikd_v2_identity(c, 0)[0])
        g_string_append_printf(out, "      Local id: %s\n", ikd_v2_identity(c, 0));
    if (ikd_v2_identity(c, 1)[0])
        g_string_append_printf(out, "      Remote id: %s\n", ikd_v2_identity(c, 1));
    next_request_ids(v2, next);
    g_string_append_printf(out, "      Local req msg id:  %-15uRemote req msg id:  %u\n", next[0], next[1]);
    if (c->init_read[0] && c->init_read[1])
        g_string_append(out, c->fragmentation[0] && c->fragmentation[1] ? "      IETF Std Fragmentation enabled.\n"
                                                                         : "      Fragmentation not  configured.\n");
    nat_line(v2, out);
    g_string_append(out, "      Initiator of SA : Yes\n");
    ikd_v2_child_lines(v2, out);
}

void ikd_text_show_ikev2_sa_detailed(ikd_engine *e, const ikd_sa_selection *which, GString *out)
{
    show(e, which, detailed_lines, out);
}
