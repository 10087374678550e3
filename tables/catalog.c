/* tables/catalog.c — the named tables of an engine and schema parsing.
 *
 * A catalog is a plain array of owned tables, looked up by exact
 * (case-sensitive) name; hunt has tens of tables, not thousands, so a linear
 * search is fast enough. catalog_add_builtins creates the built-in tables of
 * tables/schemas.c empty.
 */
#include "tables/catalog.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void catalog_init(hcatalog *c)
{
    c->tables = NULL;
    c->n = 0;
    c->cap = 0;
}

void catalog_free(hcatalog *c)
{
    for (int i = 0; i < c->n; i++)
        table_free(c->tables[i]);
    free(c->tables);
    catalog_init(c);
}

htable *catalog_find(const hcatalog *c, const char *name, size_t n)
{
    for (int i = 0; i < c->n; i++) {
        const char *t = c->tables[i]->name;
        if (strncmp(t, name, n) == 0 && t[n] == 0)
            return c->tables[i];
    }
    return NULL;
}

htable *catalog_create(hcatalog *c, const char *name, const hschema *schema)
{
    if (catalog_find(c, name, strlen(name)))
        return NULL;
    if (c->n == c->cap) {
        int cap = c->cap ? 2 * c->cap : 16;
        htable **p = realloc(c->tables, (size_t)cap * sizeof *p);
        if (!p) {
            fprintf(stderr, "hunt: out of memory\n");
            abort();
        }
        c->tables = p;
        c->cap = cap;
    }
    htable *t = table_new(name, schema);
    c->tables[c->n++] = t;
    return t;
}

/* Fills s from "Col:type,Col:type,..."; on a bad entry s is left empty and
 * the result is false. */
bool schema_parse(hschema *s, const char *columns)
{
    schema_init(s);
    const char *p = columns;
    while (*p) {
        const char *comma = strchr(p, ',');
        const char *end = comma ? comma : p + strlen(p);
        const char *colon = memchr(p, ':', (size_t)(end - p));
        htype t = colon ? ht_from_name(colon + 1, (size_t)(end - colon - 1)) : HT_UNKNOWN;
        if (!colon || colon == p || t == HT_UNKNOWN) {
            schema_free(s);
            return false;
        }
        char name[256];
        size_t n = (size_t)(colon - p);
        if (n >= sizeof name) {
            schema_free(s);
            return false;
        }
        memcpy(name, p, n);
        name[n] = 0;
        schema_add(s, name, t);
        p = comma ? comma + 1 : end;
    }
    return true;
}

void catalog_add_builtins(hcatalog *c)
{
    for (const builtin_schema *b = builtin_schemas; b->table; b++) {
        hschema s;
        if (catalog_find(c, b->table, strlen(b->table)) || !schema_parse(&s, b->columns))
            continue;
        catalog_create(c, b->table, &s);
        schema_free(&s);
    }
}

bool catalog_open_columns(const char *name, size_t n)
{
    for (const builtin_schema *b = builtin_schemas; b->table; b++)
        if (b->open_columns && strlen(b->table) == n && memcmp(b->table, name, n) == 0)
            return true;
    return false;
}

htype la_suffix_type(const char *name, size_t n)
{
    if (n < 3 || name[n - 2] != '_')
        return HT_UNKNOWN;
    switch (name[n - 1]) {
    case 's':
        return HT_STRING;
    case 'd':
        return HT_REAL;
    case 'b':
        return HT_BOOL;
    case 't':
        return HT_DATETIME;
    case 'g':
        return HT_GUID;
    default:
        return HT_UNKNOWN;
    }
}
