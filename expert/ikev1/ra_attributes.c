/* ikediag - the attributes of decrypted transaction messages.
 *
 * IOS debug wording (`debug crypto isakmp` on an Easy VPN server), from the
 * server debug output quoted in issue 14:
 *   "Sending private address: 192.168.0.222"     verified wording
 *   "Sending save password reply value 0"         verified wording
 *   "Sending subnet mask: ..." and "Sending IP4_DNS server address: ..."
 *     the quoted words, with ": <value>" inferred from the private address line.
 * IOS prefixes them with "ISAKMP:(conn-id):", which is left out here as in
 * ios_debug.c. Not printed: the split include line (IOS names the ACL,
 * which the wire does not carry), WINS, domain and banner lines (no wording seen).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/ra_attributes.h"

#include "core/interned.h"

#include <string.h>

/* One "NAME: value" line per attribute (NULL for none). An ACK's XAUTH_STATUS only
 * acknowledges (clients send it empty or 0): its value says nothing. */
static char *attribute_lines(const ikd_cfg_payload *cfg, ikd_txn_step step)
{
    GString *s = g_string_new(NULL);
    for (uint32_t i = 0; i < cfg->count; i++) {
        char name[32], value[IKD_CFG_TEXT_MAX + 64];
        const ikd_cfg_attribute *a = &cfg->attributes[i];
        bool acknowledging = step == IKD_TXN_XAUTH_ACK && a->type == IKD_XAUTH_STATUS;
        g_string_append_printf(s, "%s: %s\n", ikd_cfg_attribute_name(a->type, name, sizeof name),
                               acknowledging ? "(acknowledged)" : ikd_cfg_value_text(a, value, sizeof value));
    }
    if (cfg->seen > cfg->count)
        g_string_append_printf(s, "(%u more attributes not shown)\n", cfg->seen - cfg->count);
    if (cfg->cut)
        g_string_append(s, "(the attribute list ends inside an attribute)\n");
    bool empty = s->len == 0;
    char *text = g_string_free(s, empty);
    return empty ? NULL : text;
}

static void append_line(char **text, const char *line)
{
    char *joined = g_strconcat(*text ? *text : "", line, "\n", NULL);
    g_free(*text);
    *text = joined;
}

static void note_user(const ikd_v1_event *ev, ikd_v1_ra *ra, const ikd_cfg_payload *cfg)
{
    const ikd_cfg_attribute *a = ikd_cfg_payload_find(cfg, IKD_XAUTH_USER_NAME);
    if (!a || !a->length)
        return;
    ikd_cfg_value_string(a, ra->user, sizeof ra->user);
    ra->user_id = ikd_intern(ra->user);
    memcpy(ev->ann->ra_user, ra->user, sizeof ra->user);
}

/* XAUTH's verdict; FAIL ends the SA (the server deletes it). */
static void note_status(const ikd_v1_event *ev, ikd_v1_ra *ra, const ikd_cfg_payload *cfg)
{
    const ikd_cfg_attribute *a = ikd_cfg_payload_find(cfg, IKD_XAUTH_STATUS);
    uint32_t v;
    if (!a || !ikd_cfg_value_number(a, &v))
        return;
    ra->xauth = v == IKD_XAUTH_STATUS_OK ? IKD_XAUTH_OK : IKD_XAUTH_FAIL;
    ra->xauth_status_frame = ev->packet->frame;
    ev->ann->result.xauth_status = (uint8_t)ra->xauth;
    if (ra->xauth == IKD_XAUTH_FAIL) {
        ikd_sa_mark_deleted(&ev->sa->sa, ev->packet->frame);
    }
}

static void note_requested(ikd_txn *t, const ikd_cfg_payload *cfg)
{
    t->requested_count = 0;
    for (uint32_t i = 0; i < cfg->count && t->requested_count < IKD_MAX_REQUESTED; i++)
        t->requested[t->requested_count++] = cfg->attributes[i].type;
}

static bool was_requested(const ikd_txn *t, uint16_t type)
{
    for (uint32_t i = 0; i < t->requested_count; i++)
        if (t->requested[i] == type)
            return true;
    return false;
}

/* The requested attributes a reply left out, as one line. */
static void note_left_out(const ikd_v1_event *ev, const ikd_txn *t, const ikd_cfg_payload *cfg)
{
    GString *s = g_string_new(NULL);
    for (uint32_t i = 0; i < t->requested_count; i++) {
        char name[32];
        if (!ikd_cfg_payload_find(cfg, t->requested[i]))
            g_string_append_printf(s, "%s%s", s->len ? ", " : "",
                                   ikd_cfg_attribute_name(t->requested[i], name, sizeof name));
    }
    if (s->len) {
        g_string_prepend(s, "requested but not sent: ");
        append_line(&ev->ann->ra_attributes, s->str);
    }
    g_string_free(s, TRUE);
}

static void note_assignment(const ikd_v1_event *ev, ikd_v1_ra *ra, const ikd_txn *t, ikd_txn_step step,
                            const ikd_cfg_payload *cfg)
{
    const ikd_cfg_attribute *a = ikd_cfg_payload_find(cfg, IKD_CFG_IP4_ADDRESS);
    if (!a)
        a = ikd_cfg_payload_find(cfg, IKD_CFG_IP6_ADDRESS);
    ikd_address address;
    if (a && ikd_cfg_value_address(a, &address)) {
        ra->address_known = true;
        ra->address = address;
        ra->address_frame = ev->packet->frame;
        ev->ann->rare.ra_address = address;
    } else if (step == IKD_TXN_CFG_REPLY && (was_requested(t, IKD_CFG_IP4_ADDRESS) ||
                                             was_requested(t, IKD_CFG_IP6_ADDRESS))) {
        ra->no_address_frame = ev->packet->frame;
    }
    if (step == IKD_TXN_CFG_REPLY)
        note_left_out(ev, t, cfg);
    GString *debug = g_string_new(NULL);
    if (ev->peer == ikd_v1_ra_server(ev->sa))
        ikd_v1_ra_ios_debug(cfg, debug);
    if (debug->len)
        ev->ann->ra_debug = g_string_free(debug, FALSE);
    else
        g_string_free(debug, TRUE);
}

void ikd_v1_ra_read_attributes(const ikd_v1_event *ev, ikd_v1_ra *ra, ikd_txn *t, ikd_txn_step step,
                               const ikd_cfg_payload *cfg)
{
    t->answer_read |= ev->peer != t->starter;
    ev->ann->ra_attributes = attribute_lines(cfg, step);
    switch (step) {
    case IKD_TXN_XAUTH_REPLY: note_user(ev, ra, cfg); break;
    case IKD_TXN_XAUTH_SET: note_status(ev, ra, cfg); break;
    case IKD_TXN_CFG_REQUEST: note_requested(t, cfg); break;
    case IKD_TXN_CFG_REPLY:
    case IKD_TXN_CFG_SET: note_assignment(ev, ra, t, step, cfg); break;
    default: break;
    }
}

void ikd_v1_ra_ios_debug(const ikd_cfg_payload *cfg, GString *out)
{
    char text[IKD_ADDRESS_TEXT];
    ikd_address address;
    uint32_t v;
    for (uint32_t i = 0; i < cfg->count; i++) {
        const ikd_cfg_attribute *a = &cfg->attributes[i];
        bool addr = ikd_cfg_value_address(a, &address);
        if (a->type == IKD_CFG_IP4_ADDRESS && addr)
            g_string_append_printf(out, "Sending private address: %s\n", ikd_address_format(&address, text, sizeof text));
        else if (a->type == IKD_CFG_IP4_NETMASK && addr)
            g_string_append_printf(out, "Sending subnet mask: %s\n", ikd_address_format(&address, text, sizeof text));
        else if (a->type == IKD_CFG_IP4_DNS && addr)
            g_string_append_printf(out, "Sending IP4_DNS server address: %s\n",
                                   ikd_address_format(&address, text, sizeof text));
        else if (a->type == IKD_UNITY_SAVE_PASSWD && ikd_cfg_value_number(a, &v))
            g_string_append_printf(out, "Sending save password reply value %u\n", v);
    }
}
