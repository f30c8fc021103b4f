import { describe, expect, it } from "@effect/vitest"
import { mkdirSync, rmSync, writeFileSync } from "node:fs"
import { join, resolve } from "node:path"
import { readSections, titleOf } from "../../docs/.vitepress/site/chapters.ts"

const repo = resolve(import.meta.dirname, "../..")

const folderOf = (name: string, files: Record<string, string>): string => {
  const dir = join(repo, ".tmp/site-chapters", name)
  rmSync(dir, { recursive: true, force: true })
  mkdirSync(dir, { recursive: true })
  for (const [file, text] of Object.entries(files)) writeFileSync(join(dir, file), text)
  return dir
}

describe("the sidebar is read from the files", () => {
  it("chapters go by their number (10 after 9), reference pages by name; the index and the playground have their own place", () => {
    const dir = folderOf("order", {
      "README.md": "# Index\n",
      "playground.md": "# Playground\n",
      "10-finding-n.md": "# 10. Finding N\n",
      "09-effects-own-tools.md": "# 9. Effect's own tools\n",
      "01-the-incident.md": "# 1. The incident\n",
      "glossary.md": "# Glossary\n",
      "benchmarks.md": "# Benchmarks\n",
    })
    const sections = readSections(dir, "/ko")
    expect(sections.chapters.map((page) => page.link)).toEqual([
      "/ko/01-the-incident",
      "/ko/09-effects-own-tools",
      "/ko/10-finding-n",
    ])
    expect(sections.reference.map((page) => page.title)).toEqual(["Benchmarks", "Glossary"])
  })

  it("a page's title is its first heading outside code blocks, without code ticks", () => {
    expect(titleOf("```sh\n# not this\n```\n\n# The `pooled` runner\n", "fallback")).toBe("The pooled runner")
    expect(titleOf("no heading here\n", "fallback")).toBe("fallback")
  })

  it("the repository's chapters are all in the sidebar, in both languages, in the same order", () => {
    const en = readSections(join(repo, "docs"), "").chapters.map((page) => page.file)
    const ko = readSections(join(repo, "docs/ko"), "/ko").chapters.map((page) => page.file)
    expect(en.length).toBeGreaterThanOrEqual(9)
    expect(ko).toEqual(en)
  })
})
