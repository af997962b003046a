/* ikediag - copies what the engine said of a message into what the plugin
 * keeps for later passes (frame_store.c), one copy of what repeats from SA to
 * SA: vendor ID texts and lists, and extras made only of findings and vendor
 * IDs. The copies live in the file scope.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "kept_message.h"

#include <string.h>

#include "capture_engine.h"
#include "extras_ids.h"

/* Vendor ID texts and lists kept once per capture (file scope): the same
 * few lists repeat in every SA's first messages (massif). */
static wmem_map_t *vendor_texts;
static wmem_map_t *vendor_lists;

/* The last few lists and extras kept, checked before their maps: a message
 * mostly repeats one of them (each SA's MM1 and MM2 from one kind of peer),
 * and hashing it for the map was most of keeping it (callgrind, 10k MM1
 * flood: two map lookups, 750 of keep_message's 830 instructions). */
enum { RECENT_KEPT = 4 };
typedef struct {
    gconstpointer items[RECENT_KEPT];
    guint next;
} recent_kept;

static recent_kept recent_lists, recent_extras;

static gconstpointer recent_find(const recent_kept *recent, gconstpointer probe, GEqualFunc equal)
{
    for (guint i = 0; i < RECENT_KEPT; i++)
        if (recent->items[i] && equal(recent->items[i], probe))
            return recent->items[i];
    return NULL;
}

static void recent_note(recent_kept *recent, gconstpointer item)
{
    recent->items[recent->next] = item;
    recent->next = (recent->next + 1) % RECENT_KEPT;
}

static char *kept_vendor_text(wmem_allocator_t *scope, const char *text)
{
    if (!vendor_texts)
        vendor_texts = wmem_map_new(scope, g_str_hash, g_str_equal);
    char *kept = (char *)wmem_map_lookup(vendor_texts, text);
    if (!kept) {
        kept = wmem_strdup(scope, text);
        wmem_map_insert(vendor_texts, kept, kept);
    }
    return kept;
}

/* A list of vendor ID texts, the key of vendor_lists. */
typedef struct {
    guint count;
    const char *const *texts;
} vendor_list;

/* A text's length and its first and last eight bytes: enough to tell the
 * few distinct vendor ID texts apart, and vendor_list_equal settles the
 * rest. g_str_hash over every byte of every text was 1,500 instructions a
 * message with vendor IDs (callgrind, 3,000 healthy SAs). */
static guint text_sketch(const char *text)
{
    size_t n = strlen(text);
    guint64 head = 0, tail = 0;
    memcpy(&head, text, MIN(n, sizeof head));
    if (n > sizeof head)
        memcpy(&tail, text + n - MIN(n - sizeof head, sizeof tail), MIN(n - sizeof head, sizeof tail));
    return (guint)n ^ g_int64_hash(&head) * 31u ^ g_int64_hash(&tail) * 131u;
}

static guint vendor_list_hash(gconstpointer p)
{
    const vendor_list *l = (const vendor_list *)p;
    guint h = l->count;
    for (guint i = 0; i < l->count; i++)
        h = h * 31u + text_sketch(l->texts[i]);
    return h;
}

static gboolean vendor_list_equal(gconstpointer pa, gconstpointer pb)
{
    const vendor_list *a = (const vendor_list *)pa, *b = (const vendor_list *)pb;
    if (a->count != b->count)
        return FALSE;
    for (guint i = 0; i < a->count; i++)
        if (strcmp(a->texts[i], b->texts[i]))
            return FALSE;
    return TRUE;
}

static char *const *kept_vendor_list(wmem_allocator_t *scope, const ikd_annotation *a)
{
    if (!vendor_lists)
        vendor_lists = wmem_map_new(scope, vendor_list_hash, vendor_list_equal);
    const char *texts[IKD_MAX_VENDORS];
    for (guint i = 0; i < a->vendor_count; i++)
        texts[i] = a->vendors[i];
    vendor_list probe = { a->vendor_count, texts };
    const vendor_list *kept = (const vendor_list *)recent_find(&recent_lists, &probe, vendor_list_equal);
    if (kept)
        return (char *const *)kept->texts;
    kept = (const vendor_list *)wmem_map_lookup(vendor_lists, &probe);
    if (!kept) {
        char **kept_texts = wmem_alloc_array(scope, char *, a->vendor_count);
        for (guint i = 0; i < a->vendor_count; i++)
            kept_texts[i] = kept_vendor_text(scope, a->vendors[i]);
        vendor_list *list = wmem_new(scope, vendor_list);
        list->count = a->vendor_count;
        list->texts = (const char *const *)kept_texts;
        wmem_map_insert(vendor_lists, list, list);
        kept = list;
    }
    recent_note(&recent_lists, kept);
    return (char *const *)kept->texts;
}

static gboolean has_ra_texts(const ikd_annotation *a)
{
    return a->ra_group[0] || a->ra_user[0] || a->ra_attributes || a->ra_debug;
}

/* Whether a message carries something of its own: proxy identities or an
 * assigned address, a policy walk, certificates, remote-access texts. */
static gboolean has_own_extras(const ikd_annotation *a)
{
    return ikd_message_rare_present(&a->rare) || a->ios_walk || a->cert_count || a->request_count ||
           has_ra_texts(a);
}

/* Whether a message carries anything beyond the engine's result. */
static gboolean has_extras(const ikd_annotation *a)
{
    return a->findings.count || a->findings.dropped || a->vendor_count || has_own_extras(a);
}

static const ikediag_ra_texts *keep_ra_texts(wmem_allocator_t *scope, const ikd_annotation *a)
{
    if (!has_ra_texts(a))
        return NULL;
    ikediag_ra_texts *ra = wmem_new0(scope, ikediag_ra_texts);
    ra->group = a->ra_group[0] ? wmem_strdup(scope, a->ra_group) : NULL;
    ra->user = a->ra_user[0] ? wmem_strdup(scope, a->ra_user) : NULL;
    ra->attributes = a->ra_attributes ? wmem_strdup(scope, a->ra_attributes) : NULL;
    ra->debug = a->ra_debug ? wmem_strdup(scope, a->ra_debug) : NULL;
    return ra;
}

/* Extras made only of findings and vendor IDs repeat from SA to SA (every
 * SA's MM1 of one peer type, its NAT-D findings...): one copy of each per
 * capture. Compared field by field: ikd_finding has padding. */
static wmem_map_t *shared_extras;

static guint extras_hash(gconstpointer p)
{
    const ikediag_pdu_extras *x = (const ikediag_pdu_extras *)p;
    guint h = g_direct_hash(x->vendors) ^ (x->vendor_count * 31u) ^ (x->findings_dropped * 131u);
    for (guint32 i = 0; i < x->finding_count; i++) {
        const ikd_finding *f = &x->findings[i];
        h = h * 31u + f->id;
        h = h * 31u + f->offset;
        h = h * 31u + f->length;
        for (guint k = 0; k < IKD_FINDING_ARGS; k++)
            h = h * 31u + f->arg[k];
    }
    return h;
}

static gboolean extras_equal(gconstpointer pa, gconstpointer pb)
{
    const ikediag_pdu_extras *a = (const ikediag_pdu_extras *)pa, *b = (const ikediag_pdu_extras *)pb;
    if (a->vendors != b->vendors || a->vendor_count != b->vendor_count || a->finding_count != b->finding_count ||
        a->findings_dropped != b->findings_dropped)
        return FALSE;
    for (guint32 i = 0; i < a->finding_count; i++) {
        const ikd_finding *f = &a->findings[i], *g = &b->findings[i];
        if (f->id != g->id || f->offset != g->offset || f->length != g->length ||
            memcmp(f->arg, g->arg, sizeof f->arg))
            return FALSE;
    }
    return TRUE;
}

static ikediag_pdu_extras *keep_extras(wmem_allocator_t *scope, const ikd_annotation *a)
{
    ikediag_pdu_extras draft = {
        .findings = (ikd_finding *)a->findings.items,
        .finding_count = a->findings.count,
        .findings_dropped = a->findings.dropped,
        .vendor_count = a->vendor_count,
        .vendors = a->vendor_count ? kept_vendor_list(scope, a) : NULL,
    };
    gboolean shareable = !has_own_extras(a);
    if (shareable) {
        ikediag_pdu_extras *kept = (ikediag_pdu_extras *)recent_find(&recent_extras, &draft, extras_equal);
        if (kept)
            return kept;
        if (!shared_extras)
            shared_extras = wmem_map_new(scope, extras_hash, extras_equal);
        kept = (ikediag_pdu_extras *)wmem_map_lookup(shared_extras, &draft);
        if (kept) {
            recent_note(&recent_extras, kept);
            return kept;
        }
    }
    ikediag_pdu_extras *x = wmem_new(scope, ikediag_pdu_extras);
    *x = draft;
    x->findings = a->findings.count
                      ? (ikd_finding *)wmem_memdup(scope, a->findings.items, a->findings.count * sizeof(ikd_finding))
                      : NULL;
    if (shareable) {
        ikediag_extras_id_assign(x);
        wmem_map_insert(shared_extras, x, x);
        recent_note(&recent_extras, x);
        return x;
    }
    x->rare = ikd_message_rare_present(&a->rare) ? wmem_memdup(scope, &a->rare, sizeof a->rare) : NULL;
    x->ios_walk = a->ios_walk ? wmem_strdup(scope, a->ios_walk) : NULL;
    if (a->cert_count || a->request_count) {
        ikediag_certs *certs = wmem_new0(scope, ikediag_certs);
        ikediag_certs_keep(scope, a, ikd_engine_sa_peek(ikediag_engine(), a->result.conn_id), certs);
        x->certs = certs;
    }
    x->ra = keep_ra_texts(scope, a);
    return x;
}

/* Keeps what the engine said of one message for every later pass: its
 * result as it is, and copies of what some messages carry. */
void ikediag_keep_message(ikediag_pdu_result *out, const ikediag_pdu *pdu, guint index, const ikd_annotation *a)
{
    out->ds_index = pdu->ds_index;
    out->pdu = (guint8)index;
    out->start = pdu->start;
    out->length = pdu->length;
    out->result = a->result;
    out->extras = has_extras(a) ? keep_extras(wmem_file_scope(), a) : NULL;
}

void ikediag_kept_messages_reset(void)
{
    vendor_texts = NULL; /* the last capture's, freed with its file scope */
    vendor_lists = NULL;
    shared_extras = NULL;
    ikediag_extras_ids_reset();
    memset(&recent_lists, 0, sizeof recent_lists);
    memset(&recent_extras, 0, sizeof recent_extras);
}
