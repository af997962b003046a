/* ikediag - the engine's private state, shared by engine.c, sa_table.c and
 * verdicts.c. Internal to expert/.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_ENGINE_INTERNAL_H
#define IKD_ENGINE_INTERNAL_H

#include "engine.h"

#include <glib.h>

/* Where one message sits in its SA, so "response in" and verdicts can find it
 * again by (frame, pdu). */
typedef struct {
    ikd_sa *sa;
    int8_t p1_step;   /* 1..6 phase-1 step number, or 0 */
    int32_t qm_node;  /* index in sa->qm, or -1 */
    int8_t qm_step;   /* 0..2 for QM1..QM3 */
} ikd_message_ref;

struct ikd_engine {
    GPtrArray *sas;          /* ikd_sa*, owned, conn-id order */
    GHashTable *by_icookie;  /* guint64 cookie -> GPtrArray of ikd_sa* (not owned), newest last */
    GHashTable *messages;    /* guint64 (frame, pdu) -> ikd_message_ref*, owned */
    GHashTable *verdicts;    /* guint64 (frame, pdu) -> GArray of ikd_finding, owned */
    bool verdicts_stale;     /* messages were fed since the verdicts were computed */
    double last_time;
    const ikd_ios_config *ios_config; /* not owned */
};

guint64 ikd_message_key(uint32_t frame, uint32_t pdu);
/* How many bits are set: how many attributes two transforms disagree on. */
int ikd_bit_count(unsigned v);
uint32_t ikd_elapsed_ms(double from, double to);

/* SA table (sa_table.c) */
ikd_sa *ikd_sa_find(ikd_engine *engine, const ikd_message *msg);
ikd_sa *ikd_sa_create(ikd_engine *engine, const ikd_message *msg, const ikd_packet *packet);
/* 0 or 1: which of sa->peer sent the packet; -1 when neither address fits. */
int ikd_sa_peer_index(const ikd_sa *sa, const ikd_packet *packet);
ikd_qm_node *ikd_sa_quick_mode(ikd_sa *sa, uint32_t message_id, int32_t *index);
void ikd_sa_free(ikd_sa *sa);

/* NAT detection (nat_detect.c): compares the NAT-D payloads of a phase-1
 * message with the addresses this capture shows, flags what differs. */
void ikd_check_nat_detection(ikd_sa *sa, const ikd_packet *packet, ikd_annotation *ann, int peer);

/* Verdicts (verdicts.c): recomputes them and the SAs' final status. */
void ikd_verdicts_compute(ikd_engine *engine);

#endif
