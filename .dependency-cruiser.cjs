/**
 * The house rules, checked by `npm run deps` (and CI): one door per room.
 *
 * - No import cycles, type-only imports included.
 * - `src/internal/` sits under the public faces: an implementation imports
 *   values only from other implementations; from a public module it may take
 *   types, never values.
 * - The library never imports the CLI; the core entries (`poolwise`,
 *   `poolwise/timeline`, `poolwise/testing`) load no SQL driver, no cluster
 *   and no Node built-in, so they bundle for the browser.
 * - Tests use the public entries; only `test/internal/` reaches into
 *   `src/internal/` (and the CLI's own tests into `src/cli/`).
 */
/** @type {import("dependency-cruiser").IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "A cycle, even of types, means two modules are one idea split in two, or one is in the wrong room.",
      from: { path: "^(src|test|bench|scripts|learn|exercises)/" },
      to: { circular: true },
    },
    {
      name: "internal-takes-only-types-from-public",
      severity: "error",
      comment: "An implementation imports values from implementations only; from the public faces, types only.",
      from: { path: "^src/internal/" },
      to: { path: "^src/(?!internal/)", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "library-never-imports-the-cli",
      severity: "error",
      comment: "src/cli declares commands over the library; nothing in the library depends on it.",
      from: { path: "^src/(?!cli/)" },
      to: { path: "^src/cli/" },
    },
    {
      name: "core-loads-no-sql-or-cluster",
      severity: "error",
      comment: "poolwise, poolwise/timeline and poolwise/testing are what a service or a browser loads: no SQL driver, " +
        "no cluster, no job.",
      from: {
        path: "^src/(index\\.ts|strategies/|options/|progress/|timeline/|testing/|internal/(strategies|options|progress|timeline|testing)/|internal/defaults\\.ts)",
      },
      to: { path: "^src/(sql|sync|cluster|internal/(sql|sync|cluster))/|node_modules/(mysql2|@effect/sql|@effect/cluster)" },
    },
    {
      name: "core-runs-in-the-browser",
      severity: "error",
      comment: "The core entries import no Node built-in, so they bundle for the browser as they are.",
      from: {
        path: "^src/(index\\.ts|strategies/|options/|progress/|timeline/|testing/|internal/(strategies|options|progress|timeline|testing)/|internal/defaults\\.ts)",
      },
      to: { dependencyTypes: ["core"] },
    },
    {
      name: "tests-use-the-public-entries",
      severity: "error",
      comment: "A test imports poolwise, poolwise/sync, …; only test/internal/ tests implementation pieces directly.",
      from: { path: "^test/(?!internal/)" },
      to: { path: "^src/internal/" },
    },
    {
      name: "no-unresolvable-imports",
      severity: "error",
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(node_modules|dist|\\.tmp|docs/\\.vitepress/(cache|dist))" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".json"],
    },
    moduleSystems: ["es6", "cjs"],
  },
}
