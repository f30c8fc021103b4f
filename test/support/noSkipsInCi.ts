/**
 * A vitest reporter that ends every run with one plain line,
 * `vitest: N passed, N failed, N skipped`, and fails the run when CI=true and
 * any test was skipped.
 *
 * Integration tests skip themselves on a laptop without MariaDB; in CI a skip
 * would hide that the database half of the lesson never ran, so it is an error.
 */
import type { Reporter, TestModule } from "vitest/node"

export default class NoSkipsInCi implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const count = (state: "passed" | "failed" | "skipped") =>
      testModules.flatMap((module) => [...module.children.allTests(state)].map((test) => ({ module, test })))
    const skipped = count("skipped")
    const line = `vitest: ${count("passed").length} passed, ${count("failed").length} failed, ${skipped.length} skipped`
    // After vitest's own summary, so it is the run's closing line.
    process.once("exit", () => console.log(line))
    if (process.env["CI"] !== "true" || skipped.length === 0) return
    const names = skipped.map(({ module, test }) => `${module.moduleId}: ${test.fullName}`)
    console.error(`CI=true, but ${skipped.length} test(s) were skipped:\n  ${names.join("\n  ")}`)
    process.exitCode = 1
  }
}
