/**
 * Section 11: finding N (chapter 10). The sweep of fixed limits against the
 * simulated service (C = 50, 100 ms, refusals past 60) and the adaptive limit
 * over the same 10,000 calls, from the pure model the tests prove equal to a
 * real pool (exact, virtual time); then the rate limit's accuracy at 1,000/s:
 * starts per 1 s window through `pooled`, in virtual time and on the live clock.
 */
import { Clock, Effect } from "effect"
import { pooled } from "poolwise"
import { inVirtualTime } from "poolwise/testing"
import { simulatePool, sweepFixedLimits } from "../src/internal/limits/poolModel.ts"
import { chapterAdaptive, sweepLimits, sweepTasks } from "../src/internal/limits/scenarios.ts"
import { defaultProfile } from "../src/internal/limits/serviceProfile.ts"
import { worstWindow } from "../src/internal/limits/rateLimit.ts"

/** `count` instant tasks through `pooled` at `rate`, 100 slots: their start times (ms since the first). */
const startsAt = (count: number, rate: string) =>
  Effect.gen(function* () {
    const starts: Array<number> = []
    const stamp = Effect.flatMap(Clock.currentTimeMillis, (now) => Effect.sync(() => starts.push(now)))
    yield* pooled(Array.from({ length: count }), () => stamp, { concurrency: 100, rate })
    const first = starts[0] ?? 0
    return starts.map((at) => at - first)
  })

const accuracy = (starts: ReadonlyArray<number>, perSecond: number) => {
  const spanMs = starts.at(-1)! - starts[0]!
  return {
    starts: starts.length,
    spanMs,
    meanPerSecond: Math.round((starts.length - 1) / (spanMs / 1_000)),
    worstWindow: worstWindow(starts, 1_000),
    limit: perSecond,
  }
}

export const limits = async (quick: boolean) => {
  const sweep = sweepFixedLimits(sweepTasks, defaultProfile, sweepLimits)
  const run = simulatePool(sweepTasks, defaultProfile, chapterAdaptive)
  const last = run.limits.at(-1)!.limit
  // Settled: from the last time the limit entered ±20 % of C and stayed.
  let settledAt: number | undefined
  for (const point of run.limits) {
    const inside = point.limit >= 0.8 * defaultProfile.capacity && point.limit <= 1.2 * defaultProfile.capacity
    if (!inside) settledAt = undefined
    else settledAt ??= point.at
  }
  const virtualStarts = await Effect.runPromise(inVirtualTime(startsAt(10_000, "1000/s")))
  const liveSeconds = quick ? 2 : 5
  const liveStarts = await Effect.runPromise(startsAt(liveSeconds * 1_000, "1000/s"))
  return {
    tasks: sweepTasks,
    capacity: defaultProfile.capacity,
    best: sweep.best,
    adaptive: {
      makespanMs: run.makespan,
      ratio: Math.round((run.makespan / sweep.best.makespan) * 1_000) / 1_000,
      settledLimit: last,
      settledAtMs: settledAt ?? null,
      refusals: run.refusals,
      refusalsAfterSettling: settledAt === undefined ? null : run.refusedAt.filter((at) => at > settledAt!).length,
    },
    rate: { virtual: accuracy(virtualStarts, 1_000), live: accuracy(liveStarts, 1_000) },
  }
}
