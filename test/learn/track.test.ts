/**
 * The learner's track keeps its promises: every shipped solution passes its
 * check; every exercise as shipped fails, with the message its lesson names
 * (a teaching message, never a stack trace, and never a pass by accident);
 * every chapter has exercises; hints and texts exist in English and Korean.
 * Checked in process, as the watch loop checks a save.
 */
import { describe, expect, it } from "@effect/vitest"
import { readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"
import { fileURLToPath } from "node:url"
import { checkSource } from "../../learn/check.ts"
import { readingOrder } from "../../learn/exercise.ts"
import { track } from "../../learn/track/index.ts"

const root = fileURLToPath(new URL("../..", import.meta.url))
const read = (dir: string, file: string) => readFileSync(join(root, dir, file), "utf8")
const hangul = /[\uac00-\ud7a3]/

describe("every shipped solution passes its check", () => {
  for (const exercise of track) {
    it(`${exercise.number} ${exercise.file}`, async () => {
      const verdict = await checkSource(exercise, exercise.file, read("solutions", exercise.file))
      expect(verdict).toEqual({ _tag: "Solved" })
    })
  }
})

describe("every exercise as shipped fails with the message of its lesson", () => {
  for (const exercise of track) {
    it(`${exercise.number} ${exercise.file}: "${exercise.untouched}"`, async () => {
      const verdict = await checkSource(exercise, exercise.file, read("exercises", exercise.file))
      expect(verdict._tag).not.toBe("Solved")
      expect(verdict._tag).not.toBe("Broken")
      if (verdict._tag === "Solved") return
      expect(verdict.text.en).toContain(exercise.untouched)
      expect(verdict.text.ko).toMatch(hangul)
      // A lesson, not a crash: no stack frames anywhere in what the learner reads.
      expect(`${verdict.text.en}\n${verdict.text.ko}`).not.toMatch(/\n\s+at /)
    })
  }
})

describe("the track covers every chapter, in reading order", () => {
  it("has at least 24 exercises, numbered 1..n, and every chapter has some", () => {
    expect(track.length).toBeGreaterThanOrEqual(24)
    expect(track.map((exercise) => exercise.number)).toEqual(track.map((_, i) => i + 1))
    for (const chapter of readingOrder) {
      expect(track.filter((exercise) => exercise.chapter === chapter).length).toBeGreaterThanOrEqual(2)
    }
  })

  it("numbers exercises in the chapters' reading order (1, 2, 3, 9, 4, 5, 6, 7, 8, 10)", () => {
    const positions = track.map((exercise) => readingOrder.indexOf(exercise.chapter))
    expect(positions).toEqual([...positions].sort((a, b) => a - b))
  })

  it("has every kind: predict, implement, fix and size", () => {
    expect(new Set(track.map((exercise) => exercise.kind))).toEqual(new Set(["predict", "implement", "fix", "size"]))
  })

  it("ships exactly one exercise and one solution file per exercise, under the same name", () => {
    const files = (dir: string) => readdirSync(join(root, dir)).filter((file) => /^\d\d-.*\.ts$/.test(file)).sort()
    const expected = track.map((exercise) => exercise.file).sort()
    expect(files("exercises")).toEqual(expected)
    expect(files("solutions")).toEqual(expected)
  })
})

describe("every exercise speaks English and Korean", () => {
  for (const exercise of track) {
    it(`${exercise.number} ${exercise.file}: its file, title, hints and TODO message`, () => {
      const source = read("exercises", exercise.file)
      expect(source).toContain(`Exercise ${exercise.number} · ${exercise.kind} · chapter ${exercise.chapter}`)
      expect(source).toContain(`연습 ${exercise.number} · `)
      expect(source).toContain("TODO")
      expect(exercise.hints.length).toBeGreaterThanOrEqual(2)
      expect(exercise.hints.length).toBeLessThanOrEqual(3)
      for (const text of [exercise.title, exercise.todo, ...exercise.hints]) {
        expect(text.en.length).toBeGreaterThan(0)
        expect(text.ko).toMatch(hangul)
      }
    })
  }
})
