/* engine/exec_pending.c — operators the parser knows but the engine does not
 * run yet. Each reports "operator 'X' is not supported yet" at the operator's
 * position: a clear error, never a wrong answer. An operator moves out of this
 * file into its own exec_<op>.c when it is implemented.
 */
#include "engine.h"

