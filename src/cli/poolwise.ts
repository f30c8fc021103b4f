/**
 * The `poolwise` command and its exit codes, apart from the process that
 * runs it (main.ts): tests run the same parser and checks in-process.
 *
 * Exit codes: 0 all good; 1 some products not updated, or the run could not
 * start (bad URL, unreachable server…); 2 bad flags (a value a rule refuses,
 * flags that cannot go together, an unknown flag); 130 interrupted (Ctrl-C or
 * SIGTERM, decided by main.ts), after `sync` has printed its partial report;
 * a `runner` stopped by either once it was ready exits 0 after its hand-over
 * (interruptedExit.ts).
 */
import { type CliApp, CliConfig, Command, ValidationError } from "@effect/cli"
import { Cause, Console, Effect } from "effect"
import { demoCommand } from "./demoCommand.ts"
import { runnerCommand } from "./runnerCommand.ts"
import { syncCommand, SyncIncomplete } from "./syncCommand.ts"

export const poolwise = Command.make(
  "poolwise",
  {},
  () => Effect.flatMap(Effect.promise(() => import("./tour.ts")), (tour) => tour.tour),
).pipe(
  Command.withDescription(
    "Bounded concurrency with Effect. With no command: the tour (the schedule, then the incident and its fix on " +
      "the embedded simulated database). Every command takes --log-level and --help.",
  ),
  Command.withSubcommands([demoCommand, syncCommand, runnerCommand]),
)

const cli = Command.run(poolwise, { name: "poolwise", version: "0.1.0" })

/**
 * Runs `poolwise` on `argv` (`[node, script, ...args]`, as `process.argv`)
 * and returns the exit code. What went wrong is printed on stderr first.
 */
export const runPoolwise = (argv: ReadonlyArray<string>): Effect.Effect<number, never, CliApp.CliApp.Environment> =>
  cli(argv).pipe(
    // Each command lists its own --log-level (flags.ts); the built-ins would list a second one.
    Effect.provide(CliConfig.layer({ showBuiltIns: false })),
    Effect.as(0),
    Effect.catchAll((error) =>
      // @effect/cli has already printed what was wrong with the flags, and an
      // incomplete sync has printed its report: only the exit code is left.
      ValidationError.isValidationError(error)
        ? Effect.succeed(2)
        : error instanceof SyncIncomplete
        ? Effect.succeed(1)
        : Effect.as(Console.error(`error: ${error.message}`), 1)
    ),
    Effect.catchAllDefect((defect) =>
      Effect.as(Console.error(`error: unexpected failure\n${Cause.pretty(Cause.die(defect))}`), 1)
    ),
  )
