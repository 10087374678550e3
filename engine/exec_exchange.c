/* engine/exec_exchange.c — runs two copies of a pipeline on two threads.
 *
 * hunt's queries are mostly scan → where/extend → summarize. The exchange
 * runs the part before the aggregation twice, each copy bound separately from
 * the syntax tree (its own expression states and arenas) and scanning half of
 * the table's extents, on its own thread; the operator above it pulls the
 * batches of both as they come. The filters, regexes and term searches — the
 * expensive part — so use both cores, while the aggregation stays single-
 * threaded and unchanged.
 *
 * Hand-off: a producer puts its batch in its slot and waits until the
 * consumer has taken it and asked for the next one, because the batch lives
 * in the producer's arenas until the producer pulls again. Row order between
 * the two halves is not kept, which is why the binder only places an exchange
 * under operators that do not depend on input order (summarize, count,
 * distinct).
 */
#include "engine.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

enum { SLOT_EMPTY, SLOT_FULL, SLOT_DONE, SLOT_ERROR };

typedef struct producer {
    struct exch_st *x;
    op *tree;
    int state;
    batch *b;
    pthread_t th;
    bool started;
} producer;

typedef struct exch_st {
    producer p[2];
    pthread_mutex_t mu;
    pthread_cond_t consumer_cv, producer_cv;
    int handed;  /* producer whose batch the consumer holds, or -1 */
    int next_rr; /* round robin start */
    bool stop;
    bool started;
} exch_st;

static void *produce(void *arg)
{
    producer *p = arg;
    exch_st *x = p->x;
    for (;;) {
        batch *b = NULL;
        int rc = p->tree->next(p->tree, &b);
        pthread_mutex_lock(&x->mu);
        if (x->stop) {
            pthread_mutex_unlock(&x->mu);
            return NULL;
        }
        p->b = b;
        p->state = rc < 0 ? SLOT_ERROR : b ? SLOT_FULL : SLOT_DONE;
        pthread_cond_signal(&x->consumer_cv);
        if (p->state != SLOT_FULL) {
            pthread_mutex_unlock(&x->mu);
            return NULL;
        }
        while (p->state == SLOT_FULL && !x->stop)
            pthread_cond_wait(&x->producer_cv, &x->mu);
        bool stop = x->stop;
        pthread_mutex_unlock(&x->mu);
        if (stop)
            return NULL;
    }
}

static int exch_next(op *o, batch **out)
{
    exch_st *x = o->st;
    if (!x->started) {
        x->started = true;
        for (int i = 0; i < 2; i++) {
            x->p[i].state = SLOT_EMPTY;
            if (pthread_create(&x->p[i].th, NULL, produce, &x->p[i]) == 0) {
                x->p[i].started = true;
            } else { /* no thread: run this half here, after the other */
                x->p[i].state = SLOT_EMPTY;
            }
        }
    }
    pthread_mutex_lock(&x->mu);
    if (x->handed >= 0) { /* the consumer is done with the batch it took */
        x->p[x->handed].state = SLOT_EMPTY;
        x->handed = -1;
        pthread_cond_broadcast(&x->producer_cv);
    }
    for (;;) {
        int done = 0;
        for (int k = 0; k < 2; k++) {
            int i = (x->next_rr + k) % 2;
            producer *p = &x->p[i];
            if (!p->started && p->state == SLOT_EMPTY) {
                /* thread creation failed: pull synchronously */
                pthread_mutex_unlock(&x->mu);
                batch *b = NULL;
                int rc = p->tree->next(p->tree, &b);
                pthread_mutex_lock(&x->mu);
                p->state = rc < 0 ? SLOT_ERROR : b ? SLOT_FULL : SLOT_DONE;
                p->b = b;
            }
            if (p->state == SLOT_ERROR) {
                pthread_mutex_unlock(&x->mu);
                return -1;
            }
            if (p->state == SLOT_FULL) {
                x->handed = i;
                x->next_rr = (i + 1) % 2;
                *out = p->b;
                if (!p->started)
                    p->state = SLOT_EMPTY; /* synchronous: taken at once */
                pthread_mutex_unlock(&x->mu);
                return 0;
            }
            if (p->state == SLOT_DONE)
                done++;
        }
        if (done == 2) {
            pthread_mutex_unlock(&x->mu);
            *out = NULL;
            return 0;
        }
        pthread_cond_wait(&x->consumer_cv, &x->mu);
    }
}

/* Stops and joins the threads; must run before the pipelines below close
 * (qctx_free closes operators newest first). */
static void exch_close(op *o)
{
    exch_st *x = o->st;
    pthread_mutex_lock(&x->mu);
    x->stop = true;
    pthread_cond_broadcast(&x->producer_cv);
    pthread_mutex_unlock(&x->mu);
    for (int i = 0; i < 2; i++)
        if (x->p[i].started)
            pthread_join(x->p[i].th, NULL);
    pthread_mutex_destroy(&x->mu);
    pthread_cond_destroy(&x->consumer_cv);
    pthread_cond_destroy(&x->producer_cv);
}

op *exec_exchange(qctx *q, op *a, op *b)
{
    op *o = op_new(q, "exchange", 2);
    o->kids[0] = a;
    o->kids[1] = b;
    exch_st *x = arena_zalloc(&q->arena, sizeof *x);
    pthread_mutex_init(&x->mu, NULL);
    pthread_cond_init(&x->consumer_cv, NULL);
    pthread_cond_init(&x->producer_cv, NULL);
    x->handed = -1;
    x->p[0].x = x;
    x->p[0].tree = a;
    x->p[1].x = x;
    x->p[1].tree = b;
    o->st = x;
    schema_copy(&o->schema, &a->schema);
    o->next = exch_next;
    o->close = exch_close;
    return o;
}
