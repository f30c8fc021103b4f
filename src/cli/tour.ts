/**
 * `npm start` with no command: the whole lesson in one run, on the embedded
 * simulated database. First the schedule (chunked vs pooled), then the
 * incident (unbounded fan-out, a pool larger than the server allows) and its fix.
 */
import { Console, Effect, Option } from "effect"
import { demoPlan, showDemo } from "./demo.ts"
import { demoLimits } from "./demoLimits.ts"
import { showSync } from "./sync.ts"
import { defaultPlan, type SyncPlan } from "./syncPlan.ts"

const simulated = (overrides: Partial<SyncPlan>): SyncPlan => defaultPlan({ products: 500, ...overrides })

const heading = (text: string) => Console.log(`\n── ${text} ${"─".repeat(Math.max(3, 80 - text.length))}\n`)

export const tour = Effect.gen(function* () {
  yield* heading("1. The schedule: chunked vs pooled, the blog's workload 100/300/200 ms, limit 2")
  const limits = demoLimits({ concurrency: Option.none(), chunkSize: Option.none() })
  yield* showDemo(demoPlan({ ...limits, durations: Option.none() }))

  yield* heading("2. The incident: every update at once, a pool as large as the batch")
  yield* showSync(simulated({ strategy: "unbounded", pool: 500 }))

  yield* heading("3. The fix: a pool of 5 connections, 10 workers")
  yield* showSync(simulated({ strategy: "pooled" }))

  yield* Console.log(
    [
      "",
      "Next: npm test (the proofs, in virtual time), docs/README.md (the walkthroughs),",
      "npm start -- demo --help, npm start -- sync --help (try --database-url mysql://… on your own server).",
    ].join("\n"),
  )
})
