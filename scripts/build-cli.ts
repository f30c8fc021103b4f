/**
 * `npm run build`'s second half: bundles the CLI (src/cli/main.ts) into
 * dist/cli/ with esbuild. `tsc` builds the library (dist/, one file per
 * module, with types); the CLI is bundled instead because a command starts
 * in a fresh process every time: `import … from "effect"` alone loads every
 * module of Effect (about half a second here), while a bundle holds only the
 * code the CLI uses. Code splitting keeps each command's work (the SQL
 * driver, the cluster, the charts) in chunks of its own, loaded by the
 * `import()` in its handler when the command is chosen: `--help` reads only
 * main.js and the parser.
 *
 * One more step makes the chunks small: the kit's sources import from
 * packages' indexes (`import { Effect, Schema } from "effect"`), and the
 * bundler keeps whole every module an index hands over by name (the index
 * re-exports each module as a namespace). Split into chunks, a module shared
 * by `--help` and a command (Schema, Stream) would then be loaded whole by
 * every start, however little of it `--help` uses. So, for the bundle only,
 * each such import is read as the module it names
 * (`import * as Schema from "effect/Schema"`: the same object), and the
 * bundler keeps only what is used. The sources stay as they are.
 */
import { build, type Plugin } from "esbuild"
import { readFileSync, rmSync } from "node:fs"
import { fileURLToPath, pathToFileURL } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))

/** The packages whose index re-exports each module as a namespace (`export * as Schema from "./Schema.js"`). */
const indexed = [
  "effect",
  "@effect/cli",
  "@effect/cluster",
  "@effect/experimental",
  "@effect/platform",
  "@effect/platform-node",
  "@effect/rpc",
  "@effect/sql",
  "@effect/sql-mysql2",
  "@effect/workflow",
]

/** For each package, the modules its index names: `Schema` → `Schema`. */
const modulesOf = (pkg: string): ReadonlyMap<string, string> =>
  new Map(
    [
      ...readFileSync(`${root}node_modules/${pkg}/dist/esm/index.js`, "utf8")
        .matchAll(/export \* as (\w+) from "\.\/(\w+)\.js"/g),
    ].map((match) => [match[1]!, match[2]!]),
  )

/** `import { A, B as C, type D, pipe } from "pkg"` → `import * as A from "pkg/A"` …, the rest kept as it was. */
export const importModules = (source: string, modules: ReadonlyMap<string, ReadonlyMap<string, string>>): string =>
  source.replace(/import \{([^}]*)\} from "((?:@effect\/)?[a-z0-9-]+)"/g, (all, list: string, pkg: string) => {
    const names = modules.get(pkg)
    if (names === undefined) return all
    const kept: Array<string> = []
    const lines: Array<string> = []
    for (const specifier of list.split(",").map((part) => part.trim()).filter((part) => part !== "")) {
      if (specifier.startsWith("type ")) continue
      const [name, alias] = specifier.split(/\s+as\s+/) as [string, string | undefined]
      const module = names.get(name)
      if (module === undefined) kept.push(specifier)
      else lines.push(`import * as ${alias ?? name} from "${pkg}/${module}"`)
    }
    if (kept.length > 0) lines.push(`import { ${kept.join(", ")} } from "${pkg}"`)
    return lines.join("; ")
  })

const moduleImports: Plugin = {
  name: "module-imports",
  setup: (build) => {
    const modules = new Map(indexed.map((pkg) => [pkg, modulesOf(pkg)]))
    const sources = new RegExp(`^${root.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}src/.*\\.ts$`)
    build.onLoad({ filter: sources }, (args) => ({
      contents: importModules(readFileSync(args.path, "utf8"), modules),
      loader: "ts",
    }))
  },
}

/** Bundles the CLI into `outdir` (emptied first: chunk names carry a hash, the last build's would stay). */
export const buildCli = async (outdir: string) => {
  rmSync(outdir, { recursive: true, force: true })
  const result = await build({
    absWorkingDir: root,
    entryPoints: ["src/cli/main.ts"],
    outdir,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    // Less to parse at every start; names are kept, so stack traces still read.
    minifyWhitespace: true,
    minifySyntax: true,
    // CommonJS dependencies (mysql2) call require(), which an ES module lacks.
    banner: {
      js: `import { createRequire as __cliRequire } from "node:module"; const require = __cliRequire(import.meta.url);`,
    },
    logLevel: "warning",
    metafile: true,
    plugins: [moduleImports],
  })
  const sizes = Object.entries(result.metafile.outputs).map(([file, output]) => ({ file, bytes: output.bytes }))
  return {
    entryBytes: sizes.find((size) => size.file.endsWith("main.js"))?.bytes ?? 0,
    chunks: sizes.length - 1,
    totalBytes: sizes.reduce((sum, size) => sum + size.bytes, 0),
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const built = await buildCli(`${root}dist/cli`)
  const kB = (bytes: number) => `${Math.round(bytes / 1024)} kB`
  console.log(
    `bundled the CLI: dist/cli/main.js ${kB(built.entryBytes)}, ${built.chunks} chunks, ${kB(built.totalBytes)} in all`,
  )
}
