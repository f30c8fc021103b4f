/**
 * Module hooks for `npm run snippet`: a file anywhere on disk imports the kit
 * as its users do. "poolwise" and "poolwise/<entry>" resolve to this
 * repository's sources (as tsconfig.json's paths do, but from any folder),
 * and any other package the file's own folder cannot find ("effect", …)
 * resolves from this repository's node_modules. TypeScript outside a
 * package is loaded as an ES module, so top-level `await` works.
 */
const root = new URL("../", import.meta.url)
const entry = /^poolwise(?:\/([a-z]+))?$/

export async function resolve(specifier, context, nextResolve) {
  const match = entry.exec(specifier)
  if (match !== null) {
    return nextResolve(
      new URL(match[1] === undefined ? "src/index.ts" : `src/${match[1]}/index.ts`, root).href,
      context,
    )
  }
  try {
    return await nextResolve(specifier, context)
  } catch (error) {
    const bare = !specifier.startsWith(".") && !specifier.startsWith("/") && !specifier.includes(":")
    if (!bare) throw error
    return nextResolve(specifier, { ...context, parentURL: new URL("package.json", root).href })
  }
}

export function load(url, context, nextLoad) {
  const outside = url.startsWith("file:") && !url.startsWith(root.href) && /\.[mc]?ts$/.test(url)
  return nextLoad(url, outside && url.endsWith(".ts") ? { ...context, format: "module" } : context)
}
