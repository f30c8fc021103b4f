/** Section 9: save to verdict in the learner's watch loop (bench/learn.ts). */
import { at, fmt, skipped, table } from "./format.ts"

export const renderLearn = (r: unknown): Array<string> => {
  const l = at(r, "learn")
  const rows = ((at(l, "perExercise") as ReadonlyArray<unknown> | undefined) ?? []).map((row) => [
    `exercise ${fmt(at(row, "exercise"))}`,
    fmt(at(row, "medianMs")),
    fmt(at(row, "maxMs")),
  ])
  return [
    `\n## 9. Save to verdict (\`npm run learn\`): ${fmt(at(l, "saves"))} saves, median ${fmt(at(l, "medianMs"))} ms, ` +
    `worst ${fmt(at(l, "maxMs"))} ms (budget 2,000 ms); the loop started in ${fmt(at(l, "startupMs"))} ms`,
    skipped(l) ?? table(["exercise saved", "median ms", "worst ms"], rows),
  ]
}
