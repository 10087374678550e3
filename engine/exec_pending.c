/* engine/exec_pending.c — operators the parser knows but the engine does not
 * run yet. Each reports "operator 'X' is not supported yet" at the operator's
 * position: a clear error, never a wrong answer. An operator moves out of this
 * file into its own exec_<op>.c when it is implemented.
 */
#include "engine.h"

op *bind_mvapply(qctx *q, bind_scope *s, op *in, const ast *n)
{
    (void)s, (void)in;
    return unsupported_op(q, n);
}

op *bind_parse(qctx *q, bind_scope *s, op *in, const ast *n)
{
    (void)s, (void)in;
    return unsupported_op(q, n);
}

op *bind_parse_kv(qctx *q, bind_scope *s, op *in, const ast *n)
{
    (void)s, (void)in;
    return unsupported_op(q, n);
}

op *bind_make_series(qctx *q, bind_scope *s, op *in, const ast *n)
{
    (void)s, (void)in;
    return unsupported_op(q, n);
}

op *bind_serialize(qctx *q, bind_scope *s, op *in, const ast *n)
{
    (void)s, (void)in;
    return unsupported_op(q, n);
}

op *bind_evaluate(qctx *q, bind_scope *s, op *in, const ast *n)
{
    (void)s, (void)in;
    return unsupported_op(q, n);
}

op *bind_search(qctx *q, bind_scope *s, op *in, const ast *n)
{
    (void)s, (void)in;
    return unsupported_op(q, n);
}

op *bind_top_nested(qctx *q, bind_scope *s, op *in, const ast *n)
{
    (void)s, (void)in;
    return unsupported_op(q, n);
}

op *bind_externaldata(qctx *q, bind_scope *s, const ast *n)
{
    (void)s;
    return unsupported_op(q, n);
}
