/**
 * What a local run (sync.ts) and a cluster run (clusterSync.ts) share: how
 * the CLI watches and stops them, and the first step of both, inserting the
 * products they sync.
 */
import type { Strategy } from "../strategies/Strategy.ts"
import { Duration, Effect } from "effect"
import type { Progress } from "../progress/Progress.ts"

/** How the CLI's run is watched and stopped. */
export interface RunControls {
  readonly progress?: Progress | undefined
  /** Completing it stops the run with a partial report. */
  readonly interruptWhen?: Effect.Effect<unknown> | undefined
  /** Told the strategy once it is made: the progress line reads its (moving) limit. */
  readonly onStrategy?: ((strategy: Strategy) => void) | undefined
}

/**
 * `insert` (which makes products 1..`products` exist), logged at info with
 * its time: on a real server with a large table this step alone takes a
 * while, before the progress bar has anything to show.
 */
export const ensureProducts = <E, R>(products: number, insert: Effect.Effect<void, E, R>) =>
  Effect.timed(insert).pipe(
    Effect.tap(([elapsed]) =>
      Effect.logInfo(
        `products 1..${products} in place (missing ones inserted) in ${Math.round(Duration.toMillis(elapsed))} ms`,
      )
    ),
    Effect.asVoid,
  )
