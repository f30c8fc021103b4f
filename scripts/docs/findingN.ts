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
import { stringsFor } from "../../docs/.vitepress/playground/strings.ts"

/** The pictures' languages: English (docs/images/) and Korean (docs/images/ko/). */
export type Lang = "en" | "ko"

/** The words of chapter 10's pictures, per language. */
const words = {
  en: {
    sweepTitle: (calls: string) => `Makespan of ${calls} calls against the limit (C = 50, refused past 60)`,
    fixedLimitN: "fixed limit N",
    fixedLimit: "fixed limit",
    adaptiveFrom1: (s: number) => `adaptive, from 1: ${s} s`,
    hardCap: "hard cap 60",
    adaptiveTitle: "The adaptive limit over time (gradient, from 1): C = 50, then 25 from 10 s",
    virtualTime: "virtual time (s)",
    limit: "limit",
    capacity: "C (the service's capacity)",
    refusals: "refusals",
    rateAlone: "concurrency 10: all 10 start at once",
    rateLimited: "concurrency 10, rate 5/s: one start every 200 ms, never more than 2 in flight",
    rateTitle: "Ten calls of 300 ms: a concurrency limit alone, and with a rate limit",
    rateIdle: "no start time yet",
    livePanel: "limit 2; 4 from 150 ms; paused from 250 ms; 1 from 350 ms; resumed at 450 ms",
    liveTitle: "Twelve calls of 100 ms under a live limit",
    liveIdle: "paused, then lowered",
  },
  ko: {
    sweepTitle: (calls: string) => `고정 상한에 따른 호출 ${calls}개의 makespan (C = 50, 60을 넘으면 거절)`,
    fixedLimitN: "고정 상한 N",
    fixedLimit: "고정 상한",
    adaptiveFrom1: (s: number) => `적응형, 1부터: ${s} s`,
    hardCap: "하드 캡 60",
    adaptiveTitle: "시간에 따른 적응형 상한 (gradient, 1부터): C = 50, 10 s부터 25",
    virtualTime: "가상 시간 (s)",
    limit: "상한",
    capacity: "C (서비스의 수용량)",
    refusals: "거절",
    rateAlone: "동시 실행 수 10: 열 개가 한꺼번에 시작",
    rateLimited: "동시 실행 수 10, 속도 5/s: 200 ms마다 하나씩 시작, 실행 중은 많아야 2개",
    rateTitle: "300 ms 호출 열 개: 동시 실행 상한만, 그리고 속도 제한과 함께",
    rateIdle: "아직 시작 차례가 아님",
    livePanel: "상한 2; 150 ms부터 4; 250 ms부터 멈춤; 350 ms부터 1; 450 ms에 재개",
    liveTitle: "라이브 상한 아래의 100 ms 호출 열두 개",
    liveIdle: "멈춤, 그다음 낮춤",
  },
} as const satisfies Record<Lang, unknown>

/** Computed once per process: the model is pure, and the sweep past the hard cap is the slow part. */
const once = <A>(compute: () => A): () => A => {
  let value: { readonly result: A } | undefined
  return () => (value ??= { result: compute() }).result
}
const sweep = once(() => sweepFixedLimits(sweepTasks, defaultProfile, sweepLimits))
const adaptiveRun = once(() => simulatePool(sweepTasks, defaultProfile, chapterAdaptive))
const dropRun = once(() => simulatePool(dropTasks, droppingProfile, chapterAdaptive))

/** Makespan against the fixed limit, with the adaptive limit's makespan across it. */
export const sweepPicture = (lang: Lang = "en"): string => {
  const t = words[lang]
  const { points } = sweep()
  const adaptive = adaptiveRun()
  const seconds = (ms: number) => ms / 1_000
  return renderLineChart({
    title: t.sweepTitle(sweepTasks.toLocaleString("en")),
    xLabel: t.fixedLimitN,
    yLabel: "s",
    yMax: 60,
    series: [
      {
        label: t.fixedLimit,
        color: "#4f83c2",
        dots: true,
        points: points.filter((p) => p.makespan <= 60_000).map((p) => [p.limit, seconds(p.makespan)] as const),
      },
      {
        label: t.adaptiveFrom1(seconds(adaptive.makespan)),
        color: "#d0504a",
        dash: "6 4",
        points: [[0, seconds(adaptive.makespan)], [sweepLimits.at(-1)!, seconds(adaptive.makespan)]],
      },
    ],
    markers: [{ x: 50, label: "C = 50" }, { x: 60, label: t.hardCap }],
  })
}

/** The adaptive limit over time, with C, through the drop. */
export const adaptivePicture = (lang: Lang = "en"): string => {
  const t = words[lang]
  const run = dropRun()
  const seconds = (ms: number) => ms / 1_000
  const capacity = [0, dropAt, run.makespan].map((at) =>
    [seconds(at), capacityAt(droppingProfile, at).capacity] as const
  )
  return renderLineChart({
    title: t.adaptiveTitle,
    xLabel: t.virtualTime,
    yLabel: t.limit,
    yMax: 70,
    series: [
      {
        label: t.limit,
        color: "#4f83c2",
        step: true,
        points: run.limits.map((p) => [seconds(p.at), p.limit] as const),
      },
      { label: t.capacity, color: "#8a96a3", step: true, dash: "6 4", points: capacity },
    ],
    events: { label: t.refusals, color: "#d0504a", xs: run.refusedAt.map(seconds) },
  })
}

const recorded = <E>(run: (probe: Probe) => Effect.Effect<unknown, E>): Effect.Effect<Timeline> =>
  predictTimeline(run).pipe(Effect.map(([, timeline]) => timeline), Effect.orDie)

/** Ten calls of 300 ms under a limit of 10: at once, and at 5/s. */
export const ratePicture = (lang: Lang = "en"): Effect.Effect<string> =>
  Effect.gen(function* () {
    const t = words[lang]
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
      { title: t.rateAlone, timeline: yield* run(undefined) },
      { title: t.rateLimited, timeline: yield* run("5/s") },
    ], { title: t.rateTitle, idleLabel: t.rateIdle, words: stringsFor(lang).svgWords })
  })

/** Twelve calls of 100 ms under a live limit: 2, raised to 4 at 150 ms, paused 250–450 ms and lowered to 1. */
export const livePicture = (lang: Lang = "en"): Effect.Effect<string> =>
  Effect.gen(function* () {
    const t = words[lang]
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
    return renderSvgComparison([{ title: t.livePanel, timeline }], {
      title: t.liveTitle,
      idleLabel: t.liveIdle,
      words: stringsFor(lang).svgWords,
    })
  })
