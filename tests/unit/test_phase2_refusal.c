/* SPDX-License-Identifier: GPL-2.0-or-later */
/* ikediag unit tests - a quick mode refused by an informational instead of
 * QM2 (ikev1/phase2_refusal): the verdict chosen for each notify type and
 * its full text, as the analysis table shows it. */
#include "ikev1/ios_phase2_walk.h"
#include "ikev1/phase2_refusal.h"
#include "report/finding_text.h"

#include <glib.h>
#include <string.h>

static const ikd_address ini = { 4, { 192, 0, 2, 10 } };
static const ikd_address resp = { 4, { 192, 0, 2, 1 } };

/* QM1 in frame 7 with message ID 0x0b0a8225, refused by frame 8. */
static ikd_quick_mode refused(uint16_t notify)
{
    /* What decryption told lives here: one quick mode at a time, nothing to free. */
    static ikd_qm_decrypted decrypted;
    memset(&decrypted, 0, sizeof decrypted);
    ikd_quick_mode qm;
    memset(&qm, 0, sizeof qm);
    qm.decrypted = &decrypted;
    qm.message_id = 0x0b0a8225;
    qm.initiator_peer = 0;
    qm.steps[0].first_frame = 7;
    qm.steps[0].copies = 1;
    qm.rejected_by_info = 8;
    qm.reject_notify = notify;
    return qm;
}

/* esp-aes 256 esp-sha256-hmac, tunnel, PFS group 14 (when pfs), 3600 s. */
static void offer(ikd_quick_mode *qm, uint16_t key_length, uint16_t auth, uint16_t pfs)
{
    /* The quick mode's offers live here: one quick mode at a time, nothing to free. */
    static ikd_phase2_transform pool[IKD_MAX_PHASE2_OFFERS];
    ikd_qm_decrypted *d = qm->decrypted;
    if (!d->offer_count)
        d->offers = pool;
    ikd_phase2_transform *t = &d->offers[d->offer_count++];
    memset(t, 0, sizeof *t);
    t->proposal_number = (uint8_t)d->offer_count;
    t->protocol = 3;
    t->transform_id = 12;
    t->key_length = key_length;
    t->auth = auth;
    t->encapsulation = 1;
    t->pfs_group = pfs;
    t->life_seconds = 3600;
}

static ikd_proxy_id subnet(uint8_t a, uint8_t b, uint8_t c, uint8_t d, uint8_t mask_last)
{
    ikd_proxy_id id;
    memset(&id, 0, sizeof id);
    id.kind = IKD_PROXY_SUBNET;
    id.first = (ikd_address){ 4, { a, b, c, d } };
    id.second = (ikd_address){ 4, { 255, 255, 255, mask_last } };
    return id;
}

/* The verdict's id, and its detail text in buf. */
static ikd_finding_id verdict(const ikd_quick_mode *qm, char *buf, size_t size)
{
    uint32_t args[IKD_FINDING_ARGS];
    ikd_finding f = { 0 };
    ikd_finding_id id = ikd_v1_phase2_refusal(qm, &ini, &resp, args);
    f.id = (uint16_t)id;
    memcpy(f.arg, args, sizeof f.arg);
    ikd_finding_render(ikd_finding_lookup(id)->detail, &f, buf, size);
    return id;
}

static void test_unreadable(void)
{
    char text[512];
    ikd_quick_mode qm = refused(0);
    g_assert_cmpint(verdict(&qm, text, sizeof text), ==, IKD_F_STUCK_PHASE2_REJECTED);
    g_assert_cmpstr(text, ==,
                    "quick mode 0xb0a8225 (QM1 in frame 7) answered by an encrypted informational instead of QM2: "
                    "phase 2 rejected \xe2\x80\x94 probable transform-set or crypto ACL mismatch; supply the keys "
                    "to tell which");
}

static void test_no_proposal_one_offer(void)
{
    char text[512];
    ikd_quick_mode qm = refused(14);
    offer(&qm, 256, 5, 0);
    g_assert_cmpint(verdict(&qm, text, sizeof text), ==, IKD_F_STUCK_PHASE2_NO_PROPOSAL);
    g_assert_cmpstr(text, ==,
                    "quick mode 0xb0a8225: NO-PROPOSAL-CHOSEN, phase 2 SA policy not acceptable! for the "
                    "offered esp-aes 256 esp-sha256-hmac, no pfs, lifetime 3600 seconds \xe2\x80\x94 probable "
                    "transform set / PFS mismatch");
}

static void test_no_proposal_two_offers_pfs(void)
{
    char text[512];
    ikd_quick_mode qm = refused(14);
    offer(&qm, 0, 2, 14);
    offer(&qm, 256, 5, 14);
    verdict(&qm, text, sizeof text);
    g_assert_cmpstr(text, ==,
                    "quick mode 0xb0a8225: NO-PROPOSAL-CHOSEN, phase 2 SA policy not acceptable! for 2 "
                    "offered transforms, the first esp-aes esp-sha-hmac, pfs group14, lifetime 3600 seconds "
                    "\xe2\x80\x94 probable transform set / PFS mismatch");
}

/* The notify was read but QM1 was not: the offer is not invented. */
static void test_no_proposal_offer_unread(void)
{
    char text[512];
    ikd_quick_mode qm = refused(14);
    verdict(&qm, text, sizeof text);
    g_assert_cmpstr(text, ==,
                    "quick mode 0xb0a8225: NO-PROPOSAL-CHOSEN, phase 2 SA policy not acceptable! for an "
                    "offer the capture could not decrypt \xe2\x80\x94 probable transform set / PFS mismatch");
}

static void test_invalid_id(void)
{
    char text[512];
    ikd_quick_mode qm = refused(18);
    offer(&qm, 0, 2, 0);
    qm.decrypted->ids[0] = subnet(198, 51, 100, 0, 128);
    qm.decrypted->ids[1] = subnet(203, 0, 113, 128, 128);
    qm.decrypted->ids_known = true;
    g_assert_cmpint(verdict(&qm, text, sizeof text), ==, IKD_F_STUCK_PHASE2_PROXY_MISMATCH);
    g_assert_cmpstr(text, ==,
                    "quick mode 0xb0a8225: INVALID-ID-INFORMATION, proxy identities not supported: "
                    "initiator's local 198.51.100.0/255.255.255.128/0/0, remote 203.0.113.128/255.255.255.128/0/0 "
                    "\xe2\x80\x94 probable cause: the crypto ACLs do not mirror");
}

/* QM1 read without ID payloads: the proxies are the peers themselves. */
static void test_invalid_id_no_id_payloads(void)
{
    char text[512];
    ikd_quick_mode qm = refused(18);
    offer(&qm, 0, 2, 0);
    verdict(&qm, text, sizeof text);
    g_assert_cmpstr(text, ==,
                    "quick mode 0xb0a8225: INVALID-ID-INFORMATION, proxy identities not supported: "
                    "initiator's local 192.0.2.10/255.255.255.255/0/0, remote 192.0.2.1/255.255.255.255/0/0 "
                    "\xe2\x80\x94 probable cause: the crypto ACLs do not mirror");
}

/* QM1 unread, or identities too big for a verdict's arguments. */
static void test_invalid_id_unknown_or_ipv6(void)
{
    char text[512];
    ikd_quick_mode qm = refused(18);
    verdict(&qm, text, sizeof text);
    g_assert_nonnull(strstr(text, "initiator's local unknown (QM1 not decrypted), remote unknown (QM1 not "
                                  "decrypted) \xe2\x80\x94"));
    offer(&qm, 0, 2, 0);
    qm.decrypted->ids_known = true;
    qm.decrypted->ids[0] = subnet(198, 51, 100, 0, 128);
    qm.decrypted->ids[1].kind = IKD_PROXY_SUBNET;
    qm.decrypted->ids[1].first.family = qm.decrypted->ids[1].second.family = 6;
    verdict(&qm, text, sizeof text);
    g_assert_nonnull(strstr(text, "local 198.51.100.0/255.255.255.128/0/0, remote (IPv6 or range: see "
                                  "ikediag.qm.*) \xe2\x80\x94"));
}

static void test_other_notify(void)
{
    char text[512];
    ikd_quick_mode qm = refused(24);
    g_assert_cmpint(verdict(&qm, text, sizeof text), ==, IKD_F_STUCK_PHASE2_REFUSED);
    g_assert_cmpstr(text, ==,
                    "quick mode 0xb0a8225: AUTHENTICATION-FAILED instead of QM2 \xe2\x80\x94 "
                    "probable HASH(1) check failure: QM1 altered in transit, or the phase-1 keys out of step");
    qm = refused(30);
    verdict(&qm, text, sizeof text);
    g_assert_cmpstr(text, ==,
                    "quick mode 0xb0a8225: UNEQUAL-PAYLOAD-LENGTHS instead of QM2 \xe2\x80\x94 "
                    "probable cause as that notification's own finding describes");
}

/* The policy file's walk names the line when its finding fits the notify. */
static void test_policy_lines(void)
{
    char text[512];
    ikd_quick_mode qm = refused(14);
    offer(&qm, 256, 5, 0);
    qm.decrypted->policy_outcome = IKD_P2_WALK_TRANSFORM;
    qm.decrypted->policy_line = 15;
    g_assert_cmpint(verdict(&qm, text, sizeof text), ==, IKD_F_STUCK_PHASE2_POLICY_TRANSFORM);
    g_assert_cmpstr(text, ==,
                    "quick mode 0xb0a8225: NO-PROPOSAL-CHOSEN, transform proposal not supported for identity: "
                    "esp-aes 256 esp-sha256-hmac: no transform set of the crypto map entry fits (policy file line "
                    "15) \xe2\x80\x94 transform set mismatch");
    qm.decrypted->policy_outcome = IKD_P2_WALK_PFS;
    g_assert_cmpint(verdict(&qm, text, sizeof text), ==, IKD_F_STUCK_PHASE2_POLICY_PFS);
    g_assert_cmpstr(text, ==,
                    "quick mode 0xb0a8225: NO-PROPOSAL-CHOSEN: the offered esp-aes 256 esp-sha256-hmac, no pfs, "
                    "lifetime 3600 seconds fits a transform set, not the crypto map entry's PFS (policy file line "
                    "15) \xe2\x80\x94 PFS mismatch");
    qm.decrypted->policy_outcome = IKD_P2_WALK_PROXY;
    qm.decrypted->ids[0] = subnet(198, 51, 100, 0, 128);
    qm.decrypted->ids[1] = subnet(203, 0, 113, 128, 128);
    qm.decrypted->ids_known = true;
    g_assert_cmpint(verdict(&qm, text, sizeof text), ==, IKD_F_STUCK_PHASE2_POLICY_ACL);
    g_assert_cmpstr(text, ==,
                    "quick mode refused, proxy identities not supported: initiator's local "
                    "198.51.100.0/255.255.255.128/0/0, remote 203.0.113.128/255.255.255.128/0/0 not mirrored by the "
                    "crypto ACL (policy file line 15) \xe2\x80\x94 crypto ACL mismatch");
    /* A transform mismatch does not explain INVALID-ID-INFORMATION, nor does an accepting walk any refusal. */
    qm.reject_notify = 18;
    qm.decrypted->policy_outcome = IKD_P2_WALK_TRANSFORM;
    g_assert_cmpint(verdict(&qm, text, sizeof text), ==, IKD_F_STUCK_PHASE2_PROXY_MISMATCH);
    qm.decrypted->policy_outcome = IKD_P2_WALK_ACCEPTED;
    g_assert_cmpint(verdict(&qm, text, sizeof text), ==, IKD_F_STUCK_PHASE2_PROXY_MISMATCH);
}

/* The longest texts fit in the 240 bytes of a Wireshark item label. */
static void test_longest_texts_fit(void)
{
    char text[512];
    ikd_quick_mode qm = refused(18);
    qm.message_id = 0xffffffff;
    offer(&qm, 0, 2, 0);
    qm.decrypted->ids_known = true;
    qm.decrypted->ids[0] = subnet(255, 255, 255, 255, 255);
    qm.decrypted->ids[0].protocol = 255;
    qm.decrypted->ids[0].port = 65535;
    qm.decrypted->ids[1] = qm.decrypted->ids[0];
    verdict(&qm, text, sizeof text);
    g_assert_cmpuint(strlen(text), <=, 240);
    qm = refused(14);
    qm.message_id = 0xffffffff;
    for (int i = 0; i < IKD_MAX_PHASE2_OFFERS; i++)
        offer(&qm, 256, 7, 21);
    qm.decrypted->offers[0].encapsulation = 2;
    qm.decrypted->offers[0].life_seconds = 86400;
    verdict(&qm, text, sizeof text);
    g_assert_cmpuint(strlen(text), <=, 240);
}

int main(int argc, char **argv)
{
    g_test_init(&argc, &argv, NULL);
    g_test_add_func("/phase2_refusal/unreadable", test_unreadable);
    g_test_add_func("/phase2_refusal/no_proposal_one_offer", test_no_proposal_one_offer);
    g_test_add_func("/phase2_refusal/no_proposal_two_offers_pfs", test_no_proposal_two_offers_pfs);
    g_test_add_func("/phase2_refusal/no_proposal_offer_unread", test_no_proposal_offer_unread);
    g_test_add_func("/phase2_refusal/invalid_id", test_invalid_id);
    g_test_add_func("/phase2_refusal/invalid_id_no_id_payloads", test_invalid_id_no_id_payloads);
    g_test_add_func("/phase2_refusal/invalid_id_unknown_or_ipv6", test_invalid_id_unknown_or_ipv6);
    g_test_add_func("/phase2_refusal/other_notify", test_other_notify);
    g_test_add_func("/phase2_refusal/longest_texts_fit", test_longest_texts_fit);
    g_test_add_func("/phase2_refusal/policy_lines", test_policy_lines);
    return g_test_run();
}
