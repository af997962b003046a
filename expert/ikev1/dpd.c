/* ikediag - Dead Peer Detection (RFC 3706) from decrypted informationals.
 *
 * Each R-U-THERE is a new informational (a new message ID). strongSwan sends
 * the same sequence number again until it is acknowledged (the lab's
 * ikev1-dpd-peer-dead capture: four R-U-THEREs with one number), so every
 * R-U-THERE is kept as a probe of its own, and an ACK answers the newest
 * unanswered R-U-THERE with the number it echoes. The notification's SPI is
 * the cookie pair (SPI size 16) and its data the 4-byte sequence number.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/dpd.h"

#include "core/byte_reader.h"
#include "ikev1/ikev1_names.h"

#include <glib.h>

/* How long an ACK may take before a probe with nothing after it is called
 * unanswered: an ACK comes back within a round trip, and DPD senders retry
 * after 2 s (IOS) to 5 s (strongSwan, libreswan) at the earliest. */
#define DPD_ACK_WAIT_SECONDS 2.0
/* Silence after the last probe means the sender gave up only when it lasts
 * this many probe intervals (and at least the ACK wait). */
enum { SILENT_INTERVALS = 2 };

enum { NOTIFY_FIXED = 12, SEQ_LEN = 4 };

/* The sequence number of the notification whose payload starts at `offset`
 * of the message, read from `data` (the message's bytes from offset `base`
 * on: 0 for a clear message, the header's 28 for a decryption). */
static bool read_seq(const uint8_t *data, size_t len, size_t base, uint32_t offset, uint32_t *seq)
{
    ikd_reader r = ikd_reader_make(data, len, base);
    uint16_t length;
    uint8_t spi_size;
    if (offset < base || !ikd_reader_skip(&r, offset - base + 2) || !ikd_read_u16(&r, &length) ||
        !ikd_reader_skip(&r, 5) || !ikd_read_u8(&r, &spi_size))
        return false;
    /* The data must lie inside the payload as its length says. */
    if ((size_t)length < NOTIFY_FIXED + (size_t)spi_size + SEQ_LEN)
        return false;
    return ikd_reader_skip(&r, 2u + spi_size) && ikd_read_u32(&r, seq);
}

/* The R-U-THEREs read so far, in order (the SA's rare part holds them). */
static guint probe_count(const ikd_v1_sa *v1)
{
    return ikd_dpd_log_count(ikd_v1_rare_const(v1)->dpd);
}

static ikd_dpd_probe *probe_at(const ikd_v1_sa *v1, guint i)
{
    return ikd_dpd_log_at(ikd_v1_rare_const(v1)->dpd, i);
}

static void on_r_u_there(const ikd_v1_event *ev, uint32_t seq)
{
    ikd_v1_sa_rare *rare = ikd_v1_rare(ev->ctx->records, ev->sa);
    if (!rare->dpd)
        rare->dpd = ikd_dpd_log_new();
    ikd_dpd_probe *probe = g_new0(ikd_dpd_probe, 1);
    probe->seq = seq;
    probe->sender = (int8_t)ev->peer;
    ikd_step_record_copy(&probe->rec, ev->packet, ev->ann, 2);
    ikd_dpd_log_add(rare->dpd, probe);
    ikd_sa_extra_of(&ev->sa->sa)->dpd_sent++;
    ikd_message_index_remember(ev->ctx->messages, ev->packet->frame, ev->packet->pdu, &probe->rec);
}

static void on_ack(const ikd_v1_event *ev, uint32_t seq)
{
    bool was_unanswered;
    ikd_dpd_probe *probe = ikd_dpd_log_answer(ikd_v1_rare_const(ev->sa)->dpd, 1 - ev->peer, seq, &was_unanswered);
    if (!probe)
        return; /* its R-U-THERE is not in the capture, or was not readable */
    ikd_sa_extra_of(&ev->sa->sa)->dpd_acked += was_unanswered;
    ikd_step_record_link_answer(&probe->rec, ev->packet, ev->ann);
}

static void note_isakmp_delete(const ikd_v1_event *ev, const ikd_message *m)
{
    int peer = ev->peer;
    if (m->has_delete && m->delete_protocol == IKD_PROTO_ISAKMP && peer >= 0 &&
        !ikd_v1_rare_const(ev->sa)->isakmp_delete_frame[peer]) {
        ikd_v1_sa_rare *rare = ikd_v1_rare(ev->ctx->records, ev->sa);
        rare->isakmp_delete_frame[peer] = ev->packet->frame;
        rare->isakmp_delete_time[peer] = ev->packet->time;
    }
}

void ikd_v1_on_dpd(const ikd_v1_event *ev, const ikd_message *m)
{
    const ikd_packet *p = ev->packet;
    note_isakmp_delete(ev, m);
    const uint8_t *data = m == ev->msg ? p->bytes : p->decrypted;
    size_t len = m == ev->msg ? p->captured_len : p->decrypted_len;
    size_t base = m == ev->msg ? 0 : IKD_ISAKMP_HEADER_LEN;
    for (uint32_t i = 0; i < m->notify_count && ev->peer >= 0; i++) {
        uint16_t type = m->notify_types[i];
        uint32_t seq;
        if ((type != IKD_NOTIFY_R_U_THERE && type != IKD_NOTIFY_R_U_THERE_ACK) ||
            !read_seq(data, len, base, m->notify_offsets[i], &seq))
            continue;
        ev->ann->result.dpd = type == IKD_NOTIFY_R_U_THERE ? IKD_DPD_R_U_THERE : IKD_DPD_R_U_THERE_ACK;
        ev->ann->result.dpd_seq = seq;
        if (type == IKD_NOTIFY_R_U_THERE)
            on_r_u_there(ev, seq);
        else
            on_ack(ev, seq);
        return; /* one DPD notification per message */
    }
}

void ikd_v1_dpd_unreadable(const ikd_v1_event *ev)
{
    ikd_dpd_probe *probe = ikd_dpd_log_latest(ikd_v1_rare_const(ev->sa)->dpd, 1 - ev->peer);
    if (probe && !probe->rec.answer_frame)
        probe->maybe_answered = true;
}

static bool unanswered(const ikd_dpd_probe *probe)
{
    return !probe->rec.answer_frame && !probe->maybe_answered;
}

/* A later R-U-THERE from the same peer than probe i, NULL for none. */
static const ikd_dpd_probe *next_from_sender(const ikd_v1_sa *v1, guint i)
{
    for (guint j = i + 1; j < probe_count(v1); j++)
        if (probe_at(v1, j)->sender == probe_at(v1, i)->sender)
            return probe_at(v1, j);
    return NULL;
}

void ikd_v1_dpd_unanswered(ikd_attached_findings *board, const ikd_v1_sa *v1, double capture_end)
{
    for (guint i = 0; i < probe_count(v1); i++) {
        const ikd_dpd_probe *probe = probe_at(v1, i);
        double waited = capture_end - probe->rec.first_time;
        if (!unanswered(probe) || (!next_from_sender(v1, i) && waited < DPD_ACK_WAIT_SECONDS))
            continue;
        const uint32_t args[IKD_FINDING_ARGS] = { probe->seq, ikd_sa_role_of(&v1->sa, probe->sender),
                                                  ikd_elapsed_ms(probe->rec.first_time, capture_end), 0, 0 };
        ikd_attach_finding(board, probe->rec.first_frame, probe->rec.first_pdu, IKD_F_DPD_UNANSWERED, args);
    }
}

/* The final run of unacknowledged R-U-THEREs from `sender`: count, first, last. */
static uint32_t final_run(const ikd_v1_sa *v1, int sender, ikd_dpd_run *run)
{
    uint32_t count = 0;
    for (guint i = 0; i < probe_count(v1); i++) {
        const ikd_dpd_probe *probe = probe_at(v1, i);
        if (probe->sender != sender)
            continue;
        if (!unanswered(probe)) {
            count = 0;
            continue;
        }
        if (!count++)
            run->first = probe;
        run->last = probe;
    }
    run->count = count;
    run->sender = sender;
    return count;
}

/* How the run ended: a delete from its sender, silence long enough to
 * mean the sender gave up, or neither yet. */
static void classify_end(const ikd_v1_sa *v1, double capture_end, ikd_dpd_run *run)
{
    const ikd_step_record *last = &run->last->rec;
    run->until = last->first_time;
    const ikd_v1_sa_rare *rare = ikd_v1_rare_const(v1);
    uint32_t deleted = rare->isakmp_delete_frame[run->sender];
    if (deleted > last->first_frame) {
        run->end = IKD_DPD_END_DELETED;
        run->until = rare->isakmp_delete_time[run->sender];
        return;
    }
    double interval = run->count > 1 ? (last->first_time - run->first->rec.first_time) / (run->count - 1) : 0;
    double quiet = SILENT_INTERVALS * interval > DPD_ACK_WAIT_SECONDS ? SILENT_INTERVALS * interval
                                                                       : DPD_ACK_WAIT_SECONDS;
    bool nothing_after =
        v1->sa.last_frame == ikd_step_record_last_frame(last) && v1->sa.last_pdu == ikd_step_record_last_pdu(last);
    if (run->count > 1 && nothing_after && capture_end - ikd_step_record_last_time(last) >= quiet)
        run->end = IKD_DPD_END_SILENT;
    else
        run->end = run->count >= IKD_DPD_DEAD_AFTER ? IKD_DPD_END_PROBING : IKD_DPD_END_TOO_SHORT;
}

bool ikd_v1_dpd_last_run(const ikd_v1_sa *v1, double capture_end, ikd_dpd_run *run)
{
    if (!probe_count(v1))
        return false;
    ikd_dpd_run best = { .count = 0 };
    for (int sender = 0; sender < 2; sender++) {
        ikd_dpd_run candidate = { .count = 0 };
        if (final_run(v1, sender, &candidate) > best.count)
            best = candidate;
    }
    if (!best.count)
        return false;
    classify_end(v1, capture_end, &best);
    *run = best;
    return true;
}
