/**
 * The exit code of a `poolwise` process that a signal (SIGINT, SIGTERM)
 * interrupted, read by main.ts once the command has wound down: 130
 * (128 + SIGINT) as shells say, unless the command declared that being
 * stopped is its normal end. A runner does, once it is ready: SIGTERM (a
 * service manager's stop) or Ctrl-C hands its shards over and it exits 0;
 * a hand-over that fails exits 1.
 */
import { Effect } from "effect"

let code = 130

/** 130, or 0 once the command said a stop is its normal end. */
export const interruptedExitCode = (): number => code

/** From now on, a stop by signal ends this process with 0. */
export const stopIsNormalEnd: Effect.Effect<void> = Effect.sync(() => {
  code = 0
})
