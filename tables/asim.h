/* tables/asim.h — the built-in ASIM parser functions (tables/asim.c).
 *
 * Microsoft Sentinel's Advanced Security Information Model (ASIM) queries
 * call unifying parsers such as imProcessCreate or _Im_FileEvent as if they
 * were tables. hunt ships them as built-in stored functions over the
 * ingest-time normalized tables (ASimProcessEventLogs, ASimFileEventLogs):
 * they read rows already normalized, add the query-time aliases and apply the
 * documented filtering parameters; they do not normalize raw source tables.
 */
#ifndef HUNT_ASIM_H
#define HUNT_ASIM_H

#include <stddef.h>

/* The definition "(params) { body }" of the built-in ASIM parser name[0..n),
 * in the form engine/commands.c stores functions; NULL when there is none.
 * The text is static. */
const char *asim_function_text(const char *name, size_t n);

#endif
