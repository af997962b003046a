/*
 * kernel-null: a do-nothing kernel IPsec backend for strongSwan 5.9.8 charon.
 *
 * Part of the ikediag capture lab (captures/lab/).  The lab VM's kernel has
 * XFRM but no ESP transform ("ip xfrm state add ... proto esp" fails with
 * "Requested type not found"), so kernel-netlink cannot install the IPsec SAs
 * a quick mode negotiates.  When that happens charon changes what it puts on
 * the wire (the QM initiator answers QM2 with a NO_PROPOSAL_CHOSEN notify
 * instead of QM3; the QM responder sends a DELETE after QM3), which would make
 * every "success" capture a failure.  kernel-libipsec (userland ESP) is no way
 * out either: it reports KERNEL_REQUIRE_UDP_ENCAPSULATION, which makes charon
 * fake its NAT-D hashes and float every SA to UDP 4500.
 *
 * This backend pretends every SA/policy operation succeeds, like upstream's
 * load-tester "fake_kernel" option (not built in Debian's packages), so the
 * IKE state machines run unchanged and nothing differs on the wire.
 * SA queries return NOT_SUPPORTED (no traffic counters, so DPD sees no
 * traffic and probes, as it would on an idle tunnel).
 *
 * It is loaded without installing anything system-wide: charon first looks
 * for "<name>_plugin_create" in the global symbol table (RTLD_DEFAULT), so the
 * lab starts charon with LD_PRELOAD=libkernel-null.so and lists "kernel-null"
 * first in charon.load (the first kernel-ipsec backend registered wins; the
 * kernel-netlink plugin still provides the kernel-net part: addresses,
 * interfaces).
 *
 * No strongSwan development headers are packaged in Debian, so the few ABI
 * layouts needed are restated below, reduced to what this backend touches
 * (opaque arguments as void *), after the strongSwan 5.9.8 interfaces
 * (src/libstrongswan/plugins/plugin.h, plugin_feature.h,
 * src/libcharon/kernel/kernel_ipsec.h, src/libstrongswan/utils/debug.h,
 * utils/status.h).  run-lab refuses to build it for another strongSwan
 * version.  Build: gcc -shared -fPIC -O2 -o libkernel-null.so kernel_null.c
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <arpa/inet.h>
#include <sys/random.h>

/* utils/status.h */
typedef enum { SUCCESS, FAILED, OUT_OF_RES, ALREADY_DONE, NOT_SUPPORTED } status_t;

/* utils/debug.h: DBG_KNL is the 7th group, level 1 = "control" */
enum { DBG_KNL = 6 };
extern void (*dbg)(int group, int level, char *fmt, ...);

/* plugins/plugin_feature.h (5.9.8): kind, type, union arg */
typedef struct plugin_t plugin_t;
typedef struct plugin_feature_t plugin_feature_t;
typedef bool (*plugin_feature_callback_t)(plugin_t *plugin,
				plugin_feature_t *feature, bool reg, void *data);
enum { FEATURE_PROVIDE = 0, FEATURE_CALLBACK = 4 };
enum { FEATURE_NONE = 0, FEATURE_CUSTOM = 30 };
struct plugin_feature_t {
	int kind;
	int type;
	union {
		struct { int alg; size_t key_size; } crypter;	/* sets union size */
		char *custom;
		struct { plugin_feature_callback_t f; void *data; } cb;
	} arg;
};

/* plugins/plugin.h */
struct plugin_t {
	char *(*get_name)(plugin_t *this);
	int (*get_features)(plugin_t *this, plugin_feature_t *features[]);
	bool (*reload)(plugin_t *this);
	void (*destroy)(plugin_t *this);
};

/* kernel/kernel_ipsec.h (5.9.8); argument structs are opaque except the
 * head of kernel_ipsec_sa_id_t */
typedef struct kernel_ipsec_t kernel_ipsec_t;
typedef struct {
	void *src;	/* host_t* */
	void *dst;	/* host_t* */
	uint32_t spi;	/* network order */
	uint8_t proto;
} sa_id_head_t;
struct kernel_ipsec_t {
	int (*get_features)(kernel_ipsec_t *this);
	status_t (*get_spi)(kernel_ipsec_t *this, void *src, void *dst,
						uint8_t protocol, uint32_t *spi);
	status_t (*get_cpi)(kernel_ipsec_t *this, void *src, void *dst,
						uint16_t *cpi);
	status_t (*add_sa)(kernel_ipsec_t *this, sa_id_head_t *id, void *data);
	status_t (*update_sa)(kernel_ipsec_t *this, sa_id_head_t *id, void *data);
	status_t (*query_sa)(kernel_ipsec_t *this, sa_id_head_t *id, void *data,
						 uint64_t *bytes, uint64_t *packets, void *time);
	status_t (*del_sa)(kernel_ipsec_t *this, sa_id_head_t *id, void *data);
	status_t (*flush_sas)(kernel_ipsec_t *this);
	status_t (*add_policy)(kernel_ipsec_t *this, void *id, void *data);
	status_t (*query_policy)(kernel_ipsec_t *this, void *id, void *data,
							 void *use_time);
	status_t (*del_policy)(kernel_ipsec_t *this, void *id, void *data);
	status_t (*flush_policies)(kernel_ipsec_t *this);
	bool (*bypass_socket)(kernel_ipsec_t *this, int fd, int family);
	bool (*enable_udp_decap)(kernel_ipsec_t *this, int fd, int family,
							 uint16_t port);
	void (*destroy)(kernel_ipsec_t *this);
};
/* exported by libcharon */
extern bool kernel_ipsec_register(plugin_t *plugin, plugin_feature_t *feature,
								  bool reg, void *data);

#define LOG(fmt, ...) do { if (dbg) dbg(DBG_KNL, 1, "kernel-null: " fmt, ##__VA_ARGS__); } while (0)

static int k_get_features(kernel_ipsec_t *this) { return 0; }

static status_t k_get_spi(kernel_ipsec_t *this, void *src, void *dst,
						  uint8_t protocol, uint32_t *spi)
{
	uint32_t r = 0;

	while (getrandom(&r, sizeof(r), 0) != sizeof(r))
	{
	}
	r |= 0xc0000000;	/* like kernel-netlink's default spi range */
	*spi = htonl(r);
	return SUCCESS;
}

static status_t k_get_cpi(kernel_ipsec_t *this, void *src, void *dst,
						  uint16_t *cpi)
{
	uint16_t r = 0;

	while (getrandom(&r, sizeof(r), 0) != sizeof(r))
	{
	}
	*cpi = htons((r % 0xfb00) + 0x100);
	return SUCCESS;
}

static status_t k_add_sa(kernel_ipsec_t *this, sa_id_head_t *id, void *data)
{
	LOG("pretending to install SA %H > %H proto %u spi %.8x (not in kernel)",
		id->src, id->dst, id->proto, ntohl(id->spi));
	return SUCCESS;
}

static status_t k_update_sa(kernel_ipsec_t *this, sa_id_head_t *id, void *data)
{
	return SUCCESS;
}

static status_t k_query_sa(kernel_ipsec_t *this, sa_id_head_t *id, void *data,
						   uint64_t *bytes, uint64_t *packets, void *time)
{
	return NOT_SUPPORTED;
}

static status_t k_del_sa(kernel_ipsec_t *this, sa_id_head_t *id, void *data)
{
	LOG("pretending to delete SA %H > %H proto %u spi %.8x",
		id->src, id->dst, id->proto, ntohl(id->spi));
	return SUCCESS;
}

static status_t k_ok(kernel_ipsec_t *this) { return SUCCESS; }
static status_t k_policy(kernel_ipsec_t *this, void *id, void *data) { return SUCCESS; }
static status_t k_query_policy(kernel_ipsec_t *this, void *id, void *data,
							   void *use_time) { return NOT_SUPPORTED; }
static bool k_bypass(kernel_ipsec_t *this, int fd, int family) { return true; }
static bool k_decap(kernel_ipsec_t *this, int fd, int family, uint16_t port) { return true; }
static void k_destroy(kernel_ipsec_t *this) { free(this); }

static kernel_ipsec_t *kernel_null_ipsec_create(void)
{
	kernel_ipsec_t *this = calloc(1, sizeof(*this));

	this->get_features = k_get_features;
	this->get_spi = k_get_spi;
	this->get_cpi = k_get_cpi;
	this->add_sa = k_add_sa;
	this->update_sa = k_update_sa;
	this->query_sa = k_query_sa;
	this->del_sa = k_del_sa;
	this->flush_sas = k_ok;
	this->add_policy = k_policy;
	this->query_policy = k_query_policy;
	this->del_policy = k_policy;
	this->flush_policies = k_ok;
	this->bypass_socket = k_bypass;
	this->enable_udp_decap = k_decap;
	this->destroy = k_destroy;
	LOG("fake kernel IPsec backend active: IPsec SAs are negotiated but never installed");
	return this;
}

static char *p_get_name(plugin_t *this) { return "kernel-null"; }

static plugin_feature_t features[2];

static int p_get_features(plugin_t *this, plugin_feature_t *f[])
{
	features[0].kind = FEATURE_CALLBACK;
	features[0].type = FEATURE_NONE;
	features[0].arg.cb.f = kernel_ipsec_register;
	features[0].arg.cb.data = (void*)kernel_null_ipsec_create;
	features[1].kind = FEATURE_PROVIDE;
	features[1].type = FEATURE_CUSTOM;
	features[1].arg.custom = "kernel-ipsec";
	*f = features;
	return 2;
}

static void p_destroy(plugin_t *this) { free(this); }

plugin_t *kernel_null_plugin_create(void)
{
	plugin_t *this = calloc(1, sizeof(*this));

	this->get_name = p_get_name;
	this->get_features = p_get_features;
	this->destroy = p_destroy;
	return this;
}
