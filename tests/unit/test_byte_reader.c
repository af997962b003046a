/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - expert/byte_reader: every read at its exact bounds.
 *
 * Buffers are heap copies of exactly the bytes under test, so that under
 * AddressSanitizer or valgrind a read one byte too far is caught even when
 * the reader's own answer looks right. */
#include "core/byte_reader.h"

#include <glib.h>
#include <stdint.h>

static const uint8_t sample[] = { 0x12, 0x34, 0x56, 0x78, 0x9a, 0xbc, 0xde, 0xf0 };

/* An exact-size heap copy of the first n sample bytes (NULL for n == 0, as
 * g_memdup2 returns). */
static uint8_t *copy(size_t n)
{
    return n ? g_memdup2(sample, n) : NULL;
}

static void assert_reader(const ikd_reader *r, size_t pos, size_t remaining, size_t offset)
{
    g_assert_cmpuint(r->pos, ==, pos);
    g_assert_cmpuint(ikd_reader_remaining(r), ==, remaining);
    g_assert_cmpuint(ikd_reader_offset(r), ==, offset);
}

/* --- make ------------------------------------------------------------------- */

static void test_make(void)
{
    uint8_t *b = copy(4);
    ikd_reader r = ikd_reader_make(b, 4, 100);
    g_assert_true(r.data == b);
    g_assert_cmpuint(r.len, ==, 4);
    g_assert_cmpuint(r.base, ==, 100);
    assert_reader(&r, 0, 4, 100);
    g_free(b);
}

/* NULL data: the length is ignored, nothing can be read. */
static void test_make_null(void)
{
    ikd_reader r = ikd_reader_make(NULL, 10, 7);
    uint8_t v8 = 0xaa;
    uint16_t v16 = 0xaaaa;
    uint32_t v32 = 0xaaaaaaaa;
    const uint8_t *p = NULL;
    ikd_reader sub = { 0 };
    assert_reader(&r, 0, 0, 7);
    g_assert_false(ikd_read_u8(&r, &v8));
    g_assert_false(ikd_read_u16(&r, &v16));
    g_assert_false(ikd_read_u32(&r, &v32));
    g_assert_false(ikd_read_bytes(&r, 1, &p));
    g_assert_false(ikd_reader_sub(&r, 1, &sub));
    g_assert_cmpuint(v8, ==, 0xaa);
    g_assert_cmpuint(v16, ==, 0xaaaa);
    g_assert_cmpuint(v32, ==, 0xaaaaaaaa);
    g_assert_false(ikd_reader_skip(&r, 1));
    g_assert_true(ikd_reader_skip(&r, 0));
    assert_reader(&r, 0, 0, 7);
}

/* Zero-byte reads from a NULL reader succeed and yield no usable pointer.
 * CURRENTLY FAILS under UBSan (-fsanitize=undefined, IKEDIAG_SANITIZE=ON):
 * ikd_read_bytes() and ikd_reader_sub() compute r->data + r->pos, i.e.
 * NULL + 0, which is undefined behaviour in C ("applying zero offset to null
 * pointer", byte_reader.c:62 and :80). Runs last so the other tests report. */
static void test_null_zero_length(void)
{
    ikd_reader r = ikd_reader_make(NULL, 0, 7);
    const uint8_t *p = NULL;
    ikd_reader sub = { 0 };
    g_assert_true(ikd_read_bytes(&r, 0, &p));
    g_assert_true(ikd_reader_sub(&r, 0, &sub));
    assert_reader(&sub, 0, 0, 7);
    assert_reader(&r, 0, 0, 7);
}

/* --- u8 / u16 / u32 ---------------------------------------------------------- */

static void test_u8(void)
{
    uint8_t v = 0;
    ikd_reader empty = ikd_reader_make(NULL, 0, 0);
    g_assert_false(ikd_read_u8(&empty, &v));

    uint8_t *b = copy(1);
    ikd_reader r = ikd_reader_make(b, 1, 5);
    g_assert_true(ikd_read_u8(&r, &v));
    g_assert_cmpuint(v, ==, 0x12);
    assert_reader(&r, 1, 0, 6);
    v = 0xee;
    g_assert_false(ikd_read_u8(&r, &v)); /* past the end */
    g_assert_cmpuint(v, ==, 0xee);       /* output untouched */
    assert_reader(&r, 1, 0, 6);          /* cursor unmoved */
    g_free(b);
}

static void test_u16(void)
{
    uint16_t v = 0xeeee;
    uint8_t *b1 = copy(1);
    ikd_reader short_r = ikd_reader_make(b1, 1, 0); /* one short */
    g_assert_false(ikd_read_u16(&short_r, &v));
    g_assert_cmpuint(v, ==, 0xeeee);
    assert_reader(&short_r, 0, 1, 0);

    uint8_t *b = copy(2);
    ikd_reader r = ikd_reader_make(b, 2, 0); /* exact */
    g_assert_true(ikd_read_u16(&r, &v));
    g_assert_cmpuint(v, ==, 0x1234);
    assert_reader(&r, 2, 0, 2);
    g_assert_false(ikd_read_u16(&r, &v));
    assert_reader(&r, 2, 0, 2);

    /* Network order, no sign extension of the high byte. */
    uint8_t *hi = g_memdup2((const uint8_t[]){ 0xff, 0xfe }, 2);
    ikd_reader h = ikd_reader_make(hi, 2, 0);
    g_assert_true(ikd_read_u16(&h, &v));
    g_assert_cmpuint(v, ==, 0xfffe);
    g_free(hi);
    g_free(b);
    g_free(b1);
}

static void test_u32(void)
{
    uint32_t v = 0xeeeeeeee;
    uint8_t *b3 = copy(3);
    ikd_reader short_r = ikd_reader_make(b3, 3, 0); /* one short */
    g_assert_false(ikd_read_u32(&short_r, &v));
    g_assert_cmpuint(v, ==, 0xeeeeeeee);
    assert_reader(&short_r, 0, 3, 0);

    uint8_t *b = copy(5);
    ikd_reader r = ikd_reader_make(b, 5, 0);
    g_assert_true(ikd_read_u32(&r, &v));
    g_assert_cmpuint(v, ==, 0x12345678);
    assert_reader(&r, 4, 1, 4);
    g_assert_false(ikd_read_u32(&r, &v)); /* 1 byte left */
    assert_reader(&r, 4, 1, 4);

    uint8_t *hi = g_memdup2((const uint8_t[]){ 0x80, 0x00, 0x00, 0x01 }, 4);
    ikd_reader h = ikd_reader_make(hi, 4, 0);
    g_assert_true(ikd_read_u32(&h, &v));
    g_assert_cmpuint(v, ==, 0x80000001u);
    g_free(hi);
    g_free(b);
    g_free(b3);
}

/* Mixed reads walk the buffer in order and end exactly at its end. */
static void test_sequence(void)
{
    uint8_t *b = copy(8);
    ikd_reader r = ikd_reader_make(b, 8, 28);
    uint8_t a;
    uint16_t c;
    uint32_t d;
    uint8_t e;
    g_assert_true(ikd_read_u8(&r, &a));
    g_assert_true(ikd_read_u16(&r, &c));
    g_assert_true(ikd_read_u32(&r, &d));
    g_assert_true(ikd_read_u8(&r, &e));
    g_assert_cmpuint(a, ==, 0x12);
    g_assert_cmpuint(c, ==, 0x3456);
    g_assert_cmpuint(d, ==, 0x789abcde);
    g_assert_cmpuint(e, ==, 0xf0);
    assert_reader(&r, 8, 0, 36);
    g_free(b);
}

/* --- bytes / skip --------------------------------------------------------------- */

static void test_bytes(void)
{
    const uint8_t *p = NULL;
    uint8_t *b = copy(4);
    ikd_reader r = ikd_reader_make(b, 4, 0);

    g_assert_true(ikd_read_bytes(&r, 0, &p)); /* zero bytes always fit */
    g_assert_true(p == b);
    assert_reader(&r, 0, 4, 0);

    p = NULL;
    g_assert_false(ikd_read_bytes(&r, 5, &p)); /* one too many */
    g_assert_null(p);
    assert_reader(&r, 0, 4, 0);

    g_assert_true(ikd_read_bytes(&r, 1, &p));
    g_assert_true(p == b);
    g_assert_true(ikd_read_bytes(&r, 3, &p)); /* exactly the rest */
    g_assert_true(p == b + 1);
    assert_reader(&r, 4, 0, 4);

    g_assert_true(ikd_read_bytes(&r, 0, &p)); /* zero bytes at the end */
    g_assert_true(p == b + 4);
    g_assert_false(ikd_read_bytes(&r, 1, &p));
    assert_reader(&r, 4, 0, 4);
    g_free(b);
}

/* n so large that pos + n would wrap around (to a small value that a naive
 * "pos + n <= len" check accepts) must fail at every position. */
static void test_huge(void)
{
    uint8_t *b = copy(4);
    for (size_t pos = 0; pos <= 4; pos++) {
        for (size_t k = 0; k <= 5; k++) {
            size_t n = SIZE_MAX - k; /* pos + n wraps to pos - k - 1 when pos > k */
            ikd_reader r = ikd_reader_make(b, 4, 0);
            const uint8_t *p = NULL;
            ikd_reader sub = { 0 };
            g_assert_true(ikd_reader_skip(&r, pos));
            g_assert_false(ikd_read_bytes(&r, n, &p));
            g_assert_false(ikd_reader_skip(&r, n));
            g_assert_false(ikd_reader_sub(&r, n, &sub));
            g_assert_null(p);
            g_assert_null(sub.data);
            assert_reader(&r, pos, 4 - pos, pos);
        }
    }
    g_free(b);
}

static void test_skip(void)
{
    uint8_t *b = copy(3);
    ikd_reader r = ikd_reader_make(b, 3, 10);
    g_assert_true(ikd_reader_skip(&r, 0));
    assert_reader(&r, 0, 3, 10);
    g_assert_false(ikd_reader_skip(&r, 4));
    assert_reader(&r, 0, 3, 10);
    g_assert_true(ikd_reader_skip(&r, 3));
    assert_reader(&r, 3, 0, 13);
    g_assert_false(ikd_reader_skip(&r, 1));
    g_assert_true(ikd_reader_skip(&r, 0));
    assert_reader(&r, 3, 0, 13);

    ikd_reader empty = ikd_reader_make(NULL, 0, 0);
    g_assert_true(ikd_reader_skip(&empty, 0));
    g_assert_false(ikd_reader_skip(&empty, 1));
    g_free(b);
}

/* --- sub-readers ------------------------------------------------------------------ */

/* A sub-reader sees only its n bytes and reports offsets within the whole
 * message; the parent moves past them. */
static void test_sub(void)
{
    uint8_t *b = copy(8);
    ikd_reader r = ikd_reader_make(b, 8, 28); /* as if the message's payloads start at 28 */
    ikd_reader sub = { 0 };
    g_assert_true(ikd_reader_skip(&r, 2));
    g_assert_true(ikd_reader_sub(&r, 4, &sub));
    assert_reader(&r, 6, 2, 34);
    g_assert_true(sub.data == b + 2);
    g_assert_cmpuint(sub.base, ==, 30);
    assert_reader(&sub, 0, 4, 30);

    uint32_t v32;
    uint16_t v16;
    uint8_t v8;
    g_assert_true(ikd_read_u16(&sub, &v16));
    g_assert_cmpuint(v16, ==, 0x5678);
    assert_reader(&sub, 2, 2, 32);
    g_assert_false(ikd_read_u32(&sub, &v32)); /* the parent has bytes, the sub does not */
    assert_reader(&sub, 2, 2, 32);

    /* A sub of a sub keeps adding up. */
    ikd_reader subsub = { 0 };
    g_assert_true(ikd_read_u8(&sub, &v8)); /* 0x9a */
    g_assert_true(ikd_reader_sub(&sub, 1, &subsub));
    assert_reader(&subsub, 0, 1, 33);
    g_assert_true(ikd_read_u8(&subsub, &v8));
    g_assert_cmpuint(v8, ==, 0xbc);
    assert_reader(&sub, 4, 0, 34);
    g_free(b);
}

static void test_sub_bounds(void)
{
    uint8_t *b = copy(4);
    ikd_reader r = ikd_reader_make(b, 4, 50);
    ikd_reader sub = { 0 };

    g_assert_false(ikd_reader_sub(&r, 5, &sub)); /* one too many */
    g_assert_false(ikd_reader_sub(&r, SIZE_MAX, &sub));
    assert_reader(&r, 0, 4, 50);

    g_assert_true(ikd_reader_sub(&r, 4, &sub)); /* exactly all */
    assert_reader(&sub, 0, 4, 50);
    assert_reader(&r, 4, 0, 54);

    g_assert_true(ikd_reader_sub(&r, 0, &sub)); /* empty sub at the end */
    assert_reader(&sub, 0, 0, 54);
    g_assert_false(ikd_read_u8(&sub, &(uint8_t){ 0 }));
    g_assert_false(ikd_reader_sub(&r, 1, &sub));
    g_assert_false(ikd_reader_sub(&r, SIZE_MAX, &sub));
    assert_reader(&r, 4, 0, 54);
    g_free(b);
}

/* --- all-zero --------------------------------------------------------------------- */

static void test_all_zero(void)
{
    uint8_t *zeros = g_malloc0(8);
    g_assert_true(ikd_bytes_all_zero(NULL, 0));
    g_assert_true(ikd_bytes_all_zero(zeros, 0));
    g_assert_true(ikd_bytes_all_zero(zeros, 8));
    zeros[7] = 1; /* the last byte counts */
    g_assert_false(ikd_bytes_all_zero(zeros, 8));
    g_assert_true(ikd_bytes_all_zero(zeros, 7));
    zeros[0] = 0x80;
    g_assert_false(ikd_bytes_all_zero(zeros, 1));
    g_free(zeros);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/byte_reader/make", test_make);
    g_test_add_func("/byte_reader/make_null", test_make_null);
    g_test_add_func("/byte_reader/u8", test_u8);
    g_test_add_func("/byte_reader/u16", test_u16);
    g_test_add_func("/byte_reader/u32", test_u32);
    g_test_add_func("/byte_reader/sequence", test_sequence);
    g_test_add_func("/byte_reader/bytes", test_bytes);
    g_test_add_func("/byte_reader/skip", test_skip);
    g_test_add_func("/byte_reader/huge_n", test_huge);
    g_test_add_func("/byte_reader/sub", test_sub);
    g_test_add_func("/byte_reader/sub_bounds", test_sub_bounds);
    g_test_add_func("/byte_reader/all_zero", test_all_zero);
    g_test_add_func("/byte_reader/null_zero_length", test_null_zero_length);
    return g_test_run();
}
