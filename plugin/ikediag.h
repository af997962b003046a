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

/* One IKE message of a frame: where it lives and what the engine said
 * of it on the first pass; file scope. One per IKE message of the capture,
 * so what most messages lack is a pointer, not a copy. */
typedef struct {
    guint ds_index; /* where the message lives: index in pinfo->data_src */
    guint pdu;      /* its index within the frame */
    gint start;
    gint length;
    ikd_message_result result; /* the engine's result, as it gave it */
    ikd_message_rare *rare;    /* ... and what few messages carry (proxy IDs, assigned address), or NULL */
    guint32 finding_count;
    guint32 findings_dropped;
    ikd_finding *findings;
    guint vendor_count;
    char **vendors; /* identified vendor IDs */
    char *ios_walk; /* IOS's policy walk of this offer (policy file set), or NULL */
    ikediag_certs certs; /* the certificates its CERT payloads carried */
    char *ra_group; /* remote access: the group, the XAUTH user, or NULL */
    char *ra_user;
    char *ra_attributes; /* a decrypted transaction message's attributes, "\n"-separated, or NULL */
    char *ra_debug;      /* the Easy VPN server's IOS debug lines for it, or NULL */
} ikediag_pdu_result;

/* Per frame, kept with p_add_proto_data and handed to the "ikediag" tap. */
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
