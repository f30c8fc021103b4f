/**
 * The CLI's bundle reads each import of a package index as the module it
 * names (scripts/build-cli.ts): the same objects, so the program is
 * unchanged, while the bundler keeps only the code a start uses. The bundle
 * itself runs in scripts/pack-smoke.sh, from the packed tarball.
 */
import { describe, expect, it } from "@effect/vitest"
import { importModules } from "../../scripts/build-cli.ts"

const modules = new Map([
  ["effect", new Map([["Effect", "Effect"], ["Schema", "Schema"], ["Option", "Option"]])],
  ["@effect/sql", new Map([["SqlClient", "SqlClient"]])],
])

describe("importModules: index imports read as the modules they name", () => {
  it("each module name becomes its own module's import; aliases kept; names that are not modules stay on the index", () => {
    expect(importModules(`import { Effect, Schema as S, pipe } from "effect"`, modules)).toBe(
      `import * as Effect from "effect/Effect"; import * as S from "effect/Schema"; import { pipe } from "effect"`,
    )
  })

  it("type-only names are dropped (the compiler erases them anyway); a list over several lines stays on one", () => {
    const source = `import {\n  type Layer,\n  Option,\n} from "effect"\nconst x = 1`
    expect(importModules(source, modules)).toBe(`import * as Option from "effect/Option"\nconst x = 1`)
  })

  it("scoped packages too; unknown packages, deep imports and type-only imports are left alone", () => {
    expect(importModules(`import { SqlClient } from "@effect/sql"`, modules)).toBe(
      `import * as SqlClient from "@effect/sql/SqlClient"`,
    )
    for (
      const untouched of [
        `import { Command } from "@effect/cli"`,
        `import * as Effect from "effect/Effect"`,
        `import type { Effect } from "effect"`,
        `import { describe } from "vitest"`,
      ]
    ) expect(importModules(untouched, modules)).toBe(untouched)
  })
})
