/* engine/exec_pending.c — operators the parser knows but the engine does not
 * run yet. Each reports "operator 'X' is not supported yet" at the operator's
 * position: a clear error, never a wrong answer. An operator moves out of this
 * file into its own exec_<op>.c when it is implemented.
 *
 * reduce: its published outputs depend on details of the pattern mining that
 * the docs leave open (the support test, how separators around a wildcard
 * are written: "foo*" from fooZ1 with characters="Z", yet "San *"), and the
 * docs' own threshold example contradicts the threshold's description, so it
 * waits for a specification rather than a guess.
 */
#include "engine.h"

op *bind_reduce(qctx *q, bind_scope *sc, op *in, const ast *n)
{
    (void)sc;
    (void)in;
    return unsupported_op(q, n);
}
