/* ikediag - IKEv2 remote access: CP payloads and the EAP identity.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/remote_access.h"

#include "common/cfg_attributes.h"
#include "ikev2/eap.h"
#include "ikev2/ikev2_names.h"
#include "ikev2/ikev2_sa.h"

#include <glib.h>
#include <string.h>

enum { GENERIC_HEADER = 4 };

/* The message's CP payload, read; false when it has none or not even its header. */
static bool read_cp(const ikd_v2_body *m, ikd_cfg_payload *cfg)
{
    const ikd_v2_payload_ref *cp = ikd_v2_message_payload(m->view, IKD_V2_PL_CP);
    if (!cp || cp->length < GENERIC_HEADER || cp->offset > m->len)
        return false;
    size_t avail = m->len - cp->offset < cp->length ? m->len - cp->offset : cp->length;
    if (avail < GENERIC_HEADER)
        return false;
    return ikd_cfg_payload_read_v2(m->bytes + cp->offset + GENERIC_HEADER, avail - GENERIC_HEADER, cfg);
}

/* One "NAME: value" line per attribute, as for IKEv1's transaction messages. */
static void attribute_lines(const ikd_cfg_payload *cfg, GString *s)
{
    for (uint32_t i = 0; i < cfg->count; i++) {
        char name[48], value[IKD_CFG_TEXT_MAX + 64];
        const ikd_cfg_attribute *a = &cfg->attributes[i];
        g_string_append_printf(s, "%s: %s\n", ikd_cfg_attribute_name(a->type, name, sizeof name),
                               ikd_cfg_value_text(a, value, sizeof value));
    }
    if (cfg->seen > cfg->count)
        g_string_append_printf(s, "(%u more attributes not shown)\n", cfg->seen - cfg->count);
    if (cfg->cut)
        g_string_append(s, "(the attribute list ends inside an attribute)\n");
}

static bool asks_address(uint16_t type)
{
    return type == IKD_CFG_IP4_ADDRESS || type == IKD_CFG_IP6_ADDRESS;
}

static void note_request(ikd_v2_ra *ra, int sender, const ikd_cfg_payload *cfg, uint32_t frame)
{
    if (ra->request_frame)
        return; /* a resend, or a later request: the first one is the client's */
    ra->request_frame = frame;
    ra->client = (uint8_t)sender;
    for (uint32_t i = 0; i < cfg->count; i++) {
        ra->wants_address |= asks_address(cfg->attributes[i].type);
        if (ra->requested_count < IKD_V2_MAX_REQUESTED)
            ra->requested[ra->requested_count++] = cfg->attributes[i].type;
    }
}

static bool listed_before(const ikd_v2_ra *ra, uint32_t i)
{
    for (uint32_t k = 0; k < i; k++)
        if (ra->requested[k] == ra->requested[i])
            return true;
    return false;
}

/* The requested attributes a reply left out, as one line, each named once. */
static void left_out_line(const ikd_v2_ra *ra, const ikd_cfg_payload *cfg, GString *s)
{
    GString *names = g_string_new(NULL);
    for (uint32_t i = 0; i < ra->requested_count; i++) {
        char name[48];
        if (!ikd_cfg_payload_find(cfg, ra->requested[i]) && !listed_before(ra, i))
            g_string_append_printf(names, "%s%s", names->len ? ", " : "",
                                   ikd_cfg_attribute_name(ra->requested[i], name, sizeof name));
    }
    if (names->len)
        g_string_append_printf(s, "requested but not sent: %s\n", names->str);
    g_string_free(names, TRUE);
}

/* A CFG_REPLY or CFG_SET: the address it assigns. */
static void note_assignment(ikd_v2_ra *ra, const ikd_cfg_payload *cfg, const ikd_packet *p, ikd_annotation *ann)
{
    const ikd_cfg_attribute *a = ikd_cfg_payload_find(cfg, IKD_CFG_IP4_ADDRESS);
    if (!a)
        a = ikd_cfg_payload_find(cfg, IKD_CFG_IP6_ADDRESS);
    ikd_address address;
    if (cfg->cfg_type == IKD_CFG_REPLY && !ra->reply_frame)
        ra->reply_frame = p->frame;
    if (!a || !ikd_cfg_value_address(a, &address))
        return;
    ra->address_known = true;
    ra->address = address;
    ra->address_frame = p->frame;
    ann->rare.ra_address = address;
}

static void note_cp(ikd_v2_ra *ra, int sender, const ikd_v2_body *m, const ikd_packet *p, ikd_annotation *ann)
{
    ikd_cfg_payload cfg;
    if (!read_cp(m, &cfg))
        return;
    ann->result.cp_type = cfg.cfg_type;
    GString *lines = g_string_new(NULL);
    attribute_lines(&cfg, lines);
    if (cfg.cfg_type == IKD_CFG_REQUEST)
        note_request(ra, sender, &cfg, p->frame);
    if (cfg.cfg_type == IKD_CFG_REPLY || cfg.cfg_type == IKD_CFG_SET)
        note_assignment(ra, &cfg, p, ann);
    if (cfg.cfg_type == IKD_CFG_REPLY && ra->request_frame && sender != ra->client)
        left_out_line(ra, &cfg, lines);
    bool empty = lines->len == 0;
    g_free(ann->ra_attributes);
    ann->ra_attributes = g_string_free(lines, empty);
}

static void note_eap(ikd_v2_ra *ra, const ikd_v2_body *m, const ikd_packet *p, ikd_annotation *ann)
{
    ikd_v2_eap_message eap;
    if (!ikd_v2_eap_read(m, &eap))
        return;
    ann->result.eap_code = eap.code;
    ann->result.eap_type = eap.type;
    if (!eap.identity || !eap.identity_len)
        return;
    /* The identity as printable text: the decoder's string reader does that for attributes. */
    const ikd_cfg_attribute as_text = { 0, false, eap.identity_len, eap.identity };
    ikd_cfg_value_string(&as_text, ann->ra_user, sizeof ann->ra_user);
    if (!ra->eap_identity_frame) {
        memcpy(ra->eap_identity, ann->ra_user, sizeof ra->eap_identity);
        ra->eap_identity_frame = p->frame;
    }
}

/* The IKE_AUTH response that ends the authentication (AUTH without EAP):
 * no address in it, though the client asked for one. */
static void note_final_response(ikd_v2_ra *ra, const ikd_v2_body *m, const ikd_packet *p)
{
    const ikd_v2_message *view = m->view;
    if (ikd_v2_message_notify(view, IKD_V2_N_INTERNAL_ADDRESS_FAILURE) && !ra->address_failure_frame)
        ra->address_failure_frame = p->frame;
    bool final = view->exchange == IKD_V2_EX_AUTH && ikd_v2_message_has_payload(view, IKD_V2_PL_AUTH) &&
                 !ikd_v2_message_has_payload(view, IKD_V2_PL_EAP);
    if (final && ra->wants_address && !ra->address_known && !ra->no_address_frame)
        ra->no_address_frame = p->frame;
}

ikd_v2_ra *ikd_v2_ra_record(ikd_v2_sa *v2)
{
    ikd_v2_rare *rare = ikd_v2_rare_of(v2);
    if (!rare->ra)
        rare->ra = g_new0(ikd_v2_ra, 1);
    return rare->ra;
}

void ikd_v2_note_remote_access(ikd_v2_sa *v2, int sender, const ikd_v2_body *inner, const ikd_packet *p,
                               ikd_annotation *ann)
{
    if (!inner->view)
        return;
    /* Only a CP or an EAP payload begins remote access: a site-to-site SA,
     * decrypted or not, never makes the record. */
    if (!ikd_v2_rare_seen(v2)->ra && !ikd_v2_message_has_payload(inner->view, IKD_V2_PL_CP) &&
        !ikd_v2_message_has_payload(inner->view, IKD_V2_PL_EAP))
        return;
    ikd_v2_ra *ra = ikd_v2_ra_record(v2);
    note_eap(ra, inner, p, ann);
    note_cp(ra, sender, inner, p, ann);
    if (inner->view->response && ra->request_frame && sender != ra->client)
        note_final_response(ra, inner, p);
}

int ikd_v2_ra_client(const ikd_v2_sa *v2)
{
    const ikd_v2_ra *ra = ikd_v2_ra_seen(v2);
    if (ra->request_frame)
        return ra->client;
    /* EAP authenticates the initiator (RFC 7296 2.16). */
    return ra->eap_identity_frame || v2->chosen.eap[0] || ra->eap.rounds ? 0 : -1;
}

const char *ikd_v2_ra_user(const ikd_v2_sa *v2)
{
    int client = ikd_v2_ra_client(v2);
    if (client < 0)
        return "";
    const ikd_v2_ra *ra = ikd_v2_ra_seen(v2);
    return ra->eap_identity[0] ? ra->eap_identity : ikd_v2_identity(&v2->chosen, client);
}
