/**
 * Exercise 4 · implement · chapter 2, Chunked vs pooled (docs/02-chunked-vs-pooled.md)
 *
 * The first fix that comes to mind after the incident:
 *
 *     for (const chunk of chunksOf(items, size)) await Promise.all(chunk.map(task))
 *
 * TODO: write it with Effect, without the kit's `chunked`: chunks of `size`,
 * one after another, every task of a chunk at once. Results in input order,
 * and each task gets its item's index in the whole input (not in its chunk).
 *
 * ---
 * 연습 4 · 구현 · 2장, Chunked vs pooled (docs/ko/02-chunked-vs-pooled.md)
 *
 * 장애 뒤에 가장 먼저 떠오르는 해결책입니다.
 *
 *     for (const chunk of chunksOf(items, size)) await Promise.all(chunk.map(task))
 *
 * TODO: 키트의 `chunked` 없이 Effect로 작성하세요. `size`개짜리 청크를 차례로,
 * 청크 안의 태스크는 한꺼번에. 결과는 입력 순서대로, 각 태스크는 (청크 안이 아닌)
 * 전체 입력에서의 인덱스를 받습니다.
 */
import type { Effect } from "effect"
import { todo } from "./todo.ts"

export const inChunks = <A, B, E>(
  items: ReadonlyArray<A>,
  task: (item: A, index: number) => Effect.Effect<B, E>,
  size: number,
): Effect.Effect<Array<B>, E> => todo(items, task, size)
