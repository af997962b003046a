/* ikediag - declarations shared by the plugin's files.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_PLUGIN_H
#define IKEDIAG_PLUGIN_H

#include <epan/packet.h>
#include <epan/prefs.h>

#include "engine.h"

void proto_register_ikediag(void);
void proto_reg_handoff_ikediag(void);

/* What the first pass learned about one ISAKMP message; file scope. */
typedef struct {
    guint ds_index; /* where the message lives: index in pinfo->data_src */
    guint pdu;      /* its index within the frame */
    gint start;
    gint length;
    guint8 major;
    gboolean encrypted;
    guint32 conn_id;
    ikd_step step;
    ikd_role sender;
    guint32 message_id;
    ikd_ios_state state, state_initiator, state_responder;
    ikd_asa_state asa_state;
    guint32 retransmission;
    guint32 original_frame;
    guint32 response_to;
    double since_original;
    double since_request;
    guint32 finding_count;
    guint32 findings_dropped;
    ikd_finding *findings;
    guint vendor_count;
    char **vendors;  /* identified vendor IDs */
    char *ios_walk;  /* IOS's policy walk of this offer (policy file set), or NULL */
} ikediag_pdu_result;

/* Per frame, kept with p_add_proto_data and handed to the "ikediag" tap. */
typedef struct {
    guint pdu_count;
    ikediag_pdu_result *pdus;
} ikediag_frame_result;

/* The engine of the capture file being read (NULL between files). */
ikd_engine *ikediag_engine(void);

/* The router policy file (policy.c): loads the preference's file, reports
 * problems, hands the configuration to the engine. */
void ikediag_policy_register(module_t *module);
void ikediag_policy_apply(ikd_engine *engine);
void ikediag_policy_free(void);

/* Taps and statistics tables (sa_tables.c). */
void ikediag_sa_tables_register(void);

#endif
