/**
 * What the in-process cluster tests share: a simulated store whose supplier
 * counts its calls in flight, and `TestRunner`'s parts with the runner
 * registry exposed, so that the coordinator sees one registered runner.
 */
import { MessageStorage, RunnerHealth, Runners, RunnerStorage, Sharding, ShardingConfig } from "@effect/cluster"
import { Effect, Layer } from "effect"
import { ClusterRuns } from "poolwise/cluster"
import { ProductRepository, SupplierStatus } from "poolwise/sync"
import { StopRequests } from "../../../src/internal/cluster/StopRequests.ts"
import { layerSyncPage } from "../../../src/internal/cluster/SyncPage.ts"

/** The simulated store and a supplier that counts the calls in flight. */
export const counting = (products: number, latencyMs: number) => {
  const inFlight = { now: 0, most: 0 }
  const supplier = Layer.effect(
    SupplierStatus,
    Effect.map(SupplierStatus, (inner) =>
      SupplierStatus.of({
        fetch: (id) =>
          Effect.acquireUseRelease(
            Effect.sync(() => inFlight.most = Math.max(inFlight.most, ++inFlight.now)),
            () => inner.fetch(id),
            () => Effect.sync(() => inFlight.now--),
          ),
      })),
  ).pipe(Layer.provide(SupplierStatus.layerSimulated({ latency: `${latencyMs} millis` })))
  return { inFlight, layer: Layer.merge(ProductRepository.layerSimulated({ products, poolSize: 4 }), supplier) }
}

/**
 * TestRunner with its runner registry exposed: the coordinator then sees one
 * registered runner (this process) and hands out pages through its window.
 */
export const registeredTestRunner = Sharding.layer.pipe(
  Layer.provideMerge(Runners.layerNoop),
  Layer.provideMerge(MessageStorage.layerMemory),
  Layer.provideMerge(Layer.merge(RunnerStorage.layerMemory, RunnerHealth.layerNoop)),
  Layer.provideMerge(ShardingConfig.layer()),
)

/** `ClusterRuns` in memory, telling `started` and `ended` of each attempt: to count the pages a runner holds. */
export const watchedRuns = (started: (page: number) => void, ended: () => void) =>
  Layer.effect(
    ClusterRuns,
    Effect.map(ClusterRuns, (runs) => ({
      ...runs,
      startAttempt: (runId: string, page: number, runner: string) =>
        Effect.tap(runs.startAttempt(runId, page, runner), () => Effect.sync(() => started(page))),
      endAttempt: (attempt: number, updated: number, failed: number) =>
        Effect.tap(runs.endAttempt(attempt, updated, failed), () => Effect.sync(ended)),
    })),
  ).pipe(Layer.provideMerge(ClusterRuns.layerMemory))

/** The page entity (8 workers, 10 pages at once) on the registered test runner, over `store`, with `runs`. */
export const pagesOver = <S, E1, R1, E2, R2>(
  store: Layer.Layer<S, E1, R1>,
  runs: Layer.Layer<ClusterRuns, E2, R2>,
) =>
  layerSyncPage({ concurrency: 8, pagesAtOnce: 10 }).pipe(
    Layer.provide(StopRequests.layerPolling()),
    Layer.provideMerge(registeredTestRunner),
    Layer.provideMerge(store),
    Layer.provideMerge(runs),
  )
