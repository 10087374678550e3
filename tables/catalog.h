/* tables/catalog.h — the set of named tables an engine queries, and the
 * built-in schemas of the security tables.
 *
 * The catalog owns its tables. Built-in schemas (tables/schemas.c) give the
 * exact column names and types Microsoft publishes for SecurityAlert,
 * CloudAuditEvents, CloudProcessEvents and the other tables hunt knows; a
 * table with a built-in schema exists (empty) as soon as the engine opens.
 */
#ifndef HUNT_CATALOG_H
#define HUNT_CATALOG_H

#include "table.h"

typedef struct hcatalog {
    htable **tables;
    int n, cap;
} hcatalog;

void catalog_init(hcatalog *c); /* empty, then catalog_add_builtins */
void catalog_free(hcatalog *c);
void catalog_add_builtins(hcatalog *c);
/* Table by exact name, or NULL. */
htable *catalog_find(const hcatalog *c, const char *name, size_t n);
/* Creates an empty table; returns NULL if the name is taken. */
htable *catalog_create(hcatalog *c, const char *name, const hschema *schema);

/* A built-in schema: table name and "Col:type,Col:type,..." */
typedef struct builtin_schema {
    const char *table;
    const char *columns;
    /* For tables with a Defender and a Log Analytics variant: the name of the
     * time column of the other variant ("TimeGenerated" when the schema has
     * Timestamp), kept queryable as an alias. NULL when none. */
    const char *time_alias;
    /* The table's columns come from its data as well: resource logs add
     * columns to AzureDiagnostics as they send new fields (its reference:
     * "that column is added the first time that data is collected"), up to
     * OPEN_TABLE_MAX_COLUMNS, beyond which they go to AdditionalFields. */
    bool open_columns;
} builtin_schema;

#define OPEN_TABLE_MAX_COLUMNS 500

/* Is name a built-in table whose columns also come from its data? */
bool catalog_open_columns(const char *name, size_t n);

/* The type a Log Analytics column name's type suffix gives it (the HTTP Data
 * Collector API's: _s string, _d real, _b bool, _t datetime, _g guid), or
 * HT_UNKNOWN for a name without one. */
htype la_suffix_type(const char *name, size_t n);

extern const builtin_schema builtin_schemas[]; /* ends with {NULL} */

/* Fills s from a "Col:type,..." list; false on a bad type name. */
bool schema_parse(hschema *s, const char *columns);

#endif
