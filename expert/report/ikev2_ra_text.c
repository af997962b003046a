/* ikediag - IKEv2 remote access in the analysis tables: the client's user
 * (EAP identity, else its IKE identity) and the address CP gave it.
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/ikev2_text.h"

#include <stdio.h>

void ikd_v2_sa_remote_access_text(const ikd_v2_sa *v2, char user[IKD_RA_NAME_TEXT], char address[IKD_ADDRESS_TEXT])
{
    const char *name = ikd_v2_ra_user(v2);
    snprintf(user, IKD_RA_NAME_TEXT, "%s", name[0] ? name : "-");
    const ikd_v2_ra *ra = ikd_v2_ra_seen(v2);
    if (ra->address_known)
        ikd_address_format(&ra->address, address, IKD_ADDRESS_TEXT);
    else
        snprintf(address, IKD_ADDRESS_TEXT, "-");
}

void ikd_v2_remote_access_lines(const ikd_v2_sa *v2, GString *out)
{
    int client = ikd_v2_ra_client(v2);
    if (client < 0)
        return;
    char user[IKD_RA_NAME_TEXT], address[IKD_ADDRESS_TEXT], eap[48] = "";
    ikd_v2_sa_remote_access_text(v2, user, address);
    const ikd_v2_eap *e = &ikd_v2_ra_seen(v2)->eap;
    if (e->outcome)
        snprintf(eap, sizeof eap, ", EAP %s", e->outcome == 3 ? "Success" : "Failure");
    g_string_append_printf(out, "        remote access: the %s is the client, user %s (%s%s), address %s\n",
                           client == 0 ? "initiator" : "responder", user,
                           ikd_v2_ra_seen(v2)->eap_identity[0] ? "EAP identity" : "IKE identity", eap, address);
}
