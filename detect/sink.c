/* detect/sink.c — where detections go: the outbox events of a step
 * (AlertCreated, AlertUpdated, IncidentCreated, IncidentUpdated,
 * RunPlaybook, AutomationFailed) as NDJSON on stdout, appended to a file, or
 * POSTed one by one to a webhook with libcurl (3 tries with backoff; the
 * bearer secret comes from the environment variable HUNT_WEBHOOK_SECRET,
 * never from a rule file, never logged). Retries: a transport error or a
 * status other than 2xx is tried again (3 tries, 1 s then 2 s apart; the
 * pause is HUNT_WEBHOOK_BACKOFF_MS milliseconds per step when set). After an
 * event fails every try, the rest are not attempted: undelivered events stay
 * in the outbox, in order (the store keeps them for the next run), so a
 * receiver sees every event at least once, in order; alert and incident ids
 * are deterministic, so a receiver can drop a repeat. hunt-private fields
 * (leading '_') are kept: they carry the rule id, the incident number and
 * the grouping key. Each alert / incident event also carries the Microsoft
 * Graph security shape of its object, "graphAlert" / "graphIncident"
 * (graph.c), built at delivery.
 */
#include "detect/detect.h"

#include <curl/curl.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int det_sink_parse(const char *spec, det_sink *out)
{
    memset(out, 0, sizeof *out);
    if (!spec || !strcmp(spec, "none"))
        return 0;
    if (!strcmp(spec, "stdout") || !strcmp(spec, "-")) {
        out->kind = 1;
        return 0;
    }
    if (!strncmp(spec, "file:", 5) && spec[5]) {
        out->kind = 2;
        out->target = strdup(spec + 5);
        return 0;
    }
    if (!strncmp(spec, "webhook:", 8) &&
        (!strncmp(spec + 8, "http://", 7) || !strncmp(spec + 8, "https://", 8))) {
        out->kind = 3;
        out->target = strdup(spec + 8);
        return 0;
    }
    return -1;
}

void det_sink_free(det_sink *s)
{
    free(s->target);
    s->target = NULL;
}

static size_t discard(void *p, size_t size, size_t n, void *arg)
{
    (void)p;
    (void)arg;
    return size * n;
}

static int post(const char *url, const char *body)
{
    CURL *c = curl_easy_init();
    if (!c)
        return -1;
    struct curl_slist *h = curl_slist_append(NULL, "Content-Type: application/json");
    const char *secret = getenv("HUNT_WEBHOOK_SECRET");
    char auth[1024];
    if (secret && *secret) {
        snprintf(auth, sizeof auth, "Authorization: Bearer %s", secret);
        h = curl_slist_append(h, auth);
    }
    curl_easy_setopt(c, CURLOPT_URL, url);
    curl_easy_setopt(c, CURLOPT_HTTPHEADER, h);
    curl_easy_setopt(c, CURLOPT_POSTFIELDS, body);
    curl_easy_setopt(c, CURLOPT_TIMEOUT, 10L);
    curl_easy_setopt(c, CURLOPT_WRITEFUNCTION, discard);
    int rc = -1;
    const char *bo = getenv("HUNT_WEBHOOK_BACKOFF_MS");
    long backoff_ms = bo && *bo ? strtol(bo, NULL, 10) : 1000;
    if (backoff_ms < 0 || backoff_ms > 60000)
        backoff_ms = 1000;
    for (int attempt = 0; attempt < 3 && rc != 0; attempt++) {
        if (attempt)
            usleep((useconds_t)(attempt * backoff_ms * 1000));
        long code = 0;
        if (curl_easy_perform(c) == CURLE_OK &&
            curl_easy_getinfo(c, CURLINFO_RESPONSE_CODE, &code) == CURLE_OK && code >= 200 &&
            code < 300)
            rc = 0;
    }
    curl_slist_free_all(h);
    curl_easy_cleanup(c);
    return rc;
}

int det_sink_flush(const det_sink *s, det_state *st)
{
    size_t n = json_array_size(st->events), done = 0;
    FILE *f = NULL;
    if (s->kind == 1)
        f = stdout;
    else if (s->kind == 2 && !(f = fopen(s->target, "a")))
        return (int)n; /* all kept */
    for (; done < n; done++) {
        json_t *ev = json_array_get(st->events, done);
        if (s->kind == 0)
            continue;
        json_t *out = det_graph_event(st, ev); /* + graphAlert / graphIncident */
        char *line = json_dumps(out, JSON_COMPACT);
        json_decref(out);
        if (!line)
            continue; /* cannot happen with jansson objects; dropped */
        int ok = s->kind == 3 ? post(s->target, line) == 0 : fprintf(f, "%s\n", line) > 0;
        free(line);
        if (!ok)
            break;
    }
    if (f && f != stdout) {
        if (fclose(f) != 0)
            done = 0; /* the appended lines may be lost: keep them all */
    } else if (f)
        fflush(f);
    if (done == n)
        json_array_clear(st->events);
    else
        for (size_t i = 0; i < done; i++)
            json_array_remove(st->events, 0);
    return (int)(n - done);
}
