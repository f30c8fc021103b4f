/**
 * Product ids read one keyset page at a time: each page starts after the last
 * id seen, and the stream stops without an extra empty query.
 */
import { describe, expect, it } from "@effect/vitest"
import { Chunk, Effect, Fiber, Stream, TestClock } from "effect"
import { productIds } from "../../../src/internal/sync/productIds.ts"
import { makeSimulatedRepository } from "../../../src/internal/sync/simulatedRepository.ts"
import type { PageRequest } from "../../../src/internal/sync/Store.ts"

const ids = (n: number): Array<number> => Array.from({ length: n }, (_, i) => i + 1)

/** A simulated store whose page reads are recorded. */
const recordingStore = (products: number, pages: Array<PageRequest>) =>
  Effect.map(makeSimulatedRepository({ products, poolSize: 2 }), ({ repository }) => ({
    pageIds: (page: PageRequest) => Effect.zipRight(Effect.sync(() => pages.push(page)), repository.pageIds(page)),
  }))

const run = <A, E, R>(effect: Effect.Effect<A, E, R>) =>
  Effect.gen(function* () {
    const fiber = yield* Effect.fork(effect)
    yield* TestClock.adjust("1 minute")
    return yield* Fiber.join(fiber)
  })

describe("productIds: keyset pagination of product ids", () => {
  it.effect("pages of 3 over 10 products yield exactly 1..10, each page starting after the last id seen", () =>
    Effect.gen(function* () {
      const pages: Array<PageRequest> = []
      const repo = yield* recordingStore(10, pages)
      const seen = yield* run(Stream.runCollect(productIds(repo, { upTo: 10, pageSize: 3 })))
      expect(Chunk.toArray(seen)).toEqual(ids(10))
      expect(pages.map((p) => p.after)).toEqual([0, 3, 6, 9])
    }))

  it.effect("a full last page that reaches upTo ends the stream without an extra empty query", () =>
    Effect.gen(function* () {
      const pages: Array<PageRequest> = []
      const repo = yield* recordingStore(9, pages)
      const seen = yield* run(Stream.runCollect(productIds(repo, { upTo: 9, pageSize: 3 })))
      expect(Chunk.toArray(seen)).toEqual(ids(9))
      expect(pages).toHaveLength(3)
    }))

  it.effect("the next page is asked for as soon as the current one is emitted, one page ahead and no more", () =>
    Effect.gen(function* () {
      const pages: Array<PageRequest> = []
      const repo = yield* recordingStore(10, pages)
      const taken: Array<number> = []
      // Pages of 3 read while the first id is worked on (each id takes 1 second): pages 1 and 2, not 3.
      const fiber = yield* Effect.fork(
        Stream.runForEach(
          productIds(repo, { upTo: 10, pageSize: 3 }),
          (id) => Effect.zipRight(Effect.sync(() => taken.push(id)), Effect.sleep("1 second")),
        ),
      )
      yield* TestClock.adjust("500 millis")
      expect(taken).toEqual([1])
      expect(pages.map((p) => p.after)).toEqual([0, 3])
      yield* TestClock.adjust("1 minute")
      yield* Fiber.join(fiber)
      expect(taken).toEqual(ids(10))
      expect(pages.map((p) => p.after)).toEqual([0, 3, 6, 9])
    }))

  it.effect("upTo bounds the ids even when the table holds more", () =>
    Effect.gen(function* () {
      const repo = yield* recordingStore(25, [])
      const seen = yield* run(Stream.runCollect(productIds(repo, { upTo: 10, pageSize: 4 })))
      expect(Chunk.toArray(seen)).toEqual(ids(10))
    }))
})
