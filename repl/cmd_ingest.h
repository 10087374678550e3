/* repl/cmd_ingest.h — the ingest and workspace subcommands of hunt
 * (repl/cmd_ingest.c). Each takes the arguments after the subcommand name
 * (argv[0] is the subcommand) and returns the exit status: 0 success,
 * 1 a data, I/O or check failure, 2 a usage error.
 *
 *   hunt ingest [WS] [--format F] [--no-dedupe] TABLE PATH...   (PATH "-" = stdin)
 *   hunt pull [WS] SOURCE
 *   hunt quarantine [WS] [list | show ID | replay [ID] | drop ID|all]
 *   hunt check-workspace [WS]
 *   hunt retention [WS] TABLE AGE        (AGE: 30d, 12h, 90m, 0 = no policy)
 * WS: -w DIR / --workspace DIR, or --memory; default $HUNT_WORKSPACE, then
 * hunt_default_workspace().
 */
#ifndef REPL_CMD_INGEST_H
#define REPL_CMD_INGEST_H

int cmd_ingest(int argc, char **argv);
int cmd_pull(int argc, char **argv);
int cmd_quarantine(int argc, char **argv);
int cmd_check_workspace(int argc, char **argv);
int cmd_retention(int argc, char **argv);

#endif
