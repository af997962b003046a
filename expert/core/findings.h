/* ikediag - findings: what the engine says about a message or an SA.
 *
 * The catalogue (findings.def) is the one source of truth; this header turns
 * it into an enum and a table, and declares the per-message finding list.
 * Templates are expanded into text by report/finding_text.h.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_FINDINGS_H
#define IKD_FINDINGS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* Wireshark's expert groups and severities, mirrored so the engine stays free
 * of libwireshark; the plugin maps them one to one. */
typedef enum {
    IKD_GROUP_MALFORMED,
    IKD_GROUP_PROTOCOL,
    IKD_GROUP_SEQUENCE,
    IKD_GROUP_RESPONSE_CODE,
    IKD_GROUP_SECURITY,
    IKD_GROUP_UNDECODED,
    IKD_GROUP_DECRYPTION,
} ikd_group;

typedef enum {
    IKD_SEVERITY_CHAT,
    IKD_SEVERITY_NOTE,
    IKD_SEVERITY_WARN,
    IKD_SEVERITY_ERROR,
} ikd_severity;

typedef enum {
#define IKD_FINDING(id, filter, group, severity, summary, detail, cisco, causes) IKD_F_##id,
#include "core/findings.def"
#undef IKD_FINDING
    IKD_FINDING_COUNT
} ikd_finding_id;

typedef struct {
    const char *name;   /* "RESERVED_NOT_ZERO" */
    const char *filter; /* "malformed.reserved_not_zero", under "ikediag." */
    ikd_group group;
    ikd_severity severity;
    const char *summary;
    const char *detail; /* template */
    const char *cisco;  /* template, may be "" */
    const char *causes;
} ikd_finding_info;

const ikd_finding_info *ikd_finding_lookup(ikd_finding_id id);

enum { IKD_FINDING_ARGS = 5, IKD_MAX_FINDINGS = 32 };

/* The IKEv2 reader's findings carry IKD_FINDING_IKEV2 in their last
 * argument, so that {N:payload}, {N:exchange}, {N:protocol} and {N:notify}
 * name RFC 7296's numbers, not IKEv1's, in the findings both versions share. */
enum { IKD_FINDING_ARG_VERSION = IKD_FINDING_ARGS - 1, IKD_FINDING_IKEV2 = 2 };

/* One occurrence. offset/length point at the bytes it is about, relative to
 * the start of the message and always inside the captured bytes. */
typedef struct {
    uint16_t id; /* ikd_finding_id */
    uint32_t offset;
    uint32_t length;
    uint32_t arg[IKD_FINDING_ARGS];
} ikd_finding;

typedef struct {
    ikd_finding items[IKD_MAX_FINDINGS];
    uint32_t count;
    uint32_t dropped; /* found but not stored: the list was full */
} ikd_finding_list;

void ikd_findings_add(ikd_finding_list *list, ikd_finding_id id, size_t offset, size_t length,
                      uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);
/* Same, with all IKD_FINDING_ARGS arguments. */
void ikd_findings_add_args(ikd_finding_list *list, ikd_finding_id id, size_t offset, size_t length,
                           const uint32_t args[IKD_FINDING_ARGS]);
/* Same, with the byte span clamped to the first `captured` bytes of the
 * message, so a finding never points past what the capture holds. */
void ikd_findings_add_within(ikd_finding_list *list, size_t captured, ikd_finding_id id, size_t offset,
                             size_t length, uint32_t a0, uint32_t a1, uint32_t a2, uint32_t a3);
/* The error-notification finding for an IKEv1 notify type, or IKD_FINDING_COUNT. */
ikd_finding_id ikd_finding_for_notify(uint16_t notify_type);
bool ikd_findings_has(const ikd_finding_list *list, ikd_finding_id id);
/* Copies a list's count and the findings it holds, not the unused rest of
 * its array: copying the whole 1 KB list for every message was 6% of the
 * engine's time (perf, 100k healthy SAs). */
void ikd_findings_copy(ikd_finding_list *to, const ikd_finding_list *from);

#endif
