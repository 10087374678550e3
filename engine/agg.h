/* engine/agg.h — aggregation functions of summarize (count, sum, dcount,
 * arg_max, make_set, percentile, ...).
 *
 * An aggregate keeps a fixed-size state per group in an array the summarize
 * operator owns (state g at states + g * size). update folds one batch: the
 * argument vectors are evaluated over the batch, gid[i] is row i's group.
 * Variable-size data (lists, sets, percentiles) lives in malloc'd buffers the
 * state points to, released by destroy; strings kept across batches are
 * copied into the keep arena, which lives as long as the operator.
 */
#ifndef HUNT_AGG_H
#define HUNT_AGG_H

#include "engine.h"

typedef struct agg_def agg_def;

struct aggspec {
    const agg_def *def;
    bexpr **args;
    int nargs;
    int nout;        /* output columns (1, or 1 + returned columns for arg_max/min) */
    htype *outtypes; /* from arena (set by the binder before calling type) */
    harena *arena;   /* the query's: outtypes and other binding-time memory */
    size_t size;     /* state bytes per group */
    double *params;  /* constant numeric parameters (percentiles, dcount accuracy) */
    int nparams;
};

struct agg_def {
    const char *name;
    int min_args, max_args;
    const char *prefix; /* output column name prefix: "count_", "sum_", ... */
    /* Result type from argument types, or HT_UNKNOWN with err written. */
    htype (*type)(aggspec *s, const htype *argt, char *err, size_t errcap);
    void (*init)(aggspec *s, void *st);
    void (*update)(aggspec *s, char *states, const uint32_t *gid, uint32_t n, const hvec *args,
                   harena *keep);
    /* Writes output column k of the group's result into out row i. */
    void (*final)(aggspec *s, void *st, harena *a, int k, hvec *out, uint32_t i);
    void (*destroy)(aggspec *s, void *st); /* may be NULL */
};

const agg_def *agg_lookup(const char *name, size_t n);

/* Folds the state src of a partial aggregation into dst (same aggspec):
 * summarize aggregates disjoint extents on two threads, then merges. Strings
 * dst keeps are copied (into keep or dst's own buffers); src still owns its
 * memory. */
typedef void (*agg_merge_fn)(aggspec *s, void *dst, void *src, harena *keep);
/* The merge of s, or NULL when partial results cannot be merged exactly
 * (real sums round differently in another order; lists keep input order). */
agg_merge_fn agg_merger(const aggspec *s);

/* buildschema(DynamicExpr) (agg_buildschema.c), not mergeable. */
size_t agg_buildschema_state_size(void);
htype agg_buildschema_type(aggspec *s, const htype *argt, char *err, size_t errcap);
void agg_buildschema_update(aggspec *s, char *states, const uint32_t *gid, uint32_t n,
                            const hvec *args, harena *keep);
void agg_buildschema_final(aggspec *s, void *st, harena *a, int k, hvec *out, uint32_t i);
void agg_buildschema_destroy(aggspec *s, void *st);

#endif
