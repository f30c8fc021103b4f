#!/usr/bin/env node
/**
 * The poolwise CLI: `npm start` (the tour), `npm start -- demo`, `npm start -- sync`,
 * `npm start -- runner` (one process of a cluster run). Exit codes: poolwise.ts.
 *
 * The CLI only declares: the commands and their flags are parsed and checked
 * by @effect/cli, and a command's modules (the SQL driver, the cluster, the
 * charts) are loaded once it is chosen, so `--help` or a refused flag costs
 * no more than the parser. The logs go to stderr (in Effect's pretty
 * format), so stdout carries only what a command prints (`sync --json`: the
 * report alone).
 */
// Module by module: the package's index also loads its cluster and HTTP modules (and @effect/cluster with them).
import * as NodeFileSystem from "@effect/platform-node/NodeFileSystem"
import * as NodePath from "@effect/platform-node/NodePath"
import * as NodeRuntime from "@effect/platform-node/NodeRuntime"
import * as NodeTerminal from "@effect/platform-node/NodeTerminal"
import { Cause, Console, Effect, Exit, Logger } from "effect"
import { plainConsole } from "./console.ts"
import { interruptedExitCode } from "./interruptedExit.ts"
import { runPoolwise } from "./poolwise.ts"

Console.consoleWith((base) => Effect.withConsole(runPoolwise(process.argv), plainConsole(base))).pipe(
  Effect.provide([
    // What @effect/cli and the commands use, not all of NodeContext (no child processes, no workers).
    NodeFileSystem.layer,
    NodePath.layer,
    NodeTerminal.layer,
    Logger.replace(Logger.defaultLogger, Logger.prettyLogger({ stderr: true })),
  ]),
  // runMain turns SIGINT/SIGTERM into interrupting this fiber: say 130 (128 +
  // SIGINT) then, as shells do, or 0 for a runner, whose normal end that is
  // (interruptedExit.ts). Its own logger would write to stdout: the one above
  // replaces it.
  NodeRuntime.runMain({
    disablePrettyLogger: true,
    teardown: (exit, onExit) => {
      // A teardown is typed for any program: this one succeeds with runPoolwise's exit code.
      const code = Exit.isSuccess(exit)
        ? Number(exit.value)
        : Cause.isInterruptedOnly(exit.cause)
        ? interruptedExitCode()
        : 1
      // onExit calls process.exit, which drops whatever a pipe has not taken
      // yet, and a partial report can be long: flush first.
      process.stdout.write("", () => process.stderr.write("", () => onExit(code)))
    },
  }),
)
