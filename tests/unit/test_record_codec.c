/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - plugin/record_codec: a message's record comes back
 * from its encoding exactly as it went in, whichever fields are set, and a
 * common message's record takes the few bytes it should. */
#include "record_codec.h"

#include <glib.h>
#include <math.h>
#include <string.h>

/* Encodes r, checks the size against the bound, decodes it back. */
static size_t round_trip(const ikediag_pdu_result *r, ikediag_pdu_result *back)
{
    guint8 bytes[IKEDIAG_RECORD_MAX_BYTES + 1];
    memset(bytes, 0xa5, sizeof bytes);
    size_t n = ikediag_record_encode(r, bytes);
    g_assert_cmpuint(n, <=, IKEDIAG_RECORD_MAX_BYTES);
    g_assert_cmpuint(bytes[IKEDIAG_RECORD_MAX_BYTES], ==, 0xa5); /* nothing written past its room */
    memset(back, 0x5a, sizeof *back);
    g_assert_cmpuint(ikediag_record_decode(bytes, back), ==, n);
    return n;
}

static void test_empty_record_is_one_byte(void)
{
    ikediag_pdu_result r, back;
    memset(&r, 0, sizeof r);
    g_assert_cmpuint(round_trip(&r, &back), ==, 1);
    g_assert_cmpmem(&back, sizeof back, &r, sizeof r);
}

/* Every field set, numbers at their widest: each comes back. */
static void test_every_field_comes_back(void)
{
    static const ikediag_pdu_extras extras;
    ikediag_pdu_result r, back;
    memset(&r, 0, sizeof r);
    r.result = (ikd_message_result){
        .conn_id = G_MAXUINT32, .message_id = 0x80000000u, .retransmission = 3, .original_frame = 127,
        .response_to = 128, .dpd_seq = 0x12345678u, .since_original = -0.0, .since_request = 1e-9,
        .ike_version = 2, .encrypted = true, .step = 7, .sender = 1, .state = 8, .state_initiator = 9,
        .state_responder = 10, .state_ios = 11, .asa_state = 12, .dpd = 2, .txn_step = 13, .txn_inferred = true,
        .xauth_status = 14, .cp_type = 4, .eap_code = 3, .eap_type = 255,
    };
    r.extras = (ikediag_pdu_extras *)&extras;
    r.start = -1;
    r.length = G_MAXINT32;
    r.ds_index = 2;
    r.pdu = 7;
    round_trip(&r, &back);
    g_assert_cmpmem(&back, sizeof back, &r, sizeof r);
}

/* A main-mode answer without extras: a 3-byte mask, conn-id 1001 and its
 * request's frame as varints (2 + 1), the seconds since the request (0.25,
 * 1 x 2^-2: 2), six one-byte fields, where it starts and how long it is (1 + 2). */
static void test_common_answer_is_small(void)
{
    ikediag_pdu_result r, back;
    memset(&r, 0, sizeof r);
    r.result.conn_id = 1001;
    r.result.response_to = 5;
    r.result.since_request = 0.25;
    r.result.ike_version = 1;
    r.result.step = 2;
    r.result.sender = 1;
    r.result.state = 3;
    r.result.state_initiator = 3;
    r.result.state_responder = 4;
    r.start = 42;
    r.length = 180;
    g_assert_cmpuint(round_trip(&r, &back), ==, 3 + 3 + 2 + 6 + 3);
    g_assert_cmpmem(&back, sizeof back, &r, sizeof r);
}

/* 2^e, exactly (halving and doubling are exact in range). */
static double pow2(int e)
{
    double x = 1.0;
    for (; e > 0; e--)
        x *= 2.0;
    for (; e < 0; e++)
        x /= 2.0;
    return x;
}

/* The bytes a record with only this time span since the request takes,
 * after checking it comes back bit for bit. */
static size_t span_bytes(double span)
{
    ikediag_pdu_result r, back;
    memset(&r, 0, sizeof r);
    r.result.since_request = span;
    size_t n = round_trip(&r, &back);
    g_assert_cmpmem(&back.result.since_request, sizeof(double), &span, sizeof(double));
    return n - 1; /* the one-byte mask */
}

/* Time spans: the difference of two epoch times in a few bytes, every
 * other double whole (a 0 byte and its 8 bytes), all of them bit for bit. */
static void test_time_spans(void)
{
    double sent = 1700000000.0 + 0.123456789, answered = 1700000000.0 + 0.127;
    g_assert_cmpuint(span_bytes(answered - sent), <=, 4);
    g_assert_cmpuint(span_bytes(sent - answered), <=, 4); /* out of time order */
    g_assert_cmpuint(span_bytes(1700000061.5 - 1700000000.25), ==, 3); /* 245 x 2^-2 */
    g_assert_cmpuint(span_bytes(-0.0), ==, 2);
    g_assert_cmpuint(span_bytes(1.0), ==, 2);
    /* Too many significant bits, too small or large an exponent, not finite. */
    g_assert_cmpuint(span_bytes(0.1), ==, 9);
    g_assert_cmpuint(span_bytes(1e-300), ==, 9);
    g_assert_cmpuint(span_bytes(1e300), ==, 9);
    g_assert_cmpuint(span_bytes(4.9406564584124654e-324), ==, 9); /* subnormal */
    g_assert_cmpuint(span_bytes(INFINITY), ==, 9);
    g_assert_cmpuint(span_bytes(-INFINITY), ==, 9);
    g_assert_cmpuint(span_bytes(NAN), ==, 9);
    /* The edges of what fits: 40 significant bits, exponents -127 and 127. */
    g_assert_cmpuint(span_bytes(pow2(40) - 1), ==, 7);
    g_assert_cmpuint(span_bytes(pow2(40) + 1), ==, 9);
    g_assert_cmpuint(span_bytes(pow2(-127)), ==, 2);
    g_assert_cmpuint(span_bytes(pow2(-128)), ==, 9);
    g_assert_cmpuint(span_bytes(3 * pow2(127)), ==, 2);
    g_assert_cmpuint(span_bytes(pow2(128)), ==, 9);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/record_codec/empty", test_empty_record_is_one_byte);
    g_test_add_func("/record_codec/every_field", test_every_field_comes_back);
    g_test_add_func("/record_codec/common_answer", test_common_answer_is_small);
    g_test_add_func("/record_codec/time_spans", test_time_spans);
    return g_test_run();
}
