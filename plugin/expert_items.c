/* ikediag - Wireshark expert infos made from the engine's findings catalogue.
 *
 * The catalogue (expert/findings.def) is the only list of findings; this file
 * maps its groups and severities onto Wireshark's and registers an expert
 * info named "ikediag.<filter>" for each row, so every finding is filterable.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "expert_items.h"

#include <epan/expert.h>
#include <epan/proto.h>
#include <epan/tap.h>

#include "core/text_buf.h"
#include "report/finding_text.h"

static expert_field ei_finding[IKD_FINDING_COUNT];
static ei_register_info ei_registry[IKD_FINDING_COUNT];
static int hf_finding = -1;
static int hf_detail = -1;
static int hf_cisco = -1;
static int hf_weak_crypto = -1;
static int hf_causes = -1;
static int hf_cause_line = -1;
static gint ett_finding = -1;
static gint ett_causes = -1;
static int proto_owner = -1; /* ikediag */
static int proto_ws_expert = -1;
static int expert_tap = -1;

/* The GUI cuts an item's label at ITEM_LABEL_LENGTH (240 bytes), "Likely
 * causes: " included; the causes text is shown beneath in lines that fit. */
#define CAUSE_LINE_MAX 200

static int group_of(ikd_group g)
{
    switch (g) {
    case IKD_GROUP_MALFORMED: return PI_MALFORMED;
    case IKD_GROUP_PROTOCOL: return PI_PROTOCOL;
    case IKD_GROUP_SEQUENCE: return PI_SEQUENCE;
    case IKD_GROUP_RESPONSE_CODE: return PI_RESPONSE_CODE;
    case IKD_GROUP_SECURITY: return PI_SECURITY;
    case IKD_GROUP_UNDECODED: return PI_UNDECODED;
    case IKD_GROUP_DECRYPTION: return PI_DECRYPTION;
    }
    return PI_PROTOCOL;
}

static int severity_of(ikd_severity s)
{
    switch (s) {
    case IKD_SEVERITY_CHAT: return PI_CHAT;
    case IKD_SEVERITY_NOTE: return PI_NOTE;
    case IKD_SEVERITY_WARN: return PI_WARN;
    case IKD_SEVERITY_ERROR: return PI_ERROR;
    }
    return PI_NOTE;
}

void ikediag_expert_register(int proto)
{
    proto_owner = proto;
    static hf_register_info hf[] = {
        { &hf_finding, { "Finding", "ikediag.finding", FT_STRING, BASE_NONE, NULL, 0x0,
                         "Name of the finding, as in its filter ikediag.<name>", HFILL } },
        { &hf_detail, { "Finding text", "ikediag.detail", FT_STRING, BASE_NONE, NULL, 0x0,
                        "What the finding says about this message (the expert item's text)", HFILL } },
        { &hf_weak_crypto, { "Weak cryptography", "ikediag.weak_crypto", FT_STRING, BASE_NONE, NULL, 0x0,
                             "A weak algorithm or mode this SA uses (each security finding's text)", HFILL } },
        { &hf_cisco, { "Cisco", "ikediag.cisco", FT_STRING, BASE_NONE, NULL, 0x0,
                       "What a Cisco router logs or sends for this finding", HFILL } },
        { &hf_causes, { "Likely causes", "ikediag.causes", FT_STRING, BASE_NONE, NULL, 0x0,
                        "What usually causes this finding", HFILL } },
        { &hf_cause_line, { "Likely causes, one line", "ikediag.causes.line", FT_STRING, BASE_NONE, NULL, 0x0,
                            "The causes text cut into lines that the packet details show whole", HFILL } },
    };
    static gint *ett[] = { &ett_finding, &ett_causes };
    static const ei_register_info blank = { NULL, { NULL, 0, 0, NULL, EXPFILL } };

    proto_register_field_array(proto, hf, array_length(hf));
    proto_register_subtree_array(ett, array_length(ett));

    for (int i = 0; i < IKD_FINDING_COUNT; i++) {
        const ikd_finding_info *info = ikd_finding_lookup((ikd_finding_id)i);
        ei_finding[i].ei = -1;
        ei_finding[i].hf = -1;
        ei_registry[i] = blank;
        ei_registry[i].ids = &ei_finding[i];
        /* Registered names must outlive the program: allocated once, never freed. */
        ei_registry[i].eiinfo.name = g_strdup_printf("ikediag.%s", info->filter);
        ei_registry[i].eiinfo.group = group_of(info->group);
        ei_registry[i].eiinfo.severity = severity_of(info->severity);
        ei_registry[i].eiinfo.summary = info->summary;
    }
    expert_module_t *module = expert_register_protocol(proto);
    expert_register_field_array(module, ei_registry, IKD_FINDING_COUNT);
}

void ikediag_expert_add(proto_tree *parent, packet_info *pinfo, tvbuff_t *tvb, gint message_start,
                        gint message_length, const ikd_finding *finding)
{
    const ikd_finding_info *info = ikd_finding_lookup((ikd_finding_id)finding->id);
    if (!info)
        return;
    char detail[256], cisco[256] = "";
    ikd_finding_render(info->detail, finding, detail, sizeof detail);

    /* The engine keeps spans inside the message; check again rather than let a
     * bad span throw out of the postdissector. */
    gint start = message_start, length = 0;
    if (finding->offset <= (guint32)message_length &&
        finding->length <= (guint32)message_length - finding->offset) {
        start = message_start + (gint)finding->offset;
        length = (gint)finding->length;
    }
    proto_item *item =
        proto_tree_add_expert_format(parent, pinfo, &ei_finding[finding->id], tvb, start, length, "%s", detail);
    proto_tree *sub = proto_item_add_subtree(item, ett_finding);
    proto_item_set_generated(proto_tree_add_string(sub, hf_finding, tvb, start, length, info->filter));
    /* The same text as the expert item, as a field so batch jobs can export it. */
    proto_item *d = proto_tree_add_string(sub, hf_detail, tvb, start, length, detail);
    proto_item_set_generated(d);
    proto_item_set_hidden(d);
    /* The Cisco text and the causes only when someone looks (a visible tree,
     * a filter or a field export): rendering them for every finding of a
     * single pass was most of this function's cost (callgrind). */
    if (proto_field_is_referenced(sub, hf_cisco))
        ikd_finding_render(info->cisco, finding, cisco, sizeof cisco);
    if (cisco[0]) {
        proto_item *c = proto_tree_add_string(sub, hf_cisco, tvb, start, length, cisco);
        proto_item_set_generated(c);
    }
    if (info->group == IKD_GROUP_SECURITY)
        proto_item_set_generated(proto_tree_add_string(sub, hf_weak_crypto, tvb, start, length, detail));
    /* The item keeps the whole text for filters and exports; its label just
     * says what follows, and the lines beneath carry the text. */
    if (!proto_field_is_referenced(sub, hf_causes) && !proto_field_is_referenced(sub, hf_cause_line))
        return;
    char causes[1024];
    ikd_finding_render(info->causes, finding, causes, sizeof causes);
    proto_item *why = proto_tree_add_string(sub, hf_causes, tvb, start, length, causes);
    proto_item_set_generated(why);
    proto_item_set_text(why, "Likely causes:");
    proto_tree *lines = proto_item_add_subtree(why, ett_causes);
    for (const char *p = causes; why && *p;) {
        size_t n = ikd_text_line_length(p, CAUSE_LINE_MAX);
        char *line = wmem_strndup(pinfo->pool, p, n);
        g_strchomp(line);
        proto_item *l = proto_tree_add_string_format(lines, hf_cause_line, tvb, start, length, line, "%s", line);
        proto_item_set_generated(l);
        p += n;
    }
}

void ikediag_expert_find_wireshark_ids(void)
{
    proto_ws_expert = proto_get_id_by_filter_name("_ws.expert");
    expert_tap = find_tap_id("expert");
}

gboolean ikediag_items_wanted(proto_tree *tree)
{
    if (tree && (proto_field_is_referenced(tree, proto_owner) ||
                 (proto_ws_expert > 0 && proto_field_is_referenced(tree, proto_ws_expert))))
        return TRUE;
    return expert_tap >= 0 && have_tap_listener(expert_tap);
}

void ikediag_expert_note_severity(packet_info *pinfo, ikd_finding_id id)
{
    if ((int)id >= 0 && id < IKD_FINDING_COUNT)
        expert_add_info(pinfo, NULL, &ei_finding[id]);
}
