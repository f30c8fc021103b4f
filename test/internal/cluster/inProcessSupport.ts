/**
 * What the in-process cluster tests share: a simulated store whose supplier
 * counts its calls in flight, and `TestRunner`'s parts with the runner
 * registry exposed, so that the coordinator sees one registered runner.
 */
import { MessageStorage, RunnerHealth, Runners, RunnerStorage, Sharding, ShardingConfig } from "@effect/cluster"
import { Effect, Layer } from "effect"
import { ProductRepository, SupplierStatus } from "poolwise/sync"

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
