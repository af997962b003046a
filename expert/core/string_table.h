/* ikediag - names a finding can quote (a user, a group): findings carry only
 * numbers, so a text is kept here once and the finding carries its number.
 *
 * One table for the process, deduplicated, bounded (IKD_STRINGS_MAX texts of
 * at most IKD_STRING_MAX bytes): a hostile capture cannot grow it without
 * limit; past the bound texts are not kept and read back as "?".
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_STRING_TABLE_H
#define IKD_STRING_TABLE_H

#include <stdint.h>

enum { IKD_STRINGS_MAX = 4096, IKD_STRING_MAX = 128 };

/* The number of text (1, 2, ...), the same for the same text; 0 for NULL or "". */
uint32_t ikd_string_intern(const char *text);
/* The text of a number from ikd_string_intern; "" for 0, "?" for one not kept. */
const char *ikd_string_get(uint32_t id);

#endif
