/**
 * Each entry exports what README's API section documents, and nothing else:
 * adding a name to an entry is a decision, made here and in README together.
 * The names are read by the TypeScript checker from the entry's source, types
 * included, as a user's editor would list them.
 */
import { describe, expect, it } from "@effect/vitest"
import { readFileSync } from "node:fs"
import { fileURLToPath } from "node:url"
import ts from "typescript"

const root = fileURLToPath(new URL("../..", import.meta.url))

/** Every entry of package.json's `exports` and the names it may export, sorted. */
const expected: Record<string, ReadonlyArray<string>> = {
  "poolwise": [
    "AdaptiveLimit",
    "AdaptiveOptions",
    "ChunkedOptions",
    "ErrorMode",
    "Input",
    "InvalidOptionError",
    "ItemOf",
    "LimitChange",
    "LiveLimit",
    "NotRunReason",
    "PooledOptions",
    "Progress",
    "ProgressMetrics",
    "ProgressSnapshot",
    "RateOptions",
    "RunOptions",
    "RunResult",
    "Runner",
    "Settled",
    "Strategy",
    "Task",
    "TaskFailure",
    "TaskNotRun",
    "TaskTimeoutError",
    "UnboundedOptions",
    "adaptive",
    "chunked",
    "chunkedStrategy",
    "liveLimit",
    "makeProgress",
    "overloaded",
    "pooled",
    "pooledStrategy",
    "successes",
    "unbounded",
    "unboundedStrategy",
    "withTaskTimeout",
  ],
  "poolwise/timeline": [
    "ChunkedVsPooled",
    "GanttOptions",
    "Outcome",
    "Recorder",
    "Span",
    "SvgComparisonOptions",
    "SvgOptions",
    "SvgPanel",
    "SvgScaleOptions",
    "SvgWords",
    "Timeline",
    "TimelineTooLargeError",
    "makeRecorder",
    "maxRenderedSpans",
    "renderChunkedVsPooled",
    "renderGantt",
    "renderSvg",
    "renderSvgComparison",
    "sliceTimeline",
    "startsByIndex",
    "withTimeline",
  ],
  "poolwise/testing": [
    "Probe",
    "ScheduleMismatch",
    "VirtualTimeExceeded",
    "VirtualTimeOptions",
    "assertDoneAt",
    "assertMakespan",
    "assertPeakInFlight",
    "assertStarts",
    "chunkedStarts",
    "greedyStarts",
    "inVirtualTime",
    "makespanOf",
    "predictTimeline",
    "sleepFor",
    "startsByLabel",
  ],
  "poolwise/fixtures": [
    "Lookup",
    "User",
    "UserId",
    "UserNotFound",
    "blogWorkload",
    "findUserWithDelay",
    "seedWorkload",
    "users",
  ],
  "poolwise/sql": [
    "DatabaseConnectionError",
    "DatabaseUrlError",
    "MysqlEndpoint",
    "MysqlFailureKind",
    "MysqlOptions",
    "describeEndpoint",
    "layerMigrations",
    "layerMysql",
    "migrate",
    "mysqlFailureKind",
    "parseDatabaseUrl",
    "redactUrl",
  ],
  "poolwise/sync": [
    "ItemDone",
    "PoolMetrics",
    "Product",
    "ProductId",
    "ProductNotFound",
    "ProductRepository",
    "RepositoryError",
    "RetryPolicy",
    "StoreConnections",
    "SupplierError",
    "SupplierStatus",
    "SupplierStatusRecord",
    "SyncOptions",
    "SyncReport",
    "decodeSupplierStatus",
    "defaultRetryPolicy",
    "listFailures",
    "noRetries",
    "retrySchedule",
    "syncProductStatus",
  ],
  "poolwise/cluster": [
    "BudgetExceeded",
    "ClusterRunStalled",
    "ClusterRuns",
    "ClusterSyncOptions",
    "PageAttempt",
    "RunnerOptions",
    "RunnerTimeline",
    "layerRunner",
    "runnerLegend",
    "runnerShardingDefaults",
    "runnerTimeline",
    "submitClusterSync",
  ],
}

const packageJson = JSON.parse(readFileSync(`${root}package.json`, "utf8")) as {
  readonly exports: Record<string, { readonly types?: string } | null | string>
}
/** `./sync` → `src/sync/index.ts`, as tsconfig's paths and the vitest aliases map it. */
const sourceOf = (entry: string) => entry === "." ? "src/index.ts" : `src/${entry.slice(2)}/index.ts`
const entries = Object.entries(packageJson.exports)
  .filter(([key, target]) => target !== null && key !== "./package.json")
  .map(([key]) => key)

const exportedNames = (() => {
  let cached: Record<string, Array<string>> | undefined
  return () => {
    if (cached !== undefined) return cached
    const files = entries.map((entry) => `${root}${sourceOf(entry)}`)
    const program = ts.createProgram(files, {
      allowImportingTsExtensions: true,
      noEmit: true,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
      skipLibCheck: true,
      types: ["node"],
    })
    const checker = program.getTypeChecker()
    cached = {}
    for (const entry of entries) {
      const symbol = checker.getSymbolAtLocation(program.getSourceFile(`${root}${sourceOf(entry)}`)!)!
      cached[entry === "." ? "poolwise" : `poolwise/${entry.slice(2)}`] = checker.getExportsOfModule(symbol)
        .map((s) => s.name)
        .sort()
    }
    return cached
  }
})()

describe("each entry exports exactly what README documents", () => {
  it("every entry of package.json has its list here, and every list an entry", () => {
    expect(Object.keys(exportedNames()).sort()).toEqual(Object.keys(expected).sort())
  })

  it("poolwise/cluster stays under a dozen names (it was 46)", () => {
    expect(exportedNames()["poolwise/cluster"]!.length).toBeLessThanOrEqual(12)
  })

  it.each(Object.keys(expected))("%s exports exactly its documented names", (entry) => {
    expect(exportedNames()[entry]).toEqual([...expected[entry]!].sort())
  })

  it.each(Object.keys(expected))("README's API section names every export of %s", (entry) => {
    const readme = readFileSync(`${root}README.md`, "utf8")
    const api = readme.slice(readme.indexOf("## API"))
    const missing = expected[entry]!.filter((name) => !new RegExp(`\\b${name}\\b`).test(api))
    expect(missing).toEqual([])
  })

  it("the root entry stays small enough to hold in mind (under 40 names)", () => {
    expect(exportedNames()["poolwise"]!.length).toBeLessThan(40)
  })
})
