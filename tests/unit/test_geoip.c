/* tests/unit/test_geoip.c — geo_info_from_ip_address() over a MaxMind DB file.
 *
 * hunt ships no geolocation data, so this test writes a tiny MaxMind DB
 * (format 2.0, IPv4 tree, 24-bit records) itself: 20.0.0.0/8 holds the record
 * of the KQL documentation's example (Sydney), 8.8.0.0/16 a record with a
 * country only. The file follows the published MaxMind DB format: a binary
 * search tree, 16 zero bytes, the data section, then the metadata marker and
 * map. Then it checks the documented output (fields and order), null for
 * addresses without a record or that do not parse, and the error without a
 * database.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "hunt.h"
#include "check.h"

/* --- a minimal MaxMind DB writer ---------------------------------------------------- */

typedef struct {
    uint8_t p[4096];
    size_t n;
} mbuf;

static void put(mbuf *b, const void *p, size_t n)
{
    memcpy(b->p + b->n, p, n);
    b->n += n;
}
static void put_byte(mbuf *b, uint8_t v)
{
    put(b, &v, 1);
}
static void put_str(mbuf *b, const char *s)
{
    size_t n = strlen(s); /* < 29 bytes here */
    put_byte(b, (uint8_t)(0x40 | n));
    put(b, s, n);
}
static void put_map(mbuf *b, int pairs)
{
    put_byte(b, (uint8_t)(0xE0 | pairs));
}
static void put_array(mbuf *b, int items)
{
    put_byte(b, (uint8_t)items); /* extended type: array is 11 = 7 + 4 */
    put_byte(b, 4);
}
static void put_double(mbuf *b, double v)
{
    uint64_t u;
    memcpy(&u, &v, 8);
    put_byte(b, 0x68); /* type 3, size 8 */
    for (int i = 7; i >= 0; i--)
        put_byte(b, (uint8_t)(u >> (8 * i)));
}
static void put_uint(mbuf *b, int type, uint64_t v, int bytes)
{
    if (type <= 7) {
        put_byte(b, (uint8_t)((type << 5) | bytes));
    } else {
        put_byte(b, (uint8_t)bytes);
        put_byte(b, (uint8_t)(type - 7));
    }
    for (int i = bytes - 1; i >= 0; i--)
        put_byte(b, (uint8_t)(v >> (8 * i)));
}
/* {"names": {"en": name}} */
static void put_names(mbuf *b, const char *name)
{
    put_map(b, 1);
    put_str(b, "names");
    put_map(b, 1);
    put_str(b, "en");
    put_str(b, name);
}

#define MAX_NODES 64
static uint32_t node_rec[MAX_NODES][2];
static int nodes = 1;
enum { REC_EMPTY = 0xFFFFFF, REC_DATA = 0x800000 }; /* marks, fixed up on write */

/* Points prefix/len at the data record at offset off. */
static void tree_insert(uint32_t prefix, int len, uint32_t off)
{
    int node = 0;
    for (int i = 0; i < len; i++) {
        int bit = (prefix >> (31 - i)) & 1;
        if (i == len - 1) {
            node_rec[node][bit] = REC_DATA | off;
            return;
        }
        if (node_rec[node][bit] == REC_EMPTY) {
            node_rec[nodes][0] = node_rec[nodes][1] = REC_EMPTY;
            node_rec[node][bit] = (uint32_t)nodes++;
        }
        node = (int)node_rec[node][bit];
    }
}

static uint32_t rec_value(uint32_t r)
{
    if (r == REC_EMPTY)
        return (uint32_t)nodes;
    if (r & REC_DATA)
        return (uint32_t)nodes + 16 + (r & ~(uint32_t)REC_DATA);
    return r;
}

static int write_mmdb(const char *path)
{
    mbuf data = {0}, meta = {0};
    node_rec[0][0] = node_rec[0][1] = REC_EMPTY;
    /* record 1: the documentation's example */
    uint32_t sydney = (uint32_t)data.n;
    put_map(&data, 4);
    put_str(&data, "city");
    put_names(&data, "Sydney");
    put_str(&data, "country");
    put_names(&data, "Australia");
    put_str(&data, "location");
    put_map(&data, 2);
    put_str(&data, "latitude");
    put_double(&data, -33.8715);
    put_str(&data, "longitude");
    put_double(&data, 151.2006);
    put_str(&data, "subdivisions");
    put_array(&data, 1);
    put_names(&data, "New South Wales");
    /* record 2: a country only */
    uint32_t country_only = (uint32_t)data.n;
    put_map(&data, 1);
    put_str(&data, "country");
    put_names(&data, "United States");
    tree_insert(20u << 24, 8, sydney);
    tree_insert((8u << 24) | (8u << 16), 16, country_only);

    put(&meta, "\xAB\xCD\xEFMaxMind.com", 14);
    put_map(&meta, 9);
    put_str(&meta, "node_count");
    put_uint(&meta, 6, (uint64_t)nodes, 4);
    put_str(&meta, "record_size");
    put_uint(&meta, 5, 24, 2);
    put_str(&meta, "ip_version");
    put_uint(&meta, 5, 4, 2);
    put_str(&meta, "database_type");
    put_str(&meta, "hunt-test-City");
    put_str(&meta, "languages");
    put_array(&meta, 1);
    put_str(&meta, "en");
    put_str(&meta, "binary_format_major_version");
    put_uint(&meta, 5, 2, 2);
    put_str(&meta, "binary_format_minor_version");
    put_uint(&meta, 5, 0, 2);
    put_str(&meta, "build_epoch");
    put_uint(&meta, 9, 1700000000, 8);
    put_str(&meta, "description");
    put_map(&meta, 1);
    put_str(&meta, "en");
    put_str(&meta, "hunt test data");

    FILE *f = fopen(path, "wb");
    if (!f)
        return -1;
    for (int i = 0; i < nodes; i++)
        for (int k = 0; k < 2; k++) {
            uint32_t v = rec_value(node_rec[i][k]);
            uint8_t r[3] = {(uint8_t)(v >> 16), (uint8_t)(v >> 8), (uint8_t)v};
            fwrite(r, 1, 3, f);
        }
    static const uint8_t zeros[16];
    fwrite(zeros, 1, 16, f);
    fwrite(data.p, 1, data.n, f);
    fwrite(meta.p, 1, meta.n, f);
    return fclose(f);
}

/* --- checks ----------------------------------------------------------------------------- */

/* The text of row 0, column 0 of q's result, or the error message. */
static char *one(hunt_db *db, const char *q)
{
    static char out[1024];
    hunt_result *r = NULL;
    hunt_error err;
    if (hunt_query(db, q, strlen(q), HUNT_RUN, &r, &err) != HUNT_OK) {
        snprintf(out, sizeof out, "error: %s", err.message);
        return out;
    }
    const char *t = hunt_result_text(r, 0, 0, NULL);
    snprintf(out, sizeof out, "%s", hunt_result_is_null(r, 0, 0) ? "(null)" : t ? t : "(none)");
    hunt_result_free(r);
    return out;
}

int main(void)
{
    hunt_db *db;
    CHECK(hunt_open(&db) == HUNT_OK);
    unsetenv("HUNT_GEOIP");

    /* without a database the answer is an error naming the fix, unless the
     * machine has one installed where geoipupdate puts it */
    if (access("/usr/share/GeoIP/GeoLite2-City.mmdb", F_OK) != 0 &&
        access("/var/lib/GeoIP/GeoLite2-City.mmdb", F_OK) != 0 &&
        access("/usr/local/share/GeoIP/GeoLite2-City.mmdb", F_OK) != 0)
        CHECK_MSG(strstr(one(db, "print geo_info_from_ip_address('20.53.203.50')"),
                         "needs an IP geolocation database") != NULL,
                  "no database: %s", one(db, "print geo_info_from_ip_address('20.53.203.50')"));

    char path[] = "/tmp/hunt-geoip-XXXXXX";
    int fd = mkstemp(path);
    CHECK(fd >= 0);
    close(fd);
    CHECK(write_mmdb(path) == 0);
    hunt_error err;
    CHECK_I(HUNT_OK, hunt_set_geoip_database(path, &err));

    CHECK_S("{\"country\":\"Australia\",\"state\":\"New South Wales\",\"city\":\"Sydney\","
            "\"latitude\":-33.8715,\"longitude\":151.2006}",
            one(db, "print ip_location = geo_info_from_ip_address('20.53.203.50')"));
    CHECK_S("Sydney", one(db, "print tostring(geo_info_from_ip_address('20.1.2.3').city)"));
    CHECK_S("{\"country\":\"United States\"}",
            one(db, "print geo_info_from_ip_address('8.8.8.8')"));
    /* fields the record lacks are absent, so reading them gives null */
    CHECK_S("(null)", one(db, "print geo_info_from_ip_address('8.8.8.8').city"));
    /* no record, not an address, empty, null: null */
    CHECK_S("(null)", one(db, "print geo_info_from_ip_address('10.0.0.1')"));
    CHECK_S("(null)", one(db, "print geo_info_from_ip_address('not an ip')"));
    CHECK_S("(null)", one(db, "print geo_info_from_ip_address('')"));
    CHECK_S("(null)", one(db, "print geo_info_from_ip_address(tostring(dynamic(null)))"));
    /* a column of addresses, several batches' worth of rows */
    CHECK_S("2000", one(db, "range i from 1 to 4000 step 1"
                            " | extend ip = iff(i % 2 == 0, '20.0.0.1', '9.9.9.9')"
                            " | where geo_info_from_ip_address(ip).country == 'Australia'"
                            " | count"));
    /* an unreadable file is refused and the earlier database stays */
    CHECK(hunt_set_geoip_database("/nonexistent/GeoLite2-City.mmdb", &err) == HUNT_EIO);
    CHECK(strstr(err.message, "/nonexistent/GeoLite2-City.mmdb") != NULL);
    CHECK_S("Australia", one(db, "print tostring(geo_info_from_ip_address('20.0.0.9').country)"));

    unlink(path);
    hunt_close(db);
    return check_summary();
}
