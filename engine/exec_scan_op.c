/* engine/exec_scan_op.c — the scan operator: steps with predicates matched
 * record by record against a per-step state (KQL's scan-operator.md).
 *
 *   T | scan [with_match_id = Id] [order by ...] [partition by ...]
 *            [declare (c: type [= default], ...)]
 *       with (step s1 [output = all|last|none]: cond [=> c = expr, ...]; ...)
 *
 * State: step k (0-based) holds, when active, a match id and k+1 slots; slot
 * j is the extended record (input columns, then declared columns) that last
 * matched step j in this sequence. `s_j.col` in a condition or assignment
 * reads slot j of the state the expression is evaluated against; a slot that
 * is empty there reads the declared column's default (null for input
 * columns, "" for strings).
 *
 * Matching, for each record r, steps from last to first (docs' checks):
 *   check 1 — k > 0, step k-1 active and cond_k holds against state k-1:
 *     state k is dropped, state k-1 moves to k, the assignments of k extend
 *     r (evaluated against the moved state), r fills slot k, r is output.
 *   check 2 — (only without a check-1 match) step k active, or k is the
 *     first step, and cond_k holds against state k: assignments extend r,
 *     r replaces slot k, r is output; on the first step with no active
 *     sequence a new sequence starts and the match id counter grows by 1.
 * Declared columns of an extended record that the step does not assign
 * hold their defaults. output=none never outputs, output=last keeps the
 * latest record of a run of matches of a step and outputs it when the run
 * ends (the state moves on or is replaced) or at the end of the input.
 *
 * Binding: `s1.x` is rewritten (on a copy of the AST) into a hidden column
 * of a "frame" schema: input columns, declared columns (their defaults: the
 * record before extension), then one copy of input+declared per step. Each
 * evaluation fills a one-row frame: the record's columns are views into the
 * input batch, slot columns the state cells (only those some expression
 * reads). Evaluation is row by row: scan's state makes it sequential.
 *
 * order by sorts the input first (KQL sort defaults: desc, nulls last);
 * partition by keeps one state (and its own run of steps) per distinct
 * key; match ids count over all partitions. Output order: input order (after
 * order by), records of a run with output=last where the run ends. The
 * output is serialized.
 *
 * Memory: state values live in cells whose string buffers are malloc'd and
 * reused (promotion moves cells, it does not copy them); evaluation
 * temporaries live in a scratch arena reset per record; output batches in
 * the operator's arena.
 */
#include "engine.h"

#include <stdlib.h>
#include <string.h>

/* One value kept across records. */
typedef struct cell {
    bool null;
    int64_t i;
    double r;
    hguid g;
    char *s;
    uint32_t n, cap;
} cell;

typedef struct sstep {
    bool active;
    int64_t mid;
    cell *slots;  /* (k+1) * nc cells */
    bool pending; /* output=last: a record waits */
    int64_t pend_mid;
    cell *pend; /* nc cells */
} sstep;

typedef struct part {
    cell *key; /* partition key values */
    sstep *steps;
} part;

typedef struct scan_step {
    const char *name;
    int out; /* SCAN_OUT_* */
    bexpr *cond;
    int nassign;
    int *acol; /* declared column index (0-based among declared) */
    bexpr **aexpr;
} scan_step;

typedef struct scan_st {
    int nin, nd, nc; /* input columns, declared columns, nc = nin + nd */
    htype *types;    /* nc types */
    int nsteps;
    scan_step *steps;
    bexpr **dflt; /* nd default expressions (or NULL: null) */
    cell *dcells; /* nd evaluated defaults */
    bool dready;
    int midcol; /* output column of the match id, or -1 */
    /* partitions */
    int npkeys;
    bexpr **pkeys;
    htype *ptypes;
    part **parts; /* open addressing, cap slots */
    uint64_t *phash;
    int nparts, pcap;
    part single;
    /* frame */
    int w;         /* frame width: nc * (nsteps + 1) */
    uint8_t *used; /* per frame column: read by some expression */
    hvec *frame;   /* w vectors */
    hvec *emptyv;  /* per nc column: the vector of an empty slot */
    harena scratch;
    /* input */
    batch *in;
    hvec *pvals; /* partition key values of the current batch */
    harena inarena;
    uint32_t row;
    bool eof;
    /* end of input: flushing pending records */
    int flush_part, flush_step;
    int64_t next_mid;
    /* output being built */
    hvec *ocols;
    uint32_t nout, ocap;
    cell *ext; /* the extended record being built (nc cells) */
} scan_st;

/* --- cells ----------------------------------------------------------------------- */

static void cell_set(cell *c, const hvec *v, uint32_t i)
{
    c->null = vec_is_null(v, i);
    switch (v->type) {
    case HT_BOOL:
        c->i = c->null ? 0 : vec_b(v, i);
        break;
    case HT_REAL:
        c->r = c->null ? 0 : vec_r(v, i);
        break;
    case HT_GUID:
        if (!c->null)
            c->g = *vec_g(v, i);
        break;
    case HT_STRING:
    case HT_DYNAMIC: {
        hstr s = c->null ? (hstr){"", 0} : vec_s(v, i);
        if (s.n > c->cap) {
            char *p = realloc(c->s, s.n);
            if (!p) {
                c->null = true;
                c->n = 0;
                return;
            }
            c->s = p;
            c->cap = s.n;
        }
        if (s.n)
            memcpy(c->s, s.p, s.n);
        c->n = s.n;
        break;
    }
    case HT_UNKNOWN:
        c->null = true;
        break;
    default:
        c->i = c->null ? 0 : vec_i(v, i);
        break;
    }
}

static void cell_copy(cell *d, const cell *s)
{
    char *buf = d->s;
    uint32_t cap = d->cap;
    if (s->n > cap) {
        char *p = realloc(buf, s->n);
        if (!p) {
            d->null = true;
            d->n = 0;
            return;
        }
        buf = p;
        cap = s->n;
    }
    *d = *s;
    d->s = buf;
    d->cap = cap;
    if (s->n)
        memcpy(buf, s->s, s->n);
}

static void cells_free(cell *c, int n)
{
    for (int i = 0; c && i < n; i++)
        free(c[i].s);
    free(c);
}

/* A one-row vector holding c (strings point into the cell). */
static void cell_vec(harena *a, const cell *c, htype t, hvec *out)
{
    vec_alloc(a, out, t == HT_UNKNOWN ? HT_STRING : t, 1);
    out->type = t;
    switch (t) {
    case HT_BOOL:
        out->b[0] = (uint8_t)c->i;
        break;
    case HT_REAL:
        out->r[0] = c->r;
        break;
    case HT_GUID:
        out->g[0] = c->g;
        break;
    case HT_STRING:
    case HT_DYNAMIC:
        out->s[0] = (hstr){c->s ? c->s : "", c->n};
        break;
    case HT_UNKNOWN:
        out->s[0] = (hstr){"", 0};
        break;
    default:
        out->i[0] = c->i;
        break;
    }
    if (c->null || t == HT_UNKNOWN)
        vec_set_null(a, out, 0);
}

/* Appends the value of c (type t) at row i of output vector v. */
static void cell_out(harena *a, const cell *c, htype t, hvec *v, uint32_t i)
{
    switch (t) {
    case HT_BOOL:
        v->b[i] = (uint8_t)c->i;
        break;
    case HT_REAL:
        v->r[i] = c->r;
        break;
    case HT_GUID:
        v->g[i] = c->g;
        break;
    case HT_STRING:
    case HT_DYNAMIC:
        if (c->n)
            vec_set_str(a, v, i, c->s, c->n);
        else
            v->s[i] = (hstr){"", 0};
        break;
    case HT_UNKNOWN:
        v->s[i] = (hstr){"", 0};
        break;
    default:
        v->i[i] = c->i;
        break;
    }
    if (c->null || t == HT_UNKNOWN)
        vec_set_null(a, v, i);
}

/* --- state ------------------------------------------------------------------------- */

static part *part_new(scan_st *s)
{
    part *p = calloc(1, sizeof *p);
    if (!p)
        return NULL;
    p->steps = calloc((size_t)s->nsteps, sizeof(sstep));
    p->key = calloc((size_t)(s->npkeys ? s->npkeys : 1), sizeof(cell));
    if (!p->steps || !p->key) {
        free(p->steps);
        free(p->key);
        free(p);
        return NULL;
    }
    for (int k = 0; k < s->nsteps; k++) {
        p->steps[k].slots = calloc((size_t)(k + 1) * (size_t)s->nc + 1, sizeof(cell));
        p->steps[k].pend = calloc((size_t)s->nc + 1, sizeof(cell));
        if (!p->steps[k].slots || !p->steps[k].pend)
            return p; /* part_ok reports it */
    }
    return p;
}

static bool part_ok(const scan_st *s, const part *p)
{
    for (int k = 0; k < s->nsteps; k++)
        if (!p->steps[k].slots || !p->steps[k].pend)
            return false;
    return true;
}

static void part_free(const scan_st *s, part *p, bool self)
{
    if (!p)
        return;
    for (int k = 0; p->steps && k < s->nsteps; k++) {
        cells_free(p->steps[k].slots, (k + 1) * s->nc);
        cells_free(p->steps[k].pend, s->nc);
    }
    free(p->steps);
    cells_free(p->key, s->npkeys);
    if (self)
        free(p);
}

/* The partition of row i of the current batch (created when new). */
static part *find_part(op *o, uint32_t i)
{
    scan_st *s = o->st;
    if (!s->npkeys)
        return &s->single;
    uint64_t h = 0x9E3779B97F4A7C15ull;
    for (int k = 0; k < s->npkeys; k++)
        h = (h ^ value_hash(&s->pvals[k], i)) * 0x100000001B3ull;
    if ((s->nparts + 1) * 2 > s->pcap) {
        int ncap = s->pcap ? s->pcap * 2 : 64;
        part **np = calloc((size_t)ncap, sizeof(part *));
        uint64_t *nh = calloc((size_t)ncap, sizeof(uint64_t));
        if (!np || !nh) {
            free(np);
            free(nh);
            q_error(o->q, HUNT_ENOMEM, -1, 0, "scan: out of memory");
            return NULL;
        }
        for (int j = 0; j < s->pcap; j++)
            if (s->parts[j]) {
                int at = (int)(s->phash[j] & (uint64_t)(ncap - 1));
                while (np[at])
                    at = (at + 1) & (ncap - 1);
                np[at] = s->parts[j];
                nh[at] = s->phash[j];
            }
        free(s->parts);
        free(s->phash);
        s->parts = np;
        s->phash = nh;
        s->pcap = ncap;
    }
    int at = (int)(h & (uint64_t)(s->pcap - 1));
    harena *a = &s->scratch;
    while (s->parts[at]) {
        if (s->phash[at] == h) {
            part *p = s->parts[at];
            bool eq = true;
            for (int k = 0; k < s->npkeys && eq; k++) {
                hvec kv;
                cell_vec(a, &p->key[k], s->ptypes[k], &kv);
                bool n1 = vec_is_null(&kv, 0), n2 = vec_is_null(&s->pvals[k], i);
                eq = (n1 && n2) || (!n1 && !n2 && value_eq(&kv, 0, &s->pvals[k], i));
            }
            if (eq)
                return p;
        }
        at = (at + 1) & (s->pcap - 1);
    }
    part *p = part_new(s);
    if (!p || !part_ok(s, p)) {
        part_free(s, p, true);
        q_error(o->q, HUNT_ENOMEM, -1, 0, "scan: out of memory");
        return NULL;
    }
    for (int k = 0; k < s->npkeys; k++)
        cell_set(&p->key[k], &s->pvals[k], i);
    s->parts[at] = p;
    s->phash[at] = h;
    s->nparts++;
    return p;
}

/* --- output ----------------------------------------------------------------------- */

static void out_row(op *o, const cell *rec, int64_t mid)
{
    scan_st *s = o->st;
    uint32_t i = s->nout++;
    for (int c = 0; c < s->nc; c++)
        cell_out(&o->arena, &rec[c], s->types[c], &s->ocols[c], i);
    if (s->midcol >= 0)
        s->ocols[s->midcol].i[i] = mid;
}

static void flush_pending(op *o, sstep *st)
{
    if (!st->pending)
        return;
    out_row(o, st->pend, st->pend_mid);
    st->pending = false;
}

/* Outputs (or holds, for output=last) the extended record of a match. */
static void emit(op *o, int k, sstep *st, int64_t mid)
{
    scan_st *s = o->st;
    switch (s->steps[k].out) {
    case SCAN_OUT_NONE:
        return;
    case SCAN_OUT_LAST:
        for (int c = 0; c < s->nc; c++)
            cell_copy(&st->pend[c], &s->ext[c]);
        st->pend_mid = mid;
        st->pending = true;
        return;
    default:
        out_row(o, s->ext, mid);
    }
}

/* --- evaluation -------------------------------------------------------------------- */

/* Fills the slot columns of the frame from state st (NULL: all empty) whose
 * first nfull slots are filled. */
static void frame_slots(scan_st *s, const sstep *st, int nfull)
{
    for (int j = 0; j < s->nsteps; j++)
        for (int c = 0; c < s->nc; c++) {
            int f = s->nc * (j + 1) + c;
            if (!s->used[f])
                continue;
            if (st && j < nfull)
                cell_vec(&s->scratch, &st->slots[j * s->nc + c], s->types[c], &s->frame[f]);
            else
                s->frame[f] = s->emptyv[c];
        }
}

static int eval_cond(op *o, bexpr *e, int *hit)
{
    scan_st *s = o->st;
    batch fr = {1, s->w, s->frame};
    hvec v;
    if (expr_eval(o->q, e, &fr, &s->scratch, &v) < 0)
        return -1;
    *hit = v.type == HT_BOOL && !vec_is_null(&v, 0) && vec_b(&v, 0);
    return 0;
}

/* Builds s->ext: record i of the input, declared defaults, then step k's
 * assignments evaluated against the frame as it is. */
static int extend_rec(op *o, int k, uint32_t i)
{
    scan_st *s = o->st;
    for (int c = 0; c < s->nin; c++)
        cell_set(&s->ext[c], &s->in->cols[c], i);
    for (int d = 0; d < s->nd; d++)
        cell_copy(&s->ext[s->nin + d], &s->dcells[d]);
    batch fr = {1, s->w, s->frame};
    scan_step *sp = &s->steps[k];
    for (int a = 0; a < sp->nassign; a++) {
        hvec v;
        if (expr_eval(o->q, sp->aexpr[a], &fr, &s->scratch, &v) < 0)
            return -1;
        cell_set(&s->ext[s->nin + sp->acol[a]], &v, 0);
    }
    return 0;
}

/* Moves the filled cells of state from (k slots) into state to; from ends empty. */
static void promote(scan_st *s, sstep *from, sstep *to, int k)
{
    for (int x = 0; x < k * s->nc; x++) {
        cell t = to->slots[x];
        to->slots[x] = from->slots[x];
        from->slots[x] = t;
    }
    to->active = true;
    to->mid = from->mid;
    from->active = false;
}

static int scan_record(op *o, part *p, uint32_t i)
{
    scan_st *s = o->st;
    /* the record's own columns, declared columns at their defaults */
    for (int c = 0; c < s->nin; c++) {
        const hvec *src = &s->in->cols[c];
        hvec *v = &s->frame[c];
        *v = *src;
        v->n = 1;
        if (src->cmask) {
            size_t wd = vec_width(src->type);
            v->data = (char *)src->data + wd * i;
            v->null = src->null ? src->null + i : NULL;
        }
    }
    for (int k = s->nsteps - 1; k >= 0; k--) {
        sstep *st = &p->steps[k];
        scan_step *sp = &s->steps[k];
        int hit = 0;
        if (k > 0 && p->steps[k - 1].active) {
            sstep *prev = &p->steps[k - 1];
            frame_slots(s, prev, k);
            if (eval_cond(o, sp->cond, &hit) < 0)
                return -1;
            if (hit) {
                if (extend_rec(o, k, i) < 0)
                    return -1;
                flush_pending(o, st);
                flush_pending(o, prev);
                promote(s, prev, st, k);
                for (int c = 0; c < s->nc; c++)
                    cell_copy(&st->slots[k * s->nc + c], &s->ext[c]);
                emit(o, k, st, st->mid);
                continue;
            }
        }
        if (st->active || k == 0) {
            frame_slots(s, st->active ? st : NULL, k + 1);
            if (eval_cond(o, sp->cond, &hit) < 0)
                return -1;
            if (!hit)
                continue;
            if (extend_rec(o, k, i) < 0)
                return -1;
            if (!st->active) {
                st->active = true;
                st->mid = s->next_mid++;
            }
            for (int c = 0; c < s->nc; c++)
                cell_copy(&st->slots[k * s->nc + c], &s->ext[c]);
            emit(o, k, st, st->mid);
        }
    }
    return 0;
}

/* --- running ------------------------------------------------------------------------ */

static int ready_defaults(op *o)
{
    scan_st *s = o->st;
    for (int d = 0; d < s->nd; d++) {
        htype t = s->types[s->nin + d];
        if (!s->dflt[d]) {
            s->dcells[d].null = t != HT_STRING;
            continue;
        }
        hvec v;
        if (expr_eval_once(o->q, s->dflt[d], &s->scratch, &v) < 0)
            return -1;
        cell_set(&s->dcells[d], &v, 0);
    }
    for (int c = 0; c < s->nc; c++) {
        if (c >= s->nin)
            cell_vec(&o->q->arena, &s->dcells[c - s->nin], s->types[c], &s->emptyv[c]);
        else {
            cell none = {.null = s->types[c] != HT_STRING};
            cell_vec(&o->q->arena, &none, s->types[c], &s->emptyv[c]);
        }
        if (c >= s->nin)
            s->frame[c] = s->emptyv[c];
    }
    for (int f = s->nc; f < s->w; f++)
        s->frame[f] = s->emptyv[f % s->nc];
    arena_reset(&s->scratch);
    s->dready = true;
    return 0;
}

static int pull_input(op *o)
{
    scan_st *s = o->st;
    batch *in;
    if (o->kids[0]->next(o->kids[0], &in) < 0)
        return -1;
    if (!in) {
        s->eof = true;
        s->in = NULL;
        return 0;
    }
    arena_reset(&s->inarena);
    for (int k = 0; k < s->npkeys; k++)
        if (expr_eval(o->q, s->pkeys[k], in, &s->inarena, &s->pvals[k]) < 0)
            return -1;
    s->in = in;
    s->row = 0;
    if (o->q->interrupt && *o->q->interrupt)
        return q_error(o->q, HUNT_EINTERRUPT, -1, 0, "query interrupted");
    return 0;
}

/* At the end: outputs the records output=last still holds. */
static void flush_all(op *o)
{
    scan_st *s = o->st;
    uint32_t room = s->ocap;
    for (;;) {
        part *p = NULL;
        if (!s->npkeys) {
            if (s->flush_part > 0)
                return;
            p = &s->single;
        } else {
            while (s->flush_part < s->pcap && !s->parts[s->flush_part])
                s->flush_part++;
            if (s->flush_part >= s->pcap)
                return;
            p = s->parts[s->flush_part];
        }
        while (s->flush_step < s->nsteps) {
            if (s->nout >= room)
                return;
            flush_pending(o, &p->steps[s->flush_step]);
            s->flush_step++;
        }
        s->flush_step = 0;
        s->flush_part++;
    }
}

static int scan_next(op *o, batch **out)
{
    scan_st *s = o->st;
    arena_reset(&o->arena);
    if (!s->dready && ready_defaults(o) < 0)
        return -1;
    int nout = o->schema.ncols;
    uint32_t per_rec = 3u * (uint32_t)s->nsteps + 1;
    s->ocap = VEC_BATCH > per_rec ? VEC_BATCH : per_rec;
    s->ocols = arena_zalloc(&o->arena, sizeof(hvec) * (size_t)nout);
    for (int c = 0; c < nout; c++) {
        htype t = o->schema.types[c];
        vec_alloc(&o->arena, &s->ocols[c], t == HT_UNKNOWN ? HT_STRING : t, s->ocap);
        s->ocols[c].type = t;
    }
    s->nout = 0;
    while (s->nout + per_rec <= s->ocap) {
        if (!s->in) {
            if (s->eof)
                break;
            if (pull_input(o) < 0)
                return -1;
            if (!s->in)
                break;
        }
        if (s->row >= s->in->n) {
            s->in = NULL;
            continue;
        }
        part *p = find_part(o, s->row);
        if (!p || scan_record(o, p, s->row) < 0)
            return -1;
        arena_reset(&s->scratch);
        s->row++;
    }
    if (s->eof && !s->in)
        flush_all(o);
    if (o->q->err_code)
        return -1;
    if (s->nout == 0) {
        *out = NULL;
        return 0;
    }
    batch *b = arena_alloc(&o->arena, sizeof *b);
    b->n = s->nout;
    b->ncols = nout;
    b->cols = s->ocols;
    for (int c = 0; c < nout; c++)
        b->cols[c].n = s->nout;
    *out = b;
    return 0;
}

static void scan_close(op *o)
{
    scan_st *s = o->st;
    if (!s)
        return;
    part_free(s, &s->single, false);
    for (int j = 0; j < s->pcap; j++)
        part_free(s, s->parts[j], true);
    free(s->parts);
    free(s->phash);
    cells_free(s->dcells, s->nd);
    cells_free(s->ext, s->nc);
    s->dcells = s->ext = NULL;
    s->parts = NULL;
    s->pcap = 0;
    s->single.steps = NULL;
    s->single.key = NULL;
    arena_free(&s->scratch);
    arena_free(&s->inarena);
}

/* --- binding ----------------------------------------------------------------------- */

typedef struct scan_bind {
    const ast *scan;
    hschema *frame;
    int nc;
    int nsteps;
    const ast **steps;
} scan_bind;

static bool hstr_eq(hstr a, hstr b)
{
    return a.n == b.n && (a.n == 0 || memcmp(a.p, b.p, a.n) == 0);
}

/* The frame column name of step j's column c: "\x1f<step>.<col>". */
static char *slot_name(harena *a, hstr step, const char *col)
{
    size_t cl = strlen(col);
    char *p = arena_alloc(a, step.n + cl + 3);
    p[0] = '\x1f';
    memcpy(p + 1, step.p, step.n);
    p[1 + step.n] = '.';
    memcpy(p + 2 + step.n, col, cl + 1);
    return p;
}

/* A copy of n with every `step.col` replaced by its frame column. */
static ast *rewrite(qctx *q, scan_bind *b, const ast *n)
{
    if (!n)
        return NULL;
    if (n->kind == AST_MEMBER && n->nkid == 1 && n->kid[0] && n->kid[0]->kind == AST_IDENT) {
        for (int j = 0; j < b->nsteps; j++) {
            if (!hstr_eq(n->kid[0]->name, b->steps[j]->name))
                continue;
            char *col = arena_strndup(&q->arena, n->name.p, n->name.n);
            char *nm = slot_name(&q->arena, b->steps[j]->name, col);
            if (schema_find(b->frame, nm, strlen(nm)) < 0) {
                q_error(q, HUNT_ESEMANTIC, n->off, n->len, "scan: step '%.*s' has no column '%s'",
                        (int)b->steps[j]->name.n, b->steps[j]->name.p, col);
                return NULL;
            }
            ast *id = ast_new(&q->arena, AST_IDENT, n->off, n->len);
            id->name = (hstr){nm, (uint32_t)strlen(nm)};
            return id;
        }
    }
    ast *c = ast_new(&q->arena, n->kind, n->off, n->len);
    ast_kind k = c->kind;
    *c = *n;
    c->kind = k;
    c->kid = NULL;
    c->nkid = c->kidcap = 0;
    for (int i = 0; i < n->nkid; i++) {
        ast *x = NULL;
        if (n->kid[i]) {
            x = rewrite(q, b, n->kid[i]);
            if (!x)
                return NULL;
        }
        ast_add(&q->arena, c, x);
    }
    return c;
}

static void mark_used(const bexpr *e, uint8_t *used, int w)
{
    if (!e)
        return;
    if (e->kind == BX_COL && e->col >= 0 && e->col < w)
        used[e->col] = 1;
    for (int i = 0; i < e->nargs; i++)
        mark_used(e->args[i], used, w);
    mark_used(e->set_src, used, w);
}

static char *dup_name(qctx *q, hstr s)
{
    return arena_strndup(&q->arena, s.p, s.n);
}

op *bind_scan_op(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    const ast *decl = n->kid[0], *order = n->kid[1], *pby = n->kid[2];
    int nsteps = n->nkid - 3;
    if (nsteps < 1) {
        q_error(q, HUNT_ESYNTAX, n->off, n->len, "scan needs at least one step");
        return NULL;
    }
    /* order by: sort the input first */
    if (order->nkid) {
        sortkey *sk = arena_zalloc(&q->arena, sizeof(sortkey) * (size_t)order->nkid);
        for (int i = 0; i < order->nkid; i++) {
            const ast *k = order->kid[i];
            const ast *ex = k->kind == AST_SORTKEY ? k->kid[0] : k;
            int fl = k->kind == AST_SORTKEY ? k->op : 0;
            sk[i].e = bind_scalar(q, sc, &in->schema, ex);
            if (!sk[i].e)
                return NULL;
            sk[i].desc = !(fl & SORT_ASC);
            sk[i].nulls_first = (fl & SORT_NULLS_FIRST)  ? true
                                : (fl & SORT_NULLS_LAST) ? false
                                                         : !sk[i].desc;
        }
        in = exec_sort(q, in, sk, order->nkid, -1);
        if (!in)
            return NULL;
    }
    scan_st *s = arena_zalloc(&q->arena, sizeof *s);
    s->nin = in->schema.ncols;
    s->nd = decl->nkid;
    s->nc = s->nin + s->nd;
    s->nsteps = nsteps;
    s->midcol = -1;
    s->types = arena_alloc(&q->arena, sizeof(htype) * (size_t)(s->nc + 1));
    s->dflt = arena_zalloc(&q->arena, sizeof(bexpr *) * (size_t)(s->nd + 1));
    hschema out, frame;
    schema_init(&out);
    schema_init(&frame);
    op *res = NULL;
    schema_copy(&out, &in->schema);
    for (int c = 0; c < s->nin; c++)
        s->types[c] = in->schema.types[c];
    /* declared columns */
    for (int d = 0; d < s->nd; d++) {
        const ast *p = decl->kid[d];
        if (p->kind != AST_PARAM || p->op) {
            q_error(q, HUNT_ESYNTAX, p->off, p->len, "scan declare expects name: type [= value]");
            goto done;
        }
        char *nm = dup_name(q, p->name);
        if (schema_find(&out, nm, strlen(nm)) >= 0) {
            q_error(q, HUNT_ESEMANTIC, p->off, p->len,
                    "scan: declared column '%s' is already a column of the input", nm);
            goto done;
        }
        schema_add(&out, nm, p->type);
        s->types[s->nin + d] = p->type;
        if (p->nkid > 1 && p->kid[1]) {
            bexpr *e = bind_scalar(q, sc, NULL, p->kid[1]);
            if (!e)
                goto done;
            if (e->type != p->type && e->type != HT_UNKNOWN) {
                e = bind_cast(q, e, p->type);
                if (!e)
                    goto done;
            }
            s->dflt[d] = e->type == HT_UNKNOWN ? NULL : e;
        }
    }
    /* step names */
    const ast **steps = arena_alloc(&q->arena, sizeof(ast *) * (size_t)nsteps);
    for (int k = 0; k < nsteps; k++) {
        steps[k] = n->kid[3 + k];
        for (int j = 0; j < k; j++)
            if (hstr_eq(steps[j]->name, steps[k]->name)) {
                q_error(q, HUNT_ESEMANTIC, steps[k]->off, steps[k]->len,
                        "scan: step name '%.*s' is used twice", (int)steps[k]->name.n,
                        steps[k]->name.p);
                goto done;
            }
    }
    /* the frame: record columns, then each step's copy */
    schema_copy(&frame, &out);
    for (int k = 0; k < nsteps; k++)
        for (int c = 0; c < s->nc; c++)
            schema_add(&frame, slot_name(&q->arena, steps[k]->name, out.names[c]), s->types[c]);
    s->w = frame.ncols;
    scan_bind b = {n, &frame, s->nc, nsteps, steps};
    s->steps = arena_zalloc(&q->arena, sizeof(scan_step) * (size_t)nsteps);
    s->used = arena_zalloc(&q->arena, (size_t)s->w);
    for (int k = 0; k < nsteps; k++) {
        const ast *st = steps[k];
        scan_step *sp = &s->steps[k];
        sp->name = dup_name(q, st->name);
        sp->out = st->op;
        ast *cond = rewrite(q, &b, st->kid[0]);
        if (!cond || !(sp->cond = bind_scalar(q, sc, &frame, cond)))
            goto done;
        if (sp->cond->type != HT_BOOL) {
            q_error(q, HUNT_ESEMANTIC, st->kid[0]->off, st->kid[0]->len,
                    "scan: the condition of step '%s' must be bool, got %s", sp->name,
                    ht_name(sp->cond->type));
            goto done;
        }
        mark_used(sp->cond, s->used, s->w);
        sp->nassign = st->nkid - 1;
        sp->acol = arena_alloc(&q->arena, sizeof(int) * (size_t)(sp->nassign + 1));
        sp->aexpr = arena_alloc(&q->arena, sizeof(bexpr *) * (size_t)(sp->nassign + 1));
        for (int a = 0; a < sp->nassign; a++) {
            const ast *as = st->kid[1 + a];
            int at = schema_find(&out, as->name.p, as->name.n);
            if (at < s->nin) {
                q_error(q, HUNT_ESEMANTIC, as->off, as->len,
                        "scan: '%.*s' is not a declared column (declare (name: type) first)",
                        (int)as->name.n, as->name.p);
                goto done;
            }
            ast *ex = rewrite(q, &b, as->kid[0]);
            bexpr *e = ex ? bind_scalar(q, sc, &frame, ex) : NULL;
            if (!e)
                goto done;
            htype t = s->types[at];
            if (e->type != t) {
                e = bind_cast(q, e, t);
                if (!e)
                    goto done;
            }
            mark_used(e, s->used, s->w);
            sp->acol[a] = at - s->nin;
            sp->aexpr[a] = e;
        }
    }
    /* partition by */
    s->npkeys = pby->nkid;
    s->pkeys = arena_zalloc(&q->arena, sizeof(bexpr *) * (size_t)(s->npkeys + 1));
    s->ptypes = arena_zalloc(&q->arena, sizeof(htype) * (size_t)(s->npkeys + 1));
    s->pvals = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)(s->npkeys + 1));
    for (int k = 0; k < s->npkeys; k++) {
        s->pkeys[k] = bind_scalar(q, sc, &in->schema, pby->kid[k]);
        if (!s->pkeys[k])
            goto done;
        s->ptypes[k] = s->pkeys[k]->type;
    }
    /* with_match_id */
    const ast *mid = ast_opt(n, "with_match_id");
    if (mid && mid->nkid && mid->kid[0]->kind == AST_IDENT) {
        char *nm = dup_name(q, mid->kid[0]->name);
        if (schema_find(&out, nm, strlen(nm)) >= 0) {
            q_error(q, HUNT_ESEMANTIC, mid->off, mid->len,
                    "scan: with_match_id column '%s' is already a column", nm);
            goto done;
        }
        s->midcol = out.ncols;
        schema_add(&out, nm, HT_LONG);
    }
    s->frame = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)s->w);
    s->emptyv = arena_zalloc(&q->arena, sizeof(hvec) * (size_t)(s->nc + 1));
    arena_init(&s->scratch);
    arena_init(&s->inarena);
    s->dcells = calloc((size_t)s->nd + 1, sizeof(cell));
    s->ext = calloc((size_t)s->nc + 1, sizeof(cell));
    op *o = op_new(q, "scan-operator", 1);
    o->kids[0] = in;
    o->st = s;
    o->next = scan_next;
    o->close = scan_close;
    o->serialized = true;
    schema_copy(&o->schema, &out);
    if (!s->npkeys) {
        part *p = part_new(s);
        if (p) {
            s->single = *p;
            free(p);
        }
    }
    if (!s->dcells || !s->ext || (!s->npkeys && (!s->single.steps || !part_ok(s, &s->single)))) {
        q_error(q, HUNT_ENOMEM, n->off, n->len, "scan: out of memory");
        goto done;
    }
    res = o;
done:
    schema_free(&out);
    schema_free(&frame);
    return res;
}
