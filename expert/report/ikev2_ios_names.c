/* ikediag - IKEv2 numbers in IOS's words (IANA IKEv2 registry numbers).
 * SPDX-License-Identifier: GPL-2.0-or-later
 */
#include "report/ikev2_ios_names.h"

#include <stdio.h>

typedef struct {
    uint16_t id;
    const char *name;
} ios_name;

static const char *lookup(const ios_name *t, size_t n, uint16_t id, char *buf, size_t size)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].id == id)
            return t[i].name;
    snprintf(buf, size, "Unknown - %u", (unsigned)id);
    return buf;
}

#define LOOKUP(table, id, buf, size) lookup(table, sizeof table / sizeof table[0], id, buf, size)

/* ENCR_DES, ENCR_3DES, ENCR_AES_CBC, ENCR_AES_CTR, ENCR_AES_GCM_8/12/16, ENCR_CHACHA20_POLY1305. */
static const ios_name encr[] = {
    { 2, "DES" },       { 3, "3DES" },        { 12, "AES-CBC" },  { 13, "AES-CTR" },
    { 18, "AES-GCM-8" }, { 19, "AES-GCM-12" }, { 20, "AES-GCM" }, { 28, "CHACHA20-POLY1305" },
};

/* PRF_HMAC_MD5, _SHA1, PRF_AES128_XCBC, PRF_HMAC_SHA2_256/384/512. */
static const ios_name prf[] = {
    { 1, "MD5" }, { 2, "SHA1" }, { 4, "AES-XCBC" }, { 5, "SHA256" }, { 6, "SHA384" }, { 7, "SHA512" },
};

/* AUTH_HMAC_MD5_96, _SHA1_96, AUTH_AES_XCBC_96, AUTH_HMAC_SHA2_256_128/384_192/512_256. */
static const ios_name integ[] = {
    { 1, "MD596" }, { 2, "SHA96" }, { 5, "AES-XCBC-96" }, { 12, "SHA256" }, { 13, "SHA384" }, { 14, "SHA512" },
};

/* RFC 7296 3.8, RFC 4754, RFC 7427. */
static const ios_name auth[] = {
    { 1, "RSA" }, { 2, "PSK" }, { 3, "DSS" }, { 9, "ECDSA" }, { 10, "ECDSA" }, { 11, "ECDSA" }, { 14, "Digital Signature" },
};

const char *ikd_v2_ios_encr(uint16_t id, char *buf, size_t size)
{
    return LOOKUP(encr, id, buf, size);
}

const char *ikd_v2_ios_prf(uint16_t id, char *buf, size_t size)
{
    return LOOKUP(prf, id, buf, size);
}

const char *ikd_v2_ios_integ(uint16_t id, char *buf, size_t size)
{
    return LOOKUP(integ, id, buf, size);
}

const char *ikd_v2_ios_auth(uint8_t method, char *buf, size_t size)
{
    return LOOKUP(auth, method, buf, size);
}
