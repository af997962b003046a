/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - plugin/record_codec: a message's record comes back
 * from its encoding exactly as it went in, whichever fields are set, and a
 * common message's record takes the few bytes it should. */
#include "record_codec.h"

#include <glib.h>
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
 * request's frame as varints (2 + 1), the seconds since the request (8),
 * six one-byte fields, where it starts and how long it is (1 + 2). */
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
    g_assert_cmpuint(round_trip(&r, &back), ==, 3 + 3 + 8 + 6 + 3);
    g_assert_cmpmem(&back, sizeof back, &r, sizeof r);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/record_codec/empty", test_empty_record_is_one_byte);
    g_test_add_func("/record_codec/every_field", test_every_field_comes_back);
    g_test_add_func("/record_codec/common_answer", test_common_answer_is_small);
    return g_test_run();
}
