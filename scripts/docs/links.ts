/**
 * The files the docs point at: relative links and images must exist, and the
 * committed pictures in docs/images/ must equal what `renderDocImages()` draws.
 */
import { existsSync, readFileSync } from "node:fs"
import { join, posix, relative } from "node:path"
import { IMAGES_DIR } from "./images.ts"
import { linkTargets, localPath } from "./markdown.ts"
import type { DocFile } from "./pages.ts"
import { firstDifferentLine, type Problem, toPosix } from "./problem.ts"

/** Relative links and images point at files or directories that exist. */
export const checkLinks = (root: string, docs: ReadonlyArray<DocFile>): Array<Problem> =>
  docs.flatMap((doc) =>
    linkTargets(doc.prose).flatMap(({ line, target }): Array<Problem> => {
      const path = localPath(target)
      if (path === undefined) return []
      const resolved = path.startsWith("/") ? join(root, path) : join(root, posix.dirname(doc.path), path)
      return existsSync(resolved) ? [] : [{
        check: "link",
        file: doc.path,
        line,
        message: `broken link: ${target} (no file at ${toPosix(relative(root, resolved))})`,
      }]
    })
  )

/** The committed pictures equal `expected` (by file name under docs/images/). */
export const checkImages = (root: string, expected: Record<string, string>): Array<Problem> =>
  Object.entries(expected).flatMap(([name, svg]): Array<Problem> => {
    const file = `${IMAGES_DIR}/${name}`
    const path = join(root, file)
    if (!existsSync(path)) {
      return [{ check: "image", file, message: "missing picture; run npm run docs:images" }]
    }
    const committed = readFileSync(path, "utf8")
    if (committed === svg) return []
    return [{
      check: "image",
      file,
      line: firstDifferentLine(committed, svg) + 1,
      message: "stale picture: it differs from what renderDocImages() draws now; run npm run docs:images",
    }]
  })
