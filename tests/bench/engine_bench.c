/* ikediag - the engine alone, without Wireshark: feeds every IKE message of a
 * classic pcap (Ethernet, IPv4 or IPv6, UDP 500) to one engine, asks for the
 * SA table and its verdicts as the tables do, and prints messages per second
 * of CPU time and the heap the engine holds per SA; then the seconds of the
 * verdict pass, of IOS's table and of freeing it all.
 *   engine_bench CAPTURE.pcap
 * A measurement, not a test. SPDX-License-Identifier: GPL-2.0-or-later
 */
#define _POSIX_C_SOURCE 199309L
#include "engine.h"
#include "report/cisco_text.h"

#include <glib.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

enum { PCAP_HEADER = 24, RECORD_HEADER = 16, ETHERNET = 14, IPV4_MIN = 20, IPV6_HEADER = 40, UDP_HEADER = 8 };

typedef struct {
    ikd_packet *packets;
    size_t count;
} bench_input;

static uint32_t le32(const uint8_t *p)
{
    return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* Where the UDP header of an Ethernet frame starts (addresses filled in), or 0. */
static size_t udp_offset(const uint8_t *f, size_t len, ikd_packet *p)
{
    if (len < ETHERNET + IPV4_MIN)
        return 0;
    unsigned type = (unsigned)f[12] << 8 | f[13];
    const uint8_t *ip = f + ETHERNET;
    if (type == 0x0800 && ip[9] == 17) {
        p->src.family = p->dst.family = 4;
        memcpy(p->src.bytes, ip + 12, 4);
        memcpy(p->dst.bytes, ip + 16, 4);
        return ETHERNET + (size_t)(ip[0] & 0x0f) * 4;
    }
    if (type == 0x86dd && len >= ETHERNET + IPV6_HEADER + UDP_HEADER && ip[6] == 17) {
        p->src.family = p->dst.family = 6;
        memcpy(p->src.bytes, ip + 8, 16);
        memcpy(p->dst.bytes, ip + 24, 16);
        return ETHERNET + IPV6_HEADER;
    }
    return 0;
}

static bool read_packet(const uint8_t *f, size_t len, uint32_t frame, double time, ikd_packet *p)
{
    memset(p, 0, sizeof *p);
    size_t udp = udp_offset(f, len, p);
    if (!udp || udp + UDP_HEADER > len)
        return false;
    p->frame = frame;
    p->time = time;
    p->src_port = (uint16_t)(f[udp] << 8 | f[udp + 1]);
    p->dst_port = (uint16_t)(f[udp + 2] << 8 | f[udp + 3]);
    p->transport = IKD_TRANSPORT_UDP;
    p->bytes = f + udp + UDP_HEADER;
    p->captured_len = p->reported_len = len - udp - UDP_HEADER;
    return true;
}

static bool load(const char *path, bench_input *in, gchar **data)
{
    gsize size;
    if (!g_file_get_contents(path, data, &size, NULL) || size < PCAP_HEADER || le32((uint8_t *)*data) != 0xa1b2c3d4)
        return false;
    const uint8_t *d = (const uint8_t *)*data;
    GArray *packets = g_array_new(FALSE, FALSE, sizeof(ikd_packet));
    uint32_t frame = 0;
    for (size_t pos = PCAP_HEADER; pos + RECORD_HEADER <= size;) {
        uint32_t caplen = le32(d + pos + 8);
        if (pos + RECORD_HEADER + caplen > size)
            break;
        double time = le32(d + pos) + le32(d + pos + 4) / 1e6;
        ikd_packet p;
        if (read_packet(d + pos + RECORD_HEADER, caplen, ++frame, time, &p))
            g_array_append_val(packets, p);
        pos += RECORD_HEADER + caplen;
    }
    in->count = packets->len;
    in->packets = (ikd_packet *)(void *)g_array_free(packets, FALSE);
    return true;
}

static double cpu_seconds(void)
{
    struct timespec t;
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* What the tables ask for at the end: every SA, and each message's verdicts. */
static size_t judge(ikd_engine *engine, const bench_input *in)
{
    size_t verdicts = 0;
    uint32_t sas = ikd_engine_sa_count(engine);
    for (uint32_t i = 0; i < sas; i++)
        verdicts += ikd_engine_sa(engine, i)->verdict != NULL;
    return verdicts + (in->count ? 0 : 1);
}

static void count_written(const GString *written, void *ctx)
{
    *(size_t *)ctx += written->len;
}

/* What tshark -z isakmp,sa prints when the capture ends: IOS's table of
 * every SA, written in chunks as the plugin flushes them (counted here,
 * not printed). */
static size_t show_table(ikd_engine *engine)
{
    uint32_t sas = ikd_engine_sa_count(engine);
    gboolean *include = g_new(gboolean, sas ? sas : 1);
    for (uint32_t i = 0; i < sas; i++)
        include[i] = TRUE;
    size_t bytes = 0;
    ikd_sa_selection which = { include, sas, count_written, &bytes };
    GString *out = g_string_sized_new(IKD_TEXT_FLUSH_BYTES + 4096);
    ikd_text_show_isakmp_sa(engine, &which, out);
    bytes += out->len;
    g_string_free(out, TRUE);
    g_free(include);
    return bytes;
}

/* Bytes malloc has handed out: small blocks and the large ones it maps on
 * their own (hash tables and arrays past the mmap threshold, which
 * uordblks alone leaves out). */
static size_t heap_in_use(void)
{
    struct mallinfo2 m = mallinfo2();
    return m.uordblks + m.hblkhd;
}

int main(int argc, char **argv)
{
    bench_input in;
    gchar *data = NULL;
    if (argc != 2 || !load(argv[1], &in, &data)) {
        fprintf(stderr, "usage: engine_bench CAPTURE.pcap (classic pcap, Ethernet, UDP)\n");
        return 2;
    }
    size_t heap_before = heap_in_use();
    double start = cpu_seconds();
    ikd_engine *engine = ikd_engine_new();
    for (size_t i = 0; i < in.count; i++) {
        ikd_annotation ann;
        ikd_engine_feed(engine, &in.packets[i], &ann);
        ikd_annotation_clear(&ann);
    }
    double fed = cpu_seconds();
    size_t verdicts = judge(engine, &in);
    double judged = cpu_seconds();
    size_t table_bytes = show_table(engine);
    double shown = cpu_seconds();
    size_t heap = heap_in_use() - heap_before;
    uint32_t sas = ikd_engine_sa_count(engine);
    printf("messages %zu, SAs %u, verdicts %zu\n", in.count, sas, verdicts);
    printf("feed %.3f s CPU: %.0f messages/s; verdicts %.3f s\n", fed - start, in.count / (fed - start),
           judged - fed);
    printf("show crypto isakmp sa: %zu bytes, %.3f s\n", table_bytes, shown - judged);
    printf("heap held by the engine: %zu bytes, %.0f bytes per SA\n", heap, sas ? (double)heap / sas : 0.0);
    double before_free = cpu_seconds();
    ikd_engine_free(engine);
    printf("freed in %.3f s\n", cpu_seconds() - before_free);
    g_free(in.packets);
    g_free(data);
    return 0;
}
