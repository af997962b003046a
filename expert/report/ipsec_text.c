/* ikediag - the phase-2 (IPsec) SA table (see ipsec_text.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/ipsec_text.h"

#include "core/text_buf.h"
#include "ikev1/ikev1_names.h"
#include "ikev1/phase2.h"

#include <stdio.h>

bool ikd_ipsec_readable(const ikd_quick_mode *qm)
{
    const ikd_qm_decrypted *d = ikd_v1_qm_decrypted_const(qm);
    return d->chosen_known || d->offer_count > 0;
}

void ikd_ipsec_view_of(const ikd_v1_sa *sa, const ikd_quick_mode *qm, ikd_ipsec_view *out)
{
    ikd_proxy_id ids[2];
    out->local_started = qm->initiator_peer == 0;
    out->local_ident[0] = out->remote_ident[0] = '\0';
    if (ikd_v1_phase2_proxies(sa, qm, &sa->sa.peer[0], ids)) {
        ikd_proxy_id_format(&ids[0], out->local_ident, sizeof out->local_ident);
        ikd_proxy_id_format(&ids[1], out->remote_ident, sizeof out->remote_ident);
    }
    /* chosen.spi is the QM responder's inbound SPI, initiator_spi the QM initiator's. */
    const ikd_qm_decrypted *d = ikd_v1_qm_decrypted_const(qm);
    uint32_t responder_in = d->chosen_known ? d->chosen.spi : 0;
    out->inbound_spi = out->local_started ? d->initiator_spi : responder_in;
    out->outbound_spi = out->local_started ? responder_in : d->initiator_spi;
}

const char *ikd_ipsec_mode_text(uint16_t encapsulation, char *buf, size_t size)
{
    switch (encapsulation) {
    case 0: snprintf(buf, size, "not given"); break;
    case IKD_ENCAP_TUNNEL: snprintf(buf, size, "tunnel"); break;
    case IKD_ENCAP_TRANSPORT: snprintf(buf, size, "transport"); break;
    case IKD_ENCAP_UDP_TUNNEL:
    case IKD_ENCAP_UDP_TUNNEL_DRAFT: snprintf(buf, size, "tunnel, UDP-encapsulated"); break;
    case IKD_ENCAP_UDP_TRANSPORT:
    case IKD_ENCAP_UDP_TRANSPORT_DRAFT: snprintf(buf, size, "transport, UDP-encapsulated"); break;
    default: snprintf(buf, size, "encapsulation %u", encapsulation); break;
    }
    return buf;
}

const char *ikd_ipsec_transform_text(const ikd_phase2_transform *t, char *buf, size_t size)
{
    ikd_phase2_transform words = *t;
    words.encapsulation = IKD_ENCAP_TUNNEL; /* the mode has its own column */
    return ikd_phase2_ios_text(&words, buf, size);
}

const char *ikd_ipsec_spi_text(uint32_t spi, char *buf, size_t size)
{
    if (spi)
        snprintf(buf, size, "0x%08X", spi);
    else
        snprintf(buf, size, "unknown");
    return buf;
}

static void deleted_text(const ikd_phase2_outcome *o, ikd_text *out)
{
    char by[IKD_ADDRESS_TEXT];
    ikd_text_printf(out, "deleted by DELETE in frame %u (from %s)", o->deleted_frame,
                    ikd_address_format(&o->deleted_by, by, sizeof by));
}

const char *ikd_phase2_outcome_text(const ikd_phase2_outcome *o, uint16_t reject_notify, char *buf, size_t size)
{
    ikd_text text, *out = &text;
    ikd_text_init(out, buf, size);
    switch (o->end) {
    case IKD_P2_END_NOT_COMPLETED: ikd_text_add(out, "not completed"); break;
    case IKD_P2_END_REFUSED:
        ikd_text_printf(out, "refused in frame %u", o->refused_frame);
        if (reject_notify)
            ikd_text_printf(out, " (%s)", ikd_notify_name(reject_notify));
        break;
    case IKD_P2_END_UNREAD: ikd_text_add(out, "up; how it ended needs the keys"); break;
    case IKD_P2_END_UP: ikd_text_add(out, "still up at capture end"); break;
    case IKD_P2_END_REPLACED:
        ikd_text_printf(out, "replaced by rekey in frame %u", o->replaced_frame);
        if (o->replaced_conn_id)
            ikd_text_printf(out, " (conn-id %u)", o->replaced_conn_id);
        if (o->deleted_frame) {
            ikd_text_add(out, ", ");
            deleted_text(o, out);
        }
        break;
    case IKD_P2_END_DELETED: deleted_text(o, out); break;
    }
    return buf;
}

const char *ikd_ipsec_frames_text(const ikd_quick_mode *qm, char *buf, size_t size)
{
    ikd_text text, *out = &text;
    ikd_text_init(out, buf, size);
    for (int k = 0; k < IKD_QUICK_MODE_STEPS; k++)
        if (qm->steps[k].copies)
            ikd_text_printf(out, "%sQM%d %u", out->used ? ", " : "", k + 1, qm->steps[k].first_frame);
    return buf;
}

static void endpoint_text(const ikd_sa *sa, int peer, ikd_text *out)
{
    char addr[IKD_ADDRESS_TEXT];
    ikd_text_printf(out, "%s port %u", ikd_address_format(&sa->peer[peer], addr, sizeof addr), sa->port[peer]);
}

static void chosen_lines(const ikd_quick_mode *qm, const ikd_ipsec_view *view, GString *out)
{
    char words[64], mode[32], in[16], outbound[16];
    const ikd_phase2_transform *t = &ikd_v1_qm_decrypted_const(qm)->chosen;
    g_string_append_printf(out, "   transform set: %s, mode %s, ", ikd_ipsec_transform_text(t, words, sizeof words),
                           ikd_ipsec_mode_text(t->encapsulation, mode, sizeof mode));
    if (t->pfs_group)
        g_string_append_printf(out, "PFS group %u\n", t->pfs_group);
    else
        g_string_append(out, "no PFS\n");
    g_string_append_printf(out, "   inbound spi: %s, outbound spi: %s\n",
                           ikd_ipsec_spi_text(view->inbound_spi, in, sizeof in),
                           ikd_ipsec_spi_text(view->outbound_spi, outbound, sizeof outbound));
    g_string_append(out, "   lifetime: ");
    if (t->life_seconds)
        g_string_append_printf(out, "%u seconds, ", t->life_seconds);
    else
        g_string_append(out, "seconds not given, ");
    if (t->life_kilobytes)
        g_string_append_printf(out, "%u kilobytes\n", t->life_kilobytes);
    else
        g_string_append(out, "kilobytes not given\n");
}

/* QM1 was read but no QM2: what was offered. */
static void offered_line(const ikd_quick_mode *qm, GString *out)
{
    char words[64];
    g_string_append(out, "   no QM2 read: no chosen transform, SPIs or lifetimes; offered:");
    const ikd_qm_decrypted *d = ikd_v1_qm_decrypted_const(qm);
    for (uint32_t i = 0; i < d->offer_count; i++) {
        const ikd_phase2_transform *t = &d->offers[i];
        g_string_append_printf(out, "%s %s", i ? " |" : "", ikd_ipsec_transform_text(t, words, sizeof words));
        if (t->pfs_group)
            g_string_append_printf(out, " (PFS group %u)", t->pfs_group);
    }
    g_string_append_c(out, '\n');
}

static void readable_entry(const ikd_v1_sa *sa, const ikd_quick_mode *qm, const ikd_phase2_outcome *o,
                           GString *out)
{
    char line[160], frames[64], end[192];
    ikd_ipsec_view view;
    ikd_ipsec_view_of(sa, qm, &view);
    g_string_append_printf(out, "conn-id %u, quick mode 0x%08x, started by %s\n", sa->sa.conn_id, qm->message_id,
                           view.local_started ? "local" : "peer");
    g_string_append_printf(out, "   local  ident (addr/mask/prot/port): (%s)\n", view.local_ident);
    g_string_append_printf(out, "   remote ident (addr/mask/prot/port): (%s)\n", view.remote_ident);
    ikd_text text;
    ikd_text_init(&text, line, sizeof line);
    ikd_text_add(&text, "   local ");
    endpoint_text(&sa->sa, 0, &text);
    ikd_text_add(&text, ", peer ");
    endpoint_text(&sa->sa, 1, &text);
    g_string_append_printf(out, "%s\n", line);
    if (ikd_v1_qm_decrypted_const(qm)->chosen_known)
        chosen_lines(qm, &view, out);
    else
        offered_line(qm, out);
    g_string_append_printf(out, "   frames: %s", ikd_ipsec_frames_text(qm, frames, sizeof frames));
    if (o->up_frame)
        g_string_append_printf(out, "; up in frame %u", o->up_frame);
    g_string_append_printf(out, "\n   outcome: %s\n", ikd_phase2_outcome_text(o, qm->reject_notify, end, sizeof end));
}

/* Not decrypted: what the headers alone tell. */
static void unreadable_entry(const ikd_v1_sa *sa, const ikd_quick_mode *qm, const ikd_phase2_outcome *o,
                             GString *out)
{
    char frames[64], end[192];
    g_string_append_printf(out, "conn-id %u, quick mode 0x%08x: %s; ", sa->sa.conn_id, qm->message_id,
                           ikd_ipsec_frames_text(qm, frames, sizeof frames));
    if (o->up_frame)
        g_string_append_printf(out, "up in frame %u", o->up_frame);
    else
        g_string_append(out, ikd_phase2_outcome_text(o, qm->reject_notify, end, sizeof end));
    g_string_append(out, "; not decrypted: keys are needed for the rest\n");
}

void ikd_text_ipsec_sa_entry(const ikd_v1_sa *sa, const ikd_quick_mode *qm, const ikd_phase2_outcome *o,
                             GString *out)
{
    if (ikd_ipsec_readable(qm))
        readable_entry(sa, qm, o, out);
    else
        unreadable_entry(sa, qm, o, out);
}

void ikd_text_show_ipsec_sa(ikd_engine *e, const ikd_sa_selection *which, GString *out)
{
    g_string_append(out, "IPsec SAs, one per quick mode, as the ISAKMP SA's initiator (local) holds them\n");
    unsigned shown = 0;
    for (uint32_t i = 0; i < ikd_engine_sa_count(e); i++) {
        const ikd_v1_sa *v1 = ikd_v1_sa_of_const(ikd_engine_sa(e, i));
        if (!v1 || !ikd_sa_selected(which, &v1->sa))
            continue;
        for (uint32_t k = 0; k < ikd_v1_quick_mode_count(v1); k++) {
            const ikd_quick_mode *qm = ikd_v1_quick_mode_at(v1, k);
            ikd_phase2_outcome o;
            ikd_engine_phase2_outcome(e, &v1->sa, qm, &o);
            g_string_append_c(out, '\n');
            ikd_text_ipsec_sa_entry(v1, qm, &o, out);
            shown++;
        }
        ikd_text_between_sas(which, out);
    }
    if (!shown)
        g_string_append(out, "\nno quick mode read\n");
}
