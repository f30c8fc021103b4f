/**
 * Where things are: the repository (beside this folder), the learner's
 * exercises, the solutions, and the file of an exercise as the track shipped
 * it (for `reset`).
 */
import { execFile } from "node:child_process"
import { readFile, writeFile } from "node:fs/promises"
import { join, relative, resolve } from "node:path"
import { fileURLToPath } from "node:url"
import type { Exercise } from "./exercise.ts"

/**
 * This module's URL. (`deno check` types files that tsconfig.json includes with
 * its `types: ["node"]`, whose `ImportMeta` lacks `url`; both runtimes set it.)
 */
const here: string = (import.meta as { readonly url: string }).url

export const repoRoot: string = fileURLToPath(new URL("..", here))
export const shippedExercises: string = join(repoRoot, "exercises")
export const solutionsDir: string = join(repoRoot, "solutions")

/** A path to show: relative to the working directory when inside it. */
export const shown = (path: string): string => {
  const rel = relative(process.cwd(), path)
  return rel.startsWith("..") ? path : rel
}

const gitShow = (path: string): Promise<string | undefined> =>
  new Promise((done) => {
    execFile("git", ["-C", repoRoot, "show", `HEAD:${path}`], { maxBuffer: 1024 * 1024 }, (error, stdout) => {
      done(error ? undefined : stdout)
    })
  })

/**
 * The exercise file as shipped: from git's HEAD in the repository; when the
 * learner works in a folder of their own (`--dir`), the repository's copy will
 * do. Undefined when neither can be read.
 */
export const shippedStub = async (exercise: Exercise, learnerDir: string): Promise<string | undefined> => {
  const fromGit = await gitShow(`exercises/${exercise.file}`)
  if (fromGit !== undefined) return fromGit
  if (resolve(learnerDir) === resolve(shippedExercises)) return undefined
  return readFile(join(shippedExercises, exercise.file), "utf8").catch(() => undefined)
}

/** Puts exercise `exercise` back as shipped; false when it could not. */
export const restoreStub = async (exercise: Exercise, learnerDir: string): Promise<boolean> => {
  const stub = await shippedStub(exercise, learnerDir)
  if (stub === undefined) return false
  await writeFile(join(learnerDir, exercise.file), stub)
  return true
}

export const readSolution = (exercise: Exercise): Promise<string | undefined> =>
  readFile(join(solutionsDir, exercise.file), "utf8").catch(() => undefined)
