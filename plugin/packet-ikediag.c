/* ikediag - the postdissector: IKE diagnostics under each ISAKMP message.
 *
 * First pass (frame not yet visited): find the frame's ISAKMP messages in the
 * tree Wireshark's ISAKMP dissector built, read each with the engine, and keep
 * the result with the frame (file scope). Every pass, including the first:
 * render the kept result. The tree may be NULL on any pass; the expert items
 * still reach Wireshark's expert tap.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikediag.h"

#include <epan/expert.h>
#include <epan/proto_data.h>

#include "expert_items.h"
#include "findings.h"
#include "message.h"
#include "pdu_locator.h"

static int proto_ikediag = -1;
static int hf_ike_version = -1;
static int hf_encrypted = -1;
static int hf_findings = -1;
static gint ett_ikediag = -1;
static dissector_handle_t ikediag_handle;

/* What the first pass learned about one ISAKMP message; file scope. */
typedef struct {
    guint ds_index; /* where the message lives: index in pinfo->data_src */
    gint start;
    gint length;
    guint8 major;
    gboolean encrypted;
    guint32 finding_count;
    guint32 findings_dropped;
    ikd_finding *findings;
} ikediag_pdu_result;

/* Per frame, stored with p_add_proto_data under proto_ikediag, key 0. */
typedef struct {
    guint pdu_count;
    ikediag_pdu_result *pdus;
} ikediag_frame_result;

static void keep_message(ikediag_pdu_result *out, const ikediag_pdu *pdu, const ikd_message *msg)
{
    out->ds_index = pdu->ds_index;
    out->start = pdu->start;
    out->length = pdu->length;
    out->major = msg->major;
    out->encrypted = msg->encrypted;
    out->finding_count = msg->findings.count;
    out->findings_dropped = msg->findings.dropped;
    out->findings = (ikd_finding *)wmem_memdup(wmem_file_scope(), msg->findings.items,
                                               msg->findings.count * sizeof(ikd_finding));
}

static ikediag_frame_result *analyse_frame(packet_info *pinfo, proto_tree *tree)
{
    ikediag_pdu pdus[IKEDIAG_MAX_PDUS_PER_FRAME];
    guint n = ikediag_locate_pdus(pinfo, tree, pdus, IKEDIAG_MAX_PDUS_PER_FRAME);
    if (!n)
        return NULL;
    ikediag_frame_result *frame = wmem_new0(wmem_file_scope(), ikediag_frame_result);
    frame->pdus = wmem_alloc0_array(wmem_file_scope(), ikediag_pdu_result, n);
    frame->pdu_count = n;
    for (guint i = 0; i < n; i++) {
        const guint8 *bytes = tvb_get_ptr(pdus[i].tvb, pdus[i].start, pdus[i].length);
        ikd_message msg;
        ikd_message_read(bytes, (size_t)pdus[i].length, pdus[i].reported_len, pdus[i].transport, &msg);
        keep_message(&frame->pdus[i], &pdus[i], &msg);
    }
    return frame;
}

/* The most severe warning or error, for the Info column. */
static const ikd_finding *headline(const ikediag_pdu_result *r)
{
    const ikd_finding *best = NULL;
    ikd_severity best_sev = IKD_SEVERITY_NOTE;
    for (guint32 i = 0; i < r->finding_count; i++) {
        ikd_severity s = ikd_finding_lookup((ikd_finding_id)r->findings[i].id)->severity;
        if (s > best_sev) {
            best = &r->findings[i];
            best_sev = s;
        }
    }
    return best;
}

static void render_message(const ikediag_pdu_result *r, packet_info *pinfo, proto_tree *tree)
{
    tvbuff_t *tvb = ikediag_data_source(pinfo, r->ds_index);
    if (!tvb)
        return;
    proto_item *ti = proto_tree_add_item(tree, proto_ikediag, tvb, r->start, r->length, ENC_NA);
    proto_tree *sub = proto_item_add_subtree(ti, ett_ikediag);
    proto_item_append_text(ti, ": IKEv%u%s, %u finding%s", r->major, r->encrypted ? " (encrypted)" : "",
                           r->finding_count + (r->findings_dropped ? 1 : 0),
                           r->finding_count == 1 && !r->findings_dropped ? "" : "s");
    proto_item_set_generated(proto_tree_add_uint(sub, hf_ike_version, tvb, r->start, 0, r->major));
    proto_item_set_generated(proto_tree_add_boolean(sub, hf_encrypted, tvb, r->start, 0, r->encrypted));
    proto_item_set_generated(proto_tree_add_uint(sub, hf_findings, tvb, r->start, 0, r->finding_count));
    for (guint32 i = 0; i < r->finding_count; i++)
        ikediag_expert_add(sub, pinfo, tvb, r->start, r->length, &r->findings[i]);
    if (r->findings_dropped) {
        ikd_finding more = { IKD_F_FINDINGS_DROPPED, 0, 0, { r->findings_dropped, 0, 0, 0 } };
        ikediag_expert_add(sub, pinfo, tvb, r->start, r->length, &more);
    }
    const ikd_finding *top = headline(r);
    if (top) {
        char text[256];
        ikd_finding_render(ikd_finding_lookup((ikd_finding_id)top->id)->detail, top, text, sizeof text);
        col_append_fstr(pinfo->cinfo, COL_INFO, " [ikediag: %s]", text);
    }
}

static int dissect_ikediag(tvbuff_t *tvb _U_, packet_info *pinfo, proto_tree *tree, void *data _U_)
{
    ikediag_frame_result *frame;
    if (!PINFO_FD_VISITED(pinfo)) {
        frame = analyse_frame(pinfo, tree);
        if (frame)
            p_add_proto_data(wmem_file_scope(), pinfo, proto_ikediag, 0, frame);
    } else {
        frame = (ikediag_frame_result *)p_get_proto_data(wmem_file_scope(), pinfo, proto_ikediag, 0);
    }
    if (!frame)
        return 0;
    for (guint i = 0; i < frame->pdu_count; i++)
        render_message(&frame->pdus[i], pinfo, tree);
    return tvb_captured_length(tvb);
}

static void ikediag_init(void)
{
    set_postdissector_wanted_hfids(ikediag_handle, ikediag_locator_wanted_hfids());
}

static void ikediag_cleanup(void)
{
    set_postdissector_wanted_hfids(ikediag_handle, NULL);
}

void proto_register_ikediag(void)
{
    static hf_register_info hf[] = {
        { &hf_ike_version, { "IKE version", "ikediag.ike_version", FT_UINT8, BASE_DEC, NULL, 0x0,
                             "Major version of the ISAKMP message (1 is analysed in full)", HFILL } },
        { &hf_encrypted, { "Encrypted", "ikediag.encrypted", FT_BOOLEAN, BASE_NONE, NULL, 0x0,
                           "The message's payloads are encrypted (E flag)", HFILL } },
        { &hf_findings, { "Findings", "ikediag.findings", FT_UINT32, BASE_DEC, NULL, 0x0,
                          "Number of findings for this message", HFILL } },
    };
    static gint *ett[] = { &ett_ikediag };

    proto_ikediag = proto_register_protocol("IKE Diagnostics", "IKEDIAG", "ikediag");
    proto_register_field_array(proto_ikediag, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));
    ikediag_expert_register(proto_ikediag);

    ikediag_handle = register_dissector("ikediag", dissect_ikediag, proto_ikediag);
    register_postdissector(ikediag_handle);
    register_init_routine(ikediag_init);
    register_cleanup_routine(ikediag_cleanup);
}

void proto_reg_handoff_ikediag(void)
{
    ikediag_locator_init();
}
