/**
 * The stop signals a runner's pages wait on (StopRequests): a stop asked for
 * a run reaches every page of it waiting here at the next poll, and the
 * signal is dropped when the run's last page here stops waiting, so a runner
 * holds one per run in flight, not one per run it ever saw.
 */
import { describe, expect, it } from "@effect/vitest"
import { Effect, Fiber, Layer, TestClock } from "effect"
import { ClusterRuns } from "poolwise/cluster"
import { StopRequests } from "../../../src/internal/cluster/StopRequests.ts"

const stack = StopRequests.layerPolling("500 millis").pipe(Layer.provideMerge(ClusterRuns.layerMemory))
const run = (id: string) => ({ id, products: 10, pages: 1, pageSize: 10 })

describe("StopRequests: one signal per run in flight here, dropped when its pages end", () => {
  it.scoped("a stop reaches every waiting page of its run at the next poll, and then the run's signal is gone", () =>
    Effect.gen(function* () {
      const runs = yield* ClusterRuns
      const stops = yield* StopRequests
      yield* Effect.forEach(["a", "b"], (id) => runs.submit(run(id), new Date(0)))
      const waitingA = yield* Effect.all([Effect.fork(stops.stopped("a")), Effect.fork(stops.stopped("a"))])
      const waitingB = yield* Effect.fork(stops.stopped("b"))
      yield* TestClock.adjust("1 millis")
      expect(yield* stops.waitingRuns).toBe(2)
      yield* runs.requestStop("a")
      yield* TestClock.adjust("500 millis")
      yield* Effect.forEach(waitingA, Fiber.join)
      expect(yield* stops.waitingRuns).toBe(1)
      expect(waitingB.unsafePoll()).toBeNull()
      // A page that ends without a stop (its interruptWhen is interrupted) also leaves.
      yield* Fiber.interrupt(waitingB)
      expect(yield* stops.waitingRuns).toBe(0)
    }).pipe(Effect.provide(stack)))

  it.scoped("many runs stopped over a runner's life leave nothing behind once their pages ended", () =>
    Effect.gen(function* () {
      const runs = yield* ClusterRuns
      const stops = yield* StopRequests
      for (let i = 0; i < 50; i++) {
        const id = `run-${i}`
        yield* runs.submit(run(id), new Date(0))
        const page = yield* Effect.fork(stops.stopped(id))
        yield* runs.requestStop(id)
        yield* TestClock.adjust("500 millis")
        yield* Fiber.join(page)
      }
      expect(yield* stops.waitingRuns).toBe(0)
      // A page of a stopped run that starts later still sees the stop at the next poll.
      const late = yield* Effect.fork(stops.stopped("run-49"))
      yield* TestClock.adjust("500 millis")
      yield* Fiber.join(late)
      expect(yield* stops.waitingRuns).toBe(0)
    }).pipe(Effect.provide(stack)))
})
