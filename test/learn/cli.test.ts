/**
 * The tool without a terminal: `learn --check` and `--check N` for CI and for
 * learners who cannot keep a watch loop open, the commands run once from the
 * command line, bad flags refused in the kit's one message shape, and the
 * commands' rules (no forced advance, solutions only once solved, reset from
 * what the track shipped) on a copy of the exercises.
 */
import { afterAll, describe, expect, it } from "@effect/vitest"
import { readFileSync, rmSync, writeFileSync } from "node:fs"
import { dirname, join } from "node:path"
import { runCommand } from "../../learn/commands.ts"
import { fresh, markSolved, readProgress } from "../../learn/progress.ts"
import { track } from "../../learn/track/index.ts"
import { copyOfExercises, learn, root } from "./run.ts"

const copies: Array<string> = []
const copy = () => {
  const dir = copyOfExercises()
  copies.push(dirname(dir))
  return dir
}
afterAll(() => {
  for (const dir of copies) rmSync(dir, { recursive: true, force: true })
})

describe("learn --check: the same checks, once, without a terminal", { timeout: 600_000 }, () => {
  it("passes every shipped solution and exits 0", async () => {
    const { code, stdout } = await learn(["--check", "--dir", join(root, "solutions")])
    expect(stdout).toContain(`${track.length} of ${track.length} solved`)
    expect(code).toBe(0)
  })

  it("fails every exercise as shipped, one line each with its lesson, exits 1 and records nothing solved", async () => {
    const dir = copy()
    const { code, stdout } = await learn(["--check", "--dir", dir])
    expect(code).toBe(1)
    expect(stdout).toContain(`0 of ${track.length} solved`)
    const lines = stdout.split("\n").filter((line) => /^[✓✗◌] +\d+ /.test(line))
    expect(lines).toHaveLength(track.length)
    for (const exercise of track) expect(lines[exercise.number - 1]).toContain(exercise.untouched)
    expect((await readProgress(dir, track.length)).solved).toEqual([])
  })

  it("--check N prints the whole verdict of exercise N, in Korean under LANG=ko_KR.UTF-8, and records a pass", async () => {
    const dir = copy()
    const failing = await learn(["--check", "1", "--dir", dir], { LANG: "ko_KR.UTF-8" })
    expect(failing.code).toBe(1)
    expect(failing.stdout).toContain("✗ 아직입니다")
    expect(failing.stdout).toContain("상품 40개를 한꺼번에 동기화했습니다")
    writeFileSync(join(dir, track[0]!.file), readFileSync(join(root, "solutions", track[0]!.file)))
    const passing = await learn(["--check", "1", "--dir", dir, "--lang", "en"])
    expect(passing.stdout).toContain("✓ Solved!")
    expect(passing.code).toBe(0)
    expect((await readProgress(dir, track.length)).solved).toEqual([1])
  })

  it("refuses a bad flag with exit 2 and the kit's message shape", async () => {
    const language = await learn(["--lang", "fr"])
    expect(language.code).toBe(2)
    expect(language.stderr).toContain('Invalid option "--lang": expected "en" or "ko", got "fr"')
    const number = await learn(["--check", "99"])
    expect(number.code).toBe(2)
    expect(number.stderr).toContain(
      `Invalid option "--check": expected an exercise number from 1 to ${track.length}, got "99"`,
    )
  })

  it("runs one command from the command line and keeps the progress", async () => {
    const dir = copy()
    const hint = await learn(["hint", "--dir", dir])
    expect(hint.code).toBe(0)
    expect(hint.stdout).toContain("hints (1 of 3)")
    expect(hint.stdout).toContain("✗ Not yet")
    const list = await learn(["list", "--dir", dir])
    expect(list.stdout).toContain(`▶ ·  1 ch.1 fix`)
    expect((await readProgress(dir, track.length)).hintsShown).toEqual({ "1": 1 })
  })
})

describe("the commands: hints, moving on, solutions, reset", () => {
  const withCopy = () => copy()

  it("hint shows one more hint each time, up to the last, and they stay shown", async () => {
    let progress = fresh
    for (let i = 1; i <= 4; i++) progress = (await runCommand("hint", progress, withCopy())).progress
    expect(progress.hintsShown["1"]).toBe(track[0]!.hints.length)
  })

  it("next refuses an unsolved exercise (no forced advance either way); skip moves on and marks it skipped", async () => {
    const dir = withCopy()
    const next = await runCommand("next", fresh, dir)
    expect(next.progress.current).toBe(1)
    expect(next.notice?.en).toContain("Exercise 1 is not solved yet")
    const skip = await runCommand("skip", fresh, dir)
    expect(skip.progress.current).toBe(2)
    expect(skip.progress.skipped).toEqual([1])
    const after = await runCommand("next", markSolved(fresh, 1), dir)
    expect(after.progress.current).toBe(2)
  })

  it("start N goes to exercise N; a number out of range is refused with the range", async () => {
    const dir = withCopy()
    expect((await runCommand("start 5", fresh, dir)).progress.current).toBe(5)
    const wrong = await runCommand(`start ${track.length + 1}`, fresh, dir)
    expect(wrong.progress.current).toBe(1)
    expect(wrong.notice?.en).toContain(`from 1 to ${track.length}`)
  })

  it("solution is refused until the exercise is solved, then shows the shipped solution", async () => {
    const dir = withCopy()
    const before = await runCommand("solution", fresh, dir)
    expect(before.show).toBe("exercise")
    expect(before.notice?.en).toContain("once exercise 1 is solved")
    const after = await runCommand("solution", markSolved(fresh, 1), dir)
    expect(after.show).toEqual({ text: readFileSync(join(root, "solutions", track[0]!.file), "utf8") })
  })

  it("reset N puts the file back as shipped and forgets its progress", async () => {
    const dir = withCopy()
    const file = join(dir, track[2]!.file)
    writeFileSync(file, "export const chunkedStarts = [1, 2, 3]\n")
    const solvedWithHints = { ...markSolved(fresh, 3), hintsShown: { "3": 2 } }
    const outcome = await runCommand("reset 3", solvedWithHints, dir)
    expect(readFileSync(file, "utf8")).toBe(readFileSync(join(root, "exercises", track[2]!.file), "utf8"))
    expect(outcome.progress.solved).toEqual([])
    expect(outcome.progress.hintsShown).toEqual({})
  })
})
