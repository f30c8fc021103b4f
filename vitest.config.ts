import { defineConfig } from "vitest/config"

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Integration tests share one MariaDB; each file makes its own database,
    // but server-wide counters (processlist) read cleaner one file at a time.
    fileParallelism: false,
    testTimeout: 30_000,
    hookTimeout: 60_000
  }
})
