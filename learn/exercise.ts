/**
 * What an exercise is: a file the learner edits (exercises/NN-slug.ts), the
 * chapter it practises, what kind of work it asks for, hints from vague to
 * specific, and the check that says whether it is right.
 */
import type { Check } from "./kit.ts"
import { type Text, text } from "./text.ts"

/** predict: fill in the numbers; implement: write the effect; fix: repair what is there; size: choose N with arithmetic. */
export type Kind = "predict" | "implement" | "fix" | "size"

export const kindName: Readonly<Record<Kind, Text>> = {
  predict: text("predict", "예측"),
  implement: text("implement", "구현"),
  fix: text("fix", "고치기"),
  size: text("size", "크기 정하기"),
}

export type Chapter = 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9 | 10

export const chapters: Readonly<Record<Chapter, { readonly title: Text; readonly page: string }>> = {
  1: { title: text("The incident", "장애"), page: "01-the-incident.md" },
  2: { title: text("Chunked vs pooled", "Chunked vs pooled"), page: "02-chunked-vs-pooled.md" },
  3: { title: text("Testing time without waiting", "기다리지 않고 시간 테스트하기"), page: "03-testing-time.md" },
  4: { title: text("The SQL pool", "SQL 풀"), page: "04-the-sql-pool.md" },
  5: { title: text("Failures and interruption", "실패와 인터럽트"), page: "05-failures-and-interruption.md" },
  6: { title: text("One connection budget", "커넥션 예산 하나"), page: "06-connection-budget.md" },
  7: {
    title: text("From promise-pool, p-limit and p-map", "promise-pool, p-limit, p-map에서 옮겨 오기"),
    page: "07-from-promise-pool.md",
  },
  8: { title: text("Beyond one process", "프로세스 하나를 넘어서"), page: "08-beyond-one-process.md" },
  9: { title: text("Effect's own tools", "Effect가 기본으로 주는 도구들"), page: "09-effects-own-tools.md" },
  10: { title: text("Finding N", "N 찾기"), page: "10-finding-n.md" },
}

/** The chapters in reading order (docs/README.md: chapter 9 right after chapter 3). */
export const readingOrder: ReadonlyArray<Chapter> = [1, 2, 3, 9, 4, 5, 6, 7, 8, 10]

export interface ExerciseDefinition {
  /** The file is exercises/NN-slug.ts (and solutions/NN-slug.ts). */
  readonly slug: string
  readonly chapter: Chapter
  readonly kind: Kind
  readonly title: Text
  /** What the verdict says while a `todo()` is left in the file. */
  readonly todo: Text
  /** Words (English) that the untouched file's verdict says: the tests hold every stub to its lesson. */
  readonly untouched: string
  /** Two or three, each more specific than the one before. */
  readonly hints: ReadonlyArray<Text>
  readonly check: Check
}

export interface Exercise extends ExerciseDefinition {
  /** 1-based, in reading order. */
  readonly number: number
  /** `NN-slug.ts`, the same name in exercises/ and solutions/. */
  readonly file: string
}
