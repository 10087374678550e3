/* ingest/pull.c — `hunt pull SOURCE`: fetch pages over HTTP(S) with libcurl
 * and ingest each one as a batch whose commit carries the checkpoint.
 *
 * The checkpoint "pull:NAME" holds "next URL" while a paged pull is under
 * way, and "done ISO-TIME" (the start of the last complete pull) after it.
 * A pull starts from the pending URL when there is one, else from the
 * configured URL with "{since}" replaced by that time (URL-encoded) — so an
 * API that filters by time gets only what is new; overlap is removed by
 * dedupe. Each page and the checkpoint that points past it commit in one
 * transaction: killed at any point, the next pull neither skips nor repeats
 * a page.
 *
 * Retries: 429 waits Retry-After seconds (at most max_wait), 5xx, network
 * errors, time-outs and bodies that are cut short or are not JSON wait
 * backoff_ms * 2^attempt plus up to as much again of jitter; other 4xx
 * fail at once. Messages name the URL without its query string.
 */
#include "ingest/pull.h"

#include <curl/curl.h>
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>
#include <unistd.h>

#define MAX_BODY (1u << 30)
#define HUNT_PULL_VERSION "0.1"

typedef struct psource {
    const char *name, *url, *table, *format;
    char token[4096];
    long timeout;
    int retries;
    long backoff_ms, max_wait;
    bool verify_tls;
    int max_pages;
} psource;

typedef struct body {
    char *p;
    size_t n, cap;
    long retry_after;
    bool too_big;
} body;

/* --- configuration ---------------------------------------------------------- */

static bool read_token(psource *p, json_t *cfg, char *err, size_t cap)
{
    const char *env = json_string_value(json_object_get(cfg, "token_env"));
    const char *file = json_string_value(json_object_get(cfg, "token_file"));
    p->token[0] = 0;
    if (env) {
        const char *v = getenv(env);
        if (!v || !*v) {
            snprintf(err, cap, "source %s: environment variable %s is not set", p->name, env);
            return false;
        }
        snprintf(p->token, sizeof p->token, "%s", v);
    } else if (file) {
        FILE *f = fopen(file, "r");
        if (!f || !fgets(p->token, sizeof p->token, f)) {
            snprintf(err, cap, "source %s: cannot read token file %s", p->name, file);
            if (f)
                fclose(f);
            return false;
        }
        fclose(f);
        p->token[strcspn(p->token, "\r\n")] = 0;
    }
    return true;
}

static long num_or(json_t *cfg, const char *key, long dflt)
{
    json_t *v = json_object_get(cfg, key);
    return json_is_integer(v) ? (long)json_integer_value(v) : dflt;
}

/* Reads source `name` of DIR/sources.json; *root keeps the strings alive. */
static bool load_source(const char *dir, const char *name, psource *p, json_t **root, char *err,
                        size_t cap)
{
    char path[4096];
    json_error_t je;
    snprintf(path, sizeof path, "%s/sources.json", dir);
    *root = json_load_file(path, 0, &je);
    if (!*root) {
        snprintf(err, cap, "%s:%d: %s", path, je.line, je.text);
        return false;
    }
    json_t *cfg = json_object_get(json_object_get(*root, "sources"), name);
    memset(p, 0, sizeof *p);
    p->name = name;
    p->url = json_string_value(json_object_get(cfg, "url"));
    if (!json_is_object(cfg) || !p->url) {
        snprintf(err, cap, "%s: no source \"%s\" with a \"url\"", path, name);
        return false;
    }
    p->table = json_string_value(json_object_get(cfg, "table"));
    p->format = json_string_value(json_object_get(cfg, "format"));
    p->timeout = num_or(cfg, "timeout", 30);
    p->retries = (int)num_or(cfg, "retries", 5);
    p->backoff_ms = num_or(cfg, "backoff_ms", 500);
    p->max_wait = num_or(cfg, "max_wait", 120);
    p->max_pages = (int)num_or(cfg, "max_pages", 100000);
    p->verify_tls = !json_is_false(json_object_get(cfg, "verify_tls"));
    return read_token(p, cfg, err, cap);
}

/* --- fetching ------------------------------------------------------------------- */

static size_t on_data(char *ptr, size_t size, size_t nmemb, void *arg)
{
    body *b = arg;
    size_t n = size * nmemb;
    if (b->n + n > MAX_BODY) {
        b->too_big = true;
        return 0;
    }
    if (b->n + n + 1 > b->cap) {
        while (b->n + n + 1 > b->cap)
            b->cap = b->cap ? 2 * b->cap : 65536;
        b->p = realloc(b->p, b->cap);
        if (!b->p)
            abort();
    }
    memcpy(b->p + b->n, ptr, n);
    b->n += n;
    b->p[b->n] = 0;
    return n;
}

static size_t on_header(char *ptr, size_t size, size_t nmemb, void *arg)
{
    body *b = arg;
    size_t n = size * nmemb;
    if (n > 12 && strncasecmp(ptr, "Retry-After:", 12) == 0)
        b->retry_after = strtol(ptr + 12, NULL, 10);
    return n;
}

/* The URL without its query string, for messages. */
static void url_for_message(const char *url, char *out, size_t cap)
{
    snprintf(out, cap, "%.*s", (int)strcspn(url, "?"), url);
}

static void sleep_ms(long ms)
{
    struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
    while (nanosleep(&ts, &ts) != 0)
        ;
}

/* One GET. Returns the HTTP status (0 on a transport error; why says). */
static long get_once(const psource *p, const char *url, body *b, char *why, size_t cap)
{
    CURL *c = curl_easy_init();
    struct curl_slist *h = NULL;
    char auth[4200];
    if (p->token[0]) {
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", p->token);
        h = curl_slist_append(h, auth);
    }
    h = curl_slist_append(h, "Accept: application/json");
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, on_data);
    curl_easy_setopt(c, CURLOPT_WRITEDATA, b);
    curl_easy_setopt(c, CURLOPT_HEADERFUNCTION, on_header);
    curl_easy_setopt(c, CURLOPT_HEADERDATA, b);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, p->timeout);
    curl_easy_setopt(c, CURLOPT_CONNECTTIMEOUT, p->timeout < 10 ? p->timeout : 10L);
    curl_easy_setopt(c, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(c, CURLOPT_FOLLOWLOCATION, 1L);
    curl_easy_setopt(c, CURLOPT_MAXREDIRS, 5L);
    curl_easy_setopt(c, CURLOPT_ACCEPT_ENCODING, "");
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYPEER, p->verify_tls ? 1L : 0L);
    curl_easy_setopt(c, CURLOPT_SSL_VERIFYHOST, p->verify_tls ? 2L : 0L);
    curl_easy_setopt(c, CURLOPT_USERAGENT, "hunt/" HUNT_PULL_VERSION);
    CURLcode rc = curl_easy_perform(c);
    long status = 0;
    if (rc == CURLE_OK)
        curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &status);
    else
        snprintf(why, cap, "%s", b->too_big ? "answer larger than 1 GB" : curl_easy_strerror(rc));
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return status;
}

/* GETs url with the retry policy; on success *doc is the parsed answer. */
static int fetch(const psource *p, const char *url, body *b, json_t **doc, char *err, size_t cap)
{
    char shown[1024], why[256] = "";
    url_for_message(url, shown, sizeof shown);
    for (int attempt = 0;; attempt++) {
        free(b->p);
        memset(b, 0, sizeof *b);
        long status = get_once(p, url, b, why, sizeof why);
        long wait = p->backoff_ms << (attempt < 16 ? attempt : 16);
        wait += wait > 0 ? rand() % (wait + 1) : 0;
        if (status == 200) {
            json_error_t je;
            *doc = json_loadb(b->p ? b->p : "", b->n, 0, &je);
            if (*doc)
                return 0;
            snprintf(why, sizeof why, "answer is not complete JSON: %s", je.text);
        } else if (status == 429) {
            snprintf(why, sizeof why, "HTTP 429 (throttled)");
            if (b->retry_after > 0)
                wait = 1000 * (b->retry_after < p->max_wait ? b->retry_after : p->max_wait);
        } else if (status >= 500) {
            snprintf(why, sizeof why, "HTTP %ld", status);
        } else if (status != 0) {
            snprintf(err, cap, "%s: HTTP %ld", shown, status);
            return -1;
        }
        if (b->too_big || attempt >= p->retries) {
            snprintf(err, cap, "%s: %s (after %d attempts)", shown, why, attempt + 1);
            return -1;
        }
        sleep_ms(wait);
    }
}

/* --- paging --------------------------------------------------------------------- */

static const char *next_link(json_t *doc)
{
    const char *n = json_string_value(json_object_get(doc, "@odata.nextLink"));
    return n ? n : json_string_value(json_object_get(doc, "nextLink"));
}

/* The configured URL with {since} replaced by the last complete pull's time. */
static char *start_url(const psource *p, const char *since)
{
    const char *at = strstr(p->url, "{since}");
    if (!at)
        return strdup(p->url);
    CURL *c = curl_easy_init();
    char *enc = curl_easy_escape(c, since && *since ? since : "1970-01-01T00:00:00Z", 0);
    size_t n = strlen(p->url) + strlen(enc) + 1;
    char *u = malloc(n);
    if (!u)
        abort();
    snprintf(u, n, "%.*s%s%s", (int)(at - p->url), p->url, enc, at + 7);
    curl_free(enc);
    curl_easy_cleanup(c);
    return u;
}

static void iso_now(char *buf)
{
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    ht_format_datetime((int64_t)ts.tv_sec * HT_TICKS_PER_SEC, buf);
}

static int pull_pages(ing_session *s, const psource *p, char *url, const char *started,
                      ing_result *r, char *err, size_t cap)
{
    char ck[512], label[600];
    snprintf(ck, sizeof ck, "pull:%s", p->name);
    int fmt = fmt_from_name(p->format);
    body b = {0};
    int rc = 0;
    for (int page = 1; url && page <= p->max_pages; page++) {
        json_t *doc = NULL;
        if ((rc = fetch(p, url, &b, &doc, err, cap)) != 0)
            break;
        const char *next = next_link(doc);
        size_t vn = (next ? strlen(next) : 0) + 64;
        char *val = malloc(vn);
        if (!val)
            abort();
        if (next)
            snprintf(val, vn, "next %s", next);
        else
            snprintf(val, vn, "done %s", started);
        snprintf(label, sizeof label, "pull %s page %d", p->name, page);
        rc = ing_ingest_buffer(s, p->table, label, b.p, b.n, fmt < 0 ? FMT_AUTO : fmt, ck, val,
                               NULL, 0, r, err, cap);
        free(url);
        url = rc == 0 && next ? strdup(next) : NULL;
        free(val);
        json_decref(doc);
        if (rc != 0)
            break;
    }
    free(url);
    free(b.p);
    return rc;
}

int pull_source(ing_session *s, const char *name, ing_result *r, char *err, size_t errcap)
{
    psource p;
    json_t *root = NULL;
    static bool inited;
    if (!inited) {
        curl_global_init(CURL_GLOBAL_DEFAULT);
        srand((unsigned)time(NULL) ^ (unsigned)getpid());
        inited = true;
    }
    if (!load_source(ws_dir(s->ws), name, &p, &root, err, errcap)) {
        json_decref(root);
        return -1;
    }
    char ck[512], val[8192], started[40];
    snprintf(ck, sizeof ck, "pull:%s", name);
    ws_checkpoint_get(s->ws, ck, val, sizeof val);
    iso_now(started);
    char *url = strncmp(val, "next ", 5) == 0
                    ? strdup(val + 5)
                    : start_url(&p, strncmp(val, "done ", 5) == 0 ? val + 5 : NULL);
    int rc = pull_pages(s, &p, url, started, r, err, errcap);
    memset(p.token, 0, sizeof p.token);
    json_decref(root);
    return rc;
}
