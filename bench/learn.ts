/**
 * Section 9: from a save to the verdict in the learner's watch loop
 * (`npm run learn`). The loop runs as a learner starts it (Node with tsx, a
 * copy of the exercises); each round writes an exercise file (alternately
 * its solution and its stub, so every save changes the verdict) and times
 * until the new verdict is printed. Medians and the worst case, per exercise
 * and over all saves. Reported, never judged: the budget is 2 s.
 */
import { spawn } from "node:child_process"
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs"
import os from "node:os"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { max, median, round } from "./lib/stats.ts"

const root = fileURLToPath(new URL("..", import.meta.url))

/** Exercises of every size of check: a 40-task schedule, a pool by hand, an ordered stream, a simulated histogram. */
const measured = [
  { number: 1, file: "01-cap-the-fan-out.ts" },
  { number: 5, file: "05-a-pool-by-hand.ts" },
  { number: 10, file: "10-stream-ordered-or-not.ts" },
  { number: 17, file: "17-read-the-histogram.ts" },
] as const

const verdicts = /✓ Solved!|✗ Not yet|◌ Not started|✗ It does not run/g

export const saveToVerdict = async (quick: boolean) => {
  const saves = quick ? 4 : 12
  const dir = mkdtempSync(join(os.tmpdir(), "poolwise-bench-learn-"))
  const exercises = join(dir, "exercises")
  cpSync(join(root, "exercises"), exercises, { recursive: true })
  const child = spawn(process.execPath, ["--import", "tsx", "learn/main.ts", "--dir", exercises, "--lang", "en"], {
    cwd: root,
    env: { ...process.env, NO_COLOR: "1" },
    stdio: ["pipe", "pipe", "pipe"],
  })
  let output = ""
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()))
  const countVerdicts = () => output.match(verdicts)?.length ?? 0
  const nextVerdict = async (seen: number, limitMs = 60_000): Promise<void> => {
    const started = performance.now()
    while (countVerdicts() <= seen) {
      if (performance.now() - started > limitMs) throw new Error(`no verdict within ${limitMs / 1000} s`)
      await new Promise((resolve) => setImmediate(resolve))
    }
  }
  try {
    const startedAt = performance.now()
    await nextVerdict(0, 120_000)
    const startupMs = performance.now() - startedAt
    const perExercise: Array<{ readonly exercise: number; readonly medianMs: number; readonly maxMs: number }> = []
    const all: Array<number> = []
    for (const { number, file } of measured) {
      const seen = countVerdicts()
      child.stdin.write(`start ${number}\n`)
      await nextVerdict(seen)
      const texts = [readFileSync(join(root, "solutions", file)), readFileSync(join(root, "exercises", file))]
      const times: Array<number> = []
      for (let round = 0; round < saves; round++) {
        // Let the previous burst of file events settle, as between a learner's saves.
        await new Promise((resolve) => setTimeout(resolve, 150))
        const before = countVerdicts()
        const saved = performance.now()
        writeFileSync(join(exercises, file), texts[round % 2]!)
        await nextVerdict(before)
        times.push(performance.now() - saved)
      }
      all.push(...times)
      perExercise.push({ exercise: number, medianMs: round(median(times), 0), maxMs: round(max(times), 0) })
    }
    return {
      saves: all.length,
      startupMs: round(startupMs, 0),
      medianMs: round(median(all), 0),
      maxMs: round(max(all), 0),
      perExercise,
      loadAverage: os.loadavg().map((l) => round(l)),
    }
  } finally {
    child.stdin.end("quit\n")
    child.kill()
    rmSync(dir, { recursive: true, force: true })
  }
}
