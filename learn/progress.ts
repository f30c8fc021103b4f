/**
 * The learner's progress, kept in their own copy: `<exercises>/.learn-progress.json`
 * (git-ignored). Which exercise is current, which are solved or skipped, and
 * how many hints of each have been shown. Nothing here advances by itself:
 * solving an exercise marks it solved and leaves it current until `next`.
 */
import { readFile, rename, writeFile } from "node:fs/promises"
import { join } from "node:path"

export interface Progress {
  /** The exercise the watch loop runs, 1-based. */
  readonly current: number
  readonly solved: ReadonlyArray<number>
  readonly skipped: ReadonlyArray<number>
  /** Hints shown, by exercise number. */
  readonly hintsShown: Readonly<Record<string, number>>
}

export const progressFile = ".learn-progress.json"

export const fresh: Progress = { current: 1, solved: [], skipped: [], hintsShown: {} }

const numbers = (value: unknown): Array<number> =>
  Array.isArray(value) ? value.filter((n): n is number => Number.isInteger(n) && n > 0) : []

/** Reads the progress of `dir`; a missing or unreadable file is a fresh start. */
export const readProgress = async (dir: string, exercises: number): Promise<Progress> => {
  let raw: unknown
  try {
    raw = JSON.parse(await readFile(join(dir, progressFile), "utf8"))
  } catch {
    return fresh
  }
  const record = (typeof raw === "object" && raw !== null ? raw : {}) as Record<string, unknown>
  const current = Number.isInteger(record["current"]) ? record["current"] as number : 1
  const hints =
    (typeof record["hintsShown"] === "object" && record["hintsShown"] !== null ? record["hintsShown"] : {}) as Record<
      string,
      unknown
    >
  return {
    current: Math.min(Math.max(current, 1), exercises),
    solved: numbers(record["solved"]).filter((n) => n <= exercises),
    skipped: numbers(record["skipped"]).filter((n) => n <= exercises),
    hintsShown: Object.fromEntries(
      Object.entries(hints).filter((entry): entry is [string, number] => Number.isInteger(entry[1])),
    ),
  }
}

/** Writes the progress of `dir` (to a temporary file first, so a crash never leaves half a file). */
export const writeProgress = async (dir: string, progress: Progress): Promise<void> => {
  const file = join(dir, progressFile)
  await writeFile(`${file}.tmp`, JSON.stringify(progress, null, 2) + "\n")
  await rename(`${file}.tmp`, file)
}

const without = (list: ReadonlyArray<number>, n: number) => list.filter((m) => m !== n)
const sorted = (list: ReadonlyArray<number>) => [...new Set(list)].sort((a, b) => a - b)

export const isSolved = (progress: Progress, n: number): boolean => progress.solved.includes(n)
export const isSkipped = (progress: Progress, n: number): boolean => progress.skipped.includes(n)

export const markSolved = (progress: Progress, n: number): Progress => ({
  ...progress,
  solved: sorted([...progress.solved, n]),
  skipped: without(progress.skipped, n),
})

export const markSkipped = (progress: Progress, n: number): Progress => ({
  ...progress,
  skipped: sorted([...progress.skipped, n]),
})

/** The first exercise after `n` that is not solved, wrapping around; undefined when every one is. */
export const nextUnsolved = (progress: Progress, n: number, exercises: number): number | undefined => {
  for (let step = 1; step <= exercises; step++) {
    const candidate = ((n - 1 + step) % exercises) + 1
    if (!isSolved(progress, candidate)) return candidate
  }
  return undefined
}

export const hintsShownOf = (progress: Progress, n: number): number => progress.hintsShown[String(n)] ?? 0

export const showHint = (progress: Progress, n: number, available: number): Progress => ({
  ...progress,
  hintsShown: { ...progress.hintsShown, [String(n)]: Math.min(hintsShownOf(progress, n) + 1, available) },
})

/** Exercise `n` as if never started: not solved, not skipped, no hints shown. */
export const forget = (progress: Progress, n: number): Progress => {
  const { [String(n)]: _, ...hintsShown } = progress.hintsShown
  return { ...progress, solved: without(progress.solved, n), skipped: without(progress.skipped, n), hintsShown }
}
