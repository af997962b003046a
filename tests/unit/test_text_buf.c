/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/text_buf: bounded appends, bit names, and the
 * line cutting used for the "Likely causes" lines in the packet details.
 * Buffers are heap blocks of exactly the stated size so that a write past
 * the end shows under ASan. */
#include "core/text_buf.h"

#include <glib.h>
#include <string.h>

static void test_append_fits(void)
{
    char *buf = g_malloc(16);
    ikd_text t;
    ikd_text_init(&t, buf, 16);
    ikd_text_add(&t, "esp-aes");
    ikd_text_printf(&t, " %u", 256u);
    ikd_text_put(&t, " esp-sha-hmac", 4);
    g_assert_cmpstr(buf, ==, "esp-aes 256 esp");
    g_assert_cmpuint(t.used, ==, 15);
    g_free(buf);
}

static void test_append_truncates(void)
{
    char *buf = g_malloc(8);
    ikd_text t;
    ikd_text_init(&t, buf, 8);
    ikd_text_add(&t, "encryption");
    g_assert_cmpstr(buf, ==, "encrypt");
    ikd_text_printf(&t, "%s", "more");
    ikd_text_add(&t, "more");
    g_assert_cmpstr(buf, ==, "encrypt");
    g_assert_cmpuint(t.used, ==, 7);

    ikd_text_init(&t, buf, 8);
    ikd_text_add(&t, "ab");
    ikd_text_printf(&t, "%u", 1234567u);
    g_assert_cmpstr(buf, ==, "ab12345");
    g_assert_cmpuint(t.used, ==, 7);
    g_free(buf);
}

static void test_zero_size_writes_nothing(void)
{
    char sentinel = 'x';
    ikd_text t;
    ikd_text_init(&t, &sentinel, 0);
    ikd_text_add(&t, "anything");
    ikd_text_printf(&t, "%d", 42);
    g_assert_cmpint(sentinel, ==, 'x');
    static const char *const names[] = { "a", "b" };
    g_assert_true(ikd_bit_names(3, names, 2, &sentinel, 0) == &sentinel);
    g_assert_cmpint(sentinel, ==, 'x');
}

static void test_bit_names(void)
{
    static const char *const names[] = { "encryption", "key length", "hash", "authentication", "DH group" };
    char buf[64];
    g_assert_cmpstr(ikd_bit_names(0, names, 5, buf, sizeof buf), ==, "");
    g_assert_cmpstr(ikd_bit_names(1u << 2, names, 5, buf, sizeof buf), ==, "hash");
    g_assert_cmpstr(ikd_bit_names(0x15, names, 5, buf, sizeof buf), ==, "encryption, hash, DH group");
    /* Bits beyond the names are ignored. */
    g_assert_cmpstr(ikd_bit_names(0xffffffffu, names, 2, buf, sizeof buf), ==, "encryption, key length");
    char small[12];
    g_assert_cmpstr(ikd_bit_names(0x3, names, 5, small, sizeof small), ==, "encryption,");
}

static void test_line_whole_when_short(void)
{
    g_assert_cmpuint(ikd_text_line_length("Short. Text.", 200), ==, 12);
    g_assert_cmpuint(ikd_text_line_length("", 200), ==, 0);
}

static void test_line_ends_at_sentence(void)
{
    const char *text = "First sentence here. Second one is longer than the limit allows.";
    size_t n = ikd_text_line_length(text, 30);
    g_assert_cmpuint(n, ==, strlen("First sentence here. "));
    /* The last sentence end within the limit wins, over an earlier one and
     * over a later plain space. */
    g_assert_cmpuint(ikd_text_line_length("A. B. C d e f g h i j k", 8), ==, strlen("A. B. "));
}

static void test_line_breaks_at_space_without_sentence(void)
{
    const char *text = "no sentence end in this long run of words";
    size_t n = ikd_text_line_length(text, 12);
    g_assert_cmpuint(n, ==, strlen("no sentence "));
    /* A version number's dot is not a sentence end. */
    g_assert_cmpuint(ikd_text_line_length("IOS 12.4 and later releases", 14), ==, strlen("IOS 12.4 and "));
}

static void test_line_cut_hard_without_space(void)
{
    g_assert_cmpuint(ikd_text_line_length("abcdefghijklmnopqrstuvwxyz", 10), ==, 10);
}

static void test_lines_cover_text(void)
{
    /* Walking the lines visits every byte once, each line within the limit. */
    const char *text = "Probable pre-shared key mismatch: the responder decrypts MM5 with a different key, "
                       "finds garbage and drops it, usually without a notification. Also possible: the peers "
                       "disagree on the AES key length; with certificates, the responder rejects it.";
    size_t total = 0, lines = 0;
    for (const char *p = text; *p; lines++) {
        size_t n = ikd_text_line_length(p, 60);
        g_assert_cmpuint(n, >, 0);
        g_assert_cmpuint(n, <=, 60);
        total += n;
        p += n;
    }
    g_assert_cmpuint(total, ==, strlen(text));
    g_assert_cmpuint(lines, ==, 5);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/text_buf/append_fits", test_append_fits);
    g_test_add_func("/text_buf/append_truncates", test_append_truncates);
    g_test_add_func("/text_buf/zero_size_writes_nothing", test_zero_size_writes_nothing);
    g_test_add_func("/text_buf/bit_names", test_bit_names);
    g_test_add_func("/text_buf/line_whole_when_short", test_line_whole_when_short);
    g_test_add_func("/text_buf/line_ends_at_sentence", test_line_ends_at_sentence);
    g_test_add_func("/text_buf/line_breaks_at_space_without_sentence", test_line_breaks_at_space_without_sentence);
    g_test_add_func("/text_buf/line_cut_hard_without_space", test_line_cut_hard_without_space);
    g_test_add_func("/text_buf/lines_cover_text", test_lines_cover_text);
    return g_test_run();
}
