/**
 * What the site's playground costs per edit, in Node: its whole recompute
 * (`predict` from docs/.vitepress/playground/compute.ts: the kit's chunked and
 * pooled under TestClock, then both pictures drawn) at the sizes the page
 * offers, and the kit's part alone (both runs in virtual time, no picture) at
 * 10× and 100× the 200 tasks the browser test uses, to show it stays linear.
 * Medians after warm-up. The browser's own figure comes from
 * `npm run test:site` (.tmp/site-screenshots/recompute.json).
 */
import { Effect } from "effect"
import { chunked, pooled } from "poolwise"
import { predictTimeline, sleepFor } from "poolwise/testing"
import { predict } from "../docs/.vitepress/playground/compute.ts"
import { stringsFor } from "../docs/.vitepress/playground/strings.ts"
import { median, round } from "./lib/stats.ts"

/** Durations of 20–400 ms, the same on every run. */
const durationsOf = (count: number): Array<number> => Array.from({ length: count }, (_, i) => 20 + ((i * 37) % 39) * 10)

/** Wall-clock and CPU milliseconds of `work`: on a busy machine the CPU time is the steadier figure. */
const timeMs = async (work: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number }> => {
  const cpuBefore = process.cpuUsage()
  const start = performance.now()
  await work()
  const { user, system } = process.cpuUsage(cpuBefore)
  return { ms: performance.now() - start, cpuMs: (user + system) / 1000 }
}

const medianOf = async (rounds: number, work: () => Promise<unknown>): Promise<{ ms: number; cpuMs: number }> => {
  await work()
  const times: Array<{ ms: number; cpuMs: number }> = []
  for (let i = 0; i < rounds; i++) times.push(await timeMs(work))
  return {
    ms: round(median(times.map((time) => time.ms)), 1),
    cpuMs: round(median(times.map((time) => time.cpuMs)), 1),
  }
}

const kitOnly = (durations: ReadonlyArray<number>, limit: number) =>
  Effect.runPromise(Effect.zip(
    predictTimeline((probe) => pooled(durations, probe.task(sleepFor), { concurrency: limit })),
    predictTimeline((probe) => chunked(durations, probe.task(sleepFor), { chunkSize: limit })),
  ))

export const playground = async (quick: boolean) => {
  const rounds = quick ? 3 : 7
  const strings = stringsFor("en")
  const recompute = []
  for (const tasks of [3, 24, 200]) {
    const input = { durations: durationsOf(tasks).join(", "), limit: "3", chunkSize: "" }
    recompute.push({ tasks, ...(await medianOf(rounds, () => Effect.runPromise(predict(input, strings)))) })
  }
  const scaling = []
  for (const tasks of quick ? [200, 2_000] : [200, 2_000, 20_000]) {
    const { ms, cpuMs } = await medianOf(tasks >= 20_000 ? 1 : rounds, () => kitOnly(durationsOf(tasks), 10))
    scaling.push({ tasks, ms, cpuMs, cpuUsPerTask: round((cpuMs * 1000) / tasks, 1) })
  }
  return { limit: 3, recompute, scaling }
}
