/* ikediag - the postdissector: IKE diagnostics under each ISAKMP message.
 *
 * First pass (frame not yet visited): find the frame's ISAKMP messages in the
 * tree Wireshark's ISAKMP dissector built, feed each to the engine, and keep
 * the annotation with the frame (file scope). Every pass: render what was
 * kept, plus what only the whole capture tells (the answer's frame, verdicts
 * on stuck SAs) on visited passes. The tree may be NULL on any pass; expert
 * items still reach Wireshark's expert tap.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikediag.h"

#include <epan/address.h>
#include <epan/expert.h>
#include <epan/tap.h>

#include "capture_engine.h"
#include "common/ike_header.h"
#include "expert_items.h"
#include "frame_readers.h"
#include "frame_store.h"
#include "kept_message.h"
#include "ikev1/remote_access.h"
#include "pass_mode.h"
#include "pdu_locator.h"
#include "ra_v2_fields.h"
#include "report/finding_text.h"
#include "scep_http.h"
#include "revocation_fetch.h"
#include "wire_fields.h"
#include "ws_compat.h"

static int proto_ikediag = -1;
static int hf_ike_version = -1;
static int hf_encrypted = -1;
static int hf_findings = -1;
static int hf_verdict_evidence = -1;
static int hf_sa = -1;
static int hf_tunnel_id = -1;
static int hf_step = -1;
static int hf_sender = -1;
static int hf_message_id = -1;
static int hf_state = -1;
static int hf_state_initiator = -1;
static int hf_state_responder = -1;
static int hf_state_ios = -1;
static int hf_state_asa = -1;
static int hf_retransmission = -1;
static int hf_retransmission_of = -1;
static int hf_time_since_original = -1;
static int hf_response_in = -1;
static int hf_response_to = -1;
static int hf_time_since_request = -1;
static int hf_vendor = -1;
static int hf_ios_debug = -1;
static int hf_qm_local_id = -1;
static int hf_qm_remote_id = -1;
static int hf_dpd = -1;
static int hf_dpd_seq = -1;
static int hf_ra_group = -1;
static int hf_ra_user = -1;
static int hf_ra_step = -1;
static int hf_ra_inferred = -1;
static int hf_ra_xauth_status = -1;
static int hf_ra_address = -1;
static int hf_ra_address6 = -1;
static int hf_ra_attribute = -1;
static gint ett_ikediag = -1;
static gint ett_ios_debug = -1;
static gint ett_ra = -1;
static dissector_handle_t ikediag_handle;
static int ikediag_tap = -1;

/* What all the frame's messages share: Wireshark's decryptions (NULL where
 * none), and whether it rebuilt a fragmented message in this frame. */
typedef struct {
    tvbuff_t *v1;             /* "Decrypted IKE" */
    tvbuff_t *v2;             /* "Decrypted Data" */
    tvbuff_t *reassembled_v2; /* "Reassembled IKE2 ISAKMP" */
    gboolean reassembled;
} ikediag_frame_sources;

/* A message quoted by an ICMP error: the packet is the quoted datagram's,
 * the frame's own source is who sent the error. */
static void quoted_message(ikd_packet *packet, const ikediag_pdu *pdu)
{
    packet->icmp_from = packet->src;
    packet->icmp_version = pdu->icmp_version;
    packet->icmp_type = pdu->icmp_type;
    packet->icmp_code = pdu->icmp_code;
    packet->src = pdu->quoted_src;
    packet->dst = pdu->quoted_dst;
    packet->src_port = pdu->quoted_src_port;
    packet->dst_port = pdu->quoted_dst_port;
}

/* The index-th of the frame's n IKE messages, as the engine takes it. */
static ikd_packet packet_of(packet_info *pinfo, const ikediag_pdu *pdus, guint index, guint n,
                            const ikediag_frame_sources *sources)
{
    const ikediag_pdu *pdu = &pdus[index];
    ikd_packet packet = {
        .frame = pinfo->num,
        .pdu = index,
        .time = nstime_to_sec(&pinfo->abs_ts),
        .src = ikediag_address_of(&pinfo->src),
        .dst = ikediag_address_of(&pinfo->dst),
        .src_port = (uint16_t)pinfo->srcport,
        .dst_port = (uint16_t)pinfo->destport,
        .transport = pdu->transport,
        .bytes = tvb_get_ptr(pdu->tvb, pdu->start, pdu->length),
        .captured_len = (size_t)pdu->length,
        .reported_len = pdu->reported_len,
        .reassembled_in_frame = sources->reassembled,
    };
    if (pdu->transport == IKD_TRANSPORT_ICMP_QUOTE)
        quoted_message(&packet, pdu);
    bool v2 = ikd_ike_major_version(packet.bytes, packet.captured_len) == IKD_IKEV2_MAJOR;
    tvbuff_t *decrypted = v2 ? (sources->reassembled_v2 ? sources->reassembled_v2 : sources->v2) : sources->v1;
    packet.decrypted_reassembled = v2 && sources->reassembled_v2;
    if (decrypted && index == n - 1) {
        packet.decrypted_len = tvb_captured_length(decrypted);
        packet.decrypted = tvb_get_ptr(decrypted, 0, (gint)packet.decrypted_len);
    }
    return packet;
}

/* The first pass: feeds the frame's IKE messages to the engine and keeps
 * what it said in the frame store; FALSE when the frame has none, or when
 * they were deferred (defer: nobody reads what the engine says of them now). */
static gboolean analyse_frame(packet_info *pinfo, proto_tree *tree, ikediag_frame_result *frame, gboolean one_pass,
                              gboolean defer)
{
    ikediag_pdu pdus[IKEDIAG_MAX_PDUS_PER_FRAME];
    guint n = ikediag_locate_pdus(pinfo, tree, pdus, IKEDIAG_MAX_PDUS_PER_FRAME);
    ikd_engine *engine = ikediag_engine_to_feed();
    if (engine)
        ikd_engine_note_frame(engine, pinfo->num, nstime_to_sec(&pinfo->abs_ts));
    if (!n || !engine)
        return FALSE;
    /* Wireshark's ISAKMP dissector adds one "Decrypted IKE" source when it
     * decrypts an IKEv1 message, and one "Decrypted Data" source (the SK
     * payload's plaintext: inner payloads, padding, pad length) for an
     * IKEv2 message; it belongs to the frame's last PDU (a rebuilt message
     * comes after its last fragment). The frame that completes an IKEv2
     * message sent in SKF fragments (RFC 7383) also holds the whole
     * message's plaintext, rebuilt. */
    ikediag_frame_sources sources = { NULL, NULL, NULL, FALSE };
    if (pinfo->data_src && pinfo->data_src->next) { /* the frame's own bytes are the first source */
        sources.v1 = ikediag_data_source_tvb(pinfo, "Decrypted IKE");
        sources.v2 = ikediag_data_source_tvb(pinfo, "Decrypted Data");
        sources.reassembled_v2 = ikediag_data_source_tvb(pinfo, "Reassembled IKE2 ISAKMP");
    }
    for (guint i = 0; i < n; i++)
        sources.reassembled |= pdus[i].transport == IKD_TRANSPORT_REASSEMBLED;
    if (defer) {
        for (guint i = 0; i < n; i++) {
            ikd_packet packet = packet_of(pinfo, pdus, i, n, &sources);
            ikd_engine_defer(engine, &packet);
        }
        return FALSE;
    }
    frame->pdus = wmem_alloc0_array(pinfo->pool, ikediag_pdu_result, n);
    frame->pdu_count = 0;
    for (guint i = 0; i < n; i++) {
        ikd_packet packet = packet_of(pinfo, pdus, i, n, &sources);
        ikd_annotation annotation;
        ikd_engine_feed(engine, &packet, &annotation);
        /* A keepalive no SA floated to is not IKE's business: nothing shown. */
        if (packet.transport != IKD_TRANSPORT_NAT_KEEPALIVE || annotation.result.conn_id)
            ikediag_keep_message(&frame->pdus[frame->pdu_count++], &pdus[i], i, &annotation);
        ikd_annotation_clear(&annotation);
    }
    if (one_pass)
        ikediag_frame_store_hold(pinfo->num, frame->pdus, frame->pdu_count);
    else
        ikediag_frame_store_keep(pinfo->num, frame->pdus, frame->pdu_count);
    return frame->pdu_count != 0;
}

/* The most severe of the findings, the first of equals: *best (NULL until
 * one is found) and *best_sev carry over from one list to the next. */
static void most_severe(const ikd_finding *findings, guint32 count, const ikd_finding **best, ikd_severity *best_sev)
{
    for (guint32 i = 0; i < count; i++) {
        ikd_severity s = ikd_finding_lookup((ikd_finding_id)findings[i].id)->severity;
        if (!*best || s > *best_sev) {
            *best = &findings[i];
            *best_sev = s;
        }
    }
}

static void add_string(proto_tree *tree, int hf, tvbuff_t *tvb, gint start, const char *text)
{
    if (text && *text)
        proto_item_set_generated(proto_tree_add_string(tree, hf, tvb, start, 0, text));
}

/* A time span in seconds, as a relative time like Wireshark's own
 * "Time since request" fields (dns.time, http.time). */
static void add_seconds(proto_tree *tree, int hf, tvbuff_t *tvb, gint start, double seconds)
{
    if (seconds < 0)
        seconds = 0;
    nstime_t span;
    span.secs = (time_t)seconds;
    span.nsecs = (int)((seconds - (double)span.secs) * 1e9 + 0.5);
    if (span.nsecs >= 1000000000) {
        span.secs++;
        span.nsecs -= 1000000000;
    }
    proto_item_set_generated(proto_tree_add_time(tree, hf, tvb, start, 0, &span));
}

/* What the message carries beyond its result; all empty for most. */
static const ikediag_pdu_extras *extras_of(const ikediag_pdu_result *r)
{
    static const ikediag_pdu_extras none;
    return r->extras ? r->extras : &none;
}

/* A decrypted QM1/QM2's proxy identities, in IOS's addr/mask/prot/port words. */
static void render_proxy_ids(const ikediag_pdu_result *r, proto_tree *sub, tvbuff_t *tvb)
{
    char text[IKD_PROXY_ID_TEXT];
    const ikd_message_rare *rare = extras_of(r)->rare;
    if (!rare)
        return;
    if (rare->local_id.kind != IKD_PROXY_NONE)
        add_string(sub, hf_qm_local_id, tvb, r->start, ikd_proxy_id_format(&rare->local_id, text, sizeof text));
    if (rare->remote_id.kind != IKD_PROXY_NONE)
        add_string(sub, hf_qm_remote_id, tvb, r->start, ikd_proxy_id_format(&rare->remote_id, text, sizeof text));
}

/* A DPD notification read from Wireshark's decryption; an ACK's R-U-THERE is its "response to". */
static void render_dpd(const ikd_message_result *result, proto_tree *sub, tvbuff_t *tvb, gint start)
{
    char text[48];
    g_snprintf(text, sizeof text, "%s seq 0x%08x", result->dpd == IKD_DPD_R_U_THERE ? "R-U-THERE" : "R-U-THERE-ACK",
               (unsigned)result->dpd_seq);
    add_string(sub, hf_dpd, tvb, start, text);
    proto_item_set_generated(proto_tree_add_uint(sub, hf_dpd_seq, tvb, start, 0, result->dpd_seq));
}

/* IOS debug lines, one field each, under a subtree titled `title`. */
static void render_debug_lines(proto_tree *sub, tvbuff_t *tvb, gint start, const char *lines, const char *title)
{
    proto_tree *walk = proto_tree_add_subtree(sub, tvb, start, 0, ett_ios_debug, NULL, title);
    gchar **split = g_strsplit(lines, "\n", -1);
    for (gchar **l = split; *l; l++)
        add_string(walk, hf_ios_debug, tvb, start, *l);
    g_strfreev(split);
}

/* Remote access (Easy VPN): group, user, the transaction step and what its attributes said. */
static void render_remote_access(const ikediag_pdu_result *r, proto_tree *sub, tvbuff_t *tvb)
{
    const ikd_message_result *res = &r->result;
    const ikediag_pdu_extras *x = extras_of(r);
    static const ikediag_ra_texts no_texts;
    const ikediag_ra_texts *ra = x->ra ? x->ra : &no_texts;
    add_string(sub, hf_ra_group, tvb, r->start, ra->group);
    add_string(sub, hf_ra_user, tvb, r->start, ra->user);
    ikediag_ra_v2_render(res, sub, tvb, r->start);
    if (res->step == IKD_STEP_TXN) {
        proto_item *ti = proto_tree_add_string(sub, hf_ra_step, tvb, r->start, 0,
                                               ikd_txn_step_name((ikd_txn_step)res->txn_step));
        proto_item_set_generated(ti);
        if (res->txn_inferred) {
            proto_item_append_text(ti, " (from the order of the exchanges: not decrypted)");
            proto_item_set_generated(proto_tree_add_boolean(sub, hf_ra_inferred, tvb, r->start, 0, TRUE));
        }
    }
    if (res->xauth_status)
        add_string(sub, hf_ra_xauth_status, tvb, r->start, res->xauth_status == IKD_XAUTH_OK ? "OK" : "FAIL");
    const ikd_address *assigned = x->rare ? &x->rare->ra_address : NULL;
    if (assigned && assigned->family == 4) {
        ws_in4_addr v4;
        memcpy(&v4, assigned->bytes, sizeof v4);
        proto_item_set_generated(proto_tree_add_ipv4(sub, hf_ra_address, tvb, r->start, 0, v4));
    } else if (assigned && assigned->family == 6) {
        ws_in6_addr v6;
        memcpy(&v6, assigned->bytes, sizeof v6);
        proto_item_set_generated(proto_tree_add_ipv6(sub, hf_ra_address6, tvb, r->start, 0, &v6));
    }
    if (ra->attributes) {
        proto_tree *list = proto_tree_add_subtree(sub, tvb, r->start, 0, ett_ra, NULL, "Attributes (decrypted)");
        gchar **lines = g_strsplit(ra->attributes, "\n", -1);
        for (gchar **l = lines; *l; l++)
            add_string(list, hf_ra_attribute, tvb, r->start, *l);
        g_strfreev(lines);
    }
    if (ra->debug)
        render_debug_lines(sub, tvb, r->start, ra->debug, "IOS debug crypto isakmp (Easy VPN server sending)");
}

static void render_sa_fields(const ikediag_pdu_result *r, packet_info *pinfo, proto_tree *sub, tvbuff_t *tvb)
{
    bool v2 = ikd_conn_id_is_v2(r->result.conn_id);
    proto_item_set_generated(proto_tree_add_uint(sub, v2 ? hf_tunnel_id : hf_sa, tvb, r->start, 0,
                                                 ikd_sa_number(r->result.conn_id)));
    add_string(sub, hf_step, tvb, r->start, ikd_step_name(r->result.step));
    add_string(sub, hf_sender, tvb, r->start, ikd_role_name(r->result.sender));
    if (r->result.step >= IKD_STEP_QM1 && r->result.step <= IKD_STEP_TXN)
        proto_item_set_generated(proto_tree_add_uint(sub, hf_message_id, tvb, r->start, 0, r->result.message_id));
    add_string(sub, hf_state, tvb, r->start, ikd_ios_state_name(r->result.state));
    add_string(sub, hf_state_initiator, tvb, r->start, ikd_ios_state_name(r->result.state_initiator));
    add_string(sub, hf_state_responder, tvb, r->start, ikd_ios_state_name(r->result.state_responder));
    add_string(sub, hf_state_ios, tvb, r->start, ikd_ios_state_name(r->result.state_ios));
    add_string(sub, hf_state_asa, tvb, r->start, ikd_asa_state_name(r->result.asa_state));
    if (r->result.retransmission) {
        proto_item_set_generated(proto_tree_add_uint(sub, hf_retransmission, tvb, r->start, 0, r->result.retransmission));
        proto_item_set_generated(proto_tree_add_uint(sub, hf_retransmission_of, tvb, r->start, 0, r->result.original_frame));
        add_seconds(sub, hf_time_since_original, tvb, r->start, r->result.since_original);
    }
    if (r->result.response_to) {
        proto_item_set_generated(proto_tree_add_uint(sub, hf_response_to, tvb, r->start, 0, r->result.response_to));
        add_seconds(sub, hf_time_since_request, tvb, r->start, r->result.since_request);
    }
    render_proxy_ids(r, sub, tvb);
    if (r->result.dpd)
        render_dpd(&r->result, sub, tvb, r->start);
    const ikediag_pdu_extras *x = extras_of(r);
    for (guint i = 0; i < x->vendor_count; i++)
        add_string(sub, hf_vendor, tvb, r->start, x->vendors[i]);
    if (x->certs)
        ikediag_certs_render(x->certs, r->result.sender, sub, tvb, r->start);
    render_remote_access(r, sub, tvb);
    if (x->ios_walk)
        render_debug_lines(sub, tvb, r->start, x->ios_walk, "IOS debug crypto isakmp (router policy file)");
    /* Only the whole capture knows the answer's frame. */
    if (PINFO_FD_VISITED(pinfo)) {
        guint32 answer = ikd_engine_response_in(ikediag_engine(), pinfo->num, r->pdu);
        if (answer)
            proto_item_set_generated(proto_tree_add_uint(sub, hf_response_in, tvb, r->start, 0, answer));
    }
}

/* How strongly the capture supports the SA's verdict, on the message that carries it. */
static void add_verdict_evidence(proto_tree *sub, tvbuff_t *tvb, const ikediag_pdu_result *r,
                                 const ikd_finding_list *verdicts)
{
    const ikd_sa *sa = ikd_engine_sa_peek(ikediag_engine(), r->result.conn_id);
    if (!sa || !sa->verdict)
        return;
    for (guint32 i = 0; i < verdicts->count; i++)
        if (verdicts->items[i].id == sa->verdict->id &&
            !memcmp(verdicts->items[i].arg, sa->verdict->arg, sizeof sa->verdict->arg)) {
            add_string(sub, hf_verdict_evidence, tvb, r->start, ikd_evidence_name(sa->verdict_evidence));
            return;
        }
}

/* The message's own subtree: its fields and, beneath, its findings. */
static void render_tree(const ikediag_pdu_result *r, packet_info *pinfo, proto_tree *tree, tvbuff_t *tvb,
                        const ikd_finding_list *verdicts)
{
    const ikediag_pdu_extras *x = extras_of(r);
    guint32 dropped = x->findings_dropped;
    guint32 total = x->finding_count + verdicts->count + (dropped ? 1 : 0);
    proto_item *ti = proto_tree_add_item(tree, proto_ikediag, tvb, r->start, r->length, ENC_NA);
    proto_tree *sub = proto_item_add_subtree(ti, ett_ikediag);
    if (r->result.conn_id)
        proto_item_append_text(ti, ": %s %u, %s from the %s, %s", ikd_conn_id_is_v2(r->result.conn_id) ? "IKEv2 SA" : "SA",
                               ikd_sa_number(r->result.conn_id), ikd_step_name(r->result.step),
                               ikd_role_name(r->result.sender), ikd_ios_state_name(r->result.state));
    else
        proto_item_append_text(ti, ": IKEv%u", r->result.ike_version);
    proto_item_append_text(ti, ", %u finding%s", total, total == 1 ? "" : "s");
    proto_item_set_generated(proto_tree_add_uint(sub, hf_ike_version, tvb, r->start, 0, r->result.ike_version));
    proto_item_set_generated(proto_tree_add_boolean(sub, hf_encrypted, tvb, r->start, 0, r->result.encrypted));
    if (r->result.conn_id)
        render_sa_fields(r, pinfo, sub, tvb);
    proto_item_set_generated(proto_tree_add_uint(sub, hf_findings, tvb, r->start, 0, total));

    for (guint32 i = 0; i < x->finding_count; i++)
        ikediag_expert_add(sub, pinfo, tvb, r->start, r->length, &x->findings[i]);
    if (dropped) {
        ikd_finding more = { IKD_F_FINDINGS_DROPPED, 0, 0, { dropped, 0, 0, 0, 0 } };
        ikediag_expert_add(sub, pinfo, tvb, r->start, r->length, &more);
    }
    for (guint32 i = 0; i < verdicts->count; i++)
        ikediag_expert_add(sub, pinfo, tvb, r->start, r->length, &verdicts->items[i]);
    if (verdicts->count)
        add_verdict_evidence(sub, tvb, r, verdicts);
}

/* Nobody sees the items: only the most severe finding's severity is kept
 * (what render_tree's expert items would have left in the Expert column and
 * the capture's highest severity). */
static void note_worst_severity(const ikediag_pdu_result *r, packet_info *pinfo, const ikd_finding_list *verdicts)
{
    static const ikd_finding dropped = { .id = IKD_F_FINDINGS_DROPPED };
    const ikediag_pdu_extras *x = extras_of(r);
    const ikd_finding *worst = NULL;
    ikd_severity sev = IKD_SEVERITY_CHAT;
    if (x->findings_dropped)
        most_severe(&dropped, 1, &worst, &sev);
    most_severe(x->findings, x->finding_count, &worst, &sev);
    most_severe(verdicts->items, verdicts->count, &worst, &sev);
    if (worst)
        ikediag_expert_note_severity(pinfo, (ikd_finding_id)worst->id);
}

/* The Info column: the SA, the step and state, and the most severe warning. */
static void render_info_column(const ikediag_pdu_result *r, packet_info *pinfo, const ikd_finding_list *verdicts)
{
    if (!pinfo->cinfo)
        return;
    /* A transaction message shows what it is when that is known ("XAUTH REQUEST"). */
    const char *step = r->result.step == IKD_STEP_TXN && r->result.txn_step
                           ? ikd_txn_step_name((ikd_txn_step)r->result.txn_step)
                           : ikd_step_name(r->result.step);
    if (r->result.conn_id)
        col_append_fstr(pinfo->cinfo, COL_INFO, " [%s%u %s %s]", ikd_conn_id_is_v2(r->result.conn_id) ? "v2 " : "",
                        ikd_sa_number(r->result.conn_id), step, ikd_ios_state_name(r->result.state));
    /* Only a warning or an error makes the headline. */
    const ikd_finding *top = NULL;
    ikd_severity sev = IKD_SEVERITY_CHAT;
    most_severe(extras_of(r)->findings, extras_of(r)->finding_count, &top, &sev);
    most_severe(verdicts->items, verdicts->count, &top, &sev);
    if (top && sev > IKD_SEVERITY_NOTE) {
        char text[256];
        ikd_finding_render(ikd_finding_lookup((ikd_finding_id)top->id)->detail, top, text, sizeof text);
        col_append_fstr(pinfo->cinfo, COL_INFO, " [%s]", text);
    }
}

/* items: whether anyone sees the tree's items (ikediag_items_wanted). A
 * tshark single pass with only tables sees none: building them was a
 * quarter of ikediag's cost there (callgrind). */
static void render_message(const ikediag_pdu_result *r, packet_info *pinfo, proto_tree *tree, gboolean items,
                           gboolean severity_wanted)
{
    tvbuff_t *tvb = ikediag_data_source(pinfo, r->ds_index);
    if (!tvb)
        return;
    ikd_finding_list verdicts = { .count = 0 };
    if (PINFO_FD_VISITED(pinfo) && r->result.conn_id)
        ikd_engine_verdicts(ikediag_engine(), pinfo->num, r->pdu, &verdicts);
    if (items)
        render_tree(r, pinfo, tree, tvb, &verdicts);
    else if (severity_wanted)
        note_worst_severity(r, pinfo, &verdicts);
    render_info_column(r, pinfo, &verdicts);
}

/* The frame's IKE messages (and a CRL or OCSP fetch over HTTP). */
static int dissect_ike(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree)
{
    ikediag_frame_result found;
    gboolean one_pass = !PINFO_FD_VISITED(pinfo) && ikediag_single_pass(pinfo);
    gboolean has_ike = PINFO_FD_VISITED(pinfo)
                           ? ikediag_frame_store_get(pinfo->num, pinfo->pool, &found)
                           : analyse_frame(pinfo, tree, &found, one_pass, ikediag_frame_may_defer(pinfo, tree, one_pass));
    ikediag_revocation_fetch_frame(tvb, pinfo, tree, proto_ikediag);
    if (!has_ike)
        return 0;
    /* The tap runs after the frame's dissection: its copy lives in the packet scope. */
    ikediag_frame_result *frame = wmem_new(pinfo->pool, ikediag_frame_result);
    *frame = found;
    gboolean items = ikediag_items_wanted(tree);
    /* Without items, a frame's worst severity still feeds the Expert column
     * and the GUI's status bar; tshark's single pass has neither unless it
     * prints columns (expert_add_info was 1,085 instructions a finding). */
    gboolean severity_wanted = !one_pass || pinfo->cinfo;
    for (guint i = 0; i < frame->pdu_count; i++)
        render_message(&frame->pdus[i], pinfo, tree, items, severity_wanted);
    tap_queue_packet(ikediag_tap, pinfo, frame);
    return tvb_captured_length(tvb);
}

/* One postdissector for IKE and SCEP (scep_http.h says why). */
static int dissect_ikediag(tvbuff_t *tvb, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    int ike = dissect_ike(tvb, pinfo, tree);
    int scep = ikediag_scep_frame(tvb, pinfo, tree);
    return ike ? ike : scep;
}

static void ikediag_init(void)
{
    ikediag_kept_messages_reset();
    ikediag_frame_store_open();
    ikediag_engine_open();
    ikediag_pass_mode_reset();
    ikediag_frame_readers_reset();
    ikediag_expert_find_wireshark_ids();
    GArray *wanted = ikediag_locator_wanted_hfids();
    ikediag_revocation_fetch_want(wanted);
    ikediag_scep_want(wanted);
    set_postdissector_wanted_hfids(ikediag_handle, wanted);
}

static void ikediag_cleanup(void)
{
    ikediag_kept_messages_reset();
    ikediag_frame_store_close();
    set_postdissector_wanted_hfids(ikediag_handle, NULL);
    ikediag_engine_close();
}

static void ikediag_prefs_changed(void)
{
    ikediag_engine_apply_prefs();
}

static void ikediag_shutdown(void)
{
    ikediag_policy_free();
}

/* Every per-message field; the finding fields are registered by expert_items.c. */
static hf_register_info ikediag_fields[] = {
    { &hf_ike_version, { "IKE version", "ikediag.ike_version", FT_UINT8, BASE_DEC, NULL, 0x0,
                         "Major version of the message: 1 (ISAKMP) or 2 (IKEv2)", HFILL } },
    { &hf_encrypted, { "Encrypted", "ikediag.encrypted", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
                       "The message's payloads are encrypted (IKEv1: E flag; IKEv2: an SK or SKF payload)", HFILL } },
    { &hf_sa, { "SA (conn-id)", "ikediag.sa", FT_UINT32, BASE_DEC, NULL, 0x0,
                "The ISAKMP SA this message belongs to, numbered as IOS numbers conn-ids (1001, 1002...)", HFILL } },
    { &hf_tunnel_id, { "IKEv2 SA (Tunnel-id)", "ikediag.tunnel_id", FT_UINT32, BASE_DEC, NULL, 0x0,
                       "The IKEv2 SA this message belongs to, numbered 1, 2... like the Tunnel-id of show crypto ikev2 sa",
                       HFILL } },
    { &hf_step, { "Step", "ikediag.step", FT_STRING, BASE_NONE, NULL, 0x0,
                  "What the message is in its exchange: MM1..MM6, AM1..AM3, QM1..QM3, INFO, TXN, FRAG; IKEv2: IKE_SA_INIT, IKE_AUTH, CREATE_CHILD_SA, INFORMATIONAL, IKE_INTERMEDIATE", HFILL } },
    { &hf_sender, { "Sender", "ikediag.sender", FT_STRING, BASE_NONE, NULL, 0x0,
                    "initiator or responder of the ISAKMP SA (unknown when phase 1 is not in the capture)", HFILL } },
    { &hf_message_id, { "Message ID", "ikediag.message_id", FT_UINT32, BASE_HEX, NULL, 0x0,
                        "The quick mode, informational or transaction exchange (IOS: node)", HFILL } },
    { &hf_state, { "State", "ikediag.state", FT_STRING, BASE_NONE, NULL, 0x0,
                   "IOS state of the SA after this message (the less advanced of the two sides)", HFILL } },
    { &hf_state_initiator, { "Initiator state", "ikediag.state.initiator", FT_STRING, BASE_NONE, NULL, 0x0,
                             "IOS state the initiator holds after this message", HFILL } },
    { &hf_state_responder, { "Responder state", "ikediag.state.responder", FT_STRING, BASE_NONE, NULL, 0x0,
                             "IOS state the responder holds after this message", HFILL } },
    { &hf_state_ios, { "Sender IOS state", "ikediag.state.ios", FT_STRING, BASE_NONE, NULL, 0x0,
                       "IKEv2: the last IOS state-machine name the wire confirms for the peer that sent this message (I_WAIT_INIT, I_WAIT_AUTH, R_WAIT_AUTH, AUTH_DONE, READY)", HFILL } },
    { &hf_state_asa, { "ASA state", "ikediag.state.asa", FT_STRING, BASE_NONE, NULL, 0x0,
                       "What an ASA shows after this message (the side that waits)", HFILL } },
    { &hf_retransmission, { "Retransmission", "ikediag.retransmission", FT_UINT32, BASE_DEC, NULL, 0x0,
                            "1 for the first resend of the same message, 2 for the second...", HFILL } },
    { &hf_retransmission_of, { "Retransmission of", "ikediag.retransmission_of", FT_FRAMENUM, BASE_NONE,
                               FRAMENUM_TYPE(FT_FRAMENUM_RETRANS_PREV), 0x0, "The first copy of this message", HFILL } },
    { &hf_time_since_original, { "Time since first copy", "ikediag.time_since_original", FT_RELATIVE_TIME, BASE_NONE,
                                 NULL, 0x0, "Seconds since the first copy of this message", HFILL } },
    { &hf_response_in, { "Response in", "ikediag.response_in", FT_FRAMENUM, BASE_NONE,
                         FRAMENUM_TYPE(FT_FRAMENUM_RESPONSE), 0x0, "The peer's answer to this message", HFILL } },
    { &hf_response_to, { "Response to", "ikediag.response_to", FT_FRAMENUM, BASE_NONE,
                         FRAMENUM_TYPE(FT_FRAMENUM_REQUEST), 0x0, "The message this one answers (its first copy)", HFILL } },
    { &hf_time_since_request, { "Time since request", "ikediag.time_since_request", FT_RELATIVE_TIME, BASE_NONE, NULL,
                                0x0, "Seconds since the first copy of the message this one answers", HFILL } },
    { &hf_vendor, { "Vendor ID", "ikediag.vendor", FT_STRING, BASE_NONE, NULL, 0x0,
                    "A vendor ID of this message, identified: who the peer is and what it can do", HFILL } },
    { &hf_ios_debug, { "IOS debug", "ikediag.ios_debug", FT_STRING, BASE_NONE, NULL, 0x0,
                       "A line of IOS's debug crypto isakmp for this offer, against the router policy file", HFILL } },
    { &hf_qm_local_id, { "Local proxy identity", "ikediag.qm.local_id", FT_STRING, BASE_NONE, NULL, 0x0,
                         "A decrypted QM1 or QM2's own proxy identity (QM1: IDci, QM2: IDcr) as IOS prints it: "
                         "addr/mask/prot/port", HFILL } },
    { &hf_qm_remote_id, { "Remote proxy identity", "ikediag.qm.remote_id", FT_STRING, BASE_NONE, NULL, 0x0,
                          "The other peer's proxy identity in a decrypted QM1 or QM2 (QM1: IDcr, QM2: IDci) as "
                          "IOS prints it: addr/mask/prot/port", HFILL } },
    { &hf_dpd, { "DPD", "ikediag.dpd", FT_STRING, BASE_NONE, NULL, 0x0,
                 "Dead Peer Detection notification read from Wireshark's decryption (RFC 3706): "
                 "R-U-THERE or R-U-THERE-ACK and its sequence number", HFILL } },
    { &hf_dpd_seq, { "DPD sequence number", "ikediag.dpd.seq", FT_UINT32, BASE_HEX, NULL, 0x0,
                     "The R-U-THERE's sequence number, which its R-U-THERE-ACK echoes", HFILL } },
    { &hf_ra_group, { "Group", "ikediag.ra.group", FT_STRING, BASE_NONE, NULL, 0x0,
                      "Remote access (Easy VPN): the group, from AM1's identity of type KEY_ID", HFILL } },
    { &hf_ra_user, { "User", "ikediag.ra.user", FT_STRING, BASE_NONE, NULL, 0x0,
                     "Remote access: the XAUTH user name, from a decrypted XAUTH REPLY, or the identity of a decrypted "
                     "IKEv2 EAP Response/Identity (never the password)", HFILL } },
    { &hf_ra_step, { "Transaction step", "ikediag.ra.step", FT_STRING, BASE_NONE, NULL, 0x0,
                     "What a transaction exchange message is: XAUTH REQUEST/REPLY/SET/ACK, MODE-CFG "
                     "REQUEST/REPLY/SET/ACK, or TXN when it cannot be told", HFILL } },
    { &hf_ra_inferred, { "Transaction step inferred", "ikediag.ra.step_inferred", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
                         "The transaction step was told from the order of the exchanges (research counting rule: "
                         "the server's first exchange asks for XAUTH credentials, its second sends the status, the "
                         "client's first pulls mode-config), not read from a decryption", HFILL } },
    { &hf_ra_xauth_status, { "XAUTH status", "ikediag.ra.xauth_status", FT_STRING, BASE_NONE, NULL, 0x0,
                             "The XAUTH status a decrypted XAUTH SET carried: OK or FAIL", HFILL } },
    { &hf_ra_address, { "Assigned address", "ikediag.ra.address", FT_IPv4, BASE_NONE, NULL, 0x0,
                        "The address a decrypted mode-config REPLY or SET (IKEv2: CP CFG_REPLY or CFG_SET) gave "
                        "the client", HFILL } },
    { &hf_ra_address6, { "Assigned IPv6 address", "ikediag.ra.address6", FT_IPv6, BASE_NONE, NULL, 0x0,
                         "The IPv6 address a decrypted mode-config REPLY or SET (IKEv2: CP CFG_REPLY or CFG_SET) "
                         "gave the client", HFILL } },
    { &hf_ra_attribute, { "Attribute", "ikediag.ra.attribute", FT_STRING, BASE_NONE, NULL, 0x0,
                          "An attribute of a decrypted transaction message, NAME: value (passwords only as their "
                          "length), and the requested attributes a reply left out", HFILL } },
    { &hf_verdict_evidence, { "Verdict evidence", "ikediag.verdict.evidence", FT_STRING, BASE_NONE, NULL, 0x0,
                              "How strongly the capture supports the SA's verdict: conclusive (a peer said so), "
                              "strong (retransmissions, a refusal understood), weak (the capture cannot tell)",
                              HFILL } },
    { &hf_findings, { "Findings", "ikediag.findings", FT_UINT32, BASE_DEC, NULL, 0x0,
                      "Number of findings for this message", HFILL } },
};

static void register_fields(void)
{
    proto_register_field_array(proto_ikediag, ikediag_fields, array_length(ikediag_fields));
}

void proto_register_ikediag(void)
{
    static gint *ett[] = { &ett_ikediag, &ett_ios_debug, &ett_ra };

    proto_ikediag = proto_register_protocol("IKE Diagnostics", "IKEDIAG", "ikediag");
    register_fields();
    ikediag_cert_fields_register(proto_ikediag);
    ikediag_ra_v2_fields_register(proto_ikediag);
    ikediag_revocation_fetch_register(proto_ikediag);
    proto_register_subtree_array(ett, array_length(ett));
    ikediag_expert_register(proto_ikediag);
    module_t *ikediag_module = prefs_register_protocol(proto_ikediag, ikediag_prefs_changed);
    ikediag_policy_register(ikediag_module);
    ikediag_engine_register_prefs(ikediag_module);
    register_shutdown_routine(ikediag_shutdown);

    ikediag_handle = register_dissector("ikediag", dissect_ikediag, proto_ikediag);
    register_postdissector(ikediag_handle);
    register_init_routine(ikediag_init);
    register_cleanup_routine(ikediag_cleanup);
    ikediag_tap = register_tap("ikediag");
    ikediag_sa_tables_register();
    ikediag_ipsec_table_register();
    ikediag_ikev2_tables_register();
    ikediag_session_table_register();
    ikediag_scep_register(proto_ikediag);
    ikediag_pki_table_register();
}

void proto_reg_handoff_ikediag(void)
{
    ikediag_locator_init();
    ikediag_scep_handoff();
    ikediag_revocation_fetch_init();
}
