/* ikediag - crypto sessions: SAs grouped by remote peer, and their status
 * (see sessions.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/sessions.h"

#include "core/text_buf.h"
#include "ikev1/ikev1_sa.h"
#include "ikev1/phase2_outcome.h"
#include "ikev1/remote_access.h"
#include "ikev2/child_sa.h"
#include "ikev2/ikev2_sa.h"
#include "report/ipsec_text.h"

#include <string.h>

/* DPD found the peer dead: both IOS and strongSwan clear such an SA and its
 * IPsec SAs, which is what DPD is for. */
static bool peer_dead(const ikd_sa *sa)
{
    return sa->verdict && (sa->verdict->id == IKD_F_STUCK_PEER_DEAD || sa->verdict->id == IKD_F_V2_STUCK_PEER_DEAD);
}

static bool xauth_probably_failed(const ikd_sa *sa)
{
    return sa->verdict && sa->verdict->id == IKD_F_RA_XAUTH_PROBABLE_FAILURE;
}

static bool config_probably_refused(const ikd_sa *sa)
{
    return sa->verdict && sa->verdict->id == IKD_F_RA_CFG_PROBABLE_REFUSAL;
}

/* The last IKE_SA_INIT was refused with no restart after it (COOKIE asks for one). */
static bool init_refused(const ikd_v2_sa *v2)
{
    const ikd_v2_exchange *last = NULL;
    for (uint32_t i = 0; i < ikd_v2_exchange_count(v2); i++)
        if (ikd_v2_exchange_at(v2, i)->exchange == IKD_V2_EX_SA_INIT)
            last = ikd_v2_exchange_at(v2, i);
    return last && last->refused && last->error != IKD_V2_N_COOKIE;
}

static ikd_ike_sa_condition v2_condition(const ikd_v2_sa *v2)
{
    const ikd_sa *sa = &v2->sa;
    if (sa->deleted || sa->abandoned || v2->status == IKD_IOS_V2_DELETE || v2->auth_failed || peer_dead(sa) ||
        init_refused(v2))
        return IKD_IKE_SA_ENDED;
    if (v2->status == IKD_IOS_V2_READY || v2->proven_up)
        return IKD_IKE_SA_ACTIVE;
    /* Without keys an answered IKE_AUTH may be AUTHENTICATION_FAILED. */
    return v2->auth_answered ? IKD_IKE_SA_UNCONFIRMED : IKD_IKE_SA_NEGOTIATING;
}

ikd_ike_sa_condition ikd_ike_sa_condition_of(const ikd_sa *sa)
{
    const ikd_v2_sa *v2 = ikd_v2_sa_of_const(sa);
    if (v2)
        return v2_condition(v2);
    if (sa->deleted || sa->abandoned || peer_dead(sa))
        return IKD_IKE_SA_ENDED;
    if (!ikd_sa_established(sa))
        return IKD_IKE_SA_NEGOTIATING;
    /* Without keys, the server's XAUTH status then silence: the SA was probably
     * destroyed; the client's informationals after mode-config, then silence:
     * probably deleted. */
    return xauth_probably_failed(sa) || config_probably_refused(sa) ? IKD_IKE_SA_UNCONFIRMED : IKD_IKE_SA_ACTIVE;
}

const char *ikd_ike_sa_unconfirmed_reason(const ikd_sa *sa)
{
    if (ikd_ike_sa_condition_of(sa) != IKD_IKE_SA_UNCONFIRMED)
        return NULL;
    if (sa->ike_version == 2)
        return "IKE_AUTH answered but not decrypted, so up or refused";
    if (config_probably_refused(sa))
        return "mode-config answered, then the client's informationals and silence: probably refused";
    return "XAUTH status sent, then silence: probably failed";
}

ikd_session_status ikd_session_status_of(const ikd_session_counts *c)
{
    if (c->ike_active) {
        if (c->ipsec_up)
            return IKD_SESSION_UP_ACTIVE;
        return c->ipsec_unread ? IKD_SESSION_UNKNOWN : IKD_SESSION_UP_IDLE;
    }
    if (c->ike_unconfirmed)
        return IKD_SESSION_UNKNOWN;
    if (c->ipsec_up)
        return IKD_SESSION_UP_NO_IKE;
    return c->ike_negotiating ? IKD_SESSION_DOWN_NEGOTIATING : IKD_SESSION_DOWN;
}

const char *ikd_session_status_name(ikd_session_status status)
{
    switch (status) {
    case IKD_SESSION_UP_ACTIVE: return "UP-ACTIVE";
    case IKD_SESSION_UP_IDLE: return "UP-IDLE";
    case IKD_SESSION_UP_NO_IKE: return "UP-NO-IKE";
    case IKD_SESSION_DOWN_NEGOTIATING: return "DOWN-NEGOTIATING";
    case IKD_SESSION_DOWN: return "DOWN";
    case IKD_SESSION_UNKNOWN: break;
    }
    return "UNKNOWN";
}

/* --- Flows --------------------------------------------------------------- */

/* One side of a flow: a proxy identity and its ports (0-65535: any). */
typedef struct {
    ikd_proxy_id id;
    uint16_t port_low, port_high;
} flow_end;

static void mask_text(const ikd_proxy_id *id, ikd_text *out)
{
    char a[IKD_ADDRESS_TEXT], m[IKD_ADDRESS_TEXT];
    ikd_address_format(&id->first, a, sizeof a);
    if (id->first.family == 4)
        ikd_text_printf(out, "%s/%s", a, ikd_address_format(&id->second, m, sizeof m));
    else
        ikd_text_printf(out, "%s/%d", a, ikd_mask_prefix_length(&id->second));
}

static void end_text(const flow_end *end, ikd_text *out)
{
    char a[IKD_ADDRESS_TEXT], b[IKD_ADDRESS_TEXT];
    const ikd_proxy_id *id = &end->id;
    ikd_text_add(out, " ");
    switch (id->kind) {
    case IKD_PROXY_ADDRESS: ikd_text_printf(out, "host %s", ikd_address_format(&id->first, a, sizeof a)); break;
    case IKD_PROXY_SUBNET: mask_text(id, out); break;
    case IKD_PROXY_RANGE:
        ikd_text_printf(out, "%s-%s", ikd_address_format(&id->first, a, sizeof a),
                        ikd_address_format(&id->second, b, sizeof b));
        break;
    default: ikd_text_add(out, "any"); break;
    }
    if (end->port_low == end->port_high && end->port_low)
        ikd_text_printf(out, " port %u", end->port_low);
    else if (end->port_low < end->port_high && !(end->port_low == 0 && end->port_high == 65535))
        ikd_text_printf(out, " port %u-%u", end->port_low, end->port_high);
}

static const char *flow_text(const flow_end ends[2], char *buf, size_t size)
{
    ikd_text text;
    ikd_text_init(&text, buf, size);
    uint8_t protocol = ends[0].id.protocol ? ends[0].id.protocol : ends[1].id.protocol;
    if (protocol)
        ikd_text_printf(&text, "permit %u", protocol);
    else
        ikd_text_add(&text, "permit ip");
    end_text(&ends[0], &text);
    end_text(&ends[1], &text);
    return buf;
}

static flow_end end_of_proxy(const ikd_proxy_id *id)
{
    flow_end end = { *id, id->port, id->port };
    return end;
}

const char *ikd_session_flow_text(const ikd_proxy_id *local, const ikd_proxy_id *remote, char *buf, size_t size)
{
    const flow_end ends[2] = { end_of_proxy(local), end_of_proxy(remote) };
    return flow_text(ends, buf, size);
}

static bool bit_of(const uint8_t *bytes, unsigned i)
{
    return bytes[i / 8] >> (7 - i % 8) & 1;
}

/* A traffic selector's range as a host, a prefix (IOS's addr/mask) or a range. */
static flow_end end_of_selector(const ikd_v2_ts *ts)
{
    flow_end end = { { 0 }, ts->start_port, ts->end_port };
    unsigned bytes = ts->family == 6 ? 16 : 4, bits = 8 * bytes, d = 0;
    end.id.protocol = ts->protocol;
    end.id.first.family = end.id.second.family = ts->family;
    memcpy(end.id.first.bytes, ts->start, bytes);
    while (d < bits && bit_of(ts->start, d) == bit_of(ts->end, d))
        d++;
    bool prefix = true;
    for (unsigned i = d; i < bits && prefix; i++)
        prefix = !bit_of(ts->start, i) && bit_of(ts->end, i);
    if (d == bits) {
        end.id.kind = IKD_PROXY_ADDRESS;
    } else if (prefix) {
        end.id.kind = IKD_PROXY_SUBNET;
        for (unsigned i = 0; i < d; i++)
            end.id.second.bytes[i / 8] |= (uint8_t)(0x80u >> i % 8);
    } else {
        end.id.kind = IKD_PROXY_RANGE;
        memcpy(end.id.second.bytes, ts->end, bytes);
    }
    return end;
}

const char *ikd_session_selector_flow_text(const ikd_v2_ts *local, const ikd_v2_ts *remote, char *buf, size_t size)
{
    const flow_end ends[2] = { end_of_selector(local), end_of_selector(remote) };
    return flow_text(ends, buf, size);
}

guint ikd_session_flow_count(const ikd_session *s)
{
    return s->flows ? s->flows->len : 0;
}

const ikd_session_flow *ikd_session_flow_at(const ikd_session *s, guint i)
{
    return &g_array_index(s->flows, ikd_session_flow, i);
}

/* The session's flow of this text, made when new. */
static ikd_session_flow *flow_named(ikd_session *s, const char *text)
{
    if (!s->flows)
        s->flows = g_array_new(FALSE, TRUE, sizeof(ikd_session_flow));
    for (guint i = 0; i < s->flows->len; i++)
        if (!strcmp(g_array_index(s->flows, ikd_session_flow, i).text, text))
            return &g_array_index(s->flows, ikd_session_flow, i);
    ikd_session_flow flow = { { 0 }, 0 };
    g_strlcpy(flow.text, text, sizeof flow.text);
    g_array_append_val(s->flows, flow);
    return &g_array_index(s->flows, ikd_session_flow, s->flows->len - 1);
}

/* --- Sessions ------------------------------------------------------------- */

int ikd_session_local_peer(const ikd_session *s, const ikd_sa *sa)
{
    return ikd_address_equal(&sa->peer[0], &s->local) && ikd_address_equal(&sa->peer[1], &s->remote) ? 0 : 1;
}

/* IKE's own ports are one peer (NAT-T floats from 500 to 4500); another
 * port is a NAT's, so another client behind the same public address. */
static uint16_t peer_port_key(uint16_t port)
{
    return port == 500 || port == 4500 ? 500 : port;
}

static bool joins(const ikd_session *s, const ikd_sa *sa)
{
    for (int k = 0; k < 2; k++)
        if (ikd_address_equal(&sa->peer[k], &s->local) && ikd_address_equal(&sa->peer[1 - k], &s->remote) &&
            peer_port_key(sa->port[1 - k]) == peer_port_key(s->remote_port))
            return true;
    return false;
}

static void session_free(gpointer data)
{
    ikd_session *s = data;
    g_ptr_array_unref(s->sas);
    if (s->flows)
        g_array_unref(s->flows);
    g_free(s->user);
    g_free(s->group);
    g_free(s);
}

/* The remote-access server's peer index, -1 when sa shows no remote access. */
static int server_of(const ikd_sa *sa)
{
    const ikd_v1_sa *v1 = ikd_v1_sa_of_const(sa);
    const ikd_v2_sa *v2 = ikd_v2_sa_of_const(sa);
    if (v1 && ikd_v1_ra_seen(v1))
        return ikd_v1_ra_server(v1);
    int client = v2 ? ikd_v2_ra_client(v2) : -1;
    return client < 0 ? -1 : 1 - client;
}

/* A new session for sa: the remote-access server is local, otherwise the initiator. */
static ikd_session *session_new(const ikd_sa *sa)
{
    int server = server_of(sa);
    int local = server < 0 ? 0 : server;
    ikd_session *s = g_new0(ikd_session, 1);
    s->local = sa->peer[local];
    s->remote = sa->peer[1 - local];
    s->local_port = sa->port[local];
    s->remote_port = sa->port[1 - local];
    s->sas = g_ptr_array_new();
    return s;
}

static void count_condition(ikd_session *s, ikd_ike_sa_condition c)
{
    s->counts.ike_active += c == IKD_IKE_SA_ACTIVE;
    s->counts.ike_negotiating += c == IKD_IKE_SA_NEGOTIATING;
    s->counts.ike_unconfirmed += c == IKD_IKE_SA_UNCONFIRMED;
}

/* *field becomes a copy of text. */
static void set_text(char **field, const char *text)
{
    g_free(*field);
    *field = g_strdup(text);
}

/* Group, user and address: the latest SA that has them. */
static void add_remote_access(ikd_session *s, const ikd_v1_ra *ra)
{
    if (ra->group[0])
        set_text(&s->group, ra->group);
    if (ra->user[0])
        set_text(&s->user, ra->user);
    if (ra->address_known) {
        s->address_known = true;
        s->address = ra->address;
    }
}

/* IKEv2: the EAP identity (or IDi) and the CP address, the latest SA's that has them. */
static void add_v2_remote_access(ikd_session *s, const ikd_v2_sa *v2)
{
    const char *user = ikd_v2_ra_user(v2);
    if (user[0])
        set_text(&s->user, user);
    const ikd_v2_ra *ra = ikd_v2_ra_seen(v2);
    if (ra->address_known) {
        s->address_known = true;
        s->address = ra->address;
    }
}

/* cleared: DPD found the peer dead, so none of its IPsec SAs is up. */
static void add_quick_modes(ikd_session *s, const ikd_engine *e, const ikd_v1_sa *v1, bool cleared)
{
    for (uint32_t k = 0; k < ikd_v1_quick_mode_count(v1); k++) {
        const ikd_quick_mode *qm = ikd_v1_quick_mode_at(v1, k);
        ikd_phase2_outcome o;
        ikd_proxy_id ids[2];
        char text[IKD_FLOW_TEXT];
        ikd_engine_phase2_outcome(e, &v1->sa, qm, &o);
        bool up = !cleared && (o.end == IKD_P2_END_UP || o.end == IKD_P2_END_UNREAD);
        bool readable = ikd_ipsec_readable(qm);
        s->counts.ipsec_up += up;
        if (readable && ikd_v1_phase2_proxies(v1, qm, &s->local, ids))
            flow_named(s, ikd_session_flow_text(&ids[0], &ids[1], text, sizeof text))->active_sas += up ? 2 : 0;
        else
            s->unread_phase2_up += up;
    }
}

static void add_children(ikd_session *s, const ikd_v2_sa *v2, ikd_ike_sa_condition c)
{
    int local = ikd_session_local_peer(s, &v2->sa);
    for (uint32_t i = 0; i < ikd_v2_child_count(v2); i++) {
        const ikd_v2_child *child = ikd_v2_child_at(v2, i);
        if (!child->frame || child->error || !child->ts[0].family || !child->ts[1].family)
            continue;
        int mine = child->requester == local ? 0 : 1; /* TSi is the requester's */
        char text[IKD_FLOW_TEXT];
        ikd_session_selector_flow_text(&child->ts[mine], &child->ts[1 - mine], text, sizeof text);
        bool up = c != IKD_IKE_SA_ENDED && !child->rekeyed_frame && !child->deleted_frame;
        s->counts.ipsec_up += up;
        flow_named(s, text)->active_sas += up ? 2 : 0;
    }
    s->counts.ipsec_unread += c == IKD_IKE_SA_ACTIVE && !v2->decrypted;
}

static void add_sa(ikd_session *s, const ikd_engine *e, const ikd_sa *sa)
{
    ikd_ike_sa_condition c = ikd_ike_sa_condition_of(sa);
    const ikd_v1_sa *v1 = ikd_v1_sa_of_const(sa);
    const ikd_v2_sa *v2 = ikd_v2_sa_of_const(sa);
    int local = ikd_session_local_peer(s, sa);
    g_ptr_array_add(s->sas, (gpointer)sa);
    s->local_port = sa->port[local]; /* the latest SA's: after NAT-T's move */
    s->remote_port = sa->port[1 - local];
    count_condition(s, c);
    if (!s->unconfirmed)
        s->unconfirmed = ikd_ike_sa_unconfirmed_reason(sa);
    if (v1 && ikd_v1_ra_seen(v1))
        add_remote_access(s, ikd_v1_ra_seen(v1));
    if (v1)
        add_quick_modes(s, e, v1, peer_dead(sa));
    if (v2)
        add_children(s, v2, c);
    if (v2)
        add_v2_remote_access(s, v2);
}

/* Where a session is found: its local and remote addresses and its remote
 * port's key, as bytes (unused address bytes zero), so sessions hash. */
typedef struct {
    uint8_t bytes[2 * 17 + 2];
} session_key;

static void put_address(uint8_t *at, const ikd_address *a)
{
    at[0] = a->family;
    memcpy(at + 1, a->bytes, a->family == 4 ? 4 : 16);
}

static session_key key_from(const ikd_address *local, const ikd_address *remote, uint16_t remote_port)
{
    session_key k;
    memset(&k, 0, sizeof k);
    put_address(k.bytes, local);
    put_address(k.bytes + 17, remote);
    uint16_t port = peer_port_key(remote_port);
    k.bytes[34] = (uint8_t)(port >> 8);
    k.bytes[35] = (uint8_t)port;
    return k;
}

static guint key_hash(gconstpointer p)
{
    const session_key *k = p;
    guint h = 2166136261u; /* FNV-1a */
    for (size_t i = 0; i < sizeof k->bytes; i++)
        h = (h ^ k->bytes[i]) * 16777619u;
    return h;
}

static gboolean key_equal(gconstpointer a, gconstpointer b)
{
    return !memcmp(a, b, sizeof(session_key));
}

/* The session sa joins: the earliest made of those it could join either way
 * round, as a search of the sessions in order would find. */
static ikd_session *session_joined(GHashTable *by_key, const ikd_sa *sa)
{
    ikd_session *found = NULL;
    for (int local = 0; local < 2; local++) {
        session_key k = key_from(&sa->peer[local], &sa->peer[1 - local], sa->port[1 - local]);
        ikd_session *s = g_hash_table_lookup(by_key, &k);
        if (s && (!found || s->order < found->order))
            found = s;
    }
    return found;
}

GPtrArray *ikd_sessions_collect(const ikd_engine *e, const ikd_sa_selection *which)
{
    GPtrArray *sessions = g_ptr_array_new_with_free_func(session_free);
    GHashTable *by_key = g_hash_table_new_full(key_hash, key_equal, g_free, NULL);
    for (uint32_t i = 0; i < ikd_engine_sa_count_peek(e); i++) {
        const ikd_sa *sa = ikd_engine_sa_peek_at(e, i);
        if (!sa->peer[0].family || !ikd_sa_selected(which, sa))
            continue;
        ikd_session *s = session_joined(by_key, sa);
        if (!s) {
            s = session_new(sa);
            s->order = sessions->len;
            g_ptr_array_add(sessions, s);
            session_key k = key_from(&s->local, &s->remote, s->remote_port);
            g_hash_table_insert(by_key, g_memdup2(&k, sizeof k), s);
        }
        add_sa(s, e, sa);
    }
    g_hash_table_destroy(by_key);
    return sessions;
}

/* The session of `of` among the SAs at `indices` (ascending; NULL: every SA). */
ikd_session *ikd_session_of_among(const ikd_engine *e, const ikd_sa *of, const uint32_t *indices, uint32_t n)
{
    ikd_session *s = NULL;
    uint32_t count = indices ? n : ikd_engine_sa_count_peek(e);
    for (uint32_t i = 0; i < count; i++) {
        const ikd_sa *sa = ikd_engine_sa_peek_at(e, indices ? indices[i] : i);
        if (!s && sa->peer[0].family) {
            ikd_session *probe = session_new(sa);
            if (joins(probe, of))
                s = probe;
            else
                session_free(probe);
        }
        if (s && joins(s, sa))
            add_sa(s, e, sa);
    }
    return s;
}

ikd_session *ikd_session_of(const ikd_engine *e, const ikd_sa *of)
{
    return ikd_session_of_among(e, of, NULL, 0);
}

void ikd_session_free(ikd_session *s)
{
    if (s)
        session_free(s);
}
