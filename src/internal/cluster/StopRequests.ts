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
}

/** Makes the stop signals, polling {@link ClusterRuns} every `interval` for as long as the scope is open. */
export const makeStopRequests = (interval: Duration.DurationInput) =>
  Effect.gen(function* () {
    const runs = yield* ClusterRuns
    // One signal per run seen here, kept for the runner's life (issue 21: drop it when the run ends).
    const signals = new Map<string, Deferred.Deferred<void>>()
    const signalOf = (runId: string) =>
      Effect.gen(function* () {
        const known = signals.get(runId)
        if (known !== undefined) return known
        const made = yield* Deferred.make<void>()
        signals.set(runId, made)
        return made
      })
    const poll = runs.stopRequested.pipe(
      Effect.flatMap((ids) =>
        Effect.forEach(ids, (id) => Effect.flatMap(signalOf(id), (signal) => Deferred.succeed(signal, undefined)))
      ),
      Effect.catchAll((error) => Effect.logDebug(`stop poll failed: ${error.message}`)),
    )
    yield* Effect.forkScoped(Effect.repeat(poll, Schedule.spaced(interval)))
    return { stopped: (runId: string) => Effect.flatMap(signalOf(runId), Deferred.await) }
  })

/** The stop signals a runner's pages wait on. */
export class StopRequests extends Context.Tag("poolwise/StopRequests")<StopRequests, StopRequestsService>() {
  /** Polls the bookkeeping every `interval` (500 ms by default): one query per runner. */
  static readonly layerPolling = (
    interval: Duration.DurationInput = Duration.millis(500),
  ): Layer.Layer<StopRequests, never, ClusterRuns> => Layer.scoped(StopRequests, makeStopRequests(interval))
}
