/* ikediag tests - reading tests/unit/data/ (test_data.h).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "test_data.h"

GBytes *ikd_test_data(const char *dir, const char *name)
{
    char *path = dir && dir[0] ? g_build_filename(IKEDIAG_TEST_DATA, dir, name, NULL)
                               : g_build_filename(IKEDIAG_TEST_DATA, name, NULL);
    gchar *data = NULL;
    gsize len = 0;
    g_assert_true(g_file_get_contents(path, &data, &len, NULL));
    g_free(path);
    return g_bytes_new_take(data, len);
}
