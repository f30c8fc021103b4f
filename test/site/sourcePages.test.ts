import { describe, expect, it } from "@effect/vitest"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { linkedSources, sourceRoutes } from "../../docs/.vitepress/site/sourcePages.ts"

const repo = resolve(import.meta.dirname, "../..")

/** A small repository: pages under docs/ (and docs/ko/) linking files outside docs/. */
const repositoryOf = (name: string, files: Record<string, string>): string => {
  const root = join(repo, ".tmp/site-sources", name)
  rmSync(root, { recursive: true, force: true })
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true })
    writeFileSync(join(root, path), text)
  }
  return root
}

describe("source pages: the files outside docs/ that the pages link to", () => {
  const root = repositoryOf("basic", {
    "docs/01-a.md": "# A\n\n[the proof](../test/a.test.ts), [the tests](../test/) and [gone](../test/missing.ts)\n",
    "docs/ko/01-a.md": "# 가\n\n[증명](../../test/a.test.ts) ![그림](../../bench/pic.svg)\n",
    "docs/.vitepress/notes.md": "[not a page](../../src/secret.ts)\n",
    "test/a.test.ts": 'const fence = "```"\n',
    "test/b.test.ts": "export {}\n",
    "src/secret.ts": "export {}\n",
    "bench/pic.svg": "<svg/>\n",
  })

  it("are the linked files and folders that exist, from the pages only (not dot folders, not pictures)", () => {
    expect(linkedSources(root)).toEqual(["test/", "test/a.test.ts"])
  })

  it("show each file in a fence longer than any backtick run in it, and list a folder's files", () => {
    const routes = sourceRoutes(root, "")
    expect(routes.map((route) => route.params.file)).toEqual(["test/a.test.ts", "test/b.test.ts", "test/index"])
    expect(routes[0]!.content).toContain('\n````ts\nconst fence = "```"\n````\n')
    expect(routes[2]!.content).toContain("- [a.test.ts](/test/a.test.ts)\n- [b.test.ts](/test/b.test.ts)")
  })

  it("say what they are in the page's language", () => {
    expect(sourceRoutes(root, "/ko")[0]!.content).toContain("저장소 파일")
    expect(sourceRoutes(root, "")[0]!.content).toContain("A file of the poolwise repository")
  })
})
