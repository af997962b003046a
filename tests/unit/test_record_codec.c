/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - plugin/record_codec: a message's record comes back
 * from its encoding exactly as it went in, whichever fields are set, and a
 * common message's record takes the few bytes it should. */
#include "extras_ids.h"
#include "record_codec.h"

#include <glib.h>
#include <math.h>
#include <string.h>

/* Encodes r as a message of frame `frame`, checks the size against the
 * bound, decodes it back. */
static size_t round_trip_in(guint32 frame, const ikediag_pdu_result *r, ikediag_pdu_result *back)
{
    guint8 bytes[IKEDIAG_RECORD_MAX_BYTES + 1];
    memset(bytes, 0xa5, sizeof bytes);
    size_t n = ikediag_record_encode(r, frame, bytes);
    g_assert_cmpuint(n, <=, IKEDIAG_RECORD_MAX_BYTES);
    g_assert_cmpuint(bytes[IKEDIAG_RECORD_MAX_BYTES], ==, 0xa5); /* nothing written past its room */
    memset(back, 0x5a, sizeof *back);
    g_assert_cmpuint(ikediag_record_decode(bytes, frame, back), ==, n);
    return n;
}

static size_t round_trip(const ikediag_pdu_result *r, ikediag_pdu_result *back)
{
    return round_trip_in(1000, r, back);
}

/* An empty record: only its mask, which says that the fields nearly every
 * message has (conn-id, states, start, length) are absent: two bytes. */
static void test_empty_record_is_two_bytes(void)
{
    ikediag_pdu_result r, back;
    memset(&r, 0, sizeof r);
    g_assert_cmpuint(round_trip(&r, &back), ==, 2);
    g_assert_cmpmem(&back, sizeof back, &r, sizeof r);
}

/* Every field set, numbers at their widest, the ASA state and the IKEv2
 * state name both set (so the states are written one by one): each comes
 * back. */
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

/* The one-byte states packed, with the ASA state or the IKEv2 state name
 * in their shared place, at the widest each place takes. */
static void test_packed_states_come_back(void)
{
    ikediag_pdu_result r, back;
    memset(&r, 0, sizeof r);
    r.result = (ikd_message_result){
        .ike_version = 3, .encrypted = true, .step = 31, .sender = 3, .state = 15, .state_initiator = 15,
        .state_responder = 15, .asa_state = 15,
    };
    r.pdu = 7; /* a one-byte field that is not a state */
    g_assert_cmpuint(round_trip(&r, &back), ==, 2 + 4 + 1); /* the mask, 23 bits, the pdu */
    g_assert_cmpmem(&back, sizeof back, &r, sizeof r);
    r.result.asa_state = 0;
    r.result.state_ios = 15;
    g_assert_cmpuint(round_trip(&r, &back), ==, 2 + 4 + 1);
    g_assert_cmpmem(&back, sizeof back, &r, sizeof r);
    /* An SA state other than the less advanced side's is written too. */
    r.result.state = 3;
    r.result.state_initiator = 5;
    r.result.state_responder = 7;
    g_assert_cmpuint(round_trip(&r, &back), ==, 2 + 4 + 1);
    g_assert_cmpmem(&back, sizeof back, &r, sizeof r);
    /* IKEv1's usual: version 1, the ASA state, the SA state the lesser
     * side's: 20 bits. */
    r.result = (ikd_message_result){
        .ike_version = 1, .encrypted = true, .step = 31, .sender = 3, .state = 4, .state_initiator = 15,
        .state_responder = 4, .asa_state = 15,
    };
    g_assert_cmpuint(round_trip(&r, &back), ==, 2 + 3 + 1);
    g_assert_cmpmem(&back, sizeof back, &r, sizeof r);
    /* One state out of its place's range: every state byte on its own, and
     * a mask of three bytes (their bits are the 11th to the 19th). */
    r.result.state = 16;
    g_assert_cmpuint(round_trip(&r, &back), ==, 3 + 8 + 1);
    g_assert_cmpmem(&back, sizeof back, &r, sizeof r);
}

/* The frame of a request or a first copy as its distance back from the
 * record's frame, forwards too (a capture out of order), at both ends of
 * the frame numbers. */
static void test_frames_near_and_far(void)
{
    static const guint32 pairs[][2] = {
        { 10, 9 }, { 9, 10 }, { 10, 10 }, { 1, G_MAXUINT32 }, { G_MAXUINT32, 1 }, { 2000000, 1999990 },
    };
    for (guint i = 0; i < G_N_ELEMENTS(pairs); i++) {
        ikediag_pdu_result r, back;
        memset(&r, 0, sizeof r);
        r.result.response_to = pairs[i][1];
        r.result.original_frame = pairs[i][1];
        round_trip_in(pairs[i][0], &r, &back);
        g_assert_cmpmem(&back, sizeof back, &r, sizeof r);
    }
    ikediag_pdu_result r, back;
    memset(&r, 0, sizeof r);
    r.result.response_to = 1999990;
    g_assert_cmpuint(round_trip_in(2000000, &r, &back), ==, 2 + 1); /* 10 back: one byte */
}

/* Extras shared by many messages go by their number; a message's own by its
 * pointer. */
static void test_extras_by_number_or_pointer(void)
{
    static ikediag_pdu_extras own, common[200];
    for (guint i = 0; i < G_N_ELEMENTS(common); i++)
        ikediag_extras_id_assign(&common[i]);
    ikediag_pdu_result r, back;
    memset(&r, 0, sizeof r);
    r.extras = &common[0];
    g_assert_cmpuint(round_trip(&r, &back), ==, 2 + 1);
    g_assert_true(back.extras == &common[0]);
    r.extras = &common[127]; /* number 128: the first byte of its varint is 0x80, not 0 */
    g_assert_cmpuint(round_trip(&r, &back), ==, 2 + 2);
    g_assert_true(back.extras == &common[127]);
    r.extras = &own;
    g_assert_cmpuint(round_trip(&r, &back), ==, 2 + 1 + sizeof(void *));
    g_assert_true(back.extras == &own);
    ikediag_extras_ids_reset();
}

/* A main-mode answer with shared extras: a 1-byte mask, conn-id 1001 (2),
 * its request 4 frames back (1), the seconds since the request (0.25, 1 x
 * 2^-2: 2), the extras' number (1), the states packed (3), where it starts
 * and how long it is (1 + 2). */
static void test_common_answer_is_small(void)
{
    static ikediag_pdu_extras common;
    ikediag_extras_id_assign(&common);
    ikediag_pdu_result r, back;
    memset(&r, 0, sizeof r);
    r.result.conn_id = 1001;
    r.result.response_to = 5;
    r.result.since_request = 0.25;
    r.result.ike_version = 1;
    r.result.step = 2;
    r.result.sender = 2;
    r.result.state = 3;
    r.result.state_initiator = 3;
    r.result.state_responder = 4;
    r.result.asa_state = 3;
    r.extras = &common;
    r.start = 42;
    r.length = 180;
    g_assert_cmpuint(round_trip_in(9, &r, &back), ==, 1 + 2 + 1 + 2 + 1 + 3 + 1 + 2);
    g_assert_cmpmem(&back, sizeof back, &r, sizeof r);
    ikediag_extras_ids_reset();
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
    return n - 2; /* the mask */
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
    g_test_add_func("/record_codec/empty", test_empty_record_is_two_bytes);
    g_test_add_func("/record_codec/every_field", test_every_field_comes_back);
    g_test_add_func("/record_codec/packed_states", test_packed_states_come_back);
    g_test_add_func("/record_codec/frames", test_frames_near_and_far);
    g_test_add_func("/record_codec/extras", test_extras_by_number_or_pointer);
    g_test_add_func("/record_codec/common_answer", test_common_answer_is_small);
    g_test_add_func("/record_codec/time_spans", test_time_spans);
    return g_test_run();
}
