/* tests/ingest/driver.c — a stand-alone front end for the ingest tests:
 * runs the subcommands of repl/cmd_ingest.c (`driver ingest ...`, `driver
 * pull ...`, ...) until the lead wires them into repl/main.c, plus `driver
 * verify DIR TABLE BATCHROWS TOTAL`, which opens the workspace and checks
 * the integer column `id` of TABLE: ids 0..n-1 each exactly once (no row
 * lost or duplicated), and n a whole number of batches (no partial batch)
 * or TOTAL. Built by the .sh tests against build/libhunt.a.
 */
#include "repl/cmd_ingest.h"
#include "tables/workspace.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int verify(const char *dir, const char *table, long batch_rows, long total)
{
    hcatalog cat;
    hworkspace *ws;
    char err[512];
    catalog_init(&cat);
    if (ws_open(dir, &cat, &ws, err, sizeof err) != 0) {
        printf("verify: %s\n", err);
        return 1;
    }
    htable *t = catalog_find(&cat, table, strlen(table));
    int64_t n = t ? t->nrows : 0;
    int c = t ? schema_find(&t->schema, "id", 2) : -1;
    int bad = 0;
    unsigned char *seen = calloc((size_t)total + 1, 1);
    for (int e = 0; t && c >= 0 && e < t->next; e++) {
        hcol *col = &t->ext[e]->cols[c];
        for (uint32_t i = 0; i < t->ext[e]->nrows; i++) {
            int64_t v = col->i[i];
            if (v < 0 || v >= total || seen[v]++) {
                bad++;
            }
        }
    }
    for (int64_t i = 0; i < n && i < total; i++)
        if (!seen[i])
            bad++;
    if (n != total && n % batch_rows != 0)
        bad++;
    printf("verify: %lld rows, %d problems\n", (long long)n, bad);
    free(seen);
    ws_close(ws);
    catalog_free(&cat);
    return bad ? 1 : 0;
}

int main(int argc, char **argv)
{
    if (argc < 2)
        return 2;
    const char *c = argv[1];
    if (!strcmp(c, "ingest"))
        return cmd_ingest(argc - 1, argv + 1);
    if (!strcmp(c, "pull"))
        return cmd_pull(argc - 1, argv + 1);
    if (!strcmp(c, "quarantine"))
        return cmd_quarantine(argc - 1, argv + 1);
    if (!strcmp(c, "check-workspace"))
        return cmd_check_workspace(argc - 1, argv + 1);
    if (!strcmp(c, "retention"))
        return cmd_retention(argc - 1, argv + 1);
    if (!strcmp(c, "verify") && argc == 6)
        return verify(argv[2], argv[3], atol(argv[4]), atol(argv[5]));
    return 2;
}
