/* ikediag - the engine: hands each message to its IKE version's handler,
 * the way Suricata's IKE parser hands each to ikev1.rs or ikev2.rs, and
 * answers for the whole capture afterwards (SAs, answers, verdicts).
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "engine.h"

#include "common/attached_findings.h"
#include "common/ike_header.h"
#include "common/message_index.h"
#include "common/peer_pairs.h"
#include "common/sa_store.h"
#include "ikev1/ikev1.h"
#include "ikev1/verdicts.h"
#include "ikev2/ikev2.h"

#include <string.h>

struct ikd_engine {
    ikd_sa_store store;
    ikd_message_index messages;
    ikd_attached_findings verdicts;
    bool verdicts_stale; /* messages were fed since the verdicts were computed */
    double last_time;
    const ikd_ios_config *ios_config; /* not owned */
};

ikd_engine *ikd_engine_new(void)
{
    ikd_engine *e = g_new0(ikd_engine, 1);
    ikd_sa_store_init(&e->store);
    ikd_message_index_init(&e->messages);
    ikd_attached_findings_init(&e->verdicts);
    return e;
}

void ikd_engine_free(ikd_engine *engine)
{
    if (!engine)
        return;
    ikd_attached_findings_clear(&engine->verdicts);
    ikd_message_index_clear(&engine->messages);
    ikd_sa_store_clear(&engine->store);
    g_free(engine);
}

void ikd_engine_feed(ikd_engine *e, const ikd_packet *p, ikd_annotation *ann)
{
    memset(ann, 0, sizeof *ann);
    if (p->time > e->last_time || !ikd_sa_store_count(&e->store)) {
        e->last_time = p->time;
        e->verdicts_stale = true; /* "abandoned" depends on where the capture ends */
    }
    if (ikd_ike_major_version(p->bytes, p->captured_len) == IKD_IKEV2_MAJOR) {
        ikd_v2_feed(p, ann);
    } else {
        /* ISAKMP, and anything that claims another version: the IKEv1 reader flags it. */
        const ikd_v1_context ctx = { &e->store, &e->messages, e->ios_config };
        ikd_v1_feed(&ctx, p, ann);
    }
    if (ann->result.conn_id)
        e->verdicts_stale = true;
}

void ikd_engine_set_ios_config(ikd_engine *e, const ikd_ios_config *config)
{
    e->ios_config = config;
}

uint32_t ikd_engine_response_in(const ikd_engine *e, uint32_t frame, uint32_t pdu)
{
    return ikd_message_index_answer(&e->messages, frame, pdu);
}

/* Recomputes every SA's verdict and final status. */
static void judge_all(ikd_engine *e)
{
    ikd_attached_findings_remove_all(&e->verdicts);
    ikd_peer_pairs *pairs = ikd_peer_pairs_build(&e->store);
    for (uint32_t i = 0; i < ikd_sa_store_count(&e->store); i++) {
        ikd_v1_sa *v1 = ikd_v1_sa_of(ikd_sa_store_at(&e->store, i));
        if (v1)
            ikd_v1_judge(v1, pairs, &e->verdicts, e->last_time);
    }
    ikd_peer_pairs_free(pairs);
    e->verdicts_stale = false;
}

static void bring_up_to_date(ikd_engine *e)
{
    if (e->verdicts_stale)
        judge_all(e);
}

void ikd_engine_verdicts(ikd_engine *e, uint32_t frame, uint32_t pdu, ikd_finding_list *out)
{
    bring_up_to_date(e);
    ikd_attached_findings_get(&e->verdicts, frame, pdu, out);
}

uint32_t ikd_engine_sa_count(ikd_engine *e)
{
    bring_up_to_date(e);
    return ikd_sa_store_count(&e->store);
}

const ikd_sa *ikd_engine_sa(ikd_engine *e, uint32_t index)
{
    bring_up_to_date(e);
    return ikd_sa_store_at(&e->store, index);
}

const ikd_sa *ikd_engine_sa_by_conn_id(ikd_engine *e, uint32_t conn_id)
{
    bring_up_to_date(e);
    return ikd_sa_store_by_conn_id(&e->store, conn_id);
}

const ikd_sa *ikd_engine_sa_peek(const ikd_engine *e, uint32_t conn_id)
{
    return ikd_sa_store_by_conn_id(&e->store, conn_id);
}

double ikd_engine_last_time(const ikd_engine *e)
{
    return e->last_time;
}
