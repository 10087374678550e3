/* tests/unit/test_useragent.c — parse_user_agent() against uap-core's own test
 * suite (tests/test_ua.yaml, test_os.yaml, test_device.yaml of the Debian
 * package uap-core, the same package whose regexes.yaml the function reads).
 *
 * Each case's User-Agent string goes into a table (NDJSON written with
 * jansson, loaded through the API); one query parses them all and every
 * field is compared with the suite's expectation (a missing value is "" in
 * KQL). The device suite has 16,000 cases; the first DEVICE_CASES are run,
 * which keeps the test quick under the sanitizers.
 */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <yaml.h>

#include "hunt.h"
#include "check.h"

#define UAP_TESTS "/usr/share/uap-core/tests/"
#define DEVICE_CASES 3000

static yaml_node_t *ynode(yaml_document_t *d, int id)
{
    return id ? yaml_document_get_node(d, id) : NULL;
}

/* The scalar under key in map, "" when null or absent. */
static const char *yfield(yaml_document_t *d, yaml_node_t *map, const char *key)
{
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top;
         p++) {
        yaml_node_t *k = ynode(d, p->key), *v = ynode(d, p->value);
        if (k && k->type == YAML_SCALAR_NODE && strcmp((char *)k->data.scalar.value, key) == 0)
            return v && v->type == YAML_SCALAR_NODE && strcmp((char *)v->data.scalar.value, "~")
                       ? (const char *)v->data.scalar.value
                       : "";
    }
    return "";
}

/* Runs one suite: file, the look-for kind, the result object's name, and the
 * YAML keys matching the result's fields. */
static void run_suite(const char *file, const char *kind, const char *object,
                      const char *const *keys, const char *const *fields, int nf, int limit)
{
    char path[256];
    snprintf(path, sizeof path, UAP_TESTS "%s", file);
    FILE *f = fopen(path, "rb");
    CHECK_MSG(f != NULL, "cannot read %s (the Debian package uap-core)", path);
    if (!f)
        return;
    yaml_parser_t parser;
    yaml_document_t doc;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    int loaded = yaml_parser_load(&parser, &doc);
    yaml_parser_delete(&parser);
    fclose(f);
    CHECK_MSG(loaded, "%s does not parse", path);
    if (!loaded)
        return;
    yaml_node_t *root = yaml_document_get_root_node(&doc);
    yaml_node_t *cases = NULL;
    for (yaml_node_pair_t *p = root->data.mapping.pairs.start; p < root->data.mapping.pairs.top;
         p++)
        if (strcmp((char *)ynode(&doc, p->key)->data.scalar.value, "test_cases") == 0)
            cases = ynode(&doc, p->value);

    /* the cases as NDJSON: ua, then the expected fields e0.. */
    char tmp[] = "/tmp/hunt-uap-XXXXXX";
    int fd = mkstemp(tmp);
    FILE *out = fdopen(fd, "w");
    int n = 0;
    for (yaml_node_item_t *it = cases->data.sequence.items.start;
         it < cases->data.sequence.items.top && n < limit; it++, n++) {
        yaml_node_t *c = ynode(&doc, *it);
        json_t *o = json_object();
        json_object_set_new(o, "ua", json_string(yfield(&doc, c, "user_agent_string")));
        for (int k = 0; k < nf; k++) {
            char name[16];
            snprintf(name, sizeof name, "e%d", k);
            json_object_set_new(o, name, json_string(yfield(&doc, c, keys[k])));
        }
        char *line = json_dumps(o, JSON_COMPACT);
        fprintf(out, "%s\n", line);
        free(line);
        json_decref(o);
    }
    fclose(out);
    yaml_document_delete(&doc);

    hunt_db *db;
    hunt_error err;
    CHECK(hunt_open(&db) == HUNT_OK);
    CHECK_I(HUNT_OK, hunt_load_file(db, "Cases", tmp, NULL, &err));
    unlink(tmp);
    /* one query: the parsed fields beside the expected ones */
    char q[1024];
    int m =
        snprintf(q, sizeof q, "Cases | extend r = parse_user_agent(ua, '%s') | project ua", kind);
    for (int k = 0; k < nf; k++)
        m += snprintf(q + m, sizeof q - (size_t)m, ", g%d = tostring(r.%s.%s), e%d", k, object,
                      fields[k], k);
    hunt_result *r = NULL;
    CHECK_MSG(hunt_query(db, q, strlen(q), HUNT_RUN, &r, &err) == HUNT_OK, "%s: %s", q,
              err.message);
    if (!r) {
        hunt_close(db);
        return;
    }
    CHECK_I(n, hunt_result_rows(r));
    int wrong = 0;
    for (int64_t row = 0; row < hunt_result_rows(r); row++)
        for (int k = 0; k < nf; k++) {
            /* hunt_result_text's text lives until the next call: copy it */
            char got[512], want[512];
            snprintf(got, sizeof got, "%s", hunt_result_text(r, row, 1 + 2 * k, NULL));
            snprintf(want, sizeof want, "%s", hunt_result_text(r, row, 2 + 2 * k, NULL));
            if (strcmp(got, want) != 0 && wrong++ < 5)
                printf("%s: '%s': %s is '%s', want '%s'\n", file, hunt_result_text(r, row, 0, NULL),
                       fields[k], got, want);
        }
    CHECK_MSG(wrong == 0, "%s: %d of %d cases' fields differ", file, wrong, n);
    hunt_result_free(r);
    hunt_close(db);
}

int main(void)
{
    static const char *const ua_keys[] = {"family", "major", "minor", "patch"};
    static const char *const ua_fields[] = {"Family", "MajorVersion", "MinorVersion", "Patch"};
    run_suite("test_ua.yaml", "browser", "Browser", ua_keys, ua_fields, 4, 1 << 30);
    static const char *const os_keys[] = {"family", "major", "minor", "patch", "patch_minor"};
    static const char *const os_fields[] = {"Family", "MajorVersion", "MinorVersion", "Patch",
                                            "PatchMinor"};
    run_suite("test_os.yaml", "os", "OperatingSystem", os_keys, os_fields, 5, 1 << 30);
    static const char *const dev_keys[] = {"family", "brand", "model"};
    static const char *const dev_fields[] = {"Family", "Brand", "Model"};
    run_suite("test_device.yaml", "device", "Device", dev_keys, dev_fields, 3, DEVICE_CASES);
    return check_summary();
}
