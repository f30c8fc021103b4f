import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const src = fileURLToPath(new URL("./src/", import.meta.url))

export default defineConfig({
  resolve: {
    // Tests import the kit as its users do: "poolwise", "poolwise/sync", … (the
    // same entries as package.json `exports`, read from the sources).
    alias: [
      { find: /^poolwise$/, replacement: `${src}index.ts` },
      { find: /^poolwise\/(sql|sync|fixtures|testing|timeline|cluster)$/, replacement: `${src}$1/index.ts` },
    ],
  },
  test: {
    include: ["test/**/*.test.ts"],
    // Type tests (test/types/*.test-d.ts) are type-checked by tsc, not run: they
    // pin the runners' overloads. The spawn limit is generous for a loaded machine.
    typecheck: {
      enabled: true,
      include: ["test/types/**/*.test-d.ts"],
      tsconfig: "./test/types/tsconfig.json",
      spawnTimeout: 120_000,
    },
    // Most files wait on timers (TestClock yields to the event loop) or on the
    // database, not on the CPU, so more workers than cores pay off. Integration
    // files are independent: each makes its own databases and users.
    maxWorkers: 4,
    minWorkers: 1,
    // Under CI=true a skipped test fails the run (see the reporter).
    reporters: ["default", "./test/support/noSkipsInCi.ts"],
    // Generous: a test that hangs still fails, and a loaded 2-core CI machine never does.
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
})
