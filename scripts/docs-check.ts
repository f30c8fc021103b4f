/**
 * `npm run docs:check`: fails when the docs drift from the code. See
 * scripts/docs/check.ts for what is checked and the conventions it enforces.
 */
import { Effect } from "effect"
import { checkDocs } from "./docs/check.ts"
import { formatProblem } from "./docs/problem.ts"

const problems = await Effect.runPromise(checkDocs({ root: process.cwd() }))
if (problems.length > 0) {
  for (const problem of problems) console.error(formatProblem(problem))
  console.error(`\ndocs:check found ${problems.length} problem${problems.length === 1 ? "" : "s"}`)
  process.exitCode = 1
} else {
  console.log("docs:check: docs, snippets, examples, Korean mirror, links and pictures are in sync")
}
