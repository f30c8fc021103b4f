import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Most files wait on timers (TestClock yields to the event loop) or on the
    // database, not on the CPU, so more workers than cores pay off. Integration
    // files are independent: each makes its own databases and users.
    maxWorkers: 4,
    minWorkers: 1,
    // Under CI=true a skipped test fails the run (see the reporter).
    reporters: ["default", "./test/support/noSkipsInCi.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
})
