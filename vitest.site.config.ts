import { fileURLToPath } from "node:url"
import { defineConfig } from "vitest/config"

const src = fileURLToPath(new URL("./src/", import.meta.url))

// `npm run test:site`: the built site (npm run docs:build) in a real browser. Kept out of `npm test`, which needs none.
export default defineConfig({
  resolve: {
    // The tests compute what the page must show with the kit's own public entries, from the sources.
    alias: [
      { find: /^poolwise$/, replacement: `${src}index.ts` },
      { find: /^poolwise\/(sql|sync|fixtures|testing|timeline|cluster)$/, replacement: `${src}$1/index.ts` },
    ],
  },
  test: {
    include: ["test/browser/**/*.page.ts"],
    // One Chromium at a time: two cores, shared.
    fileParallelism: false,
    reporters: ["default", "./test/support/noSkipsInCi.ts"],
    // Generous: every wait is on a condition; a loaded machine is slower, never failing.
    testTimeout: 600_000,
    hookTimeout: 1_800_000,
  },
})
