/**
 * A vitest reporter that fails the run when CI=true and any test was skipped.
 *
 * Integration tests skip themselves on a laptop without MariaDB; in CI a skip
 * would hide that the database half of the lesson never ran, so it is an error.
 */
import type { Reporter, TestModule } from "vitest/node"

export default class NoSkipsInCi implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    if (process.env["CI"] !== "true") return
    const skipped = testModules.flatMap((module) =>
      [...module.children.allTests("skipped")].map((test) => `${module.moduleId}: ${test.fullName}`)
    )
    if (skipped.length === 0) return
    console.error(`\nCI=true, but ${skipped.length} test(s) were skipped:\n  ${skipped.join("\n  ")}`)
    process.exitCode = 1
  }
}
