/**
 * `poolwise/cluster` as a user meets it, without a server: the client that
 * submits a run and gives up when no runner answers, the refusals of bad
 * options before any work (the client records nothing, the runner connects to
 * nothing), and the budget's message. Runs on real runner processes are in
 * test/integration/cluster.test.ts; the cluster's inside (the page entity,
 * the coordinator, placement) in test/internal/cluster/.
 */
import { describe, expect, it } from "@effect/vitest"
import { Clock, Duration, Effect, Fiber, Layer, Option, Redacted, Ref, Stream, TestClock } from "effect"
import { BudgetExceeded, ClusterRuns, ClusterRunStalled, layerRunner, submitClusterSync } from "poolwise/cluster"
import { makeProgress } from "poolwise"
import { SupplierStatus } from "poolwise/sync"

/** Runs `effect` forked and moves TestClock in steps of `step` until it is done. */
const settleInSteps = <A, E, R>(effect: Effect.Effect<A, E, R>, step: Duration.DurationInput, steps = 2_000) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    for (let i = 0; i < steps; i++) {
      if (Option.isSome(yield* Fiber.poll(fiber))) break
      yield* TestClock.adjust(step)
    }
    return yield* Fiber.join(fiber)
  })

describe("submitClusterSync: the client follows a run to its report, and gives up rather than wait forever", () => {
  it.effect("with no runner alive the client gives up after its timeout with ClusterRunStalled, the run kept", () =>
    Effect.gen(function* () {
      const lonely = Layer.effect(
        ClusterRuns,
        Effect.map(ClusterRuns, (runs) => ({ ...runs, liveRunners: Effect.succeed(0) })),
      ).pipe(Layer.provide(ClusterRuns.layerMemory))
      const { error, pending } = yield* Effect.gen(function* () {
        const error = yield* settleInSteps(
          submitClusterSync({ products: 10, noRunnerTimeout: "5 seconds" }).pipe(Effect.flip),
          "500 millis",
        )
        return { error, pending: yield* Effect.flatMap(ClusterRuns, (runs) => runs.pending) }
      }).pipe(Effect.provide(lonely))
      expect(error).toBeInstanceOf(ClusterRunStalled)
      expect(error.message).toContain("no runner has been alive for 5s")
      expect(pending.map((run) => run.products)).toEqual([10])
    }))

  it.effect.each(
    [
      [{ products: 2_000 }, { pageSize: 25, pages: 80 }],
      [{ products: 10_000 }, { pageSize: 25, pages: 400 }],
      [{ products: 100_000 }, { pageSize: 250, pages: 400 }],
      [{ products: 1_000_001 }, { pageSize: 2_501, pages: 400 }],
      [{ products: 100_000, pageSize: 25 }, { pageSize: 25, pages: 4_000 }],
    ] as const,
  )(
    "submitClusterSync(%o) records pages of 25, larger only so a run never has more than 400",
    ([options, cut]) =>
      Effect.gen(function* () {
        const runs = yield* ClusterRuns
        const client = yield* Effect.fork(submitClusterSync(options))
        yield* TestClock.adjust("1 millis")
        const [run] = yield* runs.pending
        yield* Fiber.interrupt(client)
        expect({ pageSize: run?.pageSize, pages: run?.pages }).toEqual(cut)
      }).pipe(Effect.provide(ClusterRuns.layerMemory)),
  )

  it.effect("pages that keep ending count as a live runner: no ClusterRunStalled while the run moves, though no registration is fresh", () =>
    Effect.gen(function* () {
      // No runner's registration is fresh (a loaded machine delays its refresh), but a page ends every 4 s for 30 s.
      const laggingHeartbeats = Layer.effect(
        ClusterRuns,
        Effect.map(ClusterRuns, (runs) => ({
          ...runs,
          liveRunners: Effect.succeed(0),
          follow: () =>
            Effect.map(Clock.currentTimeMillis, (now) => {
              const pagesDone = Math.floor(Math.min(now, 30_000) / 4_000)
              return { progress: { pagesDone, updated: pagesDone * 10, failed: 0 }, report: Option.none() }
            }),
        })),
      ).pipe(Layer.provide(ClusterRuns.layerMemory))
      const { error, at } = yield* settleInSteps(
        submitClusterSync({ products: 10_000, noRunnerTimeout: "5 seconds" }).pipe(
          Effect.flip,
          Effect.zip(Clock.currentTimeMillis),
          Effect.map(([error, at]) => ({ error, at })),
        ),
        "250 millis",
      ).pipe(Effect.provide(laggingHeartbeats))
      expect(error).toBeInstanceOf(ClusterRunStalled)
      // The last page ended at 28 s: the client gave up 5 s of silence later, not 5 s after it started.
      expect(at).toBeGreaterThanOrEqual(33_000)
      expect(at).toBeLessThanOrEqual(34_000)
    }))

  it.effect("resuming a run makes the tracker's total the run's own product count, not `products`", () =>
    Effect.gen(function* () {
      const runs = yield* ClusterRuns
      const first = yield* Effect.fork(submitClusterSync({ products: 10, runId: "run-total" }))
      yield* TestClock.adjust("1 millis")
      yield* Fiber.interrupt(first)
      expect((yield* runs.pending).map((run) => run.products)).toEqual([10])
      // `--products` left at its default while the run resumed has its own count.
      const progress = yield* makeProgress(1_000)
      const resumed = yield* Effect.fork(submitClusterSync({ products: 1_000, resume: "run-total", progress }))
      yield* TestClock.adjust("1 millis")
      expect(yield* progress.snapshot).toMatchObject({ total: 10, finished: 0, percent: 0 })
      yield* Fiber.interrupt(resumed)
    }).pipe(Effect.provide(ClusterRuns.layerMemory)))

  it.effect("the tracker moves by whole pages in one step each: a page of 20 updated and 5 failed is one change, not 50", () =>
    Effect.gen(function* () {
      // One page ends at 1 s; the report is stored at 2 s.
      const onePage = Layer.effect(
        ClusterRuns,
        Effect.map(ClusterRuns, (runs) => ({
          ...runs,
          follow: (runId: string) =>
            Effect.map(Clock.currentTimeMillis, (now) => ({
              progress: now < 1_000
                ? { pagesDone: 0, updated: 0, failed: 0 }
                : { pagesDone: 1, updated: 20, failed: 5 },
              report: now < 2_000 ? Option.none() : Option.some({
                strategy: "pooled" as const,
                limit: 20,
                write: "row" as const,
                batchSize: 1,
                products: 25,
                updated: 20,
                failed: 5,
                alreadySynced: 0,
                failures: [],
                statements: 25,
                retries: 0,
                outages: 0,
                elapsedMs: 2_000,
                peakConnections: 1,
                runId,
                resumed: false,
              }),
            })),
        })),
      ).pipe(Layer.provide(ClusterRuns.layerMemory))
      const progress = yield* makeProgress(25)
      const changes = yield* Ref.make(0)
      yield* Effect.fork(Stream.runForEach(progress.changes, () => Ref.update(changes, (n) => n + 1)))
      yield* TestClock.adjust("1 millis")
      const report = yield* settleInSteps(submitClusterSync({ products: 25, progress }), "100 millis").pipe(
        Effect.provide(onePage),
      )
      expect(report).toMatchObject({ updated: 20, failed: 5 })
      expect(yield* progress.snapshot).toMatchObject({ started: 25, succeeded: 20, failed: 5, inFlight: 0 })
      // The first snapshot, then one change for the page.
      expect(yield* Ref.get(changes)).toBe(2)
    }))

  it.effect("a stop that no runner answers ends the client after its stop timeout, not never", () =>
    Effect.gen(function* () {
      // Runners count as alive (the in-memory bookkeeping), but none works: the report never comes.
      const error = yield* settleInSteps(
        submitClusterSync({ products: 10, interruptWhen: Effect.sleep("1 second"), stopTimeout: "10 seconds" }).pipe(
          Effect.flip,
        ),
        "500 millis",
      ).pipe(Effect.provide(ClusterRuns.layerMemory))
      expect(error).toBeInstanceOf(ClusterRunStalled)
      expect(error.message).toContain("asked to stop, but no report came within 10s")
    }))
})

describe("bad options are refused before any work, naming the option", () => {
  it.effect.each(
    [
      [{ products: 0 }, `Invalid option "products": expected a whole number ≥ 1, got 0`],
      [{ products: 10, pageSize: 2.5 }, `Invalid option "pageSize": expected a whole number ≥ 1, got 2.5`],
      [{ products: 10, pollInterval: -1 }, `Invalid option "pollInterval": expected a finite duration ≥ 0`],
      [{ products: 10, stopTimeout: "-5 seconds" }, `Invalid option "stopTimeout": expected a finite duration ≥ 0`],
      [{ products: 10, runId: "a b" }, `Invalid option "runId"`],
      [{ products: 10, resume: "a b" }, `Invalid option "resume"`],
      [{ products: 10, resume: "never-submitted" }, `Invalid option "resume": no cluster run has this id`],
    ] as const,
  )("submitClusterSync(%o) is refused and records no run", ([options, message]) =>
    Effect.gen(function* () {
      const runs = yield* ClusterRuns
      const error = yield* Effect.flip(submitClusterSync(options))
      expect(error.message).toContain(message)
      expect(yield* runs.pending).toEqual([])
    }).pipe(Effect.provide(ClusterRuns.layerMemory)))

  // Nothing listens on port 1: a runner that connected before checking would fail with a connection error instead.
  const runnerWith = (options: { readonly port?: number; readonly clusterPool?: number; readonly pool?: number }) =>
    Effect.scoped(Layer.build(
      layerRunner({
        url: Redacted.make("mysql://root@127.0.0.1:1/none"),
        host: "127.0.0.1",
        port: 34431,
        pool: 2,
        concurrency: 4,
        serverWait: Duration.zero,
        ...options,
      }).pipe(Layer.provide(SupplierStatus.layerSimulated())),
    ))

  it.effect.each(
    [
      [{ clusterPool: 1 }, `Invalid option "clusterPool": expected a whole number ≥ 2, got 1`],
      [{ port: 70_000 }, `Invalid option "port": expected a whole number from 1 to 65535, got 70000`],
      [{ pool: 0 }, `Invalid option "pool": expected a whole number ≥ 1, got 0`],
    ] as const,
  )("layerRunner(%o) is refused before it connects to the database", ([options, message]) =>
    Effect.gen(function* () {
      const error = yield* Effect.flip(runnerWith(options))
      expect(error).toMatchObject({ _tag: "InvalidOptionError" })
      expect(error.message).toBe(message)
    }))
})

describe("the connection budget", () => {
  it("a refusal shows the arithmetic: registered runners, this runner, the client, against the budget", () => {
    const error = new BudgetExceeded({
      budget: 12,
      budgetSource: "the account's max_user_connections",
      registered: [{ runner: "a:1", jobPool: 2, clusterPool: 2 }, { runner: "b:1", jobPool: 2, clusterPool: 2 }],
      runner: { runner: "c:1", jobPool: 2, clusterPool: 2 },
    })
    expect(error).toBeInstanceOf(BudgetExceeded)
    expect(error.message).toContain("(8) + this runner 2 job + 2 cluster (4) + 1 for the client = 13 > budget 12")
  })
})
