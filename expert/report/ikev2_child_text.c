/* ikediag - child SAs in IOS-XE's `show crypto ikev2 session detailed` words.
 *
 * Layout of real output (genieparser ShowCryptoIkev2Session
 * golden_output_csr8kv_detailed_output.txt, research notes 1.2), each block
 * right after the IKE SA's lines, children apart by a blank line:
 *
 *   Child sa:
 *             local selector       ->      remote selector
 *             89.89.89.0/0 - 89.89.89.255/65535    ->    99.99.99.0/0 - 99.99.99.255/65535
 *             ESP spi in/out: 0x232CB82D/0x30767B6E  
 *             AH spi in/out: 0x0/0x0  
 *             CPI in/out: 0x0/0x0  
 *             Encr: AES-CBC, keysize: 256, esp_hmac: SHA256
 *             ah_hmac: None, comp: IPCOMP_NONE, mode tunnel
 *
 * Only what the decrypted exchanges told is printed; a line whose parts were
 * not read is left out. The selector line has no place for a protocol: a
 * selector limited to one protocol prints its addresses and ports only.
 * IPComp's CPIs are not read: when both sides asked for IPComp the CPI line
 * and the comp field are left out rather than printed as none.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/ikev2_child_text.h"

#include "ikev2/child_sa.h"
#include "ikev2/ikev2_names.h"
#include "report/ikev2_ios_names.h"

#include <stdio.h>
#include <string.h>

#define INDENT "          "

/* "89.89.89.0/0 - 89.89.89.255/65535"; IPv6 in upper case, as IOS prints it. */
static const char *selector_text(const ikd_v2_ts *ts, char *buf, size_t size)
{
    ikd_address start = { .family = ts->family }, end = { .family = ts->family };
    size_t n = ts->family == 4 ? 4 : 16;
    memcpy(start.bytes, ts->start, n);
    memcpy(end.bytes, ts->end, n);
    char a[IKD_ADDRESS_TEXT], b[IKD_ADDRESS_TEXT];
    ikd_address_format(&start, a, sizeof a);
    ikd_address_format(&end, b, sizeof b);
    snprintf(buf, size, "%s/%u - %s/%u", a, (unsigned)ts->start_port, b, (unsigned)ts->end_port);
    for (char *c = buf; *c; c++)
        *c = g_ascii_toupper(*c);
    return buf;
}

/* Local is peer 0; TSi is the selector of the side that requested the child. */
static void selector_lines(const ikd_v2_child *c, GString *out)
{
    const ikd_v2_ts *local = &c->ts[c->requester == 0 ? 0 : 1], *remote = &c->ts[c->requester == 0 ? 1 : 0];
    if (!local->family || !remote->family)
        return;
    char l[2 * IKD_ADDRESS_TEXT + 32], r[2 * IKD_ADDRESS_TEXT + 32];
    g_string_append(out, INDENT "local selector       ->      remote selector\n");
    g_string_append_printf(out, INDENT "%s    ->    %s\n", selector_text(local, l, sizeof l),
                           selector_text(remote, r, sizeof r));
}

/* "in" is the SPI Local receives on, the one it chose (spi[0]). */
static void spi_lines(const ikd_v2_child *c, GString *out)
{
    if (!c->spi[0] || !c->spi[1])
        return;
    bool esp = c->protocol == IKD_V2_PROTO_ESP;
    g_string_append_printf(out, INDENT "ESP spi in/out: 0x%X/0x%X  \n", esp ? (unsigned)c->spi[0] : 0u,
                           esp ? (unsigned)c->spi[1] : 0u);
    g_string_append_printf(out, INDENT "AH spi in/out: 0x%X/0x%X  \n", esp ? 0u : (unsigned)c->spi[0],
                           esp ? 0u : (unsigned)c->spi[1]);
    if (!c->ipcomp)
        g_string_append(out, INDENT "CPI in/out: 0x0/0x0  \n");
}

static void transform_lines(const ikd_v2_child *c, GString *out)
{
    char encr[32], integ[32], keysize[24] = "";
    const char *hmac = c->integrity ? ikd_v2_ios_integ(c->integrity, integ, sizeof integ) : "None";
    bool esp = c->protocol == IKD_V2_PROTO_ESP;
    if (esp && c->encryption) {
        if (c->key_length)
            snprintf(keysize, sizeof keysize, ", keysize: %u", (unsigned)c->key_length);
        g_string_append_printf(out, INDENT "Encr: %s%s, esp_hmac: %s\n",
                               ikd_v2_ios_encr(c->encryption, encr, sizeof encr), keysize, hmac);
    }
    if (!c->encryption && !c->integrity)
        return; /* the response's SA payload was not read: the mode line would stand alone */
    g_string_append_printf(out, INDENT "ah_hmac: %s%s, mode %s\n", esp ? "None" : hmac,
                           c->ipcomp ? "" : ", comp: IPCOMP_NONE", c->transport ? "transport" : "tunnel");
}

/* IOS lists the child SAs an IKE SA holds now: a child replaced by a rekey
 * or deleted is gone from its session, so only the current ones are printed
 * (children moved to the new IKE SA of an IKE rekey are printed there). An
 * IKE SA in DELETE shows those it held when it was deleted: its status
 * already says they went with it. */
void ikd_v2_child_lines(const ikd_v2_sa *v2, GString *out)
{
    bool first = true;
    for (uint32_t i = 0; i < ikd_v2_child_count(v2); i++) {
        const ikd_v2_child *c = ikd_v2_child_at(v2, i);
        if (!ikd_v2_child_current(c))
            continue;
        if (!first)
            g_string_append_c(out, '\n');
        first = false;
        g_string_append(out, "Child sa:\n");
        selector_lines(c, out);
        spi_lines(c, out);
        transform_lines(c, out);
    }
}
