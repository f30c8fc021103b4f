/**
 * How a stop reaches the pages: a client that is told to stop (Ctrl-C) marks
 * its run in `sync_runs`, and each runner polls for such marks once per
 * interval (one query per runner, whatever the number of pages), then
 * completes the signal its pages wait on. A page that sees the signal stops
 * the way a local run does: statements in flight are cancelled, the rest of
 * its products are reported "not attempted".
 *
 * @internal
 */
import { Context, Deferred, Duration, Effect, Layer, Schedule } from "effect"
import { ClusterRuns } from "./ClusterRuns.ts"

/** What a page waits on. */
export interface StopRequestsService {
  /** Completes once run `runId` was asked to stop. */
  readonly stopped: (runId: string) => Effect.Effect<void>
  /** Runs with a page waiting on their signal here now (what the service holds). */
  readonly waitingRuns: Effect.Effect<number>
}

/** Makes the stop signals, polling {@link ClusterRuns} every `interval` for as long as the scope is open. */
export const makeStopRequests = (interval: Duration.DurationInput) =>
  Effect.gen(function* () {
    const runs = yield* ClusterRuns
    // One signal per run with a page waiting on it here, dropped when its last page here stops waiting: what
    // this holds grows with the runs in flight on this runner, not with every run it ever saw.
    const signals = new Map<string, { readonly signal: Deferred.Deferred<void>; waiting: number }>()
    const enter = (runId: string) =>
      Effect.map(Deferred.make<void>(), (made) => {
        const entry = signals.get(runId) ?? { signal: made, waiting: 0 }
        entry.waiting++
        signals.set(runId, entry)
        return entry.signal
      })
    const leave = (runId: string) =>
      Effect.sync(() => {
        const entry = signals.get(runId)
        if (entry !== undefined && --entry.waiting <= 0) signals.delete(runId)
      })
    const poll = runs.stopRequested.pipe(
      Effect.flatMap((ids) =>
        Effect.forEach(ids, (id) => {
          const entry = signals.get(id)
          return entry === undefined ? Effect.void : Deferred.succeed(entry.signal, undefined)
        })
      ),
      Effect.catchAll((error) => Effect.logDebug(`stop poll failed: ${error.message}`)),
    )
    yield* Effect.forkScoped(Effect.repeat(poll, Schedule.spaced(interval)))
    return {
      stopped: (runId: string) => Effect.acquireUseRelease(enter(runId), Deferred.await, () => leave(runId)),
      waitingRuns: Effect.sync(() => signals.size),
    }
  })

/** The stop signals a runner's pages wait on. */
export class StopRequests extends Context.Tag("poolwise/StopRequests")<StopRequests, StopRequestsService>() {
  /** Polls the bookkeeping every `interval` (500 ms by default): one query per runner. */
  static readonly layerPolling = (
    interval: Duration.DurationInput = Duration.millis(500),
  ): Layer.Layer<StopRequests, never, ClusterRuns> => Layer.scoped(StopRequests, makeStopRequests(interval))
}
