/**
 * The core runs in a browser: the root entry, `poolwise/testing` and
 * `poolwise/timeline` bundle for the browser platform with no Node built-in
 * (`node:fs`, `fs`, `process`' modules, …). Each entry is bundled by esbuild
 * with `platform: "browser"`; an import of a built-in anywhere in what it
 * pulls in is reported with the file that imports it.
 *
 * `npm run check:browser` runs it (CI does); `checkBrowserBundles` is the
 * function the test drives with a fixture that imports `node:fs`.
 */
import { builtinModules } from "node:module"
import { join, relative } from "node:path"
import { build, type Plugin } from "esbuild"

/** The entries that must run in a browser, relative to the repository's root. */
export const BROWSER_ENTRIES: ReadonlyArray<string> = ["src/index.ts", "src/testing/index.ts", "src/timeline/index.ts"]

const BUILTIN = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]))

/** A Node built-in one entry reaches. */
export interface BuiltinImport {
  readonly entry: string
  readonly builtin: string
  /** The file that imports it, relative to the root. */
  readonly importer: string
}

export interface BundleReport {
  /** Minified bytes per entry, for the record. */
  readonly bytes: Record<string, number>
  readonly builtins: ReadonlyArray<BuiltinImport>
}

const recordBuiltins = (root: string, entry: string, found: Array<BuiltinImport>): Plugin => ({
  name: "poolwise-no-node-builtins",
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      const isBuiltin = BUILTIN.has(args.path) || args.path.startsWith("node:")
      if (!isBuiltin) return undefined
      found.push({ entry, builtin: args.path, importer: relative(root, args.importer).split("\\").join("/") })
      return { path: args.path, external: true }
    })
  },
})

/** Bundles each entry for the browser and lists every Node built-in it reaches. */
export const checkBrowserBundles = async (
  root: string,
  entries: ReadonlyArray<string> = BROWSER_ENTRIES,
): Promise<BundleReport> => {
  const builtins: Array<BuiltinImport> = []
  const bytes: Record<string, number> = {}
  for (const entry of entries) {
    const result = await build({
      entryPoints: [join(root, entry)],
      bundle: true,
      write: false,
      minify: true,
      format: "esm",
      platform: "browser",
      target: "es2022",
      logLevel: "silent",
      plugins: [recordBuiltins(root, entry, builtins)],
    })
    bytes[entry] = result.outputFiles.reduce((total, file) => total + file.contents.length, 0)
  }
  return { bytes, builtins }
}

/** The report as lines for a person. */
export const describeReport = (report: BundleReport): Array<string> => [
  ...Object.entries(report.bytes).map(([entry, size]) =>
    `${entry}: ${(size / 1024).toFixed(1)} KB minified for the browser`
  ),
  ...report.builtins.map(({ entry, builtin, importer }) =>
    `${entry}: imports the Node built-in "${builtin}" (in ${importer}); a browser has none`
  ),
]
