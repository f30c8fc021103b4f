/**
 * The pictures of chapter 10 ("Finding N"), all from runs the tests prove:
 * the sweep of fixed limits and the adaptive limit over time from the pool
 * model (test/internal/limits/adaptiveLimit.test.ts proves it runs exactly as
 * the Effect driver does, for these very scenarios), the rate limit's and the
 * live limit's schedules recorded in virtual time.
 */
import { Effect } from "effect"
import { predictTimeline, type Probe, sleepFor } from "poolwise/testing"
import { renderSvgComparison, type Timeline } from "poolwise/timeline"
import { makeLiveLimit } from "../../src/internal/limits/liveLimit.ts"
import { simulatePool, sweepFixedLimits } from "../../src/internal/limits/poolModel.ts"
import { makeRateLimit } from "../../src/internal/limits/rateLimit.ts"
import {
  chapterAdaptive,
  dropAt,
  droppingProfile,
  dropTasks,
  sweepLimits,
  sweepTasks,
} from "../../src/internal/limits/scenarios.ts"
import { capacityAt, defaultProfile } from "../../src/internal/limits/serviceProfile.ts"
import { renderLineChart } from "../../src/internal/timeline/svgLineChart.ts"

/** Computed once per process: the model is pure, and the sweep past the hard cap is the slow part. */
const once = <A>(compute: () => A): () => A => {
  let value: { readonly result: A } | undefined
  return () => (value ??= { result: compute() }).result
}
const sweep = once(() => sweepFixedLimits(sweepTasks, defaultProfile, sweepLimits))
const adaptiveRun = once(() => simulatePool(sweepTasks, defaultProfile, chapterAdaptive))
const dropRun = once(() => simulatePool(dropTasks, droppingProfile, chapterAdaptive))

/** Makespan against the fixed limit, with the adaptive limit's makespan across it. */
export const sweepPicture = (): string => {
  const { points } = sweep()
  const adaptive = adaptiveRun()
  const seconds = (ms: number) => ms / 1_000
  return renderLineChart({
    title: `Makespan of ${sweepTasks.toLocaleString("en")} calls against the limit (C = 50, refused past 60)`,
    xLabel: "fixed limit N",
    yLabel: "s",
    yMax: 60,
    series: [
      {
        label: "fixed limit",
        color: "#4f83c2",
        dots: true,
        points: points.filter((p) => p.makespan <= 60_000).map((p) => [p.limit, seconds(p.makespan)] as const),
      },
      {
        label: `adaptive, from 1: ${seconds(adaptive.makespan)} s`,
        color: "#d0504a",
        dash: "6 4",
        points: [[0, seconds(adaptive.makespan)], [sweepLimits.at(-1)!, seconds(adaptive.makespan)]],
      },
    ],
    markers: [{ x: 50, label: "C = 50" }, { x: 60, label: "hard cap 60" }],
  })
}

/** The adaptive limit over time, with C, through the drop. */
export const adaptivePicture = (): string => {
  const run = dropRun()
  const seconds = (ms: number) => ms / 1_000
  const capacity = [0, dropAt, run.makespan].map((at) =>
    [seconds(at), capacityAt(droppingProfile, at).capacity] as const
  )
  return renderLineChart({
    title: "The adaptive limit over time (gradient, from 1): C = 50, then 25 from 10 s",
    xLabel: "virtual time (s)",
    yLabel: "limit",
    yMax: 70,
    series: [
      {
        label: "limit",
        color: "#4f83c2",
        step: true,
        points: run.limits.map((p) => [seconds(p.at), p.limit] as const),
      },
      { label: "C (the service's capacity)", color: "#8a96a3", step: true, dash: "6 4", points: capacity },
    ],
    events: { label: "refusals", color: "#d0504a", xs: run.refusedAt.map(seconds) },
  })
}

const recorded = <E>(run: (probe: Probe) => Effect.Effect<unknown, E>): Effect.Effect<Timeline> =>
  predictTimeline(run).pipe(Effect.map(([, timeline]) => timeline), Effect.orDie)

/** Ten calls of 300 ms under a limit of 10: at once, and at 5/s. */
export const ratePicture: Effect.Effect<string> = Effect.gen(function* () {
  const durations = Array<number>(10).fill(300)
  const run = (rate: string | undefined) =>
    recorded((probe) =>
      Effect.gen(function* () {
        const live = yield* makeLiveLimit(10)
        const limit = rate === undefined ? undefined : yield* makeRateLimit(rate)
        yield* Effect.forEach(
          durations,
          (ms, i) => live.withPermit((limit?.withToken ?? ((e) => e))(probe.task(sleepFor)(ms, i))),
          { concurrency: "unbounded", discard: true },
        )
      })
    )
  return renderSvgComparison([
    { title: "concurrency 10: all 10 start at once", timeline: yield* run(undefined) },
    {
      title: "concurrency 10, rate 5/s: one start every 200 ms, never more than 2 in flight",
      timeline: yield* run("5/s"),
    },
  ], { title: "Ten calls of 300 ms: a concurrency limit alone, and with a rate limit", idleLabel: "no start time yet" })
})

/** Twelve calls of 100 ms under a live limit: 2, raised to 4 at 150 ms, paused 250–450 ms and lowered to 1. */
export const livePicture: Effect.Effect<string> = Effect.gen(function* () {
  const timeline = yield* recorded((probe) =>
    Effect.gen(function* () {
      const live = yield* makeLiveLimit(2)
      const changes = Effect.all([
        Effect.zipRight(Effect.sleep(150), live.resize(4)),
        Effect.zipRight(Effect.sleep(250), live.pause),
        Effect.zipRight(Effect.sleep(350), live.resize(1)),
        Effect.zipRight(Effect.sleep(450), live.resume),
      ], { concurrency: "unbounded" })
      yield* Effect.all([
        changes,
        Effect.forEach(Array<number>(12).fill(100), (ms, i) => live.withPermit(probe.task(sleepFor)(ms, i)), {
          concurrency: "unbounded",
          discard: true,
        }),
      ], { concurrency: "unbounded" })
    })
  )
  return renderSvgComparison([{
    title: "limit 2; 4 from 150 ms; paused from 250 ms; 1 from 350 ms; resumed at 450 ms",
    timeline,
  }], { title: "Twelve calls of 100 ms under a live limit", idleLabel: "paused, then lowered" })
})
