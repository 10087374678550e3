/* engine/fn_geo.c — geo_info_from_ip_address(): where an IP address is, from a
 * MaxMind DB file.
 *
 * Kusto answers this function from MaxMind's free GeoLite2-City database,
 * read with the MaxMind DB reader library (its documentation says so). hunt
 * does the same with libmaxminddb over a GeoLite2-City .mmdb the user
 * supplies, so with the same edition of the file it gives the same answers.
 * hunt ships no database (MaxMind's licence asks each user to accept it).
 *
 * The database is process-wide: hunt_set_geoip_database() opens it; otherwise
 * the first call opens $HUNT_GEOIP, else the first of the usual install paths
 * of geoipupdate that exists. Without one, a query that calls the function on
 * a row stops with an error that says how to supply it — never an empty answer
 * that would look like "no location".
 *
 * Result: a property bag with the documented fields, in the documented order
 * — country, state (the first subdivision), city, latitude, longitude — each
 * present when the database has it, names in English. An address that does
 * not parse, or that the database has no record for, gives null (the docs
 * leave this case unstated; README.md says what hunt does).
 */
#include <maxminddb.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fn.h"
#include "../include/hunt.h"
#include "../tables/dyn.h"

static const char *const geoip_default_paths[] = {
    "/usr/share/GeoIP/GeoLite2-City.mmdb",
    "/var/lib/GeoIP/GeoLite2-City.mmdb",
    "/usr/local/share/GeoIP/GeoLite2-City.mmdb",
    NULL,
};

static const hstr no_text = {"", 0};

static pthread_mutex_t geoip_lock = PTHREAD_MUTEX_INITIALIZER;
static MMDB_s geoip_db;
static bool geoip_open;  /* geoip_db holds an open database */
static bool geoip_tried; /* the implicit search ran (successfully or not) */

/* Opens path into geoip_db (closing any earlier one); 0 or -1 with msg set. */
static int geoip_open_locked(const char *path, char *msg, size_t cap)
{
    MMDB_s db;
    int rc = MMDB_open(path, MMDB_MODE_MMAP, &db);
    if (rc != MMDB_SUCCESS) {
        snprintf(msg, cap, "cannot open IP geolocation database '%s': %s", path, MMDB_strerror(rc));
        return -1;
    }
    if (geoip_open)
        MMDB_close(&geoip_db);
    geoip_db = db;
    geoip_open = true;
    geoip_tried = true;
    return 0;
}

int hunt_set_geoip_database(const char *path, hunt_error *err)
{
    char msg[400];
    pthread_mutex_lock(&geoip_lock);
    int rc = geoip_open_locked(path, msg, sizeof msg);
    pthread_mutex_unlock(&geoip_lock);
    if (rc && err) {
        memset(err, 0, sizeof *err);
        err->code = HUNT_EIO;
        err->offset = err->length = -1;
        snprintf(err->message, sizeof err->message, "%s", msg);
    }
    return rc ? HUNT_EIO : HUNT_OK;
}

/* The open database, opening $HUNT_GEOIP or a default path on first use;
 * NULL with msg set when there is none. */
static MMDB_s *geoip_get(char *msg, size_t cap)
{
    pthread_mutex_lock(&geoip_lock);
    if (!geoip_open && !geoip_tried) {
        geoip_tried = true;
        const char *env = getenv("HUNT_GEOIP");
        if (env && *env) {
            if (geoip_open_locked(env, msg, cap) != 0) {
                pthread_mutex_unlock(&geoip_lock);
                return NULL; /* a named file that fails is an error, not "none" */
            }
        } else {
            char ignored[400];
            for (int i = 0; geoip_default_paths[i] && !geoip_open; i++)
                geoip_open_locked(geoip_default_paths[i], ignored, sizeof ignored);
        }
    }
    MMDB_s *db = geoip_open ? &geoip_db : NULL;
    pthread_mutex_unlock(&geoip_lock);
    if (!db)
        snprintf(msg, cap,
                 "needs an IP geolocation database: give a "
                 "GeoLite2-City .mmdb file (the data Kusto uses) with --geoip FILE or "
                 "HUNT_GEOIP=FILE");
    return db;
}

/* --- one lookup ------------------------------------------------------------------ */

/* Appends key: value for a string at path in entry, when present. */
static uint32_t put_name(dbuf *b, MMDB_entry_s *entry, const char *key, const char *const *path)
{
    MMDB_entry_data_s d;
    if (MMDB_aget_value(entry, &d, path) != MMDB_SUCCESS || !d.has_data ||
        d.type != MMDB_DATA_TYPE_UTF8_STRING)
        return 0;
    dyn_put_key(b, key, strlen(key));
    dyn_put_string(b, d.utf8_string, d.data_size);
    return 1;
}

static uint32_t put_coord(dbuf *b, MMDB_entry_s *entry, const char *key, const char *const *path)
{
    MMDB_entry_data_s d;
    if (MMDB_aget_value(entry, &d, path) != MMDB_SUCCESS || !d.has_data)
        return 0;
    double v;
    if (d.type == MMDB_DATA_TYPE_DOUBLE)
        v = d.double_value;
    else if (d.type == MMDB_DATA_TYPE_FLOAT)
        v = d.float_value;
    else
        return 0;
    dyn_put_key(b, key, strlen(key));
    dyn_put_real(b, v);
    return 1;
}

/* Builds row's bag into b; false when the address has no record. */
static bool geo_lookup(MMDB_s *db, const char *ip, dbuf *b)
{
    int gai_error = 0, mmdb_error = MMDB_SUCCESS;
    MMDB_lookup_result_s r = MMDB_lookup_string(db, ip, &gai_error, &mmdb_error);
    if (gai_error != 0 || mmdb_error != MMDB_SUCCESS || !r.found_entry)
        return false;
    static const char *const country[] = {"country", "names", "en", NULL};
    static const char *const state[] = {"subdivisions", "0", "names", "en", NULL};
    static const char *const city[] = {"city", "names", "en", NULL};
    static const char *const lat[] = {"location", "latitude", NULL};
    static const char *const lon[] = {"location", "longitude", NULL};
    size_t mark = dyn_begin_object(b);
    uint32_t n = 0;
    n += put_name(b, &r.entry, "country", country);
    n += put_name(b, &r.entry, "state", state);
    n += put_name(b, &r.entry, "city", city);
    n += put_coord(b, &r.entry, "latitude", lat);
    n += put_coord(b, &r.entry, "longitude", lon);
    dyn_end(b, mark, n);
    return true;
}

/* --- the KQL function ---------------------------------------------------------- */

static htype ty_geo_info(fn_sig *sig)
{
    if (!fn_want(sig, "geo_info_from_ip_address", 0, 's'))
        return HT_UNKNOWN;
    return HT_DYNAMIC;
}

static int run_geo_info(fn_ctx *ctx, int argc, const hvec *const *argv, hvec *out)
{
    (void)argc;
    vec_alloc(ctx->arena, out, HT_DYNAMIC, out->n);
    MMDB_s *db = NULL;
    dbuf b = {0};
    char ip[64];
    for (uint32_t i = 0; i < out->n; i++) {
        hstr s = vec_is_null(argv[0], i) ? no_text : vec_s(argv[0], i);
        bool found = false;
        if (s.p && s.n > 0 && s.n < sizeof ip) {
            if (!db && !(db = geoip_get(ctx->err, ctx->errcap))) {
                dbuf_free(&b);
                return -1;
            }
            memcpy(ip, s.p, s.n);
            ip[s.n] = '\0';
            dbuf_reset(&b);
            found = geo_lookup(db, ip, &b);
        }
        if (found) {
            vec_set_str(ctx->arena, out, i, (const char *)b.p, b.n);
        } else {
            out->s[i] = no_text;
            vec_set_null(ctx->arena, out, i);
        }
    }
    dbuf_free(&b);
    return 0;
}

const fn_def fn_geo_defs[] = {
    /* volatile: it depends on the database opened when it runs, so a constant
     * call is not folded while binding (hunt --check needs no database) */
    {"geo_info_from_ip_address", 1, 1, ty_geo_info, run_geo_info, NULL, FN_VOLATILE},
    {NULL},
};
