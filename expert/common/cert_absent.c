/* ikediag - a signature authentication that came without a certificate.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "common/cert_notes.h"

/* Checked once per sender and SA: a resent message adds nothing. */
static bool already_noted(const ikd_sa *sa, int sender)
{
    return (sa->cert_absent_noted >> sender) & 1u;
}

void ikd_cert_check_signature(ikd_sa *sa, int sender, bool message_has_cert, ikd_annotation *ann, size_t at,
                              size_t span)
{
    if (sender < 0 || sender > 1 || message_has_cert || ikd_cert_first_sent_by(sa, sender) || already_noted(sa, sender))
        return;
    sa->cert_absent_noted |= 1u << sender;
    uint32_t asked = ikd_cert_requests_from(sa, 1 - sender);
    ikd_findings_add(&ann->findings, asked ? IKD_F_CERT_REQUEST_UNANSWERED : IKD_F_CERT_NOT_SENT, at, span,
                     ikd_sa_role_of(sa, sender), ikd_sa_role_of(sa, 1 - sender), asked, 0);
}
