/* ikediag - why a quick mode was refused.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/phase2_refusal.h"

#include "ikev1/ikev1_names.h"
#include "ikev1/ios_phase2_walk.h"

#include <string.h>

/* RFC 2408 3.14.1 notify types that refuse a quick mode for a reason of their own. */
enum {
    NOTIFY_INVALID_MESSAGE_ID = 9,
    NOTIFY_INVALID_PROTOCOL_ID = 10,
    NOTIFY_INVALID_SPI = 11,
    NOTIFY_INVALID_TRANSFORM_ID = 12,
    NOTIFY_ATTRIBUTES_NOT_SUPPORTED = 13,
    NOTIFY_BAD_PROPOSAL_SYNTAX = 15,
    NOTIFY_PAYLOAD_MALFORMED = 16,
    NOTIFY_INVALID_KEY_INFORMATION = 17,
    NOTIFY_INVALID_ID_INFORMATION = 18,
    NOTIFY_INVALID_HASH_INFORMATION = 23,
    NOTIFY_AUTHENTICATION_FAILED = 24,
};

/* The proxies when QM1 had no ID payloads: the peers themselves (RFC 2409 5.5). */
static ikd_proxy_id host_of(const ikd_address *a)
{
    ikd_proxy_id id;
    memset(&id, 0, sizeof id);
    id.kind = IKD_PROXY_ADDRESS;
    id.first = *a;
    return id;
}

/* Both proxies packed: unknown (all zero) when QM1 was not decrypted. */
static void pack_proxies(const ikd_quick_mode *qm, const ikd_address *initiator, const ikd_address *responder,
                         uint32_t args[IKD_FINDING_ARGS])
{
    const ikd_qm_decrypted *d = ikd_v1_qm_decrypted_const(qm);
    if (d->ids_known) {
        ikd_proxy_id_pack(&d->ids[0], &args[1]);
        ikd_proxy_id_pack(&d->ids[1], &args[3]);
    } else if (d->offer_count && initiator && responder) {
        /* QM1 was read (its offer is known) and named no proxies. */
        ikd_proxy_id i = host_of(initiator), r = host_of(responder);
        ikd_proxy_id_pack(&i, &args[1]);
        ikd_proxy_id_pack(&r, &args[3]);
    }
}

/* The policy file's walk explains the refusal when it found a mismatch of
 * the kind the notify reports (IOS may send NO-PROPOSAL-CHOSEN for a proxy
 * mismatch too): the verdict then names the file's line. */
static ikd_finding_id policy_refusal(const ikd_quick_mode *qm, const ikd_address *initiator,
                                     const ikd_address *responder, uint32_t args[IKD_FINDING_ARGS])
{
    bool no_proposal = qm->reject_notify == IKD_NOTIFY_NO_PROPOSAL_CHOSEN;
    const ikd_qm_decrypted *d = ikd_v1_qm_decrypted_const(qm);
    switch (d->policy_outcome) {
    case IKD_P2_WALK_TRANSFORM:
    case IKD_P2_WALK_PFS:
        if (!no_proposal)
            return IKD_FINDING_COUNT;
        args[1] = d->policy_line;
        ikd_proposal_pack(&ikd_phase2_kind, &d->offers[0], &args[2]);
        return d->policy_outcome == IKD_P2_WALK_PFS ? IKD_F_STUCK_PHASE2_POLICY_PFS
                                                     : IKD_F_STUCK_PHASE2_POLICY_TRANSFORM;
    case IKD_P2_WALK_PROXY:
        if (!no_proposal && qm->reject_notify != NOTIFY_INVALID_ID_INFORMATION)
            return IKD_FINDING_COUNT;
        pack_proxies(qm, initiator, responder, args);
        args[0] = d->policy_line;
        return IKD_F_STUCK_PHASE2_POLICY_ACL;
    default: return IKD_FINDING_COUNT;
    }
}

ikd_finding_id ikd_v1_phase2_refusal(const ikd_quick_mode *qm, const ikd_address *initiator,
                                     const ikd_address *responder, uint32_t args[IKD_FINDING_ARGS])
{
    memset(args, 0, IKD_FINDING_ARGS * sizeof args[0]);
    args[0] = qm->message_id;
    ikd_finding_id by_policy = qm->reject_notify ? policy_refusal(qm, initiator, responder, args) : IKD_FINDING_COUNT;
    if (by_policy != IKD_FINDING_COUNT)
        return by_policy;
    switch (qm->reject_notify) {
    case 0:
        args[1] = qm->steps[0].first_frame;
        return IKD_F_STUCK_PHASE2_REJECTED;
    case IKD_NOTIFY_NO_PROPOSAL_CHOSEN: {
        const ikd_qm_decrypted *offered = ikd_v1_qm_decrypted_const(qm);
        args[1] = offered->offer_count;
        if (offered->offer_count)
            ikd_proposal_pack(&ikd_phase2_kind, &offered->offers[0], &args[2]);
        return IKD_F_STUCK_PHASE2_NO_PROPOSAL;
    }
    case NOTIFY_INVALID_ID_INFORMATION:
        pack_proxies(qm, initiator, responder, args);
        return IKD_F_STUCK_PHASE2_PROXY_MISMATCH;
    default:
        args[1] = qm->reject_notify;
        return IKD_F_STUCK_PHASE2_REFUSED;
    }
}

const char *ikd_phase2_refusal_cause(uint16_t notify_type)
{
    switch (notify_type) {
    case NOTIFY_INVALID_MESSAGE_ID: return "probable phase-2 state out of step (a quick mode lost or run twice)";
    case NOTIFY_INVALID_PROTOCOL_ID: return "probable protocol the responder's transform sets lack (AH against ESP)";
    case NOTIFY_INVALID_SPI: return "probable stale IPsec SA on one side (a reboot or a missed delete)";
    case NOTIFY_INVALID_TRANSFORM_ID: return "probable transform the responder does not implement";
    case NOTIFY_ATTRIBUTES_NOT_SUPPORTED:
        return "probable SA attribute the responder does not support (lifetime in kilobytes, key length, "
               "encapsulation mode)";
    case NOTIFY_BAD_PROPOSAL_SYNTAX: return "probable SA payload the responder could not parse";
    case NOTIFY_PAYLOAD_MALFORMED: return "probable QM1 the responder could not parse or decrypt (a sender bug, or keys out of step)";
    case NOTIFY_INVALID_KEY_INFORMATION: return "probable PFS mismatch: the key exchange does not fit the offered PFS group";
    case NOTIFY_INVALID_HASH_INFORMATION:
    case NOTIFY_AUTHENTICATION_FAILED: return "probable HASH(1) check failure: QM1 altered in transit, or the phase-1 keys out of step";
    default: return "probable cause as that notification's own finding describes";
    }
}
