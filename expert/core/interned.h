/* ikediag - texts kept for findings: a finding's arguments are numbers, so
 * a text it names (a certificate's subject or serial, a user, a group) is
 * kept here once and named by its number. Bounded: texts are cut to
 * IKD_INTERNED_TEXT_MAX bytes, and past IKD_INTERNED_MAX texts nothing more
 * is kept and the finding prints "(not kept)", so hostile input cannot grow
 * it without end. Shared by every capture of the process, like GLib's quarks.
 *
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#ifndef IKD_INTERNED_H
#define IKD_INTERNED_H

#include <stdint.h>

enum { IKD_INTERNED_MAX = 65536, IKD_INTERNED_TEXT_MAX = 256 };

/* The number of text (the same number for the same text, cut to
 * IKD_INTERNED_TEXT_MAX - 1 bytes), 0 for NULL or "", IKD_INTERNED_MAX + 1
 * when the table is full. */
uint32_t ikd_intern(const char *text);

/* The text of a number from ikd_intern(): "" for 0, "(not kept)" for one
 * the full table did not keep. */
const char *ikd_interned(uint32_t id);

#endif
