/* ikediag - IKEv2 checks on the header and on the message as a whole.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev2/message_checks.h"

#include "common/ike_header.h"
#include "ikev2/ikev2_names.h"
#include "ikev2/message.h"
#include "ikev2/sa_payload.h"

static bool spi_is_zero(const uint8_t spi[8])
{
    return ikd_bytes_all_zero(spi, 8);
}

/* Exchanges that only run inside an IKE SA the responder has already
 * answered, hence with its SPI and under encryption. */
static bool inside_ike_sa(uint8_t exchange)
{
    return exchange == IKD_V2_EX_AUTH || exchange == IKD_V2_EX_CREATE_CHILD_SA ||
           exchange == IKD_V2_EX_INTERMEDIATE || exchange == IKD_V2_EX_FOLLOWUP_KE;
}

/* IKE_SA_INIT's request comes from the original initiator (I set, R clear),
 * its response from the responder (R set, I clear). */
static bool sa_init_flags_fit(const ikd_v2_message *msg)
{
    return msg->response ? !msg->initiator : msg->initiator;
}

static void check_message_id(ikd_v2_walk *w)
{
    const ikd_v2_message *msg = w->msg;
    if (msg->exchange == IKD_V2_EX_SA_INIT && msg->message_id != 0)
        ikd_v2_flag(w, IKD_F_V2_MESSAGE_ID_SA_INIT, IKD_HDR_MESSAGE_ID, 4, msg->message_id, 0, 0, 0);
    /* IKE_AUTH and IKE_INTERMEDIATE are the original initiator's requests
     * after IKE_SA_INIT (message 0); the responder never starts them. */
    if ((msg->exchange == IKD_V2_EX_AUTH || msg->exchange == IKD_V2_EX_INTERMEDIATE) && msg->message_id == 0)
        ikd_v2_flag(w, IKD_F_V2_MESSAGE_ID_ZERO, IKD_HDR_MESSAGE_ID, 4, msg->exchange, 0, 0, 0);
}

static void check_spis(ikd_v2_walk *w)
{
    const ikd_v2_message *msg = w->msg;
    if (spi_is_zero(msg->spi_i))
        ikd_v2_flag(w, IKD_F_V2_SPI_I_ZERO, IKD_HDR_SPI_I, 8, 0, 0, 0, 0);
    bool spi_r_zero = spi_is_zero(msg->spi_r);
    if (msg->exchange == IKD_V2_EX_SA_INIT && !msg->response && !spi_r_zero)
        ikd_v2_flag(w, IKD_F_V2_SPI_R_IN_SA_INIT, IKD_HDR_SPI_R, 8, 0, 0, 0, 0);
    else if (inside_ike_sa(msg->exchange) && spi_r_zero)
        ikd_v2_flag(w, IKD_F_V2_SPI_R_ZERO, IKD_HDR_SPI_R, 8, msg->exchange, 0, 0, 0);
}

void ikd_v2_check_header(ikd_v2_walk *w)
{
    const ikd_v2_message *msg = w->msg;
    if (msg->minor != 0)
        ikd_v2_flag(w, IKD_F_V2_MINOR_VERSION, IKD_HDR_VERSION, 1, msg->minor, 0, 0, 0);
    if (msg->exchange >= 240)
        ikd_v2_flag(w, IKD_F_PRIVATE_EXCHANGE, IKD_HDR_EXCHANGE, 1, msg->exchange, 0, 0, 0);
    else if (!ikd_v2_exchange_is_known(msg->exchange))
        ikd_v2_flag(w, IKD_F_V2_EXCHANGE_TYPE, IKD_HDR_EXCHANGE, 1, msg->exchange, 0, 0, 0);
    /* RFC 7296 3.1: senders clear the reserved bits, and V while no major
     * version above 2 exists; receivers ignore both. */
    uint8_t reserved = (uint8_t)(msg->flags & ~IKD_V2_FLAGS_DEFINED);
    if (reserved)
        ikd_v2_flag(w, IKD_F_FLAGS, IKD_HDR_FLAGS, 1, msg->flags, reserved, 0, 0);
    if (msg->flags & IKD_V2_FLAG_VERSION)
        ikd_v2_flag(w, IKD_F_V2_VERSION_FLAG, IKD_HDR_FLAGS, 1, msg->flags, 0, 0, 0);
    if (msg->exchange == IKD_V2_EX_SA_INIT && !sa_init_flags_fit(msg))
        ikd_v2_flag(w, IKD_F_V2_SA_INIT_FLAGS, IKD_HDR_FLAGS, 1, msg->flags, 0, 0, 0);
    check_spis(w);
    check_message_id(w);
}

/* The KE payload's group against the SA payload of the same message: an
 * offer must include it, a choice must be it (RFC 7296 1.2, 1.3). */
static void check_ke_group(ikd_v2_walk *w)
{
    const ikd_v2_message *msg = w->msg;
    const ikd_v2_sa_payload *sa = &msg->sa;
    if (!msg->has_ke || !sa->present || sa->malformed || !sa->proposal_count ||
        sa->transforms_seen != sa->transform_count || sa->proposals_seen != sa->proposal_count)
        return; /* nothing to compare, or the SA is not known whole */
    const ikd_v2_payload_ref *ke = ikd_v2_message_payload(msg, IKD_V2_PL_KE);
    size_t offset = ke ? ke->offset + 4 : 0;
    if (msg->response && sa->proposal_count == 1) {
        const ikd_v2_transform *dh = ikd_v2_proposal_transform(msg, 0, IKD_V2_TT_DH);
        if (dh && dh->id != msg->ke_group)
            ikd_v2_flag(w, IKD_F_V2_KE_GROUP_NOT_CHOSEN, offset, 2, msg->ke_group, dh->id, 0, 0);
        else if (!dh)
            ikd_v2_flag(w, IKD_F_V2_KE_GROUP_NOT_OFFERED, offset, 2, msg->ke_group, 0, 0, 0);
        return;
    }
    if (!ikd_v2_sa_offers(msg, IKD_V2_TT_DH, msg->ke_group))
        ikd_v2_flag(w, IKD_F_V2_KE_GROUP_NOT_OFFERED, offset, 2, msg->ke_group, 0, 0, 0);
}

static void check_encryption(ikd_v2_walk *w)
{
    const ikd_v2_message *msg = w->msg;
    bool encrypted = msg->has_sk || msg->has_skf;
    if (encrypted && msg->exchange == IKD_V2_EX_SA_INIT)
        ikd_v2_flag(w, IKD_F_V2_SK_IN_SA_INIT, msg->sk_offset, msg->sk_length,
                    msg->has_sk ? IKD_V2_PL_SK : IKD_V2_PL_SKF, 0, 0, 0);
    else if (!encrypted && !msg->decrypted && !msg->incomplete && inside_ike_sa(msg->exchange))
        ikd_v2_flag(w, IKD_F_V2_NOT_ENCRYPTED, IKD_IKE_HEADER_LEN, 0, msg->exchange, 0, 0, 0);
    if (msg->has_skf && msg->payloads_seen > 1)
        ikd_v2_flag(w, IKD_F_V2_SKF_NOT_ALONE, msg->sk_offset, msg->sk_length, msg->payloads_seen - 1, 0, 0, 0);
}

void ikd_v2_check_message(ikd_v2_walk *w)
{
    check_encryption(w);
    if (w->msg->exchange == IKD_V2_EX_SA_INIT || w->msg->exchange == IKD_V2_EX_CREATE_CHILD_SA)
        check_ke_group(w);
}
