/* ingest/pull.h — HTTP(S) pulls from security APIs with libcurl.
 *
 * A source is an entry of DIR/sources.json:
 *   {"sources": {"NAME": {"url": "https://...", "table": "SecurityAlert",
 *                         "format": "auto", "token_env": "VAR" | "token_file": "PATH",
 *                         "timeout": 30, "retries": 5, "verify_tls": true}}}
 * hunt_pull fetches the URL, loads the page, follows @odata.nextLink /
 * nextLink, and commits each page with a checkpoint (the next URL to fetch)
 * in the same transaction, so an interrupted pull resumes where it stopped.
 * 429 honours Retry-After; 5xx, time-outs and bodies that end early are
 * retried with exponential backoff and jitter. The token is sent as
 * "Authorization: Bearer ..." and never printed.
 */
#ifndef HUNT_PULL_H
#define HUNT_PULL_H

#include "ingest/batch.h"

/* Pulls source `name` of the session's workspace. 0, or -1 with err set
 * (pages committed before stay, and the checkpoint points after them). */
int pull_source(ing_session *s, const char *name, ing_result *r, char *err, size_t errcap);

#endif
