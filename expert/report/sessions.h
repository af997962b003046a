/* ikediag - the capture's crypto sessions, as IOS's `show crypto session`
 * groups SAs: one session per remote peer (address and port), holding every
 * IKE SA (IKEv1 and IKEv2) between it and the local side, and the IPsec flows
 * (phase-2 proxy identities, IKEv2 traffic selectors) those SAs set up.
 *
 * Which side is local: the Easy VPN server when an IKEv1 SA of the pair did
 * remote access (ikd_v1_ra_server), the IKEv2 responder when the pair's first
 * SA's initiator asked for configuration (CP) or authenticated by EAP
 * (ikd_v2_ra_client: known only with keys), otherwise the initiator of the pair's
 * first SA, the router the other tables are printed for. Later SAs between
 * the same two ends join that session whichever side began them.
 *
 * The session status is defined from the SAs' conditions at the end of the
 * capture (ikd_session_status_of); see README "Crypto sessions".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_SESSIONS_H
#define IKD_SESSIONS_H

#include "common/annotation.h"
#include "common/proxy_id.h"
#include "common/sa.h"
#include "engine.h"
#include "ikev2/child_sa.h"
#include "report/cisco_text.h"

#include <glib.h>

/* An IKE SA at the end of the capture. */
typedef enum {
    IKD_IKE_SA_ACTIVE,      /* set up, and not deleted, rejected or abandoned */
    IKD_IKE_SA_NEGOTIATING, /* not set up yet, not given up */
    IKD_IKE_SA_UNCONFIRMED, /* the keys would tell: IKEv2 IKE_AUTH answered but not decrypted (up or
                               refused); IKEv1 XAUTH status sent, then silence (probably failed) */
    IKD_IKE_SA_ENDED,       /* deleted, rejected, or abandoned */
} ikd_ike_sa_condition;

ikd_ike_sa_condition ikd_ike_sa_condition_of(const ikd_sa *sa);
/* Why an SA is IKD_IKE_SA_UNCONFIRMED, in a few words; NULL for the others. */
const char *ikd_ike_sa_unconfirmed_reason(const ikd_sa *sa);

typedef enum {
    IKD_SESSION_UP_ACTIVE,
    IKD_SESSION_UP_IDLE,
    IKD_SESSION_UP_NO_IKE,
    IKD_SESSION_DOWN_NEGOTIATING,
    IKD_SESSION_DOWN,
    IKD_SESSION_UNKNOWN, /* ikediag's own: only an unconfirmed IKEv2 SA could make it up */
} ikd_session_status;

/* What the status is computed from. */
typedef struct {
    uint32_t ike_active, ike_negotiating, ike_unconfirmed;
    uint32_t ipsec_up;     /* phase-2 / child SAs up at capture end (each is two IPsec SAs) */
    uint32_t ipsec_unread; /* IKEv2 SAs active whose child SAs were not decrypted */
} ikd_session_counts;

ikd_session_status ikd_session_status_of(const ikd_session_counts *c);
/* "UP-ACTIVE" ... "DOWN"; "UNKNOWN" for ikediag's own. */
const char *ikd_session_status_name(ikd_session_status status);

enum { IKD_FLOW_TEXT = 2 * IKD_PROXY_ID_TEXT + 48 };

/* One IPSEC FLOW: "permit ip 0.0.0.0/0.0.0.0 host 3.3.3.4" and its SAs up. */
typedef struct {
    char text[IKD_FLOW_TEXT];
    uint32_t active_sas; /* two per phase-2 or child SA up (inbound and outbound) */
} ikd_session_flow;

typedef struct {
    ikd_address local, remote;
    uint16_t local_port, remote_port;
    GPtrArray *sas; /* const ikd_sa*, not owned, in order of creation */
    /* Owned copies, NULL when none was read: most sessions have neither (a
     * flood makes one of every source), and two arrays inline were a third
     * of a session's memory. */
    char *user;  /* the XAUTH user, or an IKEv2 client's EAP identity (else its IDi) */
    char *group; /* the Easy VPN group (AM1's KEY_ID) */
    bool address_known;
    ikd_address address; /* the mode-config or IKEv2 CP address */
    GArray *flows;       /* ikd_session_flow, in order of first sight; NULL until the first */
    ikd_session_counts counts;
    uint32_t unread_phase2_up; /* IKEv1 quick modes up but not decrypted (counted in ipsec_up) */
    const char *unconfirmed; /* why the first unconfirmed IKE SA is (static text), NULL when none */
    uint32_t order;          /* its place among the sessions collected */
} ikd_session;

/* Its IPSEC FLOWs: how many, and the i-th. */
guint ikd_session_flow_count(const ikd_session *s);
const ikd_session_flow *ikd_session_flow_at(const ikd_session *s, guint i);

/* The local peer index (0 or 1) of sa in its session. */
int ikd_session_local_peer(const ikd_session *s, const ikd_sa *sa);

/* The sessions of the selected SAs (NULL: all), in order of their first SA;
 * ikd_session*, freed with the array. Reads the SA table as it stands
 * (ikd_engine_sa_peek_at): call ikd_engine_sa_count first for final status. */
GPtrArray *ikd_sessions_collect(const ikd_engine *engine, const ikd_sa_selection *which);

/* The session sa belongs to, among all SAs (the GUI's rows); NULL when
 * sa has no addresses. Its first SA's conn-id names it. */
ikd_session *ikd_session_of(const ikd_engine *engine, const ikd_sa *sa);
/* The same, looking only at the SAs at `indices` (ascending): a session's
 * SAs are all between the same two addresses, so those are enough
 * (report/session_index.h finds them). */
ikd_session *ikd_session_of_among(const ikd_engine *engine, const ikd_sa *sa, const uint32_t *indices, uint32_t n);
void ikd_session_free(ikd_session *session);

/* "permit 47 host 192.0.2.1 host 192.0.2.2": a flow from local's proxy to remote's. */
const char *ikd_session_flow_text(const ikd_proxy_id *local, const ikd_proxy_id *remote, char *buf, size_t size);
/* The same from IKEv2 traffic selectors: a range that is a prefix prints as
 * IOS's addr/mask, one address as "host", any other range as "first-last";
 * a port range other than 0-65535 follows as " port N" or " port N-M". */
const char *ikd_session_selector_flow_text(const ikd_v2_ts *local, const ikd_v2_ts *remote, char *buf,
                                           size_t size);

#endif
