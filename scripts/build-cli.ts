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
 */
import { build } from "esbuild"
import { rmSync } from "node:fs"
import { fileURLToPath, pathToFileURL } from "node:url"

const root = fileURLToPath(new URL("..", import.meta.url))

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
