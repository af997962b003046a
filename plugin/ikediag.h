/* ikediag - declarations shared by the plugin's files.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_PLUGIN_H
#define IKEDIAG_PLUGIN_H

#include <epan/packet.h>
#include <epan/prefs.h>

#include "cert_fields.h"
#include "engine.h"

void proto_register_ikediag(void);
void proto_reg_handoff_ikediag(void);

/* A remote-access message's texts: the group, the XAUTH user, a decrypted
 * transaction message's attributes ("\n"-separated), the Easy VPN server's
 * IOS debug lines; each NULL when absent. */
typedef struct {
    char *group;
    char *user;
    char *attributes;
    char *debug;
} ikediag_ra_texts;

/* What some messages carry beyond the engine's result (findings, vendor IDs,
 * a policy walk, certificates, remote-access texts, proxy identities); file
 * scope, each part NULL or 0 when absent. */
typedef struct {
    ikd_finding *findings;
    const ikd_message_rare *rare;
    const ikediag_certs *certs; /* the certificates its CERT payloads carried, requested CAs */
    const ikediag_ra_texts *ra;
    char *const *vendors; /* identified vendor IDs; one copy per distinct list */
    char *ios_walk;       /* IOS's policy walk of this offer (policy file set) */
    guint32 finding_count;
    guint32 findings_dropped;
    guint vendor_count;
    guint32 shared_id; /* shared by messages of many SAs: its number (extras_ids.c); 0: this message's own */
} ikediag_pdu_extras;

/* One IKE message of a frame: where it lives and what the engine said of it
 * on the first pass. The frame store keeps one per IKE message of the
 * capture, encoded (record_codec.c): what most messages lack is one pointer
 * here, and costs nothing there. */
typedef struct {
    ikd_message_result result;  /* the engine's result, as it gave it */
    ikediag_pdu_extras *extras; /* or NULL */
    gint start;
    gint length;
    guint ds_index;   /* where the message lives: index in pinfo->data_src */
    guint8 pdu;       /* its index within the frame */
} ikediag_pdu_result;

/* A frame's records (frame_store.c), as handed to the "ikediag" tap. */
typedef struct {
    guint pdu_count;
    ikediag_pdu_result *pdus;
} ikediag_frame_result;

/* The router policy file (policy.c): loads the preference's file, reports
 * problems, hands the configuration to the engine. */
void ikediag_policy_register(module_t *module);
void ikediag_policy_apply(ikd_engine *engine);
void ikediag_policy_free(void);

/* Taps and statistics tables (sa_tables.c). */
void ikediag_sa_tables_register(void);
/* The IPsec SA table (ipsec_table.c). */
void ikediag_ipsec_table_register(void);
/* The IKEv2 SA tables (ikev2_tables.c). */
void ikediag_ikev2_tables_register(void);
/* The crypto session table (session_table.c). */
void ikediag_session_table_register(void);

#endif
