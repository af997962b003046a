/* ikediag - the router's own policy: preference ikediag.policy_file.
 *
 * The file holds IOS configuration as pasted from `show running-config`
 * (docs/policy-file.md). It is read when the preference changes and at each
 * file open; every problem (unreadable file, a line that does not parse) is
 * reported to the user (a dialog in Wireshark, stderr in tshark) and analysis
 * goes on. A file that cannot be read or holds no usable policy (binary data,
 * an ASA's or another router's configuration) is a failure: the engine gets
 * no configuration, so no offer is shown refused by a policy that is not
 * there.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "ikediag.h"

#include <wsutil/report_message.h>

#include "ikev1/ios_policy.h"

static const char *policy_file = "";
static char *loaded_path;           /* the file `config` came from */
static ikd_ios_config *config;      /* NULL when no file is set or it could not be used */

void ikediag_policy_register(module_t *module)
{
    prefs_register_filename_preference(
        module, "policy_file", "Router policy file (IOS configuration)",
        "A text file with the router's IOS configuration, as pasted from show running-config: its crypto "
        "isakmp policy blocks (and crypto ipsec transform-set lines). Every phase-1 offer is then checked "
        "against them in priority order as IOS's debug crypto isakmp does. See docs/policy-file.md.",
        &policy_file, FALSE);
}

void ikediag_policy_free(void)
{
    ikd_ios_config_free(config);
    config = NULL;
    g_free(loaded_path);
    loaded_path = NULL;
}

/* (Re)loads the file if the preference names another one, then gives the
 * engine what is loaded. */
void ikediag_policy_apply(ikd_engine *engine)
{
    const char *path = policy_file ? policy_file : "";
    if (g_strcmp0(path, loaded_path ? loaded_path : "") != 0) {
        ikediag_policy_free();
        loaded_path = g_strdup(path);
        if (*path) {
            GString *messages = g_string_new(NULL);
            config = ikd_ios_config_load(path, messages);
            if (!config)
                report_failure("ikediag: policy file %s could not be used; analysing without it:\n%s", path,
                               messages->str);
            else if (ikd_ios_config_error_count(config))
                report_warning("ikediag: policy file %s has lines that were not understood (a policy with "
                               "one is skipped whole, other lines are ignored):\n%s", path, messages->str);
            g_string_free(messages, TRUE);
        }
    }
    if (engine)
        ikd_engine_set_ios_config(engine, config);
}
