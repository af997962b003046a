/* ikediag tests - the real files under tests/unit/data/ (certificates, CRLs,
 * SCEP messages; see data/README).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKEDIAG_TEST_DATA_H
#define IKEDIAG_TEST_DATA_H

#include <glib.h>

/* The file data/<dir>/<name> (dir NULL or "" for data/ itself); the test fails when it cannot be read. */
GBytes *ikd_test_data(const char *dir, const char *name);

#endif
