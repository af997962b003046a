/* ikediag - an SA's R-U-THEREs as read (dpd_log.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikev1/dpd_log.h"

#include "core/keyed_items.h"

struct ikd_dpd_log {
    GPtrArray *probes;  /* ikd_dpd_probe*, owned, in order */
    uint32_t latest[2]; /* per sender: 1 + the index of its newest R-U-THERE, 0 for none */
    GHashTable *by_key; /* (sender, number) -> probes_of_key; NULL while walked */
};

/* The R-U-THEREs of one sender and number: those unanswered as a stack (an
 * ACK answers the newest), and the newest answered (an ACK sent again). */
typedef struct {
    ikd_dpd_probe *unanswered; /* older ones follow ->older_unanswered */
    ikd_dpd_probe *answered;
} probes_of_key;

static void free_probe(gpointer p)
{
    ikd_step_record_release(&((ikd_dpd_probe *)p)->rec);
    g_free(p);
}

ikd_dpd_log *ikd_dpd_log_new(void)
{
    ikd_dpd_log *log = g_new0(ikd_dpd_log, 1);
    log->probes = g_ptr_array_new_with_free_func(free_probe);
    return log;
}

void ikd_dpd_log_free(ikd_dpd_log *log)
{
    if (!log)
        return;
    if (log->by_key)
        g_hash_table_destroy(log->by_key);
    g_ptr_array_free(log->probes, TRUE);
    g_free(log);
}

static uint64_t probe_key(int sender, uint32_t seq)
{
    return (uint64_t)(uint8_t)sender << 32 | seq;
}

static void note_answered(probes_of_key *entry, ikd_dpd_probe *probe)
{
    if (!entry->answered || ikd_step_record_first_before(&entry->answered->rec, &probe->rec))
        entry->answered = probe;
}

/* Files one R-U-THERE in the table, after every older one. */
static void file_in_table(ikd_dpd_log *log, ikd_dpd_probe *probe)
{
    gpointer key = ikd_key64(probe_key(probe->sender, probe->seq));
    probes_of_key *entry = g_hash_table_lookup(log->by_key, key);
    if (!entry) {
        entry = g_new0(probes_of_key, 1);
        g_hash_table_insert(log->by_key, key, entry);
    }
    if (probe->rec.answer_frame) {
        note_answered(entry, probe);
    } else {
        probe->older_unanswered = entry->unanswered;
        entry->unanswered = probe;
    }
}

void ikd_dpd_log_add(ikd_dpd_log *log, ikd_dpd_probe *probe)
{
    g_ptr_array_add(log->probes, probe);
    if (probe->sender == 0 || probe->sender == 1)
        log->latest[probe->sender] = log->probes->len;
    if (log->by_key) {
        file_in_table(log, probe);
    } else if (log->probes->len >= IKD_KEYED_ITEMS_WALKED) {
        log->by_key = g_hash_table_new_full(ikd_key64_hash, g_direct_equal, NULL, g_free);
        for (guint i = 0; i < log->probes->len; i++) /* oldest first: the newest ends on top */
            file_in_table(log, g_ptr_array_index(log->probes, i));
    }
}

/* Walked: the newest unanswered R-U-THERE from sender with this number,
 * else the newest answered. */
static ikd_dpd_probe *walked_answer(const ikd_dpd_log *log, int sender, uint32_t seq)
{
    ikd_dpd_probe *answered = NULL;
    for (guint i = log->probes->len; i-- > 0;) {
        ikd_dpd_probe *probe = g_ptr_array_index(log->probes, i);
        if (probe->sender != sender || probe->seq != seq)
            continue;
        if (!probe->rec.answer_frame)
            return probe;
        if (!answered)
            answered = probe;
    }
    return answered;
}

ikd_dpd_probe *ikd_dpd_log_answer(ikd_dpd_log *log, int sender, uint32_t seq, bool *was_unanswered)
{
    *was_unanswered = false;
    if (!log)
        return NULL;
    if (!log->by_key) {
        ikd_dpd_probe *probe = walked_answer(log, sender, seq);
        *was_unanswered = probe && !probe->rec.answer_frame;
        return probe;
    }
    probes_of_key *entry = g_hash_table_lookup(log->by_key, ikd_key64(probe_key(sender, seq)));
    if (!entry)
        return NULL;
    ikd_dpd_probe *probe = entry->unanswered;
    if (probe) { /* the newest unanswered of its key: answered now */
        *was_unanswered = true;
        entry->unanswered = probe->older_unanswered;
        probe->older_unanswered = NULL;
        note_answered(entry, probe);
        return probe;
    }
    return entry->answered;
}

guint ikd_dpd_log_count(const ikd_dpd_log *log)
{
    return log ? log->probes->len : 0;
}

ikd_dpd_probe *ikd_dpd_log_at(const ikd_dpd_log *log, guint index)
{
    return g_ptr_array_index(log->probes, index);
}

ikd_dpd_probe *ikd_dpd_log_latest(const ikd_dpd_log *log, int sender)
{
    uint32_t latest = log && (sender == 0 || sender == 1) ? log->latest[sender] : 0;
    return latest ? g_ptr_array_index(log->probes, latest - 1) : NULL;
}
