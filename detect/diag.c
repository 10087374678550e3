/* detect/diag.c — diagnostics of rule loading and lint: a growable list of
 * errors and warnings, each with file:line:column, printed in the compiler
 * form "FILE:LINE:COL: error: MESSAGE" so editors can jump to them.
 */
#include "detect/detect.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

void det_diag_add(det_diags *d, int error, const char *file, int line, int col, const char *fmt,
                  ...)
{
    if (d->n == d->cap) {
        int cap = d->cap ? d->cap * 2 : 16;
        det_diag *v = realloc(d->v, (size_t)cap * sizeof *v);
        if (!v)
            return;
        d->v = v;
        d->cap = cap;
    }
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    det_diag *g = &d->v[d->n++];
    g->error = error;
    g->file = strdup(file ? file : "");
    g->line = line;
    g->col = col;
    g->msg = strdup(msg);
}

int det_diags_errors(const det_diags *d)
{
    int n = 0;
    for (int i = 0; i < d->n; i++)
        n += d->v[i].error;
    return n;
}

void det_diags_print(const det_diags *d, FILE *out)
{
    for (int i = 0; i < d->n; i++) {
        const det_diag *g = &d->v[i];
        if (g->line > 0)
            fprintf(out, "%s:%d:%d: %s: %s\n", g->file, g->line, g->col,
                    g->error ? "error" : "warning", g->msg);
        else
            fprintf(out, "%s: %s: %s\n", g->file, g->error ? "error" : "warning", g->msg);
    }
}

void det_diags_free(det_diags *d)
{
    for (int i = 0; i < d->n; i++) {
        free(d->v[i].file);
        free(d->v[i].msg);
    }
    free(d->v);
    memset(d, 0, sizeof *d);
}
