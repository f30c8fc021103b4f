#!/usr/bin/env node
/**
 * The poolwise CLI: `npm start` (the tour), `npm start -- demo`, `npm start -- sync`,
 * `npm start -- runner` (one process of a cluster run).
 *
 * Exit codes: 0 all good; 1 some products not updated, or the run could not
 * start (bad URL, unreachable server…); 2 bad flags; 130 interrupted (Ctrl-C
 * or SIGTERM), after `sync` has printed its partial report.
 */
import { Command, ValidationError } from "@effect/cli"
import { NodeContext, NodeRuntime } from "@effect/platform-node"
import { Cause, Console, Effect, Exit } from "effect"
import { plainConsole } from "./console.ts"
import { demoCommand } from "./demo.ts"
import { runnerCommand } from "./runner.ts"
import { checkIntegerFlags } from "./flags.ts"
import { FlagConflict, syncCommand, SyncIncomplete } from "./sync.ts"
import { tour } from "./tour.ts"

const root = Command.make("poolwise", {}, () => tour).pipe(
  Command.withDescription(
    "Bounded concurrency with Effect. With no command: the tour (the schedule, then the incident and its fix on the embedded simulated database).",
  ),
  Command.withSubcommands([demoCommand, syncCommand, runnerCommand]),
)

const cli = Command.run(root, { name: "poolwise", version: "0.1.0" })
const exitWith = (code: number) => Effect.sync(() => process.exitCode = code)
const badFlag = checkIntegerFlags(process.argv.slice(2))

const main = badFlag !== undefined
  ? Console.error(badFlag.message).pipe(Effect.zipRight(exitWith(2)))
  : cli(process.argv).pipe(
    Effect.catchAll((error) =>
      // @effect/cli has already printed what was wrong with the flags, and an
      // incomplete sync has printed its report: only the exit code is left.
      ValidationError.isValidationError(error)
        ? exitWith(2)
        : error instanceof SyncIncomplete
        ? exitWith(1)
        : error instanceof FlagConflict
        ? Console.error(`error: ${error.message}`).pipe(Effect.zipRight(exitWith(2)))
        : Console.error(`error: ${error.message}`).pipe(Effect.zipRight(exitWith(1)))
    ),
    Effect.catchAllDefect((defect) =>
      Console.error(`error: unexpected failure\n${Cause.pretty(Cause.die(defect))}`).pipe(Effect.zipRight(exitWith(1)))
    ),
  )

Console.consoleWith((base) => Effect.withConsole(main, plainConsole(base))).pipe(
  Effect.provide(NodeContext.layer),
  // runMain turns SIGINT/SIGTERM into interrupting this fiber, and by default
  // exits 0 when it was interrupted: say 130 (128 + SIGINT), as shells do.
  NodeRuntime.runMain({
    teardown: (exit, onExit) => {
      const code = Exit.isSuccess(exit) ? 0 : Cause.isInterruptedOnly(exit.cause) ? 130 : 1
      // runMain then calls process.exit, which drops whatever a pipe has not
      // taken yet, and a partial report can be long: flush first.
      process.stdout.write("", () => process.stderr.write("", () => onExit(code)))
    },
  }),
)
